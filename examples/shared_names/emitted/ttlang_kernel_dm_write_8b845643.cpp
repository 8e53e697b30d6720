// dm_write
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
  int32_t v1 = 2048;
  int32_t v2 = 1;
  size_t v3 = 4;
  size_t v4 = 1;
  size_t v5 = 0;
  for (size_t i6 = v5; i6 < v3; i6 += v4) {
    cb_wait_front(get_compile_time_arg_val(1), v2);
    int32_t v7 = get_common_arg_val<uint32_t>(v5);
    auto tensor_accessor_args_10 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 2>(), 0>();
    TensorAccessor v8 = TensorAccessor(tensor_accessor_args_10, v7, v1);
    ptrdiff_t v9 = (ptrdiff_t) i6;
    int32_t v11 = (int32_t) v9;
    int32_t v12 = get_read_ptr(get_compile_time_arg_val(1));
    noc_async_write_tile(v11, v8, v12);
    noc_async_write_barrier();
    cb_pop_front(get_compile_time_arg_val(1), v2);
  }
  return;
}

