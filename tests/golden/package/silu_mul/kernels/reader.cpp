// fused_read: reader thread of TT-Lang kernel silu_mul (silu_mul.py, line 24).
// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.
#include <cstdint>
#include "api/compile_time_args.h"
#include "api/dataflow/circular_buffer.h"
#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/noc.h"
#include "api/tensor/tensor_accessor.h"
void kernel_main() {
    constexpr uint32_t x_dfb_id = get_compile_time_arg_val(0);
    constexpr uint32_t gate_dfb_id = get_compile_time_arg_val(1);

    Noc noc0(/*noc_id=*/0);
    constexpr int32_t num_tiles = 2;
    constexpr int8_t unused_zero = 0;
    constexpr size_t n_blocks = 4;
    constexpr size_t step = 1;
    constexpr size_t x_arg = 1;
    constexpr size_t start = 0;
    constexpr size_t gate_arg = 0;
    constexpr size_t loop_end = 2;
    constexpr size_t stride = 2;
    constexpr int32_t page_bytes = 2048;
    constexpr size_t page_bytes_sz = 2048;
    CircularBuffer gate_dfb(gate_dfb_id);
    CircularBuffer x_dfb(x_dfb_id);
    for (size_t blk = start; blk < n_blocks; blk += step) {  // for blk in range(n_blocks)
        // with x_dfb.reserve() as xb, gate_dfb.reserve() as gb:
        x_dfb.reserve_back(num_tiles);
        gate_dfb.reserve_back(num_tiles);
        // tt.copy(x[0, blk * 2 : blk * 2 + 2], xb).wait()
        int32_t x_addr = get_common_arg_val<uint32_t>(x_arg);
        auto x_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 3>(), 1>();
        TensorAccessor x_accessor = TensorAccessor(x_args, x_addr, page_bytes);
        for (size_t tile = start; tile < loop_end; tile += step) {  // added by the compiler: 2 tiles per block
            size_t blk_offset = blk * stride;
            size_t tile_index = blk_offset + tile;
            size_t tile_byte_offset = tile * page_bytes_sz;
            noc0.async_read(
                x_accessor, CoreLocalMem<uint32_t>(x_dfb.get_write_ptr() + tile_byte_offset),
                x_accessor.get_aligned_page_size(), {.page_id = static_cast<uint32_t>(tile_index)}, {});
        }
        int32_t gate_addr = get_common_arg_val<uint32_t>(gate_arg);
        auto gate_args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<1, 3>(), 0>();
        TensorAccessor gate_accessor = TensorAccessor(gate_args, gate_addr, page_bytes);
        for (size_t tile = start; tile < loop_end; tile += step) {  // added by the compiler: 2 tiles per block
            size_t blk_offset = blk * stride;
            size_t tile_index = blk_offset + tile;
            size_t tile_byte_offset = tile * page_bytes_sz;
            noc0.async_read(
                gate_accessor, CoreLocalMem<uint32_t>(gate_dfb.get_write_ptr() + tile_byte_offset),
                gate_accessor.get_aligned_page_size(), {.page_id = static_cast<uint32_t>(tile_index)}, {});
        }
        noc0.async_read_barrier();
        gate_dfb.push_back(num_tiles);
        x_dfb.push_back(num_tiles);
    }
    return;
}

