#include "support/api_names.h"

#include <algorithm>
#include <iterator>

namespace ttl {

namespace {

// Sorted for binary search; checked at compile time.
constexpr std::string_view kNames[] = {
    "ALWI", "BroadcastType", "CircularBuffer", "CoreLocalMem", "DPRINT", "DataFormat", "DataflowBuffer",
    "ENDL", "INFINITY", "InterleavedAddrGen", "InterleavedAddrGenFast", "MAIN", "MATH", "NAMESPACE", "NAN",
    "Noc", "PACK", "PoolType", "ReduceDim", "TensorAccessor", "TensorAccessorArgs", "UNPACK",
    "cb_pop_front", "cb_push_back", "cb_reserve_back", "cb_wait_front", "ckernel", "copy_tile", "dst",
    "experimental", "float_to_bits", "get_arg_val", "get_common_arg_val", "get_compile_time_arg_val",
    "get_dataformat", "get_read_ptr", "get_tile_size", "get_write_ptr", "int16_t", "int32_t", "int64_t",
    "int8_t", "kernel_main", "my_x", "my_y", "noc", "noc_async_read", "noc_async_read_barrier",
    "noc_async_read_tile", "noc_async_write", "noc_async_write_barrier", "noc_async_write_tile",
    "noc_index", "pack_tile", "ptrdiff_t", "size_t", "std", "tensor_accessor", "tile_regs_acquire",
    "tile_regs_commit", "tile_regs_release", "tile_regs_wait", "uint16_t", "uint32_t", "uint64_t",
    "uint8_t"};
static_assert(std::is_sorted(std::begin(kNames), std::end(kNames)));

}  // namespace

bool is_reserved_api_name(std::string_view name) {
    return std::binary_search(std::begin(kNames), std::end(kNames), name);
}

}  // namespace ttl
