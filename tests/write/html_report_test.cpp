// EXPORT.html: escaping, the source map in the page, `report`, and the page in a real browser
// (Debian's headless Chromium, installed by scripts/deps): it loads from file:// with no console
// error and no network request, and selecting a TT-Lang line marks the C++ lines it produced.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "pipeline_util.h"
#include "support/parallel.h"
#include "test_util.h"

namespace ttl {
namespace {

namespace fs = std::filesystem;
using test::ToolResult;

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

/// eltwise_add copied into `dir`, so that its files can be edited.
void copy_example(const test::TempDir& dir) {
    fs::copy(test::source_path("examples/eltwise_add"), dir / "add", fs::copy_options::recursive);
}

TEST(ExportHtml, EverySourceCharacterIsEscaped) {
    test::TempDir dir;
    copy_example(dir);
    std::string kernel_path = dir / "add/emitted/ttlang_kernel_add_compute_35170be0.cpp";
    std::string kernel = test::read_file(kernel_path);
    kernel.replace(kernel.find("void kernel_main() {"), 20,
                   "// </script><b onclick=\"x\">a & b < c</b>\nvoid kernel_main() {");
    test::write_file(kernel_path, kernel);
    std::string source = test::read_file(dir / "add/add.py");
    source.replace(source.find("import torch"), 12, "# <script>alert('x')</script> & </style>\nimport torch");
    test::write_file(dir / "add/add.py", source);
    ToolResult r = test::run_tool("add/add.py --from add/emitted -o out", dir.path());
    ASSERT_EQ(r.status, 0) << r.output;
    std::string html = test::read_file(dir / "out/EXPORT.html");
    // Our one script and style element, nothing the sources hold.
    EXPECT_EQ(count(html, "<script"), 1U);
    EXPECT_EQ(count(html, "</script>"), 1U);
    EXPECT_EQ(count(html, "</style>"), 1U);
    EXPECT_EQ(count(html, "<b "), 0U);
    EXPECT_NE(html.find("&lt;/script&gt;&lt;b onclick=&quot;x&quot;&gt;a &amp; b &lt; c&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;/style&gt;"), std::string::npos);
}

TEST(ExportHtml, TheSourceMapIsInThePageAndNoHtmlSkipsIt) {
    test::TempDir dir;
    ToolResult r = test::run_tool(
        "examples/eltwise_add/add.py --from examples/eltwise_add/emitted -o " + dir / "pkg", test::source_dir());
    ASSERT_EQ(r.status, 0) << r.output;
    std::string html = test::read_file(dir / "pkg/EXPORT.html");
    // `o.store(l + r)` (add.py line 29) made the compute thread's add: those C++ lines carry it.
    std::regex line_29("<t-l id=\"f0-(\\d+)\" data-s=\"29\">([^\\n]*)</t-l>");
    std::string marked;
    for (std::sregex_iterator it(html.begin(), html.end(), line_29), end; it != end; ++it) marked += (*it)[2].str() + "\n";
    EXPECT_NE(marked.find("add_tiles("), std::string::npos) << marked;
    EXPECT_EQ(marked.find("cb_wait_front("), std::string::npos) << marked;  // that is the `with` line's
    // A renamed identifier points at its row of the file's names table (old name and why); a CB
    // name opens its CB row.
    std::smatch row;
    ASSERT_TRUE(std::regex_search(html, row,
                                  std::regex("<tr id=\"(nf0-\\d+)\"><td>row</td><td>i5</td><td>source</td><td>C\\+\\+ "
                                             "loop 0 is &#39;for row in range\\(rows\\)&#39;")));
    EXPECT_NE(html.find("<t-r>row</t-r>"), std::string::npos);  // the page finds the row by the name
    EXPECT_NE(html.find("<t-b data-cb=\"0-0\">"), std::string::npos);
    EXPECT_NE(html.find("<tr id=\"cb-0-0\">"), std::string::npos);
    // No network: a policy that forbids every load but our inline style and script, and no URL
    // but the SVG namespace.
    EXPECT_NE(html.find("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\""),
              std::string::npos);
    EXPECT_EQ(count(html, "://"), count(html, "http://www.w3.org/2000/svg"));

    ToolResult none = test::run_tool("examples/eltwise_add/add.py --from examples/eltwise_add/emitted --no-html -o " +
                                         dir / "plain",
                                     test::source_dir());
    ASSERT_EQ(none.status, 0) << none.output;
    EXPECT_FALSE(fs::exists(dir / "plain/EXPORT.html"));
    EXPECT_EQ(test::read_file(dir / "plain/EXPORT.md").find("EXPORT.html"), std::string::npos);
}

TEST(ExportHtml, SeveralKernelsHaveTabsOfTheirOwnNames) {
    test::TempDir dir;
    ToolResult r = test::run_tool(
        "examples/shared_names/shared_names.py --from examples/shared_names/emitted -o " + dir / "pkg", test::source_dir());
    ASSERT_EQ(r.status, 0) << r.output;
    std::string html = test::read_file(dir / "pkg/EXPORT.html");
    // Both kernels have threads named compute, dm_read and dm_write: each tab says whose it is.
    for (const char* kernel : {"double_it", "add_bias"}) {
        for (const char* file : {"compute.cpp", "reader.cpp", "writer.cpp"}) {
            std::string path = std::string(kernel) + "/" + file;
            EXPECT_EQ(count(html, ">kernels/" + path + "</button>"), 1U) << path;
            EXPECT_EQ(count(html, ">changes: " + path + "</button>"), 1U) << path;
        }
    }
}

TEST(ExportHtml, ReportAndCheckReadTheInputsTheExportRead) {
    test::TempDir dir;
    copy_example(dir);
    const std::string runner = "add/emitted/ttlang_kernel_add_compute_35170be0_runner.py";
    // Kernels from a captured log (recorded as LOG:LINE): report reads the same sections again,
    // not the files beside the runner, and check compares with them.
    fs::copy_file(test::source_path("tests/fixtures/logs/add_compile.log"), dir / "compile.log");
    ASSERT_EQ(test::run_tool("add/add.py --from compile.log --runner " + runner + " -o logpkg", dir.path()).status, 0);
    std::string md = test::read_file(dir / "logpkg/EXPORT.md");
    ASSERT_NE(md.find("`compile.log:3`"), std::string::npos) << md;
    std::string html = test::read_file(dir / "logpkg/EXPORT.html");
    ToolResult again = test::run_tool("report logpkg", dir.path());
    EXPECT_EQ(again.status, 0) << again.output;
    EXPECT_EQ(again.output, "rendered logpkg/EXPORT.html and logpkg/EXPORT.md (3 kernel files, each as exported)\n");
    EXPECT_EQ(test::read_file(dir / "logpkg/EXPORT.md"), md);
    EXPECT_EQ(test::read_file(dir / "logpkg/EXPORT.html"), html);
    ToolResult checked = test::run_tool("check logpkg 2>&1", dir.path());
    EXPECT_EQ(checked.status, 0) << checked.output;
    EXPECT_NE(checked.output.find("3 kernels proven equivalent to the compiler's output recorded in EXPORT.md"),
              std::string::npos)
        << checked.output;

    // Kernels kept under other names: once a file of the emitted name stands beside the runner
    // (another compile's), an export would read it instead; report refuses rather than render
    // the package from other inputs.
    fs::create_directories(dir / "kept/add");
    fs::copy_file(dir / runner, dir / "kept/_runner_emitted.py");
    for (const char* f : {"add_compute_35170be0", "read_inputs_b0a2efc8", "write_output_9a6f1207"}) {
        std::string name = std::string("ttlang_kernel_") + f + ".cpp";
        fs::copy_file(dir / ("add/emitted/" + name), dir / ("kept/add/" + std::string(f) + ".cpp"));
    }
    ASSERT_EQ(test::run_tool("add/add.py --from kept -o keptpkg", dir.path()).status, 0);
    std::string writer = test::read_file(dir / "add/emitted/ttlang_kernel_write_output_9a6f1207.cpp");
    test::write_file(dir / "kept/ttlang_kernel_write_output_9a6f1207.cpp", writer + "// another compile\n");
    std::string kept_md = test::read_file(dir / "keptpkg/EXPORT.md");
    ToolResult other = test::run_tool("report keptpkg 2>&1", dir.path());
    EXPECT_EQ(other.status, 2) << other.output;
    EXPECT_NE(other.output.find("error: 'kernels/writer.cpp' was made from 'kept/add/write_output_9a6f1207.cpp', but "
                                "the export would now read 'kept/ttlang_kernel_write_output_9a6f1207.cpp': export "
                                "again instead"),
              std::string::npos)
        << other.output;
    EXPECT_EQ(test::read_file(dir / "keptpkg/EXPORT.md"), kept_md);
}

TEST(ExportHtml, ReportRendersThePackageAgain) {
    test::TempDir dir;
    copy_example(dir);
    ASSERT_EQ(test::run_tool("add/add.py --from add/emitted -o pkg", dir.path()).status, 0);
    std::string html = test::read_file(dir / "pkg/EXPORT.html");
    std::string md = test::read_file(dir / "pkg/EXPORT.md");
    fs::remove(dir / "pkg/EXPORT.html");
    ToolResult same = test::run_tool("report pkg", dir.path());
    ASSERT_EQ(same.status, 0) << same.output;
    EXPECT_EQ(same.output, "rendered pkg/EXPORT.html and pkg/EXPORT.md (3 kernel files, each as exported)\n");
    EXPECT_EQ(test::read_file(dir / "pkg/EXPORT.html"), html);
    EXPECT_EQ(test::read_file(dir / "pkg/EXPORT.md"), md);

    // The options that change the kernels are recorded, and report exports with them again.
    ASSERT_EQ(test::run_tool("add/add.py --from add/emitted --style tt-lang --no-constants -o styled", dir.path()).status,
              0);
    std::string styled_md = test::read_file(dir / "styled/EXPORT.md");
    EXPECT_NE(styled_md.find("\nOptions: `--style tt-lang` `--no-constants`.\n"), std::string::npos);
    std::string styled_html = test::read_file(dir / "styled/EXPORT.html");
    ToolResult styled = test::run_tool("report styled", dir.path());
    EXPECT_EQ(styled.output, "rendered styled/EXPORT.html and styled/EXPORT.md (3 kernel files, each as exported)\n");
    EXPECT_EQ(test::read_file(dir / "styled/EXPORT.md"), styled_md);
    EXPECT_EQ(test::read_file(dir / "styled/EXPORT.html"), styled_html);
    // An option this ttl-export does not know is refused, not guessed at.
    std::string unknown_md = styled_md;
    unknown_md.replace(unknown_md.find("`--no-constants`"), 16, "`--no-such-rule`");
    test::write_file(dir / "styled/EXPORT.md", unknown_md);
    ToolResult unknown = test::run_tool("report styled 2>&1", dir.path());
    EXPECT_EQ(unknown.status, 2) << unknown.output;
    EXPECT_NE(unknown.output.find("records the option '--no-such-rule', which this ttl-export does not know"),
              std::string::npos)
        << unknown.output;

    // A kernel tuned by hand is shown as it is now, proven again.
    std::string writer = test::read_file(dir / "pkg/kernels/writer.cpp");
    std::string barrier = "noc_async_write_barrier();";
    ASSERT_NE(writer.find(barrier), std::string::npos);
    writer.replace(writer.find(barrier), barrier.size(), barrier + "  // one barrier a tile");
    test::write_file(dir / "pkg/kernels/writer.cpp", writer);
    ToolResult tuned = test::run_tool("report pkg", dir.path());
    EXPECT_EQ(tuned.status, 0) << tuned.output;
    EXPECT_NE(tuned.output.find("  differs: kernels/writer.cpp\n"), std::string::npos) << tuned.output;
    EXPECT_NE(test::read_file(dir / "pkg/EXPORT.html").find("one barrier a tile"), std::string::npos);

    // An edit that changes the program: exit 1, and the page says so.
    writer.replace(writer.find(barrier), barrier.size(), "");
    test::write_file(dir / "pkg/kernels/writer.cpp", writer);
    ToolResult broken = test::run_tool("report pkg", dir.path());
    EXPECT_EQ(broken.status, 1) << broken.output;
    EXPECT_NE(broken.output.find("not proven equivalent: kernels/writer.cpp:"), std::string::npos) << broken.output;
    std::string unproven_page = test::read_file(dir / "pkg/EXPORT.html");
    EXPECT_NE(unproven_page.find("<p class=\"bad\">Not proven:"), std::string::npos);
    // ... and its header no longer claims every kernel proven.
    EXPECT_EQ(unproven_page.find("every kernel proven equivalent"), std::string::npos);
    EXPECT_NE(unproven_page.find("a kernel file is not proven equivalent to the compiler's output"), std::string::npos);
    EXPECT_NE(html.find("every kernel proven equivalent to the compiler's output"), std::string::npos);

    // Without the compiler's output as it was, nothing is rendered.
    std::string emitted = dir / "add/emitted/ttlang_kernel_write_output_9a6f1207.cpp";
    test::write_file(emitted, test::read_file(emitted) + "\n");
    std::string before = test::read_file(dir / "pkg/EXPORT.html");
    ToolResult gone = test::run_tool("report pkg 2>&1", dir.path());
    EXPECT_EQ(gone.status, 2) << gone.output;
    EXPECT_NE(gone.output.find("is gone or has changed since the export (its MD5 differs)"), std::string::npos)
        << gone.output;
    EXPECT_EQ(test::read_file(dir / "pkg/EXPORT.html"), before);
    // Not a package of ours.
    fs::create_directories(dir / "other");
    test::write_file(dir / "other/EXPORT.md", "# Notes\n");
    EXPECT_EQ(test::run_tool("report other", dir.path()).status, 2);
    for (const auto& e : fs::directory_iterator(dir / "pkg")) {
        EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << "left: " << e.path();
    }
}

/// Where Chromium is, or empty.
std::string chromium() {
    for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
        if (fs::exists(p)) return p;
    }
    return "";
}

TEST(ExportHtml, EveryExamplesPageWorksInChromium) {
    std::string browser = chromium();
    if (browser.empty()) GTEST_SKIP() << "Chromium is not installed (scripts/deps installs Debian's 'chromium')";
    test::TempDir dir;
    const std::vector<test::ExampleDirs>& examples = test::examples();
    std::string shots = test::binary_dir() + "/html-screenshots";
    fs::create_directories(shots);
    struct Outcome {
        std::string failure;
    };
    std::vector<Outcome> outcomes(examples.size());
    parallel_for(examples.size(), [&](size_t i) {
        const test::ExampleDirs& ex = examples[i];
        std::string out = dir / ex.name();
        ToolResult e = test::run_tool(std::string(ex.source) + " --from " + ex.emitted + " -o " + out, test::source_dir());
        if (e.status != 0) {
            outcomes[i].failure = "export failed: " + e.output;
            return;
        }
        std::string html = test::read_file(out + "/EXPORT.html");
        // The first TT-Lang line that produced C++, and every C++ line that says so.
        std::smatch m;
        if (!std::regex_search(html, m, std::regex("data-s=\"(\\d+)[ \"]"))) {
            outcomes[i].failure = "no line of the page carries a TT-Lang line";
            return;
        }
        std::string line = m[1].str();
        std::set<std::string> expected;
        std::regex carries("id=\"(f\\d+-\\d+)\" data-s=\"([\\d ]+)\"");
        for (std::sregex_iterator it(html.begin(), html.end(), carries), end; it != end; ++it) {
            std::string lines = " " + (*it)[2].str() + " ";
            if (lines.find(" " + line + " ") != std::string::npos) expected.insert((*it)[1].str());
        }
        // A private profile and home: nothing is written outside the test's folder.
        std::string profile = out + "/.chromium";
        std::string env = "HOME='" + profile + "' XDG_CONFIG_HOME='" + profile + "' XDG_CACHE_HOME='" + profile + "' ";
        std::string flags = " --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir='" + profile +
                            "' --enable-logging=stderr --v=0 ";
        // One load of the page with a probe appended, opened at that TT-Lang line: hovering a
        // renamed name shows its old name and why, in its file's tab and in the file's changes tab
        // (the probe hovers the first of each; hovering changes no selection).
        std::string probe = html;
        probe.replace(probe.rfind("</body>"), 7,
                      "<script>(function () { var out = []; ['p-f0', 'p-d0'].forEach(function (id) {"
                      " var r = document.querySelector('#' + id + ' t-r'); if (!r) { out.push('none'); return; }"
                      " r.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));"
                      " out.push(r.textContent + ' = ' + r.title); });"
                      " document.body.setAttribute('data-probe', out.join(' | ')); })();</script></body>");
        test::write_file(out + "/probe.html", probe);
        ToolResult dom = test::run_command(env + browser + flags + "--dump-dom 'file://" + out + "/probe.html#s-" +
                                           line + "' 2>" + out + "/console.txt");
        std::string console = test::read_file(out + "/console.txt");
        std::string problems;
        if (dom.status != 0) problems += "chromium exited " + std::to_string(dom.status) + "\n";
        for (const char* bad : {"CONSOLE", "Uncaught", "Refused to", "net::ERR"}) {
            if (console.find(bad) != std::string::npos) problems += std::string("the console says ") + bad + ":\n" + console;
        }
        // Selected: the TT-Lang line and exactly the C++ lines it produced.
        std::set<std::string> selected;
        std::regex sel("<t-l id=\"([a-z0-9-]+)\"[^>]* class=\"sel\"");
        for (std::sregex_iterator it(dom.output.begin(), dom.output.end(), sel), end; it != end; ++it) {
            selected.insert((*it)[1].str());
        }
        expected.insert("s-" + line);
        if (selected != expected) {
            problems += "selecting line " + line + " marked " + std::to_string(selected.size()) + " lines, expected " +
                        std::to_string(expected.size()) + "\n";
        }
        std::smatch titles;
        if (!std::regex_search(dom.output, titles, std::regex("data-probe=\"([^\"]*)\"")) ||
            !std::regex_match(titles[1].str(), std::regex("\\w+ = was \\w+ \\(\\w+: .+ \\| \\w+ = was \\w+ \\(\\w+: .+"))) {
            problems += "hovering a renamed name shows no old name: '" + (titles.empty() ? "" : titles[1].str()) + "'\n";
        }
        // A screenshot of the page itself, for people to look at (build/html-screenshots).
        std::string url = "'file://" + out + "/EXPORT.html#s-" + line + "'";
        ToolResult shot = test::run_command(env + browser + flags + "--window-size=1400,860 --screenshot='" + shots +
                                            "/" + ex.name() + ".png' " + url + " 2>/dev/null");
        if (shot.status != 0 || !fs::exists(shots + "/" + ex.name() + ".png") ||
            fs::file_size(shots + "/" + ex.name() + ".png") < 10000) {
            problems += "no screenshot\n";
        }
        outcomes[i].failure = problems;
    });
    for (size_t i = 0; i < examples.size(); ++i) {
        EXPECT_EQ(outcomes[i].failure, "") << examples[i].name();
    }
}

}  // namespace
}  // namespace ttl
