#include "support/install_paths.h"

#include <cstdlib>
#include <filesystem>

#ifndef TTL_SOURCE_DIR
#define TTL_SOURCE_DIR ""
#endif
#ifndef TTL_BUILD_DIR
#define TTL_BUILD_DIR ""
#endif

namespace fs = std::filesystem;

namespace ttl {

std::string executable_path() {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : self.string();
}

std::string share_dir() {
    if (const char* v = std::getenv("TTL_EXPORT_SHARE"); v && *v) return v;
    std::string exe = executable_path();
    if (!exe.empty()) {
        fs::path installed = fs::path(exe).parent_path() / ".." / "share" / "ttl-export";
        std::error_code ec;
        if (fs::exists(installed / "emu" / "include" / "ttl_emu" / "kernel_api.h", ec)) {
            return fs::weakly_canonical(installed, ec).string();
        }
        // A binary in its build directory (or a test binary beside it) uses the source tree.
        if (fs::equivalent(fs::path(exe).parent_path(), TTL_BUILD_DIR, ec)) return TTL_SOURCE_DIR;
    }
    return "";
}

std::string share_path(const std::string& relative) {
    std::string share = share_dir();
    return share.empty() ? std::string() : (fs::path(share) / relative).string();
}

}  // namespace ttl
