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
    uint32_t end = 0;  ///< byte offset one past the last byte
    // Line and column are not stored (12 bytes a token instead of 20 keeps a 100k-line
    // kernel's tokens in cache); SourceFile::location(begin) gives them.

    bool significant() const { return kind != TokenKind::kWhitespace && kind != TokenKind::kComment; }
};

static_assert(sizeof(Token) == 12);

/// Every token of a file, in order.
using TokenList = std::vector<Token>;

}  // namespace ttl
