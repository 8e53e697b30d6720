// The structural parser of the kernel reader.
//
// It works on the significant tokens (no whitespace or comments) after a bracket pass that
// pairs every (), [] and {} and rejects unbalanced input. Knowing each bracket's partner lets
// the parser skip any construct it does not model in one step and keep it as an opaque
// statement. Expressions are parsed by precedence climbing with the C++ operator table.
// Template arguments are recognised by trying to parse `<...>` after a name that is not a
// known local variable; on failure the parser backtracks and reads `<` as less-than.
// Recursion is bounded by kMaxDepth so that hostile nesting is an error, not a stack overflow.
#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "read/cpp_lexer.h"
#include "read/kernel_reader.h"

namespace ttl {

namespace {

constexpr int kMaxDepth = 200;
// The depth of an expression tree. Chains such as `a + b + c ...`, `f()()...` or `a.b.c...`
// are parsed by loops, not recursion, but every later stage walks expressions recursively:
// bounding the tree keeps those walks off the end of the stack.
constexpr uint16_t kMaxExprDepth = 1000;
constexpr size_t kMaxTemplateArgs = 255;

bool is_builtin_type_keyword(std::string_view w) {
    static constexpr std::string_view kWords[] = {"auto",    "bool",   "char",     "char16_t", "char32_t",
                                                  "char8_t", "double", "float",    "int",      "long",
                                                  "short",   "signed", "unsigned", "void",     "wchar_t"};
    return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

bool is_decl_specifier(std::string_view w) {
    static constexpr std::string_view kWords[] = {"const",  "constexpr",    "consteval", "constinit",
                                                  "extern", "inline",       "mutable",   "register",
                                                  "static", "thread_local", "typename",  "volatile"};
    return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

/// Integer and floating typedef names that are certainly types (for C-style cast detection).
bool is_known_scalar_typedef(std::string_view w) {
    if (w.size() < 6 || w[w.size() - 2] != '_' || w.back() != 't') return false;  // all end in "_t"
    static constexpr std::string_view kWords[] = {"int16_t",   "int32_t", "int64_t",  "int8_t",   "intptr_t",
                                                  "ptrdiff_t", "size_t",  "ssize_t",  "uint16_t", "uint32_t",
                                                  "uint64_t",  "uint8_t", "uintptr_t"};
    if (w.substr(0, 5) == "std::") w.remove_prefix(5);
    return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// Each significant token gets a one-byte code, computed once per file: a punctuator's number
// (1..kPunctCount), one of the word classes below, or 0. Comparing a token with a literal
// punctuator is then one byte comparison: pack_punct("(") folds to a constant.
constexpr std::string_view kPunctuators[] = {
    "{",  "}",   "[",  "]",  "(",  ")",  ";",  ",",   "?",  "~",  ":", "::", ".",  "...", ".*", "<",  "<=>",
    "<<", "<<=", "<=", ">",  ">=", "-",  "->", "->*", "--", "-=", "+", "++", "+=", "&",   "&&", "&=", "|",
    "||", "|=",  "=",  "==", "!",  "!=", "*",  "*=",  "/",  "/=", "%", "%=", "^",  "^=",  "#",  "##"};
constexpr uint8_t kPunctCount = static_cast<uint8_t>(std::size(kPunctuators));
constexpr uint8_t kBuiltinType = 250;  // keyword `int`, `unsigned`, `auto`, ...
constexpr uint8_t kDeclSpecifier = 251;  // keyword `const`, `constexpr`, `static`, ...
constexpr uint8_t kScalarTypedef = 252;  // identifier `size_t`, `int32_t`, ...
static_assert(kPunctCount < kBuiltinType);

/// The code of punctuators of one and two bytes by their bytes; three-byte ones are few.
struct PunctTables {
    std::array<uint8_t, 128> one{};
    std::array<std::array<uint8_t, 128>, 128> two{};
};
constexpr PunctTables kPunctTables = [] {
    PunctTables t;
    for (size_t i = 0; i < std::size(kPunctuators); ++i) {
        std::string_view p = kPunctuators[i];
        auto code = static_cast<uint8_t>(i + 1);
        auto byte = [](char c) { return static_cast<size_t>(static_cast<unsigned char>(c)); };
        if (p.size() == 1) t.one[byte(p[0])] = code;
        if (p.size() == 2) t.two[byte(p[0])][byte(p[1])] = code;
    }
    return t;
}();

/// The code of punctuator `s`, or 0 when it is not one of kPunctuators.
constexpr uint8_t pack_punct(std::string_view s) {
    if (s.empty() || s.size() > 3) return 0;
    auto c0 = static_cast<unsigned char>(s[0]);
    if (c0 >= 128) return 0;
    if (s.size() == 1) return kPunctTables.one[c0];
    auto c1 = static_cast<unsigned char>(s[1]);
    if (c1 >= 128) return 0;
    if (s.size() == 2) return kPunctTables.two[c0][c1];
    for (size_t i = 0; i < std::size(kPunctuators); ++i) {
        if (kPunctuators[i].size() == 3 && kPunctuators[i] == s) return static_cast<uint8_t>(i + 1);
    }
    return 0;
}
static_assert(pack_punct("(") == 5 && pack_punct("->*") == 25 && pack_punct("##") == kPunctCount);
constexpr bool is_punct_code(uint8_t code) {
    return code != 0 && code <= kPunctCount;
}

/// A punctuator written as a literal, e.g. at(p, "::"): its code is computed at compile time,
/// and a text that is not a punctuator does not compile.
struct Punct {
    uint8_t code;
    consteval Punct(const char* text) : code(pack_punct(text)) {  // NOLINT: implicit on purpose
        if (code == 0) throw "not one of kPunctuators";
    }
};

constexpr bool is_prefix_op(uint8_t code) {
    switch (code) {
        case pack_punct("-"):
        case pack_punct("+"):
        case pack_punct("!"):
        case pack_punct("~"):
        case pack_punct("*"):
        case pack_punct("&"):
        case pack_punct("++"):
        case pack_punct("--"): return true;
        default: return false;
    }
}

struct BinaryOp {
    std::string_view text;
    int precedence = 0;  // 0: not a binary operator
    int length = 1;  // in tokens (`>>` is two `>` tokens)
};

class Parser {
public:
    Parser(KernelFile& kernel, Diagnostics& diagnostics) : k_(kernel), src_(*kernel.source), diags_(diagnostics) {}

    bool run() {
        // Room for every token to be significant (70 % are in emitted code): reserved pages
        // that are never written cost nothing, a reallocation copies and faults in both.
        sig_.reserve(k_.tokens.size());
        code_.reserve(k_.tokens.size());
        k_.symbols.reserve(k_.tokens.size() / 32 + 16);
        for (TokenIndex i = 0; i < k_.tokens.size(); ++i) {
            Token& t = k_.tokens[i];
            if (!t.significant()) continue;
            sig_.push_back(i);
            std::string_view text = token_text(src_, k_.tokens, i);
            uint8_t code = 0;
            if (t.kind == TokenKind::kPunct) {
                code = pack_punct(text);
            } else if (t.kind == TokenKind::kKeyword) {
                code = is_builtin_type_keyword(text) ? kBuiltinType : is_decl_specifier(text) ? kDeclSpecifier : 0;
            } else if (t.kind == TokenKind::kIdentifier) {
                bool added = false;
                uint32_t symbol = k_.symbols.intern(text, added);
                if (added) symbol_class_.push_back(is_known_scalar_typedef(text) ? kScalarTypedef : 0);
                if (symbol >= Token::kNoSymbol) {
                    failed_ = true;
                    diags_.error(src_, t.begin,
                                 fmt::format("more than {} distinct identifiers in one file: the reader "
                                             "numbers them in 24 bits",
                                             Token::kNoSymbol - 1));
                    return false;
                }
                t.symbol = symbol;
                code = symbol_class_[symbol];
            }
            code_.push_back(code);
        }
        local_count_.assign(k_.symbols.size(), 0);
        end_ = static_cast<int32_t>(sig_.size());
        // Fewer expressions than two per three significant tokens in emitted code (0.42 measured
        // on the 100k-line benchmark kernel): reserve that many so the arenas are never copied.
        k_.exprs.reserve(sig_.size() * 2 / 3 + 16);
        expr_depth_.reserve(sig_.size() * 2 / 3 + 16);
        k_.expr_ids.reserve(sig_.size() * 2 / 3 + 16);
        k_.stmts.reserve(sig_.size() / 6 + 16);
        links_.reserve(sig_.size() / 6 + 16);
        k_.stmt_ids.reserve(sig_.size() / 6 + 16);
        k_.declarators.reserve(sig_.size() / 12 + 16);
        if (!pair_brackets()) return false;
        find_header_name();
        parse_items(static_cast<int32_t>(sig_.size()), k_.items, true);
        if (failed_) return false;
        flush_comments(static_cast<TokenIndex>(k_.tokens.size()), k_.items);
        find_entry();
        link_statements();
        return true;
    }

private:
    // ---- token access (positions are indices into sig_) ----
    int32_t end() const { return end_; }
    const Token& tok(int32_t pos) const { return k_.tokens[sig_[pos]]; }
    std::string_view txt(int32_t pos) const {
        return pos < end() ? token_text(src_, k_.tokens, sig_[pos]) : std::string_view();
    }
    bool at(int32_t pos, Punct punct) const { return pos < end() && code_[pos] == punct.code; }
    bool at_kw(int32_t pos, std::string_view word) const {
        return pos < end() && tok(pos).kind == TokenKind::kKeyword && txt(pos) == word;
    }
    bool at_kind(int32_t pos, TokenKind kind) const { return pos < end() && tok(pos).kind == kind; }
    bool adjacent(int32_t a, int32_t b) const { return b < end() && k_.tokens.end_of(sig_[a]) == tok(b).begin; }
    TokenRange range(int32_t first, int32_t last_exclusive) const {
        return TokenRange{sig_[first], sig_[std::max(first, last_exclusive - 1)]};
    }

    // ---- errors and depth ----
    void fatal(int32_t pos, std::string message) {
        if (failed_) return;
        failed_ = true;
        uint32_t offset = pos < end() ? tok(pos).begin : static_cast<uint32_t>(src_.text().size());
        diags_.error(src_, offset, std::move(message));
    }
    struct DepthGuard {
        Parser& p;
        bool ok;
        DepthGuard(Parser& parser, int32_t pos) : p(parser), ok(++parser.depth_ <= kMaxDepth) {
            if (!ok) {
                p.fatal(pos, fmt::format("nesting too deep: more than {} levels of brackets, "
                                         "blocks or operators",
                                         kMaxDepth));
            }
        }
        ~DepthGuard() { --p.depth_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
    };

    /// Sets the expression context flags for a nested construct and restores them after.
    struct ContextGuard {
        Parser& p;
        bool no_gt;
        bool in_list;
        ContextGuard(Parser& parser, bool new_no_gt, bool new_in_list)
            : p(parser), no_gt(parser.no_gt_), in_list(parser.in_list_) {
            p.no_gt_ = new_no_gt;
            p.in_list_ = new_in_list;
        }
        ~ContextGuard() {
            p.no_gt_ = no_gt;
            p.in_list_ = in_list;
        }
        ContextGuard(const ContextGuard&) = delete;
        ContextGuard& operator=(const ContextGuard&) = delete;
    };

    // ---- bracket pairing ----
    /// The position of the bracket that closes the opening bracket at `open`.
    int32_t closer(int32_t open) const {
        uint16_t d = close_distance_[static_cast<size_t>(open)];
        return d != kFarCloser ? open + d : far_closers_.find(open)->second;
    }
    static char closer_of(uint8_t opener) {
        return opener == pack_punct("(") ? ')' : opener == pack_punct("[") ? ']' : '}';
    }
    bool pair_brackets() {
        close_distance_.assign(sig_.size(), 0);
        std::vector<int32_t> stack;
        for (int32_t i = 0; i < end(); ++i) {
            uint8_t code = code_[i];
            if (code == 0) continue;
            if (code == pack_punct("(") || code == pack_punct("[") || code == pack_punct("{")) {
                stack.push_back(i);
            } else if (code == pack_punct(")") || code == pack_punct("]") || code == pack_punct("}")) {
                std::string_view t = txt(i);  // one byte
                if (stack.empty()) {
                    fatal(i, fmt::format("unmatched '{}': no opening bracket before it", t));
                    return false;
                }
                int32_t open = stack.back();
                char expected = closer_of(code_[open]);
                if (t[0] != expected) {
                    Location loc = src_.location(tok(open).begin);
                    fatal(i, fmt::format("expected '{}' to close '{}' from line {}, column {}, "
                                         "got '{}'",
                                         expected, txt(open), loc.line, loc.column, t));
                    return false;
                }
                stack.pop_back();
                if (i - open < kFarCloser) {
                    close_distance_[open] = static_cast<uint16_t>(i - open);
                } else {
                    close_distance_[open] = kFarCloser;
                    far_closers_.emplace(open, i);
                }
            }
        }
        if (!stack.empty()) {
            int32_t open = stack.back();
            char expected = closer_of(code_[open]);
            fatal(open,
                  fmt::format("'{}' is never closed: expected '{}' before the end of the file", txt(open), expected));
            return false;
        }
        return true;
    }

    // ---- arenas ----
    ExprId add_expr(Expr e) {
        if (failed_) return kNone;  // a chain still being looped over after an error
        // Template arguments and children are one run of ids (see KernelFile::template_args).
        uint16_t depth = 0;
        for (uint32_t i = e.kids.first - e.template_count; i < e.kids.first + e.kids.count; ++i) {
            ExprId kid = k_.expr_ids[i];
            if (kid != kNone) depth = std::max(depth, expr_depth_[static_cast<size_t>(kid)]);
        }
        if (depth >= kMaxExprDepth) {
            fatal(std::max(p_ - 1, 0), fmt::format("nesting too deep: an expression more than {} levels deep (a long "
                                                   "chain of operators, calls or members)",
                                                   kMaxExprDepth));
            return kNone;
        }
        expr_depth_.push_back(static_cast<uint16_t>(depth + 1));
        k_.exprs.push_back(e);
        return static_cast<ExprId>(k_.exprs.size() - 1);
    }
    /// Appends ids to an arena (expr_ids or stmt_ids) and returns where they are.
    static IdSpan append(std::vector<int32_t>& arena, std::span<const int32_t> list) {
        IdSpan span{static_cast<uint32_t>(arena.size()), static_cast<uint32_t>(list.size())};
        arena.insert(arena.end(), list.begin(), list.end());
        return span;
    }
    /// Moves scratch[first..] (the innermost list being collected) into an arena.
    static IdSpan commit(std::vector<int32_t>& scratch, size_t first, std::vector<int32_t>& arena) {
        IdSpan span = append(arena, std::span<const int32_t>(scratch).subspan(first));
        scratch.resize(first);
        return span;
    }
    /// Stores a fixed list of children and returns its span.
    IdSpan ids(std::initializer_list<ExprId> list) { return append(k_.expr_ids, list); }
    /// Moves scratch_[first..] into the expression id arena and returns its span.
    IdSpan commit(size_t first) { return commit(scratch_, first, k_.expr_ids); }
    /// Where a statement's lists are in the arenas while parsing: Stmt's spans are set from
    /// these once the arenas no longer grow (link_statements).
    struct StmtLinks {
        IdSpan kids;  // in k_.stmt_ids
        IdSpan declarators;  // in k_.declarators
    };
    StmtId add_stmt(Stmt s, StmtLinks links = {}) {
        k_.stmts.push_back(s);
        links_.push_back(links);
        return static_cast<StmtId>(k_.stmts.size() - 1);
    }
    /// Stores a fixed list of statement children and returns its span.
    IdSpan stmt_ids(std::initializer_list<StmtId> list) { return append(k_.stmt_ids, list); }
    void link_statements() {
        for (size_t i = 0; i < k_.stmts.size(); ++i) {
            Stmt& s = k_.stmts[i];
            const StmtLinks& l = links_[i];
            s.kids = {k_.stmt_ids.data() + l.kids.first, l.kids.count};
            s.declarators = {k_.declarators.data() + l.declarators.first, l.declarators.count};
        }
    }
    struct Mark {
        int32_t pos;
        size_t exprs;
        size_t stmts;
        size_t locals;
        size_t ids;
        size_t scratch;
        size_t stmt_ids;
        size_t stmt_scratch;
        size_t declarators;
    };
    Mark mark() const {
        return Mark{p_,
                    k_.exprs.size(),
                    k_.stmts.size(),
                    declared_.size(),
                    k_.expr_ids.size(),
                    scratch_.size(),
                    k_.stmt_ids.size(),
                    stmt_scratch_.size(),
                    k_.declarators.size()};
    }
    void reset(const Mark& m) {
        p_ = m.pos;
        k_.exprs.resize(m.exprs);
        expr_depth_.resize(m.exprs);
        k_.stmts.resize(m.stmts);
        links_.resize(m.stmts);
        k_.expr_ids.resize(m.ids);
        scratch_.resize(m.scratch);
        k_.stmt_ids.resize(m.stmt_ids);
        stmt_scratch_.resize(m.stmt_scratch);
        k_.declarators.resize(m.declarators);
        while (declared_.size() > m.locals) {
            --local_count_[declared_.back()];
            declared_.pop_back();
        }
    }
    /// True when the token at `pos` names a local declared earlier in this function.
    bool is_local(int32_t pos) const {
        if (pos >= end()) return false;
        uint32_t symbol = k_.symbol(sig_[pos]);
        return symbol != KernelFile::kNoSymbol && local_count_[symbol] > 0;
    }
    void declare(TokenIndex token) {
        uint32_t symbol = k_.symbol(token);
        if (symbol == KernelFile::kNoSymbol) return;
        ++local_count_[symbol];
        declared_.push_back(symbol);
    }

    // ---- types ----
    std::string type_text(int32_t first, int32_t last_exclusive) const {
        std::string out;
        for (int32_t i = first; i < last_exclusive; ++i) {
            TokenKind kind = tok(i).kind;
            bool word = kind == TokenKind::kIdentifier || kind == TokenKind::kKeyword || kind == TokenKind::kNumber;
            if (i > first) {
                TokenKind prev = tok(i - 1).kind;
                bool prev_word =
                    prev == TokenKind::kIdentifier || prev == TokenKind::kKeyword || prev == TokenKind::kNumber;
                if ((word && prev_word) || txt(i - 1) == ",") out += ' ';
            }
            out += txt(i);
        }
        return out;
    }

    /// Parses a qualified name with optional template arguments after each component.
    /// Returns false (position unchanged) when there is no name here.
    bool parse_qualified_name(IdSpan* template_args, bool try_templates, int32_t* name_pos) {
        int32_t start = p_;
        if (at(p_, "::")) ++p_;
        while (true) {
            if (!at_kind(p_, TokenKind::kIdentifier)) {
                p_ = start;
                return false;
            }
            *name_pos = p_;
            bool local = is_local(p_);
            ++p_;
            if (try_templates && !local && at(p_, "<")) {
                Mark m = mark();
                size_t base = scratch_.size();
                if (parse_template_args()) {
                    IdSpan args = commit(base);
                    if (template_args) *template_args = args;
                } else {
                    reset(m);
                }
            }
            if (at(p_, "::") && at_kind(p_ + 1, TokenKind::kIdentifier)) {
                ++p_;
                continue;
            }
            return true;
        }
    }

    /// Parses a type, with leading declaration specifiers when `specifiers` is set.
    bool parse_type(TypeRef& out, bool specifiers) {
        int32_t start = p_;
        if (specifiers) {
            while (p_ < end() && (code_[p_] == kDeclSpecifier)) ++p_;
        }
        bool base = false;
        while (p_ < end() && (code_[p_] == kBuiltinType)) {
            ++p_;
            base = true;
        }
        if (!base) {
            if (at_kw(p_, "struct") || at_kw(p_, "class") || at_kw(p_, "enum") || at_kw(p_, "union")) {
                ++p_;
            }
            int32_t name_pos = 0;
            if (!is_local(p_) && parse_qualified_name(nullptr, true, &name_pos)) {
                base = true;
            }
        }
        if (!base) {
            p_ = start;
            return false;
        }
        while (at_kw(p_, "const") || at_kw(p_, "volatile") || at_kw(p_, "__restrict__") || at(p_, "*") || at(p_, "&") ||
               at(p_, "&&")) {
            ++p_;
        }
        out.range = range(start, p_);
        out.text = p_ - start == 1 ? txt(start) : k_.keep(type_text(start, p_));
        return true;
    }

    // ---- expressions ----
    /// At '<'. Parses `<a, b<c>, T*>`; false (caller resets) when this is not a template list.
    /// A `<` found not to open a template list is not tried again within the same statement:
    /// without that, `a <b <c <d ...` would be retried exponentially often.
    bool parse_template_args() {
        int32_t at_pos = p_;
        if (failed_ || template_failed_.count(at_pos) > 0) return false;
        // Types nest through template lists without passing an expression: count them here.
        DepthGuard guard(*this, p_);
        if (!guard.ok) return false;
        if (parse_template_args_here()) return true;
        template_failed_.insert(at_pos);
        return false;
    }

    bool parse_template_args_here() {
        ++p_;
        bool saved = no_gt_;
        no_gt_ = true;
        bool ok = true;
        if (!at(p_, ">")) {
            for (size_t count = 1;; ++count) {
                if (count > kMaxTemplateArgs) {
                    ok = false;  // read as less-than instead (Expr::template_count is 8 bits)
                    break;
                }
                Mark m = mark();
                ExprId e = parse_assignment();
                if (e == kNone || !(at(p_, ",") || at(p_, ">"))) {
                    reset(m);
                    Expr t;
                    t.kind = ExprKind::kType;
                    int32_t s = p_;
                    TypeRef type;
                    if (!parse_type(type, true) || !(at(p_, ",") || at(p_, ">"))) {
                        ok = false;
                        break;
                    }
                    t.range = range(s, p_);
                    t.text = type.text;
                    e = add_expr(std::move(t));
                }
                scratch_.push_back(e);
                if (at(p_, ",")) {
                    ++p_;
                    continue;
                }
                break;
            }
        }
        no_gt_ = saved;
        if (!ok || !at(p_, ">")) return false;
        ++p_;
        // What may follow a template-id: a call, a scope, a brace, or the end of an enclosing
        // list. Anything else means `<` was less-than.
        if (p_ < end()) {
            bool follow = false;
            switch (code_[p_]) {
                case pack_punct("("):
                case pack_punct("::"):
                case pack_punct("{"):
                case pack_punct(")"):
                case pack_punct(","):
                case pack_punct(";"):
                case pack_punct(">"):
                case pack_punct("]"):
                case pack_punct("}"): follow = true; break;
                default: break;
            }
            if (!follow && tok(p_).kind != TokenKind::kIdentifier) return false;
        }
        return true;
    }

    ExprId parse_expression() {
        int32_t start = p_;
        ExprId lhs = parse_assignment();
        while (lhs != kNone && at(p_, ",") && !in_list_) {
            ++p_;
            ExprId rhs = parse_assignment();
            if (rhs == kNone) return kNone;
            Expr e;
            e.kind = ExprKind::kBinary;
            e.text = ",";
            e.range = range(start, p_);
            e.kids = ids({lhs, rhs});
            lhs = add_expr(std::move(e));
        }
        return lhs;
    }

    /// An assignment operator at p_: its text and token length, or length 0.
    std::pair<std::string_view, int> assignment_op() const {
        if (p_ >= end()) return {{}, 0};
        switch (code_[p_]) {
            case pack_punct("="):
            case pack_punct("+="):
            case pack_punct("-="):
            case pack_punct("*="):
            case pack_punct("/="):
            case pack_punct("%="):
            case pack_punct("<<="):
            case pack_punct("&="):
            case pack_punct("|="):
            case pack_punct("^="): return {txt(p_), 1};
            case pack_punct(">"):
                if (!no_gt_ && at(p_ + 1, ">=") && adjacent(p_, p_ + 1)) return {">>=", 2};
                return {{}, 0};
            default: return {{}, 0};
        }
    }

    ExprId parse_assignment() {
        int32_t start = p_;
        ExprId lhs = parse_conditional();
        if (lhs == kNone) return kNone;
        auto [op, len] = assignment_op();
        if (len == 0) return lhs;
        p_ += len;
        DepthGuard guard(*this, p_);  // `x = x = ... = 1` is right-recursive
        if (!guard.ok) return kNone;
        ExprId rhs = at(p_, "{") ? parse_init_list() : parse_assignment();
        if (rhs == kNone) return kNone;
        Expr e;
        e.kind = ExprKind::kBinary;
        e.text = op;
        e.range = range(start, p_);
        e.kids = ids({lhs, rhs});
        return add_expr(std::move(e));
    }

    ExprId parse_conditional() {
        int32_t start = p_;
        ExprId cond = parse_binary(1);
        if (cond == kNone || !at(p_, "?")) return cond;
        DepthGuard guard(*this, p_);  // `a ? b : a ? b : ...` is right-recursive
        if (!guard.ok) return kNone;
        ++p_;
        bool saved_list = in_list_;
        in_list_ = false;
        ExprId a = parse_expression();
        in_list_ = saved_list;
        if (a == kNone || !at(p_, ":")) return kNone;
        ++p_;
        ExprId b = parse_assignment();
        if (b == kNone) return kNone;
        Expr e;
        e.kind = ExprKind::kConditional;
        e.text = "?:";
        e.range = range(start, p_);
        e.kids = ids({cond, a, b});
        return add_expr(std::move(e));
    }

    BinaryOp binary_op() const {
        if (p_ >= end() || tok(p_).kind != TokenKind::kPunct) {
            if (at_kind(p_, TokenKind::kKeyword)) {
                std::string_view t = txt(p_);
                if (t == "and") return {"and", 2, 1};
                if (t == "or") return {"or", 1, 1};
            }
            return {};
        }
        switch (code_[p_]) {
            case pack_punct(">"):
                if (no_gt_) return {};
                if (at(p_ + 1, ">") && adjacent(p_, p_ + 1)) return {">>", 8, 2};
                if (at(p_ + 1, ">=") && adjacent(p_, p_ + 1)) return {};  // `>>=` assigns
                return {">", 7, 1};
            case pack_punct("||"): return {"||", 1, 1};
            case pack_punct("&&"): return {"&&", 2, 1};
            case pack_punct("|"): return {"|", 3, 1};
            case pack_punct("^"): return {"^", 4, 1};
            case pack_punct("&"): return {"&", 5, 1};
            case pack_punct("=="): return {"==", 6, 1};
            case pack_punct("!="): return {"!=", 6, 1};
            case pack_punct("<"): return {"<", 7, 1};
            case pack_punct("<="): return {"<=", 7, 1};
            case pack_punct(">="): return {">=", 7, 1};
            case pack_punct("<=>"): return {"<=>", 7, 1};
            case pack_punct("<<"): return {"<<", 8, 1};
            case pack_punct("+"): return {"+", 9, 1};
            case pack_punct("-"): return {"-", 9, 1};
            case pack_punct("*"): return {"*", 10, 1};
            case pack_punct("/"): return {"/", 10, 1};
            case pack_punct("%"): return {"%", 10, 1};
            case pack_punct(".*"): return {".*", 11, 1};
            case pack_punct("->*"): return {"->*", 11, 1};
            default: return {};
        }
    }

    ExprId parse_binary(int min_precedence) {
        DepthGuard guard(*this, p_);
        if (!guard.ok) return kNone;
        int32_t start = p_;
        ExprId lhs = parse_unary();
        while (lhs != kNone) {
            BinaryOp op = binary_op();
            if (op.precedence == 0 || op.precedence < min_precedence) break;
            p_ += op.length;
            ExprId rhs = parse_binary(op.precedence + 1);
            if (rhs == kNone) return kNone;
            Expr e;
            e.kind = ExprKind::kBinary;
            e.text = op.text;
            e.range = range(start, p_);
            e.kids = ids({lhs, rhs});
            lhs = add_expr(std::move(e));
        }
        return lhs;
    }

    bool starts_operand(int32_t pos, bool allow_unary_ops) const {
        if (pos >= end()) return false;
        TokenKind kind = tok(pos).kind;
        std::string_view t = txt(pos);
        switch (kind) {
            case TokenKind::kIdentifier:
            case TokenKind::kNumber:
            case TokenKind::kString:
            case TokenKind::kChar: return true;
            case TokenKind::kKeyword:
                return t == "true" || t == "false" || t == "nullptr" || t == "this" || t == "sizeof" ||
                       t == "static_cast" || t == "reinterpret_cast" || t == "const_cast" ||
                       (code_[pos] == kBuiltinType);
            case TokenKind::kPunct:
                if (code_[pos] == pack_punct("(") || code_[pos] == pack_punct("::")) return true;
                return allow_unary_ops && is_prefix_op(code_[pos]);
            default: return false;
        }
    }

    /// At '(' : a C-style cast `(T) operand`? Fills the cast expression when it is.
    /// A `(` found not to start a cast is not tried again within the same statement: without
    /// that, `(a<(a<(a<...>)>)>)` is parsed twice per level, 2^depth times in all.
    ExprId try_c_cast(int32_t start) {
        if (cast_failed_.count(p_) > 0) return kNone;
        int32_t open = p_;
        ExprId cast = try_c_cast_here(start);
        if (cast == kNone && !failed_) cast_failed_.insert(open);
        return cast;
    }

    ExprId try_c_cast_here(int32_t start) {
        int32_t close = closer(p_);
        Mark m = mark();
        ++p_;
        TypeRef type;
        if (!parse_type(type, true) || p_ != close) {
            reset(m);
            return kNone;
        }
        int32_t first = m.pos + 1;
        bool scalar = close == first + 1 ? code_[first] == kScalarTypedef  // one word: classified
                                         : is_known_scalar_typedef(type.text);
        bool builtin =
            (tok(first).kind == TokenKind::kKeyword) || scalar || type.text.find_first_of("*&") != std::string::npos;
        bool plain_name = !builtin && !is_local(first);
        bool operand = builtin ? starts_operand(close + 1, true) : plain_name && starts_operand(close + 1, false);
        if (!operand) {
            reset(m);
            return kNone;
        }
        p_ = close + 1;
        ExprId inner = parse_unary();
        if (inner == kNone) {
            if (!failed_) reset(m);
            return kNone;
        }
        Expr e;
        e.kind = ExprKind::kCast;
        e.cast_style = CastStyle::kC;
        e.text = type.text;
        e.range = range(start, p_);
        e.kids = ids({inner});
        return add_expr(std::move(e));
    }

    ExprId parse_unary() {
        DepthGuard guard(*this, p_);
        if (!guard.ok) return kNone;
        int32_t start = p_;
        if (p_ >= end()) return kNone;
        if (is_punct_code(code_[p_])) {
            std::string_view t = txt(p_);
            if (is_prefix_op(code_[p_])) {
                ++p_;
                ExprId inner = parse_unary();
                if (inner == kNone) return kNone;
                Expr e;
                e.kind = ExprKind::kUnary;
                e.text = t;
                e.range = range(start, p_);
                e.kids = ids({inner});
                return add_expr(std::move(e));
            }
            if (code_[p_] == pack_punct("(")) {
                if (ExprId cast = try_c_cast(start); cast != kNone || failed_) return cast;
            }
        } else if (at_kw(p_, "not")) {
            ++p_;
            ExprId inner = parse_unary();
            if (inner == kNone) return kNone;
            Expr e;
            e.kind = ExprKind::kUnary;
            e.text = "not";
            e.range = range(start, p_);
            e.kids = ids({inner});
            return add_expr(std::move(e));
        }
        ExprId primary = parse_primary();
        if (primary == kNone) return kNone;
        return parse_postfix(start, primary);
    }

    /// Parses `(a, b)` or `{a, b}` whose closing bracket is `close`, pushing the arguments on
    /// scratch_ (the caller commits them).
    bool parse_call_args(int32_t close) {
        // At the opening bracket whose partner is `close`.
        ++p_;
        ContextGuard context(*this, false, true);
        bool ok = true;
        while (p_ < close) {
            ExprId a = at(p_, "{") ? parse_init_list() : parse_assignment();
            if (a == kNone) {
                ok = false;
                break;
            }
            scratch_.push_back(a);
            if (at(p_, ",") && p_ + 1 < close) {
                ++p_;
            } else {
                break;
            }
        }
        if (!ok || p_ != close) return false;
        p_ = close + 1;
        return true;
    }

    ExprId parse_postfix(int32_t start, ExprId base) {
        while (p_ < end() && is_punct_code(code_[p_])) {
            std::string_view t = txt(p_);
            uint8_t code = code_[p_];
            if (code == pack_punct("(")) {
                Expr e;
                e.kind = ExprKind::kCall;
                size_t first = scratch_.size();
                scratch_.push_back(base);
                if (!parse_call_args(closer(p_))) return kNone;
                e.kids = commit(first);
                e.range = range(start, p_);
                base = add_expr(std::move(e));
            } else if (code == pack_punct(".") || code == pack_punct("->")) {
                ++p_;
                if (at_kw(p_, "template")) ++p_;
                if (!at_kind(p_, TokenKind::kIdentifier)) return kNone;
                Expr e;
                e.kind = ExprKind::kMember;
                e.arrow = code == pack_punct("->");
                e.name_token = sig_[p_];
                e.text = txt(p_);
                ++p_;
                if (at(p_, "<")) {
                    Mark m = mark();
                    size_t first = scratch_.size();
                    if (parse_template_args() && at(p_, "(")) {
                        e.template_count = static_cast<uint8_t>(commit(first).count);
                        e.has_template_args = true;
                    } else {
                        reset(m);
                    }
                }
                e.kids = ids({base});
                e.range = range(start, p_);
                base = add_expr(std::move(e));
            } else if (code == pack_punct("[")) {
                int32_t close = closer(p_);
                ++p_;
                ExprId index;
                {
                    ContextGuard context(*this, false, false);
                    index = parse_expression();
                }
                if (index == kNone || p_ != close) return kNone;
                ++p_;
                Expr e;
                e.kind = ExprKind::kSubscript;
                e.kids = ids({base, index});
                e.range = range(start, p_);
                base = add_expr(std::move(e));
            } else if (code == pack_punct("++") || code == pack_punct("--")) {
                ++p_;
                Expr e;
                e.kind = ExprKind::kPostfix;
                e.text = t;
                e.kids = ids({base});
                e.range = range(start, p_);
                base = add_expr(std::move(e));
            } else {
                break;
            }
        }
        return base;
    }

    ExprId parse_init_list() {
        // At '{'.
        int32_t start = p_;
        int32_t close = closer(p_);
        ++p_;
        Expr list;
        list.kind = ExprKind::kInitList;
        size_t first = scratch_.size();
        ContextGuard context(*this, false, true);
        bool ok = true;
        while (p_ < close) {
            ExprId element;
            if (at(p_, ".") && at_kind(p_ + 1, TokenKind::kIdentifier)) {
                int32_t d = p_;
                Expr des;
                des.kind = ExprKind::kDesignated;
                des.name_token = sig_[p_ + 1];
                des.text = txt(p_ + 1);
                p_ += 2;
                ExprId value = kNone;
                if (at(p_, "=")) {
                    ++p_;
                    value = at(p_, "{") ? parse_init_list() : parse_assignment();
                } else if (at(p_, "{")) {
                    value = parse_init_list();
                }
                if (value == kNone) {
                    ok = false;
                    break;
                }
                des.kids = ids({value});
                des.range = range(d, p_);
                element = add_expr(std::move(des));
            } else {
                element = at(p_, "{") ? parse_init_list() : parse_assignment();
            }
            if (element == kNone) {
                ok = false;
                break;
            }
            scratch_.push_back(element);
            if (at(p_, ",")) {
                ++p_;
            } else {
                break;
            }
        }
        if (!ok || p_ != close) return kNone;
        p_ = close + 1;
        list.kids = commit(first);
        list.range = range(start, p_);
        return add_expr(std::move(list));
    }

    ExprId parse_primary() {
        DepthGuard guard(*this, p_);
        if (!guard.ok || p_ >= end()) return kNone;
        int32_t start = p_;
        const Token& t = tok(p_);
        std::string_view text = txt(p_);
        Expr e;
        switch (t.kind) {
            case TokenKind::kNumber:
            case TokenKind::kChar:
                ++p_;
                e.kind = ExprKind::kLiteral;
                e.text = text;
                e.range = range(start, p_);
                return add_expr(std::move(e));
            case TokenKind::kString:
                while (at_kind(p_, TokenKind::kString)) ++p_;  // adjacent literals concatenate
                e.kind = ExprKind::kLiteral;
                e.range = range(start, p_);
                e.text = k_.text(e.range);
                return add_expr(std::move(e));
            case TokenKind::kKeyword: return parse_keyword_primary(start);
            case TokenKind::kPunct:
                if (text == "(") {
                    int32_t close = closer(p_);
                    ++p_;
                    ExprId inner;
                    {
                        ContextGuard context(*this, false, false);
                        inner = parse_expression();
                    }
                    if (inner == kNone || p_ != close) return kNone;
                    ++p_;
                    e.kind = ExprKind::kParen;
                    e.kids = ids({inner});
                    e.range = range(start, p_);
                    return add_expr(std::move(e));
                }
                if (text == "{") return parse_init_list();
                if (text == "::") break;
                return kNone;
            case TokenKind::kIdentifier: break;
            default: return kNone;
        }
        // A (qualified, possibly templated) name.
        int32_t name_pos = 0;
        IdSpan targs;
        if (!parse_qualified_name(&targs, true, &name_pos)) return kNone;
        e.kind = ExprKind::kName;
        e.range = range(start, p_);
        e.name_token = sig_[name_pos];
        e.has_template_args = targs.count > 0 || at(p_ - 1, ">");
        // The template arguments are the last ids stored; an empty kids span right after
        // them keeps them reachable (KernelFile::template_args).
        e.template_count = static_cast<uint8_t>(targs.count);
        e.kids = IdSpan{targs.first + targs.count, 0};
        if (p_ - start == 1) {
            e.text = txt(start);
        } else {
            // The name without its template arguments, components joined by `::`.
            std::string name;
            for (int32_t i = start; i < p_; ++i) {
                if (at(i, "<")) {
                    i = skip_angles(i);
                    continue;
                }
                name += txt(i);
            }
            e.text = k_.keep(std::move(name));
        }
        bool scalar_type = p_ - start == 1 ? code_[start] == kScalarTypedef : is_known_scalar_typedef(e.text);
        if (scalar_type && at(p_, "(")) {
            return parse_functional_cast(start, TypeRef{e.range, e.text});
        }
        return add_expr(std::move(e));
    }

    /// Given '<' at i within a name that parsed, returns the position of its closing '>'.
    int32_t skip_angles(int32_t i) const {
        int depth = 0;
        for (; i < end(); ++i) {
            if (at(i, "(") || at(i, "[") || at(i, "{")) {
                i = closer(i);
                continue;
            }
            if (at(i, "<")) ++depth;
            if (at(i, ">") && --depth == 0) return i;
        }
        return i;
    }

    ExprId parse_functional_cast(int32_t start, TypeRef type) {
        // At '(' after a type name: `uint32_t(x)`.
        size_t first = scratch_.size();
        if (!parse_call_args(closer(p_)) || scratch_.size() - first != 1) return kNone;
        Expr e;
        e.kind = ExprKind::kCast;
        e.cast_style = CastStyle::kFunctional;
        e.text = type.text;
        e.kids = commit(first);
        e.range = range(start, p_);
        return add_expr(std::move(e));
    }

    ExprId parse_keyword_primary(int32_t start) {
        std::string_view text = txt(p_);
        Expr e;
        if (text == "true" || text == "false" || text == "nullptr") {
            ++p_;
            e.kind = ExprKind::kLiteral;
            e.text = text;
            e.range = range(start, p_);
            return add_expr(std::move(e));
        }
        if (text == "this") {
            ++p_;
            e.kind = ExprKind::kName;
            e.text = "this";
            e.name_token = sig_[start];
            e.range = range(start, p_);
            return add_expr(std::move(e));
        }
        if (text == "static_cast" || text == "reinterpret_cast" || text == "const_cast") {
            ++p_;
            if (!at(p_, "<")) return kNone;
            ++p_;
            bool saved_gt = no_gt_;
            no_gt_ = true;
            TypeRef type;
            bool ok = parse_type(type, true);
            no_gt_ = saved_gt;
            if (!ok || !at(p_, ">")) return kNone;
            ++p_;
            if (!at(p_, "(")) return kNone;
            size_t first = scratch_.size();
            if (!parse_call_args(closer(p_)) || scratch_.size() - first != 1) return kNone;
            e.kind = ExprKind::kCast;
            e.cast_style = text == "static_cast"        ? CastStyle::kStatic
                           : text == "reinterpret_cast" ? CastStyle::kReinterpret
                                                        : CastStyle::kConst;
            e.text = type.text;
            e.kids = commit(first);
            e.range = range(start, p_);
            return add_expr(std::move(e));
        }
        if (text == "sizeof" || text == "alignof") {
            ++p_;
            if (!at(p_, "(")) return kNone;
            int32_t close = closer(p_);
            Expr callee;
            callee.kind = ExprKind::kName;
            callee.text = text;
            callee.name_token = sig_[start];
            callee.range = range(start, start + 1);
            ExprId callee_id = add_expr(std::move(callee));
            Mark m = mark();
            size_t first = scratch_.size();
            scratch_.push_back(callee_id);
            if (!parse_call_args(close) || scratch_.size() - first != 2) {
                reset(m);
                ++p_;
                Expr t;
                t.kind = ExprKind::kType;
                int32_t s = p_;
                TypeRef type;
                if (!parse_type(type, true) || p_ != close) return kNone;
                t.range = range(s, p_);
                t.text = type.text;
                ExprId type_id = add_expr(std::move(t));
                scratch_.push_back(callee_id);
                scratch_.push_back(type_id);
                p_ = close + 1;
            }
            e.kind = ExprKind::kCall;
            e.kids = commit(first);
            e.range = range(start, p_);
            return add_expr(std::move(e));
        }
        if (is_builtin_type_keyword(text)) {
            TypeRef type;
            if (!parse_type(type, false)) return kNone;
            if (!at(p_, "(")) return kNone;
            return parse_functional_cast(start, std::move(type));
        }
        return kNone;
    }

    // ---- statements ----
    /// `reason` is a literal or one of KernelFile::strings (NUL-terminated).
    Stmt opaque_stmt(int32_t start, const char* reason) {
        p_ = skip_construct(start);
        Stmt s;
        s.kind = StmtKind::kOpaque;
        s.range = range(start, p_);
        s.reason = reason;
        return s;
    }

    /// The end (exclusive) of the statement or construct starting at `pos`, found from brackets.
    int32_t skip_construct(int32_t pos) {
        DepthGuard guard(*this, pos);
        if (!guard.ok) return end();
        if (pos >= end()) return pos;
        if (tok(pos).kind == TokenKind::kPreprocessor) return pos + 1;
        if (at_kw(pos, "for") || at_kw(pos, "while") || at_kw(pos, "switch") || at_kw(pos, "if")) {
            bool is_if = at_kw(pos, "if");
            ++pos;
            if (at_kw(pos, "constexpr")) ++pos;
            if (at(pos, "(")) pos = closer(pos) + 1;
            pos = skip_construct(pos);
            if (is_if && at_kw(pos, "else")) pos = skip_construct(pos + 1);
            return pos;
        }
        if (at_kw(pos, "do")) {
            pos = skip_construct(pos + 1);
            if (at_kw(pos, "while")) ++pos;
            if (at(pos, "(")) pos = closer(pos) + 1;
            if (at(pos, ";")) ++pos;
            return pos;
        }
        for (int32_t i = pos; i < end(); ++i) {
            if (tok(i).kind != TokenKind::kPunct) continue;
            std::string_view t = txt(i);
            if (t == "(" || t == "[") {
                i = closer(i);
            } else if (t == "{") {
                i = closer(i) + 1;
                if (at(i, ";")) ++i;
                return i;
            } else if (t == ";") {
                return i + 1;
            } else if (t == "}" || t == ")" || t == "]") {
                // A stray closer where a construct should start: take it alone, so that the
                // caller always advances.
                return i == pos ? pos + 1 : i;
            }
        }
        return end();
    }

    /// Appends the declarators to k_.declarators; `list` spans them.
    bool parse_declarator_list(IdSpan& list) {
        list = IdSpan{static_cast<uint32_t>(k_.declarators.size()), 0};
        while (true) {
            while (at(p_, "*") || at(p_, "&")) ++p_;  // `int a, *b;`
            if (!at_kind(p_, TokenKind::kIdentifier)) return false;
            Declarator d;
            d.name_token = sig_[p_];
            d.name = txt(p_);
            ++p_;
            if (at(p_, "[")) return false;  // arrays are not emitted; keep them opaque
            if (at(p_, "=")) {
                ++p_;
                d.init = Declarator::Init::kAssign;
                ExprId e = at(p_, "{") ? parse_init_list() : parse_assignment();
                if (e == kNone) return false;
                d.init_exprs = ids({e});
            } else if (at(p_, "(") || at(p_, "{")) {
                d.init = at(p_, "(") ? Declarator::Init::kParen : Declarator::Init::kBrace;
                size_t first = scratch_.size();
                if (!parse_call_args(closer(p_))) return false;
                d.init_exprs = commit(first);
            }
            declare(d.name_token);
            k_.declarators.push_back(d);
            ++list.count;
            if (at(p_, ",")) {
                ++p_;
                continue;
            }
            if (at(p_, ";")) {
                ++p_;
                return true;
            }
            return false;
        }
    }

    /// A declaration statement at p_, or false (caller resets).
    bool parse_declaration(Stmt& s, IdSpan& declarators) {
        int32_t start = p_;
        if (is_local(p_)) return false;
        if (!parse_type(s.type, true)) return false;
        if (!at_kind(p_, TokenKind::kIdentifier)) return false;
        if (p_ + 1 >= end()) return false;
        switch (code_[p_ + 1]) {
            case pack_punct("="):
            case pack_punct(";"):
            case pack_punct("("):
            case pack_punct("{"):
            case pack_punct(","):
            case pack_punct("["): break;
            default: return false;
        }
        if (!parse_declarator_list(declarators)) return false;
        s.kind = StmtKind::kDecl;
        s.range = range(start, p_);
        return true;
    }

    StmtId parse_statement() {
        DepthGuard guard(*this, p_);
        if (!guard.ok) return kNone;
        if (!template_failed_.empty()) template_failed_.clear();  // a new statement: try again
        if (!cast_failed_.empty()) cast_failed_.clear();
        int32_t start = p_;
        Mark m = mark();
        Stmt s;
        if (tok(p_).kind == TokenKind::kPreprocessor) {
            return add_stmt(opaque_stmt(start, "preprocessor directive inside a function"));
        }
        if (at(p_, ";")) {
            ++p_;
            s.kind = StmtKind::kEmpty;
            s.range = range(start, p_);
            return add_stmt(s);
        }
        if (at(p_, "{")) return parse_block();
        if (tok(p_).kind == TokenKind::kKeyword) {
            std::string_view kw = txt(p_);
            if (kw == "for") return parse_for();
            if (kw == "if") return parse_if();
            if (kw == "while") return parse_while();
            if (kw == "return") {
                ++p_;
                s.kind = StmtKind::kReturn;
                if (!at(p_, ";")) {
                    s.expr = parse_expression();
                    if (s.expr == kNone || !at(p_, ";")) {
                        reset(m);
                        return add_stmt(opaque_stmt(start, "unrecognized 'return' statement"));
                    }
                }
                ++p_;
                s.range = range(start, p_);
                return add_stmt(s);
            }
            if ((kw == "break" || kw == "continue") && at(p_ + 1, ";")) {
                p_ += 2;
                s.kind = kw == "break" ? StmtKind::kBreak : StmtKind::kContinue;
                s.range = range(start, p_);
                return add_stmt(s);
            }
            if (kw == "do" || kw == "switch" || kw == "goto" || kw == "try" || kw == "case" || kw == "default" ||
                kw == "asm" || kw == "using" || kw == "typedef" || kw == "static_assert" || kw == "struct" ||
                kw == "class" || kw == "enum" || kw == "union" || kw == "template" || kw == "else") {
                return add_stmt(opaque_stmt(start, k_.keep(fmt::format("'{}' is not modeled", kw)).data()));
            }
        }
        if (IdSpan declarators; parse_declaration(s, declarators)) {
            if (failed_) return kNone;
            return add_stmt(s, StmtLinks{{}, declarators});
        }
        reset(m);
        s = Stmt();
        ExprId e = parse_expression();
        if (failed_) return kNone;
        if (e != kNone && at(p_, ";")) {
            ++p_;
            s.kind = StmtKind::kExpr;
            s.expr = e;
            s.range = range(start, p_);
            return add_stmt(s);
        }
        reset(m);
        return add_stmt(opaque_stmt(start, "unrecognized statement"));
    }

    StmtId parse_block() {
        // At '{'.
        int32_t start = p_;
        int32_t close = closer(p_);
        ++p_;
        size_t first = stmt_scratch_.size();
        while (p_ < close && !failed_) {
            int32_t before = p_;
            StmtId kid = parse_statement();
            if (kid == kNone) return kNone;
            stmt_scratch_.push_back(kid);
            if (p_ <= before) p_ = before + 1;  // never loop on a statement that took nothing
        }
        if (failed_) return kNone;
        p_ = close + 1;
        Stmt s;
        s.kind = StmtKind::kBlock;
        s.range = range(start, p_);
        return add_stmt(s, StmtLinks{commit(stmt_scratch_, first, k_.stmt_ids), {}});
    }

    /// `(expr)` at p_ for if/while; kNone when it is not a plain expression.
    ExprId parse_condition() {
        if (!at(p_, "(")) return kNone;
        int32_t close = closer(p_);
        ++p_;
        ExprId e = parse_expression();
        if (e == kNone || p_ != close) return kNone;
        ++p_;
        return e;
    }

    StmtId parse_for() {
        int32_t start = p_;
        Mark m = mark();
        ++p_;
        if (!at(p_, "(")) return add_stmt(opaque_stmt(start, "malformed 'for' statement"));
        int32_t close = closer(p_);
        ++p_;
        Stmt s;
        s.kind = StmtKind::kFor;
        // init
        int32_t init_start = p_;
        Stmt init;
        IdSpan init_declarators;
        if (at(p_, ";")) {
            ++p_;
            init.kind = StmtKind::kEmpty;
            init.range = range(init_start, p_);
        } else if (!parse_declaration(init, init_declarators)) {
            Mark here = m;  // nothing was added since `m`, only the position moved
            here.pos = init_start;
            reset(here);
            init_declarators = {};
            init = Stmt();
            ExprId e = parse_expression();
            if (e == kNone || !at(p_, ";")) {
                reset(m);
                return add_stmt(opaque_stmt(start,
                                            "unrecognized 'for' header (range-based "
                                            "'for' is not modeled)"));
            }
            ++p_;
            init.kind = StmtKind::kExpr;
            init.expr = e;
            init.range = range(init_start, p_);
        }
        s.init = add_stmt(init, StmtLinks{{}, init_declarators});
        if (!at(p_, ";")) {
            s.expr = parse_expression();
            if (s.expr == kNone || !at(p_, ";")) {
                reset(m);
                return add_stmt(opaque_stmt(start, "unrecognized 'for' condition"));
            }
        }
        ++p_;
        if (p_ != close) {
            s.step = parse_expression();
            if (s.step == kNone || p_ != close) {
                reset(m);
                return add_stmt(opaque_stmt(start, "unrecognized 'for' step"));
            }
        }
        p_ = close + 1;
        if (p_ >= end()) {
            reset(m);
            return add_stmt(opaque_stmt(start, "'for' without a body"));
        }
        StmtId body = parse_statement();
        if (body == kNone) return kNone;
        s.range = range(start, p_);
        return add_stmt(s, StmtLinks{stmt_ids({body}), {}});
    }

    StmtId parse_if() {
        int32_t start = p_;
        Mark m = mark();
        ++p_;
        if (at_kw(p_, "constexpr")) {
            reset(m);
            return add_stmt(opaque_stmt(start, "'if constexpr' is not modeled"));
        }
        Stmt s;
        s.kind = StmtKind::kIf;
        s.expr = parse_condition();
        if (s.expr == kNone || p_ >= end()) {
            reset(m);
            return add_stmt(opaque_stmt(start, "unrecognized 'if' condition"));
        }
        StmtId then = parse_statement();
        if (then == kNone) return kNone;
        IdSpan kids;
        if (at_kw(p_, "else")) {
            ++p_;
            if (p_ >= end()) return kNone;
            StmtId other = parse_statement();
            if (other == kNone) return kNone;
            kids = stmt_ids({then, other});
        } else {
            kids = stmt_ids({then});
        }
        s.range = range(start, p_);
        return add_stmt(s, StmtLinks{kids, {}});
    }

    StmtId parse_while() {
        int32_t start = p_;
        Mark m = mark();
        ++p_;
        Stmt s;
        s.kind = StmtKind::kWhile;
        s.expr = parse_condition();
        if (s.expr == kNone || p_ >= end()) {
            reset(m);
            return add_stmt(opaque_stmt(start, "unrecognized 'while' condition"));
        }
        StmtId body = parse_statement();
        if (body == kNone) return kNone;
        s.range = range(start, p_);
        return add_stmt(s, StmtLinks{stmt_ids({body}), {}});
    }

    // ---- top level ----
    void flush_comments(TokenIndex before, std::vector<TopItem>& items) {
        for (; cursor_ < before; ++cursor_) {
            if (k_.tokens[cursor_].kind != TokenKind::kComment) continue;
            TopItem item;
            item.kind = TopKind::kComment;
            item.range = TokenRange{cursor_, cursor_};
            item.value = std::string(k_.text(cursor_));
            items.push_back(std::move(item));
        }
    }

    void finish_item(TopItem item, std::vector<TopItem>& items) {
        cursor_ = item.range.last + 1;
        items.push_back(std::move(item));
    }

    static std::string_view trim(std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() &&
               (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n' || s.back() == '\\')) {
            s.remove_suffix(1);
        }
        return s;
    }

    /// Splits `#  name  rest` into (name, rest).
    static std::pair<std::string_view, std::string_view> directive_parts(std::string_view d) {
        d.remove_prefix(1);  // '#'
        d = trim(d);
        size_t i = 0;
        while (i < d.size() && (std::isalnum(static_cast<unsigned char>(d[i])) || d[i] == '_')) ++i;
        return {d.substr(0, i), trim(d.substr(i))};
    }

    /// Parses items until sig position `stop` (exclusive) or a closing `#endif`/`#else` when
    /// inside a conditional. Returns the position where it stopped.
    int32_t parse_items(int32_t stop, std::vector<TopItem>& items, bool file_level, bool in_conditional = false) {
        DepthGuard guard(*this, p_);
        if (!guard.ok) return stop;
        while (p_ < stop && !failed_) {
            flush_comments(sig_[p_], items);
            if (tok(p_).kind == TokenKind::kPreprocessor) {
                auto [name, rest] = directive_parts(txt(p_));
                if (in_conditional && name == "endif") return p_;
                if (!parse_directive(items, name, rest, stop)) return p_;
                continue;
            }
            if (at_kw(p_, "namespace")) {
                parse_namespace(items);
                continue;
            }
            parse_declaration_item(items);
        }
        (void)file_level;
        return p_;
    }

    bool parse_directive(std::vector<TopItem>& items, std::string_view name, std::string_view rest, int32_t stop) {
        int32_t start = p_;
        TopItem item;
        item.range = range(p_, p_ + 1);
        ++p_;
        if (name == "include") {
            item.kind = TopKind::kInclude;
            item.angled = !rest.empty() && rest.front() == '<';
            char close = item.angled ? '>' : '"';
            size_t end = rest.size() >= 2 ? rest.find(close, 1) : std::string_view::npos;
            if ((rest.empty() || rest.front() == '<' || rest.front() == '"') && end == std::string_view::npos) {
                fatal(start, fmt::format("'#include' without a complete file name: expected '<file>' or \"file\" "
                                         "(is the file cut short?)"));
                return false;
            }
            if (end != std::string_view::npos) rest = rest.substr(1, end - 1);
            item.name = std::string(rest);
        } else if (name == "define") {
            item.kind = TopKind::kDefine;
            size_t i = 0;
            while (i < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[i])) || rest[i] == '_')) {
                ++i;
            }
            if (i < rest.size() && rest[i] == '(') i = rest.find(')', i) + 1;  // function-like
            item.name = std::string(rest.substr(0, std::min(i, rest.size())));
            item.value = std::string(trim(rest.substr(std::min(i, rest.size()))));
        } else if (name == "ifndef" || name == "ifdef" || name == "if") {
            item.kind = TopKind::kConditional;
            item.name = fmt::format("{} {}", name, rest);
            cursor_ = sig_[start] + 1;
            int32_t at_endif = parse_items(stop, item.kids, false, true);
            if (failed_) return false;
            if (at_endif >= stop || !at_kind(at_endif, TokenKind::kPreprocessor)) {
                fatal(start, fmt::format("'#{}' has no matching '#endif'", name));
                return false;
            }
            flush_comments(sig_[at_endif], item.kids);
            p_ = at_endif + 1;
            item.range = range(start, p_);
        } else if (name == "endif") {
            fatal(start, "'#endif' without a matching '#if', '#ifdef' or '#ifndef'");
            return false;
        } else {
            item.kind = TopKind::kDirective;
            item.name = std::string(name);
            item.value = std::string(rest);
        }
        finish_item(std::move(item), items);
        return true;
    }

    void parse_namespace(std::vector<TopItem>& items) {
        int32_t start = p_;
        ++p_;
        TopItem item;
        item.kind = TopKind::kNamespace;
        while (at_kind(p_, TokenKind::kIdentifier) || at(p_, "::")) item.name += txt(p_++);
        if (!at(p_, "{")) {
            p_ = skip_construct(start);
            item.kind = TopKind::kOther;
            item.range = range(start, p_);
            finish_item(std::move(item), items);
            return;
        }
        int32_t close = closer(p_);
        ++p_;
        cursor_ = sig_[p_ - 1] + 1;
        parse_items(close, item.kids, false);
        if (failed_) return;
        flush_comments(sig_[close], item.kids);
        p_ = close + 1;
        item.range = range(start, p_);
        finish_item(std::move(item), items);
    }

    void parse_declaration_item(std::vector<TopItem>& items) {
        int32_t start = p_;
        TopItem item;
        item.kind = TopKind::kOther;
        Function fn;
        if (parse_type(fn.return_type, true) && at_kind(p_, TokenKind::kIdentifier)) {
            int32_t name_pos = p_;
            ++p_;
            while (at(p_, "::") && at_kind(p_ + 1, TokenKind::kIdentifier)) {
                p_ += 2;
                name_pos = p_ - 1;
            }
            fn.name = txt(name_pos);
            fn.name_token = sig_[name_pos];
            bool has_params = at(p_, "(");
            if (has_params) {
                int32_t close = closer(p_);
                parse_params(fn, p_ + 1, close);
                p_ = close + 1;
                while (p_ < end() && !at(p_, "{") && !at(p_, ";") && !at(p_, "=")) {
                    if (at(p_, "(")) p_ = closer(p_);
                    ++p_;
                }
            }
            fn.has_param_list = has_params;
            if (at(p_, "{")) {
                for (uint32_t symbol : declared_) --local_count_[symbol];
                declared_.clear();
                for (const Param& param : fn.params) {
                    if (!param.name.empty()) declare(param.name_token);
                }
                size_t declarators_before = k_.declarators.size();
                fn.expr_ids.first = static_cast<int32_t>(k_.exprs.size());
                fn.stmt_ids.first = static_cast<int32_t>(k_.stmts.size());
                StmtId body = parse_block();
                if (failed_) return;
                if (body != kNone) {
                    fn.body = body;
                    fn.expr_ids.stop = static_cast<int32_t>(k_.exprs.size());
                    fn.stmt_ids.stop = static_cast<int32_t>(k_.stmts.size());
                    // Room for the locals resolve_locals will list: one per declared name.
                    fn.locals.reserve(fn.params.size() + k_.declarators.size() - declarators_before);
                    fn.range = range(start, p_);
                    item.kind = TopKind::kFunction;
                    item.name = fn.name;
                    item.function = static_cast<int32_t>(k_.functions.size());
                    item.range = fn.range;
                    k_.functions.push_back(std::move(fn));
                    finish_item(std::move(item), items);
                    return;
                }
            }
        }
        p_ = skip_construct(start);
        if (p_ == start) ++p_;  // a stray ')' or ']' cannot happen after pairing; stay safe
        item.range = range(start, p_);
        finish_item(std::move(item), items);
    }

    void parse_params(Function& fn, int32_t open, int32_t close) {
        int32_t saved = p_;
        p_ = open;
        if (at_kw(p_, "void") && p_ + 1 == close) {
            p_ = saved;
            return;
        }
        while (p_ < close) {
            Param param;
            if (!parse_type(param.type, true)) break;
            if (at_kind(p_, TokenKind::kIdentifier)) {
                param.name_token = sig_[p_];
                param.name = txt(p_);
                ++p_;
            }
            if (at(p_, "=")) {  // default argument: skip it
                while (p_ < close && !at(p_, ",")) {
                    if (at(p_, "(") || at(p_, "[") || at(p_, "{")) p_ = closer(p_);
                    ++p_;
                }
            }
            fn.params.push_back(std::move(param));
            if (at(p_, ",")) {
                ++p_;
                continue;
            }
            break;
        }
        if (p_ != close) {
            fn.params.clear();
            fn.params_opaque = true;
        }
        p_ = saved;
    }

    void find_header_name() {
        if (k_.tokens.empty() || k_.tokens[0].kind != TokenKind::kComment) return;
        std::string_view c = k_.text(0);
        if (c.substr(0, 2) != "//") return;
        c = trim(c.substr(2));
        if (c.empty()) return;
        for (char ch : c) {
            if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_')) return;
        }
        if (std::isdigit(static_cast<unsigned char>(c.front()))) return;
        k_.header_name = std::string(c);
    }

    void find_entry() {
        for (const TopItem& item : k_.items) {
            if (item.kind == TopKind::kFunction && k_.functions[item.function].name == "kernel_main") {
                k_.entry_style = EntryStyle::kKernelMain;
                k_.entry_function = item.function;
                return;
            }
            if (item.kind != TopKind::kNamespace) continue;
            int32_t main_fn = kNone;
            bool has_main_macro = false;
            for (const TopItem& kid : item.kids) {
                if (kid.kind != TopKind::kFunction) continue;
                const Function& f = k_.functions[kid.function];
                if (f.name == "kernel_main") main_fn = kid.function;
                if (f.name == "MAIN" && !f.has_param_list) has_main_macro = true;
            }
            if (main_fn != kNone) {
                k_.entry_style = has_main_macro ? EntryStyle::kNamespaceMain : EntryStyle::kKernelMain;
                k_.entry_function = main_fn;
                return;
            }
        }
    }

    KernelFile& k_;
    const SourceFile& src_;
    Diagnostics& diags_;
    std::vector<TokenIndex> sig_;
    int32_t end_ = 0;  // sig_.size(), kept as a plain int for the hot paths
    std::vector<uint8_t> code_;  // per significant token: pack_punct code or word class, else 0
    // The closing bracket of each opening one, as a distance in significant tokens (most are
    // near); kFarCloser marks one found in far_closers_ instead.
    static constexpr uint16_t kFarCloser = 0xffff;
    std::vector<uint16_t> close_distance_;
    std::unordered_map<int32_t, int32_t> far_closers_;
    int32_t p_ = 0;
    int depth_ = 0;
    bool failed_ = false;
    bool no_gt_ = false;  // inside template arguments: '>' closes, it is not an operator
    bool in_list_ = false;  // inside call arguments or an init list: ',' separates
    TokenIndex cursor_ = 0;  // next token not yet attributed to a top-level item
    std::unordered_set<int32_t> template_failed_;  // `<` in this statement found not a template
    std::unordered_set<int32_t> cast_failed_;  // `(` in this statement found not a cast
    std::vector<uint8_t> symbol_class_;  // word class of each symbol
    std::vector<uint32_t> local_count_;  // per symbol: declarations seen in this function
    std::vector<uint32_t> declared_;  // symbols declared in this function, in order
    std::vector<ExprId> scratch_;  // children being collected, innermost list on top
    std::vector<StmtId> stmt_scratch_;  // statements of the blocks being parsed, innermost on top
    std::vector<StmtLinks> links_;  // per statement: its lists in the arenas
    std::vector<uint16_t> expr_depth_;  // per expression: the depth of its tree (1 for a leaf)
};

}  // namespace

bool parse_kernel(KernelFile& kernel, Diagnostics& diagnostics) {
    return Parser(kernel, diagnostics).run();
}

}  // namespace ttl
