// Stage "workflow": the user's export and test loop against the simulator VM, done by the tool:
// compile (run the program, run the emitting compile, bring the written files out) and verify
// (copy a package into the VM, run its runner, read the log, report PASS or FAIL).
#pragma once

#include <string>
#include <vector>

#include "workflow/remote.h"

namespace ttl::workflow {

/// Runs SOURCE in the VM as it is (it must pass: "fix the kernel first"), then with the
/// emitting compile; brings every file the log says was written into `local_dir`. Returns
/// false with `error` saying which step failed and what it printed.
bool compile_in_vm(const std::string& source, const std::string& local_dir, Remote& remote, std::string& error);

struct Verdict {
    bool passed = false;
    std::string result_line;  ///< the runner's own PASS/FAIL line ("" when it printed none)
    std::string detail;  ///< on failure: why, and the relevant part of the log
    std::vector<std::string> warnings;  ///< entries of the package skipped (links that loop, unreadable folders)
};

/// Copies the package into the VM home keeping its layout (the runner in the home, kernels in
/// home/kernels), runs run_kernel.py there and reads the log.
Verdict verify_in_vm(const std::string& package, Remote& remote);

/// Runs the package's run_kernel.py with the local Python (a machine with a device).
Verdict verify_local(const std::string& package, Remote& remote);

/// The runner's result line in an output: the last line that starts with PASS or FAIL.
std::string result_line(const std::string& output);

}  // namespace ttl::workflow
