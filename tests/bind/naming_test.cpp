// Binding and naming: the complete binding and rename table of every example kernel is a golden
// file (so a change of naming is a visible diff), the naming figures over all examples, and
// the hard cases, each built from a small source, runner and kernel.
#include <gtest/gtest.h>

#include <string>

#include <fmt/format.h>

#include "bind/binding.h"
#include "bind/naming.h"
#include "read/artifacts.h"
#include "read/kernel_reader.h"
#include "pipeline_util.h"
#include "test_util.h"

namespace ttl {
namespace {

using Example = test::ExampleDirs;

struct Named {
    std::string kernel;
    std::string thread;
    std::string dump;
    NamingPlan plan;
};

std::vector<Named> name_example(const Example& ex) {
    Diagnostics d;
    auto src = read_ttlang_text(ex.source, test::read_file(test::source_path(ex.source)), d);
    EXPECT_TRUE(src) << d.render_all();
    auto artifacts = find_artifacts(*src, ArtifactOptions{test::source_path(ex.emitted), {}, ""}, d);
    EXPECT_TRUE(artifacts) << d.render_all();
    std::vector<Named> out;
    for (const KernelArtifacts& a : *artifacts) {
        for (size_t i = 0; i < a.threads.size(); ++i) {
            std::string name = std::string(ex.emitted) + "/" + a.threads[i].path.substr(a.threads[i].path.rfind('/') + 1);
            auto k = read_kernel_text(name, a.threads[i].text(), d);
            EXPECT_TRUE(k) << d.render_all();
            KernelBinding b = bind_kernel(*k, src->kernel(a.kernel), static_cast<int>(i), a.runner);
            NamingPlan plan = plan_names(*k, b, src->kernel(a.kernel));
            out.push_back(Named{a.kernel, a.threads[i].thread, dump_binding(*k, b) + "-- names\n" + dump_naming(plan), plan});
        }
    }
    return out;
}

TEST(Naming, GoldenRenameTables) {
    for (const Example& ex : test::examples()) {
        for (const Named& n : name_example(ex)) {
            SCOPED_TRACE(n.thread);
            test::expect_golden(test::golden_path("naming", ex.name() + "/" + n.kernel + "/" + n.thread), n.dump);
        }
    }
}

TEST(Naming, NothingGeneratedSurvivesAndFiguresMeetTheirGoals) {
    int generated = 0, source = 0, role = 0, generic = 0;
    for (const Example& ex : test::examples()) {
        for (const Named& n : name_example(ex)) {
            generated += n.plan.generated;
            source += n.plan.from_source;
            role += n.plan.from_role;
            generic += n.plan.generic;
            for (const Rename& r : n.plan.renames) EXPECT_FALSE(is_generated_name(r.new_name)) << r.new_name;
            EXPECT_TRUE(n.plan.kept.empty());
        }
    }
    double replaced = 100.0 * (source + role) / generated;
    double fallback = 100.0 * generic / generated;
    std::printf("naming over the examples: %d generated names, %d from the source, %d from roles, %d generic; "
                "replaced %.1f%% (goal 100%%), generic %.1f%% (goal under 5%%)\n",
                generated, source, role, generic, replaced, fallback);
    EXPECT_GT(generated, 100);
    EXPECT_EQ(source + role + generic, generated);
    EXPECT_LT(fallback, 5.0);
}

TEST(Naming, GeneratedNamePatterns) {
    for (const char* yes : {"v1", "v123", "i6", "j7", "k11", "t4", "u9", "tensor_accessor_args_12", "cb_ctarg_3", "cb_arg_0"}) {
        EXPECT_TRUE(is_generated_name(yes)) << yes;
    }
    for (const char* no : {"v", "x1", "noc0", "temp_101", "vv1", "i", "cb_ctarg_", "tensor_accessor_args_x", "row"}) {
        EXPECT_FALSE(is_generated_name(no)) << no;
    }
}

/// A one-thread program: a source, a runner row for it and the kernel text.
struct Case {
    std::string source;
    std::string runner;
    std::string kernel;
};

std::string name_case(const Case& c, std::string* warnings = nullptr) {
    Diagnostics d;
    auto src = read_ttlang_text("case.py", c.source, d);
    auto runner = read_runner_text("case_runner.py", c.runner, d);
    auto k = read_kernel_text("case.cpp", c.kernel, d);
    EXPECT_TRUE(src && runner && k) << d.render_all();
    if (!src || !runner || !k) return "";
    KernelBinding b = bind_kernel(*k, &src->kernels[0], 0, *runner);
    if (warnings != nullptr) {
        for (const std::string& w : b.warnings) *warnings += w + "\n";
    }
    NamingPlan plan = plan_names(*k, b, &src->kernels[0]);
    std::string out;
    for (const CbName& cb : plan.cb_names) out += fmt::format("cb{}={} ", cb.index, cb.name);
    for (const Rename& r : plan.renames) out += r.old_name + "=" + r.new_name + " ";
    if (!out.empty()) out.pop_back();
    return out;
}

std::string runner(int tensors, const std::string& row, int cbs) {
    std::string out = fmt::format("import ttnn\nGRID_COLS = 1\nGRID_ROWS = 1\nNUM_TENSORS = {}\n", tensors);
    out += "KERNEL_PATHS = [('/t/ttlang_kernel_rd_00000000.cpp', 'noc')]\n";
    out += "KERNEL_TENSOR_INDICES = [[" + row + "]]\nCB_CONFIGS = [";
    for (int i = 0; i < cbs; ++i) out += "((1, 1), 2, ttnn.bfloat16, 2048, 4096), ";
    return out + "]\n";
}

TEST(Naming, VanishedOneTripLoop) {
    Case c{"import ttl\n@ttl.kernel(grid=(1, 1))\ndef k(a):\n    cb = ttl.make_circular_buffer_like(a, shape=(1, 1), buffer_factor=2)\n"
           "    @ttl.datamovement()\n    def rd():\n        for _ in range(1):\n            for col in range(4):\n"
           "                with cb.reserve() as b:\n                    ttl.copy(a[0, col], b).wait()\n",
           runner(1, "0", 1),
           "void kernel_main() {\n  size_t v1 = 4;\n  size_t v2 = 1;\n  size_t v3 = 0;\n"
           "  for (size_t i4 = v3; i4 < v1; i4 += v2) {\n    cb_reserve_back(get_compile_time_arg_val(0), v2);\n  }\n  return;\n}\n"};
    EXPECT_EQ(name_case(c), "cb0=cb v1=four v2=one v3=start i4=col");
}

TEST(Naming, AnonymousLoopsAreNeverAMangledJoin) {
    auto loop_name = [](const std::string& count) {
        Case c{"import ttl\nrows = 3\ncols = 4\nn_blocks = 12\n@ttl.kernel(grid=(1, 1))\ndef k(a):\n"
               "    cb = ttl.make_circular_buffer_like(a, shape=(1, 1), buffer_factor=2)\n"
               "    @ttl.datamovement()\n    def rd():\n        for _ in range(" +
                   count + "):\n                with cb.reserve() as b:\n                    ttl.copy(a[0, 0], b).wait()\n",
               runner(1, "0", 1),
               "void kernel_main() {\n  size_t v1 = 12;\n  size_t v2 = 1;\n  size_t v3 = 0;\n"
               "  for (size_t i4 = v3; i4 < v1; i4 += v2) {\n    cb_reserve_back(get_compile_time_arg_val(0), v2);\n  }\n"
               "  return;\n}\n"};
        std::string names = name_case(c);
        size_t at = names.find("i4=");
        return at == std::string::npos ? names : names.substr(at + 3);
    };
    EXPECT_EQ(loop_name("n_blocks"), "block");
    EXPECT_EQ(loop_name("rows * cols"), "iteration");
    EXPECT_EQ(loop_name("rows*cols"), "iteration");
}

TEST(Naming, SourceNamesThatCollideWithApiNames) {
    Case c{"import ttl\n@ttl.kernel(grid=(1, 1))\ndef k(a):\n    noc = ttl.make_circular_buffer_like(a, shape=(1, 1), buffer_factor=2)\n"
           "    TensorAccessor = ttl.make_circular_buffer_like(a, shape=(1, 1), buffer_factor=2)\n"
           "    @ttl.datamovement()\n    def rd():\n        with noc.reserve() as b, TensorAccessor.reserve() as c:\n            pass\n",
           runner(1, "0", 2),
           "void kernel_main() {\n  int32_t v1 = 1;\n  cb_reserve_back(get_compile_time_arg_val(0), v1);\n"
           "  cb_reserve_back(get_compile_time_arg_val(1), v1);\n  int32_t v2 = get_write_ptr(get_compile_time_arg_val(1));\n"
           "  return;\n}\n"};
    EXPECT_EQ(name_case(c), "cb0=noc_cb cb1=TensorAccessor_cb v1=num_tiles v2=TensorAccessor_write_ptr");
}

TEST(Naming, TensorsWithTheSamePrefixStayDistinct) {
    Case c{"import ttl\n@ttl.kernel(grid=(1, 1))\ndef k(x, x_scale):\n    cb = ttl.make_circular_buffer_like(x, shape=(1, 1), buffer_factor=2)\n"
           "    @ttl.datamovement()\n    def rd():\n        with cb.reserve() as b:\n            ttl.copy(x[0, 0], b).wait()\n"
           "            ttl.copy(x_scale[0, 0], b).wait()\n",
           runner(2, "0, 1", 1),
           "void kernel_main() {\n  size_t v1 = 0;\n  size_t v2 = 1;\n  int32_t v3 = 2048;\n"
           "  int32_t v4 = get_common_arg_val<uint32_t>(v1);\n"
           "  auto tensor_accessor_args_5 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 1>(), 0>();\n"
           "  TensorAccessor v6 = TensorAccessor(tensor_accessor_args_5, v4, v3);\n"
           "  int32_t v7 = get_common_arg_val<uint32_t>(v2);\n"
           "  auto tensor_accessor_args_8 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 1>(), 1>();\n"
           "  TensorAccessor v9 = TensorAccessor(tensor_accessor_args_8, v7, v3);\n  return;\n}\n"};
    EXPECT_EQ(name_case(c), "v1=x_arg v2=x_scale_arg v3=page_bytes v4=x_addr tensor_accessor_args_5=x_args v6=x_accessor "
                            "v7=x_scale_addr tensor_accessor_args_8=x_scale_args v9=x_scale_accessor");
}

TEST(Naming, RunnerAndAccessorTemplateDisagree) {
    Case c{"import ttl\n@ttl.kernel(grid=(1, 1))\ndef k(a, b):\n    cb = ttl.make_circular_buffer_like(a, shape=(1, 1), buffer_factor=2)\n"
           "    @ttl.datamovement()\n    def rd():\n        with cb.reserve() as t:\n            ttl.copy(a[0, 0], t).wait()\n",
           runner(2, "1", 1),
           "void kernel_main() {\n  size_t v1 = 0;\n  int32_t v2 = 2048;\n  int32_t v3 = get_common_arg_val<uint32_t>(v1);\n"
           "  auto tensor_accessor_args_4 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 1>(), 0>();\n"
           "  TensorAccessor v5 = TensorAccessor(tensor_accessor_args_4, v3, v2);\n  return;\n}\n"};
    std::string warnings;
    // The address is the runner's tensor, the accessor args the template's: each name is true.
    EXPECT_EQ(name_case(c, &warnings), "v1=b_arg v2=page_bytes v3=b_addr tensor_accessor_args_4=a_args v5=a_accessor");
    EXPECT_EQ(warnings, "'tensor_accessor_args_4': the accessor template says runtime arg 0 is tensor 'a' but "
                        "KERNEL_TENSOR_INDICES says 'b'\n");
}

TEST(Naming, NoNameShadowsAnother) {
    Case c{"import ttl\n@ttl.kernel(grid=(1, 1))\ndef k(a):\n    cb = ttl.make_circular_buffer_like(a, shape=(1, 1), buffer_factor=2)\n"
           "    @ttl.datamovement()\n    def rd():\n        for i in range(2):\n            for i in range(3):\n                pass\n"
           "        for i in range(2):\n            pass\n",
           runner(1, "0", 1),
           "void kernel_main() {\n  size_t v1 = 2;\n  size_t v2 = 3;\n  size_t v3 = 1;\n  size_t v4 = 0;\n"
           "  for (size_t i5 = v4; i5 < v1; i5 += v3) {\n    for (size_t j6 = v4; j6 < v2; j6 += v3) {\n    }\n  }\n"
           "  for (size_t i7 = v4; i7 < v1; i7 += v3) {\n  }\n  return;\n}\n"};
    // The inner `i` would shadow the outer one; the sibling loop after them may reuse `i`.
    EXPECT_EQ(name_case(c), "v1=two v2=three v3=step v4=start i5=i j6=i_2 i7=i");
}

TEST(Naming, CoreCoordinatesTakeTheSourceNames) {
    Case c{"import ttl\n@ttl.kernel(grid=(2, 2))\ndef k(a):\n    cb = ttl.make_circular_buffer_like(a, shape=(1, 1), buffer_factor=2)\n"
           "    @ttl.datamovement()\n    def rd():\n        col, _ = ttl.core(dims=2)\n        with cb.reserve() as b:\n"
           "            ttl.copy(a[col, 0], b).wait()\n",
           runner(1, "0", 1),
           "void kernel_main() {\n  size_t v1 = 4;\n  size_t v2 = get_absolute_logical_x();\n  size_t v3 = get_absolute_logical_y();\n"
           "  size_t v4 = v2 * v1;\n  return;\n}\n"};
    // `_` is not a name: the y coordinate gets a role name.
    EXPECT_EQ(name_case(c), "v1=four v2=col v3=core_y v4=col_offset");
}

TEST(Naming, SharedConstantGetsANameTrueForAllRoles) {
    Case c{"import ttl\n@ttl.kernel(grid=(1, 1))\ndef k(a):\n    cb = ttl.make_circular_buffer_like(a, shape=(1, 1), buffer_factor=2)\n"
           "    @ttl.datamovement()\n    def rd():\n        for r in range(4):\n            pass\n",
           runner(1, "0", 1),
           "void kernel_main() {\n  size_t v1 = 4;\n  size_t v2 = 1;\n  size_t v3 = 0;\n  int32_t v4 = 1;\n"
           "  for (size_t i5 = v3; i5 < v1; i5 += v2) {\n    cb_reserve_back(get_compile_time_arg_val(0), v1);\n  }\n  return;\n}\n"};
    // v1 bounds the loop and counts tiles: `four` is true for both. v4 is dead.
    EXPECT_EQ(name_case(c), "cb0=cb v1=four v2=step v3=start v4=unused_one i5=r");
}

}  // namespace
}  // namespace ttl
