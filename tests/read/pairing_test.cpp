// Pairing each kernel of a program with its emission by evidence, never by guess: programs whose
// kernels' threads share names (shared_names: different tensor counts and tables, dialect A;
// add_or_mul: the same tables, different compute operations and tensor orders), wrong explicit
// pairings, identical stale copies and different ones, and the `dump --from` table.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "pipeline_util.h"
#include "test_util.h"

namespace ttl::test {
namespace {

namespace fs = std::filesystem;

ToolResult tool(const std::string& args) {
    return run_tool(args, source_dir());
}

const std::string kDoubleRunner =
    "examples/shared_names/emitted/ttlang_kernel_compute_b94f8577_runner.py";
const std::string kBiasRunner =
    "examples/shared_names/emitted/ttlang_kernel_compute_0abe00d6_runner.py";
const std::string kWithBiasRunner =
    "examples/add_or_mul/emitted/ttlang_kernel_compute_68d4bf5d_runner.py";
const std::string kProductRunner =
    "examples/add_or_mul/emitted/ttlang_kernel_compute_9d0e0250_runner.py";

TEST(Pairing, KernelsSharingThreadNamesPairByContentWithNoOption) {
    TempDir dir;
    for (const char* ex : {"shared_names", "add_or_mul"}) {
        ToolResult r = tool(std::string("examples/") + ex + "/" + ex + ".py --from examples/" + ex +
                            "/emitted -o " + dir / ex);
        EXPECT_EQ(r.status, 0) << ex << "\n" << r.output;
        EXPECT_EQ(r.output.find("warning"), std::string::npos) << ex << "\n" << r.output;
    }
    // Each kernel's table names its own emission.
    std::string md = read_file(dir / "add_or_mul/EXPORT.md");
    EXPECT_NE(md.find("| product | compute | compute | `kernels/product/compute.cpp` | "
                      "`examples/add_or_mul/emitted/ttlang_kernel_compute_9d0e0250.cpp` |"),
              std::string::npos)
        << md;
    EXPECT_NE(read_file(dir / "add_or_mul/kernels/product/compute.cpp").find("mul_tiles("),
              std::string::npos);
    EXPECT_NE(read_file(dir / "add_or_mul/kernels/with_bias/compute.cpp").find("add_tiles("),
              std::string::npos);
}

TEST(Pairing, AWrongExplicitPairingIsAnErrorWithTheEvidence) {
    TempDir dir;
    ToolResult counts = tool(
        "examples/shared_names/shared_names.py --from examples/shared_names/emitted --runner "
        "double_it=" +
        kBiasRunner + " --runner add_bias=" + kDoubleRunner + " -o " + dir / "a");
    EXPECT_EQ(counts.status, 2) << counts.output;
    EXPECT_EQ(counts.output,
              kBiasRunner +
                  ": error: runner does not belong to kernel 'double_it': tensor count: the "
                  "runner passes 3 tensors, the kernel takes 2 ('x', 'y') (this export "
                  "would run another kernel's code; pass the runner of 'double_it')\n");
    ToolResult ops = tool(
        "examples/add_or_mul/add_or_mul.py --from examples/add_or_mul/emitted --runner with_bias=" +
        kProductRunner + " --runner product=" + kWithBiasRunner + " -o " + dir / "b");
    EXPECT_EQ(ops.status, 2) << ops.output;
    EXPECT_EQ(ops.output,
              kProductRunner +
                  ": error: runner does not belong to kernel 'with_bias': operations of "
                  "'compute': the source computes add, the emitted kernel calls tile "
                  "operations for mul (this export would run another kernel's code; pass "
                  "the runner of 'with_bias')\n");
    ToolResult one = tool(
        "examples/add_or_mul/add_or_mul.py --from examples/add_or_mul/emitted --kernel product "
        "--runner " +
        kWithBiasRunner + " -o " + dir / "c");
    EXPECT_EQ(one.status, 2) << one.output;
    EXPECT_NE(one.output.find("error: runner does not belong to kernel 'product': operations of "
                              "'compute': the source "
                              "computes mul, the emitted kernel calls tile operations for add"),
              std::string::npos)
        << one.output;
    ToolResult bare =
        tool("examples/add_or_mul/add_or_mul.py --from examples/add_or_mul/emitted --runner " +
             kWithBiasRunner + " --runner " + kProductRunner + " -o " + dir / "d");
    EXPECT_EQ(bare.status, 2) << bare.output;
    EXPECT_NE(bare.output.find("pass '--runner KERNEL=FILE' once per kernel"), std::string::npos)
        << bare.output;
    // The right explicit pairing exports.
    ToolResult right = tool(
        "examples/add_or_mul/add_or_mul.py --from examples/add_or_mul/emitted --runner "
        "with_bias=" +
        kWithBiasRunner + " --runner product=" + kProductRunner + " -o " + dir / "e");
    EXPECT_EQ(right.status, 0) << right.output;
    for (const char* d : {"a", "b", "c", "d"})
        EXPECT_FALSE(fs::exists(dir / d)) << d;
}

TEST(Pairing, StaleCopiesResolveToTheNewestAndDifferentOnesAreAnError) {
    TempDir dir;
    fs::copy(source_path("examples/add_or_mul/emitted"), dir / "emitted");
    std::string runner = read_file(source_path(kWithBiasRunner));
    // An identical emission under another name, older.
    write_file(dir / "emitted/ttlang_kernel_compute_00000000_runner.py", runner);
    fs::last_write_time(
        dir / "emitted/ttlang_kernel_compute_00000000_runner.py",
        fs::last_write_time(dir / "emitted/ttlang_kernel_compute_68d4bf5d_runner.py") -
            std::chrono::hours(24));
    ToolResult stale =
        tool("examples/add_or_mul/add_or_mul.py --from " + dir / "emitted" + " -o " + dir / "out");
    EXPECT_EQ(stale.status, 0) << stale.output;
    EXPECT_NE(stale.output.find(
                  dir / "emitted/ttlang_kernel_compute_68d4bf5d_runner.py: warning: 2 identical "
                        "emissions of kernel 'with_bias' in '" +
                  dir / "emitted" + "' (stale copies); the newest is used"),
              std::string::npos)
        << stale.output;
    // A different emission that agrees on every fact (its compute kernel was edited): ambiguous.
    std::string compute = read_file(dir / "emitted/ttlang_kernel_compute_68d4bf5d.cpp");
    write_file(dir / "emitted/ttlang_kernel_compute_11111111.cpp", compute + "// edited\n");
    std::string edited = runner;
    edited.replace(edited.find("ttlang_kernel_compute_68d4bf5d.cpp"), 34,
                   "ttlang_kernel_compute_11111111.cpp");
    write_file(dir / "emitted/ttlang_kernel_compute_00000000_runner.py", edited);
    ToolResult two =
        tool("examples/add_or_mul/add_or_mul.py --from " + dir / "emitted" + " -o " + dir / "out2");
    EXPECT_EQ(two.status, 2) << two.output;
    EXPECT_NE(two.output.find(
                  "error: 2 different emissions in '" + dir / "emitted" +
                  "' agree with kernel 'with_bias' on every fact ttl-export reads; pass '--runner "
                  "with_bias=FILE' to choose one:"),
              std::string::npos)
        << two.output;
    EXPECT_FALSE(fs::exists(dir / "out2"));
}

TEST(Pairing, CheckFindsAPackageWhoseKernelsCameFromAnotherKernelsEmission) {
    TempDir dir;
    ASSERT_EQ(tool("examples/add_or_mul/add_or_mul.py --from examples/add_or_mul/emitted -o " +
                   dir / "pkg")
                  .status,
              0);
    ToolResult clean = tool("check " + dir / "pkg");
    EXPECT_EQ(clean.status, 0) << clean.output;
    // The package as a mispairing would have made it: each kernel's runner is the other's.
    std::string md = read_file(dir / "pkg/EXPORT.md");
    const std::string with_bias = "Runner read: `" + kWithBiasRunner + "`";
    const std::string product = "Runner read: `" + kProductRunner + "`";
    ASSERT_NE(md.find(with_bias), std::string::npos);
    md.replace(md.find(with_bias), with_bias.size(), "@@");
    md.replace(md.find(product), product.size(), with_bias);
    md.replace(md.find("@@"), 2, product);
    write_file(dir / "pkg/EXPORT.md", md);
    ToolResult mixed = tool("check " + dir / "pkg");
    EXPECT_EQ(mixed.status, 1) << mixed.output;
    EXPECT_NE(
        mixed.output.find(
            "EXPORT.md: error: kernel 'with_bias' was exported from an emission that is not it: "
            "operations of 'compute': the source computes add, the emitted kernel calls tile "
            "operations for mul"),
        std::string::npos)
        << mixed.output;
}

TEST(Pairing, ACircularBufferInAnotherFormatThanItsTensorIsNotThisKernel) {
    TempDir dir;
    fs::copy(source_path("examples/eltwise_add/emitted"), dir / "emitted");
    std::string runner = dir / "emitted/ttlang_kernel_add_compute_35170be0_runner.py";
    std::string text = read_file(runner);
    text.replace(text.find("ttnn.bfloat16, 2048, 4096),  # CB 0"), 13, "ttnn.float32");
    write_file(runner, text);
    ToolResult r =
        tool("examples/eltwise_add/add.py --from " + dir / "emitted" + " -o " + dir / "out");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(
        r.output.find(
            ": CB 0 ('lhs_cb') data format: the runner's is float32, the source's tensor 'lhs' is "
            "bfloat16"),
        std::string::npos)
        << r.output;
}

TEST(Pairing, DumpFromPrintsThePairingTable) {
    for (const ExampleDirs& ex : examples()) {
        ToolResult r = tool(std::string("dump ") + ex.source + " --from " + ex.emitted);
        ASSERT_EQ(r.status, 0) << r.output;
        std::string table = r.output.substr(0, r.output.find("\n== ", 1) + 1);
        expect_golden(source_path("tests/golden/pairing/" + ex.name() + ".txt"), table);
    }
}

}  // namespace
}  // namespace ttl::test
