#include "test_util.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <fstream>
#include <set>
#include <sstream>

#include <stdlib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace ttl::test {

std::string golden_path(const std::string& stage, std::string relative) {
    for (char& c : relative) {
        if (c == '/') c = '@';
    }
    return source_path("tests/golden/" + stage + "/" + relative + ".dump");
}

void write_file(const std::string& path, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

ScopedVariable::ScopedVariable(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    set(value);
}

ScopedVariable::~ScopedVariable() {
    set(old_ ? old_->c_str() : nullptr);
}

void ScopedVariable::set(const char* value) {
    if (value == nullptr) {
        unsetenv(name_);
    } else {
        setenv(name_, value, 1);
    }
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ttl-test-XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    // Without a directory of its own a test must not go on: its paths would start at "/".
    if (made == nullptr) throw std::runtime_error("cannot create a temporary directory for the test");
    path_ = pattern;
}

TempDir::~TempDir() {
    // Only what this object made: a directory named ttl-test-XXXXXX, not a link, never "" or "/".
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path p(path_);
    if (path_.empty() || p.filename().string().rfind("ttl-test-", 0) != 0 || p.filename().string().size() != 15 ||
        !fs::is_directory(fs::symlink_status(p, ec))) {
        return;
    }
    fs::remove_all(p, ec);
}

bool ends_within_two_seconds(int pid) {
    auto gone = [&] {
        if (kill(pid, 0) != 0) return true;
        std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
        std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        size_t close = stat.rfind(')');
        return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z';
    };
    for (int i = 0; i < 200; ++i) {
        if (gone()) return true;
        usleep(10000);
    }
    kill(pid, SIGKILL);
    return false;
}

const std::string& source_dir() {
    static const std::string dir = TTL_SOURCE_DIR;
    return dir;
}

const std::string& binary_dir() {
    static const std::string dir = TTL_BINARY_DIR;
    return dir;
}

const std::string& export_binary() {
    static const std::string binary = TTL_EXPORT_BINARY;
    return binary;
}

const std::string& kernel_cache() {
    static const std::string dir = TTL_TEST_KERNEL_CACHE;
    return dir;
}

std::string source_path(const std::string& relative) { return source_dir() + "/" + relative; }

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in.good()) << "cannot read " << path;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::vector<std::string> list_files(const std::string& dir, const std::string& extension) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == extension) {
            files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

namespace {

bool updating_goldens() {
    const char* update = std::getenv("TTL_UPDATE_GOLDENS");
    return update != nullptr && std::string(update) == "1";
}

std::set<std::string>& goldens_seen() {
    static std::set<std::string> seen;
    return seen;
}

/// After a whole run in update mode (no test filter, so every golden was asked for), removes the
/// golden files no test asked for and says so. A filtered run removes nothing.
class GoldenOrphans : public ::testing::Environment {
  public:
    void TearDown() override {
        if (!updating_goldens() || ::testing::GTEST_FLAG(filter) != "*") return;
        const std::filesystem::path root = source_path("tests/golden");
        // Only inside the tree's own golden folder, which this run wrote into.
        if (!std::filesystem::is_directory(root) || goldens_seen().empty()) return;
        std::vector<std::string> files;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
            if (entry.is_regular_file()) files.push_back(entry.path().string());
        }
        std::sort(files.begin(), files.end());
        for (const std::string& file : files) {
            if (goldens_seen().count(file) > 0) continue;
            std::filesystem::remove(file);
            std::printf("golden: removed %s (no test asks for it)\n", file.c_str());
        }
    }
};
const auto* const kGoldenOrphans = ::testing::AddGlobalTestEnvironment(new GoldenOrphans);

}  // namespace

void expect_golden(const std::string& path, const std::string& actual) {
    goldens_seen().insert(path);
    if (updating_goldens()) {
        std::error_code ec;
        bool exists = std::filesystem::exists(path, ec);
        if (!exists || read_file(path) != actual) {
            write_file(path, actual);
            std::printf("golden: %s %s\n", exists ? "updated" : "created", path.c_str());
        }
        return;
    }
    ASSERT_TRUE(std::filesystem::exists(path))
        << "missing golden file " << path << " (run with TTL_UPDATE_GOLDENS=1 to create it)";
    EXPECT_EQ(read_file(path), actual)
        << "golden mismatch: " << path << " (run with TTL_UPDATE_GOLDENS=1 if intended)";
}

ToolResult run_tool(const std::string& args, const std::string& cwd, const std::string& env) {
    return run_command((cwd.empty() ? "" : "cd '" + cwd + "' && ") + (env.empty() ? "" : env + " ") +
                       export_binary() + " " + args + " 2>&1");
}

ToolResult run_command(const std::string& command) {
    ToolResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer{};
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.output.append(buffer.data(), n);
    int raw = pclose(pipe);
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return result;
}

}  // namespace ttl::test
