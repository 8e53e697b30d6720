// exp_compute
#include <cstdint>
#include "api/compile_time_args.h"
#include "api/compute/common.h"
#include "api/compute/pack.h"
#include "api/compute/reg_api.h"
#include "api/compute/tile_move_copy.h"
#include "api/compute/eltwise_unary/exp.h"
#include "api/dataflow/circular_buffer.h"
void kernel_main() {
  int32_t v1 = 2;
  int32_t v2 = 0;
  int32_t v3 = 1;
  CircularBuffer cb_ctarg_0(get_compile_time_arg_val(0));
  CircularBuffer cb_ctarg_1(get_compile_time_arg_val(1));
  init_sfpu(get_compile_time_arg_val(0), get_compile_time_arg_val(1));
  for (int32_t i4 = v2; i4 < v1; i4 += v3) {
    cb_ctarg_0.wait_front(v3);
    cb_ctarg_1.reserve_back(v3);
    tile_regs_acquire();
    copy_tile_init(get_compile_time_arg_val(0));
    copy_tile(get_compile_time_arg_val(0), 0, 0);
    exp_tile_init();
    exp_tile(0);
    tile_regs_commit();
    tile_regs_wait();
    pack_tile<true>(0, get_compile_time_arg_val(1), 0);
    tile_regs_release();
    cb_ctarg_1.push_back(v3);
    cb_ctarg_0.pop_front(v3);
  }
  return;
}
