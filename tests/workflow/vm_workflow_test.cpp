// The VM workflow against stand-ins of the user's commands (tests/workflow/standins): a
// directory plays the VM's filesystem, run-test.sh writes logs in the documented format, and a
// package's runner really runs there on the emulator. Covers success, the program failing, the
// compile failing, files missing in the VM, the runner failing on the device, a timeout, and
// file names with spaces and shell metacharacters.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "test_util.h"
#include "workflow/config.h"
#include "workflow/remote.h"

namespace ttl::test {
namespace {

namespace fs = std::filesystem;

/// One shell word for run_tool's command line.
std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

class VmWorkflow : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string path = source_path("tests/workflow/standins") + ":" + std::getenv("PATH");
        setenv("PATH", path.c_str(), 1);
        setenv("TTL_FAKE_VM", (dir_ / "vm").c_str(), 1);
        setenv("TTL_FAKE_EMITTED", source_path("examples/eltwise_add/emitted").c_str(), 1);
        setenv("TTL_FAKE_SCENARIO", "success", 1);
        setenv("TTL_EXPORT_CACHE", kernel_cache().c_str(), 1);
        setenv("TTL_EXPORT_BINARY", export_binary().c_str(), 1);
        setenv("USER", "ttuser", 1);
        setenv("XDG_CONFIG_HOME", (dir_ / "no-config").c_str(), 1);  // the built-in defaults
    }
    void scenario(const char* name) { setenv("TTL_FAKE_SCENARIO", name, 1); }
    ToolResult tool(const std::string& args) { return run_tool(args, dir_.path()); }
    std::string source() const { return source_path("examples/eltwise_add/add.py"); }
    /// A package exported the ordinary way, at `name` under the test directory.
    std::string package(const std::string& name = "pkg") {
        std::string out = dir_ / name;
        ToolResult e = run_tool(source() + " --from " + source_path("examples/eltwise_add/emitted") + " -o " + quote(out));
        EXPECT_EQ(e.status, 0) << e.output;
        return out;
    }
    TempDir dir_;
};

TEST_F(VmWorkflow, CompileBringsTheEmittedFilesOutAndExports) {
    ToolResult r = tool(source() + " --compile --from emitted -o pkg");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("$ run-test.sh " + source() + "  -> exit 0"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("$ run-test.sh --emit-runner " + source() + "  -> exit 0"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("$ limactl shell ttsim -- cat /tmp/ttlang_test_output.log  -> exit 0"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("$ limactl copy ttsim:/tmp/ttuser/ttlang_kernel_add_compute_35170be0_runner.py " + dir_ / "emitted/"),
              std::string::npos)
        << r.output;
    for (const char* f : {"ttlang_kernel_add_compute_35170be0.cpp", "ttlang_kernel_read_inputs_b0a2efc8.cpp",
                          "ttlang_kernel_write_output_9a6f1207.cpp", "ttlang_kernel_add_compute_35170be0_runner.py"}) {
        EXPECT_EQ(read_file(dir_ / "emitted/" + f), read_file(source_path(std::string("examples/eltwise_add/emitted/") + f)));
    }
    EXPECT_TRUE(fs::exists(dir_ / "pkg/run_kernel.py"));
    EXPECT_TRUE(fs::exists(dir_ / "pkg/kernels/compute.cpp"));
}

TEST_F(VmWorkflow, CompileChecksTheOutputBeforeAnyVmCommand) {
    package("pkg");
    ToolResult r = tool(source() + " --compile --from emitted -o pkg");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("pkg: error: the output directory already exists; pass '--force'"), std::string::npos)
        << r.output;
    EXPECT_EQ(r.output.find("run-test.sh"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "emitted"));
    ToolResult home = tool(source() + " --compile --from emitted -o . --force");
    EXPECT_EQ(home.status, 2) << home.output;
    EXPECT_EQ(home.output.find("run-test.sh"), std::string::npos) << home.output;
}

TEST_F(VmWorkflow, TheProgramFailingAsItIsStopsBeforeTheCompile) {
    scenario("program_fails");
    ToolResult r = tool(source() + " --compile --from emitted -o pkg");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("error: the TT-Lang program fails as it is: fix the kernel first\ncould not run the TT-Lang "
                            "program in the VM: 'run-test.sh " + source() + "' exited with status 1"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("ValueError: CB shape (2, 2) does not divide the tensor"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("--emit-runner"), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "pkg"));
}

TEST_F(VmWorkflow, TheCompileFailing) {
    scenario("compile_fails");
    ToolResult r = tool(source() + " --compile --from emitted -o pkg");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("error: the emitting compile failed\ncould not compile the program with the runner emitted: "
                            "'run-test.sh --emit-runner " + source() + "' exited with status 1\nerror: failed to legalize "
                            "operation ttl.copy"),
              std::string::npos)
        << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "pkg"));
}

TEST_F(VmWorkflow, FilesMissingInTheVm) {
    scenario("missing_files");
    ToolResult r = tool(source() + " --compile --from emitted -o pkg");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("error: could not bring '/tmp/ttuser/ttlang_kernel_read_inputs_b0a2efc8.cpp' out of the VM: "
                            "'limactl copy ttsim:/tmp/ttuser/ttlang_kernel_read_inputs_b0a2efc8.cpp " + dir_ / "emitted/" +
                            "' exited with status 1\nlimactl: scp: /tmp/ttuser/ttlang_kernel_read_inputs_b0a2efc8.cpp: No "
                            "such file or directory"),
              std::string::npos)
        << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "pkg"));
}

TEST_F(VmWorkflow, VerifyCopiesThePackageRunsItAndReadsTheLog) {
    std::string pkg = package();
    ToolResult r = tool("verify pkg");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("PASS: pkg on the simulator VM 'ttsim' (the runner printed 'PASS')"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("$ copy-file.sh " + pkg + "/kernels/compute.cpp kernels  -> exit 0"), std::string::npos) << r.output;
    // The layout in the VM: the runner in the home, its kernels beside it.
    EXPECT_EQ(read_file(dir_ / "vm/home/kernels/reader.cpp"), read_file(pkg + "/kernels/reader.cpp"));
    EXPECT_EQ(read_file(dir_ / "vm/home/run_kernel.py"), read_file(pkg + "/run_kernel.py"));
}

TEST_F(VmWorkflow, VerifySkipsLinksThatLoopWithAWarning) {
    std::string pkg = package();
    fs::create_symlink("loop", pkg + "/loop");
    ToolResult r = tool("verify pkg");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("warning: '" + pkg + "/loop' skipped: Too many levels of symbolic links"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("PASS: pkg"), std::string::npos) << r.output;
}

TEST_F(VmWorkflow, TheRunnerFailingOnTheDevice) {
    package();
    scenario("device_fails");
    ToolResult r = tool("verify pkg");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("FAIL: pkg on the simulator VM 'ttsim'\nrun_kernel.py exited with status 1 in the VM\nthe log "
                            "ends with:\nTraceback (most recent call last):"),
              std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("RuntimeError: TT_THROW: device timeout on core (0, 0)"), std::string::npos) << r.output;
}

TEST_F(VmWorkflow, ABrokenPackageFailsInTheVmWithTheEmulatorsMessage) {
    std::string pkg = package();
    std::string compute = read_file(pkg + "/kernels/compute.cpp");
    compute.erase(compute.find("            cb_push_back(out_cb, num_tiles);\n"), 45);
    write_file(pkg + "/kernels/compute.cpp", compute);
    ToolResult r = tool("verify pkg");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("deadlock: every kernel thread is waiting"), std::string::npos) << r.output;
}

TEST_F(VmWorkflow, ATimeout) {
    package();
    scenario("timeout");
    ToolResult r = tool("verify pkg --timeout 1");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("could not run run_kernel.py in the VM: '" "run-test.sh " + dir_ / "pkg/run_kernel.py' timed out after 1 s"),
              std::string::npos)
        << r.output;
}

TEST_F(VmWorkflow, NamesWithSpacesAndShellMetacharacters) {
    std::string name = "my pkg $(touch INJECTED); 'q' `touch INJECTED2` & x";
    std::string pkg = package(name);
    ToolResult r = tool("verify " + quote(name));
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("PASS: " + name + " on the simulator VM"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("$ copy-file.sh '" + dir_.path() + "/my pkg $(touch INJECTED); '\\''q'\\'' `touch INJECTED2` & "
                            "x/run_kernel.py'"),
              std::string::npos)
        << r.output;
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir_.path())) {
        EXPECT_EQ(e.path().filename().string().rfind("INJECTED", 0), std::string::npos) << e.path();
    }
}

TEST_F(VmWorkflow, TemplatesComeFromTheConfig) {
    package();
    // Another VM name, and --local through a template that runs the package on the emulator.
    write_file(dir_ / "ttl-export.toml",
               "[vm]\nname = \"othervm\"\n[commands]\nlocal_python = [\"" + export_binary() +
                   "\", \"run\", \"{file}\"]\n");
    setenv("TTL_FAKE_VM_NAME", "othervm", 1);
    ToolResult vm = tool("verify pkg");
    EXPECT_EQ(vm.status, 0) << vm.output;
    EXPECT_NE(vm.output.find("$ limactl shell othervm -- cat /tmp/ttlang_test_output.log"), std::string::npos) << vm.output;
    ToolResult local = tool("verify pkg --local");
    EXPECT_EQ(local.status, 0) << local.output;
    EXPECT_NE(local.output.find("PASS: pkg on this machine"), std::string::npos) << local.output;
    ToolResult emulator = tool("verify pkg --emulator");
    EXPECT_EQ(emulator.status, 0) << emulator.output;
    EXPECT_NE(emulator.output.find("PASS"), std::string::npos) << emulator.output;
}

TEST_F(VmWorkflow, AMissingScriptSaysWhichCommandAndWhereItIsConfigured) {
    package();
    write_file(dir_ / "ttl-export.toml", "[commands]\ncopy_in = [\"no-such-copy.sh\", \"{file}\"]\n");
    ToolResult r = tool("verify pkg");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("cannot run 'no-such-copy.sh': No such file or directory (the 'copy_in' command comes from "
                            "ttl-export.toml)"),
              std::string::npos)
        << r.output;
}

TEST(WorkflowConfig, ErrorsNameTheFileLineAndKey) {
    std::string error;
    EXPECT_FALSE(workflow::parse_config("[vm]\nname = 3\n", "c.toml", error));
    EXPECT_EQ(error, "c.toml:2:8: error: vm.name must be a string");
    EXPECT_FALSE(workflow::parse_config("[commands]\nrun = \"run-test.sh {file}\"\n", "c.toml", error));
    EXPECT_EQ(error, "c.toml:2:7: error: commands.run must be a non-empty list of strings, e.g. [\"run-test.sh\", \"{file}\"]");
    EXPECT_FALSE(workflow::parse_config("[commands]\ndeploy = [\"x\"]\n", "c.toml", error));
    EXPECT_NE(error.find("unknown command 'deploy'"), std::string::npos) << error;
    EXPECT_FALSE(workflow::parse_config("[vm\n", "c.toml", error));
    EXPECT_EQ(error.rfind("c.toml:1:", 0), 0U) << error;
}

TEST(WorkflowConfig, TheShippedFileIsTheBuiltInDefaults) {
    std::string error;
    auto shipped = workflow::read_config(source_path("config/ttl-export.toml"), error);
    ASSERT_TRUE(shipped) << error;
    workflow::Config defaults = workflow::default_config();
    EXPECT_EQ(shipped->commands, defaults.commands);
    EXPECT_EQ(shipped->vm, defaults.vm);
    EXPECT_EQ(shipped->log, defaults.log);
    EXPECT_EQ(shipped->emit_dir, defaults.emit_dir);
    EXPECT_EQ(shipped->timeout_seconds, defaults.timeout_seconds);
}

TEST(WorkflowConfig, ExpandKeepsEachValueOneArgument) {
    std::string error;
    auto argv = workflow::expand({"copy-file.sh", "{file}", "{dest_dir}"}, {{"file", "a b;$(x)"}, {"dest_dir", ""}}, error);
    EXPECT_EQ(argv, (std::vector<std::string>{"copy-file.sh", "a b;$(x)"}));
    argv = workflow::expand({"limactl", "copy", "{vm}:{remote}"}, {{"vm", "ttsim"}, {"remote", "/tmp/u/f.cpp"}}, error);
    EXPECT_EQ(argv, (std::vector<std::string>{"limactl", "copy", "ttsim:/tmp/u/f.cpp"}));
    EXPECT_TRUE(workflow::expand({"x", "{nope}"}, {}, error).empty());
    EXPECT_EQ(error, "unknown placeholder '{nope}' in command 'x {nope}'");
}

}  // namespace
}  // namespace ttl::test
