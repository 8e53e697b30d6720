// gate_compute
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
    int32_t v1 = 1;
    size_t v2 = 4;
    size_t v3 = 1;
    size_t v4 = 0;
    experimental::CircularBuffer cb_ctarg_3(get_compile_time_arg_val(3));
    experimental::CircularBuffer cb_ctarg_2(get_compile_time_arg_val(2));
    experimental::CircularBuffer cb_ctarg_1(get_compile_time_arg_val(1));
    experimental::CircularBuffer cb_ctarg_0(get_compile_time_arg_val(0));
    for (size_t i5 = v4; i5 < v2; i5 += v3) {
        cb_ctarg_0.wait_front(v1);
        cb_ctarg_2.reserve_back(v1);
        init_sfpu(get_compile_time_arg_val(0), get_compile_time_arg_val(2));
        tile_regs_acquire();
        copy_tile_init(get_compile_time_arg_val(0));
        copy_tile(get_compile_time_arg_val(0), v4, v4);
        exp_tile_init();
        exp_tile(v4);
        tile_regs_commit();
        tile_regs_wait();
        pack_tile<true>(v4, get_compile_time_arg_val(2), v4);
        tile_regs_release();
        cb_ctarg_2.push_back(v1);
        cb_ctarg_0.pop_front(v1);
        cb_ctarg_2.wait_front(v1);
        cb_ctarg_1.wait_front(v1);
        cb_ctarg_3.reserve_back(v1);
        binary_op_init_common(
            get_compile_time_arg_val(2), get_compile_time_arg_val(1), get_compile_time_arg_val(3));
        tile_regs_acquire();
        mul_tiles_init(get_compile_time_arg_val(2), get_compile_time_arg_val(1));
        mul_tiles(get_compile_time_arg_val(2), get_compile_time_arg_val(1), v4, v4, v4);
        tile_regs_commit();
        tile_regs_wait();
        pack_tile<true>(v4, get_compile_time_arg_val(3), v4);
        tile_regs_release();
        cb_ctarg_3.push_back(v1);
        cb_ctarg_1.pop_front(v1);
        cb_ctarg_2.pop_front(v1);
    }
    return;
}
