// run_export: the stages in order, then the files, written into a temporary directory next
// to the output and renamed into place only when everything succeeded.
#include "write/export.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <numeric>
#include <thread>

#include <fmt/format.h>

#include "bind/binding.h"
#include "bind/naming.h"
#include "support/python_check.h"
#include "read/artifacts.h"
#include "read/kernel_reader.h"
#include "support/file_io.h"
#include "write/exported_program.h"
#include "write/output_dir.h"
#include "write/html_report.h"
#include "write/report_writer.h"
#include "write/runner_writer.h"
#include "validate/validated_rewrite.h"
#include "support/parallel.h"
#include "read/package_format.h"

namespace fs = std::filesystem;

namespace ttl {

namespace {

std::string plain(const Diagnostic& d) {
    std::string where =
        d.file.empty() ? "" : d.file + (d.line > 0 ? fmt::format(":{}:{}", d.line, d.column) : "") + ": ";
    return where + d.message;
}

struct ThreadInput {
    const KernelArtifacts* artifacts;
    size_t index;  ///< the thread's index in artifacts->threads
    const TtlKernel* kernel;
    bool several;  ///< the program has several kernels (file names carry the kernel's)
    const ExportOptions* options;
    Rules rules;
    bool normalize_aside;  ///< see start_rewrite: fewer threads to export than cores
};

RewriteInput rewrite_input(const ThreadInput& in, const ThreadOutcome& out, const ExportedThread& e) {
    return RewriteInput{&*out.file,        &e.binding,           &e.naming, in.kernel, in.options->source,
                        in.options->style, in.options->formatter};
}

/// What the package says of a thread before any of its work: its file, role and tensors.
ExportedThread describe_thread(const ThreadInput& in) {
    const ThreadArtifact& t = in.artifacts->threads[in.index];
    ExportedThread e;
    e.thread = t.thread;
    e.role = t.role;
    e.file = package::kernel_file(in.artifacts->kernel, t.role, in.several);
    e.emitted_path = t.path;
    e.emitted_md5 = t.md5;
    for (int p : in.artifacts->runner.tensor_indices[in.index]) {
        e.tensors.push_back(in.kernel->params[static_cast<size_t>(p)]);
    }
    return e;
}

/// One thread read, bound and named into `e`, and rewritten (the proof is `prove_thread`'s);
/// everything it says in `out.diagnostics`. Empty when it cannot be read.
std::optional<PendingRewrite> rewrite_thread(const ThreadInput& in, ThreadOutcome& out, ExportedThread& e) {
    const ThreadArtifact& t = in.artifacts->threads[in.index];
    auto kernel_file = read_kernel(t.file, out.diagnostics);
    if (!kernel_file) {
        out.diagnostics.add(make_file_diagnostic(
            Severity::kError, t.path,
            fmt::format("cannot read the emitted kernel of thread '{}' (see above); nothing was written", t.thread)));
        return std::nullopt;
    }
    if (kernel_file->entry_function == kNone) {
        out.diagnostics.add(make_file_diagnostic(
            Severity::kError, t.path,
            fmt::format("the emitted kernel of thread '{}' has no 'kernel_main' (or MAIN) function: the file is cut "
                        "short or is not a kernel; nothing was written",
                        t.thread)));
        return std::nullopt;
    }
    out.file = std::move(kernel_file);
    out.read = true;
    const KernelFile& kfile = *out.file;
    e.binding = bind_kernel(kfile, in.kernel, static_cast<int>(in.index), in.artifacts->runner);
    for (const std::string& w : e.binding.warnings) {
        out.diagnostics.add(make_file_diagnostic(Severity::kWarning, t.path, w));
    }
    e.naming = plan_names(kfile, e.binding, in.kernel);
    return start_rewrite(rewrite_input(in, out, e), in.rules, in.normalize_aside);
}

/// The thread's rewrite proven (or its rules rolled back until it is), into `e`.
void prove_thread(const ThreadInput& in, ThreadOutcome& out, ExportedThread& e, PendingRewrite pending) {
    const ThreadArtifact& t = in.artifacts->threads[in.index];
    e.kernel = finish_rewrite(rewrite_input(in, out, e), std::move(pending));
    for (const RolledBack& rb : e.kernel.rolled_back) {
        out.diagnostics.add(make_file_diagnostic(Severity::kWarning, t.path,
                                                 fmt::format("rule '{}' rolled back: {}", rb.rule, rb.reason)));
    }
}

}  // namespace

std::vector<std::string> text_option_flags(const ExportOptions& options) {
    std::vector<std::string> flags;
    if (options.style != ExportOptions().style) flags.push_back("--style " + options.style);
    if (options.formatter != ExportOptions().formatter) flags.push_back("--formatter " + options.formatter);
    for (const RewriteRule& r : rewrite_rules()) {
        if (options.disabled.has(r.rule)) flags.push_back(std::string("--no-") + r.name);
    }
    return flags;
}

bool apply_text_option_flags(const std::vector<std::string>& flags, ExportOptions& options, std::string& unknown) {
    for (const std::string& flag : flags) {
        if (flag.rfind("--style ", 0) == 0) {
            options.style = flag.substr(8);
            continue;
        }
        if (flag.rfind("--formatter ", 0) == 0) {
            options.formatter = flag.substr(12);
            continue;
        }
        bool known = false;
        for (const RewriteRule& r : rewrite_rules()) {
            if (flag == std::string("--no-") + r.name) {
                options.disabled.add(r.rule);
                known = true;
            }
        }
        if (!known) {
            unknown = flag;
            return false;
        }
    }
    return true;
}

std::optional<OutputPlan> plan_export_output(const ExportOptions& options, Diagnostics& diagnostics) {
    std::string out = options.out;
    if (out.empty()) out = "./" + fs::path(options.source).stem().string() + "_export";
    std::string from = options.from.empty() ? default_from() : options.from;
    std::vector<std::string> inputs = {options.source, from};
    for (const std::string& r : options.runners)
        inputs.push_back(r.substr(r.find('=') == std::string::npos ? 0 : r.find('=') + 1));
    return plan_output(out, options.force, inputs, diagnostics);
}

namespace {
using package::kRunnerFile;  // the runner's name in the package, as Python shows it
}  // namespace

void start_runner_check_early() {
    start_python_check_early(kRunnerFile);
}

std::unique_ptr<ExportBuild> build_export(const ExportOptions& options, Diagnostics& diagnostics,
                                          const std::function<bool()>& after_source,
                                          const std::function<void(ExportBuild&)>& while_checking) {
    if (options.style != "tt-metal" && options.style != "tt-lang") {
        diagnostics.add(make_file_diagnostic(Severity::kError, "",
                                             fmt::format("unknown style '{}': expected 'tt-metal' or "
                                                         "'tt-lang'",
                                                         options.style)));
        return nullptr;
    }
    if (resolve_formatter(options.formatter).empty()) {
        diagnostics.add(make_file_diagnostic(Severity::kError, "",
                                             "'--formatter clang-format' asked for clang-format, "
                                             "but it is not installed (or use '--formatter builtin')"));
        return nullptr;
    }
    auto build = std::make_unique<ExportBuild>();
    auto file = read_source_file(options.source, diagnostics);
    if (!file) return nullptr;
    build->source = read_ttlang_source(file, diagnostics);
    if (!build->source) return nullptr;
    // A runner that Python would refuse is never written. The interpreter starts now and loads
    // its modules while the compiler's output is read (one core is mostly idle then); it gets
    // the runner once written and checks it while the kernels are exported.
    PendingPythonCheck checking(kRunnerFile);
    // `after_source` (the output check) runs beside the search for the compiler's output; what
    // the search says is reported after it, and not at all when it stops the export.
    std::future<bool> checked;
    if (after_source) checked = std::async(std::launch::async, after_source);
    const std::optional<TtlSource>& source = build->source;
    Diagnostics found;
    build->artifacts = find_artifacts(*source, ArtifactOptions{options.from, options.runners, options.kernel}, found);
    if (checked.valid() && !checked.get()) return nullptr;
    size_t warnings_before = diagnostics.items().size();
    diagnostics.append(found);
    if (!build->artifacts) return nullptr;
    std::optional<std::vector<KernelArtifacts>>& artifacts = build->artifacts;

    ExportedProgram& program = build->program;
    program.options = text_option_flags(options);
    program.source_path = options.source;
    program.source_text = file->text();
    program.source = &*source;
    program.style = options.style;
    Rules rules = Rules::all();
    for (const RewriteRule& r : rewrite_rules()) {
        if (options.disabled.has(r.rule)) rules.remove(r.rule);
    }
    // Each thread is read, bound, named, rewritten and proven on its own: in parallel, with its
    // diagnostics kept apart and reported in thread order, so the output does not depend on the
    // schedule.
    std::vector<ExportJob>& jobs = build->jobs;  // sized once: bindings keep views into each outcome's KernelFile
    bool several = artifacts->size() > 1;
    for (size_t a = 0; a < artifacts->size(); ++a) {
        for (size_t i = 0; i < (*artifacts)[a].threads.size(); ++i) jobs.push_back(ExportJob{a, i, {}});
    }
    // In stages (rewrite; proof; the file's tabs of EXPORT.html), so that the later ones fill
    // the cores the larger threads would leave idle at the end; the largest threads first.
    std::vector<size_t> order(jobs.size());
    std::iota(order.begin(), order.end(), 0);
    auto size_of = [&](size_t j) { return (*artifacts)[jobs[j].kernel].threads[jobs[j].thread].text().size(); };
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return size_of(x) > size_of(y); });
    std::vector<std::optional<PendingRewrite>> pending(jobs.size());
    const bool normalize_aside = jobs.size() < std::max(1U, std::thread::hardware_concurrency());
    auto input = [&](size_t j) {
        const KernelArtifacts& a = (*artifacts)[jobs[j].kernel];
        return ThreadInput{&a, jobs[j].thread, source->kernel(a.kernel), several, &options, rules, normalize_aside};
    };
    // The program's kernels and what the package says of each thread come first: the runner
    // needs nothing more, so it is written (and checked by Python) while the threads are exported
    // into their places.
    for (const KernelArtifacts& a : *artifacts) {
        ExportedKernel k;
        k.source = source->kernel(a.kernel);
        k.artifacts = a;
        for (const RunnerCb& cb : a.runner.cbs) k.float32 = k.float32 || (cb.present && cb.dtype == "float32");
        program.kernels.push_back(std::move(k));
    }
    for (size_t j = 0; j < jobs.size(); ++j) {
        program.kernels[jobs[j].kernel].threads.push_back(describe_thread(input(j)));
    }
    auto exported = [&](size_t j) -> ExportedThread& {
        return program.kernels[jobs[j].kernel].threads[jobs[j].thread];
    };
    build->runner = write_runner(program);
    RunnerText& runner = build->runner;
    // Undefined names can only come from the program's code carried over: the template alone
    // (no main, nothing carried) is compiled, not linted (pyflakes is half of Python's time).
    checking.give(runner.text, runner.carries_source);
    if (options.html) build->file_tabs.resize(jobs.size());
    build->report_sections.resize(jobs.size());
    parallel_stages(jobs.size(), {[&](size_t k) {
                                      size_t j = order[k];
                                      pending[j] = rewrite_thread(input(j), jobs[j].outcome, exported(j));
                                  },
                                  [&](size_t k) {
                                      size_t j = order[k];
                                      if (!pending[j]) return;
                                      prove_thread(input(j), jobs[j].outcome, exported(j), std::move(*pending[j]));
                                      // The compiler's kernel is not read again: freed now, its memory serves
                                      // the next proof on this core (the large program: 131 -> 114 MB peak).
                                      pending[j].reset();
                                      jobs[j].outcome.file.reset();
                                  },
                                  [&](size_t k) {
                                      size_t j = order[k];
                                      ExportJob& job = jobs[j];
                                      ExportedThread& e = exported(j);
                                      if (options.html && job.outcome.read) {
                                          build->file_tabs[j] = render_file_tabs(
                                              e, (*artifacts)[job.kernel].threads[job.thread].text(), job.kernel, j);
                                      }
                                      if (job.outcome.read) build->report_sections[j] = thread_report(e);
                                      TokenList().swap(e.kernel.tokens);  // only the page needs them
                                  }});
    for (ExportJob& job : jobs) {
        diagnostics.append(job.outcome.diagnostics);
        if (!job.outcome.read) return nullptr;
    }
    for (size_t i = warnings_before; i < diagnostics.items().size(); ++i) {
        program.warnings.push_back(plain(diagnostics.items()[i]));
    }
    if (while_checking) while_checking(*build);
    PythonCheck py = checking.get();
    for (const PythonProblem& p : py.problems) {
        SourceFile written(kRunnerFile, runner.text);
        std::string line(written.line_text(p.line));
        std::string trimmed = line.substr(std::min(line.size(), line.find_first_not_of(' ')));
        std::string from;
        for (uint32_t l = 1; l <= file->line_count() && !trimmed.empty(); ++l) {
            if (std::string(file->line_text(l)).find(trimmed) != std::string::npos) {
                from = fmt::format(", carried over from {}:{}", options.source, l);
                break;
            }
        }
        std::string message = fmt::format("{} line {}: {} ('{}'{})", kRunnerFile, p.line, p.message, trimmed, from);
        if (p.syntax) {
            diagnostics.add(
                make_file_diagnostic(Severity::kError, options.source,
                                     "the runner would not compile with Python: " + message + "; nothing was written"));
            return nullptr;
        }
        runner.warnings.push_back("the runner would stop with an undefined name: " + message);
    }
    for (const std::string& w : runner.warnings)
        diagnostics.add(make_file_diagnostic(Severity::kWarning, kRunnerFile, w));
    return build;
}

std::optional<ExportSummary> run_export(const ExportOptions& options, Diagnostics& diagnostics,
                                        std::unique_ptr<ExportBuild>* keep) {
    // The output is checked once the source reads: an existing folder fails before the work.
    std::optional<OutputPlan> plan;
    // The package: name, text (views of the build's texts and of the two reports below, which
    // outlive the install: a large program's kernels and pages are not copied again).
    std::vector<PackageFile> files;
    std::vector<std::string> package_files;  // their names, sorted (EXPORT.md lists them)
    HtmlPage html;
    std::string md;
    size_t md_runner_warnings = 0;  // the runner's warnings when EXPORT.md was written
    std::unique_ptr<ExportBuild> build = build_export(
        options, diagnostics,
        [&] {
            plan = plan_export_output(options, diagnostics);
            return plan.has_value();
        },
        [&](ExportBuild& b) {
            // Both reports while Python checks the runner; EXPORT.md again below if the check
            // adds a warning about the runner (it lists them).
            for (const ExportedKernel& k : b.program.kernels) {
                for (const ExportedThread& t : k.threads) files.emplace_back(t.file, t.kernel.text);
            }
            files.emplace_back(kRunnerFile, b.runner.text);
            for (const PackageFile& f : files) package_files.push_back(f.name);
            package_files.emplace_back(package::kReportFile);
            if (options.html) package_files.emplace_back(package::kPageFile);
            std::sort(package_files.begin(), package_files.end());
            md_runner_warnings = b.runner.warnings.size();
            std::future<std::string> report = std::async(std::launch::async, [&] {
                return write_report(b.program, b.runner, package_files, b.report_sections);
            });
            if (options.html) html = html_page(b.program, b.runner, std::move(b.file_tabs));
            md = report.get();
        });
    if (!build) return std::nullopt;
    const ExportedProgram& program = build->program;
    const RunnerText& runner = build->runner;
    if (runner.warnings.size() != md_runner_warnings)
        md = write_report(program, runner, package_files, build->report_sections);
    ExportSummary summary;
    summary.out = plan->shown;
    for (const ExportedKernel& k : program.kernels) {
        for (const ExportedThread& t : k.threads) {
            ++summary.threads;
            summary.renamed += t.kernel.stats.renamed;
            summary.casts_removed += t.kernel.stats.casts_removed;
            summary.temporaries_removed += t.kernel.stats.temporaries_removed;
            summary.constants += t.kernel.stats.constants;
            summary.constants_split += t.kernel.stats.constants_split;
            summary.rolled_back += static_cast<int>(t.kernel.rolled_back.size());
        }
    }
    if (options.html)
        files.emplace_back(package::kPageFile, std::vector<std::string_view>(html.parts.begin(), html.parts.end()));
    files.emplace_back(package::kReportFile, md);
    summary.files = package_files;
    summary.kernels = static_cast<int>(program.kernels.size());
    if (options.explain) summary.explanation = explain(program);
    if (!install_package(*plan, files, diagnostics)) return std::nullopt;
    if (keep != nullptr) *keep = std::move(build);
    return summary;
}

std::string render_summary(const ExportSummary& s) {
    std::string out = fmt::format("exported {} kernel{} ({} threads) to {}/\n", s.kernels, s.kernels == 1 ? "" : "s",
                                  s.threads, s.out);
    for (const std::string& f : s.files) out += "  " + f + "\n";
    out += fmt::format(
        "{} identifiers renamed, {} redundant casts and {} cast temporaries removed, {} constants made "
        "constexpr ({} split by role), {} rule{} rolled back; every kernel proven equivalent to the "
        "compiler's\n",
        s.renamed, s.casts_removed, s.temporaries_removed, s.constants, s.constants_split, s.rolled_back,
        s.rolled_back == 1 ? "" : "s");
    return out;
}

}  // namespace ttl
