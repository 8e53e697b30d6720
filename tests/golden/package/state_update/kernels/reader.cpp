// state_read: reader thread of TT-Lang kernel state_update (state_update.py, line 38).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t prev_cb = get_compile_time_arg_val(0);
    constexpr uint32_t upd_cb = get_compile_time_arg_val(1);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t ROWS = 4;
    constexpr size_t COLS = 4;
    constexpr size_t stride = 4;
    constexpr size_t step = 1;
    constexpr size_t Upd_arg = 1;
    constexpr size_t start = 0;
    constexpr size_t Prev_arg = 0;
    for (size_t row = start; row < ROWS; row += step) {  // for row in range(ROWS)
        for (size_t col = start; col < COLS; col += step) {  // for col in range(COLS)
            // with prev_cb.reserve() as p, upd_cb.reserve() as u:
            cb_reserve_back(prev_cb, num_tiles);
            cb_reserve_back(upd_cb, num_tiles);
            // tx_p = ttl.copy(Prev[row, col], p)
            int32_t Prev_addr = get_common_arg_val<uint32_t>(Prev_arg);
            auto Prev_args =
                TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 3>(), 0>();
            TensorAccessor Prev_accessor = TensorAccessor(Prev_args, Prev_addr, page_bytes);
            size_t row_offset = row * stride;
            size_t tile_index = row_offset + col;
            int32_t tile_index_i32 = tile_index;
            int32_t prev_write_ptr = get_write_ptr(prev_cb);
            noc_async_read_tile(tile_index_i32, Prev_accessor, prev_write_ptr);
            // tx_u = ttl.copy(Upd[row, col], u)
            int32_t Upd_addr = get_common_arg_val<uint32_t>(Upd_arg);
            auto Upd_args =
                TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 3>(), 1>();
            TensorAccessor Upd_accessor = TensorAccessor(Upd_args, Upd_addr, page_bytes);
            int32_t upd_write_ptr = get_write_ptr(upd_cb);
            noc_async_read_tile(tile_index_i32, Upd_accessor, upd_write_ptr);
            noc_async_read_barrier();
            cb_push_back(upd_cb, num_tiles);
            cb_push_back(prev_cb, num_tiles);
        }
    }
    return;
}

