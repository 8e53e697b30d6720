// The export command as a library function: read the source and the compiler's output, bind,
// name, rewrite with validation, and write the package atomically (a temporary directory
// renamed at the end; an existing output is replaced only with `force`).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rewrite/rewriter.h"
#include "support/diagnostic.h"
#include "write/output_dir.h"

namespace ttl {

struct ExportOptions {
    std::string source;  ///< SOURCE.py
    std::string from;  ///< directory, runner or log; empty: /tmp/$USER
    std::vector<std::string> runners;  ///< --runner FILE, or --runner KERNEL=FILE once per kernel
    std::string out;  ///< -o; empty: ./<source stem>_export
    std::string kernel;  ///< --kernel
    bool force = false;
    std::string style = "tt-metal";  ///< or "tt-lang"
    std::string formatter = "builtin";  ///< "builtin" (the default: milliseconds), "auto" or "clang-format"
    Rules disabled;  ///< rules turned off with --no-<rule>
};

struct ExportSummary {
    std::string out;
    std::vector<std::string> files;  ///< written, relative to `out`, sorted
    int kernels = 0;
    int threads = 0;
    int renamed = 0;
    int casts_removed = 0;
    int temporaries_removed = 0;
    int constants = 0;
    int constants_split = 0;
    int rolled_back = 0;
    std::string explanation;  ///< the naming report (`--explain`)
};

/// Checks the output location (`-o`, default ./<source stem>_export) against `--force` and the
/// inputs, before anything else runs (`--compile` calls it before any VM command).
std::optional<OutputPlan> plan_export_output(const ExportOptions& options, Diagnostics& diagnostics);

std::optional<ExportSummary> run_export(const ExportOptions& options, Diagnostics& diagnostics);

/// The summary lines the command prints.
std::string render_summary(const ExportSummary& summary);

}  // namespace ttl
