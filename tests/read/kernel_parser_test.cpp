// The structural parser, as a table of {statement inside kernel_main -> dump line}. The dump
// prints every binary operator parenthesised, so each row pins one parse decision.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "read/kernel_dump.h"
#include "read/kernel_reader.h"

namespace ttl {
namespace {

/// Parses `void kernel_main() {\n<decls>\n<stmt>\n}` and returns the dump line of the
/// statement on line 3 without its location: "kind rest". The declarations on line 2 make
/// names known locals, as in emitted code.
std::string parse_stmt(const std::string& decls, const std::string& stmt) {
    Diagnostics d;
    auto kernel = read_kernel_text("t.cpp", "void kernel_main() {\n" + decls + "\n" + stmt + "\n}\n", d);
    EXPECT_TRUE(kernel) << d.render_all();
    if (!kernel) return "<error>";
    std::istringstream lines(dump_kernel(*kernel));
    for (std::string line; std::getline(lines, line);) {
        line = line.substr(line.find_first_not_of(' '));
        size_t kind_end = line.find(' ');
        if (kind_end == std::string::npos || line.compare(kind_end + 1, 2, "3:") != 0) continue;
        size_t loc_end = line.find(' ', kind_end + 1);
        return line.substr(0, kind_end) + (loc_end == std::string::npos ? "" : line.substr(loc_end));
    }
    return "<no statement on line 3>";
}

struct Row {
    const char* decls;
    const char* stmt;
    const char* expected;
};

const Row kRows[] = {
    // Declarations of every emitted shape.
    {"", "int32_t v1 = 2048;", "decl int32_t v1 = 2048"},
    {"", "float v2 = 2.000000000e+00f;", "decl float v2 = 2.000000000e+00f"},
    {"", "int32_t v8 = get_common_arg_val<uint32_t>(v5);",
     "decl int32_t v8 = call(get_common_arg_val<uint32_t>, v5)"},
    {"",
     "auto tensor_accessor_args_12 = TensorAccessorArgs<tensor_accessor::detail::"
     "get_tensor_accessor_args_cta_offset<0, 3>(), 0>();",
     "decl auto tensor_accessor_args_12 = call(TensorAccessorArgs<call(tensor_accessor::detail::"
     "get_tensor_accessor_args_cta_offset<0, 3>), 0>)"},
    {"", "auto a = TensorAccessorArgs<5, 2>();", "decl auto a = call(TensorAccessorArgs<5, 2>)"},
    {"", "experimental::CircularBuffer cb_ctarg_5(get_compile_time_arg_val(5));",
     "decl experimental::CircularBuffer cb_ctarg_5(call(get_compile_time_arg_val, 5))"},
    {"", "Noc noc0(0);", "decl Noc noc0(0)"},
    {"", "int a = 1, b = 2;", "decl int a = 1, b = 2"},
    {"", "const uint32_t* p = nullptr;", "decl const uint32_t* p = nullptr"},
    {"", "InterleavedAddrGenFast<true> g;", "decl InterleavedAddrGenFast<true> g"},
    {"", "CoreLocalMem<uint32_t> m{x};", "decl CoreLocalMem<uint32_t> m{x}"},
    // Casts in both forms, chains, and parenthesised operands.
    {"size_t v11 = 0;", "ptrdiff_t v12 = (ptrdiff_t) v11;", "decl ptrdiff_t v12 = c-cast<ptrdiff_t>(v11)"},
    {"size_t v11 = 0;", "ptrdiff_t v12 = (ptrdiff_t)v11;", "decl ptrdiff_t v12 = c-cast<ptrdiff_t>(v11)"},
    {"", "int32_t v1 = (int32_t)(int32_t)get_compile_time_arg_val(0);",
     "decl int32_t v1 = c-cast<int32_t>(c-cast<int32_t>(call(get_compile_time_arg_val, 0)))"},
    {"int32_t a = 0; int32_t b = 0;", "int32_t c = (int32_t) ((uint32_t) a * (uint32_t) b);",
     "decl int32_t c = c-cast<int32_t>(paren((c-cast<uint32_t>(a) * c-cast<uint32_t>(b))))"},
    {"size_t v = 0;", "uint32_t x = static_cast<uint32_t>(v);",
     "decl uint32_t x = static_cast<uint32_t>(v)"},
    {"int a = 0;", "int b = (a) - 1;", "decl int b = (paren(a) - 1)"},
    {"int a = 0;", "int b = (int) -a;", "decl int b = c-cast<int>((-a))"},
    {"size_t v = 0;", "uint32_t x = uint32_t(v);", "decl uint32_t x = functional-cast<uint32_t>(v)"},
    // Operators and precedence.
    {"size_t i6 = 0; size_t v3 = 0; size_t j7 = 0;", "size_t v10 = i6 * v3 + j7;",
     "decl size_t v10 = ((i6 * v3) + j7)"},
    {"int a = 0; int b = 0;", "bool c = a < b && b > a;", "decl bool c = ((a < b) && (b > a))"},
    {"int a = 0; int b = 0;", "int c = a >> 2 << b;", "decl int c = ((a >> 2) << b)"},
    {"int a = 0;", "a >>= 1;", "expr (a >>= 1)"},
    {"int a = 0; int b = 0;", "int c = a > b ? a : b;", "decl int c = ((a > b) ? a : b)"},
    {"int a = 0;", "a = a % 3 - -a;", "expr (a = ((a % 3) - (-a)))"},
    // Calls of every form.
    {"", "cb_wait_front(get_compile_time_arg_val(0), v1);",
     "expr call(cb_wait_front, call(get_compile_time_arg_val, 0), v1)"},
    {"", "pack_tile<true>(v6, get_compile_time_arg_val(6), v6);",
     "expr call(pack_tile<true>, v6, call(get_compile_time_arg_val, 6), v6)"},
    {"", "reduce_tile<PoolType::MAX, ReduceDim::REDUCE_ROW, false>(a, b);",
     "expr call(reduce_tile<PoolType::MAX, ReduceDim::REDUCE_ROW, false>, a, b)"},
    {"", "cb_ctarg_6.push_back(v3);", "expr call(member(cb_ctarg_6, push_back), v3)"},
    {"", "A<1>::B<2, 3>(x);", "expr call(A::B<2, 3>, x)"},
    {"", "A<1>::B(x);", "expr call(A::B<1>, x)"},
    {"", "y = x.template get<3>(y);", "expr (y = call(member(x, get<3>), y))"},
    {"",
     "noc1.async_write(CoreLocalMem<uint32_t>(cb.get_read_ptr()), acc, acc.get_aligned_page_size(), {} , "
     "{.page_id = static_cast<uint32_t>(v17)});",
     "expr call(member(noc1, async_write), call(CoreLocalMem<uint32_t>, call(member(cb, get_read_ptr))), "
     "acc, call(member(acc, get_aligned_page_size)), {}, {.page_id = static_cast<uint32_t>(v17)})"},
    {"", "p->f(x)[2]++;", "expr (call(member(p, ->f), x)[2]++)"},
    {"", "f(sizeof(uint32_t), sizeof r);", "opaque [unrecognized statement] f(sizeof(uint32_t), sizeof r);"},
    {"", "__builtin_memcpy(&r, &f, sizeof(r));",
     "expr call(__builtin_memcpy, (&r), (&f), call(sizeof, r))"},
    // Control flow.
    {"size_t v5 = 0; size_t v3 = 0; size_t v4 = 0;", "for (size_t i6 = v5; i6 < v3; i6 += v4) {}",
     "for (decl size_t i6 = v5; (i6 < v3); (i6 += v4))"},
    {"int i = 0;", "for (;;) break;", "for (; ; )"},
    {"int x = 0;", "if (x) { x = 1; } else x = 2;", "if x"},
    {"int x = 0;", "while (x < 3) ++x;", "while (x < 3)"},
    {"", "return;", "return"},
    // Kept verbatim.
    {"", "for (auto x : xs) {}", "opaque [unrecognized 'for' header (range-based 'for' is not modeled)] for (auto x : xs) {}"},
    {"", "switch (a) { case 1: break; }", "opaque ['switch' is not modeled] switch (a) { case 1: break; }"},
    {"", "auto f = [](int a) { return a; };", "opaque [unrecognized statement] auto f = [](int a) { return a; };"},
    {"", "do { x(); } while (y);", "opaque ['do' is not modeled] do { x(); } while (y);"},
};

TEST(KernelParser, StatementTable) {
    for (const Row& row : kRows) {
        EXPECT_EQ(parse_stmt(row.decls, row.stmt), row.expected) << "statement: " << row.stmt;
    }
}

TEST(KernelParser, TemplateArgumentListsUpTo255) {
    // Expr::template_count is 8 bits: a longer list is read as comparisons, never truncated.
    auto call_with = [](int n) {
        std::string s = "f<";
        for (int i = 0; i < n; ++i) s += (i ? ", a" : "a") + std::to_string(i);
        return s + ">(x);";
    };
    std::string at_limit = parse_stmt("", call_with(255));
    EXPECT_EQ(at_limit.rfind("expr call(f<a0, a1, ", 0), 0U) << at_limit.substr(0, 80);
    EXPECT_NE(at_limit.find(", a254>, x)"), std::string::npos);
    std::string over = parse_stmt("", call_with(256));
    EXPECT_EQ(over.rfind("expr ", 0), 0U) << over.substr(0, 80);
    EXPECT_EQ(over.find("f<"), std::string::npos) << over.substr(0, 80);
    Diagnostics d;
    std::string text = "void kernel_main() {\n" + call_with(256) + "\n}\n";
    auto kernel = read_kernel_text("t.cpp", text, d);
    ASSERT_TRUE(kernel);
    EXPECT_EQ(print_tokens(*kernel), text);
}

TEST(KernelParser, BracketsMoreThan65535TokensApart) {
    // The parser stores most closing brackets as a 16-bit distance; far ones take another path.
    std::string args = "a";
    for (int i = 0; i < 40000; ++i) args += ", a";  // 80,001 tokens inside the call
    std::string text = "void kernel_main() {\n  int a = 1;\n  f(" + args + ");\n  g(a);\n}\n";
    Diagnostics d;
    auto kernel = read_kernel_text("t.cpp", text, d);
    ASSERT_TRUE(kernel) << d.render_all();
    const Stmt& body = kernel->stmt(kernel->functions[0].body);
    ASSERT_EQ(body.kids.size(), 3U);
    const Stmt& call = kernel->stmt(body.kids[1]);
    ASSERT_EQ(call.kind, StmtKind::kExpr);
    EXPECT_EQ(kernel->expr(call.expr).kind, ExprKind::kCall);
    EXPECT_EQ(kernel->stmt(body.kids[2]).kind, StmtKind::kExpr);
    EXPECT_EQ(kernel->functions[0].locals.at(0).uses.size(), 40002U);
    EXPECT_EQ(print_tokens(*kernel), text);
}

TEST(KernelParser, TopLevelItemsAndEntryStyles) {
    Diagnostics d;
    auto k = read_kernel_text("t.cpp",
                              "// compute\n#include \"a.h\"\n#ifndef INFINITY\n#define INFINITY "
                              "__builtin_inff()\n#endif\nusing namespace x;\nnamespace NAMESPACE {\n"
                              "void kernel_main() {\n  return;\n}\nvoid MAIN { kernel_main(); }\n}\n",
                              d);
    ASSERT_TRUE(k) << d.render_all();
    EXPECT_EQ(k->entry_style, EntryStyle::kNamespaceMain);
    EXPECT_EQ(k->functions[k->entry_function].name, "kernel_main");
    EXPECT_EQ(k->header_name, "compute");
    std::string dump = dump_kernel(*k);
    EXPECT_NE(dump.find("conditional 3:1 #ifndef INFINITY\n  define 4:1 INFINITY = __builtin_inff()\n"),
              std::string::npos)
        << dump;
    EXPECT_NE(dump.find("other 6:1 using namespace x;\n"), std::string::npos) << dump;
    EXPECT_NE(dump.find("  function 11:1 void MAIN\n    expr 11:13 call(kernel_main)\n"),
              std::string::npos)
        << dump;
}

TEST(KernelParser, NoEntryWithoutKernelMain) {
    Diagnostics d;
    auto k = read_kernel_text("t.cpp", "void helper() {}\n", d);
    ASSERT_TRUE(k);
    EXPECT_EQ(k->entry_style, EntryStyle::kNoEntry);
}

TEST(KernelParser, LocalsRecordUsesWritesAndScopes) {
    Diagnostics d;
    auto k = read_kernel_text("t.cpp",
                              "void kernel_main() {\n"
                              "  int32_t v1 = 1;\n"
                              "  int32_t v2 = v1;\n"
                              "  for (size_t i3 = 0; i3 < 4; i3 += 1) {\n"
                              "    int32_t v1 = i3;\n"
                              "    v2 = v1;\n"
                              "    f(&v2, s.v1, N::v1);\n"
                              "  }\n"
                              "  g(v1);\n"
                              "}\n",
                              d);
    ASSERT_TRUE(k) << d.render_all();
    std::string dump = dump_kernel(*k);
    EXPECT_NE(dump.find("locals kernel_main\n"
                        "  v1 int32_t decl 2:11 uses 3:16 9:5 writes -\n"
                        "  v2 int32_t decl 3:11 uses 6:5 7:8 writes 6:5 address-taken\n"
                        "  i3 size_t decl 4:15 uses 4:23 4:31 5:18 writes 4:31\n"
                        "  v1 int32_t decl 5:13 uses 6:10 writes -\n"),
              std::string::npos)
        << dump;
}

// The resolver is the one home of "which local a token names", "where a local is in scope"
// and "which nodes belong to a function": later stages ask the model instead of rebuilding maps.
TEST(KernelParser, ModelAnswersLocalAtScopesAndNodesOfAFunction) {
    Diagnostics d;
    auto k = read_kernel_text("t.cpp",
                              "void helper(int p) { int q = (int) p; }\n"
                              "void kernel_main() {\n"
                              "  int32_t v1 = 1;\n"
                              "  for (size_t i3 = 0; i3 < 4; i3 += 1) {\n"
                              "    int32_t v1 = i3;\n"
                              "  }\n"
                              "  if (v1) int32_t w = 2;\n"
                              "  switch (v1) { default: break; }\n"
                              "}\n",
                              d);
    ASSERT_TRUE(k) << d.render_all();
    ASSERT_EQ(k->functions.size(), 2U);
    const Function& helper = k->functions[0];
    const Function& main = k->functions[1];
    auto token_at = [&](uint32_t line, uint32_t column) {
        for (TokenIndex i = 0; i < k->tokens.size(); ++i) {
            Location l = k->location(i);
            if (l.line == line && l.column == column) return i;
        }
        ADD_FAILURE() << "no token at " << line << ":" << column;
        return TokenIndex{0};
    };
    // Outer v1 (local 0), i3 (1), inner v1 (2), w (3).
    ASSERT_EQ(main.locals.size(), 4U);
    EXPECT_EQ(main.local_at(token_at(3, 11)), 0);  // outer declaration
    EXPECT_EQ(main.local_at(token_at(5, 13)), 2);  // inner declaration
    EXPECT_EQ(main.local_at(token_at(5, 18)), 1);  // i3 used in the inner initializer
    EXPECT_EQ(main.local_at(token_at(7, 7)), 0);   // `if (v1)`: the outer one again
    EXPECT_EQ(main.local_at(token_at(8, 11)), 0);  // inside an opaque statement
    EXPECT_EQ(main.local_at(token_at(3, 3)), kNone);  // a type, not a local
    EXPECT_EQ(helper.local_at(token_at(3, 11)), kNone);  // another function's token
    // Scopes end where their block, loop or sub-statement ends.
    EXPECT_EQ(main.locals[0].scope_end, main.range.last);
    EXPECT_EQ(main.locals[1].scope_end, token_at(6, 3));  // the loop's closing brace
    EXPECT_EQ(main.locals[2].scope_end, token_at(6, 3));
    EXPECT_EQ(main.locals[3].scope_end, token_at(7, 24));  // `if (v1) int32_t w = 2;` ends at ';'
    // Nodes of each function are a run of ids inside it, and the runs do not overlap.
    int helper_exprs = 0;
    for (ExprId e : k->exprs_of(helper)) {
        EXPECT_TRUE(helper.contains(k->expr(e).range));
        ++helper_exprs;
    }
    EXPECT_EQ(helper_exprs, 2);  // `(int) p` and `p`
    for (StmtId s : k->stmts_of(main)) EXPECT_TRUE(main.contains(k->stmt(s).range));
    EXPECT_EQ(k->exprs_of(helper).stop, k->exprs_of(main).first);
    // The initializer of a local, and a parameter has none.
    const Expr& init = k->expr(k->initializer_of(helper.locals[1]));
    EXPECT_EQ(init.kind, ExprKind::kCast);
    EXPECT_EQ(k->initializer_of(helper.locals[0]), kNone);
    EXPECT_EQ(k->local_of(helper, k->kid(init, 0)), 0);
}

TEST(KernelParser, OpaqueStatementsRecordLocalsTheyMention) {
    Diagnostics d;
    auto k = read_kernel_text("t.cpp", "void kernel_main() {\n  int a = 0;\n  switch (a) { default: b.a = a; }\n}\n", d);
    ASSERT_TRUE(k);
    const Local& a = k->functions[0].locals[0];
    ASSERT_EQ(a.opaque_uses.size(), 2U);  // `b.a` is a member, not the local
    EXPECT_EQ(k->location(a.opaque_uses[0]).column, 11U);
    EXPECT_EQ(k->location(a.opaque_uses[1]).column, 31U);
}

TEST(KernelParser, IdentifiersIncludeMacroNames) {
    Diagnostics d;
    auto k = read_kernel_text("t.cpp", "#define REDUCE_OP PoolType::SUM\n#include <cstdint>\nvoid kernel_main() { noc(); }\n", d);
    ASSERT_TRUE(k);
    std::vector<std::string_view> expected = {"PoolType", "REDUCE_OP", "SUM", "define", "include"};
    EXPECT_EQ(k->macro_words, expected);
    for (std::string_view name : {"PoolType", "REDUCE_OP", "SUM", "kernel_main", "noc"}) {
        EXPECT_TRUE(k->has_identifier(name)) << name;
    }
    for (std::string_view name : {"cstdint", "kernel", "x", "void"}) EXPECT_FALSE(k->has_identifier(name)) << name;
}

}  // namespace
}  // namespace ttl
