// mm_write: writer thread of TT-Lang kernel mm_relu (mm_relu.py, line 50).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t out_cb = get_compile_time_arg_val(3);

    constexpr int32_t unused_six = 6;
    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t Mt = 2;
    constexpr size_t Nt = 2;
    constexpr size_t stride = 2;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t out_arg = 0;
    for (size_t m = start; m < Mt; m += step) {  // for m in range(Mt)
        for (size_t n = start; n < Nt; n += step) {  // for n in range(Nt)
            int32_t out_addr = get_common_arg_val<uint32_t>(out_arg);
            auto out_args = TensorAccessorArgs<6, 0>();
            TensorAccessor out_accessor = TensorAccessor(out_args, out_addr, page_bytes);
            // with out_cb.wait() as blk:
            cb_wait_front(out_cb, num_tiles);
            // tx = ttl.copy(blk, out[m, n])
            size_t m_offset = m * stride;
            size_t tile_index = m_offset + n;
            int32_t tile_index_i32 = tile_index;
            int32_t out_read_ptr = get_read_ptr(out_cb);
            noc_async_write_tile(tile_index_i32, out_accessor, out_read_ptr);
            noc_async_write_barrier();
            cb_pop_front(out_cb, num_tiles);
        }
    }
    return;
}

