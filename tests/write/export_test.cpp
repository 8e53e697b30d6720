// The export command end to end: golden packages for every example (byte for byte), a
// runner that is valid Python, determinism, and every error with its exact message and no
// partial output left behind.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "pipeline_util.h"
#include "rewrite/clang_format.h"
#include "support/python_check.h"
#include "test_util.h"
#include "write/export.h"
#include "write/report_writer.h"
#include "write/runner_writer.h"

namespace ttl {
namespace {

namespace fs = std::filesystem;

using Result = test::ToolResult;

Result run(const std::string& args, const std::string& cwd = "") {
    return test::run_tool(args, cwd);
}

TEST(Export, GoldenPackagesForEveryExample) {
    for (const test::ExampleDirs& ex : test::examples()) {
        SCOPED_TRACE(ex.source);
        test::TempDir dir;
        Diagnostics d;
        ExportOptions options;
        options.source = ex.source;  // relative: the test runs in the source tree
        options.from = ex.emitted;
        options.out = dir / "pkg";
        options.formatter = "builtin";  // goldens do not depend on the machine's clang-format
        auto summary = run_export(options, d);
        ASSERT_TRUE(summary) << d.render_all();
        for (const std::string& f : summary->files) {
            // EXPORT.html is a golden for two examples (one per dialect of comments); for the
            // others only its presence is checked here (and its behaviour by the browser test).
            if (f == "EXPORT.html" && ex.name() != "eltwise_add" && ex.name() != "gated_exp") continue;
            std::string golden =
                test::source_path("tests/golden/package/" + ex.name() + "/" + f);
            test::expect_golden(golden, test::read_file(dir / ("pkg/" + f)));
        }
        EXPECT_NE(std::find(summary->files.begin(), summary->files.end(), "EXPORT.html"), summary->files.end());
        // The runner is valid Python, formatted as Black formats it.
        std::string compile = "python3 -m py_compile '" + (dir / "pkg/run_kernel.py") + "' 2>&1";
        EXPECT_EQ(std::system(compile.c_str()), 0) << compile;
        // No undefined name (Debian's python3-pyflakes, installed by scripts/deps).
        std::string flakes = "/usr/bin/python3 -m pyflakes '" + (dir / "pkg/run_kernel.py") + "' 2>&1";
        EXPECT_EQ(std::system(flakes.c_str()), 0) << flakes;
        std::string black = "black --check --quiet '" + (dir / "pkg/run_kernel.py") + "' 2>&1";
        EXPECT_EQ(std::system(black.c_str()), 0)
            << black << " (install Debian's 'black': scripts/deps does)";
    }
}

TEST(Export, TwoExportsAreByteIdentical) {
    test::TempDir dir;
    for (const char* out : {"a", "b"}) {
        Result r =
            run("examples/eltwise_add/add.py --from examples/eltwise_add/emitted --formatter "
                "builtin -o " +
                    (dir / out),
                test::source_dir());
        ASSERT_EQ(r.status, 0) << r.output;
    }
    for (const char* f : {"kernels/compute.cpp", "kernels/reader.cpp", "kernels/writer.cpp",
                          "run_kernel.py", "EXPORT.md", "EXPORT.html"}) {
        EXPECT_EQ(test::read_file(dir / (std::string("a/") + f)),
                  test::read_file(dir / (std::string("b/") + f)))
            << f;
    }
}

TEST(Export, TheBuildIsHandedOverWhenAskedFor) {
    test::TempDir dir;
    Diagnostics d;
    ExportOptions options;
    options.source = test::source_path("examples/eltwise_add/add.py");
    options.from = test::source_path("examples/eltwise_add/emitted");
    options.out = dir / "pkg";
    std::unique_ptr<ExportBuild> kept;
    auto summary = run_export(options, d, &kept);
    ASSERT_TRUE(summary) << d.render_all();
    ASSERT_NE(kept, nullptr);
    ASSERT_EQ(kept->program.kernels.size(), 1U);
    // What it holds is what was written.
    EXPECT_EQ(kept->runner.text, test::read_file(dir / "pkg/run_kernel.py"));
    for (const ExportedThread& t : kept->program.kernels[0].threads) {
        EXPECT_EQ(t.kernel.text, test::read_file(dir / ("pkg/" + t.file))) << t.file;
    }
}

/// The export of an example (its folder under examples/ and its program there), in memory.
std::unique_ptr<ExportBuild> build_example(const std::string& example, const std::string& program) {
    Diagnostics d;
    ExportOptions options;
    options.source = test::source_path("examples/" + example + "/" + program);
    options.from = test::source_path("examples/" + example + "/emitted");
    auto build = build_export(options, d);
    EXPECT_NE(build, nullptr) << d.render_all();
    return build;
}

TEST(Export, ABarInAReasonIsEscapedInEXPORTmd) {
    auto build = build_example("eltwise_add", "add.py");
    ASSERT_NE(build, nullptr);
    ExportedThread& t = build->program.kernels[0].threads[0];
    ASSERT_FALSE(t.naming.renames.empty());
    Rename& r = t.naming.renames[0];
    r.reason = "a | b || c|";
    std::string md = write_report(build->program, build->runner, {});
    std::string row = "| `" + r.old_name + "` | `" + r.new_name + "` | ";
    size_t at = md.find(row);
    ASSERT_NE(at, std::string::npos) << md;
    EXPECT_EQ(md.substr(at, md.find('\n', at) - at), row + name_source_name(r.source) + " | a \\| b \\|\\| c\\| |");
}

TEST(Export, EachFilesSectionOfEXPORTmdIsMadeAheadAsItWouldBeAtTheEnd) {
    auto build = build_example("two_kernels", "two_kernels.py");
    ASSERT_NE(build, nullptr);
    std::vector<const ExportedThread*> threads;
    for (const ExportedKernel& k : build->program.kernels) {
        for (const ExportedThread& t : k.threads) threads.push_back(&t);
    }
    ASSERT_EQ(build->report_sections.size(), threads.size());
    ASSERT_GE(threads.size(), 6U);  // two kernels of three threads
    for (size_t i = 0; i < threads.size(); ++i) EXPECT_EQ(build->report_sections[i], thread_report(*threads[i]));
    std::string made_here = write_report(build->program, build->runner, {"EXPORT.md"});
    EXPECT_EQ(write_report(build->program, build->runner, {"EXPORT.md"}, build->report_sections), made_here);
    // A section given is the one written, in its file's place; an empty one is made there.
    std::vector<std::string> sections = build->report_sections;
    sections[1] = "### the second file's section\n\n";
    sections[2].clear();
    std::string md = write_report(build->program, build->runner, {"EXPORT.md"}, sections);
    size_t first = md.find(build->report_sections[0]), second = md.find(sections[1]),
           third = md.find(build->report_sections[2]);
    ASSERT_NE(first, std::string::npos);
    ASSERT_NE(second, std::string::npos);
    ASSERT_NE(third, std::string::npos);
    EXPECT_LT(first, second);
    EXPECT_LT(second, third);
    EXPECT_EQ(md.find(build->report_sections[1]), std::string::npos);
}

TEST(Export, SummaryAndDefaultOutput) {
    test::TempDir dir;
    fs::copy(test::source_path("examples/eltwise_add"), dir / "add", fs::copy_options::recursive);
    Result r = run("add/add.py --from add/emitted", dir.path());
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(
        r.output,
        "exported 1 kernel (3 threads) to ./add_export/\n"
        "  EXPORT.html\n  EXPORT.md\n  kernels/compute.cpp\n  kernels/reader.cpp\n  kernels/writer.cpp\n  "
        "run_kernel.py\n"
        "39 identifiers renamed, 2 redundant casts and 2 cast temporaries removed, 15 constants "
        "made "
        "constexpr (7 split by role), 0 rules rolled back; every kernel proven equivalent to the "
        "compiler's\n");
    EXPECT_TRUE(fs::exists(dir / "add_export/kernels/reader.cpp"));
    // An existing output is refused without --force, and nothing is touched.
    Result again = run("add/add.py --from add/emitted", dir.path());
    EXPECT_EQ(again.status, 2);
    EXPECT_EQ(
        again.output,
        "./add_export: error: the output directory already exists; pass '--force' to replace it "
        "(nothing was written)\n");
    // --force refuses a package the user added a file to, and touches nothing.
    test::write_file(dir / "add_export/mine.txt", "keep me");
    Result refused = run("add/add.py --from add/emitted --force --no-rename", dir.path());
    EXPECT_EQ(refused.status, 2) << refused.output;
    EXPECT_NE(refused.output.find("holds 'mine.txt' that its EXPORT.md does not list"), std::string::npos)
        << refused.output;
    EXPECT_EQ(test::read_file(dir / "add_export/mine.txt"), "keep me");
    fs::remove(dir / "add_export/mine.txt");
    Result forced = run("add/add.py --from add/emitted --force --no-rename --explain", dir.path());
    EXPECT_EQ(forced.status, 0) << forced.output;
    EXPECT_NE(forced.output.find("add_kernel / read_inputs (kernels/reader.cpp):\n"),
              std::string::npos)
        << forced.output;
    EXPECT_NE(test::read_file(dir / "add_export/kernels/reader.cpp")
                  .find("int32_t v8 = get_common_arg_val"),
              std::string::npos);
    for (const auto& entry : fs::directory_iterator(dir.path())) {
        EXPECT_EQ(entry.path().filename().string().find(".ttl-export-"), std::string::npos)
            << "left behind: " << entry.path();
    }
}

TEST(Export, ASourceWithoutMainGetsAMainThatSaysWhatToFillIn) {
    test::TempDir dir;
    std::string source = test::read_file(test::source_path("examples/eltwise_add/add.py"));
    source = source.substr(0, source.find("def main():"));
    test::write_file(dir / "add.py", source);
    Result r = run((dir / "add.py") + " --from examples/eltwise_add/emitted -o " + (dir / "out"),
                   test::source_dir());
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("run_kernel.py: warning: run_kernel.py has no working main(): the TT-Lang program has "
                            "no main(), test or `if __name__ == '__main__'` block that calls its kernels; fill it "
                            "in before running\n"),
              std::string::npos)
        << r.output;
    std::string runner = test::read_file(dir / "out/run_kernel.py");
    EXPECT_NE(runner.find("print(\"FAIL: fill in main() in run_kernel.py: run_add_kernel(lhs, rhs, "
                          "out) with tiled "
                          "tensors lhs, rhs, out on the device; (the TT-Lang program has no main(), test or "
                          "`if __name__ == '__main__'` block that calls its kernels)\")"),
              std::string::npos)
        << runner;
    EXPECT_NE(test::read_file(dir / "out/EXPORT.md").find("- run_kernel.py has no working main()"),
              std::string::npos);
}

TEST(Export, OnlyARunnerThatCarriesTheProgramsCodeIsLinted) {
    // Undefined names can only come from carried code: the template alone (no main, nothing
    // carried) is compiled, not linted. That it needs no lint is checked here, with pyflakes.
    test::TempDir dir;
    std::string source = test::read_file(test::source_path("examples/eltwise_add/add.py"));
    test::write_file(dir / "add.py", source.substr(0, source.find("def main():")));
    auto runner_of = [](const std::string& path) {
        Diagnostics d;
        ExportOptions options;
        options.source = path;
        options.from = test::source_path("examples/eltwise_add/emitted");
        auto build = build_export(options, d);
        EXPECT_NE(build, nullptr) << d.render_all();
        return build ? build->runner : RunnerText{};
    };
    RunnerText bare = runner_of(dir / "add.py");
    EXPECT_FALSE(bare.carries_source);
    PythonCheck lint = check_python("run_kernel.py", bare.text);
    ASSERT_TRUE(lint.pyflakes) << lint.note;
    EXPECT_TRUE(lint.problems.empty()) << lint.problems[0].message;
    EXPECT_TRUE(runner_of(test::source_path("examples/eltwise_add/add.py")).carries_source);  // its main()
}

TEST(Export, AnEntryPointThatCallsWhatKernelLeavesOutIsReplacedNotCarried) {
    // shared_names' main() runs both kernels; with --kernel double_it it is left out, and so is
    // the `if __name__ == "__main__"` block that calls it (carried, it would stop with a NameError).
    test::TempDir dir;
    Result r = run("examples/shared_names/shared_names.py --from examples/shared_names/emitted --kernel double_it -o " +
                       (dir / "out"),
                   test::source_dir());
    EXPECT_EQ(r.status, 0) << r.output;
    const std::string why =
        "its `if __name__ == '__main__'` block calls `main`, which is left out (uses `add_bias`, a kernel that "
        "is not exported)";
    EXPECT_NE(r.output.find("run_kernel.py: warning: run_kernel.py has no working main(): " + why +
                            "; fill it in before running\n"),
              std::string::npos)
        << r.output;
    EXPECT_EQ(r.output.find("undefined name"), std::string::npos) << r.output;
    std::string runner = test::read_file(dir / "out/run_kernel.py");
    EXPECT_EQ(runner.find("raise SystemExit(main())"), std::string::npos) << runner;
    EXPECT_NE(runner.find("run_double_it(x, y) with tiled tensors x, y on the device; (" + why + ")"),
              std::string::npos)
        << runner;
    EXPECT_NE(test::read_file(dir / "out/EXPORT.md").find("`if __name__ == \"__main__\":` — uses `main`, which is "
                                                          "left out"),
              std::string::npos);
}

/// eltwise_add with `line` first in its main() (carried into the runner), exported to dir/out.
Result export_with_main_line(const test::TempDir& dir, const std::string& line) {
    std::string source = test::read_file(test::source_path("examples/eltwise_add/add.py"));
    source.replace(source.find("def main():"), 11, "def main():\n    " + line);
    test::write_file(dir / "add.py", source);
    return run((dir / "add.py") + " --from examples/eltwise_add/emitted -o " + (dir / "out"), test::source_dir());
}

TEST(Export, ARunnerPythonWouldRefuseIsNeverWritten) {
    // A program whose carried code Python rejects once it is moved into the runner: a
    // `nonlocal` at module level inside a helper that our tolerant reader takes as text.
    test::TempDir dir;
    Result r = export_with_main_line(dir, "nonlocal shape");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("error: the runner would not compile with Python: run_kernel.py line"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("nonlocal shape"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("carried over from " + (dir / "add.py") + ":"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(Export, AnUndefinedNameInTheRunnerIsAWarningInEveryReport) {
    // main() carried into the runner uses a name nothing defines: pyflakes finds it once the
    // runner is written, after the reports were first rendered; EXPORT.md must still list it.
    test::TempDir dir;
    Result r = export_with_main_line(dir, "print(no_such_helper)");
    EXPECT_EQ(r.status, 0) << r.output;
    const std::string warning = "the runner would stop with an undefined name: run_kernel.py line";
    EXPECT_NE(r.output.find(warning), std::string::npos) << r.output;
    std::string md = test::read_file(dir / "out/EXPORT.md");
    EXPECT_NE(md.find("- " + warning), std::string::npos) << md;
    EXPECT_NE(md.find("no_such_helper"), std::string::npos) << md;
}

TEST(Export, ClangFormatWhenInstalled) {
    // scripts/deps installs clang-format; its output must validate like the built-in one.
    ASSERT_FALSE(find_clang_format().empty())
        << "clang-format is not installed (scripts/deps installs it)";
    test::TempDir dir;
    for (const test::ExampleDirs& ex : test::examples()) {
        Result r = run(std::string(ex.source) + " --from " + ex.emitted +
                           " --formatter clang-format -o " + (dir / ex.name()),
                       test::source_dir());
        ASSERT_EQ(r.status, 0) << r.output;
        EXPECT_NE(r.output.find(", 0 rules rolled back;"), std::string::npos) << r.output;
        for (const std::string& f :
             test::list_files(dir / (ex.name() + "/kernels"), ".cpp")) {
            std::string text = test::read_file(f);
            size_t pos = 0;
            while (pos < text.size()) {
                size_t nl = text.find('\n', pos);
                size_t len = (nl == std::string::npos ? text.size() : nl) - pos;
                std::string line = text.substr(pos, len);
                bool comment = line.find("//") != std::string::npos;
                EXPECT_TRUE(len <= 120 || comment) << f << ": " << line;
                pos = nl == std::string::npos ? text.size() : nl + 1;
            }
        }
    }
}

TEST(Export, Errors) {
    test::TempDir dir;
    auto expect = [&](const std::string& args, const std::string& message) {
        Result r = run(args + " -o " + (dir / "out"), test::source_dir());
        EXPECT_EQ(r.status, 2) << args << "\n" << r.output;
        EXPECT_EQ(r.output, message) << args;
        EXPECT_FALSE(fs::exists(dir / "out")) << "partial output for: " << args;
    };
    expect("missing.py", "missing.py: error: cannot read: No such file or directory\n");
    test::write_file(dir / "bad.py", "import ttl\n@ttl.kernel(grid=(1, 1)\ndef k(a):\n    pass\n");
    expect(dir / "bad.py",
           (dir / "bad.py") +
               ":2:12: error: '(' was never closed\n@ttl.kernel(grid=(1, 1)\n           ^\n");
    expect("examples/eltwise_add/add.py --from examples/matmul/emitted",
           "error: no runner for kernel 'add_kernel' in 'examples/matmul/emitted': expected a "
           "'*_runner.py' whose "
           "'KERNEL_PATHS' name the threads 'add_compute', 'read_inputs', 'write_output' (run the "
           "program with "
           "TTLANG_EMIT_RUNNER=1, or pass '--from DIR|RUNNER|LOG')\n"
           "  'examples/matmul/emitted/ttlang_kernel_mm_compute_b7b9bf49_runner.py' names "
           "'mm_compute', 'mm_read', 'mm_write'\n");
    // Identical stale copies of one emission: the newest is used, with a warning.
    fs::copy(test::source_path("examples/eltwise_add/emitted"), dir / "amb");
    fs::copy_file(dir / "amb/ttlang_kernel_add_compute_35170be0_runner.py",
                  dir / "amb/ttlang_kernel_add_compute_00000000_runner.py");
    Result amb = run("examples/eltwise_add/add.py --from " + (dir / "amb") + " -o " + (dir / "amb_out"),
                     test::source_dir());
    EXPECT_EQ(amb.status, 0) << amb.output;
    EXPECT_NE(amb.output.find("warning: 2 identical emissions of kernel 'add_kernel' in '" + (dir / "amb") +
                              "' (stale copies); the newest is used"),
              std::string::npos)
        << amb.output;
    // Runner/source mismatches: thread names, tensor count, CB count.
    expect(
        "examples/eltwise_add/add.py --from "
        "examples/matmul/emitted/ttlang_kernel_mm_compute_b7b9bf49_runner.py",
        "examples/matmul/emitted/ttlang_kernel_mm_compute_b7b9bf49_runner.py: error: runner does "
        "not match kernel "
        "'add_kernel': its 'KERNEL_PATHS' name the threads 'mm_compute', 'mm_read', 'mm_write', "
        "the source defines "
        "'add_compute', 'read_inputs', 'write_output'\n");
    fs::copy(test::source_path("examples/eltwise_add/emitted"), dir / "mis");
    std::string runner_path = dir / "mis/ttlang_kernel_add_compute_35170be0_runner.py";
    std::string runner = test::read_file(runner_path);
    test::write_file(runner_path, runner.substr(0, runner.find("NUM_TENSORS = 3")) +
                                      "NUM_TENSORS = 4" +
                                      runner.substr(runner.find("NUM_TENSORS = 3") + 15));
    expect("examples/eltwise_add/add.py --from " + (dir / "mis"),
           "error: no emission in '" + (dir / "mis") +
               "' is kernel 'add_kernel': each runner that names its threads disagrees with the source:\n  " +
               runner_path + ": tensor count: the runner passes 4 tensors, the kernel takes 3 ('lhs', 'rhs', "
                             "'out')\n");
    std::string cb2 = "    ((1, 1), 2, ttnn.bfloat16, 2048, 4096),  # CB 2\n";
    test::write_file(runner_path, runner.substr(0, runner.find(cb2)) +
                                      runner.substr(runner.find(cb2) + cb2.size()));
    expect("examples/eltwise_add/add.py --from " + (dir / "mis"),
           "error: no emission in '" + (dir / "mis") +
               "' is kernel 'add_kernel': each runner that names its threads disagrees with the source:\n  " +
               runner_path + ": circular buffer count: the runner describes 2, the kernel creates 3\n");
    // The same runner given explicitly: an error with the evidence, never a warning.
    expect("examples/eltwise_add/add.py --from " + (dir / "mis") + " --runner " + runner_path,
           runner_path + ": error: runner does not belong to kernel 'add_kernel': circular buffer count: the "
                         "runner describes 2, the kernel creates 3 (this export would run another kernel's code; "
                         "pass the runner of 'add_kernel')\n");
    // An unreadable kernel.
    test::write_file(runner_path, runner);
    std::string reader = dir / "mis/ttlang_kernel_read_inputs_b0a2efc8.cpp";
    test::write_file(reader, "// read_inputs\nvoid kernel_main() {\n  f(;\n");
    Result unreadable =
        run("examples/eltwise_add/add.py --from " + (dir / "mis") + " -o " + (dir / "out"),
            test::source_dir());
    EXPECT_EQ(unreadable.status, 2);
    EXPECT_NE(
        unreadable.output.find(
            reader + ":3:4: error: '(' is never closed: expected ')' before the end of the file\n"),
        std::string::npos)
        << unreadable.output;
    EXPECT_NE(
        unreadable.output.find(
            reader + ": error: cannot read the emitted kernel of thread 'read_inputs' (see above); "
                     "nothing was written\n"),
        std::string::npos)
        << unreadable.output;
    EXPECT_FALSE(fs::exists(dir / "out"));
    // An unsupported runner feature.
    std::string r3 =
        test::read_file(test::source_path("tests/fixtures/runners/r3_pipes_runner.py"));
    test::write_file(dir / "r3/ttlang_kernel_relu_compute_5d0c2a91_runner.py", r3);
    expect("examples/relu/test_relu.py --from " +
               (dir / "r3/ttlang_kernel_relu_compute_5d0c2a91_runner.py"),
           (dir / "r3/ttlang_kernel_relu_compute_5d0c2a91_runner.py") +
               ":15:1: error: the program uses pipes ('NUM_PIPE_SYNC_SEMAPHORES' is set), which a "
               "standalone runner "
               "cannot express; ttl-export exports only programs whose runner needs nothing beyond "
               "ttnn.generic_op\n"
               "NUM_PIPE_SYNC_SEMAPHORES = 2\n^\n");
    // A bad style.
    Result style = run("examples/eltwise_add/add.py --style gnu", test::source_dir());
    EXPECT_EQ(style.status, 2);
    EXPECT_NE(style.output.find("--style: gnu not in {tt-metal,tt-lang}"), std::string::npos)
        << style.output;
}

}  // namespace
}  // namespace ttl
