// What every check of `ttl-export check` sees: the package as read (its runner, the tables read
// into the exporter's runner model, EXPORT.md's records, the tensors' data types), each kernel
// file read and bound, and the report the checks add their findings to. Each check is a plain
// function in a file of its own (check/checks.h lists them; package_check.cpp runs them).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bind/binding.h"
#include "read/kernel_model.h"
#include "read/package_format.h"
#include "read/py_model.h"
#include "read/tensor_dtypes.h"
#include "support/diagnostic.h"

namespace ttl::check {

struct CheckCb {
    std::string name;
    int index = 0;
    std::string dtype;
    int page = 0;
    uint32_t line = 0;
};

struct CheckThread {
    ThreadRole role = ThreadRole::kCompute;
    std::string file;  ///< as the runner names it
    std::string path;  ///< resolved the way the runner resolves it
    std::vector<std::string> tensors;
    uint32_t line = 0;
};

/// A kernel of the package as read/package_format reads it (or, for a compiler-emitted runner,
/// as read/runner_model does), with each kernel file resolved the way the runner resolves it.
struct CheckKernel : package::PackageKernel {
    std::vector<std::string> paths;  ///< parallel to runner.kernels

    int num_cb() const { return static_cast<int>(runner.cbs.size()); }
    /// The circular buffers a row describes.
    std::vector<CheckCb> cbs() const;
    std::vector<CheckThread> threads() const;
    /// The table a CB index should be added to ("CB_CONFIGS" in an emitted runner).
    std::string cb_table() const;
};

/// The package as read.
struct Package {
    std::filesystem::path dir;
    std::shared_ptr<const SourceFile> runner;
    std::shared_ptr<PyModule> module;
    bool emitted_runner = false;  ///< a compiler-emitted runner rather than a package's tables
    std::vector<CheckKernel> kernels;
    package::ExportRecords records;
    TensorDtypes dtypes;  ///< kernel -> tensor -> (dtype, line in main)
};

/// One kernel file of a kernel, read and bound.
struct KernelUnit {
    CheckThread thread;
    std::shared_ptr<const KernelFile> file;
    KernelBinding binding;
};

/// A finding: where and what (a diagnostic), and the one-line fix.
struct Finding {
    Diagnostic where;
    std::string fix;
};

/// What the checks found and compared.
struct Report {
    std::vector<Finding> findings;
    std::vector<Diagnostic> notes;
    int compared = 0;  ///< kernels proven equivalent to the compiler's output
    std::string not_compared;  ///< the first compiler file EXPORT.md records that is gone or changed

    void at(const SourceFile& file, uint32_t offset, std::string message, std::string fix);
    /// At the first non-blank character of a line of the runner.
    void at_line(const SourceFile& file, uint32_t line, std::string message, std::string fix);
    void at_token(const KernelFile& kernel, TokenIndex token, std::string message, std::string fix);
    /// A reader's error, as a finding.
    void add(Diagnostic where, std::string fix);
};

}  // namespace ttl::check
