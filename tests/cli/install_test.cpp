// `cmake --install` gives a relocatable tool: install into a temporary prefix, move the prefix,
// and run the bundled example's export, check and run from there.
#include <filesystem>

#include <gtest/gtest.h>

#include "support/process.h"
#include "test_util.h"

namespace ttl::test {
namespace {

namespace fs = std::filesystem;

TEST(Install, AMovedPrefixExportsChecksAndRuns) {
    TempDir dir;
    ProcessResult install = run_process({"cmake", "--install", binary_dir(), "--prefix", dir / "first"});
    ASSERT_TRUE(install.ok()) << install.error << install.output;
    fs::rename(dir / "first", dir / "moved");
    std::string tool = dir / "moved/bin/ttl-export";
    for (const char* f : {"share/ttl-export/emu/include/ttl_emu/kernel_api.h", "share/ttl-export/emu/include/api/dataflow/dataflow_api.h",
                          "share/ttl-export/emu/python/ttnn/__init__.py", "share/ttl-export/ttl-export.toml",
                          "share/ttl-export/integrations/ttl-export.md"}) {
        EXPECT_TRUE(fs::exists(dir / "moved/" + f)) << f;
    }
    ProcessOptions in_dir;
    in_dir.cwd = dir.path();
    in_dir.env = {{"TTL_EXPORT_CACHE", dir / "cache"}};
    ProcessResult version = run_process({tool, "--version"}, in_dir);
    EXPECT_TRUE(version.ok()) << version.output;
    EXPECT_NE(version.output.find("emitter dialects: A"), std::string::npos) << version.output;
    ProcessResult exported = run_process({tool, source_path("examples/eltwise_add/add.py"), "--from",
                                          source_path("examples/eltwise_add/emitted"), "-o", "pkg"},
                                         in_dir);
    ASSERT_TRUE(exported.ok()) << exported.output;
    ProcessResult checked = run_process({tool, "check", "pkg"}, in_dir);
    EXPECT_TRUE(checked.ok()) << checked.output;
    EXPECT_NE(checked.output.find("pkg: consistent"), std::string::npos) << checked.output;
    ProcessResult ran = run_process({tool, "run", "pkg"}, in_dir);
    EXPECT_TRUE(ran.ok()) << ran.output;
    EXPECT_NE(ran.output.find("PASS"), std::string::npos) << ran.output;
    // Nothing falls back to the source tree: without its share folder the tool says what is missing.
    fs::remove_all(dir / "moved/share");
    ProcessResult broken = run_process({tool, "run", "pkg"}, in_dir);
    EXPECT_EQ(broken.exit_code, 2) << broken.output;
    EXPECT_NE(broken.output.find("the emulator's Python files are missing (reinstall ttl-export"), std::string::npos)
        << broken.output;
}

}  // namespace
}  // namespace ttl::test
