// Single-core elementwise writer.
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
    constexpr auto out_args = TensorAccessorArgs<5>();
    const auto out = TensorAccessor(out_args, get_common_arg_val<uint32_t>(0), get_tile_size(2));
    uint32_t n = get_arg_val<uint32_t>(0);
    for (uint32_t t = 0; t < n; ++t) {
        cb_wait_front(2, 1);
        noc_async_write_tile(t, out, get_read_ptr(2));
        noc_async_write_barrier();
        cb_pop_front(2, 1);
    }
}
