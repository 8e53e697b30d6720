// Whole programs on the emulator: every bundled example, run with the compiler's kernels and
// with the exported package's kernels. The two must give bit-identical outputs, and both must
// match a reference computed here in float64 (within the rounding of the output format).
#include <cmath>
#include <functional>

#include <gtest/gtest.h>

#include "emulate/emu_test_util.h"
#include "emulate/tile_math.h"

namespace ttl::test {
namespace {

using emu::DataFormat;
using emu::TensorInput;

TensorInput tensor(const char* name, uint32_t rows, uint32_t cols, DataFormat f, float lo, float hi, unsigned seed) {
    TensorInput t{name, f, rows, cols, {}, true};
    if (hi > lo) t.values = random_values(size_t{rows} * cols, lo, hi, f, seed);
    return t;
}

/// Asserts `got` matches `want` (float64) within `rel` relative + `abs_tol` absolute error.
void expect_close(const std::vector<float>& got, const std::vector<double>& want, double rel, double abs_tol) {
    ASSERT_EQ(got.size(), want.size());
    size_t bad = 0;
    for (size_t i = 0; i < got.size(); ++i) {
        double err = std::fabs(got[i] - want[i]);
        if (!(err <= rel * std::fabs(want[i]) + abs_tol)) {
            if (++bad <= 3) ADD_FAILURE() << "element " << i << ": got " << got[i] << ", want " << want[i];
        }
    }
    EXPECT_EQ(bad, 0U);
}

/// Runs both versions, checks they agree bit for bit, returns the emitted run.
emu::RunResult run_both(const std::string& runner, const std::vector<std::string>& package,
                        const std::vector<TensorInput>& tensors) {
    emu::RunResult emitted = run_example(runner, {}, tensors);
    emu::RunResult exported = run_example(runner, package, tensors);
    EXPECT_TRUE(emitted.ok && exported.ok);
    EXPECT_EQ(emitted.buffers.size(), exported.buffers.size());
    for (size_t i = 0; i < std::min(emitted.buffers.size(), exported.buffers.size()); ++i) {
        EXPECT_TRUE(emitted.buffers[i].data == exported.buffers[i].data) << "buffer " << i << " differs";
    }
    EXPECT_GT(emitted.tiles_packed, 0U);
    return emitted;
}

constexpr double kBf16 = 1.0 / 256;  // half an ulp of bfloat16 is 2^-9; allow one ulp

std::vector<std::string> package(const std::string& dir) {
    return {dir + "/compute.cpp", dir + "/reader.cpp", dir + "/writer.cpp"};
}

TEST(WholeProgram, EltwiseAdd) {
    std::vector<TensorInput> t = {tensor("lhs", 128, 128, DataFormat::kBfloat16, 0, 1, 1),
                                  tensor("rhs", 128, 128, DataFormat::kBfloat16, 0, 1, 2),
                                  tensor("out", 128, 128, DataFormat::kBfloat16, 0, 0, 0)};
    auto run = run_both("examples/eltwise_add/emitted/ttlang_kernel_add_compute_35170be0_runner.py",
                        package("tests/golden/package/eltwise_add/kernels"), t);
    std::vector<double> want(t[0].values.size());
    for (size_t i = 0; i < want.size(); ++i) want[i] = double{t[0].values[i]} + t[1].values[i];
    expect_close(output_of(run, 2, t[2]), want, kBf16, 0);
}

TEST(WholeProgram, Matmul) {
    std::vector<TensorInput> t = {tensor("a", 64, 128, DataFormat::kBfloat16, -1, 1, 3),
                                  tensor("b", 128, 64, DataFormat::kBfloat16, -1, 1, 4),
                                  tensor("out", 64, 64, DataFormat::kBfloat16, 0, 0, 0)};
    auto run = run_both("examples/matmul/emitted/ttlang_kernel_mm_compute_b7b9bf49_runner.py",
                        package("tests/golden/package/matmul/kernels"), t);
    std::vector<double> want(64 * 64);
    for (size_t r = 0; r < 64; ++r) {
        for (size_t c = 0; c < 64; ++c) {
            double s = 0;
            for (size_t k = 0; k < 128; ++k) s += double{t[0].values[r * 128 + k]} * t[1].values[k * 64 + c];
            want[r * 64 + c] = s;
        }
    }
    // float32 accumulation of 128 products, then one bfloat16 rounding.
    expect_close(output_of(run, 2, t[2]), want, kBf16, 1e-4);
}

TEST(WholeProgram, Relu) {
    std::vector<TensorInput> t = {tensor("x", 64, 128, DataFormat::kBfloat16, -2, 2, 5),
                                  tensor("out", 64, 128, DataFormat::kBfloat16, 0, 0, 0)};
    auto run = run_both("examples/relu/emitted/ttlang_kernel_relu_compute_5d0c2a91_runner.py",
                        package("tests/golden/package/relu/kernels"), t);
    std::vector<double> want(t[0].values.size());
    for (size_t i = 0; i < want.size(); ++i) want[i] = std::max(0.0, double{t[0].values[i]});
    expect_close(output_of(run, 1, t[1]), want, 0, 0);  // exact
}

TEST(WholeProgram, SiluMul) {
    std::vector<TensorInput> t = {tensor("x", 32, 256, DataFormat::kBfloat16, -3, 3, 6),
                                  tensor("gate", 32, 256, DataFormat::kBfloat16, -1, 1, 7),
                                  tensor("out", 32, 256, DataFormat::kBfloat16, 0, 0, 0)};
    auto run = run_both("examples/silu_mul/emitted/ttlang_kernel_fused_compute_94f83b46_runner.py",
                        package("tests/golden/package/silu_mul/kernels"), t);
    std::vector<double> want(t[0].values.size());
    for (size_t i = 0; i < want.size(); ++i) {
        double x = t[0].values[i];
        want[i] = x / (1 + std::exp(-x)) * t[1].values[i];
    }
    expect_close(output_of(run, 2, t[2]), want, kBf16, 1e-6);
}

TEST(WholeProgram, ExpFloat32) {
    std::vector<TensorInput> t = {tensor("x", 32, 96, DataFormat::kFloat32, -2, 2, 8),
                                  tensor("out", 32, 96, DataFormat::kFloat32, 0, 0, 0)};
    auto run = run_both("examples/exp_f32/emitted/ttlang_kernel_exp_compute_9f16faf2_runner.py",
                        package("tests/golden/package/exp_f32/kernels"), t);
    std::vector<double> want(t[0].values.size());
    for (size_t i = 0; i < want.size(); ++i) want[i] = std::exp(double{t[0].values[i]});
    expect_close(output_of(run, 1, t[1]), want, 1e-6, 0);  // float32 std::exp: within a few ulp
}

TEST(WholeProgram, TwoKernelsInSequence) {
    TensorInput x = tensor("x", 32, 128, DataFormat::kBfloat16, 0, 1, 9);
    TensorInput y = tensor("y", 32, 128, DataFormat::kBfloat16, 0, 0, 0);
    auto first = run_both("examples/two_kernels/emitted/ttlang_kernel_double_compute_fb9925bd_runner.py",
                          package("tests/golden/package/two_kernels/kernels/double_it"), {x, y});
    y.values = output_of(first, 1, y);
    TensorInput bias = tensor("bias", 32, 128, DataFormat::kBfloat16, 0, 1, 10);
    TensorInput z = tensor("z", 32, 128, DataFormat::kBfloat16, 0, 0, 0);
    auto second = run_both("examples/two_kernels/emitted/ttlang_kernel_bias_compute_9f8a8957_runner.py",
                           package("tests/golden/package/two_kernels/kernels/add_bias"), {y, bias, z});
    std::vector<double> want(x.values.size());
    for (size_t i = 0; i < want.size(); ++i) want[i] = 2.0 * x.values[i] + bias.values[i];
    expect_close(output_of(second, 2, z), want, 2 * kBf16, 0);
}

}  // namespace
}  // namespace ttl::test
