// Stage "read": the C++ lexer.
//
// Splits C++ source into tokens that keep every byte (comments and whitespace included) with
// exact offsets, lines and columns. Malformed input (an unterminated comment, string or char,
// a byte that cannot start any token) is reported as an error at its location.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "read/cpp_token.h"
#include "support/diagnostic.h"
#include "support/source.h"

namespace ttl {

/// Lexes the whole file. On error, appends a diagnostic and returns the tokens read so far.
TokenList lex_cpp(const SourceFile& source, Diagnostics& diagnostics);
/// What lex_cpp_each gives: a walk that needs less is faster.
struct LexWalk {
    bool whitespace = true;  ///< whitespace tokens (else only the others)
    bool keywords = true;  ///< keywords as kKeyword (else as kIdentifier)
};

/// The same tokens, each given to `each` in order with its end (one past its last byte), and
/// none kept (a walk needs no list).
void lex_cpp_each(const SourceFile& source, Diagnostics& diagnostics,
                  const std::function<void(const Token&, uint32_t end)>& each, LexWalk walk = {});

/// The text of token `index` of `tokens` (lexed from `source`).
inline std::string_view token_text(const SourceFile& source, const TokenList& tokens, size_t index) {
    return tokens.text_of(source.text(), index);
}

/// True for the words the C++ grammar reserves (C++20), plus `true`, `false`, `nullptr`.
bool is_cpp_keyword(std::string_view word);

}  // namespace ttl
