#include <gtest/gtest.h>

#include <filesystem>

#include "support/process.h"
#include "test_util.h"

namespace ttl {
namespace {

TEST(Process, CapturesStdoutAndStderrAndTheExitCode) {
    ProcessResult r = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
    EXPECT_TRUE(r.started);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.output, "out\nerr\n");
}

TEST(Process, StdinIsEmptyAndTheEnvironmentIsAdded) {
    ProcessOptions options;
    options.env = {{"TTL_PROCESS_TEST", "a value"}};
    // `cat` reads stdin: /dev/null, so it ends at once.
    ProcessResult r = run_process({"sh", "-c", "cat; echo \"[$TTL_PROCESS_TEST]\""}, options);
    EXPECT_TRUE(r.ok()) << r.output << r.error;
    EXPECT_EQ(r.output, "[a value]\n");
}

TEST(Process, RunsInTheWorkingFolderAndInItsOwnProcessGroup) {
    test::TempDir dir;
    ProcessOptions options;
    options.cwd = dir.path();
    // Field 5 of /proc/PID/stat is the process group: the child's own pid.
    ProcessResult r = run_process({"sh", "-c", "pwd; echo $$; cut -d' ' -f5 /proc/$$/stat"}, options);
    ASSERT_TRUE(r.ok()) << r.output << r.error;
    std::string pwd = r.output.substr(0, r.output.find('\n'));
    EXPECT_EQ(std::filesystem::canonical(pwd), std::filesystem::canonical(dir.path()));
    std::string rest = r.output.substr(r.output.find('\n') + 1);
    std::string pid = rest.substr(0, rest.find('\n'));
    EXPECT_EQ(rest.substr(rest.find('\n') + 1), pid + "\n");
}

TEST(Process, WhatCannotStartSaysWhy) {
    ProcessResult missing = run_process({"ttl-export-no-such-program"});
    EXPECT_FALSE(missing.started);
    EXPECT_EQ(missing.error, "cannot run 'ttl-export-no-such-program': No such file or directory");
    ProcessOptions options;
    options.cwd = "/nonexistent-folder-of-ttl-export";
    ProcessResult nowhere = run_process({"true"}, options);
    EXPECT_FALSE(nowhere.started);
    EXPECT_EQ(nowhere.error, "cannot run 'true' in '/nonexistent-folder-of-ttl-export': No such file or directory");
    EXPECT_FALSE(run_process({}).started);
}

TEST(Process, ATimeoutKillsTheWholeGroup) {
    ProcessOptions options;
    options.timeout_seconds = 0.3;
    // The shell's child sleeps too: killing only the shell would leave it holding the pipe.
    ProcessResult r = run_process({"sh", "-c", "sleep 30 & sleep 30; echo never"}, options);
    EXPECT_TRUE(r.started);
    EXPECT_TRUE(r.timed_out);
    EXPECT_LT(r.seconds, 10.0);
    EXPECT_EQ(r.output.find("never"), std::string::npos);
}

}  // namespace
}  // namespace ttl
