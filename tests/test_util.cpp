#include "test_util.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <stdlib.h>

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

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ttl-test-XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    EXPECT_NE(made, nullptr);
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string source_path(const std::string& relative) {
    return std::string(TTL_SOURCE_DIR) + "/" + relative;
}

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

void expect_golden(const std::string& path, const std::string& actual) {
    const char* update = std::getenv("TTL_UPDATE_GOLDENS");
    if (update != nullptr && std::string(update) == "1") {
        write_file(path, actual);
        return;
    }
    ASSERT_TRUE(std::filesystem::exists(path))
        << "missing golden file " << path << " (run with TTL_UPDATE_GOLDENS=1 to create it)";
    EXPECT_EQ(read_file(path), actual) << "golden mismatch: " << path
                                       << " (run with TTL_UPDATE_GOLDENS=1 if intended)";
}

}  // namespace ttl::test
