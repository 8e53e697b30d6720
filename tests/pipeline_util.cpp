#include "pipeline_util.h"

#include <gtest/gtest.h>

#include "bind/binding.h"
#include "bind/naming.h"
#include "read/artifacts.h"
#include "read/kernel_reader.h"
#include "read/package_format.h"
#include "test_util.h"

namespace ttl::test {

const std::vector<ExampleDirs>& examples() {
    static const std::vector<ExampleDirs> all = {
        {"examples/eltwise_add/add.py", "examples/eltwise_add/emitted"},
        {"examples/matmul/matmul.py", "examples/matmul/emitted"},
        {"examples/silu_mul/silu_mul.py", "examples/silu_mul/emitted"},
        {"examples/relu/test_relu.py", "examples/relu/emitted"},
        {"examples/two_kernels/two_kernels.py", "examples/two_kernels/emitted"},
        {"examples/exp_f32/exp_f32.py", "examples/exp_f32/emitted"},
        {"examples/gate_smoke/gate_smoke.py", "examples/gate_smoke/emitted"},
        {"examples/state_update/state_update.py", "examples/state_update/emitted"},
        {"examples/batch_loop/batch_loop.py", "examples/batch_loop/emitted"},
        {"examples/shared_names/shared_names.py", "examples/shared_names/emitted"},
        {"examples/add_or_mul/add_or_mul.py", "examples/add_or_mul/emitted"},
        {"examples/gated_exp/gated_exp.py", "examples/gated_exp/emitted"},
        {"examples/mm_relu/mm_relu.py", "examples/mm_relu/emitted"},
    };
    return all;
}

std::string ExampleDirs::name() const {
    std::string s = std::string(emitted).substr(std::string("examples/").size());
    return s.substr(0, s.find('/'));
}

std::vector<ExportedThread> export_example(const ExampleDirs& ex, Rules rules) {
    Diagnostics d;
    auto src = read_ttlang_text(ex.source, read_file(source_path(ex.source)), d);
    EXPECT_TRUE(src) << d.render_all();
    auto artifacts = find_artifacts(*src, ArtifactOptions{source_path(ex.emitted), {}, ""}, d);
    EXPECT_TRUE(artifacts) << d.render_all();
    std::vector<ExportedThread> out;
    if (!src || !artifacts) return out;
    for (const KernelArtifacts& a : *artifacts) {
        for (size_t i = 0; i < a.threads.size(); ++i) {
            std::string name = a.threads[i].path.substr(a.threads[i].path.rfind('/') + 1);
            auto k = read_kernel_text(name, a.threads[i].text(), d);
            EXPECT_TRUE(k) << d.render_all();
            const TtlKernel* kernel = src->kernel(a.kernel);
            KernelBinding b = bind_kernel(*k, kernel, static_cast<int>(i), a.runner);
            NamingPlan plan = plan_names(*k, b, kernel);
            RewriteInput in{&*k, &b, &plan, kernel, ex.source, "tt-metal", "builtin"};
            std::string file = package::kernel_file(a.kernel, a.threads[i].role, artifacts->size() > 1);
            out.push_back(ExportedThread{a.kernel, a.threads[i].thread, a.threads[i].text(), rewrite_and_validate(in, rules),
                                         source_path("tests/golden/package/" + ex.name() + "/" + file)});
        }
    }
    return out;
}

}  // namespace ttl::test
