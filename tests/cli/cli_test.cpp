// The ttl-export binary as users run it: help, version, exit codes, the dump command, and the
// planned commands that must say clearly that they are not built yet.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "test_util.h"

namespace ttl {
namespace {

namespace fs = std::filesystem;

using Result = test::ToolResult;

Result run(const std::string& args) {
    return test::run_tool(args);
}

TEST(Cli, VersionAndHelp) {
    Result version = run("--version");
    EXPECT_EQ(version.status, 0);
    EXPECT_EQ(version.output.rfind("ttl-export 0.", 0), 0U) << version.output;

    Result help = run("--help");
    EXPECT_EQ(help.status, 0);
    for (const char* command : {"export", "check", "equiv", "run", "verify", "dump"}) {
        EXPECT_NE(help.output.find(command), std::string::npos) << command;
    }
}

TEST(Cli, AMissingFileReadsTheSameInEveryCommand) {
    for (const char* args : {"no-such-pkg", "export no-such-pkg", "check no-such-pkg", "equiv no-such-pkg x.cpp",
                             "run no-such-pkg", "verify no-such-pkg", "dump no-such-pkg"}) {
        Result r = run(args);
        EXPECT_EQ(r.status, 2) << args << ": " << r.output;
        EXPECT_EQ(r.output.rfind("no-such-pkg: error: cannot read: No such file or directory\n", 0), 0U)
            << args << ": " << r.output;
    }
    Result program = run("run no-such-program.json");  // a program description
    EXPECT_EQ(program.status, 2) << program.output;
    EXPECT_EQ(program.output, "no-such-program.json: error: cannot read: No such file or directory\n");
}

TEST(Cli, AFolderWhereAFileBelongsIsBadInputInEveryCommand) {
    // A program description and a workflow config are read like every other input: a folder in
    // their place is exit 2 with the reason, not an internal error or "not valid JSON".
    test::TempDir dir;
    fs::create_directories(dir / "program.json");
    fs::create_directories(dir / "ttl-export.toml");
    Result program = run("run " + dir / "program.json");
    EXPECT_EQ(program.status, 2) << program.output;
    EXPECT_EQ(program.output, dir / "program.json" + ": error: cannot read: it is a directory, expected a file\n");
    Result config = run(test::source_path("examples/eltwise_add/add.py") + " --compile --config " + dir / "ttl-export.toml" + " -o " +
                        dir / "out");
    EXPECT_EQ(config.status, 2) << config.output;
    EXPECT_EQ(config.output, dir / "ttl-export.toml" +
                                 ": error: cannot read: it is a directory, expected a file (the workflow config)\n");
    Result missing = run(test::source_path("examples/eltwise_add/add.py") + " --compile --config " + dir / "none.toml" + " -o " + dir / "out");
    EXPECT_EQ(missing.status, 2) << missing.output;
    EXPECT_EQ(missing.output, dir / "none.toml" + ": error: cannot read: No such file or directory (the workflow config)\n");
    EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(Cli, AnExceptionThatReachesMainIsAnInternalErrorWithExitFour) {
    Result r = test::run_tool("--version", "", "TTL_EXPORT_TEST_THROW=boom");
    EXPECT_EQ(r.status, 4) << r.output;
    EXPECT_EQ(r.output, "ttl-export: internal error: TTL_EXPORT_TEST_THROW=boom (please report this with the command "
                        "line)\n");
}

TEST(Cli, UsageErrorsExitTwo) {
    EXPECT_EQ(run("").status, 2);
    EXPECT_EQ(run("equiv only-one.cpp").status, 2);
    EXPECT_EQ(run("dump --no-such-flag x.cpp").status, 2);
}

TEST(Cli, DumpPrintsTheModel) {
    Result r =
        run("dump " + test::source_path(
                          "examples/eltwise_add/emitted/ttlang_kernel_read_inputs_b0a2efc8.cpp"));
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("header read_inputs\nentry kernel_main\n"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("expr 30:7 call(noc_async_read_barrier)"), std::string::npos)
        << r.output;
}

TEST(Cli, DumpTokens) {
    Result r = run(
        "dump --tokens " +
        test::source_path("examples/eltwise_add/emitted/ttlang_kernel_read_inputs_b0a2efc8.cpp"));
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(
        r.output.rfind("1:1 comment // read_inputs\n2:1 preprocessor #include <cstdint>\n", 0), 0U)
        << r.output.substr(0, 200);
}

TEST(Cli, DumpErrorsAreDiagnostics) {
    Result missing = run("dump /nonexistent/k.cpp");
    EXPECT_EQ(missing.status, 2);
    EXPECT_EQ(missing.output,
              "/nonexistent/k.cpp: error: cannot read: No such file or directory\n");

    Result dir = run("dump " + test::source_path("examples"));
    EXPECT_EQ(dir.status, 2);
    EXPECT_NE(dir.output.find("error: cannot read: it is a directory, expected a file"),
              std::string::npos);
}

TEST(Cli, EquivTakesTheCircularBufferIndicesFromTheRunner) {
    // The hand procedure's `constexpr uint32_t lhs_cb = 0;` where the compiler wrote
    // get_compile_time_arg_val(0): proven with the package's run_kernel.py (found from AFTER's
    // place in the package) or an emitted runner given with --runner; refused without either.
    test::TempDir dir;
    const std::string compiler = "examples/eltwise_add/emitted/ttlang_kernel_add_compute_35170be0.cpp";
    ASSERT_EQ(test::run_tool("examples/eltwise_add/add.py --from examples/eltwise_add/emitted -o " + dir / "pkg",
                             test::source_dir())
                  .status,
              0);
    std::string kernel = test::read_file(dir / "pkg/kernels/compute.cpp");
    const std::string named = "constexpr uint32_t lhs_cb = get_compile_time_arg_val(0);";
    ASSERT_NE(kernel.find(named), std::string::npos);
    kernel.replace(kernel.find(named), named.size(), "constexpr uint32_t lhs_cb = 0;");
    test::write_file(dir / "pkg/kernels/compute.cpp", kernel);
    test::write_file(dir / "alone.cpp", kernel);
    EXPECT_EQ(test::run_tool("equiv " + compiler + " " + dir / "pkg/kernels/compute.cpp", test::source_dir()).status, 0);
    EXPECT_EQ(test::run_tool("equiv " + compiler + " " + dir / "alone.cpp", test::source_dir()).status, 1);
    EXPECT_EQ(test::run_tool("equiv " + compiler + " " + dir / "alone.cpp --runner " +
                                 "examples/eltwise_add/emitted/ttlang_kernel_add_compute_35170be0_runner.py",
                             test::source_dir())
                  .status,
              0);
    EXPECT_EQ(test::run_tool("equiv " + compiler + " " + dir / "alone.cpp --runner " + dir / "missing.py", test::source_dir())
                  .status,
              2);
}

TEST(Cli, AnExportMadeByHandFollowingTheProcedureIsProven) {
    // tests/fixtures/hand_made/eltwise_add was made by hand from eltwise_add's compiler output
    // with the export procedure's steps: renamed from add.py, cast chains collapsed, CB indices
    // as `constexpr uint32_t cb_lhs = 0;` (compute, reader) and `int32_t cb_out =
    // get_compile_time_arg_val(2);` (writer), `row < 4` for the loop bound, comments and
    // `/*dst*/` argument notes, its own run_kernel.py from the procedure's template.
    const std::string emitted = "examples/eltwise_add/emitted/";
    const std::string hand = "tests/fixtures/hand_made/eltwise_add/";
    const std::string runner = emitted + "ttlang_kernel_add_compute_35170be0_runner.py";
    const std::pair<const char*, const char*> pairs[] = {{"ttlang_kernel_add_compute_35170be0.cpp", "compute.cpp"},
                                                         {"ttlang_kernel_read_inputs_b0a2efc8.cpp", "reader.cpp"},
                                                         {"ttlang_kernel_write_output_9a6f1207.cpp", "writer.cpp"}};
    for (const auto& [compiler, exported] : pairs) {
        test::ToolResult r = test::run_tool("equiv " + emitted + compiler + " " + hand + "kernels/" + exported +
                                                " --runner " + runner + " 2>&1",
                                            test::source_dir());
        EXPECT_EQ(r.status, 0) << exported << "\n" << r.output;
        EXPECT_EQ(r.output.rfind("equivalent: ", 0), 0U) << r.output;
    }
    // Its run_kernel.py is the procedure's, not ours: equiv passes over it, and then a literal CB
    // index cannot be proven; the message says what to pass.
    test::ToolResult alone = test::run_tool(
        "equiv " + emitted + pairs[0].first + " " + hand + "kernels/compute.cpp 2>&1", test::source_dir());
    EXPECT_EQ(alone.status, 1) << alone.output;
    EXPECT_NE(alone.output.find("pass the runner: --runner FILE"), std::string::npos) << alone.output;
    // A hand edit that changes the program is still refused: the loop bound 4 -> 5.
    test::TempDir dir;
    std::string writer = test::read_file(test::source_path(hand + "kernels/writer.cpp"));
    ASSERT_NE(writer.find("row < 4;"), std::string::npos);
    writer.replace(writer.find("row < 4;"), 8, "row < 5;");
    test::write_file(dir / "writer.cpp", writer);
    EXPECT_EQ(test::run_tool("equiv " + emitted + pairs[2].first + " " + dir / "writer.cpp --runner " + runner,
                             test::source_dir())
                  .status,
              1);
}

}  // namespace
}  // namespace ttl
