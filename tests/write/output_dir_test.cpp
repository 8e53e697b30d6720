// Output safety: `--force` replaces an earlier package of ours or an empty directory and nothing
// else; the source, the inputs, the current directory, $HOME and `/` are never replaced; no
// temporary directory is left behind; an interrupted export removes what it wrote. Every test
// works inside a directory it created (HOME is pointed at one too).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "support/signal_cleanup.h"
#include "test_util.h"
#include "write/output_dir.h"

namespace ttl {
namespace {

namespace fs = std::filesystem;
using test::ToolResult;

/// A copy of the add example in a fresh directory, with HOME pointed inside it.
class OutputSafety : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::copy(test::source_path("examples/eltwise_add"), dir_ / "add",
                 fs::copy_options::recursive);
        fs::create_directories(dir_ / "home");
        test::write_file(dir_ / "home/notes.txt", "my notes");
        test::write_file(dir_ / "add/notes.txt", "my notes");
    }
    ToolResult tool(const std::string& args) {
        return test::run_tool(args, dir_.path(), "HOME='" + dir_ / "home" + "'");
    }
    ToolResult export_to(const std::string& out, const std::string& extra = "--force") {
        return tool("add/add.py --from add/emitted -o '" + out + "' " + extra);
    }
    /// Every file below the test directory with its contents, to prove nothing changed.
    std::string snapshot() {
        std::string out;
        std::vector<std::string> lines;
        for (const auto& e : fs::recursive_directory_iterator(dir_.path())) {
            std::string line = fs::relative(e.path(), dir_.path()).string();
            if (e.is_regular_file()) line += " " + test::read_file(e.path().string());
            lines.push_back(line);
        }
        std::sort(lines.begin(), lines.end());
        for (const std::string& l : lines)
            out += l + "\n";
        return out;
    }
    void expect_refused(const std::string& out, const std::string& reason) {
        std::string before = snapshot();
        ToolResult r = export_to(out);
        EXPECT_EQ(r.status, 2) << out << "\n" << r.output;
        EXPECT_NE(r.output.find(reason), std::string::npos) << out << "\n" << r.output;
        EXPECT_TRUE(snapshot() == before) << "something changed for -o " << out;
    }
    test::TempDir dir_;
};

TEST_F(OutputSafety, NeverReplacesTheHomeDirectoryTheRootOrTheCurrentDirectory) {
    expect_refused(dir_ / "home", "it is your home directory ($HOME)");
    expect_refused("/", "it is the root directory");
    // The test's folder holds HOME, so that reason comes first; a folder of its own is refused
    // as the current directory.
    expect_refused(".", "it contains '" + dir_ / "home" + "', your home directory ($HOME)");
    expect_refused("./", "it contains '" + dir_ / "home" + "', your home directory ($HOME)");
    expect_refused("..", "it contains");
    fs::create_directories(dir_ / "work");
    std::string before = snapshot();
    ToolResult r =
        test::run_tool(test::source_path("examples/eltwise_add/add.py") + " --from " +
                           test::source_path("examples/eltwise_add/emitted") + " -o . --force",
                       dir_ / "work", "HOME='" + dir_ / "home" + "'");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find(
                  ".: error: refusing to use this output directory: it is the current directory"),
              std::string::npos)
        << r.output;
    EXPECT_TRUE(snapshot() == before) << "something changed";
}

TEST_F(OutputSafety, NeverReplacesTheSourceOrTheInputsOrTheirParents) {
    expect_refused("add", "it contains 'add/add.py', an input of this export");
    expect_refused("add/emitted", "it is an input of this export");
    expect_refused("add/add.py",
                   "the output path is a file, not a directory; ttl-export never replaces a file");
    expect_refused("add/emitted/ttlang_kernel_add_compute_35170be0.cpp", "never replaces a file");
    // The runner given with --from is an input too, and so is its folder.
    std::string before = snapshot();
    ToolResult r = tool(
        "add/add.py --from add/emitted/ttlang_kernel_add_compute_35170be0_runner.py -o add/emitted "
        "--force");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("an input of this export"), std::string::npos) << r.output;
    EXPECT_TRUE(snapshot() == before) << "something changed";
}

TEST_F(OutputSafety, RefusesAFolderOfOtherFilesAndAPackageTheUserAddedTo) {
    test::write_file(dir_ / "data/weights.bin", "w");
    expect_refused(
        "data",
        "it is not a package ttl-export wrote (no EXPORT.md of ours); it holds 'weights.bin'");
    // An EXPORT.md that is not ours does not make a folder replaceable.
    test::write_file(dir_ / "data/EXPORT.md", "# My export notes\n");
    expect_refused("data", "it is not a package ttl-export wrote");

    ASSERT_EQ(export_to("pkg", "").status, 0);
    test::write_file(dir_ / "pkg/kernels/tuned.cpp", "// mine");
    test::write_file(dir_ / "pkg/results/run1.txt", "PASS");
    expect_refused(
        "pkg",
        "it holds 'kernels/tuned.cpp', 'results/', 'results/run1.txt' that its EXPORT.md does "
        "not list; move them out first");
    // A link inside the package is not one of its files either.
    fs::remove(dir_ / "pkg/kernels/tuned.cpp");
    fs::remove_all(dir_ / "pkg/results");
    fs::create_symlink(dir_ / "home", dir_ / "pkg/home-link");
    expect_refused("pkg", "'home-link (not a regular file)'");
    EXPECT_EQ(test::read_file(dir_ / "home/notes.txt"), "my notes");
}

TEST_F(OutputSafety, AnEXPORTmdThatListsPathsOutsideThePackageIsNotOurs) {
    ASSERT_EQ(export_to("pkg", "").status, 0);
    std::string md = test::read_file(dir_ / "pkg/EXPORT.md");
    test::write_file(dir_ / "pkg/EXPORT.md", md + "- `../home/notes.txt`\n");
    expect_refused("pkg", "it is not a package ttl-export wrote");
    EXPECT_FALSE(listed_package_files(
        "# Export of x\n\nExported by ttl-export from\n\n## Package files\n\n- `/etc/x`\n"));
    EXPECT_FALSE(listed_package_files(
        "# Export of x\n\nExported by ttl-export from\n\n## Package files\n\n- `a/../../b`\n"));
    auto ok = listed_package_files(
        "# Export of x\n\nExported by ttl-export from\n\n## Package files\n\n- `run_kernel.py`\n"
        "- `EXPORT.md`\n\n## Next\n- `not/this`\n");
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, (std::vector<std::string>{"EXPORT.md", "run_kernel.py"}));
}

TEST_F(OutputSafety, LinksAndFilesAreNeverReplaced) {
    ASSERT_EQ(export_to("pkg", "").status, 0);
    fs::create_symlink(dir_ / "pkg", dir_ / "link");
    expect_refused("link", "the output path is a symbolic link");
    test::write_file(dir_ / "file.txt", "x");
    expect_refused("file.txt", "never replaces a file");
}

TEST_F(OutputSafety, ForceReplacesAnEarlierPackageOrAnEmptyDirectory) {
    ASSERT_EQ(export_to("pkg", "").status, 0);
    std::string first = test::read_file(dir_ / "pkg/kernels/reader.cpp");
    ToolResult again = export_to("pkg", "--force --no-rename");
    ASSERT_EQ(again.status, 0) << again.output;
    EXPECT_NE(test::read_file(dir_ / "pkg/kernels/reader.cpp"), first);
    // A package written before EXPORT.md listed its files (only the kernel table; no EXPORT.html
    // either, which came later) is ours too.
    std::string md = test::read_file(dir_ / "pkg/EXPORT.md");
    test::write_file(dir_ / "pkg/EXPORT.md", md.substr(0, md.find("\n## Package files")));
    fs::remove(dir_ / "pkg/EXPORT.html");
    EXPECT_EQ(export_to("pkg").status, 0);
    fs::create_directories(dir_ / "empty");
    ToolResult empty = export_to("empty");
    EXPECT_EQ(empty.status, 0) << empty.output;
    EXPECT_TRUE(fs::exists(dir_ / "empty/run_kernel.py"));
    for (const auto& e : fs::directory_iterator(dir_.path())) {
        EXPECT_EQ(e.path().filename().string().find(".ttl-export-"), std::string::npos)
            << "left: " << e.path();
    }
}

TEST_F(OutputSafety, WithoutForceNothingIsEverDeleted) {
    fs::create_directories(dir_ / "empty");
    std::string before = snapshot();
    ToolResult r = export_to("empty", "");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("already exists; pass '--force'"), std::string::npos) << r.output;
    EXPECT_TRUE(snapshot() == before) << "something changed";
}

TEST_F(OutputSafety, TrailingSlashLongNamesAndMissingParents) {
    ToolResult slash = export_to("pkg/", "");
    EXPECT_EQ(slash.status, 0) << slash.output;
    EXPECT_NE(slash.output.find("to pkg/\n"), std::string::npos) << slash.output;
    EXPECT_TRUE(fs::exists(dir_ / "pkg/EXPORT.md"));
    std::string long_name(250, 'k');  // the longest name most file systems take is 255 bytes
    ToolResult lng = export_to(long_name, "");
    EXPECT_EQ(lng.status, 0) << lng.output;
    EXPECT_TRUE(fs::exists(dir_ / long_name + "/run_kernel.py"));
    ToolResult nested = export_to("a/b/c", "");
    EXPECT_EQ(nested.status, 0) << nested.output;
    EXPECT_TRUE(fs::exists(dir_ / "a/b/c/kernels/compute.cpp"));
}

TEST_F(OutputSafety, AFailedExportLeavesNothingBehind) {
    test::write_file(dir_ / "add/emitted/ttlang_kernel_read_inputs_b0a2efc8.cpp",
                     "void kernel_main() {\n  for (int i = 0; i < 3; ++i) {\n");
    std::string before = snapshot();
    ToolResult r = export_to("pkg", "");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("'{' is never closed"), std::string::npos) << r.output;
    EXPECT_TRUE(snapshot() == before) << "the failed export changed the test directory";
}

TEST_F(OutputSafety, AKernelCutShortInItsIncludeBlockIsAnError) {
    std::string path = dir_ / "add/emitted/ttlang_kernel_read_inputs_b0a2efc8.cpp";
    std::string full = test::read_file(path);
    size_t cut = full.find("dataflow_api.h");
    ASSERT_NE(cut, std::string::npos);
    test::write_file(path, full.substr(0, cut + 8));  // inside the file name
    ToolResult inside = export_to("pkg", "");
    EXPECT_EQ(inside.status, 2) << inside.output;
    EXPECT_NE(inside.output.find("error: '#include' without a complete file name"),
              std::string::npos)
        << inside.output;
    test::write_file(path, full.substr(0, full.find('\n', cut) + 1));  // after the last include
    ToolResult after = export_to("pkg", "");
    EXPECT_EQ(after.status, 2) << after.output;
    EXPECT_NE(after.output.find("has no 'kernel_main' (or MAIN) function: the file is cut short"),
              std::string::npos)
        << after.output;
    EXPECT_FALSE(fs::exists(dir_ / "pkg"));
}

TEST_F(OutputSafety, StaleTemporariesOfOursAreRemovedOthersReported) {
    // PIDs above the kernel's limit belong to no process.
    test::write_file(dir_ / ".ttl-export-tmp-99999999-abc/kernels/compute.cpp", "x");
    test::write_file(dir_ / ".ttl-export-tmp-99999999-abc/EXPORT.md", "x");
    test::write_file(dir_ / ".ttl-export-tmp-99999998-def/secret.txt", "mine");
    test::write_file(dir_ / (".ttl-export-tmp-" + std::to_string(getpid()) + "-ghi/EXPORT.md"),
                     "alive");
    ToolResult r = export_to("pkg", "");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / ".ttl-export-tmp-99999999-abc"));
    EXPECT_NE(r.output.find(
                  ".ttl-export-tmp-99999999-abc: note: removed a temporary directory left by an "
                  "interrupted export"),
              std::string::npos)
        << r.output;
    EXPECT_EQ(test::read_file(dir_ / ".ttl-export-tmp-99999998-def/secret.txt"), "mine");
    EXPECT_NE(
        r.output.find(
            ".ttl-export-tmp-99999998-def: warning: a temporary directory left by an interrupted "
            "export was kept"),
        std::string::npos)
        << r.output;
    EXPECT_TRUE(
        fs::exists(dir_ / (".ttl-export-tmp-" + std::to_string(getpid()) + "-ghi/EXPORT.md")));
}

TEST_F(OutputSafety, LinksThatLoopInTheCompilerOutputAreSkippedWithAWarning) {
    fs::create_symlink("loop_runner.py", dir_ / "add/emitted/loop_runner.py");
    fs::create_symlink("b.py", dir_ / "add/emitted/a.py");
    fs::create_symlink("a.py", dir_ / "add/emitted/b.py");
    ToolResult r = export_to("pkg", "");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(
        r.output.find(
            "add/emitted/loop_runner.py: warning: skipped: Too many levels of symbolic links"),
        std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("add/emitted/a.py: warning: skipped"), std::string::npos) << r.output;
    EXPECT_TRUE(fs::exists(dir_ / "pkg/run_kernel.py"));
}

TEST(OutputRace, AnOutputThatAppearsAfterTheCheckIsNeverReplaced) {
    test::TempDir dir;
    Diagnostics d;
    auto plan = plan_output(dir / "pkg", false, {}, d);
    ASSERT_TRUE(plan) << d.render_all();
    test::write_file(dir / "pkg/theirs.txt", "appeared meanwhile");
    EXPECT_FALSE(install_package(*plan, {{"EXPORT.md", "x"}, {"kernels/compute.cpp", "y"}}, d));
    EXPECT_NE(
        d.render_all().find("the output directory appeared while the package was being written"),
        std::string::npos)
        << d.render_all();
    EXPECT_EQ(test::read_file(dir / "pkg/theirs.txt"), "appeared meanwhile");
    EXPECT_FALSE(fs::exists(dir / "pkg/EXPORT.md"));
    for (const auto& e : fs::directory_iterator(dir.path())) {
        EXPECT_EQ(e.path().filename().string().find(".ttl-export-"), std::string::npos)
            << "left: " << e.path();
    }
}

TEST(OutputRace, FilesAddedToTheOldPackageAfterTheCheckPutItBack) {
    test::TempDir dir;
    test::write_file(
        dir / "pkg/EXPORT.md",
        "# Export of a.py\n\nExported by ttl-export from\n\n## Package files\n\n- `EXPORT.md`\n"
        "- `run_kernel.py`\n");
    test::write_file(dir / "pkg/run_kernel.py", "old");
    Diagnostics d;
    auto plan = plan_output(dir / "pkg", true, {}, d);
    ASSERT_TRUE(plan) << d.render_all();
    EXPECT_TRUE(plan->replace);
    test::write_file(dir / "pkg/notes.txt", "written meanwhile");
    EXPECT_FALSE(install_package(*plan, {{"EXPORT.md", "new"}, {"run_kernel.py", "new"}}, d));
    EXPECT_NE(d.render_all().find(
                  "files appeared in the output directory during the export ('notes.txt')"),
              std::string::npos)
        << d.render_all();
    EXPECT_EQ(test::read_file(dir / "pkg/notes.txt"), "written meanwhile");
    EXPECT_EQ(test::read_file(dir / "pkg/run_kernel.py"), "old");
    for (const auto& e : fs::directory_iterator(dir.path())) {
        EXPECT_EQ(e.path().filename().string().find(".ttl-export-"), std::string::npos)
            << "left: " << e.path();
    }
    // Without the intruder the same plan replaces the package.
    fs::remove(dir / "pkg/notes.txt");
    Diagnostics ok;
    EXPECT_TRUE(install_package(*plan, {{"EXPORT.md", "new"}, {"run_kernel.py", "new"}}, ok))
        << ok.render_all();
    EXPECT_EQ(test::read_file(dir / "pkg/run_kernel.py"), "new");
}

TEST(OutputDir, AFileGivenInPiecesIsWrittenAsTheirConcatenation) {
    test::TempDir dir;
    Diagnostics d;
    auto plan = plan_output(dir / "pkg", false, {}, d);
    ASSERT_TRUE(plan) << d.render_all();
    std::string big(100000, 'x');  // a piece larger than one write may take
    std::vector<std::string_view> pieces = {"<html>", "", big, "</html>\n"};
    ASSERT_TRUE(install_package(*plan, {{"EXPORT.html", pieces}, {"EXPORT.md", "md"}}, d)) << d.render_all();
    EXPECT_EQ(test::read_file(dir / "pkg/EXPORT.html"), "<html>" + big + "</html>\n");
    EXPECT_EQ(test::read_file(dir / "pkg/EXPORT.md"), "md");
}

TEST(OutputDir, AFileLargerThanASliceIsWrittenWholeByEveryCore) {
    // Files are written in slices of 2 MB, side by side: slices that end inside a piece, pieces
    // that span slices, an empty file, and a file of exactly one slice come out whole.
    test::TempDir dir;
    Diagnostics d;
    auto plan = plan_output(dir / "pkg", false, {}, d);
    ASSERT_TRUE(plan) << d.render_all();
    std::vector<std::string> texts;
    for (size_t i = 0; i < 7; ++i) {
        std::string t((size_t{1} << 20) - 3 + i * 7, static_cast<char>('a' + i));  // about 1 MB each
        for (size_t k = 0; k < t.size(); k += 4093) t[k] = static_cast<char>('0' + k % 10);
        texts.push_back(std::move(t));
    }
    std::vector<std::string_view> pieces(texts.begin(), texts.end());
    std::string whole;
    for (const std::string& t : texts) whole += t;
    std::string slice(size_t{2} << 20, 's');
    ASSERT_TRUE(install_package(*plan, {{"EXPORT.html", pieces}, {"EXPORT.md", ""}, {"kernels/one.cpp", slice}}, d))
        << d.render_all();
    EXPECT_TRUE(test::read_file(dir / "pkg/EXPORT.html") == whole) << "the page differs from its pieces";
    EXPECT_EQ(test::read_file(dir / "pkg/EXPORT.md"), "");
    EXPECT_TRUE(test::read_file(dir / "pkg/kernels/one.cpp") == slice);
}

TEST(SignalCleanup, ASignalRemovesTheRegisteredFilesAndEndsTheProcessBySignal) {
    test::TempDir dir;
    test::write_file(dir / "t/kernels/a.cpp", "a");
    test::write_file(dir / "t/EXPORT.md", "b");
    test::write_file(dir / "keep.txt", "c");
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        SignalCleanup cleanup({dir / "t/kernels/a.cpp", dir / "t/EXPORT.md"},
                              {dir / "t/kernels", dir / "t"});
        raise(SIGTERM);
        _exit(0);  // not reached
    }
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
    EXPECT_FALSE(fs::exists(dir / "t"));
    EXPECT_TRUE(fs::exists(dir / "keep.txt"));
}

TEST(SignalCleanup, ASignalKillsTheForwardedChildGroup) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        pid_t child = fork();
        if (child == 0) {
            setpgid(0, 0);
            pause();
            _exit(0);
        }
        setpgid(child, child);
        SignalForward forward(child);
        (void)!write(fds[1], &child, sizeof child);
        raise(SIGINT);
        _exit(0);
    }
    close(fds[1]);
    pid_t grandchild = 0;
    ASSERT_EQ(read(fds[0], &grandchild, sizeof grandchild),
              static_cast<ssize_t>(sizeof grandchild));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << status;
    EXPECT_TRUE(test::ends_within_two_seconds(grandchild)) << "the child group outlived the signal";
}

}  // namespace
}  // namespace ttl
