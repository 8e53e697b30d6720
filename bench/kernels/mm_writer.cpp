// Multi-core matmul writer: stores this core's output tiles.
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
    constexpr uint32_t cb_out = get_compile_time_arg_val(2);
    constexpr auto out_args = TensorAccessorArgs<8>();
    const auto out = TensorAccessor(out_args, get_common_arg_val<uint32_t>(0), get_tile_size(cb_out));
    uint32_t first = get_arg_val<uint32_t>(0);
    uint32_t count = get_arg_val<uint32_t>(1);
    for (uint32_t tile = first; tile < first + count; ++tile) {
        cb_wait_front(cb_out, 1);
        noc_async_write_tile(tile, out, get_read_ptr(cb_out));
        noc_async_write_barrier();
        cb_pop_front(cb_out, 1);
    }
}
