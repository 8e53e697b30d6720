// The export command as a library function: read the source and the compiler's output, bind,
// name, rewrite with validation, and write the package atomically (a temporary directory
// renamed at the end; an existing output is replaced only with `force`).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rewrite/rewriter.h"
#include "support/diagnostic.h"
#include "write/exported_program.h"
#include "write/html_report.h"
#include "write/output_dir.h"
#include "write/runner_writer.h"

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
    bool html = true;  ///< write EXPORT.html (`--no-html`: not); build_export renders its kernel tabs
    bool explain = false;  ///< fill ExportSummary::explanation (`--explain`)
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
    std::string explanation;  ///< the naming report (only with ExportOptions::explain)
};

/// The options that change the kernels' text, as typed on the command line (`--style tt-lang`,
/// `--formatter clang-format`, `--no-rename`); none for the defaults. EXPORT.md records them.
std::vector<std::string> text_option_flags(const ExportOptions& options);

/// Sets `options` from flags text_option_flags made; false (the flag in `unknown`) for a flag it
/// does not know.
bool apply_text_option_flags(const std::vector<std::string>& flags, ExportOptions& options, std::string& unknown);

/// A thread's own part of the build; what it exports goes into its place in the program.
struct ThreadOutcome {
    /// The compiler's kernel as read, until the thread is proven: then released (nothing after
    /// the proof reads it, and its memory serves the next thread's proof).
    std::optional<KernelFile> file;
    bool read = false;  ///< false: the thread could not be read (see diagnostics)
    Diagnostics diagnostics;
};

struct ExportJob {
    size_t kernel = 0;  ///< index into the artifacts
    size_t thread = 0;
    ThreadOutcome outcome;
};

/// Everything an export computes before it writes, owned in one place (the program points into
/// it, so it lives on the heap and never moves).
struct ExportBuild {
    std::optional<TtlSource> source;
    std::optional<std::vector<KernelArtifacts>> artifacts;
    std::vector<ExportJob> jobs;
    ExportedProgram program;
    RunnerText runner;  ///< checked by Python: it compiles
    /// With `html`: each kernel file's tabs of EXPORT.html, rendered once the file was proven
    /// (render_file_tabs; for write_html_report).
    std::vector<std::pair<HtmlPanel, HtmlPanel>> file_tabs;
    /// Each kernel file's section of EXPORT.md, made once the file was proven (thread_report;
    /// for write_report).
    std::vector<std::string> report_sections;
};

/// Starts the Python check of the runner an export will write, before this program runs itself
/// again in place (support/memory.h), for the new run's build_export to take over: the
/// interpreter then starts on a core the exec leaves idle.
void start_runner_check_early();

/// Reads, binds, names, rewrites and proves every kernel and writes the runner in memory;
/// nothing is written to disk. `after_source` runs once the TT-Lang source reads, on its own
/// thread beside the search for the compiler's output (the export checks its output location
/// there); false stops, before anything the search found is reported. `while_checking` runs while the system
/// Python checks the runner (on its own thread), on the build as it will be returned but for
/// the check's warnings; its work is dropped when the check refuses the runner.
std::unique_ptr<ExportBuild> build_export(const ExportOptions& options, Diagnostics& diagnostics,
                                          const std::function<bool()>& after_source = {},
                                          const std::function<void(ExportBuild&)>& while_checking = {});

/// Checks the output location (`-o`, default ./<source stem>_export) against `--force` and the
/// inputs, before anything else runs (`--compile` calls it before any VM command).
std::optional<OutputPlan> plan_export_output(const ExportOptions& options, Diagnostics& diagnostics);

/// The whole export: build_export, then the package written to the output location. With
/// `keep`, the build is handed over instead of freed on return (the command leaves it to the
/// process's exit: a large program's is about 100 MB in some 100,000 pieces).
std::optional<ExportSummary> run_export(const ExportOptions& options, Diagnostics& diagnostics,
                                        std::unique_ptr<ExportBuild>* keep = nullptr);

/// The summary lines the command prints.
std::string render_summary(const ExportSummary& summary);

}  // namespace ttl
