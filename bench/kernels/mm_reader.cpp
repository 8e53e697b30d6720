// Multi-core matmul reader: for each of this core's output tiles (runtime args: first tile,
// tile count; compile-time: Mt, Kt, Nt after the CB indices), streams the Kt tiles of A's row
// and B's column into CBs 0 and 1.
#include "api/dataflow/dataflow_api.h"

void kernel_main() {
    constexpr uint32_t cb_a = get_compile_time_arg_val(0);
    constexpr uint32_t cb_b = get_compile_time_arg_val(1);
    constexpr uint32_t kt_count = get_compile_time_arg_val(4);
    constexpr uint32_t nt_count = get_compile_time_arg_val(5);
    constexpr auto a_args = TensorAccessorArgs<6>();
    constexpr auto b_args = TensorAccessorArgs<a_args.next_compile_time_args_offset()>();
    const auto a = TensorAccessor(a_args, get_common_arg_val<uint32_t>(0), get_tile_size(cb_a));
    const auto b = TensorAccessor(b_args, get_common_arg_val<uint32_t>(1), get_tile_size(cb_b));
    uint32_t first = get_arg_val<uint32_t>(0);
    uint32_t count = get_arg_val<uint32_t>(1);
    for (uint32_t tile = first; tile < first + count; ++tile) {
        uint32_t mt = tile / nt_count;
        uint32_t nt = tile % nt_count;
        for (uint32_t kt = 0; kt < kt_count; ++kt) {
            cb_reserve_back(cb_a, 1);
            noc_async_read_tile(mt * kt_count + kt, a, get_write_ptr(cb_a));
            cb_reserve_back(cb_b, 1);
            noc_async_read_tile(kt * nt_count + nt, b, get_write_ptr(cb_b));
            noc_async_read_barrier();
            cb_push_back(cb_a, 1);
            cb_push_back(cb_b, 1);
        }
    }
}
