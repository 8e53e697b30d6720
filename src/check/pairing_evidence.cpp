// The same evidence export pairs with: each kernel of the source against the runner its package
// was exported from (while the source and that output are still where export ran).
#include <fmt/format.h>

#include "check/checks.h"
#include "read/artifacts.h"
#include "read/runner_model.h"
#include "read/ttlang_source.h"
#include "support/file_io.h"
#include "read/package_format.h"

namespace fs = std::filesystem;

namespace ttl::check {

void check_pairing_evidence(const Package& package, Report& report) {
    const package::ExportRecords& records = package.records;
    if (records.source_path.empty() || records.runner_of.empty()) return;
    Diagnostics ignored;
    auto file = read_source_file(package::recorded_path(records.source_path).string(), ignored);
    auto source = file ? read_ttlang_source(file, ignored) : std::nullopt;
    if (!source) return;
    for (const auto& [kernel, runner_path] : records.runner_of) {
        const TtlKernel* k = source->kernel(kernel);
        fs::path runner_file = package::recorded_path(runner_path);
        auto runner_src = read_source_file(runner_file.string(), ignored);
        auto runner = runner_src ? read_runner(runner_src, ignored) : std::nullopt;
        if (k == nullptr || !runner) {
            if (report.not_compared.empty()) report.not_compared = runner_path;
            continue;
        }
        // Each thread's kernel where the runner leads, else (kernels from a captured log) the
        // compiler output recorded for its package file, unchanged.
        bool several = records.runner_of.size() > 1;
        const std::string& name = kernel;  // clang 14 cannot capture a structured binding
        PairingCandidate c = compare_with_runner(*k, *runner, runner_path, [&](size_t i) {
            KernelFileLookup found = find_kernel_file(runner_file.string(), runner->kernels[i]);
            if (!found.path.empty()) return read_source_file(found.path, ignored);
            auto recorded = records.emitted.find(package::kernel_file(name, runner->kernels[i].role, several));
            return recorded == records.emitted.end() ? nullptr : package::read_recorded_emission(recorded->second);
        });
        for (const PairingFact& f : c.facts) {
            if (f.agrees || f.soft) continue;
            report.add(make_file_diagnostic(Severity::kError, (package.dir / package::kReportFile).string(),
                                            fmt::format("kernel '{}' was exported from an emission that is not it: "
                                                        "{}: {}",
                                                        kernel, f.name, f.detail)),
                       "export again; ttl-export pairs each kernel with its emission by these facts");
            break;
        }
    }
}

}  // namespace ttl::check
