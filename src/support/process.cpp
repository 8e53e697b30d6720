#include "support/process.h"
#include "support/signal_cleanup.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace ttl {

namespace {

/// In the child after fork: only async-signal-safe calls (the environment was built before).
void child(char* const* args, char* const* envp, const ProcessOptions& options, int out_fd, int err_fd) {
    setpgid(0, 0);  // own process group, so that a timeout kills its children too
    dup2(out_fd, STDOUT_FILENO);
    dup2(out_fd, STDERR_FILENO);
    close(out_fd);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) {
        int e = errno;
        (void)!write(err_fd, &e, sizeof e);
        _exit(127);
    }
    execvpe(args[0], args, envp);
    int e = errno;
    (void)!write(err_fd, &e, sizeof e);
    _exit(127);
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
    ProcessResult result;
    auto start = std::chrono::steady_clock::now();
    if (argv.empty()) {
        result.error = "empty command";
        return result;
    }
    // Arguments and environment are built before fork: the child may not allocate.
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
        std::string entry(*e);
        bool replaced = false;
        for (const auto& [name, value] : options.env) replaced = replaced || entry.rfind(name + "=", 0) == 0;
        if (!replaced) env_strings.push_back(std::move(entry));
    }
    for (const auto& [name, value] : options.env) env_strings.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (std::string& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    int out[2];
    int err[2];  // carries errno when exec or chdir fails; closed on a successful exec
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {  // no other child inherits them
        result.error = std::string("cannot create a pipe: ") + std::strerror(errno);
        return result;
    }
    pid_t pid = fork();
    if (pid < 0) {
        result.error = std::string("cannot fork: ") + std::strerror(errno);
        return result;
    }
    if (pid == 0) {
        close(out[0]);
        close(err[0]);
        child(args.data(), envp.data(), options, out[1], err[1]);
    }
    close(out[1]);
    close(err[1]);
    int child_errno = 0;
    if (read(err[0], &child_errno, sizeof child_errno) == static_cast<ssize_t>(sizeof child_errno)) {
        close(err[0]);
        close(out[0]);
        waitpid(pid, nullptr, 0);
        result.error = "cannot run '" + argv[0] + "'" + (options.cwd.empty() ? "" : " in '" + options.cwd + "'") +
                       ": " + std::strerror(child_errno);
        return result;
    }
    close(err[0]);
    result.started = true;
    setpgid(pid, pid);  // as the child does: no window before it is in its own group
    SignalForward forward(pid);  // Ctrl-C or a kill of ttl-export ends the child's whole group too
    auto deadline = start + std::chrono::duration<double>(options.timeout_seconds);
    char buffer[65536];
    while (true) {
        int wait_ms = -1;
        if (options.timeout_seconds > 0) {
            auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                result.timed_out = true;
                kill(-pid, SIGKILL);
                kill(pid, SIGKILL);
                break;
            }
            wait_ms = static_cast<int>(left.count());
        }
        pollfd p{out[0], POLLIN, 0};
        int r = poll(&p, 1, wait_ms);
        if (r < 0 && errno == EINTR) continue;
        if (r == 0) continue;  // the deadline check above ends it
        ssize_t n = read(out[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        result.output.append(buffer, static_cast<size_t>(n));
    }
    close(out[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.exit_code = 128 + WTERMSIG(status);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

std::string describe_command(const std::vector<std::string>& argv) {
    std::string out;
    for (const std::string& a : argv) {
        if (!out.empty()) out += ' ';
        bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`;&|<>()*?[]{}!#~") == std::string::npos;
        if (plain) {
            out += a;
        } else {
            out += '\'';
            for (char c : a) {
                if (c == '\'')
                    out += "'\\''";
                else
                    out += c;
            }
            out += '\'';
        }
    }
    return out;
}

}  // namespace ttl
