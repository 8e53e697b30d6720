#include "write/html_writer.h"

#include <charconv>

namespace ttl {

void HtmlWriter::put_escaped(std::string_view text) {
    for (size_t b = 0; b < text.size();) {
        b = put_escaped_line(text.data(), b, text.size());
        if (b < text.size()) {  // a newline, kept
            put("\n");
            ++b;
        }
    }
}

void HtmlWriter::put_number(size_t n) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
    put(std::string_view(digits, static_cast<size_t>(end - digits)));
}

std::string html_escape(std::string_view text) {
    std::string out;
    HtmlWriter(out, text.size() + 16).put_escaped(text);
    return out;
}

}  // namespace ttl
