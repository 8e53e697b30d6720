// The Python tokenizer and tolerant parser: lexical rules, statement structure, expressions
// as the TT-Lang model needs them, and exact error messages.
#include <gtest/gtest.h>

#include <string>

#include "read/py_lexer.h"
#include "read/py_model.h"

namespace ttl {
namespace {

std::string tokens(const std::string& text) {
    SourceFile source("t.py", text);
    Diagnostics d;
    std::string out;
    for (const PyToken& t : lex_python(source, d)) {
        if (!out.empty()) out += ' ';
        out += py_token_kind_name(t.kind);
        if (t.end > t.begin && t.kind != PyTokenKind::kNewline) out += ":" + std::string(py_token_text(source, t));
    }
    EXPECT_FALSE(d.has_errors()) << d.render_all();
    return out;
}

std::string dump(const std::string& text) {
    Diagnostics d;
    auto m = read_python_text("t.py", text, d);
    EXPECT_TRUE(m) << d.render_all();
    return m ? dump_python(*m) : d.render_all();
}

std::string error(const std::string& text) {
    Diagnostics d;
    auto m = read_python_text("t.py", text, d);
    EXPECT_FALSE(m);
    return d.render_all();
}

TEST(PyLexer, IndentationAndLogicalLines) {
    EXPECT_EQ(tokens("def f():\n    x = (1,\n  2)\n\n    # c\n    return x\n"),
              "name:def name:f op:( op:) op:: newline indent name:x op:= op:( number:1 op:, number:2 op:) "
              "newline comment:# c name:return name:x newline dedent end");
    EXPECT_EQ(tokens("a = 1 + \\\n    2\n"), "name:a op:= number:1 op:+ number:2 newline end");
}

TEST(PyLexer, EveryStringForm) {
    EXPECT_EQ(tokens("x = f'{a}' rb\"\\x\" '''multi\nline''' U'u' \"a\\\"b\"\n"),
              "name:x op:= string:f'{a}' string:rb\"\\x\" string:'''multi\nline''' string:U'u' "
              "string:\"a\\\"b\" newline end");
}

TEST(PyLexer, NumbersAndOperators) {
    EXPECT_EQ(tokens("x //= 0x1F + 1_000 ** 2.5e-3 @ y -> z := w\n"),
              "name:x op://= number:0x1F op:+ number:1_000 op:** number:2.5e-3 op:@ name:y op:-> "
              "name:z op::= name:w newline end");
}

TEST(PyLexer, Errors) {
    EXPECT_EQ(error("x = 'abc\n"),
              "t.py:1:5: error: unterminated string literal: expected a closing quote on the same line\n"
              "x = 'abc\n"
              "    ^\n");
    EXPECT_EQ(error("x = \"\"\"abc\n\n"),
              "t.py:1:5: error: unterminated triple-quoted string literal\n"
              "x = \"\"\"abc\n"
              "    ^\n");
    EXPECT_EQ(error("if x:\n        a = 1\n    b = 2\n"),
              "t.py:3:5: error: unindent does not match any outer indentation level\n"
              "    b = 2\n"
              "    ^\n");
    EXPECT_EQ(error("f(a, b]\n"),
              "t.py:1:7: error: closing ']' does not match opening '(' on line 1\n"
              "f(a, b]\n"
              "      ^\n");
    EXPECT_EQ(error("f(a,\n  b\n"),
              "t.py:1:2: error: '(' was never closed\n"
              "f(a,\n"
              " ^\n");
    EXPECT_EQ(error("x = 1 $ 2\n"),
              "t.py:1:7: error: invalid character '$'\n"
              "x = 1 $ 2\n"
              "      ^\n");
    EXPECT_EQ(error("x = 1 \\ 2\n"),
              "t.py:1:7: error: unexpected character after line continuation character\n"
              "x = 1 \\ 2\n"
              "      ^\n");
}

TEST(PyParser, StatementsAndExpressions) {
    EXPECT_EQ(dump("@ttl.kernel(grid=(1, 1))\ndef k(a: ttnn.Tensor, b, *rest, scale=2.0):\n    \"\"\"Doc.\"\"\"\n"
                   "    cb = ttl.make_circular_buffer_like(a, shape=(1, 4), buffer_factor=2)\n"
                   "    for r in range(a.shape[0] // 32):\n"
                   "        with cb.wait() as x, cb.reserve() as y:\n"
                   "            y.store(ttl.math.exp(x) * b[r, 0:2])\n"),
              "def 1-7 k(a: ttnn.Tensor, b, *rest, scale = 2.0) @call(ttl.kernel, grid=tuple(1, 1)) doc=\"Doc.\"\n"
              "  expr 3-3 str(Doc.)\n"
              "  assign 4-4 cb = call(ttl.make_circular_buffer_like, a, shape=tuple(1, 4), buffer_factor=2)\n"
              "  for 5-7 r in call(range, (a.shape[0] // 32))\n"
              "    with 6-7 call(cb.wait) as x, call(cb.reserve) as y\n"
              "      expr 7-7 call(y.store, (call(ttl.math.exp, x) * b[tuple(r, slice(0, 2, -))]))\n");
}

TEST(PyParser, ImportsAndAssignmentsForms) {
    EXPECT_EQ(dump("import ttl, ttnn as tn\nfrom ttl.ttl import (kernel as K,\n    compute)\nx, _ = ttl.node(dims=2)\na = b = 3\nc += 1\nd: int = 4\n"),
              "import 1-1  ttl ttnn as tn\n"
              "from 2-3 ttl.ttl: kernel as K compute\n"
              "assign 4-4 tuple(x, _) = call(ttl.node, dims=2)\n"
              "assign 5-5 a = b = 3\n"
              "augassign 6-6 c += 1\n"
              "assign 7-7 d = 4\n");
}

TEST(PyParser, UnknownConstructsAreKeptAsText) {
    EXPECT_EQ(dump("xs = [i * 2 for i in range(3)]\nf(lambda v: v, k=1 if a else 2)\ng(x for x in y)\nraise ValueError('x')\n"
                   "try:\n    pass\nexcept E:\n    pass\n"),
              "assign 1-1 xs = opaque[[i * 2 for i in range(3)]]\n"
              "expr 2-2 call(f, opaque[lambda v: v], k=opaque[1 if a else 2])\n"
              "expr 3-3 call(g, opaque[x for x in y])\n"
              "other 4-4 raise ValueError('x')\n"
              "try 5-8 \n"
              "  pass 6-6 \n"
              "else\n"
              "  other 7-8 except E:\n"
              "    pass 8-8 \n");
}

TEST(PyParser, MatchStatementsAreKeptAsTextWithTheirBodiesRead) {
    // `match` and `case` are soft keywords: a statement only on a line that ends with its
    // block's colon; elsewhere names like any other.
    EXPECT_EQ(dump("match = {'a': 1}\nmatch(x)\ndef f(cmd):\n    match cmd.split():\n"
                   "        case [name, *rest] if rest:\n            y = name\n        case {'k': (1, 2)}:\n"
                   "            pass\n    return y\n"),
              "assign 1-1 match = dict(str(a), 1)\n"
              "expr 2-2 call(match, x)\n"
              "def 3-9 f(cmd)\n"
              "  other 4-8 match cmd.split():\n"
              "    other 5-6 case [name, *rest] if rest:\n"
              "      assign 6-6 y = name\n"
              "    other 7-8 case {'k': (1, 2)}:\n"
              "      pass 8-8 \n"
              "  return 9-9 y\n");
}

TEST(PyParser, IfElifElseAndComments) {
    EXPECT_EQ(dump("# top\nif a:  # why\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3\n"),
              "if 2-7 a\n"
              "  assign 3-3 x = 1\n"
              "else\n"
              "  if 4-7 b\n"
              "    assign 5-5 x = 2\n"
              "  else\n"
              "    assign 7-7 x = 3\n"
              "comment 1:1 top\n"
              "comment 2:8 why\n");
}

TEST(PyParser, ParserErrors) {
    EXPECT_EQ(error("@dec\nx = 1\n"),
              "t.py:2:1: error: expected 'def' or 'class' after a decorator\n"
              "x = 1\n"
              "^\n");
    EXPECT_EQ(error("def f()\n    pass\n"),
              "t.py:1:8: error: expected ':' to end the definition header\n"
              "def f()\n"
              "       ^\n");
    EXPECT_EQ(error("def f():\nx = 1\n"),
              "t.py:2:1: error: expected an indented block\n"
              "x = 1\n"
              "^\n");
    // Found by the Python reader fuzzer: a broken definition as the first statement of a body
    // (where a docstring would be) crashed the docstring lookup.
    EXPECT_EQ(error("def main():\n    def device = 1\n    return 0\n"),
              "t.py:2:16: error: expected ':' to end the definition header\n"
              "    def device = 1\n"
              "               ^\n");
}

TEST(PyParser, DeepNestingIsAnError) {
    std::string deep = "x = " + std::string(5000, '(') + "1" + std::string(5000, ')') + "\n";
    std::string message = error(deep);
    EXPECT_NE(message.find("error: nesting too deep"), std::string::npos) << message.substr(0, 200);
}

TEST(PyParser, LongChainsAreBoundedLikeNesting) {
    // Found while bounding the C++ reader: `a + a + ...` with 40,000 terms overflowed the stack
    // of the model's recursive walks. A tree deeper than 1000 levels is now an error.
    for (const std::string link : {" + a", ".m", "()", "[0]"}) {
        auto chain = [&](int n) {
            std::string s = "x = a";
            for (int i = 1; i < n; ++i) s += link;
            return s + "\n";
        };
        Diagnostics d;
        EXPECT_TRUE(read_python_text("t.py", chain(999), d)) << link << d.render_all();
        std::string message = error(chain(40000));
        EXPECT_NE(message.find("error: nesting too deep: an expression more than 1000 levels deep"),
                  std::string::npos)
            << link << ": " << message.substr(0, 200);
    }
}

TEST(PyModel, ExprTextFoldsLineBreaks) {
    Diagnostics d;
    auto m = read_python_text("t.py", "y = f(a,\n      b)  # c\nz = g(\n    1)\n", d);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->expr_text(m->stmt(m->body[0]).expr), "f(a, b)");
    EXPECT_EQ(m->expr_text(m->stmt(m->body[1]).expr), "g(1)");
    EXPECT_EQ(m->dotted_name(m->expr(m->stmt(m->body[0]).expr).kids[0]), "f");
}

}  // namespace
}  // namespace ttl
