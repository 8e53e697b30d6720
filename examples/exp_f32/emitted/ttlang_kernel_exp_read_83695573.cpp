// exp_read
#include <cstdint>
#include "api/compile_time_args.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/noc.h"
#include "api/tensor/tensor_accessor.h"
void kernel_main() {
  Noc noc0(0);
  int32_t v1 = 1;
  int8_t v2 = 0;
  size_t v3 = 3;
  size_t v4 = 1;
  size_t v5 = 0;
  int32_t v6 = 4096;
  CircularBuffer cb_ctarg_0(get_compile_time_arg_val(0));
  for (size_t i7 = v5; i7 < v3; i7 += v4) {
    cb_ctarg_0.reserve_back(v1);
    int32_t v8 = get_common_arg_val<uint32_t>(v5);
    auto tensor_accessor_args_0 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 2>(), 0>();
    TensorAccessor v9 = TensorAccessor(tensor_accessor_args_0, v8, v6);
    noc0.async_read(v9, CoreLocalMem<uint32_t>(cb_ctarg_0.get_write_ptr()), v9.get_aligned_page_size(), {.page_id = static_cast<uint32_t>(i7)}, {});
    noc0.async_read_barrier();
    cb_ctarg_0.push_back(v1);
  }
  return;
}

