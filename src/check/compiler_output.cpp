// When the compiler's output recorded in EXPORT.md is still there (same MD5), every kernel of the
// package still validates against it: a hand edit that changes the meaning is found.
#include <fmt/format.h>

#include "check/checks.h"
#include "read/kernel_reader.h"
#include "validate/equivalence.h"

namespace ttl::check {

void check_compiler_output(const Package& package, const CheckKernel&, const Units& units, Report& report) {
    for (const KernelUnit& unit : units) {
        auto it = package.records.emitted.find("kernels/" + unit.thread.file);
        if (it == package.records.emitted.end()) continue;
        const std::string& path = it->second.path;
        Diagnostics ignored;
        auto src = package::read_recorded_emission(it->second);
        auto before = src ? read_kernel(src, ignored) : std::nullopt;
        if (!before) {  // the compiler's output is no longer there, or changed
            if (report.not_compared.empty()) report.not_compared = path;
            continue;
        }
        EquivalenceResult r = check_equivalence(*before, *unit.file);
        if (r.equivalent) {
            ++report.compared;
            continue;
        }
        Diagnostic at = r.after_location;
        at.message = fmt::format("the kernel no longer matches the compiler's output '{}': {}", path, r.message);
        report.add(at, "undo the edit, or re-export if it was intended");
    }
}

}  // namespace ttl::check
