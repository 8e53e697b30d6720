// Inputs written to hurt the readers: exponential backtracking, right-recursive chains that used
// to overflow the stack, and diagnostics that must not let a file's bytes drive the terminal.
#include <string>

#include <gtest/gtest.h>

#include "read/kernel_reader.h"
#include "support/diagnostic.h"
#include "test_util.h"

namespace ttl {
namespace {

std::string repeat(const std::string& s, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

/// Reads `text` as a kernel in a child process (`dump`), with a time limit, so that a hang or a
/// stack overflow fails this test instead of the test binary.
test::ToolResult dump(const std::string& text) {
    test::TempDir dir;
    test::write_file(dir / "k.cpp", text);
    return test::run_tool("dump k.cpp", dir.path(), "timeout 60");
}

TEST(HostileInput, NestedTemplateListsInParenthesesAreLinear) {
    // Each level was parsed as a cast and then again as a parenthesized expression: 2^n.
    for (size_t n : {22u, 26u}) {  // 26 levels took about 20 s and 5 GB before
        std::string text =
            "void kernel_main() { x = " + repeat("(a<", n) + "1" + repeat(">)", n) + "; }\n";
        Diagnostics d;
        auto kernel = read_kernel_text("k.cpp", text, d);
        EXPECT_TRUE(kernel.has_value()) << n << ": " << d.render_all();
    }
    test::ToolResult deep =
        dump("void kernel_main() { x = " + repeat("(a<", 65) + "1" + repeat(">)", 65) + "; }\n");
    EXPECT_EQ(deep.status, 2) << deep.output;
    EXPECT_NE(deep.output.find("nesting too deep"), std::string::npos)
        << deep.output.substr(0, 300);
}

TEST(HostileInput, RightRecursiveChainsAndTemplatesHitTheDepthBound) {
    const std::string cases[] = {
        "void kernel_main() { " + repeat("x=", 100000) + "1; }\n",
        "void kernel_main() { y = " + repeat("a?b:", 100000) + "c; }\n",
        "void kernel_main() { y = " + repeat("a <", 30000) + "c; }\n",
        "void kernel_main() { " + repeat("T<", 30000) + "int" + repeat(">", 30000) + " x; }\n",
        "void kernel_main() { x = " + repeat("a<", 65) + "1" + repeat(">", 65) + "; }\n",
    };
    for (const std::string& text : cases) {
        test::ToolResult r = dump(text);
        EXPECT_EQ(r.status, 2) << text.substr(0, 40) << ": " << r.output.substr(0, 300);
        EXPECT_NE(r.output.find("error: nesting too deep: more than 200 levels"), std::string::npos)
            << r.output.substr(0, 300);
    }
    // Real nesting still reads: 20 nested template lists and a 20-step assignment chain.
    test::ToolResult ok = dump("void kernel_main() { " + repeat("T<", 20) + "int" +
                               repeat(">", 20) + " x; " + repeat("y=", 20) + "1; }\n");
    EXPECT_EQ(ok.status, 0) << ok.output.substr(0, 300);
}

TEST(HostileInput, DiagnosticsEscapeControlCharactersAndCutLongLines) {
    Diagnostic d;
    d.file = "evil\x1b[2J.cpp";
    d.line = 1;
    d.column = 5;
    d.message = "unexpected '\x07'";
    d.source_line = "x = \x1b[31m;";
    EXPECT_EQ(render(d), "evil\\x1B[2J.cpp:1:5: error: unexpected '\\x07'\nx = ?[31m;\n    ^\n");

    Diagnostic wide;
    wide.file = "w.cpp";
    wide.line = 1;
    wide.column = 1001;
    wide.message = "here";
    wide.source_line = std::string(1000, 'a') + "X" + std::string(1000, 'b');
    std::string out = render(wide);
    std::string shown = out.substr(out.find('\n') + 1);
    std::string text = shown.substr(0, shown.find('\n'));
    std::string caret = shown.substr(shown.find('\n') + 1);
    EXPECT_EQ(text.size(), 166U) << text;  // "..." + 160 columns + "..."
    EXPECT_EQ(text.substr(0, 3), "...");
    EXPECT_EQ(text.substr(text.size() - 3), "...");
    EXPECT_EQ(text[caret.find('^')], 'X') << out;
    // Near the start of a long line: no leading cut.
    wide.column = 3;
    std::string start = render(wide);
    EXPECT_NE(start.find("\naaa"), std::string::npos);
    EXPECT_NE(start.find("\n  ^\n"), std::string::npos) << start.substr(0, 400);
}

}  // namespace
}  // namespace ttl
