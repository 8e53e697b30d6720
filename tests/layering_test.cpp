// The stages depend on each other only in the direction CMakeLists.txt links them: every
// `#include "STAGE/..."` in src/ must name the file's own stage or one it links to (directly or
// through others). The graph is read from CMakeLists.txt's ttl_stage() lines, its one home.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "test_util.h"

namespace ttl {
namespace {

std::map<std::string, std::set<std::string>> linked_stages() {
    std::string cmake = test::read_file(test::source_path("CMakeLists.txt"));
    std::map<std::string, std::set<std::string>> direct;
    std::regex stage(R"(\nttl_stage\((\w+)([^)]*)\))");
    for (auto it = std::sregex_iterator(cmake.begin(), cmake.end(), stage); it != std::sregex_iterator(); ++it) {
        std::string deps = (*it)[2].str();
        std::set<std::string>& out = direct[(*it)[1].str()];
        std::regex dep(R"(ttl_(\w+))");
        for (auto d = std::sregex_iterator(deps.begin(), deps.end(), dep); d != std::sregex_iterator(); ++d) {
            if ((*d)[1].str() != "emu_headers") out.insert((*d)[1].str());
        }
    }
    // The transitive closure: a stage may use what the stages it links to link to.
    std::map<std::string, std::set<std::string>> all = direct;
    for (bool grew = true; grew;) {
        grew = false;
        for (auto& [name, deps] : all) {
            std::set<std::string> more = deps;
            for (const std::string& d : deps) more.insert(all[d].begin(), all[d].end());
            if (more.size() != deps.size()) {
                deps = more;
                grew = true;
            }
        }
    }
    return all;
}

TEST(Layering, EveryIncludeFollowsTheLinkedStages) {
    std::map<std::string, std::set<std::string>> allowed = linked_stages();
    ASSERT_GE(allowed.size(), 9U);
    EXPECT_EQ(allowed["support"], std::set<std::string>{});
    EXPECT_TRUE(allowed["write"].count("read") > 0);
    int includes = 0;
    std::regex include(R"re(#include "(\w+)/)re");
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_path("src"))) {
        if (!entry.is_regular_file()) continue;
        std::string stage = entry.path().parent_path().filename().string();
        if (stage == "cli") continue;  // main may use every stage
        ASSERT_TRUE(allowed.count(stage) > 0) << "no ttl_stage(" << stage << ") in CMakeLists.txt";
        std::istringstream lines(test::read_file(entry.path().string()));
        std::string line;
        for (int n = 1; std::getline(lines, line); ++n) {
            std::smatch m;
            if (!std::regex_search(line, m, include) || line.rfind("#include", 0) != 0) continue;
            std::string used = m[1].str();
            if (used == "ttl_emu") used = "emulate";  // the emulator's headers
            ++includes;
            EXPECT_TRUE(used == stage || allowed[stage].count(used) > 0)
                << entry.path().string() << ":" << n << ": stage '" << stage << "' includes '" << used
                << "', which it does not link to";
        }
    }
    EXPECT_GT(includes, 150);
}

}  // namespace
}  // namespace ttl
