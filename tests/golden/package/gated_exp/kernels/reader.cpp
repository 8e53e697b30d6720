// gate_read: reader thread of TT-Lang kernel gated_exp (gated_exp.py, line 34).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "api/dataflow/dataflow_api.h"
#include "experimental/circular_buffer.h"
void kernel_main() {
    constexpr uint32_t x_cb_id = get_compile_time_arg_val(0);
    constexpr uint32_t g_cb_id = get_compile_time_arg_val(1);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t loop_end = 4;
    constexpr size_t two_sz = 2;
    constexpr size_t stride = 2;
    constexpr size_t step = 1;
    constexpr size_t x_arg = 1;
    constexpr size_t start = 0;
    constexpr size_t g_arg = 0;
    experimental::CircularBuffer g_cb(g_cb_id);
    experimental::CircularBuffer x_cb(x_cb_id);
    for (size_t t = start; t < loop_end; t += step) {  // for t in range(rows * cols)
        // with x_cb.reserve() as xv, g_cb.reserve() as gv:
        x_cb.reserve_back(num_tiles);
        g_cb.reserve_back(num_tiles);
        // both tiles of step t
        // tx = ttl.copy(x[t // cols, t % cols], xv)
        int32_t x_addr = get_common_arg_val<uint32_t>(x_arg);
        auto x_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 4>(), 1>();
        TensorAccessor x_accessor = TensorAccessor(x_args, x_addr, page_bytes);
        size_t t_div_two = t / two_sz;
        size_t t_mod_two = t % two_sz;
        size_t t_div_two_offset = t_div_two * stride;
        size_t t_div_two_offset_plus_t_mod_two = t_div_two_offset + t_mod_two;
        int32_t t_div_two_offset_plus_t_mod_two_i32 = t_div_two_offset_plus_t_mod_two;
        noc_async_read_tile(t_div_two_offset_plus_t_mod_two_i32, x_accessor, x_cb.get_write_ptr());
        // tg = ttl.copy(g[t // cols, t % cols], gv)
        int32_t g_addr = get_common_arg_val<uint32_t>(g_arg);
        auto g_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 4>(), 0>();
        TensorAccessor g_accessor = TensorAccessor(g_args, g_addr, page_bytes);
        noc_async_read_tile(t_div_two_offset_plus_t_mod_two_i32, g_accessor, g_cb.get_write_ptr());
        noc_async_read_barrier();
        g_cb.push_back(num_tiles);
        x_cb.push_back(num_tiles);
    }
    return;
}
