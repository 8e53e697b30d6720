// The rewrite rules: every example kernel is rewritten with every rule and validates; the
// rewritten kernels are goldens; each rule alone; the built-in formatter.
#include <gtest/gtest.h>

#include "pipeline_util.h"
#include "rewrite/rewriter.h"
#include "test_util.h"

namespace ttl {
namespace {

TEST(Rewriter, EveryExampleKernelTakesEveryRuleAndValidates) {
    int threads = 0;
    for (const test::ExampleDirs& ex : test::examples()) {
        for (const test::ExportedThread& t : test::export_example(ex)) {
            SCOPED_TRACE(t.thread);
            ++threads;
            EXPECT_EQ(t.result.applied.size(), rewrite_rules().size());
            for (const RolledBack& r : t.result.rolled_back) ADD_FAILURE() << r.rule << ": " << r.reason;
            EXPECT_TRUE(t.result.proof.equivalent);
            EXPECT_GT(t.result.stats.renamed, 0);
            test::expect_golden(test::golden_path("rewrite", t.kernel + "/" + t.thread + ".cpp"), t.result.text);
        }
    }
    EXPECT_EQ(threads, 21);
}

TEST(Rewriter, EachRuleAloneValidates) {
    for (const RewriteRule& rule : rewrite_rules()) {
        for (const test::ExampleDirs& ex : test::examples()) {
            for (const test::ExportedThread& t : test::export_example(ex, {rule.name})) {
                EXPECT_EQ(t.result.applied, std::vector<std::string>{rule.name}) << rule.name << " " << t.thread;
            }
        }
    }
}

TEST(Rewriter, CastChainsCollapseIntoOneDeclaration) {
    auto threads = test::export_example(test::examples()[0], {"casts"});
    const std::string& reader = threads[1].result.text;
    EXPECT_EQ(reader.find("(ptrdiff_t)"), std::string::npos) << reader;
    EXPECT_NE(reader.find("int32_t v13 = v11;"), std::string::npos) << reader;
    EXPECT_EQ(threads[1].result.stats.temporaries_removed, 1);
    EXPECT_EQ(threads[1].result.stats.casts_removed, 1);
}

TEST(Rewriter, ConstantsBecomeConstexprAndSplitByRole) {
    auto threads = test::export_example(test::examples()[0], {"rename", "constants"});
    const std::string& reader = threads[1].result.text;
    // `size_t v3 = 4;` bounds both loops and strides the rows: one constant per role.
    EXPECT_NE(reader.find("constexpr size_t rows = 4;\n  constexpr size_t cols = 4;\n  constexpr size_t stride = 4;"),
              std::string::npos) << reader;
    EXPECT_NE(reader.find("for (size_t row = start; row < rows; row += step) {"), std::string::npos) << reader;
    EXPECT_NE(reader.find("size_t row_offset = row * stride;"), std::string::npos) << reader;
    EXPECT_NE(reader.find("get_common_arg_val<uint32_t>(lhs_arg)"), std::string::npos) << reader;
    EXPECT_EQ(threads[1].result.stats.constants, 5);
    EXPECT_EQ(threads[1].result.stats.constants_split, 3);
    EXPECT_TRUE(threads[1].result.proof.equivalent);
}

TEST(Rewriter, SourceCommentsFollowTheHeader) {
    auto threads = test::export_example(test::examples()[0]);
    const std::string& compute = threads[0].result.text;
    EXPECT_EQ(compute.rfind("// add_compute: compute thread of TT-Lang kernel add_kernel (add.py, line 22).\n"
                            "// Adds one tile of lhs and rhs into out_cb.\n"
                            "// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.\n"
                            "// From the source:\n"
                            "//   line 28: FPU add of two circular-buffer operands\n#include <cstdint>\n", 0), 0U)
        << compute.substr(0, 400);
    // No comment is ever placed inside a statement.
    EXPECT_EQ(compute.find("num_tiles//"), std::string::npos);
}

TEST(Rewriter, NoRuleLeavesTheCompilersText) {
    for (const test::ExportedThread& t : test::export_example(test::examples()[2], {"none"})) {
        EXPECT_EQ(t.result.text, t.before);
        EXPECT_TRUE(t.result.proof.equivalent);
    }
}

TEST(Reindent, BraceDepthContinuationsAndDirectives) {
    EXPECT_EQ(reindent("void f() {\n  int a =\n  1;\n#define X 1\n    for (;;) {\n g(a, /* c */\n b);\n }\n}\n", 4),
              "void f() {\n    int a =\n        1;\n#define X 1\n    for (;;) {\n        g(a, /* c */\n            b);\n    }\n}\n");
    EXPECT_EQ(reindent("int x = 1;\n/* a\n   b */\n", 2), "int x = 1;\n/* a\n   b */\n");
}

}  // namespace
}  // namespace ttl
