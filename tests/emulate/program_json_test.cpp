// `ttl-export run PROGRAM.json`: a program described in JSON with tensors in files.
#include "emulate/program_json.h"

#include <gtest/gtest.h>

#include "emulate/emu_test_util.h"
#include "emulate/tensor_layout.h"
#include "emulate/tile_math.h"
#include "test_util.h"

namespace ttl::test {
namespace {

using emu::DataFormat;

std::string program_json(const std::string& kernels) {
    return R"({
  "kernels": [
    {"source": ")" + kernels + R"(/eltwise_reader.cpp", "kind": "reader", "core_ranges": [[[0, 0], [0, 0]]],
     "compile_time_args": [0, 1, 2, 2, 2, 2], "common_runtime_args": [268435456, 536870912],
     "runtime_args": [{"core": [0, 0], "args": [4]}]},
    {"source": ")" + kernels + R"(/eltwise_compute.cpp", "kind": "compute", "core_ranges": [[[0, 0], [0, 0]]],
     "compile_time_args": [0, 1, 2], "runtime_args": [{"core": [0, 0], "args": [4]}],
     "compute_config": {"fp32_dest_acc_en": false}},
    {"source": ")" + kernels + R"(/eltwise_writer.cpp", "kind": "writer", "core_ranges": [[[0, 0], [0, 0]]],
     "compile_time_args": [0, 1, 2, 2, 2, 2], "common_runtime_args": [805306368],
     "runtime_args": [{"core": [0, 0], "args": [4]}]}
  ],
  "cbs": [
    {"index": 0, "format": "bfloat16", "page_size": 2048, "total_size": 4096, "core_ranges": [[[0, 0], [0, 0]]]},
    {"index": 1, "format": "bfloat16", "page_size": 2048, "total_size": 4096, "core_ranges": [[[0, 0], [0, 0]]]},
    {"index": 2, "format": "bfloat16", "page_size": 2048, "total_size": 4096, "core_ranges": [[[0, 0], [0, 0]]]}
  ],
  "buffers": [
    {"name": "a", "address": 268435456, "size": 8192, "page_size": 2048, "input": "a.bin"},
    {"name": "b", "address": 536870912, "size": 8192, "page_size": 2048, "input": "b.bin"},
    {"name": "out", "address": 805306368, "size": 8192, "page_size": 2048, "output": "out.bin"}
  ]
})";
}

std::string bytes_of(const std::vector<uint8_t>& v) { return std::string(v.begin(), v.end()); }

TEST(ProgramJson, TheRunCommandRunsAProgramAndWritesItsOutputs) {
    TempDir dir;
    std::vector<float> a = random_values(128 * 32, -1, 1, DataFormat::kBfloat16, 41);
    std::vector<float> b = random_values(128 * 32, -1, 1, DataFormat::kBfloat16, 42);
    write_file(dir / "a.bin", bytes_of(emu::tilize(a, 128, 32, DataFormat::kBfloat16)));
    write_file(dir / "b.bin", bytes_of(emu::tilize(b, 128, 32, DataFormat::kBfloat16)));
    write_file(dir / "program.json", program_json(source_path("bench/kernels")));
    ToolResult r = run_tool("run program.json --cache-dir " + kernel_cache(), dir.path());
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("emulator: 3 kernels built"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("4 tiles packed"), std::string::npos) << r.output;
    std::string out = read_file(dir / "out.bin");
    std::vector<float> got = emu::untilize(std::vector<uint8_t>(out.begin(), out.end()), 128, 32, DataFormat::kBfloat16);
    ASSERT_EQ(got.size(), a.size());
    for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(got[i], emu::round_to_format(DataFormat::kBfloat16, a[i] + b[i])) << i;
}

TEST(ProgramJson, ARunErrorExitsOneWithTheKernelsLine) {
    TempDir dir;
    write_file(dir / "a.bin", "");
    write_file(dir / "b.bin", "");
    std::string text = program_json(source_path("bench/kernels"));
    text.replace(text.find("\"args\": [4]"), 11, "\"args\": [5]");  // the reader reads a fifth tile
    write_file(dir / "program.json", text);
    ToolResult r = run_tool("run program.json -q --cache-dir " + kernel_cache(), dir.path());
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("eltwise_reader.cpp:13: error: noc_async_read: device address 0x10002000 (2048 bytes) is "
                            "outside every buffer"),
              std::string::npos)
        << r.output;
}

TEST(ProgramJson, FieldErrorsNameTheField) {
    std::string error;
    EXPECT_FALSE(emu::parse_program_json("{", "/", error));
    EXPECT_EQ(error, "the program is not valid JSON");
    EXPECT_FALSE(emu::parse_program_json(R"({"kernels": [{"source": "k.cpp", "kind": "dm", "core_ranges": [[[0,0],[0,0]]]}]})", "/", error));
    EXPECT_EQ(error, "kernels[0].kind: expected \"reader\", \"writer\" or \"compute\", got \"dm\"");
    EXPECT_FALSE(emu::parse_program_json(R"({"kernels": [{"source": "k.cpp", "kind": "reader"}]})", "/", error));
    EXPECT_EQ(error, "kernels[0]: missing \"core_ranges\"");
    EXPECT_FALSE(emu::parse_program_json(
        R"({"kernels": [{"source": "k.cpp", "kind": "reader", "core_ranges": [[[0,0],[0,0]]], "runtime_args": [{"core": [1, 0], "args": []}]}]})",
        "/", error));
    EXPECT_EQ(error, "kernels[0].runtime_args[0].core: core (1, 0) is not in the kernel's core ranges");
    EXPECT_FALSE(emu::parse_program_json(
        R"({"kernels": [{"source": "k.cpp", "kind": "reader", "core_ranges": [[[0,0],[0,0]]]}], "cbs": [{"index": 0, "format": "bfloat8_b", "page_size": 1088, "total_size": 2176, "core_ranges": [[[0,0],[0,0]]]}]})",
        "/", error));
    EXPECT_EQ(error, "cbs[0].format: \"bfloat8_b\" is not an emulated format (bfloat16, float32, int32, uint32, uint16, uint8)");
    auto ok = emu::parse_program_json(R"({"kernels": [{"source": "k.cpp", "kind": "compute", "core_ranges": [[[0,0],[1,2]]]}]})", "/base", error);
    ASSERT_TRUE(ok) << error;
    EXPECT_EQ(ok->program.kernels[0].source_path, "/base/k.cpp");
    EXPECT_EQ(ok->program.kernels[0].cores[0].end.y, 2U);
}

TEST(ProgramJson, AMalformedFileExitsTwo) {
    TempDir dir;
    write_file(dir / "p.json", "{\"kernels\": 3}");
    ToolResult r = run_tool("run p.json", dir.path());
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("p.json: error: kernels: expected a non-empty list"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ttl::test

namespace ttl::test {
namespace {

/// A one-kernel program (a reader on core (0, 0)) around `body`.
std::string one_kernel(TempDir& dir, const std::string& body) {
    write_file(dir / "k.cpp", "#include \"api/dataflow/dataflow_api.h\"\nvoid kernel_main() {\n" + body + "\n}\n");
    write_file(dir / "program.json", R"({"kernels": [{"source": "k.cpp", "kind": "reader",
      "core_ranges": [[[0, 0], [0, 0]]]}]})");
    return "run program.json -q --cache-dir " + kernel_cache();
}

TEST(ProgramJson, AKernelThatSpinsWithoutCallingTheApiIsStoppedAtTheTimeout) {
    TempDir dir;
    std::string run = one_kernel(dir, "  volatile uint32_t n = 0;\n  while (true) n = n + 1;");
    // `timeout 120` guards the test itself: without the fix the command never ends.
    ToolResult r = run_tool(run + " --timeout 2", dir.path(), "timeout 120");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("error: the program did not finish within 2 s"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("still running (it never calls the kernel API): the reader kernel '" + dir / "k.cpp" +
                            "' on core (0, 0)"),
              std::string::npos)
        << r.output;
}

TEST(ProgramJson, AKernelThatCrashesIsNamedWithItsCoreAndTheSignal) {
    TempDir dir;
    std::string run = one_kernel(dir, "  *reinterpret_cast<volatile uint32_t*>(uintptr_t(16)) = 1;");
    ToolResult r = run_tool(run, dir.path(), "timeout 120");
    EXPECT_NE(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("error: the emulator crashed with SIGSEGV (invalid memory access) in the reader kernel '" +
                            dir / "k.cpp" + "' on core (0, 0)"),
              std::string::npos)
        << r.output;
}

TEST(ProgramJson, TimeoutsMustBeFinitePositiveSeconds) {
    for (const char* bad : {"0", "-1", "inf", "nan", "abc", "1e999"}) {
        ToolResult r = run_tool(std::string("run x.json --timeout ") + bad);
        EXPECT_EQ(r.status, 2) << bad << ": " << r.output;
        EXPECT_NE(r.output.find("expected a number of seconds above 0"), std::string::npos) << bad << ": " << r.output;
    }
    // verify --emulator honours --timeout.
    ToolResult quick = run_tool("verify " + source_path("tests/golden/package/eltwise_add") +
                                " --emulator --timeout 0.001");
    EXPECT_EQ(quick.status, 1) << quick.output;
    EXPECT_NE(quick.output.find("did not finish within 0.001 s"), std::string::npos) << quick.output;
    ToolResult verify = run_tool("verify pkg --timeout inf");
    EXPECT_EQ(verify.status, 2) << verify.output;
    ToolResult mixed = run_tool("verify " + source_path("tests/golden/package/eltwise_add") + " --emulator --vm other");
    EXPECT_EQ(mixed.status, 2) << mixed.output;
    EXPECT_NE(mixed.output.find("'--local', '--config' and '--vm' do not apply to it"), std::string::npos)
        << mixed.output;
}

}  // namespace
}  // namespace ttl::test
