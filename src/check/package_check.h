// `ttl-export check PACKAGE`: prove a package consistent before it reaches the device.
//
// Reads the package's runner as Python source (the tables `export` writes, or an emitted R1
// runner) and its kernels, and finds statically the reasons exports fail on the device: kernel
// files that do not resolve where the runner runs; circular-buffer indices with no descriptor;
// compile-time arguments in another order than the kernel reads them; tensors passed in the
// wrong order; CB page sizes or data formats that do not fit the data or the tensor they move;
// a grid other than the source asked for; CBs waited on but never pushed (a
// deadlock) or with disagreeing counts; a runner that imports ttl or is not valid Python; and,
// when the compiler's output recorded in EXPORT.md is still there, kernels that no longer
// validate against it. Each finding has a file, a line and a one-line fix.
#pragma once

#include <string>

#include "support/diagnostic.h"

namespace ttl {

struct CheckResult {
    bool readable = false;  ///< false: the package could not be read at all (exit 2)
    int findings = 0;  ///< errors found (exit 1 when > 0)
    int compared = 0;  ///< kernels proven equivalent to the compiler's output recorded in EXPORT.md
    std::string not_compared;  ///< the first compiler file EXPORT.md records that is gone or changed
};

CheckResult check_package(const std::string& package, Diagnostics& diagnostics);

}  // namespace ttl
