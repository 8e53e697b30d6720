// Stage "emulate": the description of a TT-Metal program the CPU emulator runs, as plain data.
//
// It mirrors what `ttnn.generic_op` receives: kernels with their core ranges, compile-time
// args, defines, per-core and common runtime args and config; circular buffers with index,
// format, page size and total size on core ranges; semaphores; and the device buffers
// (interleaved tensors) the runtime args point at, with their contents.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "read/thread_role.h"

namespace ttl::emu {

/// Data formats the emulator stores (tt-metal's DataFormat values).
enum class DataFormat : uint32_t {
    kFloat32 = 0,
    kBfloat16 = 5,
    kInt32 = 8,
    kUInt16 = 9,
    kUInt8 = 10,
    kUInt32 = 11,
};

/// Bytes of one element; 0 for an unknown format.
uint32_t element_size(DataFormat format);
/// `bfloat16`, `float32`, `int32`, `uint16`, `uint8`, `uint32`.
const char* format_name(DataFormat format);
/// The format named like ttnn's dtypes (`bfloat16`, `float32`, ...), or nullopt.
std::optional<DataFormat> format_from_name(const std::string& name);

struct CoreCoord {
    uint32_t x = 0;
    uint32_t y = 0;
    auto operator<=>(const CoreCoord&) const = default;
};

/// An inclusive rectangle of logical cores.
struct CoreRange {
    CoreCoord start;
    CoreCoord end;
    bool contains(CoreCoord c) const { return c.x >= start.x && c.x <= end.x && c.y >= start.y && c.y <= end.y; }
};
using CoreRangeSet = std::vector<CoreRange>;
bool contains(const CoreRangeSet& set, CoreCoord c);

struct ComputeConfig {
    bool fp32_dest_acc_en = false;
    bool dst_full_sync_en = false;
    bool math_approx_mode = false;
    uint32_t math_fidelity = 4;  ///< HiFi4
};

struct KernelSpec {
    std::string source_path;  ///< the kernel file (as resolved by the caller)
    std::string source_code;  ///< the kernel text when given inline (source_path then only names it)
    ThreadRole kind = ThreadRole::kCompute;
    CoreRangeSet cores;
    std::vector<uint32_t> compile_time_args;
    std::vector<std::pair<std::string, std::string>> defines;
    std::map<CoreCoord, std::vector<uint32_t>> runtime_args;  ///< per core
    std::vector<uint32_t> common_runtime_args;
    ComputeConfig compute;  ///< for compute kernels
};

struct CbSpec {
    uint32_t index = 0;
    DataFormat format = DataFormat::kBfloat16;
    uint32_t page_size = 0;
    uint32_t total_size = 0;
    CoreRangeSet cores;
};

struct SemaphoreSpec {
    uint32_t id = 0;
    CoreRangeSet cores;
    uint32_t initial_value = 0;
};

/// An interleaved device buffer (a tensor): `size` bytes at `address` in the device address
/// space, one page per tile.
struct BufferSpec {
    std::string name;
    uint32_t address = 0;
    uint32_t size = 0;
    uint32_t page_size = 0;
    bool dram = true;
    std::vector<uint8_t> data;  ///< initial contents (empty: zeros)
};

struct Program {
    std::vector<KernelSpec> kernels;
    std::vector<CbSpec> cbs;
    std::vector<SemaphoreSpec> semaphores;
    std::vector<BufferSpec> buffers;
};

}  // namespace ttl::emu
