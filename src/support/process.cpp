#include "support/process.h"
#include "support/signal_cleanup.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace ttl {

namespace {

/// write(2) on a pipe whose reader may be gone: EPIPE instead of a SIGPIPE that would end us
/// (the signal is blocked on this thread for the call and a pending one taken back).
ssize_t write_to_pipe(int fd, const char* data, size_t size) {
    sigset_t pipe_signal, old;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, &old);
    ssize_t n = write(fd, data, size);
    int e = errno;
    if (n < 0 && e == EPIPE) {
        timespec none{};
        while (sigtimedwait(&pipe_signal, nullptr, &none) < 0 && errno == EINTR) {}
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    errno = e;
    return n;
}

}  // namespace

StartedProcess start_process(const std::vector<std::string>& argv, const ProcessOptions& options, bool survive_exec) {
    StartedProcess child;
    if (argv.empty()) {
        child.error = "empty command";
        return child;
    }
    // Arguments and environment, built before the child starts.
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
    if (pipe2(out, O_CLOEXEC) != 0) {  // no other child inherits it
        child.error = std::string("cannot create a pipe: ") + std::strerror(errno);
        return child;
    }
    int in[2] = {-1, -1};
    if (options.input && pipe2(in, O_CLOEXEC) != 0) {
        child.error = std::string("cannot create a pipe: ") + std::strerror(errno);
        close(out[0]);
        close(out[1]);
        return child;
    }
    // posix_spawn, not fork: the child shares our memory until it execs, so starting it costs
    // the same whatever our size (a fork copies the page tables and makes every page of ours
    // fault on its next write). The child gets its own process group (a timeout kills its
    // children too), stdout and stderr on the pipe, stdin from a pipe of ours or /dev/null, and
    // the working folder.
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDERR_FILENO);
    if (options.input) {
        posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    } else {
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    }
    if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
    pid_t pid = -1;
    int failed = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(out[1]);
    if (in[0] >= 0) close(in[0]);
    if (failed != 0) {
        close(out[0]);
        if (in[1] >= 0) close(in[1]);
        child.error = "cannot run '" + argv[0] + "'" + (options.cwd.empty() ? "" : " in '" + options.cwd + "'") + ": " +
                      std::strerror(failed);
        return child;
    }
    if (survive_exec) {  // only now: no other child of ours had them
        fcntl(out[0], F_SETFD, 0);
        if (in[1] >= 0) fcntl(in[1], F_SETFD, 0);
    }
    child.pid = pid;
    child.input = in[1];
    child.output = out[0];
    return child;
}

ProcessResult finish_process(const StartedProcess& child, const ProcessOptions& options) {
    ProcessResult result;
    auto start = std::chrono::steady_clock::now();
    if (child.pid < 0) {
        result.error = child.error;
        return result;
    }
    result.started = true;
    const pid_t pid = child.pid;
    int input_fd = child.input;
    const int output_fd = child.output;
    SignalForward forward(pid);  // Ctrl-C or a kill of ttl-export ends the child's whole group too
    auto end_child = [&] {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        int ignored = 0;
        while (waitpid(pid, &ignored, 0) < 0 && errno == EINTR) {}
        close(output_fd);
        if (input_fd >= 0) close(input_fd);
    };
    std::string input;
    if (input_fd >= 0) {
        if (options.input) {
            try {
                input = options.input();
            } catch (...) {
                end_child();
                throw;
            }
        }
        fcntl(input_fd, F_SETFL, O_NONBLOCK);  // written as the child reads, while its output is read
    }
    size_t written = 0;
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
        if (input_fd >= 0 && written == input.size()) {
            close(input_fd);  // all sent: the child sees the end of its input
            input_fd = -1;
        }
        pollfd p[2] = {{output_fd, POLLIN, 0}, {input_fd, POLLOUT, 0}};
        int r = poll(p, input_fd >= 0 ? 2 : 1, wait_ms);
        if (r < 0 && errno == EINTR) continue;
        if (r == 0) continue;  // the deadline check above ends it
        if (input_fd >= 0 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
            ssize_t n = write_to_pipe(input_fd, input.data() + written, input.size() - written);
            if (n > 0) written += static_cast<size_t>(n);
            if (n < 0 && errno != EINTR && errno != EAGAIN) written = input.size();  // the child closed it
            if ((p[0].revents & (POLLIN | POLLHUP)) == 0) continue;
        }
        ssize_t n = read(output_fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        result.output.append(buffer, static_cast<size_t>(n));
    }
    close(output_fd);
    if (input_fd >= 0) close(input_fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.exit_code = 128 + WTERMSIG(status);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
    auto start = std::chrono::steady_clock::now();
    ProcessResult result = finish_process(start_process(argv, options), options);
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
