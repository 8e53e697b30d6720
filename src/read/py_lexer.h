// Stage "read": the Python tokenizer, for the TT-Lang source and the emitted runner.
//
// Follows Python's lexical rules: logical lines with INDENT/DEDENT, implicit line joining
// inside brackets, backslash continuation, every string form (prefixes r/b/u/f in any
// combination and case, single, double and triple quotes), comments kept as tokens. Errors
// (unterminated string, bad dedent, unbalanced bracket, stray character) carry a location.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "support/diagnostic.h"
#include "support/source.h"

namespace ttl {

enum class PyTokenKind : uint8_t {
    kName,  ///< identifiers and keywords (`def`, `for`, `None` are names here)
    kNumber,
    kString,  ///< one string literal with its prefix; adjacent literals are separate tokens
    kOp,  ///< operators and delimiters
    kComment,  ///< `# ...` without the newline
    kNewline,  ///< the end of a logical line
    kIndent,
    kDedent,
    kEnd,
};

const char* py_token_kind_name(PyTokenKind kind);

/// Python 3's reserved words (`def`, `None`, `nonlocal`, ...): NAME tokens that are not names.
bool is_python_keyword(std::string_view word);

struct PyToken {
    PyTokenKind kind = PyTokenKind::kEnd;
    uint32_t begin = 0;  ///< byte offsets; INDENT/DEDENT/NEWLINE/END are empty at their place
    uint32_t end = 0;
    uint32_t line = 0;
    uint32_t column = 0;
};

/// Tokenizes a whole Python file. On error adds a diagnostic and returns what was read.
std::vector<PyToken> lex_python(const SourceFile& source, Diagnostics& diagnostics);

inline std::string_view py_token_text(const SourceFile& source, const PyToken& token) {
    return std::string_view(source.text()).substr(token.begin, token.end - token.begin);
}

}  // namespace ttl
