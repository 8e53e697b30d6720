// Single-core elementwise reader: tiles 0..N-1 (runtime arg 0) of two tensors into CBs 0, 1.
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
    constexpr auto a_args = TensorAccessorArgs<3>();
    constexpr auto b_args = TensorAccessorArgs<4>();
    const auto a = TensorAccessor(a_args, get_common_arg_val<uint32_t>(0), get_tile_size(0));
    const auto b = TensorAccessor(b_args, get_common_arg_val<uint32_t>(1), get_tile_size(1));
    uint32_t n = get_arg_val<uint32_t>(0);
    for (uint32_t t = 0; t < n; ++t) {
        cb_reserve_back(0, 1);
        cb_reserve_back(1, 1);
        noc_async_read_tile(t, a, get_write_ptr(0));
        noc_async_read_tile(t, b, get_write_ptr(1));
        noc_async_read_barrier();
        cb_push_back(0, 1);
        cb_push_back(1, 1);
    }
}
