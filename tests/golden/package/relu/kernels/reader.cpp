// relu_read: reader thread of TT-Lang kernel relu_kernel (test_relu.py, line 24).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "api/dataflow/dataflow_api.h"
#include "experimental/circular_buffer.h"
void kernel_main() {
    constexpr uint32_t x_cb_id = get_compile_time_arg_val(0);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t rows = 2;
    constexpr size_t cols = 4;
    constexpr size_t stride = 4;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t x_arg = 0;
    experimental::CircularBuffer x_cb(x_cb_id);
    for (size_t r = start; r < rows; r += step) {  // for r in range(rows)
        for (size_t c = start; c < cols; c += step) {  // for c in range(cols)
            // with x_cb.reserve() as xb:
            x_cb.reserve_back(num_tiles);
            // ttl.copy(x[r, c], xb).wait()
            int32_t x_addr = get_common_arg_val<uint32_t>(x_arg);
            auto x_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 2>(), 0>();
            TensorAccessor x_accessor = TensorAccessor(x_args, x_addr, page_bytes);
            size_t r_offset = r * stride;
            size_t tile_index = r_offset + c;
            int32_t tile_index_i32 = tile_index;
            noc_async_read_tile(tile_index_i32, x_accessor, x_cb.get_write_ptr());
            noc_async_read_barrier();
            x_cb.push_back(num_tiles);
        }
    }
    return;
}
