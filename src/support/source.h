// Source text with a name and a line index, the input of every reader stage.
//
// A SourceFile owns the bytes it was read from and answers "which line and column is byte N",
// so that tokens and diagnostics can carry exact locations.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ttl {

/// A 1-based line and column (columns count bytes, as compilers do).
struct Location {
    uint32_t line = 0;
    uint32_t column = 0;
};

/// The text as a compiler and Python read it: a leading UTF-8 byte-order mark dropped, CRLF and
/// lone CR line ends turned into LF. Offsets, lines and columns all refer to this text.
std::string normalize_text(std::string text);
/// Whether normalize_text keeps `text` as it is (no byte-order mark, no carriage return).
bool is_normalized(std::string_view text);

class SourceFile {
public:
    /// Takes a display name (used in diagnostics) and the full text (normalized, see above).
    SourceFile(std::string name, std::string text);

    const std::string& name() const { return name_; }
    const std::string& text() const { return text_; }
    /// The text moved out (the file is left empty): for an owner done with the file that wants
    /// its text back without a copy.
    std::string release_text() && {
        line_starts_.clear();
        return std::move(text_);
    }

    /// Line and column of a byte offset (offset == size() is the end of the last line).
    Location location(uint32_t offset) const;
    /// The text of a 1-based line, without its line terminator.
    std::string_view line_text(uint32_t line) const;
    /// The byte offset where a 1-based line starts (the text's size past the last line).
    uint32_t line_start(uint32_t line) const {
        if (line == 0) return 0;
        if (line > line_starts_.size()) return static_cast<uint32_t>(text_.size());
        return line_starts_[line - 1];
    }
    uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }

private:
    std::string name_;
    std::string text_;
    std::vector<uint32_t> line_starts_;
};

/// The line of each offset in a walk through a file: constant time per step when the offsets
/// come in increasing order (a step back searches again).
class LineCursor {
public:
    explicit LineCursor(const SourceFile& file) : file_(file) {}
    uint32_t line(uint32_t offset) {
        if (offset < file_.line_start(line_)) line_ = file_.location(offset).line;
        while (line_ < file_.line_count() && file_.line_start(line_ + 1) <= offset) ++line_;
        return line_;
    }

private:
    const SourceFile& file_;
    uint32_t line_ = 1;
};

}  // namespace ttl
