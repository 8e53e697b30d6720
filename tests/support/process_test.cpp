#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

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

TEST(Process, InputIsAskedForOnceTheChildRunsAndSentToItsStdin) {
    // 2 MB, more than a pipe holds both ways: cat echoes it while it is still being written.
    std::string text;
    for (int i = 0; text.size() < (2u << 20); ++i) text += "line " + std::to_string(i) + "\n";
    bool asked = false;
    ProcessOptions options;
    options.input = [&] {
        asked = true;
        return text;
    };
    ProcessResult r = run_process({"cat"}, options);
    EXPECT_TRUE(asked);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.output.size(), text.size());
    EXPECT_TRUE(r.output == text);
}

TEST(Process, AChildThatDoesNotReadItsInputEndsNormally) {
    // Writing to a pipe nobody reads raises SIGPIPE, which must not end the caller.
    ProcessOptions options;
    options.input = [] { return std::string(1u << 20, 'x'); };
    ProcessResult r = run_process({"sh", "-c", "exec 0<&-; echo done"}, options);
    EXPECT_TRUE(r.ok()) << r.output << r.error;
    EXPECT_EQ(r.output, "done\n");
}

TEST(Process, InputThatThrowsEndsTheChildAndIsPassedOn) {
    test::TempDir dir;
    std::string pid_file = dir.path() + "/pid";
    ProcessOptions options;
    options.input = [&]() -> std::string {
        // Once the child has said who it is.
        for (int i = 0; i < 1000 && !std::filesystem::exists(pid_file); ++i) usleep(10000);
        throw std::runtime_error("no input after all");
    };
    EXPECT_THROW(run_process({"sh", "-c", "echo $$ > '" + pid_file + "'.tmp; mv '" + pid_file + "'.tmp '" + pid_file +
                                              "'; exec sleep 60"},
                             options),
                 std::runtime_error);
    std::ifstream in(pid_file);
    pid_t pid = 0;
    ASSERT_TRUE(in >> pid);
    EXPECT_EQ(kill(pid, 0), -1);  // killed and reaped: no such process
    EXPECT_EQ(errno, ESRCH);
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
