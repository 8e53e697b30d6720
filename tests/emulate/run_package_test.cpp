// `ttl-export run PACKAGE`: every example package's run_kernel.py runs unchanged on the
// emulator and passes; the compiler's emitted runners give byte-identical outputs; packages
// broken the classic ways fail with an error at the cause, and `check` flags them first.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "pipeline_util.h"
#include "test_util.h"

namespace ttl::test {
namespace {

namespace fs = std::filesystem;

std::string cache_flag() { return " --cache-dir " + kernel_cache(); }

ToolResult tool(const std::string& args) { return run_tool(args, source_dir()); }

std::string export_to(const ExampleDirs& ex, const std::string& out) {
    ToolResult e = tool(std::string(ex.source) + " --from " + ex.emitted + " -o " + out + " --force");
    EXPECT_EQ(e.status, 0) << e.output;
    return out;
}

TEST(RunPackage, EveryExamplePackagePassesOnTheEmulator) {
    TempDir dir;
    for (const ExampleDirs& ex : examples()) {
        std::string out = export_to(ex, dir / fs::path(ex.source).stem().string());
        // From the example's folder: a program may read a data file there (gate_smoke does).
        ToolResult r = run_tool("run " + out + cache_flag(), source_path(fs::path(ex.source).parent_path().string()));
        EXPECT_EQ(r.status, 0) << ex.source << "\n" << r.output;
        // A compile-only program has no check: its runner says so instead of PASS.
        bool checked = r.output.find("PASS") != std::string::npos;
        bool says_unchecked =
            r.output.find("ran every kernel; the TT-Lang program has no result check") != std::string::npos;
        EXPECT_TRUE(checked != says_unchecked) << ex.source << "\n" << r.output;
        EXPECT_EQ(r.output.find("FAIL"), std::string::npos) << ex.source << "\n" << r.output;
    }
}

TEST(RunPackage, TheHandMadeExportRunsThroughItsOwnRunner) {
    // The procedure's run_kernel.py (ttnn descriptors written out by hand, not our tables).
    ToolResult r = run_tool("run " + source_path("tests/fixtures/hand_made/eltwise_add") + cache_flag());
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("PASS: output matches lhs + rhs"), std::string::npos) << r.output;
}

TEST(RunPackage, EmittedRunnersGiveIdenticalOutputs) {
    TempDir dir;
    struct Case {
        const char* example;
        std::vector<std::string> runners;
    };
    std::vector<Case> cases = {
        {"eltwise_add", {"ttlang_kernel_add_compute_35170be0_runner.py"}},
        {"matmul", {"ttlang_kernel_mm_compute_b7b9bf49_runner.py"}},
        {"silu_mul", {"ttlang_kernel_fused_compute_94f83b46_runner.py"}},
        {"relu", {"ttlang_kernel_relu_compute_5d0c2a91_runner.py"}},
        {"gated_exp", {"ttlang_kernel_gate_compute_5b1e07c3_runner.py"}},
        {"mm_relu", {"ttlang_kernel_mm_compute_3c1f6a2e_runner.py"}},
        {"exp_f32", {"ttlang_kernel_exp_compute_9f16faf2_runner.py"}},
        {"gate_smoke", {"ttlang_kernel_gate_compute_35bc4391_runner.py"}},
        {"state_update", {"ttlang_kernel_state_compute_cb5e1252_runner.py"}},
        // Three batches, each through both kernels: the runners in generic_op call order.
        {"batch_loop",
         {"ttlang_kernel_l1_compute_7595634c_runner.py", "ttlang_kernel_l2_compute_a0c17501_runner.py",
          "ttlang_kernel_l1_compute_7595634c_runner.py", "ttlang_kernel_l2_compute_a0c17501_runner.py",
          "ttlang_kernel_l1_compute_7595634c_runner.py", "ttlang_kernel_l2_compute_a0c17501_runner.py"}},
        {"shared_names", {"ttlang_kernel_compute_b94f8577_runner.py", "ttlang_kernel_compute_0abe00d6_runner.py"}},
        {"add_or_mul", {"ttlang_kernel_compute_68d4bf5d_runner.py", "ttlang_kernel_compute_9d0e0250_runner.py"}},
        {"two_kernels", {"ttlang_kernel_double_compute_fb9925bd_runner.py", "ttlang_kernel_bias_compute_9f8a8957_runner.py"}},
    };
    for (const Case& c : cases) {
        const ExampleDirs* ex = nullptr;
        for (const ExampleDirs& e : examples()) {
            if (std::string(e.emitted).find(std::string("/") + c.example + "/") != std::string::npos) ex = &e;
        }
        ASSERT_NE(ex, nullptr) << c.example;
        std::string out = export_to(*ex, dir / c.example);
        std::string runners;
        for (const std::string& r : c.runners) {
            runners += std::string(runners.empty() ? "" : ", ") + "\"" + source_path(std::string(ex->emitted) + "/" + r) + "\"";
        }
        std::string driver_dir = dir / (std::string(c.example) + "_driver");
        write_file(driver_dir + "/compare_with_emitted.py", read_file(source_path("tests/emulate/data/compare_with_emitted.py")));
        write_file(driver_dir + "/compare_with_emitted.json",
                   "{\"package\": \"" + out + "\", \"runners\": [" + runners + "], \"cwd\": \"" +
                       source_path(fs::path(ex->source).parent_path().string()) + "\"}");
        ToolResult r = tool("run " + driver_dir + "/compare_with_emitted.py" + cache_flag());
        EXPECT_EQ(r.status, 0) << c.example << "\n" << r.output;
        EXPECT_NE(r.output.find("COMPARED " + std::to_string(c.runners.size()) + " programs: ALL IDENTICAL"), std::string::npos)
            << c.example << "\n" << r.output;
    }
}

/// An eltwise_add (or other) package to break.
class BrokenPackage : public ::testing::Test {
  protected:
    std::string make(const char* example = "eltwise_add") {
        for (const ExampleDirs& e : examples()) {
            if (std::string(e.emitted).find(std::string("/") + example + "/") != std::string::npos) return export_to(e, pkg());
        }
        ADD_FAILURE() << example;
        return "";
    }
    std::string pkg() const { return dir_ / "pkg"; }
    void edit(const std::string& rel, const std::string& from, const std::string& to) {
        std::string path = pkg() + "/" + rel;
        std::string text = read_file(path);
        size_t at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        write_file(path, text.replace(at, from.size(), to));
    }
    /// `check` finds it, and the emulator fails with `message`.
    void expect_both(const std::string& message) {
        ToolResult c = tool("check " + pkg());
        EXPECT_EQ(c.status, 1) << c.output;
        ToolResult r = tool("run " + pkg() + cache_flag());
        EXPECT_EQ(r.status, 1) << r.output;
        EXPECT_NE(r.output.find(message), std::string::npos) << r.output;
    }
    TempDir dir_;
};

TEST_F(BrokenPackage, ACircularBufferIndexWithNoDescriptor) {
    make();
    edit("kernels/reader.cpp", "cb_reserve_back(rhs_cb, num_tiles);", "cb_reserve_back(get_compile_time_arg_val(5), num_tiles);");
    // Compile-time arg 5 is an accessor word (2), so the reader reserves CB 2 instead of CB 1.
    // The error is at the rhs read (CB 1), wherever the exported layout puts it.
    std::string reader = read_file(pkg() + "/kernels/reader.cpp");
    size_t at = reader.find("noc_async_read_tile(tile_index_i32, rhs_accessor, rhs_write_ptr);");
    ASSERT_NE(at, std::string::npos) << reader;
    size_t line = 1 + static_cast<size_t>(std::count(reader.begin(), reader.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    expect_both(pkg() + "/kernels/reader.cpp:" + std::to_string(line) + ": error: noc_async_read writes 2048 bytes at ");
    expect_both("into circular buffer 1, outside the 0 pages reserved by cb_reserve_back");
}

TEST_F(BrokenPackage, TensorsInTheWrongOrder) {
    // silu(x) * gate is not symmetric in its tensors: the runner's own comparison fails.
    make("silu_mul");
    edit("run_kernel.py", "(\"reader\", \"reader.cpp\", [\"gate\", \"x\"])", "(\"reader\", \"reader.cpp\", [\"x\", \"gate\"])");
    expect_both("FAIL");
}

TEST_F(BrokenPackage, AGridOtherThanTheSourceAskedFor) {
    make();
    edit("run_kernel.py", "ADD_KERNEL_GRID = (1, 1)", "ADD_KERNEL_GRID = (2, 1)");
    // Either core may write first; the other is stopped.
    expect_both("in this program: the cores overwrite each other's results (is the grid the one the kernels were "
                "written for?)");
}

TEST_F(BrokenPackage, CompileTimeArgumentsInAnotherOrder) {
    make();
    edit("run_kernel.py", "compile_time_args = cb_indices + accessor_args", "compile_time_args = accessor_args + cb_indices");
    // The reader's accessor now reads a CB index (1) as its config word.
    expect_both("the compile-time args are not in the order the kernel reads them");
}

TEST_F(BrokenPackage, KernelsFolderMoved) {
    make();
    fs::rename(pkg() + "/kernels", pkg() + "/src");
    expect_both("RuntimeError: Kernel file " + pkg() + "/kernels/compute.cpp doesn't exist");
}

TEST_F(BrokenPackage, ADeletedPushIsADeadlock) {
    make();
    edit("kernels/compute.cpp", "            cb_push_back(out_cb, num_tiles);\n", "");
    expect_both("the writer kernel '" + pkg() + "/kernels/writer.cpp' on core (0, 0) waits in cb_wait_front(cb 2, 1)");
}

TEST(RunPackage, BadTargetsAreUsageErrors) {
    TempDir dir;
    ToolResult r = tool("run " + dir.path());
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.output.find(dir.path() + ": error: no run_kernel.py in this directory: expected an exported package"),
              std::string::npos)
        << r.output;
    r = tool("run " + dir / "missing.py");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.output.find("missing.py: error: cannot read: No such file or directory"), std::string::npos) << r.output;
}

TEST(RunPackage, TheTtnnStandInNamesWhatItDoesNotProvide) {
    TempDir dir;
    write_file(dir / "uses_matmul.py", "import ttnn\nttnn.matmul(None, None)\n");
    ToolResult r = tool("run " + dir / "uses_matmul.py");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("NotImplementedError: ttnn.matmul is not provided by the ttl-export emulator"), std::string::npos)
        << r.output;
}

}  // namespace
}  // namespace ttl::test

namespace ttl::test {
namespace {

TEST(RunPackage, InterruptingTheRunEndsTheRunnerAndWhatItStarted) {
    TempDir dir;
    // A runner that starts a long child (as generic_op starts the emulator) and waits for it.
    write_file(dir / "pkg/run_kernel.py",
               "import subprocess, sys\n"
               "child = subprocess.Popen(['sleep', '300'])\n"
               "open(sys.argv[0] + '.pid', 'w').write(str(child.pid))\n"
               "child.wait()\n");
    pid_t tool = fork();
    ASSERT_GE(tool, 0);
    if (tool == 0) {
        execl(export_binary().c_str(), export_binary().c_str(), "run", (dir / "pkg").c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    std::string pid_file = dir / "pkg/run_kernel.py.pid";
    for (int i = 0; i < 600 && !fs::exists(pid_file); ++i) usleep(50000);
    ASSERT_TRUE(fs::exists(pid_file)) << "the runner did not start";
    usleep(100000);
    pid_t sleeper = std::stoi(read_file(pid_file));
    kill(tool, SIGINT);
    int status = 0;
    waitpid(tool, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << status;
    EXPECT_TRUE(ends_within_two_seconds(sleeper)) << "the runner's child outlived the interrupt";
}

TEST(RunPackage, TheCompilerOptionReachesTheKernelBuilds) {
    TempDir dir;
    // A fresh cache, so the kernels must be built, with a compiler that does not exist.
    ToolResult r = run_tool("run " + source_path("tests/golden/package/eltwise_add") + " --cache-dir " + dir / "cache" +
                                " --compiler " + dir / "no-such-c++",
                            "", "timeout 300");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("cannot run the compiler: cannot run '" + dir / "no-such-c++" + "'"), std::string::npos)
        << r.output;
}

TEST(RunPackage, TheSandboxKeepsTheRunnerInsideThePackageFolderAndOffTheNetwork) {
    // scripts/deps installs bubblewrap; without it '--sandbox' is refused (tested below too).
    ASSERT_EQ(std::system("command -v bwrap >/dev/null"), 0) << "bubblewrap is not installed: run scripts/deps";
    TempDir dir;
    // A port on this machine's loopback that the runner tries to reach.
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(listener, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(listen(listener, 4), 0);
    socklen_t length = sizeof address;
    getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    std::string probe = binary_dir() + "/sandbox-probe.txt";  // outside /tmp and the package
    fs::remove(probe);
    write_file(dir / "pkg/run_kernel.py",
               "import socket, pathlib\n"
               "here = pathlib.Path(__file__).resolve().parent\n"
               "(here / 'inside.txt').write_text('ok')\n"
               "try:\n"
               "    pathlib.Path('" + probe + "').write_text('escaped')\n"
               "    print('outside: written')\n"
               "except OSError:\n"
               "    print('outside: blocked')\n"
               "try:\n"
               "    socket.create_connection(('127.0.0.1', " + std::to_string(ntohs(address.sin_port)) +
               "), timeout=5).close()\n"
               "    print('net: open')\n"
               "except OSError as e:\n"
               "    print('net: blocked', type(e).__name__)\n");
    ToolResult r = run_tool("run pkg --sandbox --cache-dir " + dir / "cache", dir.path(), "timeout 120");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("outside: blocked"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("net: blocked"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(probe));
    EXPECT_EQ(read_file(dir / "pkg/inside.txt"), "ok");
    // The same runner outside the sandbox writes and connects: the probes can tell.
    ToolResult open = run_tool("run pkg --cache-dir " + dir / "cache", dir.path(), "timeout 120");
    EXPECT_NE(open.output.find("outside: written"), std::string::npos) << open.output;
    EXPECT_NE(open.output.find("net: open"), std::string::npos) << open.output;
    fs::remove(probe);
    close(listener);
    // A real package passes inside the sandbox.
    ToolResult real = run_tool("run " + source_path("tests/golden/package/eltwise_add") + " --sandbox --cache-dir " +
                                   kernel_cache(),
                               "", "timeout 300");
    EXPECT_EQ(real.status, 0) << real.output;
    EXPECT_NE(real.output.find("PASS"), std::string::npos) << real.output;
    // Without bubblewrap on PATH the option is refused, never ignored.
    ToolResult missing = run_tool("run pkg --sandbox", dir.path(), "PATH=/nonexistent");
    EXPECT_EQ(missing.status, 2) << missing.output;
    EXPECT_NE(missing.output.find("'--sandbox' needs bubblewrap"), std::string::npos) << missing.output;
    ToolResult vm = run_tool("verify pkg --sandbox", dir.path());
    EXPECT_EQ(vm.status, 2) << vm.output;
    EXPECT_NE(vm.output.find("'--sandbox' applies to '--emulator' runs only"), std::string::npos) << vm.output;
}

TEST(RunPackage, ACompileOnlyProgramsRunnerSavesAndComparesItsOutputs) {
    TempDir dir;
    const ExampleDirs* ex = nullptr;
    for (const ExampleDirs& e : examples()) {
        if (std::string(e.source).find("state_update") != std::string::npos) ex = &e;
    }
    ASSERT_NE(ex, nullptr);
    std::string out = export_to(*ex, dir / "pkg");
    std::string runner = read_file(out + "/run_kernel.py");
    // What the program did to compile is gone; what built its inputs is there.
    EXPECT_EQ(runner.find("TTLANG_"), std::string::npos) << runner;
    EXPECT_EQ(runner.find("shutil"), std::string::npos) << runner;
    EXPECT_NE(runner.find("    prev = _host_tile_zeros(STATE_SHAPE)\n"), std::string::npos) << runner;
    EXPECT_NE(runner.find("    run_state_update(*placed)\n"), std::string::npos) << runner;
    // The script with its own arguments, as `python run_kernel.py --save ...` runs it.
    std::string env = "PYTHONPATH='" + source_path("emu/python") + "' TTL_EXPORT_BINARY='" + export_binary() +
                      "' TTL_EXPORT_CACHE='" + kernel_cache() + "'";
    auto python = [&](const std::string& args) {
        return run_command(env + " /usr/bin/python3 " + out + "/run_kernel.py " + args + " 2>&1");
    };
    ToolResult save = python("--save " + dir / "ref.pt");
    EXPECT_EQ(save.status, 0) << save.output;
    EXPECT_NE(save.output.find("state_update: Out: shape (128, 128) torch.bfloat16"), std::string::npos) << save.output;
    EXPECT_NE(save.output.find("saved 1 outputs to"), std::string::npos) << save.output;
    ToolResult same = python("--compare " + dir / "ref.pt");
    EXPECT_EQ(same.status, 0) << same.output;
    EXPECT_NE(same.output.find("PASS: the outputs match"), std::string::npos) << same.output;
    // A reference from other values does not match.
    write_file(dir / "make_other.py",
               "import torch\nref = torch.load('" + dir / "ref.pt" +
                   "')\ntorch.save({k: v + 1 for k, v in ref.items()}, '" + dir / "other.pt" + "')\n");
    ASSERT_EQ(std::system(("/usr/bin/python3 " + dir / "make_other.py").c_str()), 0);
    ToolResult differ = python("--compare " + dir / "other.pt");
    EXPECT_EQ(differ.status, 1) << differ.output;
    EXPECT_NE(differ.output.find("FAIL: the outputs differ"), std::string::npos) << differ.output;
}

}  // namespace
}  // namespace ttl::test

namespace ttl::test {
namespace {

/// Writes the emitted-runner driver beside `runner` and runs it with `ttl-export run`.
ToolResult drive_emitted_runner(const TempDir& dir, const std::string& runner, const std::string& emitted, int rows,
                                int cols) {
    write_file(dir / "drive_emitted_runner.py", read_file(source_path("tests/emulate/data/drive_emitted_runner.py")));
    write_file(dir / "drive_emitted_runner.json", "{\"runner\": \"" + runner + "\", \"emitted\": \"" + emitted +
                                                     "\", \"rows\": " + std::to_string(rows) +
                                                     ", \"cols\": " + std::to_string(cols) + "}");
    return run_tool("run " + dir / "drive_emitted_runner.py" + cache_flag());
}

TEST(RunPackage, AnEmittedRunnerWithAnUnusedBufferRunsAsItIs) {
    // The shape that ships: CB_CONFIGS has a None row (a buffer no thread uses) and the loop
    // unpacks every row without checking for it.
    const std::string emitted = source_path("examples/eltwise_add/emitted");
    std::string text = read_file(emitted + "/ttlang_kernel_add_compute_35170be0_runner.py");
    const std::string last_row = "    ((1, 1), 2, ttnn.bfloat16, 2048, 4096),  # CB 2\n";
    const std::string check = "        if cfg is None:\n            continue\n";
    ASSERT_NE(text.find(last_row), std::string::npos);
    ASSERT_NE(text.find(check), std::string::npos);
    text.replace(text.find(last_row), last_row.size(), last_row + "    None,  # CB 3\n");
    text.erase(text.find(check), check.size());
    TempDir dir;
    write_file(dir / "runner.py", text);

    // As the device's Python would run it, the runner crashes on the None row.
    write_file(dir / "plain/drive_emitted_runner.py", read_file(source_path("tests/emulate/data/drive_emitted_runner.py")));
    write_file(dir / "plain/drive_emitted_runner.json",
               "{\"runner\": \"" + dir / "runner.py" + "\", \"emitted\": \"" + emitted + "\", \"rows\": 128, \"cols\": 128}");
    std::string plain = "PYTHONPATH=" + source_path("emu/python") + " /usr/bin/python3 " + dir / "plain/drive_emitted_runner.py" +
                        " 2>&1";
    ToolResult plain_run = run_command(plain);
    const std::string& crash = plain_run.output;
    EXPECT_NE(plain_run.status, 0) << crash;
    EXPECT_NE(crash.find("cannot unpack non-iterable NoneType"), std::string::npos) << crash;

    // `ttl-export run` skips the row, as the device never sees the buffer; the runner file is unchanged.
    ToolResult r = drive_emitted_runner(dir, dir / "runner.py", emitted, 128, 128);
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("OUTPUT SUM"), std::string::npos) << r.output;
    EXPECT_EQ(read_file(dir / "runner.py"), text);
    EXPECT_EQ(r.output.find("fp32_dest_acc_en"), std::string::npos) << r.output;
}

TEST(RunPackage, Float32WithoutFp32DestAccumulationIsAWarning) {
    // exp_f32's emitted runner keeps the default ComputeConfigDescriptor() for float32 buffers.
    const std::string emitted = source_path("examples/exp_f32/emitted");
    TempDir dir;
    ToolResult r = drive_emitted_runner(dir, emitted + "/ttlang_kernel_exp_compute_9f16faf2_runner.py", emitted, 32, 96);
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("warning: circular buffers 0, 1 are float32 but the compute kernel's "
                            "ComputeConfigDescriptor leaves fp32_dest_acc_en off"),
              std::string::npos)
        << r.output;
    // The exported package sets it: no warning.
    ToolResult package = run_tool("run " + source_path("tests/golden/package/exp_f32") + cache_flag());
    EXPECT_EQ(package.status, 0) << package.output;
    EXPECT_EQ(package.output.find("fp32_dest_acc_en"), std::string::npos) << package.output;
}

}  // namespace
}  // namespace ttl::test

namespace ttl::test {
namespace {

TEST(RunPackage, ADialectDProgramOnTwoCoresRunsThroughItsRunner) {
    // Noc objects, CoreLocalMem, CircularBuffer objects, api/tensor/noc_traits.h: each core takes
    // its half of the tiles by get_absolute_logical_x(); one core's work missing leaves zeros.
    TempDir dir;
    for (const char* f : {"run_kernel.py", "kernels/reader.cpp", "kernels/compute.cpp", "kernels/writer.cpp"}) {
        write_file(dir / f, read_file(source_path(std::string("tests/emulate/data/dialect_d_two_core/") + f)));
    }
    ToolResult r = run_tool("run " + dir.path() + cache_flag());
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("PASS"), std::string::npos) << r.output;
    // Both cores write the same pages: the emulator names the overwrite.
    std::string writer = read_file(dir / "kernels/writer.cpp");
    size_t at = writer.find("int32_t v7 = v4 * v1 + i6;");
    ASSERT_NE(at, std::string::npos);
    write_file(dir / "kernels/writer.cpp", writer.replace(at, 27, "int32_t v7 = i6;"));
    ToolResult broken = run_tool("run " + dir.path() + cache_flag());
    EXPECT_EQ(broken.status, 1) << broken.output;
    // Whichever core writes second is named, with the one that wrote first.
    bool first_core_named = broken.output.find("was already written by core (0, 0) in this program") != std::string::npos &&
                            broken.output.find("on core (1, 0)") != std::string::npos;
    bool second_core_named = broken.output.find("was already written by core (1, 0) in this program") != std::string::npos &&
                             broken.output.find("on core (0, 0)") != std::string::npos;
    EXPECT_TRUE(first_core_named || second_core_named) << broken.output;
}

}  // namespace
}  // namespace ttl::test
