// Stage "emulate": running a package's run_kernel.py (or any runner script) unchanged on the
// emulator. The script runs with the Python `ttnn` stand-in first on PYTHONPATH (only for this
// process: a real ttnn is never shadowed otherwise); its generic_op calls back into
// `ttl-export run PROGRAM.json`.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "support/diagnostic.h"
#include "support/process.h"

namespace ttl::emu {

struct ScriptOptions {
    std::string python;  ///< empty: $TTL_EXPORT_PYTHON, else /usr/bin/python3 if present, else python3
    std::string cache_dir;  ///< passed on as $TTL_EXPORT_CACHE when set
    std::string compiler;  ///< passed on as $CXX (the kernels' host compiler) when set
    double timeout_seconds = 1800;
    std::vector<std::pair<std::string, std::string>> env;  ///< more variables for the script
};

/// The script of a target: PACKAGE/run_kernel.py, or the .py file itself; "" with an error added.
std::string script_of(const std::string& target, Diagnostics& diagnostics);

/// The directory of the `ttnn` stand-in package (share_dir()/emu/python).
std::string ttnn_python_dir();

ProcessResult run_script(const std::string& script, const ScriptOptions& options);

}  // namespace ttl::emu
