// The kernel cache: its key covers every file a kernel is built from (the kernel, the helpers it
// includes from its folder, every emulator header), and a cached library is used only when it is
// the build of that key (the stored key matches, and the loaded library reports it).
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "emulate/kernel_build.h"
#include "emulate/runtime.h"
#include "test_util.h"

namespace ttl::test {
namespace {

namespace fs = std::filesystem;

struct CacheFixture {
    TempDir dir;
    emu::BuildOptions options;
    emu::KernelSpec kernel;
    CacheFixture() {
        options.cache_dir = dir / "cache";
        options.include_dir = dir / "include";
        fs::copy(source_path("emu/include"), options.include_dir, fs::copy_options::recursive);
        write_file(dir / "k/helper.h", "inline uint32_t helper() { return 1; }\n");
        write_file(dir / "k/kernel.cpp",
                   "#include \"api/dataflow/dataflow_api.h\"\n#include \"helper.h\"\n"
                   "void kernel_main() { (void)helper(); }\n");
        kernel.source_path = dir / "k/kernel.cpp";
        kernel.kind = ThreadRole::kReader;
        kernel.cores = {emu::CoreRange{{0, 0}, {0, 0}}};
    }
    emu::KernelBinary build() {
        emu::KernelBinary out;
        std::string error;
        EXPECT_TRUE(emu::build_kernel(kernel, options, out, error)) << error;
        return out;
    }
    /// Runs `kernels`, built with this cache and these headers.
    emu::RunResult run(std::vector<emu::KernelSpec> kernels) const {
        emu::Program program;
        program.kernels = std::move(kernels);
        emu::RunOptions run_options;
        run_options.build = options;
        run_options.timeout_seconds = 60;
        return emu::run_program(program, run_options);
    }
};

TEST(KernelCache, AHelperBesideTheKernelIsPartOfTheKey) {
    CacheFixture f;
    emu::KernelBinary first = f.build();
    EXPECT_FALSE(first.cached);
    EXPECT_TRUE(f.build().cached);
    write_file(f.dir / "k/helper.h", "inline uint32_t helper() { return 2; }\n");
    emu::KernelBinary changed = f.build();
    EXPECT_FALSE(changed.cached) << "a changed helper header reused the old library";
    EXPECT_NE(changed.key, first.key);
}

TEST(KernelCache, TheSameKernelInAnotherFolderUsesItsLibraryAndReportsItsOwnFolder) {
    CacheFixture f;
    // A call that fails, in the helper: its location is in a file the kernel includes.
    write_file(f.dir / "k/helper.h", "inline uint32_t helper() {\n    cb_push_back(7, 1);\n    return 1;\n}\n");
    emu::RunResult first = f.run({f.kernel});
    ASSERT_FALSE(first.ok);
    EXPECT_NE(first.error.find(f.dir / "k/helper.h" + ":2: error: cb_push_back"), std::string::npos)
        << first.error;

    fs::copy(f.dir / "k", f.dir / "moved", fs::copy_options::recursive);
    emu::KernelSpec kernel = f.kernel;
    kernel.source_path = f.dir / "moved/kernel.cpp";
    emu::RunResult moved = f.run({kernel});
    ASSERT_EQ(moved.builds.size(), 1u);
    EXPECT_TRUE(moved.builds[0].cached) << "the same kernel in another folder was compiled again";
    EXPECT_NE(moved.error.find(f.dir / "moved/helper.h" + ":2: error: cb_push_back"), std::string::npos)
        << moved.error;
    EXPECT_EQ(moved.error.find(f.dir / "k/"), std::string::npos) << moved.error;

    // Another file name is another key (the library names its file).
    fs::rename(f.dir / "moved/kernel.cpp", f.dir / "moved/renamed.cpp");
    kernel.source_path = f.dir / "moved/renamed.cpp";
    emu::RunResult renamed = f.run({kernel});
    ASSERT_EQ(renamed.builds.size(), 1u);
    EXPECT_FALSE(renamed.builds[0].cached);
}

TEST(KernelCache, TheSameKernelTwiceInOneRunLeavesOneLibrary) {
    CacheFixture f;
    // Two threads of one run build the same library at once, from an empty cache: each under
    // names of its own, so neither reads the other's half-written files.
    write_file(f.dir / "k/copy/kernel.cpp", read_file(f.dir / "k/kernel.cpp"));
    write_file(f.dir / "k/copy/helper.h", read_file(f.dir / "k/helper.h"));
    emu::KernelSpec twin = f.kernel;
    twin.source_path = f.dir / "k/copy/kernel.cpp";
    twin.cores = {emu::CoreRange{{1, 0}, {1, 0}}};
    emu::RunResult r = f.run({f.kernel, twin});
    EXPECT_TRUE(r.ok) << r.error;
    ASSERT_EQ(r.builds.size(), 2u);
    size_t libraries = 0;
    for (const auto& entry : fs::directory_iterator(f.options.cache_dir)) {
        EXPECT_EQ(entry.path().string().find(".part"), std::string::npos) << entry.path();
        EXPECT_NE(entry.path().extension(), ".cpp") << "a wrapper was left behind: " << entry.path();
        libraries += entry.path().extension() == ".so" ? 1 : 0;
    }
    EXPECT_EQ(libraries, 1u);
}

TEST(KernelCache, EveryEmulatorHeaderIsPartOfTheKey) {
    CacheFixture f;
    emu::KernelBinary first = f.build();
    std::string header = f.options.include_dir + "/api/dataflow/dataflow_api.h";
    ASSERT_TRUE(fs::exists(header));
    write_file(header, read_file(header) + "\n// changed\n");
    // The headers' hash is computed once per directory and process: a new directory name is a
    // new process's view. Copy the changed tree elsewhere and build against it.
    fs::copy(f.options.include_dir, f.dir / "include2", fs::copy_options::recursive);
    f.options.include_dir = f.dir / "include2";
    emu::KernelBinary changed = f.build();
    EXPECT_FALSE(changed.cached);
    EXPECT_NE(changed.key, first.key);
}

TEST(KernelCache, ALibraryWhoseStoredKeyDiffersIsRebuilt) {
    CacheFixture f;
    emu::KernelBinary first = f.build();
    write_file(f.options.cache_dir + "/" + first.key + ".key", "something else");
    EXPECT_FALSE(f.build().cached);
    EXPECT_TRUE(f.build().cached);
}

TEST(KernelCache, ALibraryReplacedByAnotherKernelsBuildIsRefusedWhenLoaded) {
    CacheFixture f;
    emu::KernelBinary mine = f.build();
    // Another kernel's library, copied over this one's (its stored key left as it was).
    write_file(f.dir / "k/other.cpp",
               "#include \"api/dataflow/dataflow_api.h\"\nvoid kernel_main() {}\n");
    emu::KernelSpec other = f.kernel;
    other.source_path = f.dir / "k/other.cpp";
    emu::KernelBinary theirs;
    std::string error;
    ASSERT_TRUE(emu::build_kernel(other, f.options, theirs, error)) << error;
    fs::copy_file(theirs.library, mine.library, fs::copy_options::overwrite_existing);

    emu::RunResult r = f.run({f.kernel});
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("was not built from '" + f.kernel.source_path + "' as it is now"),
              std::string::npos)
        << r.error;
    // Rebuilt from the source, it runs.
    fs::remove(mine.library);
    emu::RunResult again = f.run({f.kernel});
    EXPECT_TRUE(again.ok) << again.error;
}

}  // namespace
}  // namespace ttl::test
