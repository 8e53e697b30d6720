// ttl-export's driver: parses the command line and calls the pipeline stages. Nothing else.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <filesystem>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "bind/binding.h"
#include "bind/naming.h"
#include "check/package_check.h"
#include "emulate/api_coverage.h"
#include "emulate/export_proof.h"
#include "emulate/program_json.h"
#include "emulate/run_script.h"
#include "ttl_emu/abi.h"
#include "workflow/config.h"
#include "workflow/vm_workflow.h"
#include "emulate/runtime.h"
#include "read/artifacts.h"
#include "read/kernel_dump.h"
#include "read/kernel_reader.h"
#include "read/package_format.h"
#include "read/py_model.h"
#include "read/runner_model.h"
#include "read/ttlang_source.h"
#include "rewrite/rewriter.h"
#include "support/exit_code.h"
#include "support/file_io.h"
#include "support/install_paths.h"
#include "support/memory.h"
#include "support/python_check.h"
#include "support/sandbox.h"
#include "emulate/kernel_build.h"
#include "validate/equivalence.h"
#include "write/export.h"
#include "write/package_report.h"

#ifndef TTL_EXPORT_VERSION
#define TTL_EXPORT_VERSION "0.0.0"
#endif

namespace {

using ttl::ExitCode;

constexpr const char* kDescription =
    "ttl-export turns the C++ kernels and runner that the TT-Lang compiler emits into a\n"
    "standalone, readable TT-Metal kernel package, and proves every rewrite equivalent. It also\n"
    "checks packages, runs them on a CPU emulator of the kernel API, and drives the simulator VM.";

#define TTL_EMU_STR2(x) #x
#define TTL_EMU_STR(x) TTL_EMU_STR2(x)
#define TTL_EMU_ABI_VERSION_TEXT TTL_EMU_STR(TTL_EMU_ABI_VERSION)
constexpr const char* kKnownFormats =
    "emitter dialects: A (namespace NAMESPACE wrapper, free-function CBs), B (free-function CBs,\n"
    "  plain kernel_main), C (experimental::CircularBuffer, tt-metal's clang-formatted copies),\n"
    "  D (CircularBuffer, Noc noc0(0), designated initializers); Triton-style C++ is read too\n"
    "runner formats: R1 (ttnn-only runner: read directly), R2 and R3 (tt-lang runners: lowered\n"
    "  to R1 when they use nothing a standalone runner cannot express)\n"
    "emulator: kernel API ABI " TTL_EMU_ABI_VERSION_TEXT ", data formats bfloat16 float32 int32 uint32 uint16 uint8";

/// Bytes of emitted C++ from which an export is run on huge pages (rerun_with_huge_pages): the
/// 3 x 1,000-line program (136 KB) already gains more than starting again costs.
constexpr uintmax_t kHugePageInput = 128 * 1024;

constexpr const char* kCommands[] = {"export", "check", "equiv", "report", "run", "verify", "dump"};

int print_diagnostics(const ttl::Diagnostics& diagnostics) {
    std::fputs(diagnostics.render_all().c_str(), stderr);
    return diagnostics.has_errors() ? ttl::to_int(ExitCode::kBadInput) : 0;
}

/// `dump SOURCE.py --from DIR`: the binding and naming of every thread (for developers).
int run_explain(const std::string& path, const std::string& from) {
    ttl::Diagnostics diagnostics;
    auto file = ttl::read_source_file(path, diagnostics);
    if (!file) return print_diagnostics(diagnostics);
    auto source = ttl::read_ttlang_source(file, diagnostics);
    if (!source) return print_diagnostics(diagnostics);
    std::vector<ttl::PairingRow> pairing;
    auto artifacts = ttl::find_artifacts(*source, ttl::ArtifactOptions{from, {}, ""}, diagnostics, &pairing);
    if (!artifacts) {
        std::string table = ttl::render_pairing(pairing);
        std::fwrite(table.data(), 1, table.size(), stdout);
        return print_diagnostics(diagnostics);
    }
    std::string out = ttl::render_pairing(pairing);
    for (const ttl::KernelArtifacts& a : *artifacts) {
        const ttl::TtlKernel* kernel = source->kernel(a.kernel);
        for (size_t i = 0; i < a.threads.size(); ++i) {
            auto kernel_file = ttl::read_kernel_text(a.threads[i].path, a.threads[i].text(), diagnostics);
            if (!kernel_file) return print_diagnostics(diagnostics);
            ttl::KernelBinding binding = ttl::bind_kernel(*kernel_file, kernel, static_cast<int>(i), a.runner);
            ttl::NamingPlan plan = ttl::plan_names(*kernel_file, binding, kernel);
            out += fmt::format("== {} / {} ({})\n", a.kernel, a.threads[i].thread, a.threads[i].path);
            out += ttl::dump_binding(*kernel_file, binding);
            out += "-- names\n" + ttl::dump_naming(plan);
        }
    }
    print_diagnostics(diagnostics);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return ttl::to_int(ExitCode::kOk);
}

int run_dump(const std::string& path, bool tokens) {
    ttl::Diagnostics diagnostics;
    auto source = ttl::read_source_file(path, diagnostics);
    if (!source) return print_diagnostics(diagnostics);
    if (path.size() > 3 && path.compare(path.size() - 3, 3, ".py") == 0) {
        auto module = ttl::read_python(source, diagnostics);
        if (!module) return print_diagnostics(diagnostics);
        std::string out;
        if (!tokens && ttl::looks_like_runner(source->text())) {
            auto runner = ttl::read_runner(source, diagnostics);
            if (!runner) return print_diagnostics(diagnostics);
            out = ttl::dump_runner(*runner);
        } else if (!tokens) {
            ttl::Diagnostics quiet;
            auto program = ttl::read_ttlang_source(source, quiet);
            if (program) out = ttl::dump_ttlang_source(*program);
        }
        if (out.empty()) out = ttl::dump_python(*module);
        std::fwrite(out.data(), 1, out.size(), stdout);
        return ttl::to_int(ExitCode::kOk);
    }
    auto kernel = ttl::read_kernel(source, diagnostics);
    if (!kernel) return print_diagnostics(diagnostics);
    print_diagnostics(diagnostics);
    std::string out;
    if (tokens) {
        for (const ttl::Token& t : kernel->tokens) {
            if (t.kind == ttl::TokenKind::kWhitespace) continue;
            ttl::Location at = source->location(t.begin);
            out += fmt::format("{}:{} {} {}\n", at.line, at.column, ttl::token_kind_name(t.kind),
                               kernel->text(static_cast<ttl::TokenIndex>(&t - kernel->tokens.data())));
        }
    } else {
        out = ttl::dump_kernel(*kernel);
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return ttl::to_int(ExitCode::kOk);
}

/// `equiv BEFORE AFTER [--runner FILE]`: 0 equivalent, 1 not equivalent, 2 usage or read error.
/// Without --runner, AFTER inside a package (PKG/kernels/...) uses PKG/run_kernel.py when it is
/// one we can read (ours); a hand-written one is passed over (the proof then knows no CB index,
/// and says to pass --runner where that matters).
int run_equiv(const std::string& before_path, const std::string& after_path, std::string runner) {
    ttl::Diagnostics diagnostics;
    ttl::EquivalenceOptions options;
    bool found = false;
    if (runner.empty()) {
        std::error_code ec;
        for (auto dir = std::filesystem::absolute(after_path, ec).parent_path();
             !dir.empty() && dir != dir.parent_path(); dir = dir.parent_path()) {
            if (dir.filename() == "kernels" &&
                std::filesystem::exists(dir.parent_path() / ttl::package::kRunnerFile, ec)) {
                runner = (dir.parent_path() / ttl::package::kRunnerFile).string();
                found = true;
                break;
            }
        }
    }
    if (!runner.empty()) {
        ttl::Diagnostics runner_diagnostics;
        auto count = ttl::package::circular_buffer_count(runner, std::filesystem::absolute(after_path).string(),
                                                         runner_diagnostics);
        if (count) {
            options.cb_count = *count;
        } else if (!found) {
            return print_diagnostics(runner_diagnostics);
        }
    }
    auto before_file = ttl::read_source_file(before_path, diagnostics);
    auto after_file = ttl::read_source_file(after_path, diagnostics);
    if (!before_file || !after_file) return print_diagnostics(diagnostics);
    auto before = ttl::read_kernel(before_file, diagnostics);
    auto after = ttl::read_kernel(after_file, diagnostics);
    if (!before || !after) return print_diagnostics(diagnostics);
    ttl::EquivalenceResult result = ttl::check_equivalence(*before, *after, options);
    if (!result.equivalent) {
        std::fputs(ttl::render_equivalence(result).c_str(), stderr);
        return ttl::to_int(ExitCode::kFindings);
    }
    std::printf("equivalent: %d locals renamed, %d casts normalized, %d circular-buffer names\n", result.renamed,
                result.casts_normalized, result.cb_names_undone);
    return ttl::to_int(ExitCode::kOk);
}

int run_export(const ttl::ExportOptions& options) {
    ttl::Diagnostics diagnostics;
    // The export's data is left for the exit to take back at once: freed piece by piece, a large
    // program's took longer than writing its package. Reachable from here, so not a leak.
    static std::unique_ptr<ttl::ExportBuild>* kept = new std::unique_ptr<ttl::ExportBuild>();
    auto summary = ttl::run_export(options, diagnostics, kept);
    std::fputs(diagnostics.render_all().c_str(), stderr);
    if (!summary) return ttl::to_int(ExitCode::kBadInput);
    std::string out = ttl::render_summary(*summary);
    if (options.explain) out += "\n" + summary->explanation;
    std::fwrite(out.data(), 1, out.size(), stdout);
    return ttl::to_int(ExitCode::kOk);
}

/// `check PACKAGE`: 0 clean, 1 findings, 2 could not read.
/// `ttl-export run PROGRAM.json`: runs a program description on the emulator.
int run_program_file(const std::string& path, const ttl::emu::RunOptions& options, bool quiet) {
    std::string error;
    auto program = ttl::emu::read_program_json(path, error);
    if (!program) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return ttl::to_int(ExitCode::kBadInput);
    }
    ttl::emu::RunResult result = ttl::emu::run_program(program->program, options);
    if (result.stuck) {
        // Kernel threads are still spinning: end now, without running destructors under them.
        std::fprintf(stderr, "%s\n", result.error.c_str());
        std::fflush(nullptr);
        std::_Exit(ttl::to_int(ExitCode::kFindings));
    }
    if (!result.ok) {
        std::fprintf(stderr, "%s\n", result.error.c_str());
        return ttl::to_int(ExitCode::kFindings);
    }
    if (!ttl::emu::write_outputs(*program, result, error)) {
        std::fprintf(stderr, "error: %s\n", error.c_str());
        return ttl::to_int(ExitCode::kFindings);
    }
    if (!quiet) {
        size_t cached = 0;
        for (const auto& b : result.builds) cached += b.cached ? 1 : 0;
        std::fprintf(
            stderr,
            "emulator: %zu kernel%s built in %.2f s (%zu cached), ran in %.3f s: %llu tiles packed, %llu NoC bytes\n",
            result.builds.size(), result.builds.size() == 1 ? "" : "s", result.build_seconds, cached,
            result.run_seconds, static_cast<unsigned long long>(result.tiles_packed),
            static_cast<unsigned long long>(result.noc_bytes));
    }
    return ttl::to_int(ExitCode::kOk);
}

ttl::emu::ScriptOptions script_options(const ttl::emu::RunOptions& options, const std::string& python) {
    ttl::emu::ScriptOptions script;
    script.python = python;
    script.cache_dir = options.build.cache_dir;
    script.compiler = options.build.compiler;
    script.timeout_seconds = options.timeout_seconds;
    return script;
}

/// `ttl-export run PACKAGE|RUNNER.py`: runs the script unchanged with the emulator's ttnn.
int run_package(const std::string& target, const ttl::emu::RunOptions& options, const std::string& python) {
    ttl::Diagnostics diagnostics;
    std::string script = ttl::emu::script_of(target, diagnostics);
    if (script.empty()) return print_diagnostics(diagnostics);
    ttl::ProcessResult r = ttl::emu::run_script(script, script_options(options, python));
    std::fwrite(r.output.data(), 1, r.output.size(), stdout);
    if (!r.started) {
        std::fprintf(stderr, "error: %s\n", r.error.c_str());
        return ttl::to_int(ExitCode::kBadInput);
    }
    if (r.timed_out) {
        std::fprintf(stderr, "error: '%s' did not finish within %g s\n", script.c_str(), options.timeout_seconds);
        return ttl::to_int(ExitCode::kFindings);
    }
    if (r.exit_code != 0) {
        std::fprintf(stderr, "error: '%s' exited with status %d on the emulator\n", script.c_str(), r.exit_code);
        return ttl::to_int(ExitCode::kFindings);
    }
    return ttl::to_int(ExitCode::kOk);
}

/// `run --coverage DIR|FILES`: 0 every call provided, 1 some lacking, 2 unreadable.
int run_coverage(const std::vector<std::string>& targets, const std::string& compiler) {
    ttl::Diagnostics diagnostics;
    std::vector<std::string> kernels = ttl::emu::coverage_inputs(targets, diagnostics);
    if (diagnostics.has_errors()) return print_diagnostics(diagnostics);
    ttl::emu::CoverageReport report = ttl::emu::api_coverage(kernels, compiler, diagnostics);
    std::fputs(diagnostics.render_all().c_str(), stderr);
    if (diagnostics.has_errors()) return ttl::to_int(ExitCode::kBadInput);
    std::string out = ttl::emu::render_coverage(report);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return ttl::to_int(report.lacking() == 0 ? ExitCode::kOk : ExitCode::kFindings);
}

/// `verify --emulator PACKAGE`: the exported and the compiler's kernels, run on the same inputs,
/// must give bit-identical tensors; without the compiler's output, the package runs alone.
int run_export_proof(const std::string& package, const ttl::emu::RunOptions& options) {
    ttl::Diagnostics diagnostics;
    ttl::emu::ExportProof proof = ttl::emu::prove_export_at_run_time(package, script_options(options, ""), diagnostics);
    if (diagnostics.has_errors()) return print_diagnostics(diagnostics);
    if (!proof.not_compared.empty()) {
        std::fprintf(stderr, "note: %s: the package runs alone, without the comparison\n", proof.not_compared.c_str());
        return run_package(package, options, "");
    }
    std::fwrite(proof.exported.output.data(), 1, proof.exported.output.size(), stdout);
    if (!proof.passed() && proof.compiler.output != proof.exported.output) {
        std::printf("-- the run with the compiler's kernels printed:\n");
        std::fwrite(proof.compiler.output.data(), 1, proof.compiler.output.size(), stdout);
    }
    std::string verdict = ttl::emu::render_export_proof(package, proof);
    std::fwrite(verdict.data(), 1, verdict.size(), stdout);
    return ttl::to_int(proof.passed() ? ExitCode::kOk : ExitCode::kFindings);
}

/// Loads the workflow config (explicit, ./ttl-export.toml, user config, or the defaults).
std::optional<ttl::workflow::Config> load_workflow_config(const std::string& explicit_path, const std::string& vm,
                                                          double timeout) {
    std::string path = ttl::workflow::find_config(explicit_path);
    ttl::workflow::Config config = ttl::workflow::default_config();
    if (!path.empty()) {
        std::string error;
        auto read = ttl::workflow::read_config(path, error);
        if (!read) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return std::nullopt;
        }
        config = *read;
    }
    if (!vm.empty()) config.vm = vm;
    if (timeout > 0) config.timeout_seconds = timeout;
    return config;
}

/// The exit code of a failed VM workflow: a command that could not start is a configuration
/// problem (2); anything else failed (1).
int failure_code(const ttl::workflow::Remote& remote) {
    bool could_not_start = !remote.transcript().empty() && !remote.transcript().back().result.started;
    return ttl::to_int(could_not_start ? ExitCode::kBadInput : ExitCode::kFindings);
}

/// `ttl-export verify PACKAGE`: on the simulator VM (default), locally, or on the emulator.
int run_verify(const std::string& package, bool local, bool emulator, const std::string& config_path,
               const std::string& vm, double timeout, const ttl::emu::RunOptions& emu_options) {
    std::error_code ec;
    if (!std::filesystem::is_directory(package, ec)) {
        ttl::Diagnostics diagnostics;
        ttl::emu::script_of(package, diagnostics);
        if (!diagnostics.has_errors()) {
            diagnostics.add(ttl::make_file_diagnostic(ttl::Severity::kError, package, "not a package directory"));
        }
        return print_diagnostics(diagnostics);
    }
    if (ttl::Diagnostics diagnostics; ttl::emu::script_of(package, diagnostics).empty())
        return print_diagnostics(diagnostics);
    if (emulator) {
        if (local || !config_path.empty() || !vm.empty()) {
            std::fprintf(stderr,
                         "error: '--emulator' runs on this machine's CPU emulator: '--local', '--config' and "
                         "'--vm' do not apply to it\n");
            return ttl::to_int(ExitCode::kBadInput);
        }
        ttl::emu::RunOptions options = emu_options;
        if (timeout > 0) options.timeout_seconds = timeout;
        return run_export_proof(package, options);
    }
    auto config = load_workflow_config(config_path, vm, timeout);
    if (!config) return ttl::to_int(ExitCode::kBadInput);
    ttl::workflow::Remote remote(*config);
    ttl::workflow::Verdict verdict =
        local ? ttl::workflow::verify_local(package, remote) : ttl::workflow::verify_in_vm(package, remote);
    std::string where = local ? std::string("on this machine") : fmt::format("on the simulator VM '{}'", config->vm);
    std::fputs(remote.transcript_text().c_str(), stdout);
    for (const std::string& w : verdict.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    if (verdict.passed) {
        std::printf("PASS: %s %s (the runner printed '%s')\n", package.c_str(), where.c_str(),
                    verdict.result_line.c_str());
        return ttl::to_int(ExitCode::kOk);
    }
    std::printf("FAIL: %s %s%s\n%s\n", package.c_str(), where.c_str(),
                verdict.result_line.empty() ? "" : (" (the runner printed '" + verdict.result_line + "')").c_str(),
                verdict.detail.c_str());
    return failure_code(remote);
}

int run_check(const std::string& package) {
    ttl::Diagnostics diagnostics;
    ttl::CheckResult result = ttl::check_package(package, diagnostics);
    std::fputs(diagnostics.render_all().c_str(), stderr);
    if (!result.readable) return ttl::to_int(ExitCode::kBadInput);
    if (result.findings > 0) {
        std::fprintf(stderr, "%d finding%s in %s\n", result.findings, result.findings == 1 ? "" : "s", package.c_str());
        return ttl::to_int(ExitCode::kFindings);
    }
    std::printf(
        "%s: consistent (kernel files, circular buffers, compile-time and runtime arguments, grid, "
        "producers and consumers)\n",
        package.c_str());
    if (result.compared > 0)
        std::printf("%d kernel%s proven equivalent to the compiler's output recorded in EXPORT.md\n", result.compared,
                    result.compared == 1 ? "" : "s");
    if (!result.not_compared.empty())
        std::printf(
            "note: the compiler's output '%s' recorded in EXPORT.md is not here or has changed "
            "(relative paths "
            "are from where export ran); kernels without it were not compared with it\n",
            result.not_compared.c_str());
    return ttl::to_int(ExitCode::kOk);
}

/// `run` or `verify --emulator` with `--sandbox`: the same command line, without `--sandbox`,
/// again inside bubblewrap, writable only where the run writes. Returns only on failure.
int rerun_sandboxed(int argc, char** argv, const std::string& target, const std::string& cache_dir) {
    std::vector<std::string> command = {ttl::executable_path()};
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) != "--sandbox") command.push_back(argv[i]);
    }
    std::error_code ec;
    std::string folder = std::filesystem::is_directory(target, ec)
                             ? target
                             : std::filesystem::absolute(target, ec).parent_path().string();
    std::string cache = cache_dir.empty() ? ttl::emu::default_cache_dir() : cache_dir;
    std::string error;
    auto wrapped = ttl::sandboxed(command, {folder, cache}, error);
    if (wrapped) error = "cannot start bubblewrap: " + ttl::exec_command(*wrapped);
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return ttl::to_int(ExitCode::kBadInput);
}

/// A number of seconds: finite and above zero.
const CLI::Validator kSeconds(
    [](std::string& text) -> std::string {
        char* end = nullptr;
        double v = std::strtod(text.c_str(), &end);
        if (end == text.c_str() || *end != '\0' || !std::isfinite(v) || v <= 0) {
            return "expected a number of seconds above 0, got '" + text + "'";
        }
        return "";
    },
    "SECONDS");

/// `ttl-export SOURCE.py ...` means `ttl-export export SOURCE.py ...`.
std::vector<std::string> with_default_command(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0].rfind('-', 0) != 0) {
        bool known = false;
        for (const char* c : kCommands) known = known || args[0] == c;
        if (!known) args.insert(args.begin(), "export");
    }
    std::reverse(args.begin(), args.end());  // CLI11 takes a reversed vector
    return args;
}

}  // namespace

static int run_main(int argc, char** argv) {
    // The internal-error path has a test: this variable makes the command throw before it starts.
    if (const char* t = std::getenv("TTL_EXPORT_TEST_THROW"); t != nullptr && *t != '\0') {
        throw std::runtime_error(std::string("TTL_EXPORT_TEST_THROW=") + t);
    }
    if (const char* mb = std::getenv("TTL_EXPORT_MAX_INPUT_MB"); mb != nullptr && *mb != '\0') {
        char* end = nullptr;
        unsigned long long value = std::strtoull(mb, &end, 10);
        if (*end != '\0' || value == 0 || value > (1ull << 20)) {
            std::fprintf(stderr,
                         "error: TTL_EXPORT_MAX_INPUT_MB='%s': expected a whole number of MiB from 1 to "
                         "1048576\n",
                         mb);
            return ttl::to_int(ExitCode::kBadInput);
        }
        ttl::set_max_input_bytes(static_cast<uint64_t>(value) << 20);
    }
    CLI::App app{kDescription, "ttl-export"};
    app.set_version_flag("--version", std::string("ttl-export ") + TTL_EXPORT_VERSION + "\n" + kKnownFormats);
    app.require_subcommand(1);
    app.footer("Run 'ttl-export COMMAND --help' for a command's options.");

    std::string source, package, before, after, dump_path;
    std::vector<std::string> rest;
    bool dump_tokens = false;

    ttl::ExportOptions export_options;
    auto* export_cmd = app.add_subcommand("export",
                                          "export SOURCE.py's kernels into a standalone package (the default command: "
                                          "'ttl-export SOURCE.py ...')");
    export_cmd->add_option("source", export_options.source, "the TT-Lang program (.py)")->required();
    export_cmd->add_option("--from", export_options.from,
                           "the compiler's output: a directory, a '..._runner.py' or a captured log "
                           "(default: /tmp/$USER)");
    export_cmd->add_option("--runner", export_options.runners,
                           "the emitted runner to use: FILE for a one-kernel program, KERNEL=FILE (repeatable) "
                           "for each kernel of a program with several; it must agree with the kernel on every "
                           "fact ttl-export reads");
    export_cmd->add_option("-o,--output", export_options.out,
                           "the package directory (default: ./<source stem>_export)");
    export_cmd->add_option("--kernel", export_options.kernel, "export only this kernel of the source");
    export_cmd->add_flag("--force", export_options.force, "replace the output directory if it exists");
    export_cmd
        ->add_option("--style", export_options.style, "formatting: tt-metal (4 spaces, default) or tt-lang (2 spaces)")
        ->check(CLI::IsMember({"tt-metal", "tt-lang"}));
    export_cmd
        ->add_option("--formatter", export_options.formatter,
                     "builtin (the built-in re-indent, in milliseconds; the default), "
                     "clang-format (tt-metal's .clang-format, ~40 ms a file), or auto "
                     "(clang-format when installed, else builtin)")
        ->check(CLI::IsMember({"auto", "builtin", "clang-format"}));
    export_cmd->add_flag("--explain", export_options.explain, "print every rename with the facts behind it");
    bool compile = false;
    std::string config_path, vm_name;
    double vm_timeout = 0;
    export_cmd->add_flag("--compile", compile,
                         "first run SOURCE.py in the simulator VM as it is, then with the emitting compile, "
                         "and bring the files it wrote into --from (default ./<source stem>_emitted); "
                         "commands from ttl-export.toml");
    export_cmd->add_option("--config", config_path,
                           "the workflow config (default: ./ttl-export.toml, then "
                           "~/.config/ttl-export/ttl-export.toml, else built-in)");
    export_cmd->add_option("--vm", vm_name, "the VM name (overrides the config's vm.name)");
    export_cmd->add_option("--timeout", vm_timeout, "seconds for each VM command (overrides vm.timeout)")
        ->check(kSeconds);
    bool no_html = false;
    export_cmd->add_flag("--no-html", no_html,
                         "do not write EXPORT.html (the TT-Lang source and the kernels side by side, linked line "
                         "to line)");
    std::map<ttl::Rule, bool> no_rule;
    for (const ttl::RewriteRule& rule : ttl::rewrite_rules()) {
        export_cmd->add_flag(std::string("--no-") + rule.name, no_rule[rule.rule],
                             std::string("do not ") + rule.summary);
    }
    auto* check_cmd = app.add_subcommand("check",
                                         "check a package statically before it reaches the device: "
                                         "exit 0 clean, 1 findings, 2 unreadable");
    check_cmd->add_option("package", package, "the package directory (or its run_kernel.py)")->required();
    auto* report_cmd = app.add_subcommand("report",
                                          "render EXPORT.html and EXPORT.md of a package again, from the TT-Lang "
                                          "source and compiler output its EXPORT.md records (they must still be "
                                          "there, unchanged); kernel files changed since are shown as they are and "
                                          "proven again: exit 0, 1 if one is not equivalent, 2 on bad input");
    std::string report_package;
    report_cmd->add_option("package", report_package, "the package directory (or its run_kernel.py)")->required();
    auto* equiv_cmd = app.add_subcommand("equiv",
                                         "prove AFTER.cpp equivalent to BEFORE.cpp: exit 0 "
                                         "equivalent, 1 not, 2 usage or read error");
    equiv_cmd->add_option("before", before, "the compiler's kernel")->required();
    equiv_cmd->add_option("after", after, "the rewritten kernel")->required();
    std::string equiv_runner;
    equiv_cmd->add_option("--runner", equiv_runner,
                          "the runner (an emitted runner or a package's run_kernel.py): compile-time args below its "
                          "circular-buffer count are those CB indices, so `constexpr uint32_t cb = 0;` may stand for "
                          "get_compile_time_arg_val(0) (default: the run_kernel.py of the package AFTER is in)");
    ttl::emu::RunOptions emu_options;
    bool emu_quiet = false;
    auto* run_cmd = app.add_subcommand("run",
                                       "run on the CPU emulator: a package (its run_kernel.py), a runner script, or a "
                                       "PROGRAM.json program description; exit 0 ok, 1 the run failed, 2 bad input");
    std::vector<std::string> run_targets;
    run_cmd
        ->add_option("target", run_targets,
                     "a package directory, a .py runner, or a .json program; with --coverage, directories and "
                     "kernel files")
        ->required();
    bool coverage = false;
    run_cmd->add_flag("--coverage", coverage,
                      "run nothing: list every kernel-API call of the kernels (.cpp) in the targets and whether "
                      "the emulator provides it (exit 0 all provided, 1 some lacking, 2 unreadable)");
    run_cmd->add_option("--cache-dir", emu_options.build.cache_dir,
                        "where built kernels are cached (default: $TTL_EXPORT_CACHE or ~/.cache/ttl-export/kernels)");
    run_cmd->add_option("--compiler", emu_options.build.compiler, "the host C++ compiler (default: $CXX or c++)");
    run_cmd->add_option("--timeout", emu_options.timeout_seconds, "stop a run after this many seconds (default 600)")
        ->check(kSeconds);
    run_cmd->add_flag("-q,--quiet", emu_quiet, "do not print the build and run summary");
    bool sandbox = false;
    run_cmd->add_flag("--sandbox", sandbox,
                      "run inside bubblewrap: read-only file system except the package (or program) folder and "
                      "the kernel cache (TMPDIR inside it), no network (the kernels and run_kernel.py are the "
                      "package author's code)");
    std::string python;
    run_cmd->add_option("--python", python,
                        "the Python interpreter for a package or runner (default: $TTL_EXPORT_PYTHON, else "
                        "/usr/bin/python3, which has Debian's python3-torch, else python3)");
    bool verify_local = false, verify_emulator = false;
    auto* verify_cmd =
        app.add_subcommand("verify",
                           "run a package's run_kernel.py on the simulator VM (default), this machine (--local) or "
                           "the emulator (--emulator) and report PASS/FAIL: exit 0 pass, 1 fail, 2 bad input");
    verify_cmd->add_option("package", package, "the package directory")->required();
    verify_cmd->add_flag("--local", verify_local, "run with the local Python (a machine with a device)");
    verify_cmd->add_flag("--emulator", verify_emulator,
                         "run on the CPU emulator twice, with the exported kernels and with the compiler's recorded "
                         "in EXPORT.md (when still there), on the same seeded inputs: PASS when every tensor is "
                         "bit-identical (without the compiler's output, the package runs alone)");
    verify_cmd->add_flag("--sandbox", sandbox, "with --emulator: run inside bubblewrap, as 'run --sandbox' does");
    verify_cmd->add_option("--cache-dir", emu_options.build.cache_dir,
                           "with --emulator: where built kernels are cached, as for 'run'");
    verify_cmd->add_option("--config", config_path,
                           "the workflow config (default: ./ttl-export.toml, then "
                           "~/.config/ttl-export/ttl-export.toml, else built-in)");
    verify_cmd->add_option("--vm", vm_name, "the VM name (overrides the config's vm.name)");
    verify_cmd
        ->add_option("--timeout", vm_timeout,
                     "seconds for each command (overrides vm.timeout); with --emulator, for the whole run")
        ->check(kSeconds);
    auto* dump_cmd = app.add_subcommand("dump",
                                        "print the reader's model of one emitted kernel (.cpp) or "
                                        "Python file (.py), for developers");
    dump_cmd->add_option("file", dump_path, "an emitted kernel (.cpp) or a Python file (.py)")->required();
    dump_cmd->add_flag("--tokens", dump_tokens, "C++: print the tokens; Python: print the plain Python model");
    std::string dump_from;
    dump_cmd->add_option(
        "--from", dump_from,
        "with a TT-Lang source: find its compiler output here (directory, runner or log) and "
        "print the pairing of kernels and runners (every fact, every candidate), how each thread binds "
        "to the source and the names chosen");

    try {
        app.parse(with_default_command(argc, argv));
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : ttl::to_int(ExitCode::kBadInput);
    }
    if (*export_cmd) {
        // A large export runs faster on huge pages (see rerun_with_huge_pages); a small one
        // would only pay for starting again. Not after --compile, which must run once.
        if (!compile && ttl::holds_cpp_bytes(export_options.from, kHugePageInput)) {
            ttl::rerun_with_huge_pages(argv, ttl::start_runner_check_early);
            ttl::take_over_python_check();  // the check the run before the exec started (or this one, if none)
        }
        export_options.html = !no_html;
        for (const auto& [rule, off] : no_rule) {
            if (off) export_options.disabled.add(rule);
        }
        if (compile) {
            ttl::Diagnostics output_check;
            if (!ttl::plan_export_output(export_options, output_check)) return print_diagnostics(output_check);
            auto config = load_workflow_config(config_path, vm_name, vm_timeout);
            if (!config) return ttl::to_int(ExitCode::kBadInput);
            if (export_options.from.empty()) {
                export_options.from = std::filesystem::path(export_options.source).stem().string() + "_emitted";
            }
            ttl::workflow::Remote remote(*config);
            std::string error;
            bool ok = ttl::workflow::compile_in_vm(export_options.source, export_options.from, remote, error);
            std::fputs(remote.transcript_text().c_str(), stderr);
            if (!ok) {
                std::fprintf(stderr, "error: %s\n", error.c_str());
                return failure_code(remote);
            }
        }
        return run_export(export_options);
    }
    if (*equiv_cmd) return run_equiv(before, after, equiv_runner);
    if (*report_cmd) {
        ttl::Diagnostics diagnostics;
        auto summary = ttl::run_report(report_package, diagnostics);
        std::fputs(diagnostics.render_all().c_str(), stderr);
        if (!summary) return ttl::to_int(ExitCode::kBadInput);
        std::fputs(ttl::render_report_summary(*summary).c_str(), stdout);
        return ttl::to_int(summary->unproven.empty() ? ExitCode::kOk : ExitCode::kFindings);
    }
    if (*check_cmd) return run_check(package);
    if (*dump_cmd) return dump_from.empty() ? run_dump(dump_path, dump_tokens) : run_explain(dump_path, dump_from);
    if (*run_cmd) {
        if (coverage) return run_coverage(run_targets, emu_options.build.compiler);
        if (run_targets.size() != 1) {
            std::fprintf(stderr, "error: 'run' takes one target (a package, a .py runner or a .json program)\n");
            return ttl::to_int(ExitCode::kBadInput);
        }
        package = run_targets[0];
        if (sandbox && std::getenv(ttl::kSandboxedVariable) == nullptr) {
            return rerun_sandboxed(argc, argv, package, emu_options.build.cache_dir);
        }
        if (package.size() > 5 && package.substr(package.size() - 5) == ".json") {
            return run_program_file(package, emu_options, emu_quiet);
        }
        return run_package(package, emu_options, python);
    }
    if (*verify_cmd) {
        if (sandbox && !verify_emulator) {
            std::fprintf(stderr, "error: '--sandbox' applies to '--emulator' runs only (the VM is its own sandbox)\n");
            return ttl::to_int(ExitCode::kBadInput);
        }
        if (sandbox && std::getenv(ttl::kSandboxedVariable) == nullptr) {
            return rerun_sandboxed(argc, argv, package, emu_options.build.cache_dir);
        }
        return run_verify(package, verify_local, verify_emulator, config_path, vm_name, vm_timeout, emu_options);
    }
    return ttl::to_int(ExitCode::kInternal);
}

int main(int argc, char** argv) {
    ttl::restore_tunables();
    ttl::configure_heap();
    // Every exception that reaches here is a bug of ours: say so, with its message, and exit 4.
    try {
        return run_main(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ttl-export: internal error: %s (please report this with the command line)\n", e.what());
    } catch (...) {
        std::fprintf(stderr,
                     "ttl-export: internal error: an unknown exception (please report this with the command "
                     "line)\n");
    }
    return ttl::to_int(ExitCode::kInternal);
}
