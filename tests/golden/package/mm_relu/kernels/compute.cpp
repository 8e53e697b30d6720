// mm_compute: compute thread of TT-Lang kernel mm_relu (mm_relu.py, line 22).
// One output tile at a time.
//
// The product is accumulated over k in DST, packed to mm_cb, then read back for the relu.
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "llk_defs.h"
#include "compute_kernel_api/binary_max_min.h"
#include "compute_kernel_api/common.h"
#include "compute_kernel_api/matmul.h"
#include "compute_kernel_api/bcast.h"
#include "compute_kernel_api/tilize.h"
#include "compute_kernel_api/untilize.h"
#include "compute_kernel_api/transpose_wh.h"
#include "compute_kernel_api/eltwise_binary.h"
#include "compute_kernel_api/eltwise_binary_sfpu.h"
#include "compute_kernel_api.h"
#include "compute_kernel_api/tile_move_copy.h"
#include "compute_kernel_api/eltwise_unary/activations.h"
#include "compute_kernel_api/eltwise_unary/eltwise_unary.h"
#include "compute_kernel_api/eltwise_unary/exp.h"
#include "compute_kernel_api/eltwise_unary/sfpu_split_includes.h"
#include "compute_kernel_api/eltwise_unary/recip.h"
#include "compute_kernel_api/eltwise_unary/fill.h"
#include "compute_kernel_api/eltwise_unary/negative.h"
#include "compute_kernel_api/eltwise_unary/sqrt.h"
#include "compute_kernel_api/eltwise_unary/rounding.h"
#include "compute_kernel_api/eltwise_unary/trigonometry.h"
#include "compute_kernel_api/eltwise_unary/gelu.h"
#include "compute_kernel_api/eltwise_unary/erf_erfc.h"
#include "compute_kernel_api/eltwise_unary/logical_not_noti.h"
#include "compute_kernel_api/eltwise_unary/comp.h"
#include "compute_kernel_api/eltwise_unary/rsqrt.h"
#include "compute_kernel_api/eltwise_unary/typecast.h"
#include "compute_kernel_api/binary_bitwise_sfpu.h"
#include "compute_kernel_api/eltwise_unary/bitwise_not.h"
#include "compute_kernel_api/eltwise_unary/relu.h"
#include "compute_kernel_api/eltwise_unary/binop_with_scalar.h"
#include "compute_kernel_api/eltwise_unary/where.h"
inline uint32_t float_to_bits(float f) { uint32_t r; __builtin_memcpy(&r, &f, sizeof(r)); return r; }
#ifndef INFINITY
#define INFINITY __builtin_inff()
#endif
#define REDUCE_OP PoolType::SUM
#define REDUCE_DIM ReduceDim::REDUCE_COL
#include "compute_kernel_api/reduce.h"
namespace NAMESPACE {
void kernel_main() {
    constexpr uint32_t a_cb = get_compile_time_arg_val(0);
    constexpr uint32_t b_cb = get_compile_time_arg_val(1);
    constexpr uint32_t mm_cb = get_compile_time_arg_val(2);
    constexpr uint32_t out_cb = get_compile_time_arg_val(3);

    constexpr int32_t transpose = 0;
    constexpr int32_t num_tiles = 1;
    constexpr size_t Mt = 2;
    constexpr size_t Nt = 2;
    constexpr size_t Kt = 4;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t tile_0 = 0;
    constexpr size_t dst_0 = 0;
    for (size_t m = start; m < Mt; m += step) {  // for m in range(Mt)
        for (size_t n = start; n < Nt; n += step) {  // for n in range(Nt)
            // with mm_cb.reserve() as acc:
            cb_reserve_back(mm_cb, num_tiles);
            tile_regs_acquire();
            // accumulate a[m, k] @ b[k, n] over k in DST
            for (size_t k = start; k < Kt; k += step) {  // for k in range(Kt)
                // with a_cb.wait() as a_blk, b_cb.wait() as b_blk:
                cb_wait_front(a_cb, num_tiles);
                cb_wait_front(b_cb, num_tiles);
                // ttl.math.matmul(a_blk, b_blk, acc)
                mm_init_short(a_cb, b_cb, transpose);
                matmul_tiles(a_cb, b_cb, tile_0, tile_0, dst_0);
                cb_pop_front(b_cb, num_tiles);
                cb_pop_front(a_cb, num_tiles);
            }
            tile_regs_commit();
            tile_regs_wait();
            pack_tile<false>(dst_0, mm_cb, tile_0);
            tile_regs_release();
            cb_push_back(mm_cb, num_tiles);
            // the second group reads the product back
            // with mm_cb.wait() as p, out_cb.reserve() as o:
            cb_wait_front(mm_cb, num_tiles);
            cb_reserve_back(out_cb, num_tiles);
            // o.store(ttl.math.relu(p))  # SFPU relu
            init_sfpu(mm_cb, out_cb);
            // Compute into the DST registers, then pack the result.
            tile_regs_acquire();
            copy_tile_init(mm_cb);
            copy_tile(mm_cb, tile_0, dst_0);
            relu_tile_init();
            relu_tile(dst_0);
            tile_regs_commit();
            tile_regs_wait();
            pack_tile<true>(dst_0, out_cb, tile_0);
            tile_regs_release();
            cb_push_back(out_cb, num_tiles);
            cb_pop_front(mm_cb, num_tiles);
        }
    }
    return;
}
void MAIN { kernel_main(); }
}

