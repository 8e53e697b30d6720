// relu_compute
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
    int32_t v1 = 1;
    size_t v2 = 2;
    size_t v3 = 4;
    size_t v4 = 1;
    size_t v5 = 0;
    experimental::CircularBuffer cb_ctarg_1(get_compile_time_arg_val(1));
    experimental::CircularBuffer cb_ctarg_0(get_compile_time_arg_val(0));
    for (size_t i6 = v5; i6 < v2; i6 += v4) {
        for (size_t j7 = v5; j7 < v3; j7 += v4) {
            cb_ctarg_0.wait_front(v1);
            cb_ctarg_1.reserve_back(v1);
            init_sfpu(get_compile_time_arg_val(0), get_compile_time_arg_val(1));
            tile_regs_acquire();
            copy_tile_init(get_compile_time_arg_val(0));
            copy_tile(get_compile_time_arg_val(0), v5, v5);
            relu_tile_init();
            relu_tile(v5);
            tile_regs_commit();
            tile_regs_wait();
            pack_tile<true>(v5, get_compile_time_arg_val(1), v5);
            tile_regs_release();
            cb_ctarg_1.push_back(v1);
            cb_ctarg_0.pop_front(v1);
        }
    }
    return;
}
