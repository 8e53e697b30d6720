// relu_read
#include <cstdint>
#include "api/dataflow/dataflow_api.h"
#include "experimental/circular_buffer.h"
void kernel_main() {
    int32_t v1 = 2048;
    int32_t v2 = 1;
    size_t v3 = 2;
    size_t v4 = 4;
    size_t v5 = 1;
    size_t v6 = 0;
    experimental::CircularBuffer cb_ctarg_0(get_compile_time_arg_val(0));
    for (size_t i7 = v6; i7 < v3; i7 += v5) {
        for (size_t j8 = v6; j8 < v4; j8 += v5) {
            cb_ctarg_0.reserve_back(v2);
            int32_t v9 = get_common_arg_val<uint32_t>(v6);
            auto tensor_accessor_args_70 =
                TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 2>(), 0>();
            TensorAccessor v10 = TensorAccessor(tensor_accessor_args_70, v9, v1);
            size_t v11 = i7 * v4;
            size_t v12 = v11 + j8;
            ptrdiff_t v13 = (ptrdiff_t)v12;
            int32_t v14 = (int32_t)v13;
            noc_async_read_tile(v14, v10, cb_ctarg_0.get_write_ptr());
            noc_async_read_barrier();
            cb_ctarg_0.push_back(v2);
        }
    }
    return;
}
