// HtmlWriter and html_escape against a plain byte-by-byte reference: every escaped byte at every
// position around the 16-byte steps of the vectorized scan, and pieces written after others.
#include <gtest/gtest.h>

#include <string>

#include "write/html_writer.h"

namespace ttl {
namespace {

std::string reference_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\r': break;
            default: out += c;
        }
    }
    return out;
}

TEST(HtmlWriter, EscapesEveryByteAtEveryPosition) {
    for (char special : std::string("&<>\"'\r\n")) {
        for (size_t size = 0; size <= 50; ++size) {
            for (size_t at = 0; at < size; ++at) {
                std::string text(size, 'a');
                text[at] = special;
                ASSERT_EQ(html_escape(text), reference_escape(text))
                    << "byte " << static_cast<int>(special) << " at " << at << " of " << size;
            }
        }
    }
    std::string all;
    for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
    all.append(all).append("tail");
    EXPECT_EQ(html_escape(all), reference_escape(all));
}

TEST(HtmlWriter, FindsTheFirstStopFromWhereItIsAsked) {
    std::string text(40, 'x');
    text.append("<").append(20, 'y').append("\n");
    EXPECT_EQ(next_html_stop(text.data(), 0, text.size()), 40U);
    EXPECT_EQ(next_html_stop(text.data(), 41, text.size()), 61U);
    EXPECT_EQ(next_html_stop(text.data(), 0, 40), 40U);  // none before the end it is given
    EXPECT_EQ(next_html_stop(text.data(), 62, text.size()), text.size());
}

TEST(HtmlWriter, StopsAtTheNewlineAndAppendsAfterWhatIsThere) {
    std::string out = "kept:";
    {
        HtmlWriter w(out, 1);  // less room than it will need
        std::string line = "a<b\r\nc";
        EXPECT_EQ(w.put_escaped_line(line.data(), 0, line.size()), 4U);
        w.put("|");
        w.put_number(0);
        w.put_number(1234567890123ULL);
        EXPECT_EQ(w.size(), std::string_view("kept:a&lt;b|01234567890123").size());
    }
    EXPECT_EQ(out, "kept:a&lt;b|01234567890123");
}

}  // namespace
}  // namespace ttl
