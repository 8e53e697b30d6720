// Stage "rewrite": the readability rewrites, as registered rules.
//
// Every rule turns the compiler's text into byte-range edits (or, for formatting, re-indents
// the result); none re-prints code it did not change. The export stage applies the rules one by
// one and keeps a rule only if the validator (validate/equivalence.h) proves its output
// equivalent to the compiler's; this stage itself proves nothing.
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <vector>

#include "bind/binding.h"
#include "bind/naming.h"

namespace ttl {

/// The rules, in the order they are applied. `format` always runs last.
enum class Rule : uint8_t { kCasts, kRename, kCbNames, kConstants, kComments, kFormat };
constexpr size_t kRuleCount = 6;

struct RewriteRule {
    Rule rule;
    const char* name;  ///< the `--no-<name>` option
    const char* summary;  ///< one line for `--help` and the docs
};
/// Every rule, in Rule order.
const std::vector<RewriteRule>& rewrite_rules();

/// A set of rules.
class Rules {
public:
    static Rules all() { return Rules(std::bitset<kRuleCount>().set()); }
    static Rules only(Rule rule) { return Rules().add(rule); }
    bool has(Rule rule) const { return bits_.test(static_cast<size_t>(rule)); }
    Rules& add(Rule rule) {
        bits_.set(static_cast<size_t>(rule));
        return *this;
    }
    Rules& remove(Rule rule) {
        bits_.reset(static_cast<size_t>(rule));
        return *this;
    }
    bool empty() const { return bits_.none(); }
    bool operator==(const Rules&) const = default;
    Rules() = default;

private:
    explicit Rules(std::bitset<kRuleCount> bits) : bits_(bits) {}
    std::bitset<kRuleCount> bits_;
};

struct RewriteInput {
    const KernelFile* file = nullptr;
    const KernelBinding* binding = nullptr;
    const NamingPlan* plan = nullptr;
    const TtlKernel* kernel = nullptr;  ///< may be null
    std::string source_name;  ///< the TT-Lang file, for the header comment
    std::string style = "tt-metal";  ///< "tt-metal" (4 spaces) or "tt-lang" (2 spaces)
    std::string formatter = "builtin";  ///< "builtin", "auto" (clang-format if installed), "clang-format"
};

/// One TT-Lang statement the comments rule wrote above the C++ it made.
struct SourceMapEntry {
    uint32_t source_line = 0;
    std::string statement;  ///< as written in the kernel's comment
};

struct RewriteOutput {
    std::string text;
    std::vector<SourceMapEntry> source_map;  ///< in the order the statements are placed
    int renamed = 0;
    int casts_removed = 0;
    int temporaries_removed = 0;
    int cb_names = 0;
    int constants = 0;  ///< made constexpr
    int constants_split = 0;  ///< split into one constant per role
    std::vector<std::string> notes;  ///< what a rule left alone and why
};

/// Where each source-map statement sits in `text`: the first and last (1-based) C++ lines it
/// explains, from the line after its comment to the line before the next mapped statement's
/// comment or the end of its block; {0, 0} when its comment is not found.
std::vector<std::pair<uint32_t, uint32_t>> source_map_lines(const std::string& text,
                                                            const std::vector<SourceMapEntry>& map);

/// Applies the rules in `enabled`.
RewriteOutput rewrite_kernel(const RewriteInput& input, Rules enabled);

/// The formatter `format` uses for `requested` ("auto", "builtin" or "clang-format"): "builtin" or
/// "clang-format"; empty when clang-format was required but is not installed.
std::string resolve_formatter(const std::string& requested);

/// Re-indents C++ text by brace depth (the built-in formatter): `indent` spaces a level,
/// continuation lines one level deeper, preprocessor lines at column 0. Tokens are untouched.
std::string reindent(std::string text, int indent);

}  // namespace ttl
