// gate_write
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
    experimental::CircularBuffer cb_ctarg_3(get_compile_time_arg_val(3));
    for (size_t i7 = v6; i7 < v3; i7 += v5) {
        cb_ctarg_3.wait_front(v2);
        int32_t v8 = get_common_arg_val<uint32_t>(v6);
        auto tensor_accessor_args_88 =
            TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<2, 4>(), 0>();
        TensorAccessor v9 = TensorAccessor(tensor_accessor_args_88, v8, v1);
        size_t v10 = i7 / v4;
        size_t v11 = i7 % v4;
        size_t v12 = v10 * v4;
        size_t v13 = v12 + v11;
        ptrdiff_t v14 = (ptrdiff_t)v13;
        int32_t v15 = (int32_t)v14;
        noc_async_write_tile(v15, v9, cb_ctarg_3.get_read_ptr());
        noc_async_write_barrier();
        cb_ctarg_3.pop_front(v2);
    }
    return;
}
