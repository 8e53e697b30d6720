// Stage "write": the standalone `run_kernel.py` of a package.
//
// Imports only ttnn, torch and the standard library; finds its kernels from its own location;
// one `run_<kernel>(...)` per TT-Lang kernel whose program is exactly the emitted runner's
// (circular buffers, compile-time args, common runtime args, configs, grid), described by named
// tables; `fp32_dest_acc_en` when a circular buffer holds float32; and a `main()` carried over
// from the TT-Lang program with each kernel call replaced by its `run_...` call.
#pragma once

#include <string>
#include <vector>

#include "write/exported_program.h"

namespace ttl {

struct RunnerText {
    std::string text;
    std::vector<std::string> warnings;  ///< e.g. no main() to carry over
    std::vector<std::string> dropped;  ///< each top-level statement left out, with its line and why
    /// Code of the TT-Lang program is carried over (statements, an entry point, a main built from
    /// its calls); false for the template alone, whose names are all its own (tests lint it).
    bool carries_source = true;
};

RunnerText write_runner(const ExportedProgram& program);

}  // namespace ttl
