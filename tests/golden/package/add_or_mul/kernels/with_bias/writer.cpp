// dm_write: writer thread of TT-Lang kernel with_bias (add_or_mul.py, line 33).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t z_cb = get_compile_time_arg_val(2);

    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t n = 4;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t z_arg = 0;
    for (size_t i = start; i < n; i += step) {  // for i in range(n)
        // with z_cb.wait() as c:
        cb_wait_front(z_cb, num_tiles);
        // ttl.copy(c, z[0, i]).wait()
        int32_t z_addr = get_common_arg_val<uint32_t>(z_arg);
        auto z_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<2, 3>(), 0>();
        TensorAccessor z_accessor = TensorAccessor(z_args, z_addr, page_bytes);
        int32_t i_i32 = i;
        int32_t z_read_ptr = get_read_ptr(z_cb);
        noc_async_write_tile(i_i32, z_accessor, z_read_ptr);
        noc_async_write_barrier();
        cb_pop_front(z_cb, num_tiles);
    }
    return;
}

