// The bubblewrap command line, and exec.
#include "support/sandbox.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace ttl {

namespace {

/// `name` found on PATH, or "".
std::string find_on_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr && *path != '\0' ? path : "/usr/local/bin:/usr/bin:/bin";
    size_t pos = 0;
    while (pos <= dirs.size()) {
        size_t colon = dirs.find(':', pos);
        std::string dir = dirs.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
        if (!dir.empty()) {
            std::string candidate = dir + "/" + name;
            if (access(candidate.c_str(), X_OK) == 0) return candidate;
        }
        if (colon == std::string::npos) break;
        pos = colon + 1;
    }
    return "";
}

}  // namespace

std::optional<std::vector<std::string>> sandboxed(const std::vector<std::string>& command,
                                                  const std::vector<std::string>& writable, std::string& error) {
    std::string bwrap = find_on_path("bwrap");
    if (bwrap.empty()) {
        error =
            "'--sandbox' needs bubblewrap, which is not installed (Debian: 'apt-get install "
            "bubblewrap')";
        return std::nullopt;
    }
    // /tmp stays as it is, read-only like the rest (the binary or the package may live there);
    // temporary files go to a folder inside the last writable path, named by TMPDIR.
    std::error_code tec;
    std::string temp = writable.empty()
                           ? std::string("/tmp")
                           : (fs::absolute(writable.back(), tec) / "sandbox-tmp").lexically_normal().string();
    std::vector<std::string> argv = {bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"};
    argv.insert(argv.end(), {"--unshare-net", "--unshare-ipc", "--unshare-uts", "--new-session", "--die-with-parent"});
    argv.insert(argv.end(), {"--setenv", kSandboxedVariable, "1", "--setenv", "TMPDIR", temp});
    std::vector<std::string> paths = writable;
    if (!writable.empty()) paths.push_back(temp);
    for (const std::string& w : paths) {
        std::error_code ec;
        fs::create_directories(w, ec);
        std::string path = fs::absolute(w, ec).lexically_normal().string();
        argv.insert(argv.end(), {"--bind", path, path});
    }
    // The working directory as it is, so that relative paths in the command keep their meaning.
    std::error_code ec;
    argv.insert(argv.end(), {"--chdir", fs::current_path(ec).string(), "--"});
    argv.insert(argv.end(), command.begin(), command.end());
    return argv;
}

std::string exec_command(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    return std::strerror(errno);
}

}  // namespace ttl
