// exp_compute: compute thread of TT-Lang kernel exp_kernel (exp_f32.py, line 15).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "api/compile_time_args.h"
#include "api/compute/common.h"
#include "api/compute/eltwise_unary/exp.h"
#include "api/compute/pack.h"
#include "api/compute/reg_api.h"
#include "api/compute/tile_move_copy.h"
#include "api/dataflow/circular_buffer.h"
inline uint32_t float_to_bits(const float f) { uint32_t r; __builtin_memcpy(&r, &f, sizeof(r)); return r; }
#ifndef INFINITY
#define INFINITY __builtin_inff()
#endif
void kernel_main() {
    constexpr uint32_t x_dfb_id = get_compile_time_arg_val(0);
    constexpr uint32_t out_dfb_id = get_compile_time_arg_val(1);

    constexpr int32_t num_tiles = 1;
    constexpr size_t n_tiles = 3;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t tile_0 = 0;
    constexpr size_t dst_0 = 0;
    CircularBuffer out_dfb(out_dfb_id);
    CircularBuffer x_dfb(x_dfb_id);
    for (size_t tile = start; tile < n_tiles; tile += step) {  // for _ in range(n_tiles)
        // with x_dfb.wait() as xb, out_dfb.reserve() as ob:
        x_dfb.wait_front(num_tiles);
        out_dfb.reserve_back(num_tiles);
        // ob.store(ttl.math.exp(xb))
        init_sfpu(x_dfb_id, out_dfb_id);
        // Compute into the DST registers, then pack the result.
        tile_regs_acquire();
        copy_tile_init(x_dfb_id);
        copy_tile(x_dfb_id, tile_0, dst_0);
        exp_tile_init();
        exp_tile(dst_0);
        tile_regs_commit();
        tile_regs_wait();
        pack_tile<true>(dst_0, out_dfb_id, tile_0);
        tile_regs_release();
        out_dfb.push_back(num_tiles);
        x_dfb.pop_front(num_tiles);
    }
    return;
}

