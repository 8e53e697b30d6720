// Stage "read": find the compiler's output for each kernel of a TT-Lang source.
//
// `--from` is a directory (default `/tmp/$USER`, where the compiler writes), a runner file, or
// a captured compiler log. A directory may hold stale emissions of other kernels, older versions
// of the same threads, and other kernels whose threads have the same names: each kernel is
// paired with a runner by evidence (thread names and roles, tensor count, each data-movement
// thread's tensors against the sorted captured names, circular buffers' count, shape and block
// count, grid, and the tile operations of the compute thread against the source's stores). The
// unique consistent runner is chosen; identical stale copies resolve to the newest; anything
// else (none consistent, or several different ones) is an error listing each candidate and the
// first fact on which it disagrees. A runner given with --runner must agree on every fact but
// the tensor order (a warning). Kernel paths that no longer exist (files copied off a VM) are resolved by base
// name next to the runner. Everything that can be cross-checked is, with a warning or an error.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "read/runner_model.h"
#include "read/ttlang_source.h"
#include "support/diagnostic.h"
#include "support/source.h"

namespace ttl {

struct ThreadArtifact {
    std::string thread;  ///< thread function name
    ThreadRole role = ThreadRole::kCompute;
    std::string path;  ///< where the C++ was read from (for a log: "LOG:LINE")
    std::string md5;  ///< of the emitted C++ as read (a log's section: as the log holds it), in hex
    /// The emitted C++ (a log's section too), shared by every copy of the artifacts: the
    /// largest input of an export, read once and never copied.
    std::shared_ptr<const SourceFile> file;
    const std::string& text() const { return file->text(); }
};

struct KernelArtifacts {
    std::string kernel;  ///< the TT-Lang kernel function
    std::string runner_path;
    RunnerModel runner;
    std::vector<ThreadArtifact> threads;  ///< in KERNEL_PATHS order
};

struct ArtifactOptions {
    std::string from;  ///< directory, runner or log; empty means /tmp/$USER
    std::vector<std::string> runners;  ///< `--runner FILE` or `--runner KERNEL=FILE`, each once
    std::string kernel;  ///< only this kernel (`--kernel NAME`)
};

/// One fact on which a runner and a kernel of the source are compared.
struct PairingFact {
    std::string name;  ///< "threads", "tensor count", "grid", "CB 1 ('rhs_cb') block count", ...
    bool agrees = true;
    bool soft = false;  ///< a guess (the tensor order from captured names): disagreeing only warns
    std::string detail;  ///< both sides, when they disagree
};

/// How one emitted runner compares with one kernel of the source.
struct PairingCandidate {
    std::string runner;  ///< its path
    std::vector<PairingFact> facts;  ///< in the order they are checked
    bool consistent() const;  ///< every fact agrees but soft ones
    const PairingFact* first_disagreement() const;
};

/// Every kernel, the candidates considered and the one chosen (find_artifacts fills it).
struct PairingRow {
    std::string kernel;
    std::string chosen;  ///< "" when none
    std::vector<PairingCandidate> candidates;
};

/// Finds and checks the artifacts of every kernel (or the one asked for). Returns nothing when
/// an error was added; warnings are added either way.
std::optional<std::vector<KernelArtifacts>> find_artifacts(const TtlSource& source, const ArtifactOptions& options,
                                                           Diagnostics& diagnostics);

/// How the emission a runner describes compares with kernel `k` of the source, fact by fact
/// (`thread_file(i)` gives the C++ of the runner's thread i, null when unavailable;
/// `tensor_dtypes` the data format the program gives each tensor parameter). Export pairs
/// with it; `check` uses it to prove a package's kernels came from their own emission.
PairingCandidate compare_with_runner(const TtlKernel& k, const RunnerModel& r, const std::string& runner_path,
                                     const std::function<std::shared_ptr<const SourceFile>(size_t)>& thread_file,
                                     const std::map<std::string, std::string>& tensor_dtypes = {});

/// The tile operations (add, sub, mul, matmul) a kernel's text calls: identifiers
/// `OP[_binary|_unary|_int|_int32]_tile[s][_init]` followed by `(` or `<`.
std::set<std::string> tile_operations(std::string_view text);

/// The pairing table (for `dump --from`).
std::string render_pairing(const std::vector<PairingRow>& rows);
std::optional<std::vector<KernelArtifacts>> find_artifacts(const TtlSource& source, const ArtifactOptions& options,
                                                           Diagnostics& diagnostics, std::vector<PairingRow>* pairing);

/// Where a runner's KERNEL_PATHS entry is; export, pairing and check all resolve it so: the path
/// as written when it exists; else the same file name beside the runner (files copied off the
/// VM); else a copy kept under another name beside the runner or in a folder beside it, as users
/// keep the compiler's output in a repository (`gate/gate_compute.cpp`): the one `.cpp` there
/// whose MD5 starts with the hash in the emitted name, else the one named after the thread
/// (`compute.cpp`, `gate_compute.cpp`) or whose first line is `// <thread>` (never another
/// emission's `ttlang_kernel_*` file: a stale compile's). Not found: `path` is empty.
struct KernelFileLookup {
    std::string path;
    std::string beside;  ///< the emitted name beside the runner (looked for second)
    std::vector<std::string> candidates;  ///< when several copies could be it: each, sorted
    std::string how;  ///< found under another name: why this copy ("" otherwise)
    /// Where to read, or to say it is missing: `path`, else `beside`.
    const std::string& resolved() const { return path.empty() ? beside : path; }
};
/// A `.cpp` file that may be a copy: its path, and the MD5 and first line (trailing blanks cut) of
/// its text as the reader keeps it (normalize_text).
struct KernelCopy {
    std::string path;
    std::string md5;
    std::string first_line;
};
/// The `.cpp` files beside a runner and one folder down, read once per folder: a directory of
/// many runners asks for each of their threads.
using KernelCopyCache = std::map<std::string, std::vector<KernelCopy>>;
KernelFileLookup find_kernel_file(const std::string& runner_path, const RunnerKernel& kernel,
                                  KernelCopyCache* cache = nullptr);
/// find_kernel_file's path, or the name beside the runner when there is none.
std::string kernel_file_of(const std::string& runner_path, const RunnerKernel& kernel,
                           KernelCopyCache* cache = nullptr);

/// Where the compiler writes when `--from` is not given: `/tmp/$USER`.
std::string default_from();

/// The text of a captured log's kernel section whose C++ starts on `line`, as the export reads
/// it and records it (`LOG:LINE`); nullopt when no section starts there.
std::optional<std::string> log_section_text(const std::string& log_text, uint32_t line);

/// The files a captured compiler log says were written (`=== ... written to PATH ===`), kernels
/// first, then runners, in log order.
std::vector<std::string> files_written(const std::string& log_text);

}  // namespace ttl
