// Stage 1e of reading: find the compiler's output for each kernel of a TT-Lang source.
//
// `--from` is a directory (default `/tmp/$USER`, where the compiler writes), a runner file, or
// a captured compiler log. A directory may hold stale emissions of other kernels and older
// versions of the same threads: the runner whose KERNEL_PATHS thread names equal a kernel's
// thread names (in definition order) is chosen, and ambiguity is an error that lists the
// candidates. Kernel paths that no longer exist (files copied off a VM) are resolved by base
// name next to the runner. Everything that can be cross-checked is, with a warning or an error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "read/runner_model.h"
#include "read/ttlang_source.h"
#include "support/diagnostic.h"

namespace ttl {

struct ThreadArtifact {
    std::string thread;  ///< thread function name
    std::string role;    ///< "compute", "reader" or "writer"
    std::string path;    ///< where the C++ was read from (for a log: "LOG:LINE")
    std::string text;    ///< the emitted C++
};

struct KernelArtifacts {
    std::string kernel;  ///< the TT-Lang kernel function
    std::string runner_path;
    RunnerModel runner;
    std::vector<ThreadArtifact> threads;  ///< in KERNEL_PATHS order
};

struct ArtifactOptions {
    std::string from;    ///< directory, runner or log; empty means /tmp/$USER
    std::string runner;  ///< an explicit runner (`--runner FILE`)
    std::string kernel;  ///< only this kernel (`--kernel NAME`)
};

/// Finds and checks the artifacts of every kernel (or the one asked for). Returns nothing when
/// an error was added; warnings are added either way.
std::optional<std::vector<KernelArtifacts>> find_artifacts(const TtlSource& source,
                                                           const ArtifactOptions& options,
                                                           Diagnostics& diagnostics);

/// Where the compiler writes when `--from` is not given: `/tmp/$USER`.
std::string default_from();

/// The files a captured compiler log says were written (`=== ... written to PATH ===`), kernels
/// first, then runners, in log order.
std::vector<std::string> files_written(const std::string& log_text);

/// The lowercase hex MD5 of `data` (what the emitter puts, cut to 8 digits, in file names).
std::string md5_hex(std::string_view data);

}  // namespace ttl
