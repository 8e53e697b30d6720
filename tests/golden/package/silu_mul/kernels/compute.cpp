// fused_compute: compute thread of TT-Lang kernel silu_mul (silu_mul.py, line 18).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "api/compile_time_args.h"
#include "api/compute/common.h"
#include "api/compute/eltwise_binary_sfpu.h"
#include "api/compute/eltwise_unary/activations.h"
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
    constexpr uint32_t gate_dfb_id = get_compile_time_arg_val(1);
    constexpr uint32_t out_dfb_id = get_compile_time_arg_val(2);

    constexpr int32_t num_tiles = 2;
    constexpr size_t n_blocks = 4;
    constexpr size_t step = 1;
    constexpr size_t tile_1 = 1;
    constexpr size_t dst_1 = 1;
    constexpr size_t start = 0;
    constexpr size_t tile_0 = 0;
    constexpr size_t dst_0 = 0;
    constexpr size_t dst_2 = 2;
    constexpr size_t dst_3 = 3;
    CircularBuffer out_dfb(out_dfb_id);
    CircularBuffer x_dfb(x_dfb_id);
    CircularBuffer gate_dfb(gate_dfb_id);
    for (size_t block = start; block < n_blocks; block += step) {  // for _ in range(n_blocks)
        // with x_dfb.wait() as xb, gate_dfb.wait() as gb, out_dfb.reserve() as ob:
        x_dfb.wait_front(num_tiles);
        gate_dfb.wait_front(num_tiles);
        out_dfb.reserve_back(num_tiles);
        // ob.store(tt.math.silu(xb) * gb)  # SFPU silu, then SFPU multiply
        init_sfpu(x_dfb_id, out_dfb_id);
        // Compute into the DST registers, then pack the result.
        tile_regs_acquire();
        copy_tile_init(x_dfb_id);
        copy_tile(x_dfb_id, tile_0, dst_0);
        copy_tile(x_dfb_id, tile_1, dst_1);
        copy_tile_init(gate_dfb_id);
        copy_tile(gate_dfb_id, tile_0, dst_2);
        copy_tile(gate_dfb_id, tile_1, dst_3);
        silu_tile_init();
        silu_tile(dst_0);
        silu_tile(dst_1);
        mul_binary_tile_init();
        mul_binary_tile(dst_0, dst_2, dst_0);
        mul_binary_tile(dst_1, dst_3, dst_1);
        tile_regs_commit();
        tile_regs_wait();
        pack_tile<true>(dst_0, out_dfb_id, tile_0);
        pack_tile<true>(dst_1, out_dfb_id, tile_1);
        tile_regs_release();
        out_dfb.push_back(num_tiles);
        gate_dfb.pop_front(num_tiles);
        x_dfb.pop_front(num_tiles);
    }
    return;
}

