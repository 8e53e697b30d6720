// The data the write stage turns into files: everything known about the exported program.
#pragma once

#include <string>
#include <vector>

#include "bind/binding.h"
#include "bind/naming.h"
#include "read/artifacts.h"
#include "read/ttlang_source.h"
#include "validate/validated_rewrite.h"

namespace ttl {

struct ExportedThread {
    std::string thread;  ///< thread function name
    ThreadRole role = ThreadRole::kCompute;
    std::string file;  ///< path inside the package, e.g. `kernels/reader.cpp`
    std::string emitted_path;  ///< where the compiler's C++ was read
    std::string emitted_md5;
    std::vector<std::string> tensors;  ///< common runtime args in order (parameter names)
    KernelBinding binding;
    NamingPlan naming;
    ValidatedKernel kernel;
};

struct ExportedKernel {
    const TtlKernel* source = nullptr;
    KernelArtifacts artifacts;
    std::vector<ExportedThread> threads;
    bool float32 = false;  ///< some CB holds float32: fp32_dest_acc_en in the compute config
};

struct ExportedProgram {
    std::string source_path;
    std::string source_text;
    const TtlSource* source = nullptr;
    std::vector<ExportedKernel> kernels;
    std::vector<std::string> warnings;  ///< rendered warnings from every stage
    std::string style;
    /// The options that change the kernels' text, as typed (`--style tt-lang`, `--no-rename`,
    /// `--formatter clang-format`), for EXPORT.md's Options record; empty for the defaults.
    std::vector<std::string> options;
};

}  // namespace ttl
