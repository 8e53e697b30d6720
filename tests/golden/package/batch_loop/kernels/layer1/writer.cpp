// l1_write: writer thread of TT-Lang kernel layer1 (batch_loop.py, line 38).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t h_cb = get_compile_time_arg_val(1);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t n = 4;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t h_arg = 0;
    for (size_t i = start; i < n; i += step) {  // for i in range(n)
        // with h_cb.wait() as b:
        cb_wait_front(h_cb, num_tiles);
        // ttl.copy(b, h[0, i]).wait()
        int32_t h_addr = get_common_arg_val<uint32_t>(h_arg);
        auto h_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 2>(), 0>();
        TensorAccessor h_accessor = TensorAccessor(h_args, h_addr, page_bytes);
        int32_t i_i32 = i;
        int32_t h_read_ptr = get_read_ptr(h_cb);
        noc_async_write_tile(i_i32, h_accessor, h_read_ptr);
        noc_async_write_barrier();
        cb_pop_front(h_cb, num_tiles);
    }
    return;
}

