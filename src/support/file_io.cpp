// File reading with precise error text (missing file, directory, permission).
#include "support/file_io.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace ttl {

std::shared_ptr<const SourceFile> read_source_file(const std::string& path,
                                                   Diagnostics& diagnostics) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        diagnostics.add(make_file_diagnostic(Severity::kError, path,
                                             "cannot read: it is a directory, expected a file"));
        return nullptr;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diagnostics.add(make_file_diagnostic(Severity::kError, path,
                                             fmt::format("cannot read: {}", std::strerror(errno))));
        return nullptr;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        diagnostics.add(make_file_diagnostic(Severity::kError, path, "cannot read: i/o error"));
        return nullptr;
    }
    return std::make_shared<SourceFile>(path, buffer.str());
}

}  // namespace ttl
