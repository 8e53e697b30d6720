// gate_write: writer thread of TT-Lang kernel gated_exp (gated_exp.py, line 44).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "api/dataflow/dataflow_api.h"
#include "experimental/circular_buffer.h"
void kernel_main() {
    constexpr uint32_t out_cb_id = get_compile_time_arg_val(3);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t loop_end = 4;
    constexpr size_t two_sz = 2;
    constexpr size_t stride = 2;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t out_arg = 0;
    experimental::CircularBuffer out_cb(out_cb_id);
    for (size_t t = start; t < loop_end; t += step) {  // for t in range(rows * cols)
        // with out_cb.wait() as ov:
        out_cb.wait_front(num_tiles);
        // ttl.copy(ov, out[t // cols, t % cols]).wait()
        int32_t out_addr = get_common_arg_val<uint32_t>(out_arg);
        auto out_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<2, 4>(), 0>();
        TensorAccessor out_accessor = TensorAccessor(out_args, out_addr, page_bytes);
        size_t t_div_two = t / two_sz;
        size_t t_mod_two = t % two_sz;
        size_t t_div_two_offset = t_div_two * stride;
        size_t t_div_two_offset_plus_t_mod_two = t_div_two_offset + t_mod_two;
        int32_t t_div_two_offset_plus_t_mod_two_i32 = t_div_two_offset_plus_t_mod_two;
        noc_async_write_tile(t_div_two_offset_plus_t_mod_two_i32, out_accessor, out_cb.get_read_ptr());
        noc_async_write_barrier();
        out_cb.pop_front(num_tiles);
    }
    return;
}
