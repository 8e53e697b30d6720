// The package checker: read the package (the runner's tables into the exporter's runner model,
// or an emitted R1 runner; EXPORT.md's records; the tensors' data types), read and bind each
// kernel file, then run every registered check (check/checks.h) and render the findings.
#include "check/package_check.h"

#include <fmt/format.h>

#include "check/checks.h"
#include "read/kernel_reader.h"
#include "read/runner_model.h"
#include "support/file_io.h"
#include "read/package_format.h"
#include "read/ttlang_source.h"

namespace fs = std::filesystem;

namespace ttl {

namespace {

using namespace check;

struct PackageCheck {
    const char* name;
    void (*run)(const Package&, Report&);
};
struct KernelCheck {
    const char* name;
    void (*run)(const Package&, const CheckKernel&, const Units&, Report&);
};

// The registry, in the order the findings are reported.
constexpr PackageCheck kPackageChecks[] = {
    {"runner-standalone", check_runner_standalone},
    {"runner-python", check_runner_python},
    {"runner-layout", check_runner_layout},
    {"pairing-evidence", check_pairing_evidence},
};
constexpr KernelCheck kKernelChecks[] = {
    {"grid", check_grid},
    {"cb-pages", check_cb_pages},
    {"compile-time-args", check_compile_time_args},
    {"cb-operands", check_cb_operands},
    {"runtime-args", check_runtime_args},
    {"data-formats", check_data_formats},
    {"compiler-output", check_compiler_output},
    {"cb-protocol", check_cb_protocol},
};

/// The tables `export` writes (read/package_format), each kernel file under kernels/.
std::vector<CheckKernel> table_kernels(const Package& package, Report& report) {
    std::vector<package::TableProblem> problems;
    std::vector<CheckKernel> out;
    for (package::PackageKernel& pk : package::read_tables(*package.module, problems)) {
        CheckKernel k;
        static_cast<package::PackageKernel&>(k) = std::move(pk);
        for (const RunnerKernel& rk : k.runner.kernels) k.paths.push_back((package.dir / "kernels" / rk.path).string());
        out.push_back(std::move(k));
    }
    for (const package::TableProblem& p : problems) report.at_line(*package.runner, p.line, p.message, p.fix);
    return out;
}

/// An emitted R1 runner: absolute kernel paths, tensors known only by index.
std::vector<CheckKernel> r1_kernels(const Package& package, Report& report) {
    Diagnostics local;
    auto runner = read_runner(package.runner, local);
    if (!runner) {
        for (const Diagnostic& diag : local.items()) report.add(diag, "correct the runner's tables");
        return {};
    }
    CheckKernel k;
    k.name = "kernel";
    k.runner = *runner;
    for (int i = 0; i < runner->num_tensors; ++i) k.tensors.push_back(fmt::format("tensor {}", i));
    k.cb_names.resize(runner->cbs.size());
    for (const RunnerKernel& rk : runner->kernels) {
        k.paths.push_back(rk.path);
        if (fs::path(rk.path).is_absolute()) continue;
        report.at_line(*package.runner, rk.line,
                       fmt::format("kernel path '{}' is relative: tt-metal resolves it against the working "
                                   "directory, then TT_METAL_HOME",
                                   rk.path),
                       "compute it from the runner's location: Path(__file__).resolve().parent / ...");
    }
    return {k};
}

/// Each kernel file of `kernel`, read and bound; a file that is missing or does not read is a finding.
Units read_units(const Package& package, const CheckKernel& kernel, Report& report) {
    Units units;
    std::vector<CheckThread> threads = kernel.threads();
    for (size_t i = 0; i < threads.size(); ++i) {
        const CheckThread& t = threads[i];
        std::error_code ec;
        if (!fs::exists(t.path, ec)) {
            report.at_line(
                *package.runner, t.line,
                fmt::format("kernel file '{}' does not exist where the runner looks for it ('{}')", t.file, t.path),
                "keep the kernels folder beside run_kernel.py, or correct the file name");
            continue;
        }
        Diagnostics local;
        auto src = read_source_file(t.path, local);
        std::optional<KernelFile> file = src ? read_kernel(src, local) : std::nullopt;
        if (!file) {
            for (const Diagnostic& diag : local.items()) report.add(diag, "correct the kernel's syntax");
            continue;
        }
        auto shared = std::make_shared<const KernelFile>(std::move(*file));
        // The binder relates runtime args to tensors through the model the tables were read into.
        KernelBinding binding = bind_kernel(*shared, nullptr, static_cast<int>(i), kernel.runner);
        units.push_back(KernelUnit{t, shared, std::move(binding)});
    }
    return units;
}

CheckResult render(const Report& report, Diagnostics& diagnostics) {
    CheckResult result;
    result.readable = true;
    for (const Diagnostic& note : report.notes) diagnostics.add(note);
    for (const Finding& f : report.findings) {
        Diagnostic d = f.where;
        if (!f.fix.empty()) d.message = fmt::format("{} (fix: {})", d.message, f.fix);
        diagnostics.add(d);
    }
    result.findings = static_cast<int>(report.findings.size());
    result.compared = report.compared;
    result.not_compared = report.not_compared;
    return result;
}

}  // namespace

CheckResult check_package(const std::string& path, Diagnostics& diagnostics) {
    std::error_code ec;
    fs::path runner = fs::is_directory(path, ec) ? fs::path(path) / package::kRunnerFile : fs::path(path);
    Package package;
    package.dir = runner.parent_path();
    package.runner = read_source_file(runner.string(), diagnostics);
    if (!package.runner) return CheckResult{};
    Report report;
    Diagnostics py;
    auto module = read_python(package.runner, py);
    if (!module) {
        for (Diagnostic diag : py.items()) {
            diag.message = "the runner is not valid Python: " + diag.message;
            report.add(diag, "correct the syntax");
        }
        return render(report, diagnostics);
    }
    package.module = std::make_shared<PyModule>(std::move(*module));
    package.emitted_runner = looks_like_runner(package.runner->text());
    package.kernels = package.emitted_runner ? r1_kernels(package, report) : table_kernels(package, report);
    if (!package.emitted_runner && package.kernels.empty() && report.findings.empty()) {
        // No table of a package and no KERNEL_PATHS: not a runner at all (a TT-Lang program, say).
        Diagnostics quiet;
        bool program = read_ttlang_source(package.runner, quiet).has_value();
        diagnostics.add(make_file_diagnostic(
            Severity::kError, runner.string(),
            program ? fmt::format("this is a TT-Lang program, not a package: export it first ('ttl-export {} "
                                  "--from DIR'), then check the package",
                                  runner.string())
                    : std::string("not a package's runner: expected the run_kernel.py of an exported package "
                                  "(its <KERNEL>_THREADS tables) or an emitted runner (KERNEL_PATHS)")));
        return CheckResult{};
    }
    Diagnostics ignored;
    if (auto md = read_source_file((package.dir / package::kReportFile).string(), ignored)) {
        package.records = package::read_export_md(md->text());
    }
    std::map<std::string, std::vector<std::string>> kernel_tensors;
    for (const CheckKernel& k : package.kernels) {
        if (!k.prefix.empty()) kernel_tensors[k.name] = k.tensors;
    }
    package.dtypes = tensor_dtypes(*package.module, kernel_tensors, "run_");
    for (const PackageCheck& c : kPackageChecks) c.run(package, report);
    for (const CheckKernel& kernel : package.kernels) {
        Units units = read_units(package, kernel, report);
        for (const KernelCheck& c : kKernelChecks) c.run(package, kernel, units, report);
    }
    return render(report, diagnostics);
}

}  // namespace ttl
