// fused_compute
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
  int32_t v1 = 2;
  size_t v2 = 4;
  size_t v3 = 1;
  size_t v4 = 0;
  size_t v5 = 2;
  size_t v6 = 3;
  CircularBuffer cb_ctarg_2(get_compile_time_arg_val(2));
  CircularBuffer cb_ctarg_0(get_compile_time_arg_val(0));
  CircularBuffer cb_ctarg_1(get_compile_time_arg_val(1));
  for (size_t i7 = v4; i7 < v2; i7 += v3) {
    cb_ctarg_0.wait_front(v1);
    cb_ctarg_1.wait_front(v1);
    cb_ctarg_2.reserve_back(v1);
    init_sfpu(get_compile_time_arg_val(0), get_compile_time_arg_val(2));
    tile_regs_acquire();
    copy_tile_init(get_compile_time_arg_val(0));
    copy_tile(get_compile_time_arg_val(0), v4, v4);
    copy_tile(get_compile_time_arg_val(0), v3, v3);
    copy_tile_init(get_compile_time_arg_val(1));
    copy_tile(get_compile_time_arg_val(1), v4, v5);
    copy_tile(get_compile_time_arg_val(1), v3, v6);
    silu_tile_init();
    silu_tile(v4);
    silu_tile(v3);
    mul_binary_tile_init();
    mul_binary_tile(v4, v5, v4);
    mul_binary_tile(v3, v6, v3);
    tile_regs_commit();
    tile_regs_wait();
    pack_tile<true>(v4, get_compile_time_arg_val(2), v4);
    pack_tile<true>(v3, get_compile_time_arg_val(2), v3);
    tile_regs_release();
    cb_ctarg_2.push_back(v1);
    cb_ctarg_1.pop_front(v1);
    cb_ctarg_0.pop_front(v1);
  }
  return;
}

