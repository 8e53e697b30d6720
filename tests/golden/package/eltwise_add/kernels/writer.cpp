// write_output: writer thread of TT-Lang kernel add_kernel (add.py, line 42).
// Writes tile (row, col) of the sum.
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t out_cb = get_compile_time_arg_val(2);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t rows = 4;
    constexpr size_t cols = 4;
    constexpr size_t stride = 4;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t out_arg = 0;
    constexpr int32_t unused_zero = 0;
    for (size_t row = start; row < rows; row += step) {  // for row in range(rows)
        for (size_t col = start; col < cols; col += step) {  // for col in range(cols)
            // with out_cb.wait() as o:
            cb_wait_front(out_cb, num_tiles);
            // tx = ttl.copy(o, out[row, col])
            int32_t out_addr = get_common_arg_val<uint32_t>(out_arg);
            auto out_args =
                TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<2, 3>(), 0>();
            TensorAccessor out_accessor = TensorAccessor(out_args, out_addr, page_bytes);
            size_t row_offset = row * stride;
            size_t tile_index = row_offset + col;
            int32_t tile_index_i32 = tile_index;
            int32_t out_read_ptr = get_read_ptr(out_cb);
            noc_async_write_tile(tile_index_i32, out_accessor, out_read_ptr);
            noc_async_write_barrier();
            cb_pop_front(out_cb, num_tiles);
        }
    }
    return;
}

