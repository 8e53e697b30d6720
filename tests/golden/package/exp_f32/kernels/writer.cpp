// exp_write: writer thread of TT-Lang kernel exp_kernel (exp_f32.py, line 27).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "api/compile_time_args.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/noc.h"
#include "api/tensor/tensor_accessor.h"
void kernel_main() {
    constexpr uint32_t out_dfb_id = get_compile_time_arg_val(1);

    Noc noc1(/*noc_id=*/1);
    constexpr int32_t num_tiles = 1;
    constexpr int8_t unused_one = 1;
    constexpr size_t n_tiles = 3;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t out_arg = 0;
    constexpr int32_t page_bytes = 4096;
    CircularBuffer out_dfb(out_dfb_id);
    for (size_t t = start; t < n_tiles; t += step) {  // for t in range(n_tiles)
        // with out_dfb.wait() as ob:
        out_dfb.wait_front(num_tiles);
        // ttl.copy(ob, out[0, t]).wait()
        int32_t out_addr = get_common_arg_val<uint32_t>(out_arg);
        auto out_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 2>(), 0>();
        TensorAccessor out_accessor = TensorAccessor(out_args, out_addr, page_bytes);
        noc1.async_write(
            CoreLocalMem<uint32_t>(out_dfb.get_read_ptr()), out_accessor, out_accessor.get_aligned_page_size(), {} ,
            {.page_id = static_cast<uint32_t>(t)});
        noc1.async_write_barrier();
        out_dfb.pop_front(num_tiles);
    }
    return;
}

