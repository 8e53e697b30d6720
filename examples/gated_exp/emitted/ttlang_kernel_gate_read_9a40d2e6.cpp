// gate_read
#include <cstdint>
#include "api/dataflow/dataflow_api.h"
#include "experimental/circular_buffer.h"
void kernel_main() {
    int32_t v1 = 2048;
    int32_t v2 = 1;
    size_t v3 = 4;
    size_t v4 = 2;
    size_t v5 = 1;
    size_t v6 = 0;
    experimental::CircularBuffer cb_ctarg_1(get_compile_time_arg_val(1));
    experimental::CircularBuffer cb_ctarg_0(get_compile_time_arg_val(0));
    for (size_t i7 = v6; i7 < v3; i7 += v5) {
        cb_ctarg_0.reserve_back(v2);
        cb_ctarg_1.reserve_back(v2);
        int32_t v8 = get_common_arg_val<uint32_t>(v5);
        auto tensor_accessor_args_52 =
            TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 4>(), 1>();
        TensorAccessor v9 = TensorAccessor(tensor_accessor_args_52, v8, v1);
        size_t v10 = i7 / v4;
        size_t v11 = i7 % v4;
        size_t v12 = v10 * v4;
        size_t v13 = v12 + v11;
        ptrdiff_t v14 = (ptrdiff_t)v13;
        int32_t v15 = (int32_t)v14;
        noc_async_read_tile(v15, v9, cb_ctarg_0.get_write_ptr());
        int32_t v16 = get_common_arg_val<uint32_t>(v6);
        auto tensor_accessor_args_61 =
            TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 4>(), 0>();
        TensorAccessor v17 = TensorAccessor(tensor_accessor_args_61, v16, v1);
        noc_async_read_tile(v15, v17, cb_ctarg_1.get_write_ptr());
        noc_async_read_barrier();
        cb_ctarg_1.push_back(v2);
        cb_ctarg_0.push_back(v2);
    }
    return;
}
