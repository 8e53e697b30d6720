// HtmlWriter: the page's text appended piece by piece, escaped where it comes from a file.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ttl {

namespace html_detail {

inline constexpr std::array<bool, 256> kStop = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : std::string_view("&<>\"'\r\n")) table[c] = true;
    return table;
}();

/// The entity a byte of kStop stands for in the page (none for '\r', which is dropped).
inline std::string_view entity(char c) {
    switch (c) {
        case '&': return "&amp;";
        case '<': return "&lt;";
        case '>': return "&gt;";
        case '"': return "&quot;";
        case '\'': return "&#39;";
        default: return {};
    }
}

}  // namespace html_detail

/// The first index from `i` on where `text` holds a byte that HTML escapes (`& < > " '`), a
/// carriage return or a newline; `n` when there is none before it. Inline: the page calls it
/// once per highlighted token.
inline size_t next_html_stop(const char* text, size_t i, size_t n) {
#if defined(__SSE2__)
    // Sixteen bytes at a time where SSE2 is there (every x86-64): escaped bytes are a few
    // percent of a kernel's text, and this scan was most of the page's time.
    const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'), quot = _mm_set1_epi8('"'),
                  apos = _mm_set1_epi8('\''), cr = _mm_set1_epi8('\r'), nl = _mm_set1_epi8('\n');
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, quot)));
        hit = _mm_or_si128(
            hit, _mm_or_si128(_mm_cmpeq_epi8(v, apos), _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, nl))));
        if (int mask = _mm_movemask_epi8(hit); mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
    }
#endif
    for (; i < n; ++i) {
        if (html_detail::kStop[static_cast<unsigned char>(text[i])]) return i;
    }
    return n;
}

/// Appends to a string whose size runs ahead of what was written: a piece costs a comparison
/// and a copy, not a call that checks the capacity (the page of a large kernel is hundreds of
/// thousands of pieces). The string has its real size again once the writer is gone.
class HtmlWriter {
public:
    /// Writes at the end of `out`, which is made `expected` bytes longer to start with (zeroed:
    /// an estimate far beyond what is written costs memory; one short of it, a copy).
    HtmlWriter(std::string& out, size_t expected) : out_(out), size_(out.size()) { out_.resize(size_ + expected); }
    HtmlWriter(const HtmlWriter&) = delete;
    HtmlWriter& operator=(const HtmlWriter&) = delete;
    ~HtmlWriter() { out_.resize(size_); }

    /// `piece` as it is.
    void put(std::string_view piece) {
        if (piece.empty()) return;  // an empty view may have no data to copy from
        if (size_ + piece.size() > out_.size()) grow(piece.size());
        std::memcpy(out_.data() + size_, piece.data(), piece.size());
        size_ += piece.size();
    }
    /// `text[b, e)` escaped, up to its first newline (carriage returns dropped); returns where it
    /// stopped: at the newline, or `e`.
    size_t put_escaped_line(const char* text, size_t b, size_t e) {
        size_t i = next_html_stop(text, b, e);
        for (; i < e && text[i] != '\n'; i = next_html_stop(text, i + 1, e)) {
            put(std::string_view(text + b, i - b));
            put(html_detail::entity(text[i]));
            b = i + 1;
        }
        put(std::string_view(text + b, i - b));
        return i;
    }
    /// `text` escaped, its newlines kept (carriage returns dropped).
    void put_escaped(std::string_view text);
    /// `n` in decimal.
    void put_number(size_t n);
    /// How many bytes the string holds so far.
    size_t size() const { return size_; }

private:
    [[gnu::noinline]] void grow(size_t more) { out_.resize(std::max(out_.size() * 2, size_ + more)); }

    std::string& out_;
    size_t size_;
};

/// `text` with every character that means something to HTML escaped (carriage returns dropped).
std::string html_escape(std::string_view text);

}  // namespace ttl
