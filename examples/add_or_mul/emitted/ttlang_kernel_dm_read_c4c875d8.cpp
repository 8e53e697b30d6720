// dm_read
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
    for (size_t j7 = v5; j7 < v3; j7 += v4) {
      cb_reserve_back(get_compile_time_arg_val(0), v2);
      cb_reserve_back(get_compile_time_arg_val(1), v2);
      int32_t v8 = get_common_arg_val<uint32_t>(v5);
      auto tensor_accessor_args_12 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 3>(), 0>();
      TensorAccessor v9 = TensorAccessor(tensor_accessor_args_12, v8, v1);
      size_t v10 = i6 * v3;
      size_t v11 = v10 + j7;
      ptrdiff_t v12 = (ptrdiff_t) v11;
      int32_t v13 = (int32_t) v12;
      int32_t v14 = get_write_ptr(get_compile_time_arg_val(0));
      noc_async_read_tile(v13, v9, v14);
      int32_t v15 = get_common_arg_val<uint32_t>(v4);
      auto tensor_accessor_args_19 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 3>(), 1>();
      TensorAccessor v16 = TensorAccessor(tensor_accessor_args_19, v15, v1);
      int32_t v17 = get_write_ptr(get_compile_time_arg_val(1));
      noc_async_read_tile(v13, v16, v17);
      noc_async_read_barrier();
      cb_push_back(get_compile_time_arg_val(1), v2);
      cb_push_back(get_compile_time_arg_val(0), v2);
    }
  }
  return;
}

