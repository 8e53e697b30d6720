// relu_compute: compute thread of TT-Lang kernel relu_kernel (test_relu.py, line 17).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "api/compute/common.h"
#include "api/compute/eltwise_unary/eltwise_unary.h"
#include "api/compute/eltwise_unary/relu.h"
#include "api/compute/pack.h"
#include "api/compute/reg_api.h"
#include "api/compute/tile_move_copy.h"
#include "experimental/circular_buffer.h"
inline uint32_t float_to_bits(const float f) {
    uint32_t r;
    __builtin_memcpy(&r, &f, sizeof(r));
    return r;
}
#ifndef INFINITY
#define INFINITY __builtin_inff()
#endif
void kernel_main() {
    constexpr uint32_t x_cb_id = get_compile_time_arg_val(0);
    constexpr uint32_t out_cb_id = get_compile_time_arg_val(1);

    constexpr int32_t num_tiles = 1;
    constexpr size_t rows = 2;
    constexpr size_t cols = 4;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t tile_0 = 0;
    constexpr size_t dst_0 = 0;
    experimental::CircularBuffer out_cb(out_cb_id);
    experimental::CircularBuffer x_cb(x_cb_id);
    for (size_t r_2 = start; r_2 < rows; r_2 += step) {  // for r in range(rows)
        for (size_t c = start; c < cols; c += step) {  // for c in range(cols)
            // with x_cb.wait() as xb, out_cb.reserve() as ob:
            x_cb.wait_front(num_tiles);
            out_cb.reserve_back(num_tiles);
            // ob.store(ttl.math.relu(xb))
            init_sfpu(x_cb_id, out_cb_id);
            // Compute into the DST registers, then pack the result.
            tile_regs_acquire();
            copy_tile_init(x_cb_id);
            copy_tile(x_cb_id, tile_0, dst_0);
            relu_tile_init();
            relu_tile(dst_0);
            tile_regs_commit();
            tile_regs_wait();
            pack_tile<true>(dst_0, out_cb_id, tile_0);
            tile_regs_release();
            out_cb.push_back(num_tiles);
            x_cb.pop_front(num_tiles);
        }
    }
    return;
}
