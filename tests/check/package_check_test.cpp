// `ttl-export check`: every example package checks clean; a package broken the ways users break
// them gets the exact diagnostic, at the cause, with a fix.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "pipeline_util.h"
#include "test_util.h"

namespace ttl {
namespace {

namespace fs = std::filesystem;

using Result = test::ToolResult;

Result run(const std::string& args) {
    return test::run_tool(args, test::source_dir());
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

/// A fresh export of the element-wise add example, to break.
class CheckTest : public ::testing::Test {
  protected:
    void SetUp() override {
        Result r =
            run("examples/eltwise_add/add.py --from examples/eltwise_add/emitted --formatter "
                "builtin -o " +
                pkg());
        ASSERT_EQ(r.status, 0) << r.output;
    }
    std::string pkg() const { return dir_ / "pkg"; }
    std::string file(const std::string& rel) const { return pkg() + "/" + rel; }
    void edit(const std::string& rel, const std::string& from, const std::string& to) {
        test::write_file(file(rel), replace(test::read_file(file(rel)), from, to));
    }
    Result check() { return run("check " + pkg()); }
    /// ":line:col:" of the first occurrence of `needle` in a package file (1-based, as diagnostics
    /// print it).
    std::string where(const std::string& rel, const std::string& needle) const {
        std::string text = test::read_file(file(rel));
        std::size_t at = text.find(needle);
        EXPECT_NE(at, std::string::npos) << needle;
        if (at == std::string::npos) return "?";
        std::size_t line_start = text.rfind('\n', at) + 1;
        long line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
        return ":" + std::to_string(line) + ":" + std::to_string(at - line_start + 1) + ":";
    }
    test::TempDir dir_;
};

TEST(Check, EveryExamplePackageIsClean) {
    test::TempDir dir;
    for (const test::ExampleDirs& ex : test::examples()) {
        std::string out = dir / fs::path(ex.source).stem().string();
        Result e = run(std::string(ex.source) + " --from " + ex.emitted + " -o " + out);
        ASSERT_EQ(e.status, 0) << e.output;
        Result c = run("check " + out);
        EXPECT_EQ(c.status, 0) << c.output;
        EXPECT_EQ(
            c.output,
            out +
                ": consistent (kernel files, circular buffers, compile-time and runtime arguments, "
                "grid, "
                "producers and consumers)\n" +
                std::to_string(test::list_files(ex.emitted, ".cpp").size()) +
                " kernels proven equivalent to the compiler's output recorded in EXPORT.md\n");
    }
}

TEST_F(CheckTest, ACircularBufferIndexWithNoDescriptor) {
    edit("kernels/reader.cpp", "cb_reserve_back(rhs_cb, num_tiles);",
         "cb_reserve_back(get_compile_time_arg_val(5), num_tiles);");
    Result r = check();
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.output.substr(0, r.output.find('\n', r.output.find('^'))),
              file("kernels/reader.cpp") +
                  ":25:29: error: the kernel uses circular buffer 5, but the runner describes no "
                  "circular buffer with index 5 (fix: add index 5 to ADD_KERNEL_CIRCULAR_BUFFERS, "
                  "or correct the index in the kernel)\n"
                  "            cb_reserve_back(get_compile_time_arg_val(5), num_tiles);\n"
                  "                            ^");
}

TEST_F(CheckTest, TensorsInTheWrongOrder) {
    edit("run_kernel.py", "(\"reader\", \"reader.cpp\", [\"lhs\", \"rhs\"])",
         "(\"reader\", \"reader.cpp\", [\"rhs\", \"lhs\"])");
    Result r = check();
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(
        r.output,
        file("run_kernel.py") +
            ":32:5: error: tensors are passed in the wrong order: common runtime argument 0 of "
            "reader.cpp is 'rhs', but the kernel reads it with the accessor of tensor 0 ('lhs') "
            "(fix: pass 'lhs' as argument 0 of reader.cpp)\n"
            "    (\"reader\", \"reader.cpp\", [\"rhs\", \"lhs\"]),\n    ^\n" +
            file("run_kernel.py") +
            ":32:5: error: tensors are passed in the wrong order: common runtime argument 1 of "
            "reader.cpp is 'lhs', but the kernel reads it with the accessor of tensor 1 ('rhs') "
            "(fix: pass 'rhs' as argument 1 of reader.cpp)\n"
            "    (\"reader\", \"reader.cpp\", [\"rhs\", \"lhs\"]),\n    ^\n"
            "2 findings in " +
            pkg() + "\n");
}

TEST_F(CheckTest, AGridOtherThanTheSourceAskedFor) {
    edit("run_kernel.py", "ADD_KERNEL_GRID = (1, 1)", "ADD_KERNEL_GRID = (2, 1)");
    Result r = check();
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.output,
              file("run_kernel.py") +
                  ":18:1: error: the grid is (2, 1) but the TT-Lang source asks for grid=(1, 1) "
                  "(fix: set ADD_KERNEL_GRID = (1, 1))\nADD_KERNEL_GRID = (2, 1)\n^\n"
                  "1 finding in " +
                  pkg() + "\n");
}

TEST_F(CheckTest, CompileTimeArgumentsInAnotherOrder) {
    edit("run_kernel.py", "compile_time_args = cb_indices + accessor_args",
         "compile_time_args = accessor_args + cb_indices");
    Result r = check();
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(
        r.output.find("error: the compile-time arguments are not the circular-buffer indices "
                      "followed by every "
                      "tensor's accessor arguments, the order the kernels read them in (fix: "
                      "compute kernels: "
                      "compile_time_args = cb_indices; data movement: cb_indices + accessor_args)"),
        std::string::npos)
        << r.output;
    // The same mistake made through the table: one CB index too many before the accessor args.
    edit("run_kernel.py", "compile_time_args = accessor_args + cb_indices",
         "compile_time_args = cb_indices + accessor_args");
    edit("run_kernel.py", "ADD_KERNEL_NUM_CB_INDICES = 3", "ADD_KERNEL_NUM_CB_INDICES = 4");
    Result table = check();
    EXPECT_EQ(table.status, 1);
    // The finding points at the first accessor declaration in the reader, wherever the formatter
    // put it.
    std::string reader = test::read_file(file("kernels/reader.cpp"));
    std::size_t at = reader.find("TensorAccessorArgs<");
    ASSERT_NE(at, std::string::npos);
    std::size_t line_start = reader.rfind('\n', at) + 1;
    std::string where =
        ":" +
        std::to_string(1 +
                       std::count(reader.begin(), reader.begin() + static_cast<long>(at), '\n')) +
        ":" + std::to_string(at - line_start + 1) + ":";
    EXPECT_NE(table.output.find(file("kernels/reader.cpp") + where +
                                " error: the kernel expects 3 circular-buffer indices "
                                "before the tensor accessor arguments, but the runner passes 4: "
                                "the compile-time arguments are in another order"),
              std::string::npos)
        << table.output;
}

TEST_F(CheckTest, KernelsFolderMoved) {
    fs::rename(file("kernels"), file("src"));
    Result r = check();
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(
        r.output.find(file("run_kernel.py") +
                      ":32:5: error: kernel file 'reader.cpp' does not exist where the runner "
                      "looks for it ('" +
                      file("kernels/reader.cpp") +
                      "') (fix: keep the kernels "
                      "folder beside run_kernel.py, or correct the file name)"),
        std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("3 findings in " + pkg()), std::string::npos);
    // Paths that depend on the working directory are flagged too.
    fs::rename(file("src"), file("kernels"));
    edit("run_kernel.py", "KERNEL_DIR = Path(__file__).resolve().parent / \"kernels\"",
         "KERNEL_DIR = Path(\"kernels\")");
    Result cwd = check();
    EXPECT_NE(
        cwd.output.find("error: kernel paths do not come from the runner's own location: they "
                        "resolve against the "
                        "working directory, which breaks when the package is copied (to the VM)"),
        std::string::npos)
        << cwd.output;
}

TEST_F(CheckTest, ADeletedPushIsADeadlock) {
    edit("kernels/compute.cpp", "            cb_push_back(out_cb, num_tiles);\n", "");
    Result r = check();
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.output.find(file("kernels/writer.cpp") +
                            ":23:13: error: writer.cpp waits on 'out_cb' (CB 2), but no thread "
                            "pushes it: the kernel deadlocks on the device (fix: restore the "
                            "producer's push_back, or remove the wait)"),
              std::string::npos)
        << r.output;
    // The hand edit also changes the kernel's meaning against the compiler's output.
    EXPECT_NE(r.output.find("error: the kernel no longer matches the compiler's output"),
              std::string::npos)
        << r.output;
}

TEST_F(CheckTest, CountsPerBlockMustAgree) {
    edit("kernels/writer.cpp", "cb_wait_front(out_cb, num_tiles);", "cb_wait_front(out_cb, 2);");
    Result r = check();
    EXPECT_NE(r.output.find("error: writer.cpp waits for 2 tiles of 'out_cb' (CB 2) at a time, but "
                            "compute.cpp pushes 1"),
              std::string::npos)
        << r.output;
}

TEST_F(CheckTest, RenamesAreNotFindingsButMeaningChangesAre) {
    std::string reader = test::read_file(file("kernels/reader.cpp"));
    for (size_t at = reader.find("lhs_addr"); at != std::string::npos;
         at = reader.find("lhs_addr", at)) {
        reader.replace(at, 8, "left_address");
    }
    test::write_file(file("kernels/reader.cpp"), reader);
    EXPECT_EQ(check().status, 0);
    edit("kernels/reader.cpp", "noc_async_read_barrier();", "");
    Result r = check();
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.output.find(
                  "error: the kernel no longer matches the compiler's output "
                  "'examples/eltwise_add/emitted/ttlang_kernel_read_inputs_b0a2efc8.cpp': expected "
                  "'noc_async_read_barrier', got 'cb_push_back' (fix: undo the edit, or re-export "
                  "if it was "
                  "intended)"),
              std::string::npos)
        << r.output;
}

TEST_F(CheckTest, TheRunnerMustBeStandaloneAndValidPython) {
    edit("run_kernel.py", "import ttnn\n", "import ttnn\nfrom ttl import ttl\n");
    Result imports = check();
    EXPECT_NE(imports.output.find(file("run_kernel.py") +
                                  ":11:1: error: the runner imports 'ttl': a package runner must "
                                  "need only ttnn, torch and the standard library"),
              std::string::npos)
        << imports.output;
    edit("run_kernel.py", "def main():", "def main(:");
    Result syntax = check();
    EXPECT_EQ(syntax.status, 1);
    EXPECT_NE(syntax.output.find("error: the runner is not valid Python: "), std::string::npos)
        << syntax.output;
    Result missing = run("check " + (dir_ / "nothing"));
    EXPECT_EQ(missing.status, 2);
    EXPECT_EQ(missing.output,
              (dir_ / "nothing") + ": error: cannot read: No such file or directory\n");
}

TEST_F(CheckTest, ARunnerPythonWouldRefuseOrStopIn) {
    // A late `from __future__`: our reader takes it, Python does not.
    edit("run_kernel.py", "import ttnn\n", "import ttnn\nfrom __future__ import annotations\n");
    Result late = check();
    EXPECT_EQ(late.status, 1) << late.output;
    EXPECT_NE(late.output.find(file("run_kernel.py") +
                               ":11:1: error: the runner does not compile with Python: from __future__ imports "
                               "must occur at the beginning of the file"),
              std::string::npos)
        << late.output;
    edit("run_kernel.py", "from __future__ import annotations\n", "");
    EXPECT_EQ(check().status, 0);
    // An undefined name (a helper the program defined, left behind).
    edit("run_kernel.py", "    shape = (128, 128)\n", "    shape = _tile_shape(4, 4)\n");
    Result undefined = check();
    EXPECT_EQ(undefined.status, 1) << undefined.output;
    EXPECT_NE(undefined.output.find("error: the runner would stop here: undefined name '_tile_shape' (fix: define "
                                    "the name, or carry over the program code that defines it)"),
              std::string::npos)
        << undefined.output;
}

TEST(Check, AnEmittedRunnerWithItsKernels) {
    // The compiler's own R1 runner, its kernel paths pointing at real files.
    test::TempDir dir;
    fs::copy(test::source_path("examples/eltwise_add/emitted"), dir / "out");
    std::string runner = dir / "out/ttlang_kernel_add_compute_35170be0_runner.py";
    std::string text = test::read_file(runner);
    for (size_t at = text.find("/tmp/ttuser/"); at != std::string::npos;
         at = text.find("/tmp/ttuser/", at)) {
        text.replace(at, 12, dir / "out/");
    }
    test::write_file(runner, text);
    Result r = run("check " + runner);
    EXPECT_EQ(r.status, 0) << r.output;
}

TEST(Check, APythonFileThatIsNoRunnerIsBadInputNotFindings) {
    // The TT-Lang program itself, given by mistake: exit 2, and what to do instead (it was
    // checked as a runner: findings about KERNEL_DIR, compile-time arguments and the ttl import).
    Result program = run("check examples/eltwise_add/add.py");
    EXPECT_EQ(program.status, 2) << program.output;
    EXPECT_EQ(program.output, "examples/eltwise_add/add.py: error: this is a TT-Lang program, not a package: export it "
                              "first ('ttl-export examples/eltwise_add/add.py --from DIR'), then check the package\n");
    test::TempDir dir;
    test::write_file(dir / "notes.py", "x = 1\n");
    Result other = run("check " + dir / "notes.py");
    EXPECT_EQ(other.status, 2) << other.output;
    EXPECT_EQ(other.output, dir / "notes.py" +
                                ": error: not a package's runner: expected the run_kernel.py of an exported package "
                                "(its <KERNEL>_THREADS tables) or an emitted runner (KERNEL_PATHS)\n");
}

TEST_F(CheckTest, ARuntimeArgumentTheRunnerDoesNotPass) {
    edit("run_kernel.py", "(\"reader\", \"reader.cpp\", [\"lhs\", \"rhs\"])",
         "(\"reader\", \"reader.cpp\", [\"lhs\"])");
    Result r = check();
    EXPECT_EQ(r.status, 1);
    std::string at = where("kernels/reader.cpp", "rhs_addr = get_common_arg_val");
    EXPECT_EQ(
        r.output.find(
            file("kernels/reader.cpp") + at +
            " error: 'rhs_addr' reads a common runtime argument the runner does not pass: it "
            "passes 1 "
            "to this kernel (fix: pass the tensor in ADD_KERNEL_THREADS, or correct the argument "
            "index)\n"),
        0u)
        << r.output;
    EXPECT_NE(r.output.find("1 finding in " + pkg()), std::string::npos) << r.output;
}

TEST_F(CheckTest, APageSizeThatDoesNotFitTheDataFormat) {
    edit("run_kernel.py", "(\"rhs_cb\", 1, ttnn.bfloat16, 2048, 4096)",
         "(\"rhs_cb\", 1, ttnn.bfloat16, 4096, 4096)");
    Result r = check();
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(
        r.output,
        file("run_kernel.py") + where("run_kernel.py", "(\"rhs_cb\"") +
            " error: circular buffer 'rhs_cb' has pages of 4096 bytes, but a bfloat16 tile is 2048 "
            "bytes (fix: use a page size of 2048 for bfloat16)\n"
            "    (\"rhs_cb\", 1, ttnn.bfloat16, 4096, 4096),\n    ^\n"
            "1 finding in " +
            pkg() + "\n");
}

TEST_F(CheckTest, ACircularBufferInAnotherDataFormatThanItsTensor) {
    // The page size is right for float32, but main() makes lhs a bfloat16 tensor.
    edit("run_kernel.py", "(\"lhs_cb\", 0, ttnn.bfloat16, 2048, 4096)",
         "(\"lhs_cb\", 0, ttnn.float32, 4096, 4096)");
    Result r = check();
    EXPECT_EQ(r.status, 1);
    std::string main_line = where("run_kernel.py", "lhs = ttnn.from_torch(");
    main_line = main_line.substr(1, main_line.find(':', 1) - 1);
    EXPECT_EQ(r.output, file("run_kernel.py") + where("run_kernel.py", "(\"lhs_cb\"") +
                            " error: circular buffer 'lhs_cb' holds float32, but reader.cpp moves "
                            "tensor 'lhs' through it, which main() creates as bfloat16 (line " +
                            main_line +
                            ") (fix: make the data formats agree: ttnn.bfloat16 here, or "
                            "dtype=ttnn.float32 in main())\n"
                            "    (\"lhs_cb\", 0, ttnn.float32, 4096, 4096),\n    ^\n"
                            "1 finding in " +
                            pkg() + "\n");
}

TEST_F(CheckTest, SaysSoWhenTheCompilersOutputIsGone) {
    edit("EXPORT.md", "`examples/eltwise_add/emitted/ttlang_kernel_read_inputs_b0a2efc8.cpp`",
         "`gone/ttlang_kernel_read_inputs_b0a2efc8.cpp`");
    Result r = check();
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("2 kernels proven equivalent"), std::string::npos) << r.output;
    EXPECT_NE(
        r.output.find(
            "note: the compiler's output 'gone/ttlang_kernel_read_inputs_b0a2efc8.cpp' recorded in "
            "EXPORT.md is not here or has changed"),
        std::string::npos)
        << r.output;
}

}  // namespace
}  // namespace ttl
