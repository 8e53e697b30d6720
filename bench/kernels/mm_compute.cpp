// Multi-core matmul compute: one output tile per DST acquire, accumulating Kt products.
#include "api/compute/compute_kernel_api.h"
#include "api/compute/matmul.h"

void kernel_main() {
    constexpr uint32_t cb_a = get_compile_time_arg_val(0);
    constexpr uint32_t cb_b = get_compile_time_arg_val(1);
    constexpr uint32_t cb_out = get_compile_time_arg_val(2);
    constexpr uint32_t kt_count = get_compile_time_arg_val(4);
    uint32_t count = get_arg_val<uint32_t>(1);
    mm_init(cb_a, cb_b, cb_out);
    for (uint32_t i = 0; i < count; ++i) {
        tile_regs_acquire();
        for (uint32_t kt = 0; kt < kt_count; ++kt) {
            cb_wait_front(cb_a, 1);
            cb_wait_front(cb_b, 1);
            matmul_tiles(cb_a, cb_b, 0, 0, 0, false);
            cb_pop_front(cb_a, 1);
            cb_pop_front(cb_b, 1);
        }
        tile_regs_commit();
        tile_regs_wait();
        cb_reserve_back(cb_out, 1);
        pack_tile(0, cb_out);
        cb_push_back(cb_out, 1);
        tile_regs_release();
    }
}
