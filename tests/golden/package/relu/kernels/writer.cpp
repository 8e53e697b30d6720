// relu_write: writer thread of TT-Lang kernel relu_kernel (test_relu.py, line 31).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "api/dataflow/dataflow_api.h"
#include "experimental/circular_buffer.h"
void kernel_main() {
    constexpr uint32_t out_cb_id = get_compile_time_arg_val(1);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t rows = 2;
    constexpr size_t cols = 4;
    constexpr size_t stride = 4;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t out_arg = 0;
    constexpr int32_t unused_zero = 0;
    experimental::CircularBuffer out_cb(out_cb_id);
    for (size_t r = start; r < rows; r += step) {  // for r in range(rows)
        for (size_t c = start; c < cols; c += step) {  // for c in range(cols)
            // with out_cb.wait() as ob:
            out_cb.wait_front(num_tiles);
            // ttl.copy(ob, out[r, c]).wait()
            int32_t out_addr = get_common_arg_val<uint32_t>(out_arg);
            auto out_args =
                TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 2>(), 0>();
            TensorAccessor out_accessor = TensorAccessor(out_args, out_addr, page_bytes);
            size_t r_offset = r * stride;
            size_t tile_index = r_offset + c;
            int32_t tile_index_i32 = tile_index;
            noc_async_write_tile(tile_index_i32, out_accessor, out_cb.get_read_ptr());
            noc_async_write_barrier();
            out_cb.pop_front(num_tiles);
        }
    }
    return;
}
