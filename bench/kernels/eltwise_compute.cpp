// Single-core elementwise compute: out = a + b with the FPU, one tile at a time.
#include "api/compute/eltwise_binary.h"

void kernel_main() {
    uint32_t n = get_arg_val<uint32_t>(0);
    binary_op_init_common(0, 1, 2);
    add_tiles_init(0, 1);
    for (uint32_t t = 0; t < n; ++t) {
        cb_wait_front(0, 1);
        cb_wait_front(1, 1);
        tile_regs_acquire();
        add_tiles(0, 1, 0, 0, 0);
        tile_regs_commit();
        tile_regs_wait();
        cb_reserve_back(2, 1);
        pack_tile(0, 2);
        cb_push_back(2, 1);
        tile_regs_release();
        cb_pop_front(0, 1);
        cb_pop_front(1, 1);
    }
}
