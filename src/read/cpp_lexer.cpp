// The C++ lexer: a single forward scan, one token at a time, no backtracking except inside
// literals. Tokens carry byte offsets only (lines come from the SourceFile's line index), so
// the scan touches each byte once and writes 12 bytes a token.
#include "read/cpp_lexer.h"

#include <cctype>

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

// Sorted (ASCII), so that a missing or doubled word shows; checked at compile time below.
constexpr std::string_view kKeywords[] = {
    "_Pragma",       "__attribute__", "__restrict__", "alignas",   "alignof",   "and",
    "and_eq",        "asm",           "auto",         "bitand",    "bitor",     "bool",
    "break",         "case",          "catch",        "char",      "char16_t",  "char32_t",
    "char8_t",       "class",         "co_await",     "co_return", "co_yield",  "compl",
    "concept",       "const",         "const_cast",   "consteval", "constexpr", "constinit",
    "continue",      "decltype",      "default",      "delete",    "do",        "double",
    "dynamic_cast",  "else",          "enum",         "explicit",  "export",    "extern",
    "false",         "float",         "for",          "friend",    "goto",      "if",
    "inline",        "int",           "long",         "mutable",   "namespace", "new",
    "noexcept",      "not",           "not_eq",       "nullptr",   "operator",  "or",
    "or_eq",         "private",       "protected",    "public",    "register",  "reinterpret_cast",
    "requires",      "return",        "short",        "signed",    "sizeof",    "static",
    "static_assert", "static_cast",   "struct",       "switch",    "template",  "this",
    "thread_local",  "throw",         "true",         "try",       "typedef",   "typeid",
    "typename",      "union",         "unsigned",     "using",     "virtual",   "void",
    "volatile",      "wchar_t",       "while",        "xor",       "xor_eq",
};
static_assert(std::is_sorted(std::begin(kKeywords), std::end(kKeywords)));

// Byte classes by table: what a byte can start, and what may continue an identifier or
// whitespace. The lexer's dispatch and inner loops test one table entry per byte.
enum Start : uint8_t {
    kStartInvalid,  // cannot start a token
    kStartSpace,
    kStartIdent,  // letters and '_'
    kStartPrefix,  // 'u', 'U', 'L', 'R': an identifier or an encoding/raw literal prefix
    kStartDigit,
    kStartQuote,  // '"' or '\''
    kStartSlash,  // comment or punctuator
    kStartHash,  // directive at the start of a line, else punctuator
    kStartDot,  // number (`.5`) or punctuator
    kStartPunct,
};
constexpr uint8_t kIdentChar = 1;
constexpr uint8_t kSpaceChar = 2;
struct ByteClasses {
    std::array<Start, 256> start{};
    std::array<uint8_t, 256> flags{};
};
constexpr ByteClasses make_byte_classes() {
    ByteClasses t;
    for (int c = 0; c < 256; ++c) {
        auto i = static_cast<size_t>(c);
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        bool digit = c >= '0' && c <= '9';
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        t.flags[i] = static_cast<uint8_t>(((alpha || digit) ? kIdentChar : 0) | (space ? kSpaceChar : 0));
        if (space)
            t.start[i] = kStartSpace;
        else if (c == 'u' || c == 'U' || c == 'L' || c == 'R')
            t.start[i] = kStartPrefix;
        else if (alpha)
            t.start[i] = kStartIdent;
        else if (digit)
            t.start[i] = kStartDigit;
        else if (c == '"' || c == '\'')
            t.start[i] = kStartQuote;
        else if (c == '/')
            t.start[i] = kStartSlash;
        else if (c == '#')
            t.start[i] = kStartHash;
        else if (c == '.')
            t.start[i] = kStartDot;
        else if (c > 0 && c < 128 &&
                 std::string_view("{}[]();,?~:<>-+&|=!*%^").find(static_cast<char>(c)) != std::string_view::npos)
            t.start[i] = kStartPunct;
    }
    return t;
}
constexpr ByteClasses kBytes = make_byte_classes();

inline bool is_ident_char(unsigned char c) {
    return kBytes.flags[c] & kIdentChar;
}
inline bool is_space(unsigned char c) {
    return kBytes.flags[c] & kSpaceChar;
}
bool is_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

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
        scan<true, true>([&tokens](const Token& t, uint32_t end) {
            tokens.push_back(t);
            tokens.last_end = end;
        });
        return tokens;
    }

    /// Each token to `emit` with its end, in order, until the end or the first error; whitespace
    /// only if kWhitespace, keywords as identifiers unless kKeywords.
    template <bool kWhitespace, bool kKeywords, typename Emit>
    void scan(Emit&& emit) {
        bool at_line_start = true;  // only whitespace so far on this line
        while (pos_ < text_.size()) {
            uint32_t begin = pos_;
            auto c = static_cast<unsigned char>(text_[pos_]);
            TokenKind kind = TokenKind::kPunct;
            switch (kBytes.start[c]) {
                case kStartSpace:
                    if (lex_whitespace()) at_line_start = true;
                    if constexpr (kWhitespace) emit(Token{.kind = TokenKind::kWhitespace, .begin = begin}, pos_);
                    continue;  // whitespace keeps at_line_start as it is
                case kStartIdent:
                    lex_identifier();
                    kind = kKeywords ? word_kind(begin) : TokenKind::kIdentifier;
                    break;
                case kStartPrefix:
                    lex_identifier();
                    if (pos_ < text_.size() && (text_[pos_] == '"' || text_[pos_] == '\'') &&
                        is_literal_prefix(text_.substr(begin, pos_ - begin), text_[pos_])) {
                        char quote = text_[pos_];
                        kind = quote == '\'' ? TokenKind::kChar : TokenKind::kString;
                        bool raw = text_[pos_ - 1] == 'R';
                        if (!(raw ? lex_raw_string(begin) : lex_quoted(quote, begin))) return;
                    } else {
                        kind = kKeywords ? word_kind(begin) : TokenKind::kIdentifier;
                    }
                    break;
                case kStartDigit:
                    kind = TokenKind::kNumber;
                    lex_number();
                    break;
                case kStartQuote:
                    kind = c == '"' ? TokenKind::kString : TokenKind::kChar;
                    if (!lex_quoted(static_cast<char>(c), begin)) return;
                    break;
                case kStartSlash:
                    if (peek(1) == '/') {
                        kind = TokenKind::kComment;
                        lex_line_comment();
                    } else if (peek(1) == '*') {
                        kind = TokenKind::kComment;
                        if (!lex_block_comment()) return;
                    } else {
                        pos_ += static_cast<uint32_t>(punct_length());
                    }
                    break;
                case kStartHash:
                    if (at_line_start) {
                        kind = TokenKind::kPreprocessor;
                        lex_directive();
                    } else {
                        pos_ += static_cast<uint32_t>(punct_length());
                    }
                    break;
                case kStartDot:
                    if (is_digit(peek(1))) {
                        kind = TokenKind::kNumber;
                        lex_number();
                    } else {
                        pos_ += static_cast<uint32_t>(punct_length());
                    }
                    break;
                case kStartPunct: pos_ += static_cast<uint32_t>(punct_length()); break;
                case kStartInvalid:
                    if (ucn_length(pos_) > 0) {  // an identifier that starts with a universal character name
                        lex_identifier();
                        kind = TokenKind::kIdentifier;
                        break;
                    }
                    if (size_t splice = splice_length(pos_)) {
                        // GCC removes the backslash-newline (phase 2). Between blanks that joins
                        // nothing: it reads as whitespace. Next to a token it could join two
                        // tokens into one the compiler sees and we would not: refused.
                        bool blank_before = pos_ == 0 || is_space(static_cast<unsigned char>(text_[pos_ - 1]));
                        bool blank_after =
                            pos_ + splice >= text_.size() || is_space(static_cast<unsigned char>(text_[pos_ + splice]));
                        if (!blank_before || !blank_after) {
                            error(begin,
                                  "a line splice (backslash-newline) next to a token: the compiler joins the lines "
                                  "into one token here; join them in the file");
                            return;
                        }
                        pos_ += static_cast<uint32_t>(splice);
                        if constexpr (kWhitespace) emit(Token{.kind = TokenKind::kWhitespace, .begin = begin}, pos_);
                        continue;
                    }
                    error(begin, describe_unexpected(c));
                    return;
            }
            at_line_start = false;
            emit(Token{.kind = kind, .begin = begin}, pos_);
        }
    }

private:
    TokenKind word_kind(uint32_t begin) const {
        return is_cpp_keyword(text_.substr(begin, pos_ - begin)) ? TokenKind::kKeyword : TokenKind::kIdentifier;
    }

    unsigned char peek(size_t ahead) const {
        return pos_ + ahead < text_.size() ? static_cast<unsigned char>(text_[pos_ + ahead]) : 0;
    }

    void error(uint32_t offset, std::string message) { diagnostics_.error(source_, offset, std::move(message)); }

    static std::string describe_unexpected(unsigned char c) {
        if (c >= 0x21 && c < 0x7f) return fmt::format("unexpected character '{}'", static_cast<char>(c));
        return fmt::format("unexpected byte 0x{:02x} outside a comment or string literal", c);
    }

    /// Returns true when the whitespace contains a newline.
    bool lex_whitespace() {
        bool newline = false;
        const char* p = text_.data() + pos_;
        while (is_space(static_cast<unsigned char>(*p))) {
            newline |= *p == '\n';
            ++p;
        }
        pos_ = static_cast<uint32_t>(p - text_.data());
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

    // True when the line ending at `nl` (a '\n' offset) ends with a backslash: GCC splices a
    // backslash followed by spaces or tabs too (translation phase 2, with a warning), so
    // `// note \ ` swallows the next line just as `// note \` does.
    bool ends_with_continuation(uint32_t nl) const {
        uint32_t i = nl;
        while (i > 0 && (text_[i - 1] == ' ' || text_[i - 1] == '\t' || text_[i - 1] == '\r' || text_[i - 1] == '\f' ||
                         text_[i - 1] == '\v')) {
            --i;
        }
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
            char before = text_[pos_ - 1];
            bool exponent_sign =
                (c == '+' || c == '-') && (before == 'e' || before == 'E' || before == 'p' || before == 'P');
            if (is_ident_char(c) || c == '.' || exponent_sign) {
                ++pos_;
            } else if (c == '\'' && is_ident_char(peek(1))) {
                pos_ += 2;
            } else {
                break;
            }
        }
    }

    // The scanning loops below need no bounds check: the text is a std::string, so a NUL
    // follows its last byte, and NUL is neither an identifier character nor whitespace.
    void lex_identifier() {
        const char* p = text_.data() + pos_;
        for (;;) {
            while (is_ident_char(static_cast<unsigned char>(*p))) ++p;
            size_t ucn = ucn_length(static_cast<size_t>(p - text_.data()));
            if (ucn == 0) break;
            p += ucn;
        }
        pos_ = static_cast<uint32_t>(p - text_.data());
    }

    /// The length of a universal character name (`\uXXXX`, `\UXXXXXXXX`) at `at`, or 0.
    size_t ucn_length(size_t at) const {
        if (at + 1 >= text_.size() || text_[at] != '\\' || (text_[at + 1] != 'u' && text_[at + 1] != 'U')) return 0;
        size_t digits = text_[at + 1] == 'u' ? 4 : 8;
        for (size_t i = 0; i < digits; ++i) {
            if (at + 2 + i >= text_.size() || !std::isxdigit(static_cast<unsigned char>(text_[at + 2 + i]))) return 0;
        }
        return 2 + digits;
    }

    /// The length of a line splice at `at` (backslash, optional blanks, a line end), or 0.
    size_t splice_length(size_t at) const {
        if (text_[at] != '\\') return 0;
        size_t i = at + 1;
        while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
        if (i >= text_.size() || (text_[i] != '\n' && text_[i] != '\r')) return 0;
        if (text_[i] == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
        return i + 1 - at;
    }

    /// True when `word`, directly followed by `quote`, is an encoding or raw-string prefix
    /// (`u8"..."`, `L'x'`, `R"(...)"`, `u8R"(...)"`); raw strings take only '"'.
    static bool is_literal_prefix(std::string_view word, char quote) {
        static constexpr std::string_view kPrefixes[] = {"u8", "u", "U", "L", "R", "u8R", "uR", "UR", "LR"};
        bool raw = word.back() == 'R';
        if (raw && quote != '"') return false;
        return std::find(std::begin(kPrefixes), std::end(kPrefixes), word) != std::end(kPrefixes);
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
        // Decided by the first one to three bytes, without comparing strings. p[1] is at most
        // the string's closing NUL; p[2] is read only after p[1] matched a punctuator byte.
        const char* p = text_.data() + pos_;
        char c = p[0];
        char c1 = p[1];
        switch (c) {
            case '{':
            case '}':
            case '[':
            case ']':
            case '(':
            case ')':
            case ';':
            case ',':
            case '?':
            case '~': return 1;
            case ':': return c1 == ':' ? 2 : 1;
            case '.':
                if (c1 == '.' && p[2] == '.') return 3;
                return c1 == '*' ? 2 : 1;
            case '<':
                if (c1 == '=' && p[2] == '>') return 3;
                if (c1 == '<') return p[2] == '=' ? 3 : 2;
                return c1 == '=' ? 2 : 1;
            case '>': return c1 == '=' ? 2 : 1;  // `>>` stays two tokens (templates)
            case '-':
                if (c1 == '>') return p[2] == '*' ? 3 : 2;
                return c1 == '-' || c1 == '=' ? 2 : 1;
            case '+': return c1 == '+' || c1 == '=' ? 2 : 1;
            case '&': return c1 == '&' || c1 == '=' ? 2 : 1;
            case '|': return c1 == '|' || c1 == '=' ? 2 : 1;
            case '=':
            case '!':
            case '*':
            case '/':
            case '%':
            case '^': return c1 == '=' ? 2 : 1;
            case '#': return c1 == '#' ? 2 : 1;
            default: return 0;
        }
    }

    const SourceFile& source_;
    std::string_view text_;  // views the SourceFile's std::string: a NUL follows the last byte
    Diagnostics& diagnostics_;
    uint32_t pos_ = 0;
};

}  // namespace

namespace {

/// What a word is hashed by: its length and four of its bytes (the first two, the middle one
/// and the last), which tell every keyword apart.
constexpr uint64_t keyword_key(std::string_view word) {
    auto byte = [&](size_t i) { return static_cast<uint64_t>(static_cast<unsigned char>(word[i])); };
    size_t n = word.size();
    return byte(0) | byte(1) << 8 | byte(n / 2) << 16 | byte(n - 1) << 24 | static_cast<uint64_t>(n) << 32;
}

/// A multiplier that sends every keyword's key to a slot of its own among 512 (found by trying
/// odd multipliers; the table below does not compile if a keyword shares a slot).
constexpr uint64_t kKeywordMultiplier = 0xa15389dc13d62095ULL;
constexpr size_t keyword_slot(uint64_t key) {
    return static_cast<size_t>((key * kKeywordMultiplier) >> 55);
}

/// Slot -> 1 + the index of the keyword there, or 0.
constexpr auto kKeywordSlots = [] {
    std::array<uint8_t, 512> slots{};
    for (size_t i = 0; i < std::size(kKeywords); ++i) {
        uint8_t& slot = slots[keyword_slot(keyword_key(kKeywords[i]))];
        if (slot != 0) throw "two keywords share a slot: choose another kKeywordMultiplier";
        slot = static_cast<uint8_t>(i + 1);
    }
    return slots;
}();

}  // namespace

bool is_cpp_keyword(std::string_view word) {
    // One slot to look at: a word is a keyword only if it is the one keyword whose slot its key
    // names (every keyword has 2 to 16 bytes).
    if (word.size() < 2 || word.size() > 16) return false;
    uint8_t slot = kKeywordSlots[keyword_slot(keyword_key(word))];
    return slot != 0 && kKeywords[slot - 1] == word;
}

TokenList lex_cpp(const SourceFile& source, Diagnostics& diagnostics) {
    return Lexer(source, diagnostics).run();
}

void lex_cpp_each(const SourceFile& source, Diagnostics& diagnostics,
                  const std::function<void(const Token&, uint32_t end)>& each, LexWalk walk) {
    Lexer lexer(source, diagnostics);
    if (walk.whitespace && walk.keywords) {
        lexer.scan<true, true>(each);
    } else if (walk.whitespace) {
        lexer.scan<true, false>(each);
    } else if (walk.keywords) {
        lexer.scan<false, true>(each);
    } else {
        lexer.scan<false, false>(each);
    }
}

}  // namespace ttl
