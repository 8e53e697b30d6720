// Running large exports on huge pages: which inputs qualify, that the re-run leaves the
// environment of the programs ttl-export starts as the user had it, and that the heap is ready
// for huge pages before it is used.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "support/memory.h"
#include "test_util.h"

namespace ttl {
namespace {

TEST(Memory, CountsOnlyTheCppFilesDirectlyInTheDirectory) {
    test::TempDir dir;
    test::write_file(dir / "a.cpp", std::string(100, 'x'));
    test::write_file(dir / "notes.txt", std::string(1000, 'x'));
    test::write_file(dir / "sub/b.cpp", std::string(1000, 'x'));
    EXPECT_TRUE(holds_cpp_bytes(dir.path(), 100));
    EXPECT_FALSE(holds_cpp_bytes(dir.path(), 101));
    // A runner or a log means the directory it is in.
    EXPECT_TRUE(holds_cpp_bytes(dir / "notes.txt", 100));
    EXPECT_FALSE(holds_cpp_bytes(dir / "notes.txt", 101));
    EXPECT_FALSE(holds_cpp_bytes(dir / "missing/x_runner.py", 1));
    EXPECT_FALSE(holds_cpp_bytes("", 1));
}

std::string variable(const char* name) {
    const char* v = std::getenv(name);
    return v == nullptr ? "(unset)" : v;
}

TEST(Memory, ARerunPutsTheUsersTunablesBack) {
    {
        test::ScopedVariable tunables("GLIBC_TUNABLES", "glibc.malloc.perturb=0:glibc.malloc.hugetlb=1");
        test::ScopedVariable marker(kTunablesVariable, "+glibc.malloc.perturb=0");
        restore_tunables();
        EXPECT_EQ(variable("GLIBC_TUNABLES"), "glibc.malloc.perturb=0");
        EXPECT_EQ(variable(kTunablesVariable), "(unset)");
    }
    {
        test::ScopedVariable tunables("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1");
        test::ScopedVariable marker(kTunablesVariable, "-");
        restore_tunables();
        EXPECT_EQ(variable("GLIBC_TUNABLES"), "(unset)");
    }
    {
        // Not a re-run: nothing changes.
        test::ScopedVariable tunables("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1");
        test::ScopedVariable marker(kTunablesVariable, nullptr);
        restore_tunables();
        EXPECT_EQ(variable("GLIBC_TUNABLES"), "glibc.malloc.hugetlb=1");
    }
}

/// What tests/support/heap_probe (a program that starts as ttl-export does, then allocates 24 MB
/// in pieces) printed: whether configure_heap made its heap ready for huge pages, and how many
/// kilobytes of its heap are in memory, and on huge pages.
struct HeapUse {
    int ready = -1;
    long rss_kb = -1;
    long huge_kb = -1;
};

HeapUse probe_heap(const std::string& env) {
    auto r = test::run_command(env + " '" + test::binary_dir() + "/heap_probe' 2>&1");
    EXPECT_EQ(r.status, 0) << r.output;
    HeapUse use;
    EXPECT_EQ(std::sscanf(r.output.c_str(), "ready %d rss_kb %ld huge_kb %ld", &use.ready, &use.rss_kb, &use.huge_kb), 3)
        << r.output;
    return use;
}

/// Whether the kernel gives transparent huge pages to memory that asks for them.
bool transparent_huge_pages() {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string modes;
    std::getline(in, modes);
    return modes.find("[always]") != std::string::npos || modes.find("[madvise]") != std::string::npos;
}

#if defined(TTL_SANITIZED)
constexpr bool kSanitized = true;  // the sanitizer's allocator: glibc's heap is not configured
#else
constexpr bool kSanitized = false;
#endif

TEST(Memory, OnHugePagesTheHeapIsReadyBeforeItIsFirstUsed) {
    HeapUse huge = probe_heap("GLIBC_TUNABLES=glibc.malloc.hugetlb=1");
    EXPECT_EQ(huge.ready, kSanitized ? 0 : 1);
    if (!kSanitized && transparent_huge_pages()) {
        // Everything allocated after main is on huge pages. Without the heap made ready, the
        // 2 MB block where glibc's first heap ended was first written in 4 KB pages and stayed
        // so: 2.1 to 2.8 MB of this probe's heap (2026-12-06); now only what was allocated
        // before main (8 KB).
        EXPECT_GE(huge.huge_kb, 24 * 1024);
        EXPECT_LT(huge.rss_kb - huge.huge_kb, 512) << "resident " << huge.rss_kb << " KB, on huge pages "
                                                   << huge.huge_kb << " KB";
    }
    // The setting found among others; glibc's own value 0 (huge pages refused) leaves the heap alone.
    EXPECT_EQ(probe_heap("GLIBC_TUNABLES=glibc.malloc.perturb=0:glibc.malloc.hugetlb=1").ready, kSanitized ? 0 : 1);
    EXPECT_EQ(probe_heap("GLIBC_TUNABLES=glibc.malloc.hugetlb=0").ready, 0);
    // Huge pages not asked for (the export of a small program): the heap is left as it is.
    HeapUse plain = probe_heap("unset GLIBC_TUNABLES;");
    EXPECT_EQ(plain.ready, 0);
    EXPECT_GE(plain.rss_kb, kSanitized ? 0 : 24 * 1024);
}

/// A generated program of 3 x 1,000-line kernels in `dir`/program (136 KB: large enough to be
/// re-run on huge pages).
void generate_program(const test::TempDir& dir) {
    auto made = test::run_command("python3 " + test::source_path("scripts/generate-large-program.py") + " " +
                                  dir / "program" + " 1000 2>&1");
    EXPECT_EQ(made.status, 0) << made.output;
}

/// An executable shell script `dir`/bin/`name`.
void stand_in(const test::TempDir& dir, const std::string& name, const std::string& script) {
    test::write_file(dir / ("bin/" + name), "#!/bin/sh\n" + script);
    test::run_command("chmod +x '" + (dir / ("bin/" + name)) + "'");
}

/// Exports the generated program with a stand-in clang-format that records its own
/// GLIBC_TUNABLES and the one ttl-export was started with (its parent's initial environment),
/// then prints its input.
std::string tunables_seen(const std::string& user_tunables) {
    test::TempDir dir;
    generate_program(dir);
    stand_in(dir, "clang-format",
             "started=$(tr '\\0' '\\n' < /proc/$PPID/environ | grep '^GLIBC_TUNABLES=')\n"
             "echo \"${GLIBC_TUNABLES-(unset)}|$started\" >> \"$TUNABLES_LOG\"\n"
             "cat \"$2\"\n");
    std::string env = "PATH='" + dir / "bin" + "':\"$PATH\" TUNABLES_LOG='" + dir / "log" + "'";
    env = user_tunables.empty() ? "unset GLIBC_TUNABLES; " + env : env + " GLIBC_TUNABLES=" + user_tunables;
    auto r = test::run_tool(dir / "program/large.py --from " + dir / "program/emitted -o " + dir / "out" +
                                " --formatter clang-format",
                            "", env);
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("every kernel proven"), std::string::npos) << r.output;
    std::string log = test::read_file(dir / "log");
    return log.substr(0, log.find('\n'));
}

TEST(Memory, ALargeExportRunsOnHugePagesAndItsChildrenSeeTheUsersEnvironment) {
    EXPECT_EQ(tunables_seen(""), "(unset)|GLIBC_TUNABLES=glibc.malloc.hugetlb=1");
    // glibc ends the first tunable of the initial environment with a NUL as it reads it, so the
    // parent's environment shows only the first: the one ttl-export put before the user's.
    EXPECT_EQ(tunables_seen("glibc.malloc.perturb=0"), "glibc.malloc.perturb=0|GLIBC_TUNABLES=glibc.malloc.hugetlb=1");
}

TEST(Memory, ALargeExportStartsItsPythonCheckBeforeItRunsAgainAndTheNewRunTakesItOver) {
    test::TempDir dir;
    generate_program(dir);
    // A stand-in interpreter: it logs what it sees, then reports one undefined name. Once the
    // first run has become the second (the same process), its parent's starting environment is
    // the second run's, which names the check only if the first started it.
    stand_in(dir, "python",
             "sleep 0.3\n"
             "named=$(tr '\\0' '\\n' < /proc/$PPID/environ | grep -c '^TTL_EXPORT_PYTHON_CHECK=')\n"
             "echo \"${TTL_EXPORT_PYTHON_CHECK-(unset)}|${GLIBC_TUNABLES-(unset)}|$named\" >> \"$PY_LOG\"\n"
             "cat > /dev/null\n"
             "printf 'U\\t1\\t1\\tundefined name %s\\n' \"'stand_in'\"\n");
    auto r = test::run_tool(dir / "program/large.py --from " + dir / "program/emitted -o " + dir / "out", "",
                            "unset GLIBC_TUNABLES; TTL_EXPORT_PYTHON='" + dir / "bin/python" + "' PY_LOG='" +
                                dir / "log" + "'");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("undefined name 'stand_in'"), std::string::npos) << r.output;
    // One interpreter, started by the first run (its child sees neither the variable nor the
    // huge pages), and its answer is the export's.
    EXPECT_EQ(test::read_file(dir / "log"), "(unset)|(unset)|1\n");
}

}  // namespace
}  // namespace ttl
