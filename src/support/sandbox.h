// Running the package author's code in a sandbox: `run` and `verify --emulator` build a
// package's kernels and load them into a native process and run its run_kernel.py, which is
// running code someone else wrote. With `--sandbox` the command runs again inside bubblewrap
// (Debian's `bubblewrap`): the whole file system read-only except the paths it must write (the
// package or program folder and the kernel cache, with TMPDIR inside the cache), no network, a
// new session, and it dies with its parent.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ttl {

/// The environment variable set inside the sandbox (so the command does not wrap itself again).
constexpr const char* kSandboxedVariable = "TTL_EXPORT_SANDBOXED";

/// The bubblewrap command line that runs `command` with only `writable` paths writable (each is
/// created as a directory first when missing; TMPDIR is `sandbox-tmp` inside the last one). nullopt with `error` set when bubblewrap is not
/// installed.
std::optional<std::vector<std::string>> sandboxed(const std::vector<std::string>& command,
                                                  const std::vector<std::string>& writable, std::string& error);

/// Replaces this process with `argv` (an absolute or PATH-searched program); returns only on
/// failure, with the reason.
std::string exec_command(const std::vector<std::string>& argv);

}  // namespace ttl
