#include "support/memory.h"

#include <cstdlib>
#include <filesystem>
#include <string_view>

#include <unistd.h>

#include "support/install_paths.h"

namespace fs = std::filesystem;

namespace ttl {

namespace {
constexpr std::string_view kHugePages = "glibc.malloc.hugetlb=1";
bool is_rerun = false;  // set by restore_tunables, before any thread starts
}  // namespace

bool holds_cpp_bytes(const std::string& from, uintmax_t bytes) {
    if (from.empty()) return false;
    std::error_code ec;
    fs::path dir = fs::is_directory(from, ec) ? fs::path(from) : fs::path(from).parent_path();
    if (dir.empty()) dir = ".";
    uintmax_t total = 0;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() != ".cpp" || !it->is_regular_file(ec)) continue;
        uintmax_t size = it->file_size(ec);
        if (ec) return false;
        total += size;
        if (total >= bytes) return true;
    }
    return false;
}

void rerun_with_huge_pages(char** argv, const std::function<void()>& before_exec) {
#if defined(__GLIBC__) && defined(__linux__)
    if (is_rerun || std::getenv(kTunablesVariable) != nullptr) return;
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    std::string_view old = tunables == nullptr ? std::string_view() : std::string_view(tunables);
    if (old.find("glibc.malloc.hugetlb=") != std::string_view::npos) return;
    std::string exe = executable_path();
    if (exe.empty()) return;
    if (before_exec) before_exec();  // in the environment as the user has it
    std::string marker = tunables == nullptr ? "-" : "+" + std::string(old);
    std::string added = old.empty() ? std::string(kHugePages) : std::string(kHugePages) + ":" + std::string(old);
    if (setenv(kTunablesVariable, marker.c_str(), 1) != 0 || setenv("GLIBC_TUNABLES", added.c_str(), 1) != 0) return;
    execv(exe.c_str(), argv);
    // Still here: the exec failed. Put the environment back and go on as we are.
    restore_tunables();
#else
    (void)argv;
    (void)before_exec;
#endif
}

void restore_tunables() {
    const char* marker = std::getenv(kTunablesVariable);
    if (marker == nullptr) return;
    is_rerun = true;
    if (marker[0] == '+') {
        setenv("GLIBC_TUNABLES", marker + 1, 1);
    } else {
        unsetenv("GLIBC_TUNABLES");
    }
    unsetenv(kTunablesVariable);
}

}  // namespace ttl
