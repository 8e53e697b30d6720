// Stage "write": the package's EXPORT.md: what was exported from what, the circular-buffer and
// tensor tables, a Mermaid data-flow diagram, every rename with its reason, the casts removed,
// the rules rolled back and why, the warnings, and how to run the package.
#pragma once

#include <string>
#include <vector>

#include "write/exported_program.h"
#include "write/runner_writer.h"

namespace ttl {

/// `files` are every file of the package (EXPORT.md included), listed at the end: `--force`
/// replaces a package only while it holds exactly those (write/output_dir.h). `thread_sections`,
/// when given, are thread_report of every kernel file in package order (made ahead, beside the
/// other threads' work); a missing or empty one is made here.
std::string write_report(const ExportedProgram& program, const RunnerText& runner,
                         const std::vector<std::string>& files, const std::vector<std::string>& thread_sections = {});

/// A kernel file's section of EXPORT.md: the rules applied, the constants split, the rules
/// rolled back, and every rename with its reason.
std::string thread_report(const ExportedThread& thread);

/// The per-kernel naming report (`--explain`): old name, new name, reason.
std::string explain(const ExportedProgram& program);

}  // namespace ttl
