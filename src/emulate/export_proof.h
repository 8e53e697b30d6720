// Stage "emulate": the run-time proof of an export (`verify --emulator`). When the compiler's
// kernels recorded in a package's EXPORT.md are still there (same MD5), the package's program runs
// twice on the emulator, once with the exported kernels and once with the compiler's in their
// place, on the same seeded inputs; every tensor of every generic_op call must come out
// bit-identical. The static proof (validate) says the kernels mean the same; this shows they do.
#pragma once

#include <string>
#include <vector>

#include "emulate/run_script.h"
#include "support/diagnostic.h"

namespace ttl::emu {

struct TensorComparison {
    int op = 0;  ///< the generic_op call, from 0
    int tensor = 0;  ///< its place in the call's tensors
    std::string kernel;  ///< the package's kernel the call ran ("" if not known)
    std::string name;  ///< the tensor parameter's name ("" if not known)
    bool identical = false;
    size_t bytes = 0;
    size_t differing_bytes = 0;  ///< bytes that differ (a size mismatch counts the longer tail)
};

struct ExportProof {
    /// Empty when both runs were made; otherwise why they were not (the compiler's kernels are gone
    /// or changed, the package records none): the caller runs the package alone.
    std::string not_compared;
    ProcessResult exported;  ///< the run with the package's kernels
    ProcessResult compiler;  ///< the run with the compiler's kernels in their place
    std::vector<TensorComparison> tensors;
    std::string mismatch;  ///< a difference in the calls themselves (count, kernels), "" if none
    double timeout_seconds = 0;  ///< each run's limit
    bool passed() const;
};

/// Runs the proof for PACKAGE (a directory with EXPORT.md); `diagnostics` gets read errors.
ExportProof prove_export_at_run_time(const std::string& package, const ScriptOptions& options,
                                     Diagnostics& diagnostics);

/// PASS/FAIL per tensor and the verdict, as `verify --emulator` prints it.
std::string render_export_proof(const std::string& package, const ExportProof& proof);

}  // namespace ttl::emu
