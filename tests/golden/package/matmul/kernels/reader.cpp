// mm_read: reader thread of TT-Lang kernel matmul_kernel (matmul.py, line 31).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
    constexpr uint32_t a_cb = get_compile_time_arg_val(0);
    constexpr uint32_t b_cb = get_compile_time_arg_val(1);

    int32_t unused_three = 3;
    int32_t page_bytes = 2048;
    int32_t num_tiles = 1;
    size_t four = 4;
    size_t two = 2;
    size_t one = 1;
    size_t zero = 0;
    for (size_t m = zero; m < two; m += one) {  // for m in range(Mt)
        for (size_t n = zero; n < two; n += one) {  // for n in range(Nt)
            for (size_t k = zero; k < four; k += one) {  // for k in range(Kt)
                int32_t a_addr = get_common_arg_val<uint32_t>(zero);
                auto a_args = TensorAccessorArgs<3, 0>();
                TensorAccessor a_accessor = TensorAccessor(a_args, a_addr, page_bytes);
                int32_t b_addr = get_common_arg_val<uint32_t>(one);
                auto b_args = TensorAccessorArgs<4, 1>();
                TensorAccessor b_accessor = TensorAccessor(b_args, b_addr, page_bytes);
                cb_reserve_back(a_cb, num_tiles);
                cb_reserve_back(b_cb, num_tiles);
                size_t m_offset = m * four;
                size_t tile_index = m_offset + k;
                int32_t tile_index_i32 = tile_index;
                int32_t a_write_ptr = get_write_ptr(a_cb);
                noc_async_read_tile(tile_index_i32, a_accessor, a_write_ptr);
                size_t k_offset = k * two;
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

