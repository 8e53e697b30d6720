// dm_read: reader thread of TT-Lang kernel double_it (shared_names.py, line 25).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t x_cb = get_compile_time_arg_val(0);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t n = 4;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t x_arg = 0;
    for (size_t i = start; i < n; i += step) {  // for i in range(n)
        // with x_cb.reserve() as a:
        cb_reserve_back(x_cb, num_tiles);
        // ttl.copy(x[0, i], a).wait()
        int32_t x_addr = get_common_arg_val<uint32_t>(x_arg);
        auto x_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 2>(), 0>();
        TensorAccessor x_accessor = TensorAccessor(x_args, x_addr, page_bytes);
        int32_t i_i32 = i;
        int32_t x_write_ptr = get_write_ptr(x_cb);
        noc_async_read_tile(i_i32, x_accessor, x_write_ptr);
        noc_async_read_barrier();
        cb_push_back(x_cb, num_tiles);
    }
    return;
}

