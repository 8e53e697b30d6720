// Running an external command: an argument vector (never a shell, so file names cannot inject
// anything), an optional working directory and timeout, stdout and stderr captured together.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace ttl {

struct ProcessOptions {
    std::string cwd;  ///< empty: the current directory
    double timeout_seconds = 0;  ///< 0: no timeout
    std::vector<std::pair<std::string, std::string>> env;  ///< added to the environment
    /// What the child reads on stdin (without it, /dev/null). Called once the child has
    /// started, so that a slow program can start early and get its input when that is ready;
    /// if it throws, the child is killed and the exception passed on.
    std::function<std::string()> input;
};

struct ProcessResult {
    bool started = false;  ///< false when the program could not be run (error says why)
    bool timed_out = false;  ///< killed after the timeout
    int exit_code = -1;  ///< the exit status, or 128 + signal
    std::string output;  ///< stdout and stderr, interleaved as written
    std::string error;  ///< why it did not start
    double seconds = 0;
    bool ok() const { return started && !timed_out && exit_code == 0; }
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

/// A child started by start_process and not yet waited for (finish_process does).
struct StartedProcess {
    int pid = -1;  ///< -1: it did not start (error says why)
    int input = -1;  ///< the write end of its stdin, or -1 (it reads /dev/null)
    int output = -1;  ///< the read end of its stdout and stderr
    std::string error;
};

/// The first half of run_process: the child runs `argv` (with a pipe on its stdin when
/// options.input is set) and this returns at once. `survive_exec`: our ends of its pipes stay
/// open across an exec of this program, which can take the child over (see finish_process).
StartedProcess start_process(const std::vector<std::string>& argv, const ProcessOptions& options = {},
                             bool survive_exec = false);
/// The second half: gives the child options.input (when it has an input pipe), reads its output,
/// kills it after options.timeout_seconds from now, and waits for it; closes its pipes.
ProcessResult finish_process(const StartedProcess& child, const ProcessOptions& options = {});

/// The command as one line for messages, arguments with spaces or quotes quoted.
std::string describe_command(const std::vector<std::string>& argv);

}  // namespace ttl
