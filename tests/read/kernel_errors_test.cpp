// Malformed input: exact error text with location, source line and caret; no model returned.
// Hostile input (deep nesting, huge files) is an error or a success, never a crash.
#include <gtest/gtest.h>

#include <string>

#include "read/kernel_dump.h"
#include "read/kernel_reader.h"

namespace ttl {
namespace {

std::string read_error(const std::string& text) {
    Diagnostics d;
    auto kernel = read_kernel_text("k.cpp", text, d);
    EXPECT_FALSE(kernel);
    return d.render_all();
}

TEST(KernelErrors, UnbalancedBrackets) {
    EXPECT_EQ(read_error("void kernel_main() {\n  f(1;\n}\n"),
              "k.cpp:3:1: error: expected ')' to close '(' from line 2, column 4, got '}'\n"
              "}\n"
              "^\n");
    EXPECT_EQ(read_error("void kernel_main() {\n  return;\n"),
              "k.cpp:1:20: error: '{' is never closed: expected '}' before the end of the file\n"
              "void kernel_main() {\n"
              "                   ^\n");
    EXPECT_EQ(read_error("void kernel_main() {\n}\n}\n"),
              "k.cpp:3:1: error: unmatched '}': no opening bracket before it\n"
              "}\n"
              "^\n");
}

TEST(KernelErrors, UnterminatedConditional) {
    EXPECT_EQ(read_error("#ifndef INFINITY\n#define INFINITY 1\nvoid kernel_main() {}\n"),
              "k.cpp:1:1: error: '#ifndef' has no matching '#endif'\n"
              "#ifndef INFINITY\n"
              "^\n");
    EXPECT_EQ(read_error("#endif\n"),
              "k.cpp:1:1: error: '#endif' without a matching '#if', '#ifdef' or '#ifndef'\n"
              "#endif\n"
              "^\n");
}

TEST(KernelErrors, LexerErrorsStopTheRead) {
    EXPECT_EQ(read_error("void kernel_main() { f(\"x); }\n"),
              "k.cpp:1:24: error: unterminated string literal: expected a closing '\"'\n"
              "void kernel_main() { f(\"x); }\n"
              "                       ^\n");
}

TEST(KernelErrors, DeepNestingIsAnErrorNotAStackOverflow) {
    std::string deep = "void kernel_main() { int a = " + std::string(100000, '(') + "1" +
                       std::string(100000, ')') + "; }\n";
    std::string message = read_error(deep);
    EXPECT_NE(message.find("error: nesting too deep: more than 200 levels"), std::string::npos)
        << message.substr(0, 300);

    std::string blocks =
        "void kernel_main() " + std::string(50000, '{') + std::string(50000, '}') + "\n";
    message = read_error(blocks);
    EXPECT_NE(message.find("error: nesting too deep"), std::string::npos) << message.substr(0, 300);

    std::string unary = "void kernel_main() { int a = " + std::string(100000, '-') + "1; }\n";
    message = read_error(unary);
    EXPECT_NE(message.find("error: nesting too deep"), std::string::npos) << message.substr(0, 300);
}

TEST(KernelErrors, LongChainsAreBoundedLikeNesting) {
    // Chains are parsed by loops but walked recursively later: a tree deeper than 1000 levels
    // is an error at the chain, one of 1000 reads.
    auto chain = [](int n, const std::string& link) {
        std::string s = "a";
        for (int i = 1; i < n; ++i) s += link;
        return "void kernel_main() { int a = 0; int b = " + s + "; }\n";
    };
    for (const std::string link : {" + a", ".m", "()", "[0]", "++"}) {
        Diagnostics d;
        EXPECT_TRUE(read_kernel_text("k.cpp", chain(999, link), d)) << link << d.render_all();
        std::string message = read_error(chain(5000, link));
        EXPECT_NE(message.find("error: nesting too deep: an expression more than 1000 levels deep"),
                  std::string::npos)
            << link << ": " << message.substr(0, 300);
    }
    std::string commas = "void kernel_main() { int a = 0; a";
    for (int i = 0; i < 5000; ++i) commas += ", a";
    EXPECT_NE(read_error(commas + "; }\n").find("error: nesting too deep"), std::string::npos);
}

TEST(KernelErrors, ModerateNestingIsFine) {
    std::string text = "void kernel_main() { int a = " + std::string(50, '(') + "1" +
                       std::string(50, ')') + "; }\n";
    Diagnostics d;
    EXPECT_TRUE(read_kernel_text("k.cpp", text, d)) << d.render_all();
}

TEST(KernelErrors, EmptyAndWhitespaceOnlyFilesReadAsNoEntry) {
    for (const char* text : {"", "\n\n  \t", "// only a comment\n"}) {
        Diagnostics d;
        auto kernel = read_kernel_text("k.cpp", text, d);
        ASSERT_TRUE(kernel);
        EXPECT_EQ(kernel->entry_style, EntryStyle::kNoEntry);
        EXPECT_EQ(print_tokens(*kernel), text);
    }
}

TEST(KernelErrors, GarbageBetweenBalancedBracketsIsKeptNotDropped) {
    std::string text = "void kernel_main() { ) ; }\n";  // unbalanced: error
    Diagnostics d;
    EXPECT_FALSE(read_kernel_text("k.cpp", text, d));
    std::string odd =
        "void kernel_main() { + ; = = ; }\nint x[] = {1,2};\ntemplate <int N> void f() {}\n";
    Diagnostics d2;
    auto kernel = read_kernel_text("k.cpp", odd, d2);
    ASSERT_TRUE(kernel) << d2.render_all();
    EXPECT_EQ(print_tokens(*kernel), odd);
    int opaque = 0;
    for (const Stmt& s : kernel->stmts)
        opaque += s.kind == StmtKind::kOpaque;
    EXPECT_EQ(opaque, 2);
}

// Found by the kernel reader fuzzer (a hang that ate gigabytes): a C-style cast whose operand
// does not parse must give its tokens back, and a statement that takes no token must not be
// retried forever. The statement stays opaque rather than modeled as `v11 = D`.
TEST(KernelErrors, AFailedCastOperandIsOpaqueAndTheReadEnds) {
    Diagnostics d;
    auto kernel = read_kernel_text("k.cpp", "void f(){v11=(int32_t)((uint32_t)v8*(ui D;);)}", d);
    ASSERT_TRUE(kernel) << d.render_all();
    std::string dump = dump_kernel(*kernel);
    EXPECT_NE(
        dump.find("  opaque 1:10 [unrecognized statement] v11=(int32_t)((uint32_t)v8*(ui D;);)\n"),
        std::string::npos)
        << dump;
    EXPECT_EQ(dump.find("(v11 = D)"), std::string::npos) << dump;
}

// Found by the kernel reader fuzzer (a timeout): each `<` after a name may open a template
// list, and retrying every one inside every other made `a < b < c ...` exponential. A `<` that
// failed once is not retried in the same statement; 40 comparisons read as the C++ grammar says.
TEST(KernelErrors, ALongLessThanChainIsReadOnceNotExponentially) {
    std::string text = "void f() { x = a0";
    std::string expected = "a0";
    for (int i = 1; i <= 40; ++i) {
        text += " < a" + std::to_string(i);
        expected = "(" + expected + " < a" + std::to_string(i) + ")";
    }
    text += "; }\n";
    Diagnostics d;
    auto kernel = read_kernel_text("k.cpp", text, d);
    ASSERT_TRUE(kernel) << d.render_all();
    std::string dump = dump_kernel(*kernel);
    EXPECT_NE(dump.find("  expr 1:12 (x = " + expected + ")\n"), std::string::npos) << dump;
}

}  // namespace
}  // namespace ttl
