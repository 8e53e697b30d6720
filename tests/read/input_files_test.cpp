// Input files as users have them: CRLF and lone-CR line ends, a UTF-8 byte-order mark, bytes that
// are not UTF-8, FIFOs and devices, files far beyond any real kernel.
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "support/file_io.h"
#include "support/source.h"
#include "test_util.h"

namespace ttl {
namespace {

namespace fs = std::filesystem;

std::string to_crlf(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

/// Every file below `dir` with its contents.
std::string tree_text(const std::string& dir) {
    std::vector<std::string> lines;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file()) {
            lines.push_back(fs::relative(e.path(), dir).string() + "\n" +
                            test::read_file(e.path().string()));
        }
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const std::string& l : lines)
        out += l + "\n";
    return out;
}

TEST(SourceText, LineEndsAndByteOrderMarkAreReadAsTheCompilerReadsThem) {
    SourceFile crlf("a.py", "\xEF\xBB\xBFx = 1\r\ny = 2\r\n");
    EXPECT_EQ(crlf.text(), "x = 1\ny = 2\n");
    EXPECT_EQ(crlf.line_text(2), "y = 2");
    EXPECT_EQ(crlf.line_start(2), 6U);
    EXPECT_EQ(crlf.line_start(4), 12U);  // past the last line: the size
    // A lone CR ends a line for GCC and Python, so it does here: `// c\r f();` calls f.
    SourceFile lone("k.cpp", "// then push\r  cb_push_back(0, 1);\n");
    EXPECT_EQ(lone.line_count(), 3U);
    EXPECT_EQ(lone.line_text(2), "  cb_push_back(0, 1);");
    // A BOM is only a BOM at the start.
    SourceFile mid("m.py", "x = '\xEF\xBB\xBF'\n");
    EXPECT_EQ(mid.text(), "x = '\xEF\xBB\xBF'\n");
}

TEST(SourceText, IsNormalizedWhenNormalizingChangesNothing) {
    for (std::string text : {"", "int x;\n", "a\r\nb\n", "a\rb", "\xEF\xBB\xBFint x;\n", "x = '\xEF\xBB\xBF'\n"})
        EXPECT_EQ(is_normalized(text), normalize_text(text) == text) << text;
    EXPECT_FALSE(is_normalized("a\r\n"));
    EXPECT_TRUE(is_normalized("x = '\xEF\xBB\xBF'\n"));  // a BOM only counts at the start
}

TEST(SourceText, ReleaseTextGivesTheTextBackWithoutACopy) {
    std::string text(4096, 'x');
    text += "\nint y;\n";
    SourceFile file("k.cpp", std::string(text));
    const char* bytes = file.text().data();
    std::string back = std::move(file).release_text();
    EXPECT_EQ(back, text);
    EXPECT_EQ(back.data(), bytes);  // the same buffer
}

TEST(SourceText, Utf8Validation) {
    EXPECT_EQ(first_invalid_utf8("plain ascii"), std::string_view::npos);
    EXPECT_EQ(first_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"),
              std::string_view::npos);
    EXPECT_EQ(first_invalid_utf8("caf\xE9!"), 3U);          // Latin-1
    EXPECT_EQ(first_invalid_utf8("ab\xC0\xAF"), 2U);        // overlong '/'
    EXPECT_EQ(first_invalid_utf8("\xED\xA0\x80"), 0U);      // a surrogate
    EXPECT_EQ(first_invalid_utf8("x\xE2\x82"), 1U);         // cut short
    EXPECT_EQ(first_invalid_utf8("\xF4\x90\x80\x80"), 0U);  // past U+10FFFF
}

TEST(InputFiles, ACrlfAndBomProgramExportsExactlyAsItsLfCopy) {
    test::TempDir dir;
    fs::create_directories(dir / "lf");
    fs::create_directories(dir / "crlf");
    fs::copy(test::source_path("examples/eltwise_add"), dir / "lf/add",
             fs::copy_options::recursive);
    fs::copy(test::source_path("examples/eltwise_add"), dir / "crlf/add",
             fs::copy_options::recursive);
    for (const auto& e : fs::recursive_directory_iterator(dir / "crlf/add")) {
        if (!e.is_regular_file()) continue;
        std::string text = to_crlf(test::read_file(e.path().string()));
        if (e.path().extension() == ".py") text = "\xEF\xBB\xBF" + text;
        test::write_file(e.path().string(), text);
    }
    for (const char* side : {"lf", "crlf"}) {
        test::ToolResult r = test::run_tool("add/add.py --from add/emitted -o pkg", dir / side);
        ASSERT_EQ(r.status, 0) << side << ": " << r.output;
        EXPECT_EQ(r.output.find("warning"), std::string::npos) << side << ": " << r.output;
    }
    std::string runner = test::read_file(dir / "crlf/pkg/run_kernel.py");
    EXPECT_NE(runner.find("    run_add_kernel(lhs, rhs, out)\n"), std::string::npos) << runner;
    EXPECT_NE(runner.find("    golden = lhs_torch + rhs_torch\n"), std::string::npos) << runner;
    EXPECT_EQ(runner.find('\r'), std::string::npos);
    EXPECT_EQ(runner.find("\xEF\xBB\xBF"), std::string::npos);
    EXPECT_TRUE(tree_text(dir / "crlf/pkg") == tree_text(dir / "lf/pkg"))
        << "the CRLF export differs";

    // `check` reads a runner saved with CRLF line ends as the same runner.
    test::write_file(dir / "crlf/pkg/run_kernel.py", to_crlf(runner));
    test::ToolResult check = test::run_tool("check pkg", dir / "crlf");
    EXPECT_EQ(check.status, 0) << check.output;
    EXPECT_NE(check.output.find("pkg: consistent"), std::string::npos) << check.output;
}

TEST(InputFiles, BytesThatAreNotUtf8AreAnErrorWithTheirOffset) {
    test::TempDir dir;
    test::write_file(dir / "latin1.py", "x = 1\n# caf\xE9\n");
    test::ToolResult r = test::run_tool("dump latin1.py", dir.path());
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.output,
              "latin1.py:2:6: error: byte 11 (0xE9) is not UTF-8: ttl-export reads UTF-8 text only "
              "(convert "
              "the file, e.g. with iconv)\n");
}

TEST(InputFiles, OnlyRegularFilesAreRead) {
    test::TempDir dir;
    ASSERT_EQ(mkfifo((dir / "k.cpp").c_str(), 0600), 0);
    // `timeout` guards the test: a reader that waited for the FIFO's writer would hang here.
    test::ToolResult fifo = test::run_tool("dump k.cpp", dir.path(), "timeout 20");
    EXPECT_EQ(fifo.status, 2) << fifo.output;
    EXPECT_EQ(fifo.output,
              "k.cpp: error: cannot read: it is a FIFO (named pipe), expected a file\n");
    test::ToolResult zero = test::run_tool("dump /dev/zero", dir.path(), "timeout 20");
    EXPECT_EQ(zero.status, 2) << zero.output;
    EXPECT_EQ(zero.output,
              "/dev/zero: error: cannot read: it is a character device, expected a file\n");
    test::ToolResult as_source =
        test::run_tool("/dev/zero --from . -o out", dir.path(), "timeout 20");
    EXPECT_EQ(as_source.status, 2) << as_source.output;
    EXPECT_NE(as_source.output.find("it is a character device"), std::string::npos)
        << as_source.output;
    EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(InputFiles, ASizeLimitWithAClearMessage) {
    test::TempDir dir;
    test::write_file(dir / "big.py", std::string(2u << 20, ' ') + "\n");
    test::ToolResult r = test::run_tool("dump big.py", dir.path(), "TTL_EXPORT_MAX_INPUT_MB=1");
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_EQ(
        r.output,
        "big.py: error: cannot read: it is 2097153 bytes, more than the 1048576 bytes ttl-export "
        "reads (no emitted kernel or program is near that; set TTL_EXPORT_MAX_INPUT_MB to raise "
        "the "
        "limit)\n");
    EXPECT_EQ(test::run_tool("dump big.py", dir.path(), "TTL_EXPORT_MAX_INPUT_MB=3").status, 0);
    test::ToolResult bad =
        test::run_tool("dump big.py", dir.path(), "TTL_EXPORT_MAX_INPUT_MB=lots");
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.output.find("expected a whole number of MiB"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace ttl
