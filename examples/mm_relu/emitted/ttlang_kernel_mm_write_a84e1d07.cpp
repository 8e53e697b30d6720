// mm_write
#include <cstdint>
#include "tools/profiler/kernel_profiler.hpp"
#include "internal/firmware_common.h"
#include "api/dataflow/dataflow_api.h"
void kernel_main() {
  int32_t v1 = 6;
  int32_t v2 = 2048;
  int32_t v3 = 1;
  size_t v4 = 2;
  size_t v5 = 1;
  size_t v6 = 0;
  for (size_t i7 = v6; i7 < v4; i7 += v5) {
    for (size_t j8 = v6; j8 < v4; j8 += v5) {
      int32_t v9 = get_common_arg_val<uint32_t>(v6);
      auto tensor_accessor_args_17 = TensorAccessorArgs<6, 0>();
      TensorAccessor v10 = TensorAccessor(tensor_accessor_args_17, v9, v2);
      cb_wait_front(get_compile_time_arg_val(3), v3);
      size_t v11 = i7 * v4;
      size_t v12 = v11 + j8;
      ptrdiff_t v13 = (ptrdiff_t) v12;
      int32_t v14 = (int32_t) v13;
      int32_t v15 = get_read_ptr(get_compile_time_arg_val(3));
      noc_async_write_tile(v14, v10, v15);
      noc_async_write_barrier();
      cb_pop_front(get_compile_time_arg_val(3), v3);
    }
  }
  return;
}

