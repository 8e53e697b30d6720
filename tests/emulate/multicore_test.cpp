// Multi-core programs: a matmul split over a grid (per-core runtime args, shared CB layout), and
// a sender/receiver handshake with semaphores and a multicast write.
#include <cmath>

#include <gtest/gtest.h>

#include "emu_programs.h"
#include "emulate/emu_test_util.h"
#include "emulate/runtime.h"
#include "emulate/tensor_layout.h"
#include "test_util.h"

namespace ttl::test {
namespace {

using emu::DataFormat;

TEST(Multicore, MatmulOnAGridMatchesFloat64) {
    const uint32_t m = 96, k = 128, n = 160;  // 3 x 5 output tiles over 2 x 3 cores (uneven split)
    std::vector<float> a = random_values(m * k, -1, 1, DataFormat::kBfloat16, 31);
    std::vector<float> b = random_values(k * n, -1, 1, DataFormat::kBfloat16, 32);
    emu::Program p = bench::matmul_program(m, k, n, 2, 3, a, b, source_path("bench/kernels"));
    emu::RunOptions options;
    options.build = emu_build_options();
    emu::RunResult r = emu::run_program(p, options);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.tiles_packed, 15U);
    std::vector<float> got = emu::untilize(r.buffers[2].data, m, n, DataFormat::kBfloat16);
    for (uint32_t row = 0; row < m; ++row) {
        for (uint32_t col = 0; col < n; ++col) {
            double s = 0;
            for (uint32_t i = 0; i < k; ++i) s += double{a[row * k + i]} * b[i * n + col];
            ASSERT_NEAR(got[row * n + col], s, std::fabs(s) / 256 + 1e-4) << row << "," << col;
        }
    }
}

const char* kHandshake = R"(#include "api/dataflow/dataflow_api.h"
// Core (0, 0) reads a tile and multicasts it into the same CB slot of cores (1, 0)..(2, 0)
// once both have said they are ready; then it raises their flags.
void kernel_main() {
  const auto in = TensorAccessor(TensorAccessorArgs<1>(), get_common_arg_val<uint32_t>(0), 2048);
  uint32_t ready = get_semaphore(0);
  uint32_t valid = get_semaphore(1);
  cb_reserve_back(0, 1);
  uint32_t slot = get_write_ptr(0);
  if (get_absolute_logical_x() == 0) {
    noc_async_read_tile(0, in, slot);
    noc_async_read_barrier();
    noc_semaphore_wait(reinterpret_cast<volatile tt_l1_ptr uint32_t*>(ready), 2);
    noc_semaphore_set(reinterpret_cast<volatile tt_l1_ptr uint32_t*>(ready), 0);
    noc_async_write_multicast(slot, get_noc_multicast_addr(1, 0, 2, 0, slot), 2048, 2);
    noc_async_write_barrier();
    noc_semaphore_set(reinterpret_cast<volatile tt_l1_ptr uint32_t*>(valid), 1);
    noc_semaphore_set_multicast(valid, get_noc_multicast_addr(1, 0, 2, 0, valid), 2);
  } else {
    noc_semaphore_set(reinterpret_cast<volatile tt_l1_ptr uint32_t*>(valid), 0);
    noc_semaphore_inc(get_noc_addr(0, 0, ready), 1);
    noc_semaphore_wait(reinterpret_cast<volatile tt_l1_ptr uint32_t*>(valid), 1);
  }
  cb_push_back(0, 1);
}
)";

const char* kStore = R"(#include "api/dataflow/dataflow_api.h"
void kernel_main() {
  const auto out = TensorAccessor(TensorAccessorArgs<2>(), get_common_arg_val<uint32_t>(0), 2048);
  cb_wait_front(0, 1);
  noc_async_write_tile(get_absolute_logical_x(), out, get_read_ptr(0));
  noc_async_write_barrier();
  cb_pop_front(0, 1);
}
)";

emu::Program handshake_program(const std::string& dir, const std::string& reader) {
    write_file(dir + "/handshake.cpp", reader);
    write_file(dir + "/store.cpp", kStore);
    emu::CoreRangeSet grid = {emu::CoreRange{{0, 0}, {2, 0}}};
    std::vector<float> values = random_values(1024, -4, 4, DataFormat::kBfloat16, 33);
    emu::Program p;
    p.buffers = {emu::BufferSpec{"in", 0x100000, 2048, 2048, true, emu::tilize(values, 32, 32, DataFormat::kBfloat16)},
                 emu::BufferSpec{"out", 0x200000, 3 * 2048, 2048, true, {}}};
    p.cbs = {emu::CbSpec{0, DataFormat::kBfloat16, 2048, 2048, grid}};
    p.semaphores = {emu::SemaphoreSpec{0, grid, 0}, emu::SemaphoreSpec{1, grid, 0}};
    emu::KernelSpec r;
    r.source_path = dir + "/handshake.cpp";
    r.kind = ThreadRole::kReader;
    r.cores = grid;
    r.compile_time_args = {0, 2, 2};
    r.common_runtime_args = {0x100000};
    emu::KernelSpec w = r;
    w.source_path = dir + "/store.cpp";
    w.kind = ThreadRole::kWriter;
    w.common_runtime_args = {0x200000};
    p.kernels = {r, w};
    return p;
}

TEST(Multicore, SemaphoresAndMulticast) {
    TempDir dir;
    emu::Program p = handshake_program(dir.path(), kHandshake);
    emu::RunOptions options;
    options.build = emu_build_options();
    emu::RunResult r = emu::run_program(p, options);
    ASSERT_TRUE(r.ok) << r.error;
    const std::vector<uint8_t>& in = p.buffers[0].data;
    for (int core = 0; core < 3; ++core) {
        std::vector<uint8_t> page(r.buffers[1].data.begin() + core * 2048, r.buffers[1].data.begin() + (core + 1) * 2048);
        EXPECT_TRUE(page == in) << "core " << core << " did not get the tile";
    }
}

TEST(Multicore, AMulticastWithTheWrongDestinationCountIsAnError) {
    TempDir dir;
    std::string reader = kHandshake;
    reader.replace(reader.find("2048, 2);"), 9, "2048, 3);");
    emu::RunOptions options;
    options.build = emu_build_options();
    emu::RunResult r = emu::run_program(handshake_program(dir.path(), reader), options);
    ASSERT_FALSE(r.ok);
    EXPECT_NE(r.error.find("handshake.cpp:15: error: noc_async_write_multicast: num_dests is 3 but the rectangle (1, 0)-(2, 0) "
                           "holds 2 destination cores besides the sender"),
              std::string::npos)
        << r.error;
}

TEST(Multicore, AWaitNobodyAnswersIsADeadlock) {
    TempDir dir;
    std::string reader = kHandshake;
    reader.replace(reader.find("noc_semaphore_inc(get_noc_addr(0, 0, ready), 1);"), 48, "");
    emu::RunOptions options;
    options.build = emu_build_options();
    emu::RunResult r = emu::run_program(handshake_program(dir.path(), reader), options);
    ASSERT_FALSE(r.ok);
    EXPECT_NE(r.error.find("deadlock"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("on core (0, 0) waits in noc_semaphore_wait("), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("the semaphore holds 0"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace ttl::test
