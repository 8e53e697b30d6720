// The system Python's check of a runner: the text given at once or after the interpreter started,
// and a check started before ttl-export runs itself again, taken over by the new run.
#include "support/python_check.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "test_util.h"

namespace ttl {
namespace {

TEST(PythonCheck, FindsASyntaxErrorAndAnUndefinedName) {
    PythonCheck bad = check_python("run_kernel.py", std::string("x = (\n"));
    ASSERT_TRUE(bad.ran) << bad.note;
    ASSERT_EQ(bad.problems.size(), 1U);
    EXPECT_TRUE(bad.problems[0].syntax);
    EXPECT_EQ(bad.problems[0].line, 1U);

    PythonCheck undefined = check_python("run_kernel.py", std::string("import os\nprint(os.sep, missing_name)\n"));
    ASSERT_TRUE(undefined.ran) << undefined.note;
    ASSERT_TRUE(undefined.pyflakes) << undefined.note;  // scripts/deps installs python3-pyflakes
    ASSERT_EQ(undefined.problems.size(), 1U);
    EXPECT_FALSE(undefined.problems[0].syntax);
    EXPECT_EQ(undefined.problems[0].line, 2U);
    EXPECT_NE(undefined.problems[0].message.find("missing_name"), std::string::npos);
}

/// Gives `pending` a function that returns the undefined `name` and expects that one finding.
void expect_one_undefined_name(PendingPythonCheck& pending, const std::string& name) {
    pending.give("def main():\n    return " + name + "\n");
    PythonCheck r = pending.get();
    ASSERT_TRUE(r.ran) << r.note;
    ASSERT_EQ(r.problems.size(), 1U);
    EXPECT_EQ(r.problems[0].line, 2U);
    EXPECT_NE(r.problems[0].message.find(name), std::string::npos);
}

TEST(PythonCheck, APendingCheckReadsTheTextGivenLater) {
    PendingPythonCheck pending("run_kernel.py");
    expect_one_undefined_name(pending, "undefined_here");
}

TEST(PythonCheck, ACompileOnlyCheckFindsSyntaxErrorsAndLooksForNoNames) {
    PendingPythonCheck undefined("run_kernel.py");
    undefined.give("def main():\n    return not_defined\n", /*lint=*/false);
    PythonCheck r = undefined.get();
    ASSERT_TRUE(r.ran) << r.note;
    EXPECT_FALSE(r.pyflakes);  // not looked for: no finding, and the check says so
    EXPECT_TRUE(r.problems.empty());

    PendingPythonCheck bad("run_kernel.py");
    bad.give("def main():\n    return (\n", /*lint=*/false);
    PythonCheck b = bad.get();
    ASSERT_TRUE(b.ran) << b.note;
    ASSERT_EQ(b.problems.size(), 1U);
    EXPECT_TRUE(b.problems[0].syntax);
    // What only the bytecode compiler refuses (not the parser) is refused too.
    PendingPythonCheck outside("run_kernel.py");
    outside.give("x = 1\nreturn x\n", /*lint=*/false);
    PythonCheck o = outside.get();
    ASSERT_TRUE(o.ran) << o.note;
    ASSERT_EQ(o.problems.size(), 1U);
    EXPECT_EQ(o.problems[0].line, 2U);
}

TEST(PythonCheck, TheInterpreterReadsTheModeLineThenTheText) {
    EXPECT_EQ(python_check_input("x = 1\n", true), "lint\nx = 1\n");
    EXPECT_EQ(python_check_input("x = 1\n", false), "compile\nx = 1\n");
}

TEST(PythonCheck, APendingCheckNeverGivenATextChecksAnEmptyFile) {
    // An export that stops before its runner is written: get() and the destructor do not wait
    // for a text that never comes.
    {
        PendingPythonCheck abandoned("run_kernel.py");
    }
    PendingPythonCheck asked("run_kernel.py");
    PythonCheck r = asked.get();
    EXPECT_TRUE(r.ran) << r.note;
    EXPECT_TRUE(r.problems.empty());
}

TEST(PythonCheck, ThePthFilesOfSitePackagesAreNotRunWhenPyflakesIsFoundWithoutThem) {
    // A virtual environment whose site-packages holds a .pth file (code Python runs when it
    // processes the site directories) that prints a finding in the check's own format.
    test::TempDir dir;
    std::string env = dir / "env";
    test::ToolResult made =
        test::run_command(system_python() + " -m venv --without-pip --system-site-packages '" + env + "' 2>&1");
    ASSERT_EQ(made.status, 0) << made.output;  // scripts/deps installs python3-venv
    test::ToolResult site = test::run_command(
        "'" + env + "/bin/python' -c 'import sysconfig; print(sysconfig.get_path(\"purelib\"))'");
    ASSERT_EQ(site.status, 0) << site.output;
    std::string site_packages = site.output.substr(0, site.output.find('\n'));
    ASSERT_EQ(site_packages.rfind(env, 0), 0U) << site_packages;  // the environment's own
    std::ofstream(site_packages + "/zz_probe.pth") << "import sys; print('E\\t1\\t1\\tprinted by a .pth file')\n";
    // The probe does run when Python processes the site directories as usual.
    test::ToolResult usual = test::run_command("'" + env + "/bin/python' -c pass");
    ASSERT_NE(usual.output.find("printed by a .pth file"), std::string::npos) << usual.output;

    test::ScopedVariable python("TTL_EXPORT_PYTHON", (env + "/bin/python").c_str());
    PythonCheck clean = check_python("run_kernel.py", std::string("import os\nprint(os.sep)\n"));
    PythonCheck undefined = check_python("run_kernel.py", std::string("print(not_here)\n"));
    ASSERT_TRUE(clean.ran) << clean.note;
    EXPECT_TRUE(clean.pyflakes) << clean.note;
    EXPECT_TRUE(clean.problems.empty()) << clean.problems[0].message;
    ASSERT_EQ(undefined.problems.size(), 1U);  // pyflakes was found and ran
    EXPECT_NE(undefined.problems[0].message.find("not_here"), std::string::npos);
}

/// The pid and pipes kPythonCheckVariable names, or {-1, -1, -1} when it is not set.
std::array<int, 3> named_check() {
    const char* v = std::getenv(kPythonCheckVariable);
    if (v == nullptr) return {-1, -1, -1};
    std::array<int, 3> out{};
    EXPECT_EQ(std::sscanf(v, "%d:%d:%d:", &out[0], &out[1], &out[2]), 3) << v;
    return out;
}

TEST(PythonCheck, ACheckStartedEarlyIsTakenOverByTheNextOfItsName) {
    ASSERT_EQ(std::getenv(kPythonCheckVariable), nullptr);
    start_python_check_early("early.py");
    auto [pid, in, out] = named_check();
    ASSERT_GT(pid, 0);
    // Its pipes survive an exec until taken over, then close on one.
    EXPECT_EQ(fcntl(in, F_GETFD) & FD_CLOEXEC, 0);
    EXPECT_EQ(fcntl(out, F_GETFD) & FD_CLOEXEC, 0);
    take_over_python_check();
    EXPECT_EQ(std::getenv(kPythonCheckVariable), nullptr);
    EXPECT_NE(fcntl(in, F_GETFD) & FD_CLOEXEC, 0);
    EXPECT_NE(fcntl(out, F_GETFD) & FD_CLOEXEC, 0);
    {
        PendingPythonCheck other("late.py");  // another name: an interpreter of its own
        other.give("x = (\n");
        PythonCheck r = other.get();
        ASSERT_EQ(r.problems.size(), 1U) << r.note;
    }
    EXPECT_EQ(waitpid(pid, nullptr, WNOHANG), 0);  // still waiting for its text
    PendingPythonCheck taken("early.py");
    expect_one_undefined_name(taken, "undefined_early");
    EXPECT_LT(waitpid(pid, nullptr, WNOHANG), 0);  // waited for: no longer a child
    EXPECT_EQ(errno, ECHILD);
    EXPECT_LT(fcntl(in, F_GETFD), 0);  // both pipes closed
}

TEST(PythonCheck, AVariableThatNamesNoChildOfOursIsDropped) {
    setenv(kPythonCheckVariable, "1:0:1:run_kernel.py", 1);  // init, and our own stdin and stdout
    take_over_python_check();
    EXPECT_EQ(std::getenv(kPythonCheckVariable), nullptr);
    EXPECT_EQ(fcntl(0, F_GETFD) & FD_CLOEXEC, 0);  // left as they were
    PendingPythonCheck own("run_kernel.py");  // starts its own interpreter
    own.give("x = (\n");
    PythonCheck r = own.get();
    ASSERT_TRUE(r.ran) << r.note;
    ASSERT_EQ(r.problems.size(), 1U);
    setenv(kPythonCheckVariable, "not:a:check", 1);
    take_over_python_check();
    EXPECT_EQ(std::getenv(kPythonCheckVariable), nullptr);
}

}  // namespace
}  // namespace ttl
