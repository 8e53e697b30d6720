// dm_write: writer thread of TT-Lang kernel double_it (shared_names.py, line 31).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t y_cb = get_compile_time_arg_val(1);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t n = 4;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t y_arg = 0;
    for (size_t i = start; i < n; i += step) {  // for i in range(n)
        // with y_cb.wait() as b:
        cb_wait_front(y_cb, num_tiles);
        // ttl.copy(b, y[0, i]).wait()
        int32_t y_addr = get_common_arg_val<uint32_t>(y_arg);
        auto y_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 2>(), 0>();
        TensorAccessor y_accessor = TensorAccessor(y_args, y_addr, page_bytes);
        int32_t i_i32 = i;
        int32_t y_read_ptr = get_read_ptr(y_cb);
        noc_async_write_tile(i_i32, y_accessor, y_read_ptr);
        noc_async_write_barrier();
        cb_pop_front(y_cb, num_tiles);
    }
    return;
}

