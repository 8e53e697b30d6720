// fused_read
#include <cstdint>
#include "api/compile_time_args.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/noc.h"
#include "api/tensor/tensor_accessor.h"
void kernel_main() {
  Noc noc0(0);
  int32_t v1 = 2;
  int8_t v2 = 0;
  size_t v3 = 4;
  size_t v4 = 1;
  size_t v5 = 0;
  size_t v6 = 2;
  int32_t v7 = 2048;
  size_t v8 = 2048;
  CircularBuffer cb_ctarg_1(get_compile_time_arg_val(1));
  CircularBuffer cb_ctarg_0(get_compile_time_arg_val(0));
  for (size_t i9 = v5; i9 < v3; i9 += v4) {
    cb_ctarg_0.reserve_back(v1);
    cb_ctarg_1.reserve_back(v1);
    int32_t v10 = get_common_arg_val<uint32_t>(v4);
    auto tensor_accessor_args_0 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 3>(), 1>();
    TensorAccessor v11 = TensorAccessor(tensor_accessor_args_0, v10, v7);
    for (size_t j12 = v5; j12 < v6; j12 += v4) {
      size_t v13 = i9 * v6;
      size_t v14 = v13 + j12;
      size_t v15 = j12 * v8;
      noc0.async_read(v11, CoreLocalMem<uint32_t>(cb_ctarg_0.get_write_ptr() + v15), v11.get_aligned_page_size(), {.page_id = static_cast<uint32_t>(v14)}, {});
    }
    int32_t v16 = get_common_arg_val<uint32_t>(v5);
    auto tensor_accessor_args_1 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 3>(), 0>();
    TensorAccessor v17 = TensorAccessor(tensor_accessor_args_1, v16, v7);
    for (size_t j18 = v5; j18 < v6; j18 += v4) {
      size_t v19 = i9 * v6;
      size_t v20 = v19 + j18;
      size_t v21 = j18 * v8;
      noc0.async_read(v17, CoreLocalMem<uint32_t>(cb_ctarg_1.get_write_ptr() + v21), v17.get_aligned_page_size(), {.page_id = static_cast<uint32_t>(v20)}, {});
    }
    noc0.async_read_barrier();
    cb_ctarg_1.push_back(v1);
    cb_ctarg_0.push_back(v1);
  }
  return;
}

