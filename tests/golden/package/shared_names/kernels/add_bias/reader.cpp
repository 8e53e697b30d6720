// dm_read: reader thread of TT-Lang kernel add_bias (shared_names.py, line 52).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t y_cb = get_compile_time_arg_val(0);
    constexpr uint32_t bias_cb = get_compile_time_arg_val(1);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t n = 4;
    constexpr size_t step = 1;
    constexpr size_t y_arg = 1;
    constexpr size_t start = 0;
    constexpr size_t bias_arg = 0;
    for (size_t i = start; i < n; i += step) {  // for i in range(n)
        // with y_cb.reserve() as a, bias_cb.reserve() as b:
        cb_reserve_back(y_cb, num_tiles);
        cb_reserve_back(bias_cb, num_tiles);
        // ttl.copy(y[0, i], a).wait()
        int32_t y_addr = get_common_arg_val<uint32_t>(y_arg);
        auto y_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 3>(), 1>();
        TensorAccessor y_accessor = TensorAccessor(y_args, y_addr, page_bytes);
        int32_t i_i32 = i;
        int32_t y_write_ptr = get_write_ptr(y_cb);
        noc_async_read_tile(i_i32, y_accessor, y_write_ptr);
        // ttl.copy(bias[0, i], b).wait()
        int32_t bias_addr = get_common_arg_val<uint32_t>(bias_arg);
        auto bias_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 3>(), 0>();
        TensorAccessor bias_accessor = TensorAccessor(bias_args, bias_addr, page_bytes);
        int32_t bias_write_ptr = get_write_ptr(bias_cb);
        noc_async_read_tile(i_i32, bias_accessor, bias_write_ptr);
        noc_async_read_barrier();
        cb_push_back(bias_cb, num_tiles);
        cb_push_back(y_cb, num_tiles);
    }
    return;
}

