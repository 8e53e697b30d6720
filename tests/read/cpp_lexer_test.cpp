// Lexer: token kinds, exact locations, byte-exact round trip, and errors with their exact text.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "read/cpp_lexer.h"

namespace ttl {
namespace {

/// "kind:text" for every significant token, space separated.
std::string kinds(const std::string& text) {
    SourceFile source("t.cpp", text);
    Diagnostics d;
    TokenList tokens = lex_cpp(source, d);
    EXPECT_FALSE(d.has_errors()) << d.render_all();
    std::string out;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.kind == TokenKind::kWhitespace) continue;
        if (!out.empty()) out += ' ';
        out += std::string(token_kind_name(t.kind)) + ":" + std::string(token_text(source, tokens, i));
    }
    return out;
}

std::string lex_error(const std::string& text) {
    SourceFile source("t.cpp", text);
    Diagnostics d;
    lex_cpp(source, d);
    return d.render_all();
}

TEST(CppLexer, NumbersInEveryEmittedSpelling) {
    EXPECT_EQ(kinds("2048 0x4040 2.000000000e+00f 0.0e+00f 1'000 .5 1e-3 0x1p+4"),
              "number:2048 number:0x4040 number:2.000000000e+00f number:0.0e+00f number:1'000 "
              "number:.5 number:1e-3 number:0x1p+4");
}

TEST(CppLexer, IdentifiersKeywordsAndPunctuators) {
    EXPECT_EQ(kinds("for (size_t i8 = v6; i8 < v7; i8 += v5) {"),
              "keyword:for punct:( identifier:size_t identifier:i8 punct:= identifier:v6 punct:; "
              "identifier:i8 punct:< identifier:v7 punct:; identifier:i8 punct:+= identifier:v5 "
              "punct:) punct:{");
    EXPECT_EQ(kinds("a->b :: c <=> d ... e"),
              "identifier:a punct:-> identifier:b punct::: identifier:c punct:<=> identifier:d "
              "punct:... identifier:e");
}

TEST(CppLexer, ShiftRightIsTwoTokensSoTemplatesClose) {
    EXPECT_EQ(kinds("A<B<C>> x >>= 1"),
              "identifier:A punct:< identifier:B punct:< identifier:C punct:> punct:> "
              "identifier:x punct:> punct:>= number:1");
}

TEST(CppLexer, StringsCharsAndPrefixes) {
    EXPECT_EQ(kinds(R"x(f("a\"b", 'c', '\'', u8"x", L'y', R"d(raw ")" )d"))x"),
              R"x(identifier:f punct:( string:"a\"b" punct:, char:'c' punct:, char:'\'' punct:, )x"
              R"x(string:u8"x" punct:, char:L'y' punct:, string:R"d(raw ")" )d" punct:))x");
}

TEST(CppLexer, CommentsAndDirectivesAreKept) {
    EXPECT_EQ(kinds("// read_inputs\n#include <cstdint>\n#define X \\\n  1\nint /* c */ a;"),
              "comment:// read_inputs preprocessor:#include <cstdint> "
              "preprocessor:#define X \\\n  1 keyword:int comment:/* c */ identifier:a punct:;");
}

TEST(CppLexer, HashInsideALineIsNotADirective) {
    EXPECT_EQ(kinds("a # b"), "identifier:a punct:# identifier:b");
}

TEST(CppLexer, LocationsAreExact) {
    SourceFile source("t.cpp", "// x\nvoid f() {\n\tint32_t v1 = 2;\n}\n");
    Diagnostics d;
    TokenList tokens = lex_cpp(source, d);
    std::vector<std::string> seen;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (!t.significant() && t.kind != TokenKind::kComment) continue;
        Location at = source.location(t.begin);
        seen.push_back(std::to_string(at.line) + ":" + std::to_string(at.column) + ":" +
                       std::to_string(t.begin) + "-" + std::to_string(tokens.end_of(i)));
    }
    std::vector<std::string> expected = {"1:1:0-4",   "2:1:5-9",   "2:6:10-11", "2:7:11-12",
                                         "2:8:12-13", "2:10:14-15", "3:2:17-24", "3:10:25-27",
                                         "3:13:28-29", "3:15:30-31", "3:16:31-32", "4:1:33-34"};
    EXPECT_EQ(seen, expected);
}

TEST(CppLexer, RoundTripIsByteExact) {
    std::string text = "  // a\r\n#if X\t\n/*\n*/x+=1;\"s\\\"\"'c'\n\n";
    SourceFile source("t.cpp", text);
    Diagnostics d;
    std::string back;
    TokenList tokens = lex_cpp(source, d);
    for (size_t i = 0; i < tokens.size(); ++i) back += token_text(source, tokens, i);
    EXPECT_EQ(tokens.last_end, source.text().size());
    EXPECT_FALSE(d.has_errors());
    // The tokens cover the text exactly as the compiler reads it: CRLF is a line end.
    EXPECT_EQ(back, source.text());
    EXPECT_EQ(source.text(), "  // a\n#if X\t\n/*\n*/x+=1;\"s\\\"\"'c'\n\n");
}

TEST(CppLexer, ErrorsHaveLocationSourceLineAndCaret) {
    EXPECT_EQ(lex_error("int a;\n  /* open\nmore"),
              "t.cpp:2:3: error: unterminated comment: '/*' has no matching '*/'\n"
              "  /* open\n"
              "  ^\n");
    EXPECT_EQ(lex_error("f(\"abc);\n"),
              "t.cpp:1:3: error: unterminated string literal: expected a closing '\"'\n"
              "f(\"abc);\n"
              "  ^\n");
    EXPECT_EQ(lex_error("x = 'a;\n"),
              "t.cpp:1:5: error: unterminated character literal: expected a closing '''\n"
              "x = 'a;\n"
              "    ^\n");
    EXPECT_EQ(lex_error("int a = 1 @ 2;"),
              "t.cpp:1:11: error: unexpected character '@'\n"
              "int a = 1 @ 2;\n"
              "          ^\n");
    EXPECT_EQ(lex_error("int \xc3\xa9;"),
              "t.cpp:1:5: error: unexpected byte 0xc3 outside a comment or string literal\n"
              "int \xc3\xa9;\n"
              "    ^\n");
}

TEST(CppLexer, KeywordTableIsExactForCommonWords) {
    EXPECT_TRUE(is_cpp_keyword("for"));
    EXPECT_TRUE(is_cpp_keyword("static_cast"));
    EXPECT_TRUE(is_cpp_keyword("nullptr"));
    EXPECT_FALSE(is_cpp_keyword("size_t"));
    EXPECT_FALSE(is_cpp_keyword("kernel_main"));
    EXPECT_FALSE(is_cpp_keyword("noc"));
}

TEST(CppLexer, EveryKeywordAndNothingNearOne) {
    // C++20's keywords and alternative tokens, the literals, and the GCC words the lexer reads as
    // keywords: written out here, apart from the lexer's table.
    const std::set<std::string> keywords = {
        "_Pragma", "__attribute__", "__restrict__", "alignas", "alignof", "and", "and_eq", "asm", "auto",
        "bitand", "bitor", "bool", "break", "case", "catch", "char", "char16_t", "char32_t", "char8_t", "class",
        "co_await", "co_return", "co_yield", "compl", "concept", "const", "const_cast", "consteval", "constexpr",
        "constinit", "continue", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum",
        "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int", "long",
        "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private",
        "protected", "public", "register", "reinterpret_cast", "requires", "return", "short", "signed", "sizeof",
        "static", "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw",
        "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
        "wchar_t", "while", "xor", "xor_eq"};
    size_t near = 0;
    for (const std::string& k : keywords) {
        EXPECT_TRUE(is_cpp_keyword(k)) << k;
        // The word one byte longer, shorter, or with one byte changed, at every position.
        std::vector<std::string> others = {k + "_", k + "1", k.substr(1), k.substr(0, k.size() - 1)};
        for (size_t i = 0; i < k.size(); ++i) {
            std::string changed = k;
            changed[i] = changed[i] == 'x' ? 'y' : 'x';
            others.push_back(changed);
        }
        for (const std::string& w : others) {
            EXPECT_EQ(is_cpp_keyword(w), keywords.count(w) > 0) << "'" << w << "' (near '" << k << "')";
            near += keywords.count(w) == 0;
        }
    }
    EXPECT_GT(near, 900U);  // the words tried that are not keywords
    EXPECT_FALSE(is_cpp_keyword(""));
    EXPECT_FALSE(is_cpp_keyword("i"));
    EXPECT_FALSE(is_cpp_keyword(std::string(17, 'a')));
}

}  // namespace
}  // namespace ttl

namespace ttl {
namespace {

/// "kind:begin-end" for each token lex_cpp_each gives with `walk`.
std::vector<std::string> walked(const SourceFile& source, LexWalk walk) {
    Diagnostics d;
    std::vector<std::string> out;
    lex_cpp_each(
        source, d,
        [&](const Token& t, uint32_t end) {
            out.push_back(std::string(token_kind_name(t.kind)) + ":" + std::to_string(t.begin) + "-" +
                          std::to_string(end));
        },
        walk);
    EXPECT_FALSE(d.has_errors()) << d.render_all();
    return out;
}

TEST(CppLexer, AWalkGivesTheListsTokensOrFewer) {
    SourceFile source("t.cpp", "for (int i = 0; i < n; ++i) {  // loop\n  x += \"s\"; \\\n }\n#define A 1\n");
    Diagnostics d;
    TokenList tokens = lex_cpp(source, d);
    ASSERT_FALSE(d.has_errors());
    std::vector<std::string> all, no_space, as_words;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        std::string span = ":" + std::to_string(t.begin) + "-" + std::to_string(tokens.end_of(i));
        all.push_back(token_kind_name(t.kind) + span);
        if (t.kind != TokenKind::kWhitespace) no_space.push_back(token_kind_name(t.kind) + span);
        TokenKind word = t.kind == TokenKind::kKeyword ? TokenKind::kIdentifier : t.kind;
        if (t.kind != TokenKind::kWhitespace) as_words.push_back(token_kind_name(word) + span);
    }
    ASSERT_LT(no_space.size(), all.size());
    ASSERT_NE(no_space, as_words);  // `for`, `int` are keywords
    EXPECT_EQ(walked(source, LexWalk{}), all);
    EXPECT_EQ(walked(source, LexWalk{.whitespace = false}), no_space);
    EXPECT_EQ(walked(source, LexWalk{.whitespace = false, .keywords = false}), as_words);
}

}  // namespace
}  // namespace ttl
