// The emulator's checks that the device would not give: each is triggered on purpose by a
// small program and its message asserted (what, where: kernel file and line, which core).
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "emulate/emu_test_util.h"
#include "emulate/tensor_layout.h"
#include "emulate/tile_math.h"
#include "test_util.h"

namespace ttl::test {
namespace {

using emu::DataFormat;

// A copy program: reader brings N tiles of buffer 0 into CB 0, compute copies each into
// CB 1 through DST, writer stores CB 1 into buffer 1.
const char* kReader = R"(#include "api/dataflow/dataflow_api.h"
void kernel_main() {
  uint32_t src = get_common_arg_val<uint32_t>(0);
  auto args = TensorAccessorArgs<2, 0>();
  TensorAccessor in = TensorAccessor(args, src, 2048);
  for (uint32_t t = 0; t < 4; ++t) {
    cb_reserve_back(0, 1);
    noc_async_read_tile(t, in, get_write_ptr(0));
    noc_async_read_barrier();
    cb_push_back(0, 1);
  }
}
)";
const char* kCompute = R"(#include "api/compute/common.h"
#include "api/compute/tile_move_copy.h"
void kernel_main() {
  init_sfpu(0, 1);
  for (uint32_t t = 0; t < 4; ++t) {
    cb_wait_front(0, 1);
    tile_regs_acquire();
    copy_tile(0, 0, 0);
    tile_regs_commit();
    tile_regs_wait();
    cb_reserve_back(1, 1);
    pack_tile<false>(0, 1, 0);
    cb_push_back(1, 1);
    tile_regs_release();
    cb_pop_front(0, 1);
  }
}
)";
const char* kWriter = R"(#include "api/dataflow/dataflow_api.h"
void kernel_main() {
  uint32_t dst = get_common_arg_val<uint32_t>(0);
  auto args = TensorAccessorArgs<3, 0>();
  TensorAccessor out = TensorAccessor(args, dst, 2048);
  for (uint32_t t = 0; t < 4; ++t) {
    cb_wait_front(1, 1);
    noc_async_write_tile(t, out, get_read_ptr(1));
    noc_async_write_barrier();
    cb_pop_front(1, 1);
  }
}
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

MiniProgram copy_program() {
    MiniProgram p;
    p.reader = kReader;
    p.compute = kCompute;
    p.writer = kWriter;
    p.cbs = {emu::CbSpec{0, DataFormat::kBfloat16, 2048, 4096, {}}, emu::CbSpec{1, DataFormat::kBfloat16, 2048, 4096, {}}};
    std::vector<float> values = random_values(64 * 64, -1, 1, DataFormat::kBfloat16, 11);
    p.buffers = {emu::BufferSpec{"in", 0x100000, 4 * 2048, 2048, true, emu::tilize(values, 64, 64, DataFormat::kBfloat16)},
                 emu::BufferSpec{"out", 0x200000, 4 * 2048, 2048, true, {}}};
    p.reader_args = {0x100000};
    p.writer_args = {0x200000};
    return p;
}

/// Runs and expects an error that contains `message`, located at `file`:`line`.
void expect_error(const MiniProgram& p, const std::string& file, int line, const std::string& message) {
    TempDir dir;
    emu::RunResult r = run_mini(p, dir.path());
    ASSERT_FALSE(r.ok) << "the run should have failed with: " << message;
    EXPECT_NE(r.error.find(dir / file + ":" + std::to_string(line) + ": error: "), std::string::npos) << r.error;
    EXPECT_NE(r.error.find(message), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("on core (0, 0)"), std::string::npos) << r.error;
}

TEST(EmulatorChecks, TheCopyProgramRunsClean) {
    MiniProgram p = copy_program();
    TempDir dir;
    emu::RunResult r = run_mini(p, dir.path());
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_TRUE(r.buffers[1].data == p.buffers[0].data);
    EXPECT_EQ(r.tiles_packed, 4U);
}

TEST(EmulatorChecks, PushMoreThanReserved) {
    MiniProgram p = copy_program();
    p.reader = replace(p.reader, "cb_push_back(0, 1);", "cb_push_back(0, 2);");
    expect_error(p, "reader.cpp", 10, "cb_push_back pushes 2 pages to circular buffer 0 but only 1 was reserved");
}

TEST(EmulatorChecks, PopMoreThanWaited) {
    MiniProgram p = copy_program();
    p.writer = replace(p.writer, "cb_pop_front(1, 1);", "cb_pop_front(1, 2);");
    expect_error(p, "writer.cpp", 10, "cb_pop_front pops 2 pages from circular buffer 1 but only 1 was waited for");
}

TEST(EmulatorChecks, ReadPastTheWaitedPages) {
    MiniProgram p = copy_program();
    p.compute = replace(p.compute, "copy_tile(0, 0, 0);", "copy_tile(0, 1, 0);");
    expect_error(p, "compute.cpp", 8, "copy_tile reads tile 1 of circular buffer 0 but only 1 page was waited for");
}

TEST(EmulatorChecks, NocWritePastTheReservedPages) {
    MiniProgram p = copy_program();
    p.reader = replace(p.reader, "get_write_ptr(0));", "get_write_ptr(0) + 2048);");
    expect_error(p, "reader.cpp", 8, "into circular buffer 0, outside the 1 page reserved by cb_reserve_back");
}

TEST(EmulatorChecks, PushWithAReadInFlight) {
    MiniProgram p = copy_program();
    p.reader = replace(p.reader, "    noc_async_read_barrier();\n", "");
    expect_error(p, "reader.cpp", 9, "with 1 NoC read into it still in flight: call noc_async_read_barrier()");
}

TEST(EmulatorChecks, DstIndexOutOfRange) {
    MiniProgram p = copy_program();
    p.compute = replace(p.compute, "copy_tile(0, 0, 0);", "copy_tile(0, 0, 8);");
    expect_error(p, "compute.cpp", 8, "copy_tile: DST index 8 is out of range: 8 tiles are usable");
}

TEST(EmulatorChecks, DstCapacityFollowsTheComputeConfig) {
    MiniProgram p = copy_program();
    p.compute = replace(p.compute, "copy_tile(0, 0, 0);", "copy_tile(0, 0, 4);");
    p.compute_config.fp32_dest_acc_en = true;
    expect_error(p, "compute.cpp", 8, "DST index 4 is out of range: 4 tiles are usable with fp32_dest_acc_en=true");
}

TEST(EmulatorChecks, PackOutsideCommitAndWait) {
    MiniProgram p = copy_program();
    p.compute = replace(p.compute, "    tile_regs_commit();\n    tile_regs_wait();\n", "");
    expect_error(p, "compute.cpp", 10, "pack_tile outside tile_regs_wait() .. tile_regs_release()");
}

TEST(EmulatorChecks, PackPastTheReservedPages) {
    MiniProgram p = copy_program();
    p.compute = replace(p.compute, "pack_tile<false>(0, 1, 0);", "pack_tile<false>(0, 1, 0);\n    pack_tile<false>(0, 1, 0);");
    expect_error(p, "compute.cpp", 13, "pack_tile writes page 1 of circular buffer 1 but only 1 page was reserved");
}

TEST(EmulatorChecks, NocAccessOutsideEveryBuffer) {
    MiniProgram p = copy_program();
    p.reader = replace(p.reader, "noc_async_read_tile(t, in,", "noc_async_read_tile(t + 4, in,");
    expect_error(p, "reader.cpp", 8, "noc_async_read: device address 0x102000 (2048 bytes) is outside every buffer");
}

TEST(EmulatorChecks, NocAccessPastTheEndOfABuffer) {
    MiniProgram p = copy_program();
    p.writer = replace(p.writer, "TensorAccessor(args, dst, 2048)", "TensorAccessor(args, dst + 1024, 2048)");
    expect_error(p, "writer.cpp", 8, "run past the end of buffer 'out'");
}

TEST(EmulatorChecks, DeadlockNamesEveryWait) {
    // Compute waits for its own output before producing it: nobody can move.
    MiniProgram p = copy_program();
    p.compute = replace(p.compute, "init_sfpu(0, 1);", "cb_wait_front(1, 1);");
    TempDir dir;
    emu::RunResult r = run_mini(p, dir.path());
    ASSERT_FALSE(r.ok);
    EXPECT_NE(r.error.find("deadlock: every kernel thread is waiting and none can make progress"), std::string::npos) << r.error;
    for (std::string wait : {"the reader kernel '" + dir / "reader.cpp" + "' on core (0, 0) waits in cb_reserve_back(cb 0, 1) at " +
                                 dir / "reader.cpp:7: 0 of 2 pages free",
                             "the compute kernel '" + dir / "compute.cpp" + "' on core (0, 0) waits in cb_wait_front(cb 1, 1) at " +
                                 dir / "compute.cpp:4: 0 of 2 pages filled",
                             "the writer kernel '" + dir / "writer.cpp" + "' on core (0, 0) waits in cb_wait_front(cb 1, 1) at " +
                                 dir / "writer.cpp:7: 0 of 2 pages filled"}) {
        EXPECT_NE(r.error.find(wait), std::string::npos) << wait << "\nin:\n" << r.error;
    }
}

TEST(EmulatorChecks, ARuntimeArgThatWasNotGiven) {
    MiniProgram p = copy_program();
    p.reader = replace(p.reader, "get_common_arg_val<uint32_t>(0)", "get_common_arg_val<uint32_t>(1)");
    expect_error(p, "reader.cpp", 3, "get_common_arg_val(1): this kernel was given 1 common runtime arg");
}

TEST(EmulatorChecks, ACircularBufferThatIsNotConfigured) {
    MiniProgram p = copy_program();
    p.reader = replace(p.reader, "cb_reserve_back(0, 1);", "cb_reserve_back(5, 1);");
    expect_error(p, "reader.cpp", 7, "cb_reserve_back: circular buffer 5 is not configured on core (0, 0)");
}

TEST(EmulatorChecks, CompileErrorsNameTheKernelsOwnLine) {
    MiniProgram p = copy_program();
    p.compute = replace(p.compute, "copy_tile(0, 0, 0);", "copy_tile(0, 0, 0) oops;");
    TempDir dir;
    emu::RunResult r = run_mini(p, dir.path());
    ASSERT_FALSE(r.ok);
    EXPECT_TRUE(r.build_failed);
    EXPECT_NE(r.error.find(dir / "compute.cpp:8:"), std::string::npos) << r.error;
    EXPECT_EQ(r.error.find("included from"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace ttl::test
