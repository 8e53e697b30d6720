// The compute API inside a real kernel: one program applies transpose, reduce, broadcast,
// fill, binary max, copy_dest_values + exp, matmul and typecast, packs each result to its own
// page, and every page is checked against a float64 reference rounded once to bfloat16.
#include <cmath>

#include <gtest/gtest.h>

#include "emulate/emu_test_util.h"
#include "emulate/tensor_layout.h"
#include "emulate/tile_math.h"
#include "test_util.h"

namespace ttl::test {
namespace {

using emu::DataFormat;
using emu::kTileElements;
using emu::tile_offset;

const char* kReader = R"(#include "api/dataflow/dataflow_api.h"
#include "api/dataflow/noc.h"
#include "api/core_local_mem.h"
void kernel_main() {
  uint32_t src = get_common_arg_val<uint32_t>(0);
  constexpr auto args = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<0, 4>(), 0>();
  TensorAccessor in = TensorAccessor(args, src, 2048);
  Noc noc;
  for (uint32_t cb = 0; cb < 3; ++cb) {
    cb_reserve_back(cb, 1);
    noc.async_read(in, CoreLocalMem<uint32_t>(get_write_ptr(cb)), in.get_aligned_page_size(), {.page_id = cb}, {});
    noc.async_read_barrier();
    cb_push_back(cb, 1);
  }
}
)";

// Old header layout and the namespace/MAIN entry style on purpose.
const char* kCompute = R"(#include "compute_kernel_api/common.h"
#include "compute_kernel_api/matmul.h"
#include "compute_kernel_api/transpose_wh.h"
#include "compute_kernel_api/reduce.h"
#include "compute_kernel_api/bcast.h"
#include "compute_kernel_api/tile_move_copy.h"
#include "compute_kernel_api/binary_max_min.h"
#include "compute_kernel_api/copy_dest_values.h"
#include "compute_kernel_api/eltwise_unary/fill.h"
#include "compute_kernel_api/eltwise_unary/exp.h"
#include "compute_kernel_api/eltwise_unary/binop_with_scalar.h"
#include "compute_kernel_api/eltwise_unary/typecast.h"
namespace NAMESPACE {
void MAIN {
  constexpr uint32_t a = get_compile_time_arg_val(0), b = get_compile_time_arg_val(1);
  constexpr uint32_t scaler = get_compile_time_arg_val(2), out = get_compile_time_arg_val(3);
  cb_wait_front(a, 1);
  cb_wait_front(b, 1);
  cb_wait_front(scaler, 1);
  cb_reserve_back(out, 8);
  tile_regs_acquire();
  transpose_wh_init(a, out);
  transpose_wh_tile(a, 0, 0);
  reduce_init<PoolType::SUM, ReduceDim::REDUCE_ROW>(a, scaler, out);
  reduce_tile<PoolType::SUM, ReduceDim::REDUCE_ROW>(a, scaler, 0, 0, 1);
  reduce_uninit();
  unary_bcast_init<BroadcastType::ROW>(a, out);
  unary_bcast<BroadcastType::ROW>(a, 0, 2);
  fill_tile_init();
  fill_tile(3, 3.0f);
  copy_tile_init(a);
  copy_tile(a, 0, 4);
  copy_tile(b, 0, 7);
  binary_max_tile_init();
  binary_max_tile(4, 7, 4);
  copy_dest_values_init();
  copy_dest_values(5, 7);
  exp_tile_init();
  exp_tile(5);
  mm_init(a, b, out);
  matmul_tiles(a, b, 0, 0, 6, false);
  copy_tile(a, 0, 7);
  mul_unary_tile(7, 0x41200000u);  // 10.0f
  typecast_tile<(uint32_t)DataFormat::Float16_b, (uint32_t)DataFormat::Int32>(7);
  tile_regs_commit();
  tile_regs_wait();
  pack_tile_block(0, out, 8);
  tile_regs_release();
  cb_push_back(out, 8);
  cb_pop_front(a, 1);
  cb_pop_front(b, 1);
  cb_pop_front(scaler, 1);
}
}
)";

const char* kWriter = R"(#include "dataflow_api.h"
#include "experimental/circular_buffer.h"
void kernel_main() {
  uint32_t dst = get_common_arg_val<uint32_t>(0);
  auto args = TensorAccessorArgs<5>();
  auto out = TensorAccessor(args, dst, 2048);
  experimental::CircularBuffer cb(get_compile_time_arg_val(3));
  cb.wait_front(8);
  for (uint32_t t = 0; t < 8; ++t) noc_async_write_tile(t, out, cb.get_read_ptr() + t * 2048);
  noc_async_write_barrier();
  cb.pop_front(8);
}
)";

using Ref = std::vector<double>;  // one tile, face order

TEST(ComputeApi, EveryOpInOneKernelMatchesFloat64) {
    std::vector<float> a = random_values(kTileElements, -1, 1, DataFormat::kBfloat16, 21);
    std::vector<float> b = random_values(kTileElements, -1, 1, DataFormat::kBfloat16, 22);
    std::vector<float> scaler(kTileElements, 0.5f);
    // The input buffer holds tiles A, B, scaler (already in face order: the kernel does not care).
    std::vector<uint8_t> in(3 * 2048);
    for (int t = 0; t < 3; ++t) {
        const std::vector<float>& v = t == 0 ? a : t == 1 ? b : scaler;
        emu::Tile tile;
        std::copy(v.begin(), v.end(), tile.begin());
        emu::pack_tile(DataFormat::kBfloat16, tile, in.data() + t * 2048);
    }
    MiniProgram p;
    p.reader = kReader;
    p.compute = kCompute;
    p.writer = kWriter;
    p.cbs = {emu::CbSpec{0, DataFormat::kBfloat16, 2048, 2048, {}}, emu::CbSpec{1, DataFormat::kBfloat16, 2048, 2048, {}},
             emu::CbSpec{2, DataFormat::kBfloat16, 2048, 2048, {}}, emu::CbSpec{16, DataFormat::kBfloat16, 2048, 8 * 2048, {}}};
    p.buffers = {emu::BufferSpec{"in", 0x100000, 3 * 2048, 2048, true, in},
                 emu::BufferSpec{"out", 0x200000, 8 * 2048, 2048, true, {}}};
    p.reader_args = {0x100000};
    p.writer_args = {0x200000};
    TempDir dir;
    emu::RunResult r = run_mini(p, dir.path());
    ASSERT_TRUE(r.ok) << r.error;

    std::vector<Ref> want(8, Ref(kTileElements, 0.0));
    for (uint32_t row = 0; row < 32; ++row) {
        double sum = 0;
        for (uint32_t col = 0; col < 32; ++col) {
            uint32_t i = tile_offset(row, col);
            want[0][i] = a[tile_offset(col, row)];
            sum += a[i];
            want[2][i] = a[tile_offset(0, col)];
            want[3][i] = 3.0;
            want[4][i] = std::max(a[i], b[i]);
            want[5][i] = std::exp(double{b[i]});
            double dot = 0;
            for (uint32_t k = 0; k < 32; ++k) dot += double{a[tile_offset(row, k)]} * b[tile_offset(k, col)];
            want[6][i] = dot;
            want[7][i] = std::nearbyint(double{a[i]} * 10.0);
        }
        want[1][tile_offset(row, 0)] = 0.5 * sum;
    }
    const char* names[] = {"transpose", "reduce row", "bcast row", "fill", "max", "exp of copy", "matmul", "typecast"};
    for (uint32_t t = 0; t < 8; ++t) {
        emu::Tile got;
        emu::unpack_tile(DataFormat::kBfloat16, r.buffers[1].data.data() + t * 2048, got);
        int bad = 0;
        for (uint32_t i = 0; i < kTileElements; ++i) {
            double tolerance = std::fabs(want[t][i]) / 256 + 1e-5;  // one bfloat16 rounding (+ float32 sums)
            if (std::fabs(got[i] - want[t][i]) > tolerance && ++bad <= 2) {
                ADD_FAILURE() << names[t] << " element " << i << ": got " << got[i] << ", want " << want[t][i];
            }
        }
    }
}

}  // namespace
}  // namespace ttl::test
