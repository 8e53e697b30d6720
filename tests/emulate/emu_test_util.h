// Helpers for the emulator tests: a kernel cache shared by the test run, deterministic inputs,
// and running an example's emitted runner with either the compiler's or the exported kernels.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "emulate/program_from_runner.h"
#include "emulate/runtime.h"

namespace ttl::test {

/// Build options with the test run's kernel cache (in the build tree).
emu::BuildOptions emu_build_options();

/// `count` values uniform in [lo, hi), rounded to `format`, from a fixed seed.
std::vector<float> random_values(size_t count, float lo, float hi, emu::DataFormat format, unsigned seed);

/// Runs an example's emitted runner (`examples/<name>/emitted/<runner>`) on `tensors`, with the
/// emitted kernels (`package_kernels` empty) or with the package's kernels (paths relative to
/// the source tree, in KERNEL_PATHS order). Fails the test on a run error.
emu::RunResult run_example(const std::string& runner, const std::vector<std::string>& package_kernels,
                           const std::vector<emu::TensorInput>& tensors);

/// Output values of buffer `index` of a run, untiled.
std::vector<float> output_of(const emu::RunResult& run, size_t index, const emu::TensorInput& shape);

/// A small program from kernel texts: reader/compute/writer on one core with the given CBs
/// and buffers; each text is written to a temporary file named after its role.
struct MiniProgram {
    std::string reader;
    std::string compute;
    std::string writer;
    std::vector<emu::CbSpec> cbs;
    std::vector<emu::BufferSpec> buffers;
    std::vector<uint32_t> reader_args;   ///< common runtime args
    std::vector<uint32_t> writer_args;
    std::vector<uint32_t> compute_args;
    emu::ComputeConfig compute_config;
};
emu::RunResult run_mini(const MiniProgram& p, const std::string& dir);

}  // namespace ttl::test
