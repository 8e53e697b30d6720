// The TT-Lang source model: every example and fixture source dumps as its golden file, the
// import spellings of the ttl API, the captured-tensor order, and exact error messages.
#include <gtest/gtest.h>

#include <string>

#include "read/ttlang_source.h"
#include "test_util.h"

namespace ttl {
namespace {

std::vector<std::string> source_files() {
    std::vector<std::string> files;
    for (const char* dir : {"examples", "tests/fixtures/sources"}) {
        for (const std::string& f : test::list_files(test::source_path(dir), ".py")) {
            std::string rel = f.substr(test::source_dir().size() + 1);
            if (rel.find("/emitted/") == std::string::npos) files.push_back(rel);
        }
    }
    return files;
}

TEST(TtlangSource, GoldenDumps) {
    std::vector<std::string> files = source_files();
    EXPECT_GE(files.size(), 5U);
    for (const std::string& file : files) {
        SCOPED_TRACE(file);
        Diagnostics d;
        auto src = read_ttlang_text(file, test::read_file(test::source_path(file)), d);
        ASSERT_TRUE(src) << d.render_all();
        test::expect_golden(test::golden_path("source", file), dump_ttlang_source(*src));
    }
}

TEST(TtlangSource, BothApiGenerations) {
    Diagnostics d;
    auto old_api = read_ttlang_text("a.py", test::read_file(test::source_path("examples/eltwise_add/add.py")), d);
    auto new_api = read_ttlang_text("b.py", test::read_file(test::source_path("examples/silu_mul/silu_mul.py")), d);
    ASSERT_TRUE(old_api && new_api) << d.render_all();
    EXPECT_EQ(old_api->kernels[0].decorator, "kernel");
    EXPECT_EQ(old_api->kernels[0].buffers[0].api, "make_circular_buffer_like");
    EXPECT_EQ(new_api->kernels[0].decorator, "operation");
    EXPECT_EQ(new_api->kernels[0].buffers[1].api, "make_dataflow_buffer_like");
    EXPECT_EQ(new_api->kernels[0].buffers[1].count, 2);
    // CPython sorts a closure's free variables: 'gate' < 'x', so the reader's row is [1, 0].
    std::vector<std::string> expected = {"gate", "x"};
    EXPECT_EQ(new_api->kernels[0].threads[1].captured_tensors, expected);
}

TEST(TtlangSource, ImportSpellings) {
    const char* spellings[] = {
        "import ttl\n@ttl.kernel(grid=(1, 1))\ndef k(a):\n    c = ttl.make_circular_buffer_like(a, shape=(1, 1), buffer_factor=2)\n"
        "    @ttl.compute()\n    def t():\n        pass\n",
        "from sim import ttl\n@ttl.operation(grid=(1, 1))\ndef k(a):\n    c = ttl.make_dataflow_buffer_like(a, shape=(1, 1), block_count=2)\n"
        "    @ttl.compute()\n    def t():\n        pass\n",
        "from ttl.ttl import kernel as K, compute, make_circular_buffer_like as mk\n@K(grid=(1, 1))\ndef k(a):\n"
        "    c = mk(a, shape=(1, 1), buffer_factor=2)\n    @compute\n    def t():\n        pass\n",
        "import ttl.ttl\n@ttl.ttl.kernel(grid=(1, 1))\ndef k(a):\n    c = ttl.ttl.make_circular_buffer_like(a, shape=(1, 1), buffer_factor=2)\n"
        "    @ttl.ttl.compute()\n    def t():\n        pass\n",
    };
    for (const char* text : spellings) {
        Diagnostics d;
        auto src = read_ttlang_text("s.py", text, d);
        ASSERT_TRUE(src) << text << d.render_all();
        ASSERT_EQ(src->kernels.size(), 1U) << text;
        EXPECT_EQ(src->kernels[0].buffers.size(), 1U) << text;
        EXPECT_EQ(src->kernels[0].threads.size(), 1U) << text;
    }
}

TEST(TtlangSource, AnnotationsWithoutValues) {
    // Found by the Python reader fuzzer: `x: int` assigns nothing.
    Diagnostics d;
    auto src = read_ttlang_text("a.py", "import ttl\n@ttl.kernel(grid=(1, 1))\ndef k(a):\n    n: int\n"
                                        "    @ttl.compute()\n    def t():\n        m: int\n", d);
    ASSERT_TRUE(src) << d.render_all();
    EXPECT_TRUE(src->kernels[0].locals.empty());
    EXPECT_EQ(src->kernels[0].threads.size(), 1U);
}

TEST(TtlangSource, SlicesWithMissingBoundsInTheProgram) {
    // Found by the Python reader fuzzer: `t[1:]` has no upper bound.
    Diagnostics d;
    auto src = read_ttlang_text("s.py", "import ttl\n@ttl.kernel(grid=(1, 1))\ndef k(a):\n    pass\n"
                                        "def main():\n    k(t[1:], t[:2], t[::3])\n", d);
    ASSERT_TRUE(src) << d.render_all();
    ASSERT_TRUE(src->program);
    ASSERT_EQ(src->program->calls.size(), 1U);
    EXPECT_EQ(src->program->calls[0].args, (std::vector<std::string>{"t[1:]", "t[:2]", "t[::3]"}));
}

TEST(TtlangSource, NotTtlIsNotAKernel) {
    Diagnostics d;
    auto src = read_ttlang_text("n.py", "import other\n@other.kernel(grid=(1, 1))\ndef k(a):\n    pass\n", d);
    EXPECT_FALSE(src);
    EXPECT_EQ(d.render_all(), "n.py: error: no TT-Lang kernel found: expected a function decorated with "
                              "'@ttl.kernel(...)' or '@ttl.operation(...)'\n");
}

TEST(TtlangSource, SyntaxErrorHasLocationAndCaret) {
    Diagnostics d;
    auto src = read_ttlang_text("bad.py", "import ttl\n\n@ttl.kernel(grid=(1, 1)\ndef k(a):\n    pass\n", d);
    EXPECT_FALSE(src);
    EXPECT_EQ(d.render_all(), "bad.py:3:12: error: '(' was never closed\n"
                              "@ttl.kernel(grid=(1, 1)\n"
                              "           ^\n");
}

}  // namespace
}  // namespace ttl
