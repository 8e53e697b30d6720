// Shared helpers for the tests: fixture paths, file reading, golden comparison.
#pragma once

#include <string>
#include <vector>

namespace ttl::test {

/// Absolute path of a file in the source tree, e.g. source_path("tests/fixtures/x").
std::string source_path(const std::string& relative);
/// Whole file contents; fails the current test when the file cannot be read.
std::string read_file(const std::string& path);
/// Files below a directory with the given extension, sorted.
std::vector<std::string> list_files(const std::string& dir, const std::string& extension);
/// Compares `actual` with the golden file at `path`. With TTL_UPDATE_GOLDENS=1 in the
/// environment it rewrites the golden file instead (the explicit update mode).
void expect_golden(const std::string& path, const std::string& actual);

}  // namespace ttl::test
