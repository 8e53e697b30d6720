// The README cannot rot: every command line of its user guide runs against the bundled examples
// (the VM through the stand-ins of tests/workflow/standins), and every option that `--help`
// prints is documented in it.
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "test_util.h"

namespace ttl::test {
namespace {

namespace fs = std::filesystem;

std::string user_guide() {
    std::string readme = read_file(source_path("README.md"));
    size_t start = readme.find("## User guide");
    size_t end = readme.find("\n## ", start + 1);
    EXPECT_NE(start, std::string::npos);
    return readme.substr(start, end - start);
}

/// The lines of the guide's ```sh blocks.
std::vector<std::string> guide_commands() {
    std::istringstream in(user_guide());
    std::vector<std::string> out;
    std::string line;
    bool in_sh = false;
    while (std::getline(in, line)) {
        if (line.rfind("```", 0) == 0) {
            in_sh = !in_sh && line == "```sh";
            continue;
        }
        if (in_sh && !line.empty()) out.push_back(line);
    }
    return out;
}

TEST(Readme, EveryUserGuideCommandRuns) {
    TempDir dir;
    fs::create_directory_symlink(source_path("examples"), dir / "examples");
    fs::create_directories(dir / "tests");
    fs::create_directory_symlink(source_path("tests/fixtures"), dir / "tests/fixtures");
    std::string path = source_path("tests/workflow/standins") + ":" + std::getenv("PATH");
    setenv("PATH", path.c_str(), 1);
    setenv("TTL_FAKE_VM", (dir / "vm").c_str(), 1);
    setenv("TTL_FAKE_EMITTED", source_path("examples/eltwise_add/emitted").c_str(), 1);
    setenv("TTL_EXPORT_CACHE", kernel_cache().c_str(), 1);
    setenv("TTL_EXPORT_BINARY", export_binary().c_str(), 1);
    setenv("XDG_CONFIG_HOME", (dir / "no-config").c_str(), 1);
    std::vector<std::string> commands = guide_commands();
    EXPECT_GE(commands.size(), 14U);  // as many as the guide shows today
    for (const std::string& command : commands) {
        ASSERT_EQ(command.rfind("ttl-export ", 0), 0U) << "a guide command that is not ttl-export: " << command;
        ToolResult r = run_tool(command.substr(11), dir.path());
        EXPECT_EQ(r.status, 0) << command << "\n" << r.output;
    }
}

TEST(Readme, EveryHelpOptionIsDocumented) {
    std::string readme = read_file(source_path("README.md"));
    ToolResult top = run_tool("--help");
    ASSERT_EQ(top.status, 0);
    std::regex option(R"((^|[\s,])(--[a-z][a-z0-9-]*))");
    for (const char* command : {"export", "check", "equiv", "report", "run", "verify", "dump"}) {
        EXPECT_NE(top.output.find(command), std::string::npos) << command;
        EXPECT_NE(readme.find(std::string("ttl-export ") + command), std::string::npos) << command;
        ToolResult help = run_tool(std::string(command) + " --help");
        ASSERT_EQ(help.status, 0) << command;
        for (std::sregex_iterator it(help.output.begin(), help.output.end(), option), end; it != end; ++it) {
            std::string name = (*it)[2];
            if (name == "--help") continue;
            EXPECT_NE(readme.find(name), std::string::npos) << command << " " << name << " is not in the README";
        }
    }
}

}  // namespace
}  // namespace ttl::test
