// read_inputs: reader thread of TT-Lang kernel add_kernel (add.py, line 31).
// Reads tile (row, col) of lhs and rhs.
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t lhs_cb = get_compile_time_arg_val(0);
    constexpr uint32_t rhs_cb = get_compile_time_arg_val(1);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t rows = 4;
    constexpr size_t cols = 4;
    constexpr size_t stride = 4;
    constexpr size_t step = 1;
    constexpr size_t rhs_arg = 1;
    constexpr size_t start = 0;
    constexpr size_t lhs_arg = 0;
    for (size_t row = start; row < rows; row += step) {  // for row in range(rows)
        for (size_t col = start; col < cols; col += step) {  // for col in range(cols)
            // with lhs_cb.reserve() as l, rhs_cb.reserve() as r:
            cb_reserve_back(lhs_cb, num_tiles);
            cb_reserve_back(rhs_cb, num_tiles);
            // tx_l = ttl.copy(lhs[row, col], l)
            int32_t lhs_addr = get_common_arg_val<uint32_t>(lhs_arg);
            auto lhs_args =
                TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 3>(), 0>();
            TensorAccessor lhs_accessor = TensorAccessor(lhs_args, lhs_addr, page_bytes);
            size_t row_offset = row * stride;
            size_t tile_index = row_offset + col;
            int32_t tile_index_i32 = tile_index;
            int32_t lhs_write_ptr = get_write_ptr(lhs_cb);
            noc_async_read_tile(tile_index_i32, lhs_accessor, lhs_write_ptr);
            // tx_r = ttl.copy(rhs[row, col], r)
            int32_t rhs_addr = get_common_arg_val<uint32_t>(rhs_arg);
            auto rhs_args =
                TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 3>(), 1>();
            TensorAccessor rhs_accessor = TensorAccessor(rhs_args, rhs_addr, page_bytes);
            int32_t rhs_write_ptr = get_write_ptr(rhs_cb);
            noc_async_read_tile(tile_index_i32, rhs_accessor, rhs_write_ptr);
            noc_async_read_barrier();
            cb_push_back(rhs_cb, num_tiles);
            cb_push_back(lhs_cb, num_tiles);
        }
    }
    return;
}

