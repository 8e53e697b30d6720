// The emulator's mirror of tt-metal's kernel header tree (emu/headers.manifest): the tree is what
// the manifest gives, each header exposes only its own areas (a missing include fails as on the
// device), an API the emulator lacks names itself, and the integer, selection and pack-untilize
// calls behind the headers real programs include give exact results.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

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

TEST(KernelHeaders, TheTreeIsWhatTheManifestGives) {
    ToolResult r = run_command("python3 " + source_path("scripts/emu-headers") + " --check 2>&1");
    EXPECT_EQ(r.status, 0) << r.output;
}

TEST(KernelHeaders, EveryAreaCompilesOnItsOwn) {
    // Each area header brings what it uses: included alone, it compiles.
    const std::string include = source_path("emu/include");
    for (const std::string& area : list_files(include + "/ttl_emu/area", ".h")) {
        TempDir dir;
        write_file(dir / "one.cpp", "#include \"" + area + "\"\n");
        std::string command = "c++ -std=c++20 -fsyntax-only -I" + include + " " + (dir / "one.cpp") + " 2>&1";
        EXPECT_EQ(std::system(command.c_str()), 0) << area;
    }
}

TEST(KernelHeaders, EveryHeaderRealProgramsIncludeCompilesTogether) {
    // The include paths seen in real TT-Lang output (shared/docs/real-programs.md), all in one file.
    const char* headers[] = {
        "api/compute/common.h", "api/compute/compute_kernel_api.h", "api/compute/eltwise_binary.h",
        "api/compute/eltwise_binary_sfpu.h", "api/compute/tile_move_copy.h", "api/compute/pack.h",
        "api/compute/reg_api.h", "api/compute/matmul.h", "api/compute/bcast.h", "api/compute/reduce.h",
        "api/compute/tilize.h", "api/compute/untilize.h", "api/compute/pack_untilize.h", "api/compute/transpose_wh.h",
        "api/compute/copy_dest_values.h", "api/compute/binary_max_min.h", "api/compute/binary_bitwise_sfpu.h",
        "api/compute/add_int_sfpu.h", "api/compute/sub_int_sfpu.h", "api/compute/mul_int_sfpu.h",
        "api/compute/compute_kernel_hw_startup.h", "api/compute/eltwise_unary/eltwise_unary.h",
        "api/compute/eltwise_unary/logical_not.h", "api/compute/eltwise_unary/clamp.h",
        "api/compute/eltwise_unary/where.h", "api/compute/eltwise_unary/typecast.h",
        "api/compute/eltwise_unary/sfpu_split_includes.h", "api/dataflow/dataflow_api.h",
        "api/dataflow/circular_buffer.h", "api/dataflow/noc.h", "api/dataflow/endpoints.h", "api/tensor/noc_traits.h",
        "api/core_local_mem.h", "api/compile_time_args.h", "experimental/circular_buffer.h",
        "compute_kernel_api/common.h", "compute_kernel_api/eltwise_unary/where.h", "compute_kernel_api.h",
        "dataflow_api.h", "llk_defs.h", "internal/firmware_common.h", "tools/profiler/kernel_profiler.hpp"};
    std::string text;
    for (const char* h : headers) {
        ASSERT_TRUE(std::filesystem::exists(source_path("emu/include/") + h)) << h;
        text += std::string("#include \"") + h + "\"\n";
    }
    TempDir dir;
    write_file(dir / "all.cpp", text + "void kernel_main() {}\n");
    std::string command =
        "c++ -std=c++20 -fsyntax-only -I" + source_path("emu/include") + " " + (dir / "all.cpp") + " 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0);
}

// Reader: N tiles of buffer 0 into CB 0, one at a time. Writer: M tiles of CB 16 to buffer 1.
std::string reader(int tiles, int page) {
    return "#include \"api/dataflow/dataflow_api.h\"\n"
           "void kernel_main() {\n"
           "  uint32_t src = get_common_arg_val<uint32_t>(0);\n"
           "  auto args = TensorAccessorArgs<2, 0>();\n"
           "  TensorAccessor in = TensorAccessor(args, src, " +
           std::to_string(page) + ");\n  for (uint32_t t = 0; t < " + std::to_string(tiles) +
           "; ++t) {\n"
           "    cb_reserve_back(0, 1);\n"
           "    noc_async_read_tile(t, in, get_write_ptr(0));\n"
           "    noc_async_read_barrier();\n"
           "    cb_push_back(0, 1);\n"
           "  }\n}\n";
}
std::string writer(int tiles, int page) {
    return "#include \"api/dataflow/dataflow_api.h\"\n"
           "void kernel_main() {\n"
           "  uint32_t dst = get_common_arg_val<uint32_t>(0);\n"
           "  auto args = TensorAccessorArgs<3, 0>();\n"
           "  TensorAccessor out = TensorAccessor(args, dst, " +
           std::to_string(page) + ");\n  cb_wait_front(16, " + std::to_string(tiles) + ");\n  for (uint32_t t = 0; t < " +
           std::to_string(tiles) +
           "; ++t) noc_async_write_tile(t, out, get_read_ptr(16) + t * " + std::to_string(page) +
           ");\n"
           "  noc_async_write_barrier();\n"
           "  cb_pop_front(16, " +
           std::to_string(tiles) + ");\n}\n";
}

MiniProgram program(const std::string& compute, int in_tiles, int out_tiles, DataFormat format, int page,
                    std::vector<uint8_t> input) {
    MiniProgram p;
    p.reader = reader(in_tiles, page);
    p.compute = compute;
    p.writer = writer(out_tiles, page);
    p.cbs = {emu::CbSpec{0, format, static_cast<uint32_t>(page), static_cast<uint32_t>(in_tiles * page), {}},
             emu::CbSpec{16, format, static_cast<uint32_t>(page), static_cast<uint32_t>(out_tiles * page), {}}};
    p.buffers = {
        emu::BufferSpec{"in", 0x100000, static_cast<uint32_t>(in_tiles * page), static_cast<uint32_t>(page), true, input},
        emu::BufferSpec{"out", 0x200000, static_cast<uint32_t>(out_tiles * page), static_cast<uint32_t>(page), true, {}}};
    p.reader_args = {0x100000};
    p.writer_args = {0x200000};
    return p;
}

// Dialect B: plain kernel_main, free-function CBs, the headers TT-Lang includes for these ops.
const char* kIntegerCompute = R"(#include <cstdint>
#include "api/compute/common.h"
#include "api/compute/tile_move_copy.h"
#include "api/compute/add_int_sfpu.h"
#include "api/compute/sub_int_sfpu.h"
#include "api/compute/mul_int_sfpu.h"
#include "api/compute/compute_kernel_hw_startup.h"
#include "api/compute/eltwise_unary/logical_not.h"
#include "api/compute/eltwise_unary/clamp.h"
#include "api/compute/eltwise_unary/where.h"
#include "api/compute/eltwise_unary/typecast.h"
void kernel_main() {
  compute_kernel_hw_startup(0, 16);
  cb_wait_front(0, 2);
  cb_reserve_back(16, 8);
  tile_regs_acquire();
  copy_tile_init(0);
  copy_tile(0, 0, 0);
  copy_tile(0, 1, 1);
  add_int_tile_init();
  add_int_tile<DataFormat::Int32>(0, 1, 2);
  sub_int_tile_init();
  sub_int_tile<DataFormat::Int32>(0, 1, 3);
  mul_int_tile_init();
  mul_int_tile<DataFormat::Int32>(0, 1, 4);
  copy_tile(0, 0, 5);
  clamp_tile_init();
  clamp_tile_int32(5, (uint32_t)-100, 100u);
  copy_tile(0, 0, 6);
  logical_not_tile_init();
  logical_not_tile<DataFormat::Int32>(6);
  where_tile_init();
  where_tile<DataFormat::Int32>(6, 1, 0, 7);
  tile_regs_commit();
  tile_regs_wait();
  for (uint32_t i = 0; i < 8; ++i) pack_tile(i, 16);
  tile_regs_release();
  cb_push_back(16, 8);
  cb_pop_front(0, 2);
}
)";

TEST(KernelHeaders, IntegerAndSelectionOpsAreExact) {
    // Two int32 tiles a, b with zeros among them; every result fits float32 exactly.
    std::vector<int32_t> a(kTileElements), b(kTileElements);
    for (uint32_t i = 0; i < kTileElements; ++i) {
        a[i] = i % 7 == 0 ? 0 : static_cast<int32_t>((i * 37) % 2001) - 1000;
        b[i] = static_cast<int32_t>((i * 91) % 1999) - 999;
    }
    std::vector<uint8_t> input(2 * 4096);
    std::memcpy(input.data(), a.data(), 4096);
    std::memcpy(input.data() + 4096, b.data(), 4096);
    TempDir dir;
    emu::RunResult r = run_mini(program(kIntegerCompute, 2, 8, DataFormat::kInt32, 4096, input), dir.path());
    ASSERT_TRUE(r.ok) << r.error;
    std::vector<int32_t> out(8 * kTileElements);
    ASSERT_GE(r.buffers.at(1).data.size(), out.size() * 4);
    std::memcpy(out.data(), r.buffers.at(1).data.data(), out.size() * 4);
    for (uint32_t i = 0; i < kTileElements; ++i) {
        int64_t x = a[i], y = b[i];
        ASSERT_EQ(out[0 * kTileElements + i], x) << i;
        ASSERT_EQ(out[2 * kTileElements + i], x + y) << i;
        ASSERT_EQ(out[3 * kTileElements + i], x - y) << i;
        ASSERT_EQ(out[4 * kTileElements + i], x * y) << i;
        ASSERT_EQ(out[5 * kTileElements + i], std::clamp<int64_t>(x, -100, 100)) << i;
        ASSERT_EQ(out[6 * kTileElements + i], x == 0 ? 1 : 0) << i;
        ASSERT_EQ(out[7 * kTileElements + i], x == 0 ? y : x) << i;
    }
}

// Two bfloat16 tiles side by side, untilized into one row of 64 values per row.
const char* kUntilizeCompute = R"(#include "api/compute/common.h"
#include "api/compute/tile_move_copy.h"
#include "api/compute/pack_untilize.h"
void kernel_main() {
  cb_wait_front(0, 2);
  cb_reserve_back(16, 2);
  pack_untilize_dest_init<2>(16);
  tile_regs_acquire();
  copy_tile(0, 0, 0);
  copy_tile(0, 1, 1);
  tile_regs_commit();
  tile_regs_wait();
  pack_untilize_dest<2>(16, 1);
  tile_regs_release();
  pack_untilize_uninit(16);
  cb_push_back(16, 2);
  cb_pop_front(0, 2);
}
)";

TEST(KernelHeaders, PackUntilizeWritesRowMajorRows) {
    std::vector<float> values = random_values(32 * 64, -4, 4, DataFormat::kBfloat16, 5);  // [32, 64] row-major
    TempDir dir;
    emu::RunResult r = run_mini(
        program(kUntilizeCompute, 2, 2, DataFormat::kBfloat16, 2048, emu::tilize(values, 32, 64, DataFormat::kBfloat16)),
        dir.path());
    ASSERT_TRUE(r.ok) << r.error;
    const std::vector<uint8_t>& out = r.buffers.at(1).data;
    ASSERT_GE(out.size(), 32u * 64u * 2u);
    for (uint32_t i = 0; i < 32 * 64; ++i) {
        uint16_t bits = static_cast<uint16_t>(out[2 * i] | (out[2 * i + 1] << 8));
        ASSERT_EQ(emu::bfloat16_to_float(bits), values[i]) << "row " << i / 64 << " column " << i % 64;
    }
}

TEST(KernelHeaders, AMissingIncludeFailsToBuildAsOnTheDevice) {
    // exp_tile is declared by eltwise_unary/exp.h, which this kernel does not include.
    std::string compute = R"(#include "api/compute/common.h"
#include "api/compute/tile_move_copy.h"
void kernel_main() {
  cb_wait_front(0, 1);
  tile_regs_acquire();
  copy_tile(0, 0, 0);
  exp_tile(0);
  tile_regs_commit();
}
)";
    TempDir dir;
    emu::RunResult r = run_mini(program(compute, 1, 1, DataFormat::kBfloat16, 2048, std::vector<uint8_t>(2048)), dir.path());
    ASSERT_FALSE(r.ok);
    EXPECT_TRUE(r.build_failed);
    EXPECT_NE(r.error.find("exp_tile"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find(dir / "compute.cpp:7:"), std::string::npos) << r.error;
}

TEST(KernelHeaders, AnApiTheEmulatorLacksNamesItselfAndItsHeader) {
    std::string compute = R"(#include "api/compute/common.h"
#include "api/compute/untilize.h"
void kernel_main() {
  untilize_init(0);
  untilize_block(0, 1, 16);
}
)";
    TempDir dir;
    emu::RunResult r = run_mini(program(compute, 1, 1, DataFormat::kBfloat16, 2048, std::vector<uint8_t>(2048)), dir.path());
    ASSERT_FALSE(r.ok);
    EXPECT_TRUE(r.build_failed);
    EXPECT_NE(r.error.find("not provided by the emulator: untilize_init (api/compute/untilize.h)"), std::string::npos)
        << r.error;
    EXPECT_NE(r.error.find("not provided by the emulator: untilize_block (api/compute/untilize.h)"), std::string::npos)
        << r.error;
}

}  // namespace
}  // namespace ttl::test

namespace ttl::test {
namespace {

TEST(KernelHeaders, TheCoverageReportNamesWhatTheEmulatorLacks) {
    TempDir dir;
    write_file(dir / "kernels/lacking.cpp", R"(#include "api/compute/common.h"
#include "api/compute/untilize.h"
void kernel_main() {
  untilize_init(0);
  untilize_block(0, 1, 16);
  cb_pop_front(0, 1);
  exp_tile(0);
}
)");
    write_file(dir / "kernels/fine.cpp", R"(#include "api/compute/common.h"
#include "api/compute/eltwise_unary/exp.h"
float twice(float x) { return 2 * x; }
void kernel_main() {
  exp_tile_init();
  exp_tile(0);
  twice(sizeof(int));
}
)");
    ToolResult r = run_tool("run --coverage " + dir / "kernels");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("5 kernel-API calls in 2 kernels:"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("NOT PROVIDED by the emulator (declared in api/compute/untilize.h)"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("untilize_block"), std::string::npos) << r.output;
    // exp_tile: declared where fine.cpp includes exp.h, not where lacking.cpp calls it without.
    EXPECT_NE(r.output.find("exp_tile          2 kernels  NOT DECLARED by the kernel's includes"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("the emulator lacks 3 calls"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("in " + dir / "kernels/fine.cpp"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("in " + dir / "kernels/lacking.cpp"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("twice"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("sizeof"), std::string::npos) << r.output;

    ToolResult fine = run_tool("run --coverage " + dir / "kernels/fine.cpp");
    EXPECT_EQ(fine.status, 0) << fine.output;
    EXPECT_NE(fine.output.find("the emulator provides every call"), std::string::npos) << fine.output;

    ToolResult missing = run_tool("run --coverage " + dir / "nothing-here");
    EXPECT_EQ(missing.status, 2) << missing.output;
}

}  // namespace
}  // namespace ttl::test
