// clang-format as a subprocess: argument vector (no shell), input and output through temporary
// files that we create, exit status checked.
#include "rewrite/clang_format.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

extern char** environ;

namespace ttl {

std::string find_clang_format() {
    const char* path = std::getenv("PATH");
    if (path == nullptr) return "";
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        std::string candidate = (dir.empty() ? "." : dir) + "/clang-format";
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return "";
}

std::optional<std::string> run_clang_format(const std::string& text, const std::string& style) {
    static const std::string exe = find_clang_format();
    if (exe.empty()) return std::nullopt;
    std::string config = style == "tt-lang"
                             ? "{BasedOnStyle: LLVM, SortIncludes: false}"
                             : "{BasedOnStyle: Google, IndentWidth: 4, ColumnLimit: 120, AccessModifierOffset: -4, "
                               "NamespaceIndentation: None, SortIncludes: false, DerivePointerAlignment: false, "
                               "PointerAlignment: Left, AllowShortFunctionsOnASingleLine: Inline}";
    namespace fs = std::filesystem;
    std::string dir_template = (fs::temp_directory_path() / "ttl-format-XXXXXX").string();
    if (mkdtemp(dir_template.data()) == nullptr) return std::nullopt;
    fs::path dir(dir_template);
    fs::path in = dir / "kernel.cpp";
    fs::path out = dir / "formatted.cpp";
    std::ofstream(in, std::ios::binary) << text;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::string style_arg = "-style=" + config;
    std::string in_arg = in.string();
    std::vector<char*> argv = {const_cast<char*>(exe.c_str()), style_arg.data(), in_arg.data(), nullptr};
    pid_t pid = 0;
    int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    std::optional<std::string> result;
    int status = 0;
    if (rc == 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        std::ifstream f(out, std::ios::binary);
        std::stringstream buffer;
        buffer << f.rdbuf();
        result = buffer.str();
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    return result;
}

}  // namespace ttl
