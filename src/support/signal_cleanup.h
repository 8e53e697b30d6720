// What an interrupted ttl-export undoes before it dies: on SIGINT, SIGTERM or SIGHUP the
// registered temporary files and directories are removed and the registered child process
// group is killed, then the process ends by the same signal (so the shell sees the usual
// status). The handler only calls async-signal-safe functions on strings prepared beforehand.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <vector>

namespace ttl {

/// While alive, a signal removes `files` (unlink) and then `dirs` (rmdir, in the given order:
/// deepest first). Only one is active at a time; a new one replaces the previous registration.
class SignalCleanup {
public:
    SignalCleanup(const std::vector<std::string>& files, const std::vector<std::string>& dirs);
    ~SignalCleanup();
    SignalCleanup(const SignalCleanup&) = delete;
    SignalCleanup& operator=(const SignalCleanup&) = delete;

private:
    std::vector<std::string> paths_;  ///< files, then dirs; the handler reads their c_str()
    size_t files_ = 0;
};

/// While alive, a signal kills the process group `pgid` (a child started in a group of its own)
/// before this process dies. Several may be alive at once (children started by parallel builds).
class SignalForward {
public:
    explicit SignalForward(pid_t pgid);
    ~SignalForward();
    SignalForward(const SignalForward&) = delete;
    SignalForward& operator=(const SignalForward&) = delete;

private:
    size_t slot_ = 0;  ///< its place among the children forwarded at once
};

}  // namespace ttl
