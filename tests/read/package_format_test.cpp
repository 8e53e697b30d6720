// The package format round-trips: every example is exported with the tool, and its run_kernel.py
// and EXPORT.md, read back with read/package_format, give the runner model the exporter wrote
// them from (the compiler's runner, as read/artifacts paired it) and the records of what it read.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "pipeline_util.h"
#include "read/artifacts.h"
#include "read/package_format.h"
#include "read/py_model.h"
#include "read/ttlang_source.h"
#include "test_util.h"

namespace ttl {
namespace {

TEST(PackageFormat, EveryExampleRoundTripsThroughItsTablesAndRecords) {
    int kernels_checked = 0;
    for (const test::ExampleDirs& ex : test::examples()) {
        SCOPED_TRACE(ex.source);
        test::TempDir dir;
        std::string out = dir / "pkg";
        test::ToolResult r = test::run_tool(std::string(ex.source) + " --from " + ex.emitted + " -o " + out, test::source_dir());
        ASSERT_EQ(r.status, 0) << r.output;

        // What the exporter wrote the package from.
        Diagnostics d;
        auto src = read_ttlang_text(ex.source, test::read_file(test::source_path(ex.source)), d);
        ASSERT_TRUE(src) << d.render_all();
        auto artifacts = find_artifacts(*src, ArtifactOptions{test::source_path(ex.emitted), {}, ""}, d);
        ASSERT_TRUE(artifacts) << d.render_all();

        auto module = read_python_text("run_kernel.py", test::read_file(out + "/run_kernel.py"), d);
        ASSERT_TRUE(module) << d.render_all();
        std::vector<package::TableProblem> problems;
        std::vector<package::PackageKernel> read = package::read_tables(*module, problems);
        EXPECT_TRUE(problems.empty());
        ASSERT_EQ(read.size(), artifacts->size());
        package::ExportRecords records = package::read_export_md(test::read_file(out + "/EXPORT.md"));
        EXPECT_TRUE(records.ours);
        EXPECT_TRUE(records.has_package_files_section);
        EXPECT_NE(std::find(records.package_files.begin(), records.package_files.end(), "run_kernel.py"),
                  records.package_files.end());
        // The tool ran in the source tree and records paths as it was given them.
        auto at_source = [](const std::string& p) { return test::source_path(p); };
        EXPECT_EQ(at_source(records.source_path), test::source_path(ex.source));
        for (const KernelArtifacts& a : *artifacts) {
            auto it = std::find_if(read.begin(), read.end(), [&](const auto& k) { return k.name == a.kernel; });
            ASSERT_NE(it, read.end()) << a.kernel;
            const RunnerModel& want = a.runner;
            const RunnerModel& got = it->runner;
            const TtlKernel* k = src->kernel(a.kernel);
            EXPECT_EQ(it->prefix, package::prefix_of(a.kernel));
            EXPECT_EQ(got.grid_cols, want.grid_cols);
            EXPECT_EQ(got.grid_rows, want.grid_rows);
            EXPECT_EQ(it->tensors, k->params);
            ASSERT_EQ(got.cbs.size(), want.cbs.size());
            for (size_t i = 0; i < want.cbs.size(); ++i) {
                EXPECT_EQ(got.cbs[i].present, want.cbs[i].present) << "cb " << i;
                if (!want.cbs[i].present) continue;
                EXPECT_EQ(got.cbs[i].index, want.cbs[i].index);
                EXPECT_EQ(got.cbs[i].dtype, want.cbs[i].dtype);
                EXPECT_EQ(got.cbs[i].page_size, want.cbs[i].page_size);
                EXPECT_EQ(got.cbs[i].total_size, want.cbs[i].total_size);
                if (i < k->buffers.size()) {
                    EXPECT_EQ(it->cb_names[i], k->buffers[i].name);
                }
            }
            ASSERT_EQ(got.kernels.size(), want.kernels.size());
            for (size_t i = 0; i < want.kernels.size(); ++i) {
                EXPECT_EQ(got.kernels[i].role, want.kernels[i].role) << i;
                EXPECT_EQ(got.tensor_indices[i], want.tensor_indices[i]) << i;
                // The kernel table records which compiler file each package file came from.
                auto emitted = records.emitted.find("kernels/" + got.kernels[i].path);
                ASSERT_NE(emitted, records.emitted.end()) << got.kernels[i].path;
                EXPECT_EQ(at_source(emitted->second.path), a.threads[i].path);
            }
            EXPECT_EQ(at_source(records.runner_of[a.kernel]), a.runner_path);
            if (k->grid.size() == 2) {
                EXPECT_EQ(records.grid_of[a.kernel], std::make_pair(k->grid[0], k->grid[1]));
            }
            ++kernels_checked;
        }
    }
    EXPECT_GE(kernels_checked, 12);
}

TEST(PackageFormat, ATableRowWithAnUnknownRoleIsAProblemNotAKernel) {
    Diagnostics d;
    auto module = read_python_text("run_kernel.py",
                                   "K_TENSORS = [\"a\"]\nK_NUM_CB_INDICES = 1\n"
                                   "K_CIRCULAR_BUFFERS = [(\"a_cb\", 0, ttnn.bfloat16, 2048, 4096)]\n"
                                   "K_THREADS = [(\"dm\", \"reader.cpp\", [\"a\"]), (\"compute\", \"compute.cpp\", [])]\n",
                                   d);
    ASSERT_TRUE(module) << d.render_all();
    std::vector<package::TableProblem> problems;
    auto read = package::read_tables(*module, problems);
    ASSERT_EQ(read.size(), 1U);
    ASSERT_EQ(read[0].runner.kernels.size(), 1U);
    EXPECT_EQ(read[0].runner.kernels[0].role, ThreadRole::kCompute);
    EXPECT_EQ(read[0].cb_names, std::vector<std::string>{"a_cb"});
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_EQ(problems[0].line, 4U);
    EXPECT_EQ(problems[0].message, "'dm' is not a thread role");
}

}  // namespace
}  // namespace ttl
