// Stage "read": the emitted runner (`..._runner.py`), read as Python source, not run.
//
// R1 (the standalone ttnn-only runner) is read directly: GRID_COLS, GRID_ROWS, NUM_TENSORS,
// KERNEL_PATHS, KERNEL_TENSOR_INDICES, CB_CONFIGS (with None entries), single- or
// double-quoted, Black-formatted or not. R2/R3 runners are lowered to the same shape when they
// use nothing a standalone R1-style runner cannot express; otherwise reading fails with a
// message that names the feature.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "read/thread_role.h"
#include "read/py_model.h"
#include "support/diagnostic.h"

namespace ttl {

/// One circular buffer of CB_CONFIGS; `present` is false for a `None` entry.
struct RunnerCb {
    bool present = false;
    int index = 0;
    bool shape_known = false;  ///< R1 gives (rows, cols); R2/R3 only a tile count
    int rows = 0;
    int cols = 0;
    int num_tiles = 0;  ///< tiles per block (rows * cols when the shape is known)
    int block_count = 0;
    std::string dtype;  ///< `bfloat16`, `float32`, ... (without `ttnn.`)
    int page_size = 0;
    int total_size = 0;
    uint32_t line = 0;
};

struct RunnerKernel {
    std::string path;  ///< as written in KERNEL_PATHS
    std::string thread;  ///< thread function name from `ttlang_kernel_<thread>_<hash>.cpp`
    std::string hash;  ///< the 8 hex digits, empty when the name has another form
    ThreadRole role = ThreadRole::kCompute;  ///< "compute"; the first "noc" reads, the second writes
    uint32_t line = 0;
};

struct RunnerModel {
    std::string path;
    std::string format;  ///< "R1", "R2" or "R3"
    std::string quoting;  ///< "single" or "double" (from KERNEL_PATHS)
    int grid_cols = 0;
    int grid_rows = 0;
    int num_tensors = 0;
    std::vector<RunnerKernel> kernels;
    std::vector<std::vector<int>> tensor_indices;  ///< per kernel, in KERNEL_PATHS order
    std::vector<RunnerCb> cbs;  ///< indexed by CB index
};

/// Reads a runner; errors name the missing or malformed constant, or the unsupported feature.
std::optional<RunnerModel> read_runner(std::shared_ptr<const SourceFile> source, Diagnostics& diagnostics);
std::optional<RunnerModel> read_runner_text(const std::string& name, const std::string& text, Diagnostics& diagnostics);

/// Splits `ttlang_kernel_<thread>_<8 hex>.cpp` (any directory) into thread and hash; returns
/// false for other names.
bool parse_kernel_file_name(const std::string& path, std::string& thread, std::string& hash);

/// True when the text looks like an emitted runner (it assigns KERNEL_PATHS).
bool looks_like_runner(const std::string& text);

std::string dump_runner(const RunnerModel& runner);

}  // namespace ttl
