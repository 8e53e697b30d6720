// dm_read: reader thread of TT-Lang kernel product (add_or_mul.py, line 56).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t a_cb = get_compile_time_arg_val(0);
    constexpr uint32_t b_cb = get_compile_time_arg_val(1);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t rows = 4;
    constexpr size_t cols = 4;
    constexpr size_t stride = 4;
    constexpr size_t step = 1;
    constexpr size_t b_arg = 1;
    constexpr size_t start = 0;
    constexpr size_t a_arg = 0;
    for (size_t row = start; row < rows; row += step) {  // for row in range(rows)
        for (size_t col = start; col < cols; col += step) {  // for col in range(cols)
            // with a_cb.reserve() as x, b_cb.reserve() as y:
            cb_reserve_back(a_cb, num_tiles);
            cb_reserve_back(b_cb, num_tiles);
            // tx_x = ttl.copy(a[row, col], x)
            int32_t a_addr = get_common_arg_val<uint32_t>(a_arg);
            auto a_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 3>(), 0>();
            TensorAccessor a_accessor = TensorAccessor(a_args, a_addr, page_bytes);
            size_t row_offset = row * stride;
            size_t tile_index = row_offset + col;
            int32_t tile_index_i32 = tile_index;
            int32_t a_write_ptr = get_write_ptr(a_cb);
            noc_async_read_tile(tile_index_i32, a_accessor, a_write_ptr);
            // tx_y = ttl.copy(b[row, col], y)
            int32_t b_addr = get_common_arg_val<uint32_t>(b_arg);
            auto b_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 3>(), 1>();
            TensorAccessor b_accessor = TensorAccessor(b_args, b_addr, page_bytes);
            int32_t b_write_ptr = get_write_ptr(b_cb);
            noc_async_read_tile(tile_index_i32, b_accessor, b_write_ptr);
            noc_async_read_barrier();
            cb_push_back(b_cb, num_tiles);
            cb_push_back(a_cb, num_tiles);
        }
    }
    return;
}

