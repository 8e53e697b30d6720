// Test helper: runs the read, bind, name and validated-rewrite stages on an example.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "validate/validated_rewrite.h"

namespace ttl::test {

struct ExportedThread {
    std::string kernel;
    std::string thread;
    std::string before;  ///< the compiler's text
    ValidatedKernel result;
    std::string package_golden;  ///< the file the export writes it to, in tests/golden/package
};

struct ExampleDirs {
    const char* source;
    const char* emitted;
    /// The example's folder name under examples/ (its package's name in tests/golden/package).
    std::string name() const;
};

/// Every bundled example.
const std::vector<ExampleDirs>& examples();

/// Every thread of an example, rewritten with `rules`.
std::vector<ExportedThread> export_example(const ExampleDirs& ex, Rules rules = Rules::all());

}  // namespace ttl::test
