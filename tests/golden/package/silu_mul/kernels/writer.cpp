// fused_write: writer thread of TT-Lang kernel silu_mul (silu_mul.py, line 31).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "api/compile_time_args.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/noc.h"
#include "api/tensor/tensor_accessor.h"
void kernel_main() {
    constexpr uint32_t out_dfb_id = get_compile_time_arg_val(2);

    Noc noc1(/*noc_id=*/1);
    constexpr int32_t num_tiles = 2;
    constexpr int8_t unused_one = 1;
    constexpr size_t n_blocks = 4;
    constexpr size_t step = 1;
    constexpr size_t start = 0;
    constexpr size_t out_arg = 0;
    constexpr size_t loop_end = 2;
    constexpr size_t stride = 2;
    constexpr int32_t page_bytes = 2048;
    constexpr size_t page_bytes_sz = 2048;
    constexpr int32_t unused_zero = 0;
    CircularBuffer out_dfb(out_dfb_id);
    for (size_t blk = start; blk < n_blocks; blk += step) {  // for blk in range(n_blocks)
        // with out_dfb.wait() as ob:
        out_dfb.wait_front(num_tiles);
        // tt.copy(ob, out[0, blk * 2 : blk * 2 + 2]).wait()
        int32_t out_addr = get_common_arg_val<uint32_t>(out_arg);
        auto out_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<2, 3>(), 0>();
        TensorAccessor out_accessor = TensorAccessor(out_args, out_addr, page_bytes);
        for (size_t tile = start; tile < loop_end; tile += step) {  // added by the compiler: 2 tiles per block
            size_t blk_offset = blk * stride;
            size_t tile_index = blk_offset + tile;
            size_t tile_byte_offset = tile * page_bytes_sz;
            noc1.async_write(
                CoreLocalMem<uint32_t>(out_dfb.get_read_ptr() + tile_byte_offset), out_accessor,
                out_accessor.get_aligned_page_size(), {} , {.page_id = static_cast<uint32_t>(tile_index)});
        }
        noc1.async_write_barrier();
        out_dfb.pop_front(num_tiles);
    }
    return;
}

