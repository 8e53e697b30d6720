// gate_read: reader thread of TT-Lang kernel __gate_op (gate_smoke.py, line 59).
// Streams tile (row, col) of X and Y.
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t x_cb = get_compile_time_arg_val(0);
    constexpr uint32_t y_cb = get_compile_time_arg_val(1);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t ROWS = 4;
    constexpr size_t COLS = 4;
    constexpr size_t stride = 4;
    constexpr size_t step = 1;
    constexpr size_t Y_arg = 1;
    constexpr size_t start = 0;
    constexpr size_t X_arg = 0;
    for (size_t row = start; row < ROWS; row += step) {  // for row in range(ROWS)
        for (size_t col = start; col < COLS; col += step) {  // for col in range(COLS)
            // with x_cb.reserve() as x, y_cb.reserve() as y:
            cb_reserve_back(x_cb, num_tiles);
            cb_reserve_back(y_cb, num_tiles);
            // tx_x = ttl.copy(X[row, col], x)
            int32_t X_addr = get_common_arg_val<uint32_t>(X_arg);
            auto X_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 3>(), 0>();
            TensorAccessor X_accessor = TensorAccessor(X_args, X_addr, page_bytes);
            size_t row_offset = row * stride;
            size_t tile_index = row_offset + col;
            int32_t tile_index_i32 = tile_index;
            int32_t x_write_ptr = get_write_ptr(x_cb);
            noc_async_read_tile(tile_index_i32, X_accessor, x_write_ptr);
            // tx_y = ttl.copy(Y[row, col], y)
            int32_t Y_addr = get_common_arg_val<uint32_t>(Y_arg);
            auto Y_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 3>(), 1>();
            TensorAccessor Y_accessor = TensorAccessor(Y_args, Y_addr, page_bytes);
            int32_t y_write_ptr = get_write_ptr(y_cb);
            noc_async_read_tile(tile_index_i32, Y_accessor, y_write_ptr);
            noc_async_read_barrier();
            cb_push_back(y_cb, num_tiles);
            cb_push_back(x_cb, num_tiles);
        }
    }
    return;
}

