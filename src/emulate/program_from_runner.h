// Stage "emulate": the program an emitted R1 runner builds, without Python. It does what the
// runner's `run(tensors)` does with ttnn: one core range for the grid, one CB per CB_CONFIGS
// entry, compile-time args = CB indices (+ one TensorAccessorArgs word per tensor for
// data-movement kernels), common runtime args = the buffer addresses of each kernel's tensors.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emulate/program.h"
#include "read/runner_model.h"

namespace ttl::emu {

/// A tensor of the program: its values are tiled into a device buffer.
struct TensorInput {
    std::string name;
    DataFormat format = DataFormat::kBfloat16;
    uint32_t rows = 0;
    uint32_t cols = 0;
    std::vector<float> values;  ///< row-major; empty: zeros
    bool dram = true;
};

/// `kernel_files[i]` replaces KERNEL_PATHS[i] (the runner's paths are the compiler's /tmp files).
/// Buffers are placed from address 0x10000000 up, 64 KiB aligned. Fails with `error` when the
/// runner and the arguments disagree.
std::optional<Program> program_from_runner(const RunnerModel& runner, const std::vector<std::string>& kernel_files,
                                           const std::vector<TensorInput>& tensors, std::string& error);

}  // namespace ttl::emu
