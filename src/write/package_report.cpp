#include "write/package_report.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "read/kernel_reader.h"
#include "read/package_format.h"
#include "support/file_io.h"
#include "validate/equivalence.h"
#include "write/export.h"
#include "write/html_report.h"
#include "write/output_dir.h"
#include "write/report_writer.h"

namespace fs = std::filesystem;

namespace ttl {

std::optional<ReportSummary> run_report(const std::string& package, Diagnostics& diagnostics) {
    fs::path dir = package;
    if (fs::is_regular_file(dir)) dir = dir.parent_path();
    if (dir.empty()) dir = ".";
    fs::path md_path = dir / package::kReportFile;
    auto md = read_source_file(md_path.string(), diagnostics);
    if (!md) return std::nullopt;
    package::ExportRecords records = package::read_export_md(md->text());
    if (!records.ours) {
        diagnostics.add(make_file_diagnostic(Severity::kError, md_path.string(),
                                             "not an EXPORT.md ttl-export wrote: expected its title and the "
                                             "'Exported by ttl-export' line"));
        return std::nullopt;
    }
    if (records.source_path.empty() || records.runner_of.empty()) {
        diagnostics.add(make_file_diagnostic(Severity::kError, md_path.string(),
                                             "records no TT-Lang source or no compiler runner: expected the lines "
                                             "an export writes under 'What was exported'"));
        return std::nullopt;
    }
    // The inputs must be what the export read: the source present, each compiler file unchanged.
    ExportOptions options;
    // The paths as recorded (relative ones are from where the export ran, as now), so that the
    // page and EXPORT.md name them as the export did.
    options.source = records.source_path;
    if (!fs::exists(options.source)) {
        diagnostics.add(make_file_diagnostic(
            Severity::kError, md_path.string(),
            fmt::format("the TT-Lang source '{}' it records is not there (paths are from where the export ran)",
                        records.source_path)));
        return std::nullopt;
    }
    for (const auto& [file, emitted] : records.emitted) {
        if (package::read_recorded_emission(emitted) == nullptr) {
            diagnostics.add(make_file_diagnostic(
                Severity::kError, md_path.string(),
                fmt::format("the compiler's output '{}' that '{}' was made from is gone or has changed since the "
                            "export (its MD5 differs): export again instead",
                            emitted.path, file)));
            return std::nullopt;
        }
    }
    // The options the export had (EXPORT.md's Options record), so that its kernels come out again.
    std::string unknown;
    if (!apply_text_option_flags(records.options, options, unknown)) {
        diagnostics.add(make_file_diagnostic(
            Severity::kError, md_path.string(),
            fmt::format("records the option '{}', which this ttl-export does not know: export again", unknown)));
        return std::nullopt;
    }
    for (const auto& [kernel, runner] : records.runner_of) {
        options.runners.push_back(kernel + "=" + runner);
        if (options.from.empty()) options.from = fs::path(runner).parent_path().string();
    }
    // Kernels read from a captured log (recorded as LOG:LINE) are read from it again.
    for (const auto& [file, emitted] : records.emitted) {
        if (std::optional<package::LogSectionRecord> section = package::log_section_record(emitted.path)) {
            options.from = section->log;
            break;
        }
    }
    options.html = false;  // the page is rendered below, from the kernel files as they are now
    std::unique_ptr<ExportBuild> build = build_export(options, diagnostics);
    if (!build) return std::nullopt;
    // What the export reads now must be what it read then, file by file.
    for (const ExportedKernel& k : build->program.kernels) {
        for (size_t i = 0; i < k.threads.size(); ++i) {
            auto recorded = records.emitted.find(k.threads[i].file);
            if (recorded != records.emitted.end() && recorded->second.md5 == k.artifacts.threads[i].md5) continue;
            diagnostics.add(make_file_diagnostic(
                Severity::kError, md_path.string(),
                fmt::format("'{}' was made from {}, but the export would now read '{}': export again instead",
                            k.threads[i].file,
                            recorded == records.emitted.end() ? std::string("no compiler output it records")
                                                              : fmt::format("'{}'", recorded->second.path),
                            k.threads[i].emitted_path)));
            return std::nullopt;
        }
    }

    ReportSummary summary;
    summary.dir = dir.string();
    for (ExportedKernel& k : build->program.kernels) {
        for (size_t i = 0; i < k.threads.size(); ++i) {
            ExportedThread& t = k.threads[i];
            ++summary.kernel_files;
            auto now = read_source_file((dir / t.file).string(), diagnostics);
            if (!now) return std::nullopt;
            if (now->text() == t.kernel.text) continue;
            // Changed since the export (by hand, or exported with other options): shown as it is,
            // proven again.
            summary.edited.push_back(t.file);
            Diagnostics read;
            auto before = read_kernel_text(t.emitted_path, k.artifacts.threads[i].text(), read);
            auto after = read_kernel_text((dir / t.file).string(), now->text(), read);
            EquivalenceResult proof;
            if (before && after) {
                proof = check_equivalence(*before, *after,
                                          EquivalenceOptions{static_cast<int>(k.artifacts.runner.cbs.size())});
            } else {
                proof.message = "it does not read as a kernel: " + read.render_all();
            }
            if (!proof.equivalent) summary.unproven.push_back(fmt::format("{}: {}", t.file, proof.message));
            t.kernel.text = now->text();
            t.kernel.tokens.clear();  // they were the exported text's
            t.kernel.proof = proof;
        }
    }
    auto runner_now = read_source_file((dir / package::kRunnerFile).string(), diagnostics);
    if (!runner_now) return std::nullopt;
    build->runner.text = runner_now->text();

    std::vector<std::string> files = records.package_files;
    if (std::find(files.begin(), files.end(), package::kPageFile) == files.end()) files.push_back(package::kPageFile);
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    if (!replace_package_file(dir.string(), package::kPageFile, write_html_report(build->program, build->runner),
                              diagnostics) ||
        !replace_package_file(dir.string(), package::kReportFile, write_report(build->program, build->runner, files),
                              diagnostics)) {
        return std::nullopt;
    }
    return summary;
}

std::string render_report_summary(const ReportSummary& s) {
    std::string out = fmt::format("rendered {0}/EXPORT.html and {0}/EXPORT.md ({1} kernel file{2}", s.dir,
                                  s.kernel_files, s.kernel_files == 1 ? "" : "s");
    if (s.edited.empty()) return out + ", each as exported)\n";
    out += fmt::format(
        "; {} differ from a fresh export with default options (edited, or exported with other options): shown as "
        "they are and proven again)\n",
        s.edited.size());
    for (const std::string& f : s.edited) out += "  differs: " + f + "\n";
    for (const std::string& u : s.unproven) out += "  not proven equivalent: " + u + "\n";
    return out;
}

}  // namespace ttl
