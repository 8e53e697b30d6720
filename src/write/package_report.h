// `ttl-export report PACKAGE`: EXPORT.html and EXPORT.md rendered again for a package whose
// TT-Lang source and compiler output are still where its EXPORT.md says (same MD5). The export
// runs again in memory from those records; a kernel file the user changed since is shown as it
// is now, with a fresh proof against the compiler's kernel. Nothing else in the package changes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "support/diagnostic.h"

namespace ttl {

struct ReportSummary {
    std::string dir;
    int kernel_files = 0;
    std::vector<std::string> edited;  ///< package files that differ from a fresh export
    std::vector<std::string> unproven;  ///< of those, the ones not proven equivalent (with why)
};

std::optional<ReportSummary> run_report(const std::string& package, Diagnostics& diagnostics);

/// The lines the command prints.
std::string render_report_summary(const ReportSummary& summary);

}  // namespace ttl
