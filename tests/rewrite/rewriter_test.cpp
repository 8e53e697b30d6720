// The rewrite rules: every example kernel is rewritten with every rule and validates; the
// rewritten kernels are goldens; each rule alone; the built-in formatter.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include <fmt/format.h>


#include "bind/binding.h"
#include "bind/naming.h"
#include "pipeline_util.h"
#include "read/artifacts.h"
#include "read/kernel_reader.h"
#include "read/ttlang_source.h"
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
            EXPECT_EQ(t.result.applied, Rules::all());
            for (const RolledBack& r : t.result.rolled_back) ADD_FAILURE() << r.rule << ": " << r.reason;
            EXPECT_TRUE(t.result.proof.equivalent);
            EXPECT_GT(t.result.stats.renamed, 0);
            // The rewritten kernel is what the package holds (its golden is the one home of this text).
            EXPECT_EQ(t.result.text, test::read_file(t.package_golden)) << t.package_golden;
        }
    }
    EXPECT_EQ(threads, 51);
}

TEST(Rewriter, EachRuleAloneValidates) {
    for (const RewriteRule& rule : rewrite_rules()) {
        for (const test::ExampleDirs& ex : test::examples()) {
            for (const test::ExportedThread& t : test::export_example(ex, Rules::only(rule.rule))) {
                EXPECT_EQ(t.result.applied, Rules::only(rule.rule)) << rule.name << " " << t.thread;
            }
        }
    }
}

TEST(Rewriter, CastChainsCollapseIntoOneDeclaration) {
    auto threads = test::export_example(test::examples()[0], Rules::only(Rule::kCasts));
    const std::string& reader = threads[1].result.text;
    EXPECT_EQ(reader.find("(ptrdiff_t)"), std::string::npos) << reader;
    EXPECT_NE(reader.find("int32_t v13 = v11;"), std::string::npos) << reader;
    EXPECT_EQ(threads[1].result.stats.temporaries_removed, 1);
    EXPECT_EQ(threads[1].result.stats.casts_removed, 1);
}

TEST(Rewriter, ConstantsBecomeConstexprAndSplitByRole) {
    auto threads = test::export_example(test::examples()[0], Rules::only(Rule::kRename).add(Rule::kConstants));
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

TEST(Rewriter, CommentsFromTheSourceAndIntentComments) {
    auto threads = test::export_example(test::examples()[0]);
    const std::string& compute = threads[0].result.text;
    EXPECT_EQ(compute.rfind("// add_compute: compute thread of TT-Lang kernel add_kernel (add.py, line 22).\n"
                            "// Adds one tile of lhs and rhs into out_cb.\n"
                            "// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.\n"
                            "#include <cstdint>\n", 0), 0U)
        << compute.substr(0, 400);
    // The source map: each TT-Lang statement above the C++ it made, the comments above it first.
    EXPECT_NE(compute.find("for (size_t col = start; col < cols; col += step) {  // for col in range(cols)\n"
                           "            // with lhs_cb.wait() as l, rhs_cb.wait() as r, out_cb.reserve() as o:\n"
                           "            cb_wait_front(lhs_cb, num_tiles);\n"),
              std::string::npos) << compute;
    EXPECT_NE(compute.find("            cb_reserve_back(out_cb, num_tiles);\n"
                           "            // FPU add of two circular-buffer operands\n"
                           "            // o.store(l + r)\n"
                           "            binary_op_init_common(lhs_cb, rhs_cb, out_cb);\n"),
              std::string::npos) << compute;
    const std::string& reader = threads[1].result.text;
    EXPECT_NE(reader.find("            // with lhs_cb.reserve() as l, rhs_cb.reserve() as r:\n"
                          "            cb_reserve_back(lhs_cb, num_tiles);\n"),
              std::string::npos) << reader;
    EXPECT_NE(reader.find("            noc_async_read_tile(tile_index_i32, lhs_accessor, lhs_write_ptr);\n"
                          "            // tx_r = ttl.copy(rhs[row, col], r)\n"),
              std::string::npos) << reader;
    EXPECT_NE(threads[2].result.text.find("// with out_cb.wait() as o:\n"), std::string::npos);
    // A source comment is placed once: not also at the top of its loop.
    EXPECT_EQ(compute.find("(source line 28)"), std::string::npos) << compute;
    // No comment is ever placed inside a statement.
    EXPECT_EQ(compute.find("num_tiles//"), std::string::npos);
    // Bare literal arguments get their parameter's name.
    auto silu = test::export_example(test::examples()[2]);
    EXPECT_NE(silu[1].result.text.find("Noc noc0(/*noc_id=*/0);"), std::string::npos) << silu[1].result.text;
}

TEST(Rewriter, ARuleThatFailsValidationIsRolledBackAndTheOthersStay) {
    Diagnostics d;
    auto src = read_ttlang_text("add.py", test::read_file(test::source_path("examples/eltwise_add/add.py")), d);
    auto artifacts = find_artifacts(*src, ArtifactOptions{test::source_path("examples/eltwise_add/emitted"), {}, ""}, d);
    ASSERT_TRUE(src && artifacts) << d.render_all();
    const ThreadArtifact& t = artifacts->at(0).threads[1];
    auto k = read_kernel_text("reader.cpp", t.text(), d);
    ASSERT_TRUE(k);
    const TtlKernel* kernel = src->kernel("add_kernel");
    KernelBinding b = bind_kernel(*k, kernel, 1, artifacts->at(0).runner);
    NamingPlan plan = plan_names(*k, b, kernel);
    // A wrong plan: the two tensors' addresses get one name in one scope.
    for (Rename& r : plan.renames) {
        if (r.new_name == "rhs_addr") r.new_name = "lhs_addr";
    }
    RewriteInput in{&*k, &b, &plan, kernel, "add.py", "tt-metal", "builtin"};
    ValidatedKernel v = rewrite_and_validate(in, Rules::all());
    ASSERT_EQ(v.rolled_back.size(), 1U);
    EXPECT_EQ(v.rolled_back[0].rule, "rename");
    EXPECT_EQ(v.rolled_back[0].reason, "not equivalent (renaming): 'v8' and 'v15' both become 'lhs_addr' in overlapping "
                                       "scopes: the new name hides or redeclares the other");
    EXPECT_EQ(v.applied, Rules::all().remove(Rule::kRename));
    EXPECT_TRUE(v.proof.equivalent);
    EXPECT_NE(v.text.find("int32_t v8 = get_common_arg_val"), std::string::npos);
}

TEST(Rewriter, NoRuleLeavesTheCompilersText) {
    for (const test::ExportedThread& t : test::export_example(test::examples()[2], Rules())) {
        EXPECT_EQ(t.result.text, t.before);
        EXPECT_TRUE(t.result.proof.equivalent);
    }
}

TEST(Reindent, BraceDepthContinuationsAndDirectives) {
    // A wrapped statement that fits is joined (re-flow); one with a comment inside keeps its lines.
    EXPECT_EQ(reindent("void f() {\n  int a =\n  1;\n#define X 1\n    for (;;) {\n g(a, /* c */\n b);\n }\n}\n", 4),
              "void f() {\n    int a = 1;\n#define X 1\n    for (;;) {\n        g(a, /* c */\n            b);\n    }\n}\n");
    // clang-format's wraps: joined without spaces inside the brackets.
    EXPECT_EQ(reindent("void f() {\n    binary_op_init_common(\n        a_cb, b_cb,\n        out_cb);\n}\n", 4),
              "void f() {\n    binary_op_init_common(a_cb, b_cb, out_cb);\n}\n");
    // One that would not fit in 120 columns stays wrapped.
    std::string long_args(60, 'x');
    std::string wrapped = "void f() {\n    g(\n        " + long_args + ",\n        " + long_args + ");\n}\n";
    EXPECT_EQ(reindent(wrapped, 4), wrapped);
    EXPECT_EQ(reindent("int x = 1;\n/* a\n   b */\n", 2), "int x = 1;\n/* a\n   b */\n");
    // The text's last newline is kept, and none is added; a blank line stays as written.
    EXPECT_EQ(reindent("int x;\n   \n", 4), "int x;\n   \n");
    EXPECT_EQ(reindent("int x;\n\n", 4), "int x;\n\n");
    EXPECT_EQ(reindent("int x;", 4), "int x;");
    // Namespace bodies are not indented (tt-metal's and LLVM's style).
    EXPECT_EQ(reindent("namespace NAMESPACE {\n  void f() {\n  g();\n  }\n}\n", 4),
              "namespace NAMESPACE {\nvoid f() {\n    g();\n}\n}\n");
}

}  // namespace
}  // namespace ttl

namespace ttl {
namespace {

TEST(Rewriter, EveryThreadsCommentsAndDocstringReachItsKernelOnceAndNothingRepeats) {
    int kernels = 0, comments = 0;
    for (const test::ExampleDirs& ex : test::examples()) {
        Diagnostics d;
        auto source = read_ttlang_text(ex.source, test::read_file(test::source_path(ex.source)), d);
        ASSERT_TRUE(source) << d.render_all();
        for (const test::ExportedThread& t : test::export_example(ex)) {
            const TtlKernel* kernel = source->kernel(t.kernel);
            ASSERT_NE(kernel, nullptr) << t.kernel;
            const TtlThread* thread = nullptr;
            for (const TtlThread& th : kernel->threads) {
                if (th.name == t.thread) thread = &th;
            }
            ASSERT_NE(thread, nullptr) << t.thread;
            const std::string& text = t.result.text;
            ++kernels;
            // Every source comment and every docstring line is in the kernel, exactly once.
            for (const PyComment& c : thread->comments) {
                size_t at = text.find(c.text);
                EXPECT_NE(at, std::string::npos) << ex.name() << " " << t.thread << ": '" << c.text << "'\n" << text;
                EXPECT_EQ(text.find(c.text, at + 1), std::string::npos) << ex.name() << ": twice: " << c.text;
                ++comments;
            }
            size_t pos = 0;
            while (pos < thread->docstring.size()) {
                size_t nl = thread->docstring.find('\n', pos);
                std::string line = thread->docstring.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
                pos = nl == std::string::npos ? thread->docstring.size() : nl + 1;
                size_t first = line.find_first_not_of(" \t");
                if (first == std::string::npos) continue;
                line = line.substr(first);
                EXPECT_NE(text.find("// " + line + "\n"), std::string::npos) << ex.name() << ": " << line << "\n" << text;
            }
            // No full-line comment repeats within a kernel, and no citation is stacked on each line
            // of a block.
            std::set<std::string> seen;
            std::istringstream lines(text);
            std::string line;
            int cited_in_a_row = 0;
            while (std::getline(lines, line)) {
                size_t first = line.find_first_not_of(' ');
                bool comment = first != std::string::npos && line.compare(first, 2, "//") == 0;
                if (!comment || line == "//") {
                    cited_in_a_row = 0;
                    continue;
                }
                EXPECT_TRUE(seen.insert(line.substr(first)).second) << ex.name() << " " << t.thread << ": " << line;
                cited_in_a_row = line.find("(source line") != std::string::npos ? cited_in_a_row + 1 : 0;
                EXPECT_LT(cited_in_a_row, 2) << ex.name() << " " << t.thread << ": " << line;
                EXPECT_EQ(line.find("___"), std::string::npos) << line;
            }
            // No wrap that would fit: a statement spread over lines is longer than 120 columns joined.
            std::vector<std::string> all;
            std::istringstream again(text);
            for (std::string l; std::getline(again, l);) all.push_back(l);
            for (size_t i = 0; i + 1 < all.size(); ++i) {
                const std::string& l = all[i];
                if (l.empty() || l.find("//") != std::string::npos || l[l.find_first_not_of(' ')] == '#') continue;
                char end = l.back();
                if (end != '(' && end != ',' && end != '=') continue;
                std::string joined = l;
                for (size_t j = i + 1; j < all.size(); ++j) {
                    joined += " " + all[j].substr(all[j].find_first_not_of(' '));
                    if (!all[j].empty() && all[j].back() == ';') break;
                }
                EXPECT_GT(joined.size(), 121U) << ex.name() << " " << t.thread << ": a wrap that would fit:\n" << l;
            }
        }
    }
    EXPECT_GT(kernels, 30);
    EXPECT_GE(comments, 5);
}

}  // namespace
}  // namespace ttl

namespace ttl {
namespace {

TEST(Rewriter, TheSourceMapNamesTheCppLinesOfEachStatement) {
    auto threads = test::export_example(test::examples()[0]);  // eltwise_add: compute, reader, writer
    const ValidatedKernel& writer = threads[2].result;
    const std::vector<SourceMapEntry>& map = writer.stats.source_map;
    ASSERT_EQ(map.size(), 2U);
    EXPECT_EQ(map[0].statement, "with out_cb.wait() as o:");
    EXPECT_EQ(map[1].statement, "tx = ttl.copy(o, out[row, col])");
    auto lines = source_map_lines(writer.text, map);
    std::vector<std::string> text;
    std::istringstream in(writer.text);
    for (std::string l; std::getline(in, l);) text.push_back(l);
    ASSERT_GT(lines[1].second, lines[1].first);
    // The with's line is its wait; the copy runs from the accessor set-up to the transfer and beyond.
    EXPECT_EQ(lines[0].first, lines[0].second);
    EXPECT_NE(text[lines[0].first - 1].find("cb_wait_front(out_cb, num_tiles);"), std::string::npos);
    EXPECT_NE(text[lines[1].first - 1].find("get_common_arg_val<uint32_t>(out_arg)"), std::string::npos);
    bool transfer = false;
    for (uint32_t l = lines[1].first; l <= lines[1].second; ++l) {
        transfer = transfer || text[l - 1].find("noc_async_write_tile") != std::string::npos;
    }
    EXPECT_TRUE(transfer);
    // --explain prints it.
    test::TempDir dir;
    test::ToolResult r = test::run_tool(
        "examples/eltwise_add/add.py --from examples/eltwise_add/emitted -o " + dir / "pkg" + " --explain", test::source_dir());
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("source map (TT-Lang line -> C++ lines):"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(fmt::format("-> {}-{}", lines[1].first, lines[1].second)), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ttl
