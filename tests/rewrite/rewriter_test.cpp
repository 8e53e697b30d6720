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
