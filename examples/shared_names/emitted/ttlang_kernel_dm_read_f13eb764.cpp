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
    cb_reserve_back(get_compile_time_arg_val(0), v2);
    cb_reserve_back(get_compile_time_arg_val(1), v2);
    int32_t v7 = get_common_arg_val<uint32_t>(v4);
    auto tensor_accessor_args_13 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 3>(), 1>();
    TensorAccessor v8 = TensorAccessor(tensor_accessor_args_13, v7, v1);
    ptrdiff_t v9 = (ptrdiff_t) i6;
    int32_t v10 = (int32_t) v9;
    int32_t v11 = get_write_ptr(get_compile_time_arg_val(0));
    noc_async_read_tile(v10, v8, v11);
    int32_t v12 = get_common_arg_val<uint32_t>(v5);
    auto tensor_accessor_args_18 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 3>(), 0>();
    TensorAccessor v14 = TensorAccessor(tensor_accessor_args_18, v12, v1);
    int32_t v15 = get_write_ptr(get_compile_time_arg_val(1));
    noc_async_read_tile(v10, v14, v15);
    noc_async_read_barrier();
    cb_push_back(get_compile_time_arg_val(1), v2);
    cb_push_back(get_compile_time_arg_val(0), v2);
  }
  return;
}

