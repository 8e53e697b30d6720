// fused_write
#include <cstdint>
#include "api/compile_time_args.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/noc.h"
#include "api/tensor/tensor_accessor.h"
void kernel_main() {
  Noc noc1(1);
  int32_t v1 = 2;
  int8_t v2 = 1;
  size_t v3 = 4;
  size_t v4 = 1;
  size_t v5 = 0;
  size_t v6 = 2;
  int32_t v7 = 2048;
  size_t v8 = 2048;
  int32_t v9 = 0;
  CircularBuffer cb_ctarg_2(get_compile_time_arg_val(2));
  for (size_t i10 = v5; i10 < v3; i10 += v4) {
    cb_ctarg_2.wait_front(v1);
    int32_t v11 = get_common_arg_val<uint32_t>(v5);
    auto tensor_accessor_args_0 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<2, 3>(), 0>();
    TensorAccessor v12 = TensorAccessor(tensor_accessor_args_0, v11, v7);
    for (size_t j13 = v5; j13 < v6; j13 += v4) {
      size_t v14 = i10 * v6;
      size_t v15 = v14 + j13;
      size_t v16 = j13 * v8;
      noc1.async_write(CoreLocalMem<uint32_t>(cb_ctarg_2.get_read_ptr() + v16), v12, v12.get_aligned_page_size(), {} , {.page_id = static_cast<uint32_t>(v15)});
    }
    noc1.async_write_barrier();
    cb_ctarg_2.pop_front(v1);
  }
  return;
}

