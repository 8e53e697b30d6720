// `verify --emulator`: the run-time proof of an export. Every example's package and the compiler's
// kernels give bit-identical tensors on the same seeded inputs; an exported kernel altered in a
// way the static proof rejects fails, naming the tensor; without the compiler's output the
// package runs alone, and says so.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "pipeline_util.h"
#include "test_util.h"

namespace ttl::test {
namespace {

namespace fs = std::filesystem;

std::string cache_flag() { return " --cache-dir " + kernel_cache(); }

/// Exports `ex` into `out` with the compiler's output named by absolute path (so that EXPORT.md's
/// records hold from any directory); returns the example's folder, where its program runs.
std::string export_absolute(const ExampleDirs& ex, const std::string& out) {
    ToolResult e = run_tool(source_path(ex.source) + " --from " + source_path(ex.emitted) + " -o " + out + " --force");
    EXPECT_EQ(e.status, 0) << e.output;
    return source_path(fs::path(ex.source).parent_path().string());
}

const ExampleDirs& example(const std::string& name) {
    for (const ExampleDirs& e : examples()) {
        if (e.name() == name) return e;
    }
    throw std::runtime_error("no example " + name);
}

TEST(VerifyEmulator, EveryExampleIsBitIdenticalToTheCompilersKernels) {
    TempDir dir;
    for (const ExampleDirs& ex : examples()) {
        std::string pkg = dir / ex.name();
        std::string folder = export_absolute(ex, pkg);
        ToolResult r = run_tool("verify --emulator " + pkg + cache_flag(), folder);
        EXPECT_EQ(r.status, 0) << ex.name() << "\n" << r.output;
        EXPECT_NE(r.output.find("the exported and the compiler's kernels give bit-identical tensors"), std::string::npos)
            << ex.name() << "\n" << r.output;
        EXPECT_EQ(r.output.find("FAIL"), std::string::npos) << ex.name() << "\n" << r.output;
    }
}

TEST(VerifyEmulator, AnAlteredKernelFailsNamingTheTensor) {
    TempDir dir;
    std::string pkg = dir / "pkg";
    std::string folder = export_absolute(example("eltwise_add"), pkg);
    std::string compute = read_file(pkg + "/kernels/compute.cpp");
    size_t at = compute.find("add_tiles(");
    ASSERT_NE(at, std::string::npos);
    write_file(pkg + "/kernels/compute.cpp", compute.replace(at, 9, "sub_tiles"));

    ToolResult check = run_tool("check " + pkg, folder);  // the static proof rejects the edit
    EXPECT_EQ(check.status, 1) << check.output;
    EXPECT_NE(check.output.find("no longer matches the compiler's output"), std::string::npos) << check.output;

    ToolResult r = run_tool("verify --emulator " + pkg + cache_flag(), folder);
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("FAIL: tensor 'out' of kernel 'add_kernel' (generic_op call 0):"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("PASS: tensor 'lhs' of kernel 'add_kernel'"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("FAIL: " + pkg + ": the exported kernels do not do what the compiler's do"),
              std::string::npos)
        << r.output;
    EXPECT_FALSE(fs::exists(pkg + "/kernels/compute.cpp.orig"));
}

TEST(VerifyEmulator, WithoutTheCompilersOutputThePackageRunsAlone) {
    TempDir dir;
    // Exported with a relative --from from the source tree: from the package's own folder the
    // recorded paths lead nowhere.
    const ExampleDirs& ex = example("relu");
    ToolResult e = run_tool(std::string(ex.source) + " --from " + ex.emitted + " -o " + dir / "pkg", source_dir());
    ASSERT_EQ(e.status, 0) << e.output;
    ToolResult r = run_tool("verify --emulator pkg" + cache_flag(), dir.path());
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("note: the compiler's output '" + std::string(ex.emitted)), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("the package runs alone"), std::string::npos) << r.output;
}

TEST(VerifyEmulator, KernelsFromACapturedLogAreTheCompilersSide) {
    // A package exported from a log records each kernel as LOG:LINE: the compiler's run takes
    // those sections (the log's kernels), not files beside the runner.
    TempDir dir;
    const ExampleDirs& ex = example("eltwise_add");
    std::string runner = source_path(std::string(ex.emitted) + "/ttlang_kernel_add_compute_35170be0_runner.py");
    ToolResult e = run_tool(source_path(ex.source) + " --from " + source_path("tests/fixtures/logs/add_compile.log") +
                            " --runner " + runner + " -o " + dir / "pkg");
    ASSERT_EQ(e.status, 0) << e.output;
    ToolResult r = run_tool("verify --emulator " + dir / "pkg" + cache_flag(),
                            source_path(fs::path(ex.source).parent_path().string()));
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("the exported and the compiler's kernels give bit-identical tensors (3 compared"),
              std::string::npos)
        << r.output;
    EXPECT_EQ(r.output.find("note:"), std::string::npos) << r.output;
}

TEST(VerifyEmulator, TheTwoRunsLeaveNothingBehind) {
    TempDir dir;
    std::string pkg = dir / "pkg";
    std::string folder = export_absolute(example("eltwise_add"), pkg);
    TempDir tmp;  // the runs' TMPDIR: the work folder is made and removed there
    ToolResult r = run_tool("verify --emulator " + pkg + cache_flag(), folder, "TMPDIR='" + tmp.path() + "'");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(fs::is_empty(tmp.path())) << "left in TMPDIR: " << fs::directory_iterator(tmp.path())->path();
}

}  // namespace
}  // namespace ttl::test
