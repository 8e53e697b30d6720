// File reading with precise error text: only regular files (a FIFO or a device would hang or
// never end), a size limit, UTF-8 only, and the text normalized as compilers read it.
#include "support/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace ttl {

namespace {

std::atomic<uint64_t> g_max_size{kDefaultMaxInputBytes};

const char* file_kind(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

}  // namespace

void set_max_input_bytes(uint64_t bytes) {
    g_max_size.store(bytes);
}
uint64_t max_input_bytes() {
    return g_max_size.load();
}

size_t first_invalid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    size_t n = text.size();
    size_t i = 0;
    while (i < n) {
        // Eight ASCII bytes at a time (no byte with its high bit set).
        while (i + 8 <= n) {
            uint64_t word;
            std::memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080ULL) != 0) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len = 0;
        uint32_t min = 0;
        uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, min = 0x10000, cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n) return i;
        for (size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::optional<std::string> read_file_bytes(const std::string& path, std::string& why) {
    auto fail = [&](std::string reason) {
        why = std::move(reason);
        return std::nullopt;
    };
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked before reading.
    int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENXIO) return fail("it is a socket or a FIFO with nobody writing, expected a file");
        return fail(std::strerror(errno));
    }
    struct stat st {};
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return fail(std::strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return fail(fmt::format("it is {}, expected a file", file_kind(st.st_mode)));
    }
    uint64_t limit = max_input_bytes();
    if (static_cast<uint64_t>(st.st_size) > limit) {
        close(fd);
        return fail(
            fmt::format("it is {} bytes, more than the {} bytes ttl-export reads (no emitted kernel or "
                        "program is near that; set TTL_EXPORT_MAX_INPUT_MB to raise the limit)",
                        st.st_size, limit));
    }
    // One byte more than the file's size, so that its end is seen without growing the buffer
    // (growing copies it: twice the memory touched for every file read).
    std::string text(static_cast<size_t>(st.st_size) + 1, '\0');
    size_t done = 0;
    while (true) {
        if (done == text.size()) text.resize(text.size() + 65536);  // the file grew: read on, up to the limit
        ssize_t n = read(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            return fail(fmt::format("i/o error: {}", std::strerror(e)));
        }
        if (n == 0) break;
        done += static_cast<size_t>(n);
        if (done > limit) {
            close(fd);
            return fail(fmt::format("it grew past the {} bytes ttl-export reads", limit));
        }
    }
    close(fd);
    text.resize(done);
    return text;
}

std::shared_ptr<const SourceFile> read_source_file(const std::string& path, Diagnostics& diagnostics) {
    std::string why;
    std::optional<std::string> bytes = read_file_bytes(path, why);
    if (!bytes) {
        diagnostics.add(make_file_diagnostic(Severity::kError, path, "cannot read: " + why));
        return nullptr;
    }
    std::string& text = *bytes;
    size_t bad = first_invalid_utf8(text);
    if (bad != std::string_view::npos) {
        SourceFile located(path, text.substr(0, bad));
        Location at = located.location(static_cast<uint32_t>(located.text().size()));
        Diagnostic d = make_file_diagnostic(Severity::kError, path,
                                            fmt::format("byte {} (0x{:02X}) is not UTF-8: ttl-export reads "
                                                        "UTF-8 text only (convert the file, "
                                                        "e.g. with iconv)",
                                                        bad, static_cast<unsigned char>(text[bad])));
        d.line = at.line;
        d.column = at.column;
        diagnostics.add(std::move(d));
        return nullptr;
    }
    return std::make_shared<SourceFile>(path, std::move(text));
}

}  // namespace ttl
