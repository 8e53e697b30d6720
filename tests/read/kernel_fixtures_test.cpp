// Every emitted kernel we ship (examples/*/emitted) and every reader fixture
// (tests/fixtures/kernels) reads without error, prints back byte for byte, and dumps exactly
// as its golden file in tests/golden/read says (TTL_UPDATE_GOLDENS=1 rewrites them).
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <string>
#include <vector>

#include "read/kernel_dump.h"
#include "read/kernel_reader.h"
#include "test_util.h"

namespace ttl {
namespace {

std::vector<std::string> fixture_files() {
    std::vector<std::string> files;
    for (const char* dir : {"examples", "tests/fixtures/kernels"}) {
        for (const std::string& f : test::list_files(test::source_path(dir), ".cpp")) {
            files.push_back(f.substr(test::source_dir().size() + 1));
        }
    }
    return files;
}

std::string golden_path(std::string relative) {
    for (char& c : relative) {
        if (c == '/') c = '@';
    }
    return test::source_path("tests/golden/read/" + relative + ".dump");
}

/// The emitter dialect of a kernel (shared/docs/emitted-format.md, section 1), by its markers.
char dialect_of(const std::string& text) {
    bool object_cbs = text.find("CircularBuffer cb_ctarg_") != std::string::npos;
    if (text.find("Noc noc") != std::string::npos || text.find("CoreLocalMem<") != std::string::npos ||
        (object_cbs && text.find("experimental::CircularBuffer") == std::string::npos)) {
        return 'D';
    }
    if (text.find("experimental::CircularBuffer") != std::string::npos) return 'C';
    static const std::regex literal_accessor(R"(TensorAccessorArgs<\d+, \d+>\(\))");
    if (text.find("namespace NAMESPACE") != std::string::npos || std::regex_search(text, literal_accessor)) return 'A';
    if (text.find("cb_wait_front(") != std::string::npos || text.find("cb_reserve_back(") != std::string::npos) return 'B';
    return '?';
}

TEST(KernelFixtures, ThereAreThreeThreadsOfEachDialect) {
    std::map<char, int> threads;
    for (const std::string& file : fixture_files()) {
        if (file.find("triton") != std::string::npos) continue;  // the robustness case, not TT-Lang output
        char d = dialect_of(test::read_file(test::source_path(file)));
        EXPECT_NE(d, '?') << file;
        ++threads[d];
    }
    for (char d : {'A', 'B', 'C', 'D'}) EXPECT_GE(threads[d], 3) << "dialect " << d;
}

TEST(KernelFixtures, RoundTripAndGoldenDump) {
    for (const std::string& file : fixture_files()) {
        SCOPED_TRACE(file);
        std::string text = test::read_file(test::source_path(file));
        Diagnostics d;
        auto kernel = read_kernel_text(file, text, d);
        ASSERT_TRUE(kernel) << d.render_all();
        EXPECT_TRUE(d.items().empty()) << d.render_all();
        EXPECT_EQ(print_tokens(*kernel), text);
        EXPECT_NE(kernel->entry_style, EntryStyle::kNoEntry);
        test::expect_golden(golden_path(file), dump_kernel(*kernel));
    }
}

TEST(KernelFixtures, EmittedKernelsHaveNoOpaqueStatements) {
    // TT-Lang output is fully modeled; only the Triton case may keep statements verbatim.
    for (const std::string& file : fixture_files()) {
        if (file.find("examples/") != 0) continue;
        Diagnostics d;
        auto kernel = read_kernel_text(file, test::read_file(test::source_path(file)), d);
        ASSERT_TRUE(kernel);
        for (const Stmt& s : kernel->stmts) {
            EXPECT_NE(s.kind, StmtKind::kOpaque) << file << ": " << kernel->text(s.range);
        }
    }
}

TEST(KernelFixtures, ClangFormattedCopyHasTheSameTokensAsTheRawStyle) {
    // Dialect C is clang-formatted: whitespace differs, tokens and structure do not.
    std::string formatted = "void kernel_main() {\n    auto tensor_accessor_args_70 =\n        "
                            "TensorAccessorArgs<3, 0>();\n    ptrdiff_t v13 = (ptrdiff_t)v12;\n}\n";
    std::string raw = "void kernel_main() {\n  auto tensor_accessor_args_70 = TensorAccessorArgs<3, 0>();\n"
                      "  ptrdiff_t v13 = (ptrdiff_t) v12;\n}\n";
    Diagnostics d;
    auto a = read_kernel_text("a.cpp", formatted, d);
    auto b = read_kernel_text("b.cpp", raw, d);
    ASSERT_TRUE(a && b);
    std::vector<std::string> ta, tb;
    for (TokenIndex i = 0; i < a->tokens.size(); ++i) {
        if (a->tokens[i].significant()) ta.emplace_back(a->text(i));
    }
    for (TokenIndex i = 0; i < b->tokens.size(); ++i) {
        if (b->tokens[i].significant()) tb.emplace_back(b->text(i));
    }
    EXPECT_EQ(ta, tb);
    const Stmt& body = a->stmt(a->functions[0].body);
    ASSERT_GE(body.kids.size(), 2U);
    const Stmt& cast_decl = a->stmt(body.kids[1]);
    ASSERT_EQ(cast_decl.declarators.size(), 1U);
    EXPECT_EQ(dump_expr(*a, a->ids(cast_decl.declarators[0].init_exprs)[0]), "c-cast<ptrdiff_t>(v12)");
}

}  // namespace
}  // namespace ttl
