// Tokens of the kernel C++ reader. Every byte of the input belongs to exactly one token, so
// concatenating the tokens' text gives the input back byte for byte.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace ttl {

enum class TokenKind : uint8_t {
    kIdentifier,
    kKeyword,  ///< C++ keywords, including `true`, `false`, `nullptr`
    kNumber,  ///< any pp-number: `2048`, `0x4040`, `2.000000000e+00f`, `1'000`
    kString,  ///< string literals with any prefix, raw strings included
    kChar,  ///< character literals with any prefix
    kPunct,  ///< operators and punctuation; `>>` is always two `>` tokens (templates)
    kComment,  ///< `// ...` (without the newline) or `/* ... */`
    kPreprocessor,  ///< a whole directive line, continuations included, without the newline
    kWhitespace,  ///< spaces, tabs and newlines
};

const char* token_kind_name(TokenKind kind);

struct Token {
    static constexpr uint32_t kNoSymbol = 0xffffff;

    TokenKind kind : 8 = TokenKind::kWhitespace;
    /// An identifier's interned name, set by the kernel parser (see KernelFile::symbol);
    /// kNoSymbol for other tokens. Kept in the bits beside `kind`, so it costs no space.
    uint32_t symbol : 24 = kNoSymbol;
    uint32_t begin = 0;  ///< byte offset of the first byte
    // Neither the end (the next token's begin: every byte belongs to one token, see
    // TokenList::end_of) nor line and column (SourceFile::location(begin)) are stored: 8 bytes a
    // token instead of 12 or 20, the largest part of what a reader writes to memory.

    bool significant() const { return kind != TokenKind::kWhitespace && kind != TokenKind::kComment; }
};

static_assert(sizeof(Token) == 8);

/// Every token of a file, in order, and where the last one ends.
struct TokenList : std::vector<Token> {
    uint32_t last_end = 0;  ///< one past the last token's last byte (the text's size, unless lexing stopped)

    /// The byte offset one past token `i`'s last byte.
    uint32_t end_of(size_t i) const { return i + 1 < size() ? (*this)[i + 1].begin : last_end; }
    /// Token `i`'s text in `text` (the text the tokens were lexed from).
    std::string_view text_of(std::string_view text, size_t i) const {
        return text.substr((*this)[i].begin, end_of(i) - (*this)[i].begin);
    }
};

}  // namespace ttl
