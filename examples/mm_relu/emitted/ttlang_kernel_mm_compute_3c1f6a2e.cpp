// mm_compute
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
  int32_t v1 = 0;
  int32_t v2 = 1;
  size_t v3 = 2;
  size_t v4 = 4;
  size_t v5 = 1;
  size_t v6 = 0;
  for (size_t i7 = v6; i7 < v3; i7 += v5) {
    for (size_t j8 = v6; j8 < v3; j8 += v5) {
      cb_reserve_back(get_compile_time_arg_val(2), v2);
      tile_regs_acquire();
      for (size_t k9 = v6; k9 < v4; k9 += v5) {
        cb_wait_front(get_compile_time_arg_val(0), v2);
        cb_wait_front(get_compile_time_arg_val(1), v2);
        mm_init_short(get_compile_time_arg_val(0), get_compile_time_arg_val(1), v1);
        matmul_tiles(get_compile_time_arg_val(0), get_compile_time_arg_val(1), v6, v6, v6);
        cb_pop_front(get_compile_time_arg_val(1), v2);
        cb_pop_front(get_compile_time_arg_val(0), v2);
      }
      tile_regs_commit();
      tile_regs_wait();
      pack_tile<false>(v6, get_compile_time_arg_val(2), v6);
      tile_regs_release();
      cb_push_back(get_compile_time_arg_val(2), v2);
      cb_wait_front(get_compile_time_arg_val(2), v2);
      cb_reserve_back(get_compile_time_arg_val(3), v2);
      init_sfpu(get_compile_time_arg_val(2), get_compile_time_arg_val(3));
      tile_regs_acquire();
      copy_tile_init(get_compile_time_arg_val(2));
      copy_tile(get_compile_time_arg_val(2), v6, v6);
      relu_tile_init();
      relu_tile(v6);
      tile_regs_commit();
      tile_regs_wait();
      pack_tile<true>(v6, get_compile_time_arg_val(3), v6);
      tile_regs_release();
      cb_push_back(get_compile_time_arg_val(3), v2);
      cb_pop_front(get_compile_time_arg_val(2), v2);
    }
  }
  return;
}
void MAIN { kernel_main(); }
}

