// Stage "emulate": which kernel-API calls of a set of kernels the emulator provides. Each kernel
// is read (its calls: every function or method it calls that it does not define itself) and
// compiled, syntax only, against the emulator's header tree: a call the compiler finds
// undeclared is one the kernel's includes do not expose here, one whose use fails with "not
// provided by the emulator" is one the emulator lacks. `ttl-export run --coverage DIR|FILES`.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/diagnostic.h"

namespace ttl::emu {

enum class CallStatus { kProvided, kNotDeclared, kNotProvided };

struct CallCoverage {
    std::string name;  ///< `cb_wait_front`, or `.wait_front` for a method
    CallStatus status = CallStatus::kProvided;
    std::string header;  ///< for kNotProvided: the header that declares it
    std::set<std::string> kernels;  ///< the files that call it
    std::set<std::string> lacking_in;  ///< those where it is not declared or not provided
};

struct CoverageReport {
    std::vector<CallCoverage> calls;  ///< by name
    size_t kernels = 0;
    /// Kernels that do not compile for another reason than a lacking call: file -> first error.
    std::map<std::string, std::string> other_errors;
    size_t lacking() const;
};

/// The kernels (.cpp) below each directory, and each file given; adds an error for a path that
/// is neither.
std::vector<std::string> coverage_inputs(const std::vector<std::string>& paths, Diagnostics& diagnostics);

/// `compiler` empty: $CXX, else c++.
CoverageReport api_coverage(const std::vector<std::string>& kernels, const std::string& compiler,
                            Diagnostics& diagnostics);

std::string render_coverage(const CoverageReport& report);

}  // namespace ttl::emu
