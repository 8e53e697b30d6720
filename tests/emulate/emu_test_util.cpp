#include "emulate/emu_test_util.h"

#include <filesystem>
#include <random>

#include <gtest/gtest.h>

#include "emulate/tensor_layout.h"
#include "emulate/tile_math.h"
#include "read/runner_model.h"
#include "support/file_io.h"
#include "test_util.h"

namespace ttl::test {

emu::BuildOptions emu_build_options() {
    emu::BuildOptions options;
    options.cache_dir = kernel_cache();
    options.include_dir = source_path("emu/include");
    return options;
}

std::vector<float> random_values(size_t count, float lo, float hi, emu::DataFormat format, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(lo, hi);
    std::vector<float> out(count);
    for (float& v : out) v = emu::round_to_format(format, dist(rng));
    return out;
}

emu::RunResult run_example(const std::string& runner, const std::vector<std::string>& package_kernels,
                           const std::vector<emu::TensorInput>& tensors) {
    Diagnostics d;
    std::string runner_path = source_path(runner);
    auto model = read_runner_text(runner_path, read_file(runner_path), d);
    EXPECT_TRUE(model) << d.render_all();
    if (!model) return {};
    std::vector<std::string> kernels;
    for (size_t i = 0; i < model->kernels.size(); ++i) {
        if (package_kernels.empty()) {
            kernels.push_back(std::filesystem::path(runner_path).parent_path() /
                              std::filesystem::path(model->kernels[i].path).filename());
        } else {
            kernels.push_back(source_path(package_kernels[i]));
        }
    }
    std::string error;
    auto program = emu::program_from_runner(*model, kernels, tensors, error);
    EXPECT_TRUE(program) << error;
    if (!program) return {};
    emu::RunOptions options;
    options.build = emu_build_options();
    emu::RunResult r = emu::run_program(*program, options);
    EXPECT_TRUE(r.ok) << r.error;
    return r;
}

std::vector<float> output_of(const emu::RunResult& run, size_t index, const emu::TensorInput& shape) {
    if (index >= run.buffers.size()) return {};
    return emu::untilize(run.buffers[index].data, shape.rows, shape.cols, shape.format);
}

emu::RunResult run_mini(const MiniProgram& p, const std::string& dir) {
    emu::Program program;
    emu::CoreRangeSet core = {emu::CoreRange{{0, 0}, {0, 0}}};
    auto add = [&](const std::string& text, ThreadRole kind, const char* name, const std::vector<uint32_t>& args) {
        if (text.empty()) return;
        std::string path = dir + "/" + name;
        write_file(path, text);
        emu::KernelSpec k;
        k.source_path = path;
        k.kind = kind;
        k.cores = core;
        for (const emu::CbSpec& cb : p.cbs) k.compile_time_args.push_back(cb.index);
        for (const emu::BufferSpec& b : p.buffers) k.compile_time_args.push_back(b.dram ? 2 : 0);
        k.common_runtime_args = args;
        k.compute = p.compute_config;
        program.kernels.push_back(std::move(k));
    };
    add(p.reader, ThreadRole::kReader, "reader.cpp", p.reader_args);
    add(p.compute, ThreadRole::kCompute, "compute.cpp", p.compute_args);
    add(p.writer, ThreadRole::kWriter, "writer.cpp", p.writer_args);
    program.cbs = p.cbs;
    for (emu::CbSpec& cb : program.cbs) cb.cores = core;
    program.buffers = p.buffers;
    emu::RunOptions options;
    options.build = emu_build_options();
    options.timeout_seconds = 60;
    return emu::run_program(program, options);
}

}  // namespace ttl::test
