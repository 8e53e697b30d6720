// Finding the compiler's output: a directory with stale emissions, a runner, a log; ambiguity,
// missing files, and every cross-check, each with its exact message.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <utime.h>

#include <filesystem>
#include <functional>
#include <string>

#include "read/artifacts.h"
#include "test_util.h"
#include "support/md5.h"

namespace ttl {
namespace {

namespace fs = std::filesystem;

const char* kAdd = "examples/eltwise_add/add.py";
const char* kRunner = "ttlang_kernel_add_compute_35170be0_runner.py";
const char* kReader = "ttlang_kernel_read_inputs_b0a2efc8.cpp";
const char* kWriter = "ttlang_kernel_write_output_9a6f1207.cpp";

TtlSource load(const std::string& path) {
    Diagnostics d;
    auto src = read_ttlang_text(path, test::read_file(test::source_path(path)), d);
    EXPECT_TRUE(src) << d.render_all();
    return std::move(*src);
}

/// Copies an example's emitted files into `dir`.
void copy_emitted(const std::string& example, const std::string& dir) {
    for (const auto& entry : fs::directory_iterator(test::source_path("examples/" + example + "/emitted"))) {
        fs::copy_file(entry.path(), fs::path(dir) / entry.path().filename(), fs::copy_options::overwrite_existing);
    }
}

void set_mtime(const std::string& path, time_t when) {
    struct utimbuf times {when, when};
    ASSERT_EQ(utime(path.c_str(), &times), 0);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

struct Found {
    std::optional<std::vector<KernelArtifacts>> artifacts;
    std::string messages;
};

Found find(const TtlSource& src, const std::string& from, const std::string& runner = "",
           const std::string& kernel = "") {
    Diagnostics d;
    ArtifactOptions options{from, runner.empty() ? std::vector<std::string>{} : std::vector<std::string>{runner}, kernel};
    Found f;
    f.artifacts = find_artifacts(src, options, d);
    f.messages = d.render_all();
    return f;
}

TEST(Artifacts, DirectoryResolvesKernelsByBaseNameNextToTheRunner) {
    test::TempDir dir;
    copy_emitted("eltwise_add", dir.path());
    Found f = find(load(kAdd), dir.path());
    ASSERT_TRUE(f.artifacts) << f.messages;
    EXPECT_EQ(f.messages, "");
    const KernelArtifacts& a = f.artifacts->at(0);
    EXPECT_EQ(a.kernel, "add_kernel");
    EXPECT_EQ(a.runner_path, dir / kRunner);
    ASSERT_EQ(a.threads.size(), 3U);
    EXPECT_EQ(a.threads[0].thread, "add_compute");
    EXPECT_EQ(a.threads[0].role, ThreadRole::kCompute);
    EXPECT_EQ(a.threads[1].role, ThreadRole::kReader);
    EXPECT_EQ(a.threads[2].role, ThreadRole::kWriter);
    EXPECT_EQ(a.threads[1].path, dir / kReader);
    EXPECT_EQ(a.threads[1].text(), test::read_file(dir / kReader));
}

TEST(Artifacts, OtherKernelsRunnersAreIgnored) {
    test::TempDir dir;
    copy_emitted("eltwise_add", dir.path());
    copy_emitted("matmul", dir.path());
    test::write_file(dir / "notes.py", "print('not a runner')\n");
    test::write_file(dir / "broken_runner.py", "KERNEL_PATHS = [\n");
    Found f = find(load(kAdd), dir.path());
    ASSERT_TRUE(f.artifacts) << f.messages;
    EXPECT_EQ(f.messages, dir / "broken_runner.py" +
                              ": warning: skipped: not a readable runner ('[' was never closed)\n");
}

TEST(Artifacts, StaleEmissionsOfTheSameThreadsAreAmbiguous) {
    test::TempDir dir;
    copy_emitted("eltwise_add", dir.path());
    // An older compile of the same kernel: other hashes, other files.
    std::string old_runner = replace(replace(test::read_file(dir / kRunner), "read_inputs_b0a2efc8", "read_inputs_0badf00d"),
                                     "add_compute_35170be0.cpp", "add_compute_11111111.cpp");
    test::write_file(dir / "ttlang_kernel_add_compute_11111111_runner.py", old_runner);
    test::write_file(dir / "ttlang_kernel_read_inputs_0badf00d.cpp", "// read_inputs\nvoid kernel_main() {}\n");
    test::write_file(dir / "ttlang_kernel_add_compute_11111111.cpp", "// add_compute\nvoid kernel_main() {}\n");
    set_mtime(dir / "ttlang_kernel_add_compute_11111111_runner.py", 1776000000);  // 2026-04-12 13:20:00
    set_mtime(dir / kRunner, 1776600000);                                          // 2026-04-19 12:00:00
    Found f = find(load(kAdd), dir.path());
    EXPECT_FALSE(f.artifacts);
    EXPECT_EQ(f.messages, "error: 2 different emissions in '" + dir.path() +
                              "' agree with kernel 'add_kernel' on every fact ttl-export reads; pass "
                              "'--runner add_kernel=FILE' to choose one:\n"
                              "  " + (dir / kRunner) + " (modified 2026-04-19 12:00:00 UTC)\n"
                              "  " + (dir / "ttlang_kernel_add_compute_11111111_runner.py") +
                              " (modified 2026-04-12 13:20:00 UTC)\n");

    Found chosen = find(load(kAdd), dir.path(), dir / "ttlang_kernel_add_compute_11111111_runner.py");
    ASSERT_TRUE(chosen.artifacts) << chosen.messages;
    EXPECT_EQ(chosen.artifacts->at(0).threads[1].path, dir / "ttlang_kernel_read_inputs_0badf00d.cpp");
    // The stale files are hand-made here, so their hashes do not match their names.
    EXPECT_NE(chosen.messages.find("warning: content hash"), std::string::npos);
}

TEST(Artifacts, NoRunnerFound) {
    test::TempDir dir;
    copy_emitted("matmul", dir.path());
    Found f = find(load(kAdd), dir.path());
    EXPECT_FALSE(f.artifacts);
    EXPECT_EQ(f.messages,
              "error: no runner for kernel 'add_kernel' in '" + dir.path() +
                  "': expected a '*_runner.py' whose 'KERNEL_PATHS' name the threads 'add_compute', "
                  "'read_inputs', 'write_output' (run the program with TTLANG_EMIT_RUNNER=1, or pass "
                  "'--from DIR|RUNNER|LOG')\n"
                  "  '" + (dir / "ttlang_kernel_mm_compute_b7b9bf49_runner.py") +
                  "' names 'mm_compute', 'mm_read', 'mm_write'\n");
}

TEST(Artifacts, MissingInput) {
    Found f = find(load(kAdd), "/nonexistent/out");
    EXPECT_FALSE(f.artifacts);
    EXPECT_EQ(f.messages, "/nonexistent/out: error: cannot read: No such file or directory (expected the "
                          "compiler's output directory, a runner or a log for '--from')\n");
    test::TempDir dir;
    test::write_file(dir / "x.txt", "hello\n");
    Found g = find(load(kAdd), dir / "x.txt");
    EXPECT_EQ(g.messages, "error: '" + (dir / "x.txt") +
                              "' is neither a directory, an emitted runner (no 'KERNEL_PATHS') nor a "
                              "compiler log (no '=== ... written to ...' lines)\n");
}

TEST(Artifacts, RunnerFileAsFrom) {
    Found f = find(load(kAdd), test::source_path(std::string("examples/eltwise_add/emitted/") + kRunner));
    ASSERT_TRUE(f.artifacts) << f.messages;
    EXPECT_EQ(f.messages, "");
}

TEST(Artifacts, RunnerThatMatchesAnotherKernel) {
    Found f = find(load(kAdd), test::source_path("examples/matmul/emitted/ttlang_kernel_mm_compute_b7b9bf49_runner.py"));
    EXPECT_FALSE(f.artifacts);
    EXPECT_EQ(f.messages, test::source_path("examples/matmul/emitted/ttlang_kernel_mm_compute_b7b9bf49_runner.py") +
                              ": error: runner does not match kernel 'add_kernel': its 'KERNEL_PATHS' name "
                              "the threads 'mm_compute', 'mm_read', 'mm_write', the source defines "
                              "'add_compute', 'read_inputs', 'write_output'\n");
}

TEST(Artifacts, LogCapture) {
    std::string log = test::source_path("tests/fixtures/logs/add_compile.log");
    Found missing = find(load(kAdd), log);
    EXPECT_FALSE(missing.artifacts);
    EXPECT_EQ(missing.messages, log + ": error: the log names the runner '/tmp/ttuser/" + kRunner +
                                    "', which is not there nor next to the log; pass '--runner FILE' "
                                    "(the '..._runner.py' the compiler wrote with TTLANG_EMIT_RUNNER=1)\n");

    Found f = find(load(kAdd), log, test::source_path(std::string("examples/eltwise_add/emitted/") + kRunner));
    ASSERT_TRUE(f.artifacts) << f.messages;
    const ThreadArtifact& reader = f.artifacts->at(0).threads[1];
    EXPECT_EQ(reader.path, log + ":73");
    EXPECT_EQ(reader.text().rfind("// read_inputs\n#include <cstdint>\n", 0), 0U);
    // The section ends at the kernel's closing brace, not at the next header or log noise.
    EXPECT_EQ(reader.text().substr(reader.text().size() - 12), "  return;\n}\n");

    // A log next to its runner finds it by base name.
    test::TempDir dir;
    fs::copy_file(log, dir / "compile.log");
    fs::copy_file(test::source_path(std::string("examples/eltwise_add/emitted/") + kRunner), dir / kRunner);
    Found beside = find(load(kAdd), dir / "compile.log");
    ASSERT_TRUE(beside.artifacts) << beside.messages;
    EXPECT_EQ(beside.artifacts->at(0).threads.size(), 3U);
}

/// A log as an older compiler printed it for examples/shared_names (two kernels whose threads
/// share their names), each kernel's files then its runner, with every header's path passed
/// through `path_of` (the file name, by default the compiler's /tmp/ttuser path).
std::string shared_names_log(const std::function<std::string(const std::string&)>& path_of) {
    const std::vector<std::vector<std::string>> kernels = {
        {"compute_0abe00d6", "dm_read_f13eb764", "dm_write_250bcfdd"},
        {"compute_b94f8577", "dm_read_d844be76", "dm_write_8b845643"}};
    std::string log = "compiling shared_names.py\n";
    for (const auto& files : kernels) {
        for (const std::string& f : files) {
            std::string name = "ttlang_kernel_" + f + ".cpp";
            log += "=== " + f.substr(0, f.rfind('_')) + " kernel written to " + path_of(name) + " ===\n";
            log += test::read_file(test::source_path("examples/shared_names/emitted/" + name));
        }
        log += "=== runner written to /tmp/ttuser/ttlang_kernel_" + files[0] + "_runner.py ===\n";
    }
    return log + "PASS\n";
}

TEST(Artifacts, LogOfSeveralKernelsSharingThreadNamesPairsEachWithItsOwnSections) {
    const char* source = "examples/shared_names/shared_names.py";
    test::TempDir dir;
    copy_emitted("shared_names", dir.path());  // the runners beside the log, as the log names them
    test::write_file(dir / "compile.log", shared_names_log([](const std::string& name) { return "/tmp/ttuser/" + name; }));
    Found f = find(load(source), dir / "compile.log");
    ASSERT_TRUE(f.artifacts) << f.messages;
    ASSERT_EQ(f.artifacts->size(), 2U);
    for (const KernelArtifacts& a : *f.artifacts) {
        ASSERT_EQ(a.threads.size(), 3U);
        for (size_t i = 0; i < 3; ++i) {
            // Each thread is the section written to the file its own runner names (both kernels
            // have a 'compute', a 'dm_read' and a 'dm_write'), cut at its last closing brace.
            std::string file = fs::path(a.runner.kernels[i].path).filename().string();
            std::string emitted = test::read_file(dir / file);
            EXPECT_EQ(std::string(a.threads[i].text()), emitted.substr(0, emitted.rfind("\n}\n") + 3))
                << a.kernel << " " << file;
            EXPECT_EQ(a.threads[i].md5, md5_hex(a.threads[i].text()));
        }
    }
    EXPECT_NE(f.artifacts->at(0).runner_path, f.artifacts->at(1).runner_path);

    // Headers that name other paths: a thread's section is found by its name alone, which two
    // different kernels share here; the export stops rather than take either.
    test::write_file(dir / "compile.log", shared_names_log([](const std::string& name) { return "/elsewhere/x" + name; }));
    Found ambiguous = find(load(source), dir / "compile.log");
    EXPECT_FALSE(ambiguous.artifacts);
    EXPECT_NE(ambiguous.messages.find("the log has no kernel section for thread 'compute' (expected '=== compute "
                                      "kernel written to /tmp/ttuser/ttlang_kernel_compute_"),
              std::string::npos)
        << ambiguous.messages;
    EXPECT_NE(ambiguous.messages.find("; it has several different ones under that name, and none written to that "
                                      "file\n"),
              std::string::npos)
        << ambiguous.messages;
}

TEST(Artifacts, EditedAndMisnamedKernelFilesWarn) {
    test::TempDir dir;
    copy_emitted("eltwise_add", dir.path());
    test::write_file(dir / kReader, test::read_file(dir / kReader) + "// edited\n");
    std::string writer = test::read_file(dir / kWriter);
    test::write_file(dir / kWriter, "// writer_thread" + writer.substr(writer.find('\n')));
    Found f = find(load(kAdd), dir.path());
    ASSERT_TRUE(f.artifacts) << f.messages;
    std::string reader_hash = md5_hex(test::read_file(dir / kReader)).substr(0, 8);
    std::string writer_hash = md5_hex(test::read_file(dir / kWriter)).substr(0, 8);
    EXPECT_EQ(f.messages,
              (dir / kReader) + ": warning: content hash '" + reader_hash +
                  "' does not match the 'b0a2efc8' in its name: the file was edited or reformatted after "
                  "the compiler wrote it\n" +
                  (dir / kWriter) + ": warning: content hash '" + writer_hash +
                  "' does not match the '9a6f1207' in its name: the file was edited or reformatted after "
                  "the compiler wrote it\n" +
                  (dir / kWriter) + ": warning: first line names 'writer_thread', but the runner says this "
                                    "is thread 'write_output'\n");
}

TEST(Artifacts, CopiesKeptUnderOtherNamesAreFoundByHashOrThreadName) {
    // As users keep the compiler's output in a repository: the runner renamed beside the source,
    // the kernels renamed (one reformatted) beside it or in a folder.
    test::TempDir dir;
    const std::string emitted = test::source_path("examples/eltwise_add/emitted/");
    fs::create_directories(dir / "add");
    fs::copy_file(emitted + kRunner, dir / "_runner_emitted.py");
    fs::copy_file(emitted + "ttlang_kernel_add_compute_35170be0.cpp", dir / "add/compute_kernel.cpp");  // as is
    test::write_file(dir / "add/read_inputs.cpp", test::read_file(emitted + kReader) + "// kept\n");
    std::string writer = test::read_file(emitted + kWriter);
    test::write_file(dir / "w.cpp", writer + "// kept\n");  // found by its first line, `// write_output`
    Found f = find(load(kAdd), dir.path());
    ASSERT_TRUE(f.artifacts) << f.messages;
    const KernelArtifacts& a = f.artifacts->at(0);
    EXPECT_EQ(a.threads[0].path, dir / "add/compute_kernel.cpp");
    EXPECT_EQ(a.threads[1].path, dir / "add/read_inputs.cpp");
    EXPECT_EQ(a.threads[2].path, dir / "w.cpp");
    EXPECT_EQ(std::string(a.threads[2].text()), writer + "// kept\n");
    std::string reader_hash = md5_hex(test::read_file(dir / "add/read_inputs.cpp")).substr(0, 8);
    std::string writer_hash = md5_hex(test::read_file(dir / "w.cpp")).substr(0, 8);
    EXPECT_EQ(f.messages,
              (dir / "add/compute_kernel.cpp") +
                  ": warning: taken as thread 'add_compute' (the runner names "
                  "'/tmp/ttuser/ttlang_kernel_add_compute_35170be0.cpp', which is not there): its MD5 starts with "
                  "the '35170be0' of the emitted name\n" +
                  (dir / "add/read_inputs.cpp") +
                  ": warning: taken as thread 'read_inputs' (the runner names '/tmp/ttuser/" + kReader +
                  "', which is not there): named after thread 'read_inputs'\n" + (dir / "add/read_inputs.cpp") +
                  ": warning: content hash '" + reader_hash +
                  "' does not match the 'b0a2efc8' in its name: the file was edited or reformatted after the "
                  "compiler wrote it\n" +
                  (dir / "w.cpp") + ": warning: taken as thread 'write_output' (the runner names '/tmp/ttuser/" +
                  kWriter + "', which is not there): named after thread 'write_output'\n" + (dir / "w.cpp") +
                  ": warning: content hash '" + writer_hash +
                  "' does not match the '9a6f1207' in its name: the file was edited or reformatted after the "
                  "compiler wrote it\n");

    // A copy checked out with CRLF line ends is still found by its hash (the MD5 of the text as
    // read, as everywhere in the export).
    std::string compute = test::read_file(dir / "add/compute_kernel.cpp");
    std::string crlf;
    for (char ch : compute) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
    test::write_file(dir / "add/compute_kernel.cpp", crlf);
    Found crlf_found = find(load(kAdd), dir.path());
    ASSERT_TRUE(crlf_found.artifacts) << crlf_found.messages;
    EXPECT_EQ(crlf_found.artifacts->at(0).threads[0].path, dir / "add/compute_kernel.cpp");
    EXPECT_NE(crlf_found.messages.find("its MD5 starts with the '35170be0' of the emitted name"), std::string::npos)
        << crlf_found.messages;

    // Two edited copies of one thread: neither is taken, both are named.
    fs::create_directories(dir / "old");
    test::write_file(dir / "old/read_inputs.cpp", test::read_file(emitted + kReader) + "// older\n");
    Found two = find(load(kAdd), dir.path());
    EXPECT_FALSE(two.artifacts);
    EXPECT_NE(two.messages.find((dir / "_runner_emitted.py") + ": error: kernel file for thread 'read_inputs' not found: "
                                                           "neither '/tmp/ttuser/" + kReader + "' nor '" +
                                (dir / kReader) + "' exists, and several files beside the runner could be its "
                                                  "copy: '" + (dir / "add/read_inputs.cpp") + "' '" +
                                (dir / "old/read_inputs.cpp") + "'; keep one, or give it its emitted name\n"),
              std::string::npos)
        << two.messages;

    // Another emission of the thread (a stale compile's file) is never taken for a copy.
    fs::remove(dir / "old/read_inputs.cpp");
    fs::rename(dir / "add/read_inputs.cpp", dir / "ttlang_kernel_read_inputs_0badf00d.cpp");
    Found stale = find(load(kAdd), dir.path());
    EXPECT_FALSE(stale.artifacts);
    EXPECT_NE(stale.messages.find("kernel file for thread 'read_inputs' not found: neither '/tmp/ttuser/" +
                                  std::string(kReader) + "' nor '" + (dir / kReader) +
                                  "' exists, and no copy under another name is beside the runner or in a folder "
                                  "beside it\n"),
              std::string::npos)
        << stale.messages;
}

TEST(Artifacts, MissingKernelFile) {
    test::TempDir dir;
    copy_emitted("eltwise_add", dir.path());
    fs::remove(dir / kWriter);
    Found f = find(load(kAdd), dir.path());
    EXPECT_FALSE(f.artifacts);
    EXPECT_EQ(f.messages, (dir / kRunner) + ": error: kernel file for thread 'write_output' not found: "
                                            "neither '/tmp/ttuser/" + kWriter + "' nor '" + (dir / kWriter) +
                              "' exists, and no copy under another name is beside the runner or in a folder "
                              "beside it\n");
}

TEST(Artifacts, RunnerSourceMismatches) {
    test::TempDir dir;
    copy_emitted("eltwise_add", dir.path());
    std::string runner = test::read_file(dir / kRunner);
    test::write_file(dir / kRunner, replace(runner, "NUM_TENSORS = 3", "NUM_TENSORS = 4"));
    Found tensors = find(load(kAdd), dir.path());
    EXPECT_FALSE(tensors.artifacts);
    EXPECT_EQ(tensors.messages, "error: no emission in '" + dir.path() +
                                    "' is kernel 'add_kernel': each runner that names its threads disagrees "
                                    "with the source:\n  " + (dir / kRunner) +
                                    ": tensor count: the runner passes 4 tensors, the kernel takes 3 ('lhs', "
                                    "'rhs', 'out')\n");

    test::write_file(dir / kRunner, replace(runner, "    ((1, 1), 2, ttnn.bfloat16, 2048, 4096),  # CB 2\n", ""));
    Found cbs = find(load(kAdd), dir.path());
    EXPECT_FALSE(cbs.artifacts);
    EXPECT_EQ(cbs.messages, "error: no emission in '" + dir.path() +
                                "' is kernel 'add_kernel': each runner that names its threads disagrees with "
                                "the source:\n  " + (dir / kRunner) +
                                ": circular buffer count: the runner describes 2, the kernel creates 3\n");

    test::write_file(dir / kRunner, replace(runner, "[0, 1],  # noc", "[1, 0],  # noc"));
    Found order = find(load(kAdd), dir.path());
    ASSERT_TRUE(order.artifacts);
    EXPECT_EQ(order.messages, (dir / kRunner) + ": warning: thread 'read_inputs': the runner passes tensors "
                                                "[1, 0] ('rhs', 'lhs') but its captures predict [0, 1] "
                                                "('lhs', 'rhs'); the runner's order is used\n");

    test::write_file(dir / kRunner, replace(runner, "((1, 1), 2, ttnn.bfloat16, 2048, 4096),  # CB 1",
                                            "((1, 2), 3, ttnn.bfloat16, 2048, 12288),  # CB 1"));
    Found shape = find(load(kAdd), dir.path());
    EXPECT_FALSE(shape.artifacts);  // another kernel's tables: never exported under this one's name
    EXPECT_EQ(shape.messages, "error: no emission in '" + dir.path() +
                                  "' is kernel 'add_kernel': each runner that names its threads disagrees with "
                                  "the source:\n  " + (dir / kRunner) +
                                  ": CB 1 ('rhs_cb') shape: the runner's is (1, 2), the source's (1, 1)\n");
}

TEST(Artifacts, SeveralKernelsAndKernelSelection) {
    TtlSource two = load("tests/fixtures/sources/two_kernels.py");
    test::TempDir dir;
    Found none = find(two, dir.path(), "", "nope");
    EXPECT_EQ(none.messages, "error: no kernel named 'nope' in 'tests/fixtures/sources/two_kernels.py'; it "
                             "defines 'scale', 'shift'\n");
    // Only `scale` has output in this directory: `shift` is reported, `scale` is found.
    const char* runner =
        "import ttnn\nGRID_COLS = 2\nGRID_ROWS = 1\nNUM_TENSORS = 2\n"
        "KERNEL_PATHS = [('/x/ttlang_kernel_scale_compute_00000000.cpp', 'compute'), "
        "('/x/ttlang_kernel_scale_read_00000000.cpp', 'noc'), ('/x/ttlang_kernel_scale_write_00000000.cpp', 'noc')]\n"
        "KERNEL_TENSOR_INDICES = [[], [0], [1]]\n"
        "CB_CONFIGS = [((1, 1), 2, ttnn.float32, 4096, 8192), ((1, 1), 2, ttnn.float32, 4096, 8192), None]\n";
    test::write_file(dir / "ttlang_kernel_scale_compute_00000000_runner.py", runner);
    for (const char* t : {"scale_compute", "scale_read", "scale_write"}) {
        test::write_file(dir / (std::string("ttlang_kernel_") + t + "_00000000.cpp"),
                         std::string("// ") + t + "\nvoid kernel_main() {}\n");
    }
    Found f = find(two, dir.path());
    ASSERT_TRUE(f.artifacts) << f.messages;
    EXPECT_EQ(f.artifacts->size(), 1U);
    EXPECT_NE(f.messages.find("warning: kernel 'shift' is not exported: no runner in '" + dir.path() +
                              "' names its threads 'shift_compute', 'shift_read', 'shift_write'\n"),
              std::string::npos)
        << f.messages;
    Found only_shift = find(two, dir.path(), "", "shift");
    EXPECT_FALSE(only_shift.artifacts);
    EXPECT_EQ(only_shift.messages.rfind("error: no runner for kernel 'shift'", 0), 0U) << only_shift.messages;
}

TEST(Artifacts, Md5MatchesTheEmittersNames) {
    for (const char* example : {"eltwise_add", "matmul", "silu_mul"}) {
        for (const std::string& f : test::list_files(test::source_path(std::string("examples/") + example + "/emitted"), ".cpp")) {
            std::string base = fs::path(f).filename().string();
            std::string hash = base.substr(base.size() - 12, 8);
            EXPECT_EQ(md5_hex(test::read_file(f)).substr(0, 8), hash) << f;
        }
    }
    EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
}

}  // namespace
TEST(Artifacts, TileOperationsAreWholeIdentifiersCalledOrInstantiated) {
    using Ops = std::set<std::string>;
    EXPECT_EQ(tile_operations("add_tiles(cb_a, cb_b, 0, 0, 0);\nmul_tiles_init (cb_a, cb_b);"), (Ops{"add", "mul"}));
    EXPECT_EQ(tile_operations("sub_int32_tile<true>(0, 1, 0); matmul_tiles\n(0, 1, 0, 0, 0);"), (Ops{"matmul", "sub"}));
    EXPECT_EQ(tile_operations("add_binary_tile(0, 1, 0); mul_unary_tile(0, 2); mul_int_tiles(0);"), (Ops{"add", "mul"}));
    // Not a call, a longer identifier, another operation or a prefix: nothing.
    EXPECT_EQ(tile_operations("int add_tiles = 0; xadd_tiles(0); add_tiles_bcast(0); exp_tile(0); add_tiles_x(0);"),
              Ops{});
    EXPECT_EQ(tile_operations("madd_tiles(0); add_init_tiles(0); add_int64_tiles(0);"), Ops{});
    // Words side by side, at either end of the text, or with `_tile` twice in them.
    EXPECT_EQ(tile_operations("mul_tiles(0);sub_tiles(1)+add_tile_tiles(2);x_tile_y_tile(0);add_tile("),
              (Ops{"add", "mul", "sub"}));
    EXPECT_EQ(tile_operations("_tile(0); 1add_tiles(0); add_tiles"), Ops{});
}

}  // namespace ttl
