// read_x
#include <cstdint>
#include "api/compile_time_args.h"
#include "api/core_local_mem.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/noc.h"
#include "api/tensor/noc_traits.h"
#include "api/tensor/tensor_accessor.h"
void kernel_main() {
  int32_t v1 = 2;
  int32_t v2 = 0;
  int32_t v3 = 1;
  int32_t v4 = (int32_t) get_absolute_logical_x();
  int32_t v5 = get_common_arg_val<uint32_t>(0);
  auto tensor_accessor_args_0 = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 2>(), 0>();
  TensorAccessor tensor_accessor_0 = TensorAccessor(tensor_accessor_args_0, v5, 2048);
  CircularBuffer cb_ctarg_0(get_compile_time_arg_val(0));
  Noc noc0(0);
  for (int32_t i6 = v2; i6 < v1; i6 += v3) {
    int32_t v7 = v4 * v1 + i6;
    cb_ctarg_0.reserve_back(v3);
    noc0.async_read(tensor_accessor_0, CoreLocalMem<uint32_t>(cb_ctarg_0.get_write_ptr()), tensor_accessor_0.get_aligned_page_size(), {.page_id = static_cast<uint32_t>(v7)}, {});
    noc0.async_read_barrier();
    cb_ctarg_0.push_back(v3);
  }
  return;
}
