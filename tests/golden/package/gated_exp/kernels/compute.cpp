// gate_compute: compute thread of TT-Lang kernel gated_exp (gated_exp.py, line 18).
// Two groups per tile.
//
// First exp(x) into the intermediate e_cb, then the product with the gate into out_cb;
// the intermediate never leaves L1.
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "api/compute/common.h"
#include "api/compute/eltwise_binary.h"
#include "api/compute/eltwise_unary/eltwise_unary.h"
#include "api/compute/eltwise_unary/exp.h"
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
    constexpr uint32_t g_cb_id = get_compile_time_arg_val(1);
    constexpr uint32_t e_cb_id = get_compile_time_arg_val(2);
    constexpr uint32_t out_cb_id = get_compile_time_arg_val(3);

    constexpr int32_t num_tiles = 1;
    constexpr size_t loop_end = 4;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t tile_0 = 0;
    constexpr size_t dst_0 = 0;
    experimental::CircularBuffer out_cb(out_cb_id);
    experimental::CircularBuffer e_cb(e_cb_id);
    experimental::CircularBuffer g_cb(g_cb_id);
    experimental::CircularBuffer x_cb(x_cb_id);
    for (size_t iteration = start; iteration < loop_end; iteration += step) {  // for _ in range(rows * cols)
        // step 1: the exponential,
        // kept in its own buffer for the second step
        // with x_cb.wait() as xv, e_cb.reserve() as ev:
        x_cb.wait_front(num_tiles);
        e_cb.reserve_back(num_tiles);
        // ev.store(ttl.math.exp(xv))
        init_sfpu(x_cb_id, e_cb_id);
        // Compute into the DST registers, then pack the result.
        tile_regs_acquire();
        copy_tile_init(x_cb_id);
        copy_tile(x_cb_id, tile_0, dst_0);
        exp_tile_init();
        exp_tile(dst_0);
        tile_regs_commit();
        tile_regs_wait();
        pack_tile<true>(dst_0, e_cb_id, tile_0);
        tile_regs_release();
        e_cb.push_back(num_tiles);
        x_cb.pop_front(num_tiles);
        // step 2: gate it
        // with e_cb.wait() as ev2, g_cb.wait() as gv, out_cb.reserve() as ov:
        e_cb.wait_front(num_tiles);
        g_cb.wait_front(num_tiles);
        out_cb.reserve_back(num_tiles);
        // ov.store(ev2 * gv)  # FPU multiply
        binary_op_init_common(e_cb_id, g_cb_id, out_cb_id);
        tile_regs_acquire();
        mul_tiles_init(e_cb_id, g_cb_id);
        mul_tiles(e_cb_id, g_cb_id, tile_0, tile_0, dst_0);
        tile_regs_commit();
        tile_regs_wait();
        pack_tile<true>(dst_0, out_cb_id, tile_0);
        tile_regs_release();
        out_cb.push_back(num_tiles);
        g_cb.pop_front(num_tiles);
        e_cb.pop_front(num_tiles);
    }
    return;
}
