// mm_read: reader thread of TT-Lang kernel mm_relu (mm_relu.py, line 39).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t a_cb = get_compile_time_arg_val(0);
    constexpr uint32_t b_cb = get_compile_time_arg_val(1);

    constexpr int32_t unused_four = 4;
    constexpr int32_t page_bytes = 2048;
    constexpr int32_t num_tiles = 1;
    constexpr size_t Kt = 4;
    constexpr size_t stride = 4;
    constexpr size_t Mt = 2;
    constexpr size_t Nt = 2;
    constexpr size_t stride_sz = 2;
    constexpr size_t step = 1;
    constexpr size_t b_arg = 1;
    constexpr size_t start = 0;
    constexpr size_t a_arg = 0;
    for (size_t m = start; m < Mt; m += step) {  // for m in range(Mt)
        for (size_t n = start; n < Nt; n += step) {  // for n in range(Nt)
            for (size_t k = start; k < Kt; k += step) {  // for k in range(Kt)
                int32_t a_addr = get_common_arg_val<uint32_t>(a_arg);
                auto a_args = TensorAccessorArgs<4, 0>();
                TensorAccessor a_accessor = TensorAccessor(a_args, a_addr, page_bytes);
                int32_t b_addr = get_common_arg_val<uint32_t>(b_arg);
                auto b_args = TensorAccessorArgs<5, 1>();
                TensorAccessor b_accessor = TensorAccessor(b_args, b_addr, page_bytes);
                // with a_cb.reserve() as a_blk, b_cb.reserve() as b_blk:
                cb_reserve_back(a_cb, num_tiles);
                cb_reserve_back(b_cb, num_tiles);
                // tx_a = ttl.copy(a[m, k], a_blk)
                size_t m_offset = m * stride;
                size_t tile_index = m_offset + k;
                int32_t tile_index_i32 = tile_index;
                int32_t a_write_ptr = get_write_ptr(a_cb);
                noc_async_read_tile(tile_index_i32, a_accessor, a_write_ptr);
                // tx_b = ttl.copy(b[k, n], b_blk)
                size_t k_offset = k * stride_sz;
                size_t b_tile_index = k_offset + n;
                int32_t b_tile_index_i32 = b_tile_index;
                int32_t b_write_ptr = get_write_ptr(b_cb);
                noc_async_read_tile(b_tile_index_i32, b_accessor, b_write_ptr);
                noc_async_read_barrier();
                cb_push_back(b_cb, num_tiles);
                cb_push_back(a_cb, num_tiles);
            }
        }
    }
    return;
}

