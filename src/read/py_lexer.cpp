// The Python tokenizer: one pass over the bytes with an indentation stack and a bracket stack.
#include "read/py_lexer.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>

namespace ttl {

bool is_python_keyword(std::string_view word) {
    static constexpr std::string_view kWords[] = {
        "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
        "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
        "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
    return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

const char* py_token_kind_name(PyTokenKind kind) {
    switch (kind) {
        case PyTokenKind::kName: return "name";
        case PyTokenKind::kNumber: return "number";
        case PyTokenKind::kString: return "string";
        case PyTokenKind::kOp: return "op";
        case PyTokenKind::kComment: return "comment";
        case PyTokenKind::kNewline: return "newline";
        case PyTokenKind::kIndent: return "indent";
        case PyTokenKind::kDedent: return "dedent";
        case PyTokenKind::kEnd: return "end";
    }
    return "?";
}

namespace {

constexpr std::string_view kOps3[] = {"**=", "//=", ">>=", "<<=", "..."};
constexpr std::string_view kOps2[] = {
    "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="};
constexpr std::string_view kOps1 = "+-*/%@&|^~<>()[]{},:.;=!";

bool is_name_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool is_name_char(unsigned char c) {
    return is_name_start(c) || (c >= '0' && c <= '9');
}

class PyLexer {
public:
    PyLexer(const SourceFile& source, Diagnostics& diagnostics)
        : source_(source), text_(source.text()), diagnostics_(diagnostics) {}

    std::vector<PyToken> run() {
        indents_.push_back(0);
        bool line_start = true;
        while (pos_ < text_.size()) {
            if (line_start && brackets_.empty()) {
                if (!indentation()) return std::move(tokens_);
                line_start = false;
                if (pos_ >= text_.size()) break;
            }
            unsigned char c = text_[pos_];
            if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
                ++pos_;
            } else if (c == '\n') {
                if (brackets_.empty() && logical_line_open_) {
                    push(PyTokenKind::kNewline, pos_, pos_ + 1);
                    logical_line_open_ = false;
                }
                newline(pos_);
                ++pos_;
                // Inside brackets a new physical line continues the logical line.
                line_start = brackets_.empty();
            } else if (c == '\\') {
                // Explicit line joining: a backslash must end the line.
                uint32_t after = pos_ + 1;
                if (after < text_.size() && text_[after] == '\r') ++after;
                if (after >= text_.size() || text_[after] != '\n') {
                    return fail(pos_, "unexpected character after line continuation character");
                }
                newline(after);
                pos_ = after + 1;
            } else if (c == '#') {
                uint32_t begin = pos_;
                while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
                push(PyTokenKind::kComment, begin, pos_);
            } else if (is_name_start(c)) {
                uint32_t begin = pos_;
                while (pos_ < text_.size() && is_name_char(static_cast<unsigned char>(text_[pos_]))) ++pos_;
                if (pos_ < text_.size() && (text_[pos_] == '"' || text_[pos_] == '\'') &&
                    is_string_prefix(text_.substr(begin, pos_ - begin))) {
                    if (!string_literal(begin)) return std::move(tokens_);
                } else {
                    push(PyTokenKind::kName, begin, pos_);
                }
            } else if (c == '"' || c == '\'') {
                if (!string_literal(pos_)) return std::move(tokens_);
            } else if ((c >= '0' && c <= '9') ||
                       (c == '.' && pos_ + 1 < text_.size() && text_[pos_ + 1] >= '0' && text_[pos_ + 1] <= '9')) {
                number();
            } else if (!op()) {
                return std::move(tokens_);
            }
        }
        if (!brackets_.empty()) {
            uint32_t open = brackets_.back();
            return fail(open, fmt::format("'{}' was never closed", text_[open]));
        }
        if (logical_line_open_) push(PyTokenKind::kNewline, pos_, pos_);
        while (indents_.size() > 1) {
            indents_.pop_back();
            push(PyTokenKind::kDedent, pos_, pos_);
        }
        push(PyTokenKind::kEnd, pos_, pos_);
        return std::move(tokens_);
    }

private:
    std::vector<PyToken> fail(uint32_t offset, std::string message) {
        diagnostics_.error(source_, offset, std::move(message));
        return std::move(tokens_);
    }

    void push(PyTokenKind kind, uint32_t begin, uint32_t end) {
        Location loc = {line_, begin - line_start_ + 1};
        if (kind != PyTokenKind::kComment && kind != PyTokenKind::kNewline && kind != PyTokenKind::kIndent &&
            kind != PyTokenKind::kDedent && kind != PyTokenKind::kEnd) {
            logical_line_open_ = true;
        }
        tokens_.push_back(PyToken{kind, begin, end, loc.line, loc.column});
    }

    void newline(uint32_t offset) {
        ++line_;
        line_start_ = offset + 1;
    }

    /// At the start of a physical line outside brackets: handles blank and comment-only
    /// lines, then emits INDENT/DEDENT tokens for the first line of a logical line.
    bool indentation() {
        while (pos_ < text_.size()) {
            uint32_t width = 0;
            uint32_t begin = pos_;
            while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\f')) {
                width = text_[pos_] == '\t' ? (width / 8 + 1) * 8 : width + 1;
                ++pos_;
            }
            if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
            if (pos_ >= text_.size()) return true;
            char c = text_[pos_];
            if (c == '\n') {  // blank line
                newline(pos_);
                ++pos_;
                continue;
            }
            if (c == '#') {  // comment-only line: no indentation change
                uint32_t cb = pos_;
                while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
                push(PyTokenKind::kComment, cb, pos_);
                continue;
            }
            if (c == '\\' && logical_line_open_) return true;  // continued line
            if (width > indents_.back()) {
                indents_.push_back(width);
                push(PyTokenKind::kIndent, pos_, pos_);
            } else {
                while (width < indents_.back()) {
                    indents_.pop_back();
                    push(PyTokenKind::kDedent, pos_, pos_);
                }
                if (width != indents_.back()) {
                    fail(begin + (pos_ - begin), "unindent does not match any outer indentation level");
                    return false;
                }
            }
            return true;
        }
        return true;
    }

    static bool is_string_prefix(std::string_view p) {
        if (p.size() > 2) return false;
        std::string lower;
        for (char ch : p) lower += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
        return lower == "r" || lower == "b" || lower == "u" || lower == "f" || lower == "rb" || lower == "br" ||
               lower == "fr" || lower == "rf";
    }

    bool string_literal(uint32_t begin) {
        bool raw = false;
        for (uint32_t i = begin; i < pos_; ++i) raw = raw || text_[i] == 'r' || text_[i] == 'R';
        char quote = text_[pos_];
        bool triple = pos_ + 2 < text_.size() && text_[pos_ + 1] == quote && text_[pos_ + 2] == quote;
        uint32_t start_line = line_;
        uint32_t start_line_start = line_start_;
        pos_ += triple ? 3 : 1;
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c == '\\') {
                // Even in raw strings a backslash keeps the next quote from closing the string.
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') newline(pos_ + 1);
                pos_ += 2;
                continue;
            }
            if (c == '\n') {
                if (!triple) break;
                newline(pos_);
            }
            if (c == quote) {
                if (!triple) {
                    ++pos_;
                    emit_string(begin, start_line, start_line_start);
                    return true;
                }
                if (pos_ + 2 < text_.size() + 0 && text_[pos_ + 1] == quote && text_[pos_ + 2] == quote) {
                    pos_ += 3;
                    emit_string(begin, start_line, start_line_start);
                    return true;
                }
            }
            ++pos_;
        }
        (void)raw;
        line_ = start_line;
        line_start_ = start_line_start;
        fail(begin, triple ? "unterminated triple-quoted string literal"
                           : "unterminated string literal: expected a closing quote on the same line");
        return false;
    }

    void emit_string(uint32_t begin, uint32_t start_line, uint32_t start_line_start) {
        logical_line_open_ = true;
        tokens_.push_back(PyToken{PyTokenKind::kString, begin, pos_, start_line, begin - start_line_start + 1});
    }

    void number() {
        uint32_t begin = pos_;
        ++pos_;
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            bool sign = (c == '+' || c == '-') && (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E') &&
                        !(text_[begin] == '0' && begin + 1 < text_.size() &&
                          (text_[begin + 1] == 'x' || text_[begin + 1] == 'X'));
            if (is_name_char(static_cast<unsigned char>(c)) || c == '.' || sign) {
                ++pos_;
            } else {
                break;
            }
        }
        push(PyTokenKind::kNumber, begin, pos_);
    }

    bool op() {
        std::string_view rest = text_.substr(pos_);
        size_t len = 0;
        for (std::string_view o : kOps3) {
            if (rest.substr(0, 3) == o) len = 3;
        }
        if (len == 0) {
            for (std::string_view o : kOps2) {
                if (rest.substr(0, 2) == o) len = 2;
            }
        }
        if (len == 0 && kOps1.find(rest[0]) != std::string_view::npos) len = 1;
        if (len == 0) {
            unsigned char c = rest[0];
            fail(pos_, c >= 0x21 && c < 0x7f ? fmt::format("invalid character '{}'", rest[0])
                                             : fmt::format("invalid byte 0x{:02x}", c));
            return false;
        }
        char c = rest[0];
        if (len == 1 && (c == '(' || c == '[' || c == '{')) {
            brackets_.push_back(pos_);
        } else if (len == 1 && (c == ')' || c == ']' || c == '}')) {
            if (brackets_.empty()) {
                fail(pos_, fmt::format("unmatched '{}'", c));
                return false;
            }
            char open = text_[brackets_.back()];
            char expected = open == '(' ? ')' : open == '[' ? ']' : '}';
            if (c != expected) {
                Location loc = source_.location(brackets_.back());
                fail(pos_, fmt::format("closing '{}' does not match opening '{}' on line {}", c, open, loc.line));
                return false;
            }
            brackets_.pop_back();
        }
        push(PyTokenKind::kOp, pos_, pos_ + static_cast<uint32_t>(len));
        pos_ += static_cast<uint32_t>(len);
        return true;
    }

    const SourceFile& source_;
    std::string_view text_;
    Diagnostics& diagnostics_;
    std::vector<PyToken> tokens_;
    std::vector<uint32_t> indents_;
    std::vector<uint32_t> brackets_;  // offsets of open brackets
    uint32_t pos_ = 0;
    uint32_t line_ = 1;
    uint32_t line_start_ = 0;
    bool logical_line_open_ = false;
};

}  // namespace

std::vector<PyToken> lex_python(const SourceFile& source, Diagnostics& diagnostics) {
    return PyLexer(source, diagnostics).run();
}

}  // namespace ttl
