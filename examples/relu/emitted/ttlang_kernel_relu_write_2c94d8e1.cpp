// relu_write
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
    int32_t v7 = 0;
    experimental::CircularBuffer cb_ctarg_1(get_compile_time_arg_val(1));
    for (size_t i8 = v6; i8 < v3; i8 += v5) {
        for (size_t j9 = v6; j9 < v4; j9 += v5) {
            cb_ctarg_1.wait_front(v2);
            int32_t v10 = get_common_arg_val<uint32_t>(v6);
            auto tensor_accessor_args_131 =
                TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 2>(), 0>();
            TensorAccessor v11 = TensorAccessor(tensor_accessor_args_131, v10, v1);
            size_t v12 = i8 * v4;
            size_t v13 = v12 + j9;
            ptrdiff_t v14 = (ptrdiff_t)v13;
            int32_t v15 = (int32_t)v14;
            noc_async_write_tile(v15, v11, cb_ctarg_1.get_read_ptr());
            noc_async_write_barrier();
            cb_ctarg_1.pop_front(v2);
        }
    }
    return;
}
