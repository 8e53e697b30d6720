// Shared helpers for the tests: fixture paths, file reading, golden comparison.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ttl::test {

/// This build's places: the source tree, the build directory, the ttl-export binary and the
/// tests' kernel cache. CMake gives them to test_util.cpp alone, so every other test file is the
/// same text on every machine (the precompiled header needs that: through it GCC 12 reports
/// false positives whose presence depends on the length of such strings).
const std::string& source_dir();
const std::string& binary_dir();
const std::string& export_binary();
const std::string& kernel_cache();
/// Absolute path of a file in the source tree, e.g. source_path("tests/fixtures/x").
std::string source_path(const std::string& relative);
/// Whole file contents; fails the current test when the file cannot be read.
std::string read_file(const std::string& path);
/// Files below a directory with the given extension, sorted.
std::vector<std::string> list_files(const std::string& dir, const std::string& extension);
/// Compares `actual` with the golden file at `path`. With TTL_UPDATE_GOLDENS=1 in the
/// environment it rewrites the golden file instead (the explicit update mode).
void expect_golden(const std::string& path, const std::string& actual);
/// The golden path for a source-tree file: tests/golden/<stage>/<path with '/' as '@'>.dump
std::string golden_path(const std::string& stage, std::string relative);
/// Writes a file, creating its directory.
void write_file(const std::string& path, const std::string& text);

/// What a run of the ttl-export binary printed (stdout and stderr together) and its exit status.
struct ToolResult {
    int status = -1;
    std::string output;
};
/// Runs a shell command; its stdout (add `2>&1` for stderr too) and exit status.
ToolResult run_command(const std::string& command);
/// Runs `ttl-export ARGS` through the shell, in `cwd` when it is not empty, with `env`
/// (`NAME='value' ...`, already quoted) set for that command only.
ToolResult run_tool(const std::string& args, const std::string& cwd = "", const std::string& env = "");

/// Waits up to two seconds for process `pid` to be gone (or a zombie nobody reaped yet); kills
/// it when it is still there, so a failing test leaves nothing running. True when it ended.
bool ends_within_two_seconds(int pid);

/// A fresh temporary directory, removed with everything in it when the object dies.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string operator/(const std::string& name) const { return path_ + "/" + name; }

  private:
    std::string path_;
};

/// Sets an environment variable (or unsets it, for nullptr) until the object dies, then puts
/// back what was there.
class ScopedVariable {
  public:
    ScopedVariable(const char* name, const char* value);
    ~ScopedVariable();
    ScopedVariable(const ScopedVariable&) = delete;
    ScopedVariable& operator=(const ScopedVariable&) = delete;

  private:
    void set(const char* value);
    const char* name_;
    std::optional<std::string> old_;
};

}  // namespace ttl::test
