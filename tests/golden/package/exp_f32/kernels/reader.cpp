// exp_read: reader thread of TT-Lang kernel exp_kernel (exp_f32.py, line 21).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "api/compile_time_args.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/noc.h"
#include "api/tensor/tensor_accessor.h"
void kernel_main() {
    constexpr uint32_t x_dfb_id = get_compile_time_arg_val(0);

    Noc noc0(/*noc_id=*/0);
    constexpr int32_t num_tiles = 1;
    constexpr int8_t unused_zero = 0;
    constexpr size_t n_tiles = 3;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t x_arg = 0;
    constexpr int32_t page_bytes = 4096;
    CircularBuffer x_dfb(x_dfb_id);
    for (size_t t = start; t < n_tiles; t += step) {  // for t in range(n_tiles)
        // with x_dfb.reserve() as xb:
        x_dfb.reserve_back(num_tiles);
        // ttl.copy(x[0, t], xb).wait()
        int32_t x_addr = get_common_arg_val<uint32_t>(x_arg);
        auto x_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 2>(), 0>();
        TensorAccessor x_accessor = TensorAccessor(x_args, x_addr, page_bytes);
        noc0.async_read(
            x_accessor, CoreLocalMem<uint32_t>(x_dfb.get_write_ptr()), x_accessor.get_aligned_page_size(),
            {.page_id = static_cast<uint32_t>(t)}, {});
        noc0.async_read_barrier();
        x_dfb.push_back(num_tiles);
    }
    return;
}

