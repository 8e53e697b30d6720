// The validator, rule by rule: what each normalization accepts, what it must not, and the
// exact report of a divergence.
#include <gtest/gtest.h>

#include <string>

#include "pipeline_util.h"
#include "support/cpp_types.h"
#include "test_util.h"
#include "read/kernel_reader.h"
#include "validate/equivalence.h"

namespace ttl {
namespace {

EquivalenceResult check(const std::string& before, const std::string& after) {
    Diagnostics d;
    auto b = read_kernel_text("before.cpp", before, d);
    auto a = read_kernel_text("after.cpp", after, d);
    EXPECT_TRUE(a && b) << d.render_all();
    return check_equivalence(*b, *a);
}

std::string fn(const std::string& body) { return "void kernel_main() {\n" + body + "}\n"; }

TEST(Equivalence, ItselfCommentsAndWhitespace) {
    std::string k = fn("  size_t v1 = 4;\n  for (size_t i2 = v1; i2 < v1; i2 += v1) {\n    f(i2);\n  }\n  return;\n");
    EXPECT_TRUE(check(k, k).equivalent);
    EXPECT_TRUE(check(k, "// header\n" + fn("    size_t v1 = 4;  // four\n    for (size_t i2 = v1;\n         i2 < v1; i2 += v1) {\n"
                                           "        /* x */ f(i2);\n    }\n    return;\n")).equivalent);
}

TEST(Equivalence, ConsistentRenamesOnly) {
    std::string b = fn("  int32_t v1 = f();\n  int32_t v2 = v1;\n  g(v1, v2);\n");
    EquivalenceResult ok = check(b, fn("  int32_t one = f();\n  int32_t copy = one;\n  g(one, copy);\n"));
    EXPECT_TRUE(ok.equivalent);
    EXPECT_EQ(ok.renamed, 2);
    EquivalenceResult partial = check(b, fn("  int32_t one = f();\n  int32_t copy = one;\n  g(v1, copy);\n"));
    EXPECT_FALSE(partial.equivalent);
    EXPECT_EQ(partial.rule, "renaming");
    EXPECT_EQ(render_equivalence(partial),
              "after.cpp:4:5: error: not equivalent (renaming): 'v1' and 'v1' do not correspond: one is a local "
              "variable, the other is not (a rename that captures or is captured)\n"
              "  g(v1, copy);\n"
              "    ^\n"
              "before.cpp:4:5: note: the compiler's code has this here\n"
              "  g(v1, v2);\n"
              "    ^\n");
    EquivalenceResult merged = check(b, fn("  int32_t x = f();\n  int32_t y = x;\n  g(y, y);\n"));
    EXPECT_FALSE(merged.equivalent);
    EXPECT_EQ(merged.message, "'v1' is 'y' here but 'x' elsewhere: the renaming is not one consistent bijection");
}

TEST(Equivalence, RenamesThatCaptureOrShadow) {
    std::string b = fn("  int32_t v1 = f();\n  {\n    int32_t v2 = f();\n    g(v1, v2);\n  }\n");
    EquivalenceResult shadow = check(b, fn("  int32_t x = f();\n  {\n    int32_t x = f();\n    g(x, x);\n  }\n"));
    EXPECT_FALSE(shadow.equivalent);
    EquivalenceResult api = check(b, fn("  int32_t noc_async_read = f();\n  {\n    int32_t v2 = f();\n    g(noc_async_read, v2);\n  }\n"));
    EXPECT_FALSE(api.equivalent);
    EXPECT_EQ(api.message, "'v1' is renamed to 'noc_async_read', a name that already has another meaning (a "
                           "global, macro, keyword or TT-Metal API name)");
    std::string with_global = "#define SCALE 4\n" + fn("  int32_t v1 = SCALE;\n  g(v1);\n");
    EXPECT_FALSE(check(with_global, "#define SCALE 4\n" + fn("  int32_t SCALE = SCALE;\n  g(SCALE);\n")).equivalent);
    // Sibling scopes may reuse a name.
    std::string siblings = fn("  {\n    int32_t v1 = f();\n    g(v1);\n  }\n  {\n    int32_t v2 = f();\n    g(v2);\n  }\n");
    EXPECT_TRUE(check(siblings, fn("  {\n    int32_t x = f();\n    g(x);\n  }\n  {\n    int32_t x = f();\n    g(x);\n  }\n")).equivalent);
}

TEST(Equivalence, ConstantsAreTheirTypeAndValue) {
    std::string b = fn("  size_t v1 = 4;\n  int32_t v2 = 0;\n  for (size_t i3 = v1; i3 < v1; i3 += v1) {\n    g(i3 * v1);\n  }\n");
    // constexpr added, split into one constant per role, a dead constant dropped: the same program.
    EXPECT_TRUE(check(b, fn("  constexpr size_t start = 4;\n  constexpr size_t rows = 4;\n  const size_t step = 4;\n"
                            "  size_t stride = 4;\n  for (size_t row = start; row < rows; row += step) {\n"
                            "    g(row * stride);\n  }\n")).equivalent);
    // Another value, or a constant of another type passed on as it is: not the same program.
    EXPECT_FALSE(check(b, fn("  size_t v1 = 4;\n  for (size_t i3 = v1; i3 < v1; i3 += v1) {\n    g(i3 * 5);\n  }\n")).equivalent);
    std::string passed = fn("  size_t v1 = 4;\n  g(v1);\n");
    EXPECT_FALSE(check(passed, fn("  uint8_t s = 4;\n  g(s);\n")).equivalent);
    EquivalenceResult literal = check(passed, fn("  g(4);\n"));
    EXPECT_FALSE(literal.equivalent);
    EXPECT_EQ(literal.message, "expected '$const<size_t>(4)', got '4'");
    // A written local is not a constant.
    std::string written = fn("  size_t v1 = 4;\n  v1 += 1;\n  g(v1);\n");
    EXPECT_FALSE(check(written, fn("  size_t v1 = 4;\n  size_t w = 4;\n  v1 += 1;\n  g(w);\n")).equivalent);
    // Constant names are checked like any new name.
    EquivalenceResult api = check(b, fn("  size_t cb_wait_front = 4;\n  for (size_t i3 = cb_wait_front; i3 < cb_wait_front; "
                                        "i3 += cb_wait_front) {\n    g(i3 * cb_wait_front);\n  }\n"));
    EXPECT_FALSE(api.equivalent);
    EXPECT_EQ(api.rule, "constants");
    EquivalenceResult twice = check(b, fn("  size_t rows = 4;\n  size_t rows = 4;\n  for (size_t i3 = rows; i3 < rows; "
                                          "i3 += rows) {\n    g(i3 * rows);\n  }\n"));
    EXPECT_FALSE(twice.equivalent);
    EXPECT_EQ(twice.message, "'rows' is declared twice in overlapping scopes");
}

TEST(Equivalence, ADeclarationThatIsNotAConstantSaysWhy) {
    // The first difference is where the constant stays as written; the message names what keeps
    // it from being one, which is elsewhere.
    std::string b = fn("  size_t v1 = 4;\n  for (size_t i2 = v1; i2 < v1; i2 += v1) {\n    g(i2);\n  }\n");
    auto expect_why = [&](const std::string& after, const std::string& why) {
        EquivalenceResult r = check(b, fn(after));
        EXPECT_FALSE(r.equivalent);
        EXPECT_EQ(r.rule, "tokens");
        EXPECT_EQ(r.message, "expected 'for', got 'constexpr'; AFTER's declaration here is not a constant: " + why)
            << after;
        EXPECT_EQ(r.after_location.line, 2U);
    };
    std::string loop = "  for (size_t row = n; row < n; row += n) {\n";
    expect_why("  constexpr size_t n = 4;\n" + loop + "    [[maybe_unused]] size_t x = n;\n    g(row);\n  }\n",
               "'n' is used at line 4, in a statement the validator does not model");
    expect_why("  constexpr size_t n = 4u;\n" + loop + "    g(row);\n  }\n",
               "'4u' is not a plain integer literal (no suffix: the declared type gives the type)");
    expect_why("  constexpr float n = 4;\n" + loop + "    g(row);\n  }\n", "its type 'float' is not an integer type");
    expect_why("  constexpr size_t n = 4, m = 4;\n" + loop + "    g(row);\n  }\n",
               "it is declared together with another name (one declaration per constant)");
    // A written local is never a constant: the message says where it is written.
    EquivalenceResult written = check(b, fn("  size_t n = 4;\n  n += 0;\n" + loop + "    g(row);\n  }\n"));
    EXPECT_FALSE(written.equivalent);
    EXPECT_NE(written.message.find("AFTER's declaration here is not a constant: 'n' is written at line 3"),
              std::string::npos)
        << written.message;
    EquivalenceResult address = check(b, fn("  size_t n = 4;\n  h(&n);\n" + loop + "    g(row);\n  }\n"));
    EXPECT_FALSE(address.equivalent);
    EXPECT_NE(address.message.find("AFTER's declaration here is not a constant: 'n' has its address taken"),
              std::string::npos)
        << address.message;
    // The compiler's side is explained the same way.
    EquivalenceResult before = check(fn("  size_t v1 = 4;\n  v1 += 0;\n  g(v1);\n"), fn("  g(4);\n"));
    EXPECT_FALSE(before.equivalent);
    EXPECT_EQ(before.message,
              "expected 'size_t', got 'g'; BEFORE's declaration here is not a constant: 'v1' is written at line 3");
}

TEST(Equivalence, AConstantBesideAVariableIsTheValueTheOperationUses) {
    std::string b = fn("  size_t v1 = 8;\n  size_t v2 = 0;\n  size_t v3 = 1;\n"
                       "  for (size_t i4 = v2; i4 < v1; i4 += v3) {\n    g(i4 * v1);\n  }\n");
    // Inlined where the operation converts it to the variable's type: `i < 8`, `row = 0`,
    // `row += 1`, `row * 8`, and a constant of another type that converts to the same value.
    EXPECT_TRUE(check(b, fn("  for (size_t row = 0; row < 8; row += 1) {\n    g(row * 8);\n  }\n")).equivalent);
    EXPECT_TRUE(check(b, fn("  constexpr uint8_t rows = 8;\n  for (size_t row = 0; row < rows; row += 1u) {\n"
                            "    g(row * 8);\n  }\n"))
                    .equivalent);
    // Another value, or where the conversion differs: an int32_t against a size_t compares
    // unsigned, against the int literal signed (a negative i differs).
    EXPECT_FALSE(check(b, fn("  for (size_t row = 0; row < 9; row += 1) {\n    g(row * 8);\n  }\n")).equivalent);
    std::string signed_loop = fn("  size_t v1 = 8;\n  int32_t i2 = f();\n  g(i2 < v1);\n");
    EquivalenceResult mixed = check(signed_loop, fn("  int32_t i = f();\n  g(i < 8);\n"));
    EXPECT_FALSE(mixed.equivalent);
    EXPECT_EQ(mixed.message, "expected '$value<u32:8|u64:8>', got '$value<i32:8|i32:8>'");
    // A shift's right operand is not converted to a common type; not a place for this rule.
    EXPECT_FALSE(check(fn("  size_t v1 = 3;\n  size_t x = f();\n  g(x << v1);\n"), fn("  size_t x = f();\n  g(x << 3);\n"))
                     .equivalent);
    // The value wraps as the target converts it: 256 in a uint8_t constant is 0 beside a size_t.
    EXPECT_TRUE(check(fn("  uint8_t v1 = 256;\n  size_t x = f();\n  g(x == v1);\n"), fn("  size_t x = f();\n  g(x == 0);\n"))
                    .equivalent);
}

TEST(Equivalence, CbNamesAreUndone) {
    std::string b = fn("  cb_wait_front(get_compile_time_arg_val(0), 1);\n  cb_pop_front(get_compile_time_arg_val(0), 1);\n");
    EXPECT_TRUE(check(b, fn("  constexpr uint32_t lhs_cb = get_compile_time_arg_val(0);\n  cb_wait_front(lhs_cb, 1);\n"
                            "  cb_pop_front(lhs_cb, 1);\n")).equivalent);
    // The hand procedure's `const int32_t` name (any const integer type holds every CB index, and
    // a CB parameter converts it back), used only where the API takes a CB index.
    EXPECT_TRUE(check(b, fn("  const int32_t lhs_cb = get_compile_time_arg_val(0);\n  cb_wait_front(lhs_cb, 1);\n"
                            "  cb_pop_front(lhs_cb, 1);\n")).equivalent);
    EXPECT_TRUE(check(b, fn("  constexpr uint8_t lhs_cb = get_compile_time_arg_val(0);\n  cb_wait_front(lhs_cb, 1);\n"
                            "  cb_pop_front(lhs_cb, 1);\n")).equivalent);
    // The procedure's `int32_t cb_lhs = get_compile_time_arg_val(0);` (not const, never written).
    EXPECT_TRUE(check(b, fn("  int32_t cb_lhs = get_compile_time_arg_val(0);\n  cb_wait_front(cb_lhs, 1);\n"
                            "  cb_pop_front(cb_lhs, 1);\n")).equivalent);
    // The wrong index, a non-constant, or another type used where its type matters are not.
    EXPECT_FALSE(check(b, fn("  constexpr uint32_t lhs_cb = get_compile_time_arg_val(1);\n  cb_wait_front(lhs_cb, 1);\n"
                             "  cb_pop_front(lhs_cb, 1);\n")).equivalent);
    EXPECT_FALSE(check(fn("  g(get_compile_time_arg_val(0) - 1);\n"),
                       fn("  const int32_t lhs_cb = get_compile_time_arg_val(0);\n  g(lhs_cb - 1);\n"))
                     .equivalent);
    EXPECT_FALSE(check(fn("  g(get_compile_time_arg_val(0));\n"),
                       fn("  const int8_t lhs_cb = get_compile_time_arg_val(0);\n  g(lhs_cb);\n"))
                     .equivalent);
    EXPECT_FALSE(check(b, fn("  uint32_t lhs_cb = get_compile_time_arg_val(0);\n  lhs_cb = 2;\n  cb_wait_front(lhs_cb, 1);\n"
                             "  cb_pop_front(lhs_cb, 1);\n")).equivalent);
}

TEST(Equivalence, CastRules) {
    std::string chain = fn("  size_t v1 = f();\n  ptrdiff_t v2 = (ptrdiff_t) v1;\n  int32_t v3 = (int32_t) v2;\n  g(v3);\n");
    EXPECT_TRUE(check(chain, fn("  size_t v1 = f();\n  int32_t v3 = v1;\n  g(v3);\n")).equivalent);
    EXPECT_TRUE(check(chain, fn("  size_t v1 = f();\n  int32_t v3 = (int32_t) v1;\n  g(v3);\n")).equivalent);
    // Through a narrower type the value can change: not the same program.
    std::string narrow = fn("  size_t v1 = f();\n  int16_t v2 = (int16_t) v1;\n  int32_t v3 = (int32_t) v2;\n  g(v3);\n");
    EXPECT_FALSE(check(narrow, fn("  size_t v1 = f();\n  int32_t v3 = v1;\n  g(v3);\n")).equivalent);
    // The temporary used twice must stay.
    std::string twice = fn("  size_t v1 = f();\n  ptrdiff_t v2 = (ptrdiff_t) v1;\n  int32_t v3 = (int32_t) v2;\n  g(v3, v2);\n");
    EXPECT_FALSE(check(twice, fn("  size_t v1 = f();\n  int32_t v3 = v1;\n  g(v3, v1);\n")).equivalent);
    // A cast to a different type than the declared one is kept.
    std::string to_other = fn("  size_t v1 = f();\n  int32_t v3 = (uint8_t) v1;\n");
    EXPECT_FALSE(check(to_other, fn("  size_t v1 = f();\n  int32_t v3 = v1;\n")).equivalent);
    // Floating casts are never dropped.
    std::string floating = fn("  float v1 = f();\n  int32_t v2 = (int32_t) v1;\n");
    EXPECT_FALSE(check(floating, fn("  float v1 = f();\n  int32_t v2 = v1;\n")).equivalent);
    // A cast to the type the operand already has, anywhere.
    std::string same = fn("  uint32_t v1 = f();\n  g((uint32_t) v1, static_cast<uint32_t>(v1));\n");
    EXPECT_TRUE(check(same, fn("  uint32_t v1 = f();\n  g(v1, v1);\n")).equivalent);
}

TEST(Equivalence, OrderBarriersAndLiterals) {
    std::string b = fn("  noc_async_read_tile(1, a, 2);\n  noc_async_read_barrier();\n  cb_push_back(get_compile_time_arg_val(0), 1);\n");
    EXPECT_FALSE(check(b, fn("  noc_async_read_tile(1, a, 2);\n  cb_push_back(get_compile_time_arg_val(0), 1);\n")).equivalent);
    EXPECT_FALSE(check(b, fn("  noc_async_read_tile(1, a, 2);\n  cb_push_back(get_compile_time_arg_val(0), 1);\n  noc_async_read_barrier();\n")).equivalent);
    EquivalenceResult literal = check(b, fn("  noc_async_read_tile(1, a, 3);\n  noc_async_read_barrier();\n  cb_push_back(get_compile_time_arg_val(0), 1);\n"));
    EXPECT_FALSE(literal.equivalent);
    EXPECT_EQ(literal.rule, "tokens");
    EXPECT_EQ(literal.message, "expected '2', got '3'");
}

}  // namespace
}  // namespace ttl

namespace ttl {
namespace {

// `equiv X X` holds for every kernel: the compiler's and the exported ones (whose constexpr CB
// names and constants the normal form undoes on both sides alike).
TEST(Equivalence, EveryKernelIsEquivalentToItself) {
    int kernels = 0;
    for (const test::ExampleDirs& ex : test::examples()) {
        for (const test::ExportedThread& t : test::export_example(ex)) {
            for (const std::string* text : {&t.before, &t.result.text}) {
                Diagnostics d;
                auto a = read_kernel_text("a.cpp", *text, d);
                auto b = read_kernel_text("b.cpp", *text, d);
                ASSERT_TRUE(a && b) << d.render_all();
                EquivalenceResult r = check_equivalence(*a, *b);
                EXPECT_TRUE(r.equivalent) << t.kernel << "/" << t.thread << ": " << render_equivalence(r);
                ++kernels;
            }
        }
    }
    EXPECT_GE(kernels, 36);
}

}  // namespace
}  // namespace ttl

namespace ttl {
namespace {

TEST(CastChains, PlainCharHasNoKnownSignedness) {
    EXPECT_TRUE(cast_chain_keeps_value("int8_t", "int16_t", "int32_t"));   // int16 holds every int8
    EXPECT_TRUE(cast_chain_keeps_value("int8_t", "signed char", "int32_t"));
    EXPECT_FALSE(cast_chain_keeps_value("int8_t", "char", "int32_t"));     // unsigned on the device
    EXPECT_FALSE(cast_chain_keeps_value("uint8_t", "char", "int32_t"));    // signed on x86
    EXPECT_FALSE(cast_chain_keeps_value("char", "uint16_t", "int32_t"));   // a negative char
    EXPECT_TRUE(cast_chain_keeps_value("char", "int16_t", "int32_t"));     // holds both readings
    EXPECT_TRUE(cast_chain_keeps_value("int32_t", "char", "uint8_t"));     // the low 8 bits survive
}

/// Runs a C++ function body for every int8_t value with plain char unsigned, as on the RISC-V
/// device, and returns what it printed (the label of a mutant, checked by running it).
std::string run_with_unsigned_char(const std::string& body) {
    test::TempDir dir;
    test::write_file(dir / "m.cpp", "#include <cstdint>\n#include <cstdio>\nint main() {\n"
                                    "  for (int i = -128; i < 128; ++i) {\n    int8_t x = (int8_t)i;\n" +
                                        body + "    std::printf(\"%d \", (int)v);\n  }\n}\n");
    std::string build = "c++ -funsigned-char -o " + dir / "m" + " " + dir / "m.cpp";
    EXPECT_EQ(std::system(build.c_str()), 0) << build;
    std::string out = test::run_command(dir / "m").output;
    return out;
}

TEST(CastChains, DroppingACharStepIsRejectedBecauseItChangesValuesOnTheDevice) {
    const std::string with_char = "    char t = (char) x;\n    int32_t v = (int32_t) t;\n";
    const std::string without = "    int32_t v = (int32_t) x;\n";
    const std::string with_int16 = "    int16_t t = (int16_t) x;\n    int32_t v = (int32_t) t;\n";
    // The labels, by running: through char the values differ on the device; through int16 not.
    EXPECT_NE(run_with_unsigned_char(with_char), run_with_unsigned_char(without));
    EXPECT_EQ(run_with_unsigned_char(with_int16), run_with_unsigned_char(without));
    auto kernel = [](const std::string& body) {
        return "void kernel_main() {\n    int8_t x = get_arg_val<int8_t>(0);\n" + body + "    use(v);\n}\n";
    };
    Diagnostics d;
    auto before_char = read_kernel_text("b.cpp", kernel(with_char), d);
    auto before_int16 = read_kernel_text("c.cpp", kernel(with_int16), d);
    auto after = read_kernel_text("a.cpp", kernel(without), d);
    ASSERT_TRUE(before_char && before_int16 && after) << d.render_all();
    EXPECT_FALSE(check_equivalence(*before_char, *after).equivalent);
    EXPECT_TRUE(check_equivalence(*before_int16, *after).equivalent)
        << render_equivalence(check_equivalence(*before_int16, *after));
}

}  // namespace
}  // namespace ttl

namespace ttl {
namespace {

/// What the compiler sees of `text`: its preprocessed form (comments and splices applied).
std::string preprocessed(const std::string& text) {
    test::TempDir dir;
    test::write_file(dir / "k.cpp", text);
    std::string command = "c++ -E -P -w " + dir / "k.cpp" + " 2>&1";
    return test::run_command(command).output;
}

TEST(CommentSplices, ABackslashAndSpacesEndingACommentSwallowTheNextLine) {
    const std::string before =
        "void kernel_main() {\n  noc_async_read(1, 2, 3);\n  // all reads issued\n  noc_async_read_barrier();\n"
        "  cb_push_back(0, 1);\n}\n";
    const std::string after =
        "void kernel_main() {\n  noc_async_read(1, 2, 3);\n  // all reads issued \\ \n  noc_async_read_barrier();\n"
        "  cb_push_back(0, 1);\n}\n";
    // The label, from the compiler itself: the barrier is gone from what it compiles.
    EXPECT_NE(preprocessed(before).find("noc_async_read_barrier"), std::string::npos);
    EXPECT_EQ(preprocessed(after).find("noc_async_read_barrier"), std::string::npos) << preprocessed(after);
    Diagnostics d;
    auto b = read_kernel_text("b.cpp", before, d);
    auto a = read_kernel_text("a.cpp", after, d);
    ASSERT_TRUE(a && b) << d.render_all();
    EXPECT_FALSE(check_equivalence(*b, *a).equivalent);
    // A lone carriage return ends a `//` comment for the compiler, and so it does here.
    const std::string injected = "void kernel_main() {\n  noc_async_read(1, 2, 3);\n  // then push\r  cb_push_back(0, 1);\n"
                                 "  noc_async_read_barrier();\n  cb_push_back(0, 1);\n}\n";
    EXPECT_NE(preprocessed(injected).find("cb_push_back(0, 1);\n"), std::string::npos);
    auto i = read_kernel_text("i.cpp", injected, d);
    ASSERT_TRUE(i) << d.render_all();
    EXPECT_FALSE(check_equivalence(*b, *i).equivalent);
}

}  // namespace
}  // namespace ttl

namespace ttl {
namespace {

TEST(Equivalence, ReadsWhatGccReads) {
    std::string b = fn("  int32_t x = 1 + 2;\n  g(x);\n");
    // A splice between blanks is whitespace; a universal character name is part of an identifier.
    EXPECT_TRUE(check(b, fn("  int32_t x = 1 + \\\n 2;\n  g(x);\n")).equivalent);
    EXPECT_TRUE(check(b, fn("  int32_t caf\\u00e9 = 1 + 2;\n  g(caf\\u00e9);\n")).equivalent);
    // A splice that joins tokens is refused: the compiler would read one token where we read two.
    Diagnostics d;
    EXPECT_FALSE(read_kernel_text("after.cpp", fn("  int32_t x = 1 +\\\n2;\n  g(x);\n"), d).has_value());
    EXPECT_NE(d.render_all().find("a line splice (backslash-newline) next to a token"), std::string::npos)
        << d.render_all();
    // Digraphs and a flat argument list of 45 comparisons are read, not refused.
    std::string digraphs = fn("  int32_t x<:2:> = <%1, 2%>;\n  g(x<:0:>);\n");
    EXPECT_TRUE(check(digraphs, digraphs).equivalent);
    std::string flat;
    for (int i = 0; i < 45; ++i) flat += (i ? ", a" : "a") + std::to_string(i) + " < b" + std::to_string(i);
    EXPECT_TRUE(check(fn("  f(" + flat + ");\n"), fn("  f(" + flat + ");\n")).equivalent);
}

TEST(Equivalence, DirectivesCompareAsPreprocessorTokens) {
    std::string b = "#define INFINITY __builtin_inff()\n" + fn("  g(INFINITY);\n");
    EXPECT_TRUE(check(b, "#  define INFINITY /* inf */ __builtin_inff ( )\n" + fn("  g(INFINITY);\n")).equivalent);
    EXPECT_FALSE(check(b, "#define INFINITY (__builtin_inff())\n" + fn("  g(INFINITY);\n")).equivalent);
    std::string s = "#define S \"a  b\"\n" + fn("  g(S);\n");
    EXPECT_FALSE(check(s, "#define S \"a b\"\n" + fn("  g(S);\n")).equivalent);
    std::string f = "#define F(x) x\n" + fn("  g(F(1));\n");
    EXPECT_FALSE(check(f, "#define F (x) x\n" + fn("  g(F(1));\n")).equivalent);
    std::string inc = "#define P a++b\n" + fn("  g(1);\n");
    EXPECT_FALSE(check(inc, "#define P a+ +b\n" + fn("  g(1);\n")).equivalent);
}

TEST(Equivalence, StatementSlotsAndWrittenCastsAreKept) {
    std::string loop = fn("  for (size_t i = 0; i < 4; i += 1) {\n    f(i);\n  }\n");
    EXPECT_FALSE(
        check(loop, fn("  for (size_t i = 0; i < 4; i += 1) const int32_t unused = 0; {\n    f(i);\n  }\n")).equivalent);
    EXPECT_TRUE(
        check(loop, fn("  const int32_t unused = 0;\n  for (size_t i = 0; i < 4; i += 1) {\n    f(i);\n  }\n")).equivalent);
    std::string step = fn("  size_t i = f();\n  size_t v = g();\n  i += v;\n  h(i);\n");
    EXPECT_FALSE(check(step, fn("  size_t i = f();\n  size_t v = g();\n  static_cast<size_t>(i) += v;\n  h(i);\n"))
                     .equivalent);
    EXPECT_TRUE(check(step, fn("  size_t i = f();\n  size_t v = g();\n  i += (size_t) v;\n  h(i);\n")).equivalent);
    for (const char* captured : {"hash", "zone", "__LINE__", "NOC_INDEX", "memcpy", "_Tmp"}) {
        std::string renamed = fn(std::string("  size_t ") + captured + " = f();\n  size_t v = g();\n  " + captured +
                                 " += v;\n  h(" + captured + ");\n");
        EquivalenceResult r = check(step, renamed);
        EXPECT_FALSE(r.equivalent) << captured;
        EXPECT_NE(r.message.find("already has another meaning"), std::string::npos) << captured << ": " << r.message;
    }
}

}  // namespace
}  // namespace ttl

namespace ttl {
namespace {

TEST(Equivalence, TheRunnersCircularBufferIndicesMakeALiteralCbNameProvable) {
    std::string b = fn("  cb_wait_front(get_compile_time_arg_val(0), 1);\n  f(get_compile_time_arg_val(5));\n");
    std::string a = fn("  constexpr uint32_t cb_lhs = 0;\n  cb_wait_front(cb_lhs, 1);\n  f(get_compile_time_arg_val(5));\n");
    Diagnostics d;
    auto before = read_kernel_text("before.cpp", b, d);
    auto after = read_kernel_text("after.cpp", a, d);
    ASSERT_TRUE(before && after) << d.render_all();
    EXPECT_FALSE(check_equivalence(*before, *after).equivalent);  // nothing says arg 0 is 0
    EXPECT_TRUE(check_equivalence(*before, *after, EquivalenceOptions{3}).equivalent);
    // Another index, or an argument past the CB indices (an accessor word), is not a CB name.
    auto wrong = read_kernel_text("after.cpp", fn("  constexpr uint32_t cb_lhs = 1;\n  cb_wait_front(cb_lhs, 1);\n"
                                                  "  f(get_compile_time_arg_val(5));\n"),
                                  d);
    EXPECT_FALSE(check_equivalence(*before, *wrong, EquivalenceOptions{3}).equivalent);
    auto accessor = read_kernel_text("after.cpp", fn("  cb_wait_front(get_compile_time_arg_val(0), 1);\n  f(5);\n"), d);
    EXPECT_FALSE(check_equivalence(*before, *accessor, EquivalenceOptions{3}).equivalent);
}

}  // namespace
}  // namespace ttl
