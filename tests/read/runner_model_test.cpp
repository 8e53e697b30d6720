// The emitted-runner reader: every runner we ship dumps as its golden file; R2 lowers to the
// R1 shape; unsupported features and malformed constants fail with exact messages.
#include <gtest/gtest.h>

#include <string>

#include "read/runner_model.h"
#include "test_util.h"

namespace ttl {
namespace {

std::vector<std::string> runner_files() {
    std::vector<std::string> files;
    for (const char* dir : {"examples", "tests/fixtures/runners"}) {
        for (const std::string& f : test::list_files(test::source_path(dir), ".py")) {
            std::string rel = f.substr(test::source_dir().size() + 1);
            if (rel.find("_runner.py") != std::string::npos) files.push_back(rel);
        }
    }
    return files;
}

std::string read_error(const std::string& text) {
    Diagnostics d;
    auto r = read_runner_text("r.py", text, d);
    EXPECT_FALSE(r);
    return d.render_all();
}

const char* kMinimal =
    "import ttnn\nGRID_COLS = 1\nGRID_ROWS = 1\nNUM_TENSORS = 2\n"
    "KERNEL_PATHS = [('/t/ttlang_kernel_c_0123abcd.cpp', 'compute'), ('/t/ttlang_kernel_r_89abcdef.cpp', 'noc')]\n"
    "KERNEL_TENSOR_INDICES = [[], [1]]\n"
    "CB_CONFIGS = [((1, 1), 2, ttnn.float32, 4096, 8192), None]\n";

TEST(RunnerModel, GoldenDumps) {
    for (const std::string& file : runner_files()) {
        SCOPED_TRACE(file);
        Diagnostics d;
        auto r = read_runner_text(file, test::read_file(test::source_path(file)), d);
        if (file.find("r3_pipes") != std::string::npos) {
            EXPECT_FALSE(r);
            continue;
        }
        ASSERT_TRUE(r) << d.render_all();
        test::expect_golden(test::golden_path("runner", file), dump_runner(*r));
    }
}

TEST(RunnerModel, MinimalR1WithNoneEntry) {
    Diagnostics d;
    auto r = read_runner_text("r.py", kMinimal, d);
    ASSERT_TRUE(r) << d.render_all();
    EXPECT_EQ(dump_runner(*r),
              "runner r.py format R1 quoting single\ngrid 1x1 tensors 2\n"
              "kernel 0 compute compute thread c hash 0123abcd tensors []\n"
              "kernel 1 noc reader thread r hash 89abcdef tensors [1]\n"
              "cb 0 shape 1x1 tiles 1 blocks 2 float32 page 4096 total 8192\n"
              "cb 1 none\n");
}

TEST(RunnerModel, BlackFormattedDoubleQuotesReadTheSame) {
    std::string black = kMinimal;
    for (char& c : black) {
        if (c == '\'') c = '"';
    }
    Diagnostics d;
    auto a = read_runner_text("r.py", kMinimal, d);
    auto b = read_runner_text("r.py", black, d);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(b->quoting, "double");
    std::string da = dump_runner(*a), db = dump_runner(*b);
    EXPECT_EQ(da.substr(da.find('\n')), db.substr(db.find('\n')));
}

TEST(RunnerModel, UnsupportedFeaturesAreNamed) {
    EXPECT_EQ(read_error(test::read_file(test::source_path("tests/fixtures/runners/r3_pipes_runner.py"))),
              "r.py:15:1: error: the program uses pipes ('NUM_PIPE_SYNC_SEMAPHORES' is set), which a "
              "standalone runner cannot express; ttl-export exports only programs whose runner needs "
              "nothing beyond ttnn.generic_op\n"
              "NUM_PIPE_SYNC_SEMAPHORES = 2\n"
              "^\n");
    std::string fabric = std::string(kMinimal) + "KERNEL_FABRIC_ROUTES = [None, [(0, 1)]]\n";
    EXPECT_NE(read_error(fabric).find("error: the program uses fabric routes ('KERNEL_FABRIC_ROUTES' is set)"),
              std::string::npos);
    std::string mesh = std::string(kMinimal) + "MESH_PROGRAM_PLACEMENTS = [((0, 0), 'p')]\n";
    EXPECT_NE(read_error(mesh).find("error: the program uses mesh placements"), std::string::npos);
    std::string resets = std::string(kMinimal) + "NUM_DFB_RESETS = 3\n";
    EXPECT_NE(read_error(resets).find("error: the program uses dataflow-buffer resets"), std::string::npos);
}

TEST(RunnerModel, MalformedConstants) {
    EXPECT_EQ(read_error("GRID_COLS = 1\n"),
              "r.py: error: not an emitted runner: missing 'GRID_ROWS' (expected an integer)\n");
    std::string bad_cb = kMinimal;
    bad_cb.replace(bad_cb.find("((1, 1), 2, ttnn.float32, 4096, 8192)"), 37, "(1, 2)");
    EXPECT_EQ(read_error(bad_cb),
              "r.py:7:1: error: 'CB_CONFIGS' entry 0 is not ((rows, cols), block_count, ttnn.<dtype>, "
              "page_size, total_size), None, or PhysicalDFBConfig(...)\n"
              "CB_CONFIGS = [(1, 2), None]\n"
              "^\n");
    std::string bad_index = kMinimal;
    bad_index.replace(bad_index.find("[[], [1]]"), 9, "[[], [5]]");
    EXPECT_NE(read_error(bad_index).find("error: 'KERNEL_TENSOR_INDICES' row 1 names tensor 5, but "
                                         "'NUM_TENSORS' is 2"),
              std::string::npos);
    std::string bad_kind = kMinimal;
    bad_kind.replace(bad_kind.find("'noc'"), 5, "'dm'");
    EXPECT_NE(read_error(bad_kind).find("error: 'KERNEL_PATHS' must be a list of (path, 'compute' or 'noc') tuples"),
              std::string::npos);
}

TEST(RunnerModel, KernelFileNames) {
    std::string thread, hash;
    EXPECT_TRUE(parse_kernel_file_name("/tmp/u/ttlang_kernel_read_inputs_b0a2efc8.cpp", thread, hash));
    EXPECT_EQ(thread, "read_inputs");
    EXPECT_EQ(hash, "b0a2efc8");
    EXPECT_FALSE(parse_kernel_file_name("reader.cpp", thread, hash));
    EXPECT_FALSE(parse_kernel_file_name("ttlang_kernel_x_B0A2EFC8.cpp", thread, hash));
}

}  // namespace
}  // namespace ttl
