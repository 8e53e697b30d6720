// mm_read
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
  int32_t v1 = 4;
  int32_t v2 = 2048;
  int32_t v3 = 1;
  size_t v4 = 4;
  size_t v5 = 2;
  size_t v6 = 1;
  size_t v7 = 0;
  for (size_t i8 = v7; i8 < v5; i8 += v6) {
    for (size_t j9 = v7; j9 < v5; j9 += v6) {
      for (size_t k10 = v7; k10 < v4; k10 += v6) {
        int32_t v11 = get_common_arg_val<uint32_t>(v7);
        auto tensor_accessor_args_23 = TensorAccessorArgs<4, 0>();
        TensorAccessor v12 = TensorAccessor(tensor_accessor_args_23, v11, v2);
        int32_t v13 = get_common_arg_val<uint32_t>(v6);
        auto tensor_accessor_args_31 = TensorAccessorArgs<5, 1>();
        TensorAccessor v14 = TensorAccessor(tensor_accessor_args_31, v13, v2);
        cb_reserve_back(get_compile_time_arg_val(0), v3);
        cb_reserve_back(get_compile_time_arg_val(1), v3);
        size_t v15 = i8 * v4;
        size_t v16 = v15 + k10;
        ptrdiff_t v17 = (ptrdiff_t) v16;
        int32_t v18 = (int32_t) v17;
        int32_t v19 = get_write_ptr(get_compile_time_arg_val(0));
        noc_async_read_tile(v18, v12, v19);
        size_t v20 = k10 * v5;
        size_t v21 = v20 + j9;
        ptrdiff_t v22 = (ptrdiff_t) v21;
        int32_t v23 = (int32_t) v22;
        int32_t v24 = get_write_ptr(get_compile_time_arg_val(1));
        noc_async_read_tile(v23, v14, v24);
        noc_async_read_barrier();
        cb_push_back(get_compile_time_arg_val(1), v3);
        cb_push_back(get_compile_time_arg_val(0), v3);
      }
    }
  }
  return;
}

