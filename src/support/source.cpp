// Line index for SourceFile: byte offsets of line starts, found once, searched by bisection.
#include "support/source.h"

#include <algorithm>
#include <cstring>

namespace ttl {

bool is_normalized(std::string_view text) {
    return text.substr(0, 3) != "\xEF\xBB\xBF" && text.find('\r') == std::string_view::npos;
}

std::string normalize_text(std::string text) {
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    if (text.find('\r') == std::string::npos) return text;
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\r') {
            out += text[i];
        } else if (i + 1 >= text.size() || text[i + 1] != '\n') {
            out += '\n';  // a lone CR ends a line for GCC and for Python
        }
    }
    return out;
}

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(normalize_text(std::move(text))) {
    // Newlines found with memchr (vectorized): counted, then recorded.
    const char* data = text_.data();
    const char* end = data + text_.size();
    auto each_newline = [&](auto&& f) {
        for (const char* p = data; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))));
             ++p)
            f(p);
    };
    size_t lines = 1;
    each_newline([&](const char*) { ++lines; });
    line_starts_.reserve(lines);
    line_starts_.push_back(0);
    each_newline([&](const char* p) { line_starts_.push_back(static_cast<uint32_t>(p - data + 1)); });
}

Location SourceFile::location(uint32_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    auto line = static_cast<uint32_t>(it - line_starts_.begin());  // >= 1: line_starts_[0] == 0
    return Location{line, offset - line_starts_[line - 1] + 1};
}

std::string_view SourceFile::line_text(uint32_t line) const {
    if (line == 0 || line > line_starts_.size()) return {};
    uint32_t begin = line_starts_[line - 1];
    uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<uint32_t>(text_.size());
    std::string_view view(text_);
    view = view.substr(begin, end - begin);
    if (!view.empty() && view.back() == '\n') view.remove_suffix(1);
    return view;
}

}  // namespace ttl
