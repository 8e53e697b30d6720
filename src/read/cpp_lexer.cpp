// The C++ lexer: a single forward scan, one token at a time, no backtracking except inside
// literals. Tokens carry byte offsets only (lines come from the SourceFile's line index), so
// the scan touches each byte once and writes 12 bytes a token.
#include "read/cpp_lexer.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string>

#include <fmt/format.h>

namespace ttl {

const char* token_kind_name(TokenKind kind) {
    switch (kind) {
        case TokenKind::kIdentifier: return "identifier";
        case TokenKind::kKeyword: return "keyword";
        case TokenKind::kNumber: return "number";
        case TokenKind::kString: return "string";
        case TokenKind::kChar: return "char";
        case TokenKind::kPunct: return "punct";
        case TokenKind::kComment: return "comment";
        case TokenKind::kPreprocessor: return "preprocessor";
        case TokenKind::kWhitespace: return "whitespace";
    }
    return "?";
}

namespace {

// Sorted (ASCII) for binary search; checked at compile time below.
constexpr std::string_view kKeywords[] = {
    "_Pragma", "__attribute__", "__restrict__", "alignas", "alignof", "and", "and_eq", "asm",
    "auto", "bitand", "bitor", "bool", "break", "case", "catch", "char", "char16_t", "char32_t",
    "char8_t", "class", "co_await", "co_return", "co_yield", "compl", "concept", "const",
    "const_cast", "consteval", "constexpr", "constinit", "continue", "decltype", "default",
    "delete", "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern",
    "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable",
    "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq",
    "private", "protected", "public", "register", "reinterpret_cast", "requires", "return",
    "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch",
    "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
    "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor",
    "xor_eq",
};
static_assert(std::is_sorted(std::begin(kKeywords), std::end(kKeywords)));

// Character classes by table: the lexer's inner loops test one byte at a time.
constexpr uint8_t kIdentStart = 1;
constexpr uint8_t kIdentChar = 2;
constexpr std::array<uint8_t, 256> make_char_classes() {
    std::array<uint8_t, 256> table{};
    for (int c = 0; c < 256; ++c) {
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        bool digit = c >= '0' && c <= '9';
        table[static_cast<size_t>(c)] = static_cast<uint8_t>((alpha ? kIdentStart : 0) |
                                                             ((alpha || digit) ? kIdentChar : 0));
    }
    return table;
}
constexpr std::array<uint8_t, 256> kCharClasses = make_char_classes();

inline bool is_ident_start(unsigned char c) { return kCharClasses[c] & kIdentStart; }
inline bool is_ident_char(unsigned char c) { return kCharClasses[c] & kIdentChar; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Punctuators (see punct_length): the C++ ones, longest match first. `>>` and `>>=` are
// deliberately not tokens: the parser joins adjacent `>` tokens, which keeps `A<B<C>>` simple.

class Lexer {
public:
    Lexer(const SourceFile& source, Diagnostics& diagnostics)
        : source_(source), text_(source.text()), diagnostics_(diagnostics) {}

    TokenList run() {
        TokenList tokens;
        // Emitted code has about one token per 3.6 bytes. Reserving a little more than needed
        // costs nothing (pages never written are never faulted in) and avoids a copy.
        tokens.reserve(text_.size() / 3 + 16);
        bool at_line_start = true;  // only whitespace so far on this line
        while (pos_ < text_.size()) {
            uint32_t begin = pos_;
            bool newline = false;
            TokenKind kind;
            unsigned char c = text_[pos_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
                kind = TokenKind::kWhitespace;
                newline = lex_whitespace();
            } else if (c == '/' && peek(1) == '/') {
                kind = TokenKind::kComment;
                lex_line_comment();
            } else if (c == '/' && peek(1) == '*') {
                kind = TokenKind::kComment;
                if (!lex_block_comment()) return tokens;
            } else if (c == '#' && at_line_start) {
                kind = TokenKind::kPreprocessor;
                lex_directive();
            } else if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
                kind = TokenKind::kNumber;
                lex_number();
            } else if (is_ident_start(c)) {
                if (size_t prefix = literal_prefix_length(); prefix > 0) {
                    char quote = text_[pos_ + prefix];
                    kind = quote == '\'' ? TokenKind::kChar : TokenKind::kString;
                    bool raw = text_[pos_ + prefix - 1] == 'R';
                    pos_ += static_cast<uint32_t>(prefix);
                    if (!(raw ? lex_raw_string(begin) : lex_quoted(quote, begin))) return tokens;
                } else {
                    lex_identifier();
                    kind = is_cpp_keyword(text_.substr(begin, pos_ - begin)) ? TokenKind::kKeyword
                                                                            : TokenKind::kIdentifier;
                }
            } else if (c == '"' || c == '\'') {
                kind = c == '"' ? TokenKind::kString : TokenKind::kChar;
                if (!lex_quoted(static_cast<char>(c), begin)) return tokens;
            } else if (size_t len = punct_length(); len > 0) {
                kind = TokenKind::kPunct;
                pos_ += static_cast<uint32_t>(len);
            } else {
                error(begin, describe_unexpected(c));
                return tokens;
            }
            if (kind == TokenKind::kWhitespace) {
                if (newline) at_line_start = true;
            } else {
                at_line_start = false;
            }
            tokens.push_back(Token{kind, begin, pos_});
        }
        return tokens;
    }

private:
    unsigned char peek(size_t ahead) const {
        return pos_ + ahead < text_.size() ? static_cast<unsigned char>(text_[pos_ + ahead]) : 0;
    }

    void error(uint32_t offset, std::string message) {
        diagnostics_.error(source_, offset, std::move(message));
    }

    static std::string describe_unexpected(unsigned char c) {
        if (c >= 0x21 && c < 0x7f) return fmt::format("unexpected character '{}'", static_cast<char>(c));
        return fmt::format("unexpected byte 0x{:02x} outside a comment or string literal", c);
    }

    /// Returns true when the whitespace contains a newline.
    bool lex_whitespace() {
        bool newline = false;
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c == '\n') {
                newline = true;
            } else if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') {
                break;
            }
            ++pos_;
        }
        return newline;
    }

    void lex_line_comment() {
        size_t nl = text_.find('\n', pos_);
        pos_ = static_cast<uint32_t>(nl == std::string_view::npos ? text_.size() : nl);
        // A trailing backslash continues a // comment onto the next line in C++.
        while (pos_ < text_.size() && pos_ > 0 && ends_with_continuation(pos_)) {
            nl = text_.find('\n', pos_ + 1);
            pos_ = static_cast<uint32_t>(nl == std::string_view::npos ? text_.size() : nl);
        }
    }

    // True when the line ending at `nl` (a '\n' offset) ends with a backslash (before any '\r').
    bool ends_with_continuation(uint32_t nl) const {
        uint32_t i = nl;
        if (i > 0 && text_[i - 1] == '\r') --i;
        return i > 0 && text_[i - 1] == '\\';
    }

    bool lex_block_comment() {
        uint32_t begin = pos_;
        size_t close = text_.find("*/", pos_ + 2);
        if (close == std::string_view::npos) {
            error(begin, "unterminated comment: '/*' has no matching '*/'");
            return false;
        }
        pos_ = static_cast<uint32_t>(close + 2);
        return true;
    }

    void lex_directive() {
        while (true) {
            size_t nl = text_.find('\n', pos_);
            if (nl == std::string_view::npos) {
                pos_ = static_cast<uint32_t>(text_.size());
                return;
            }
            pos_ = static_cast<uint32_t>(nl);
            if (!ends_with_continuation(pos_)) return;
            ++pos_;
        }
    }

    void lex_number() {
        // pp-number: digits, letters, '_', '.', digit separators, and signs after e/E/p/P.
        ++pos_;
        while (pos_ < text_.size()) {
            unsigned char c = text_[pos_];
            if (is_ident_char(c) || c == '.') {
                ++pos_;
            } else if (c == '\'' && is_ident_char(peek(1))) {
                pos_ += 2;
            } else if ((c == '+' || c == '-') &&
                       (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E' ||
                        text_[pos_ - 1] == 'p' || text_[pos_ - 1] == 'P')) {
                ++pos_;
            } else {
                break;
            }
        }
    }

    void lex_identifier() {
        while (pos_ < text_.size() && is_ident_char(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }

    // Length of an encoding/raw prefix (`u8`, `L`, `R`, `u8R`, ...) directly followed by a
    // quote, or 0 when the identifier at pos_ is not a literal prefix.
    size_t literal_prefix_length() const {
        char first = text_[pos_];
        if (first != 'u' && first != 'U' && first != 'L' && first != 'R') return 0;
        static constexpr std::string_view kPrefixes[] = {
            "u8R", "uR", "UR", "LR", "u8", "R", "u", "U", "L"};
        for (std::string_view prefix : kPrefixes) {
            if (text_.compare(pos_, prefix.size(), prefix) != 0) continue;
            size_t q = pos_ + prefix.size();
            if (q >= text_.size()) continue;
            char quote = text_[q];
            bool raw = prefix.back() == 'R';
            if (quote == '"' || (quote == '\'' && !raw)) return prefix.size();
        }
        return 0;
    }

    bool lex_quoted(char quote, uint32_t begin) {
        ++pos_;  // opening quote
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c == '\\') {
                pos_ += 2;
                continue;
            }
            if (c == '\n') break;
            ++pos_;
            if (c == quote) return true;
        }
        pos_ = std::min<uint32_t>(pos_, static_cast<uint32_t>(text_.size()));
        error(begin, quote == '"' ? "unterminated string literal: expected a closing '\"'"
                                  : "unterminated character literal: expected a closing '''");
        return false;
    }

    bool lex_raw_string(uint32_t begin) {
        // R"delim( ... )delim"
        size_t open = text_.find('(', pos_ + 1);
        size_t line_end = text_.find('\n', pos_ + 1);
        if (open == std::string_view::npos || open > line_end || open - pos_ - 1 > 16) {
            error(begin, "malformed raw string literal: expected '(' after the delimiter");
            return false;
        }
        std::string closing = ")";
        closing += text_.substr(pos_ + 1, open - pos_ - 1);
        closing += '"';
        size_t close = text_.find(closing, open + 1);
        if (close == std::string_view::npos) {
            error(begin, fmt::format("unterminated raw string literal: expected '{}'", closing));
            return false;
        }
        pos_ = static_cast<uint32_t>(close + closing.size());
        return true;
    }

    size_t punct_length() const {
        // Decided by the first one to three bytes, without comparing strings.
        char c = text_[pos_];
        char c1 = static_cast<char>(peek(1));
        char c2 = static_cast<char>(peek(2));
        switch (c) {
            case '{': case '}': case '[': case ']': case '(': case ')': case ';': case ',':
            case '?': case '~':
                return 1;
            case ':': return c1 == ':' ? 2 : 1;
            case '.':
                if (c1 == '.' && c2 == '.') return 3;
                return c1 == '*' ? 2 : 1;
            case '<':
                if (c1 == '=' && c2 == '>') return 3;
                if (c1 == '<') return c2 == '=' ? 3 : 2;
                return c1 == '=' ? 2 : 1;
            case '>': return c1 == '=' ? 2 : 1;  // `>>` stays two tokens (templates)
            case '-':
                if (c1 == '>') return c2 == '*' ? 3 : 2;
                return c1 == '-' || c1 == '=' ? 2 : 1;
            case '+': return c1 == '+' || c1 == '=' ? 2 : 1;
            case '&': return c1 == '&' || c1 == '=' ? 2 : 1;
            case '|': return c1 == '|' || c1 == '=' ? 2 : 1;
            case '=': case '!': case '*': case '/': case '%': case '^':
                return c1 == '=' ? 2 : 1;
            case '#': return c1 == '#' ? 2 : 1;
            default: return 0;
        }
    }

    const SourceFile& source_;
    std::string_view text_;
    Diagnostics& diagnostics_;
    uint32_t pos_ = 0;
};

}  // namespace

bool is_cpp_keyword(std::string_view word) {
    // Fast rejection of the names that dominate emitted code (`v12`, `i6`, `size_t`...):
    // keywords start with a lowercase letter or '_', and only `char16_t`, `char32_t`,
    // `char8_t` contain a digit.
    if (word.empty() || word.size() > 16) return false;
    char first = word[0];
    if (!((first >= 'a' && first <= 'z') || first == '_')) return false;
    if (word.back() >= '0' && word.back() <= '9') return false;
    // No keyword has these lengths with this first letter: most identifiers stop here.
    static constexpr auto kBuckets = [] {
        std::array<uint32_t, 128> buckets{};  // first letter -> bit per length
        for (std::string_view k : kKeywords) buckets[static_cast<unsigned char>(k[0])] |= 1U << k.size();
        return buckets;
    }();
    if ((kBuckets[static_cast<unsigned char>(first)] & (1U << word.size())) == 0) return false;
    return std::binary_search(std::begin(kKeywords), std::end(kKeywords), word);
}

TokenList lex_cpp(const SourceFile& source, Diagnostics& diagnostics) {
    return Lexer(source, diagnostics).run();
}

}  // namespace ttl
