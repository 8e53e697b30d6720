// Throughput of the kernel reader (lexer alone, and the whole read) on a large generated
// kernel of about 100k lines in the emitted B dialect. Goal: at least 50 MB/s.
#include <benchmark/benchmark.h>

#include <string>

#include <fmt/format.h>

#include "read/cpp_lexer.h"
#include "read/kernel_reader.h"

namespace {

/// A kernel_main whose body repeats a reader block (17 lines) with fresh names until
/// `lines` lines are reached.
std::string generate_kernel(int lines) {
    std::string out =
        "// big_read\n#include <cstdint>\n#include \"api/dataflow/dataflow_api.h\"\n"
        "void kernel_main() {\n  int32_t v1 = 2048;\n  int32_t v2 = 1;\n  size_t v3 = 4;\n"
        "  size_t v4 = 1;\n  size_t v5 = 0;\n";
    int n = 10;
    int written = 9;
    while (written < lines) {
        out += fmt::format(
            "  for (size_t i{0} = v5; i{0} < v3; i{0} += v4) {{\n"
            "    cb_reserve_back(get_compile_time_arg_val(0), v2);\n"
            "    int32_t v{1} = get_common_arg_val<uint32_t>(v5);\n"
            "    auto tensor_accessor_args_{2} = TensorAccessorArgs<tensor_accessor::detail::"
            "get_tensor_accessor_args_cta_offset<0, 3>(), 0>();\n"
            "    TensorAccessor v{3} = TensorAccessor(tensor_accessor_args_{2}, v{1}, v1);\n"
            "    size_t v{4} = i{0} * v3;\n"
            "    size_t v{5} = v{4} + i{0};\n"
            "    ptrdiff_t v{6} = (ptrdiff_t) v{5};\n"
            "    int32_t v{7} = (int32_t) v{6};\n"
            "    int32_t v{8} = get_write_ptr(get_compile_time_arg_val(0));\n"
            "    noc_async_read_tile(v{7}, v{3}, v{8});\n"
            "    noc_async_read_barrier();\n"
            "    noc0.async_read(v{3}, CoreLocalMem<uint32_t>(v{8}), v{3}.get_aligned_page_size(), "
            "{{.page_id = static_cast<uint32_t>(v{7})}}, {{}});\n"
            "    cb_push_back(get_compile_time_arg_val(0), v2);\n"
            "  }}\n",
            n, n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7, n + 8);
        n += 9;
        written += 15;
    }
    out += "  return;\n}\n";
    return out;
}

const std::string& big_kernel() {
    static const std::string text = generate_kernel(100000);
    return text;
}

void BM_LexOnly(benchmark::State& state) {
    ttl::SourceFile source("big.cpp", big_kernel());
    for (auto _ : state) {
        ttl::Diagnostics d;
        auto tokens = ttl::lex_cpp(source, d);
        benchmark::DoNotOptimize(tokens.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(big_kernel().size()));
}
BENCHMARK(BM_LexOnly)->Unit(benchmark::kMillisecond);

void BM_ReadKernel(benchmark::State& state) {
    auto source = std::make_shared<ttl::SourceFile>("big.cpp", big_kernel());
    for (auto _ : state) {
        ttl::Diagnostics d;
        auto kernel = ttl::read_kernel(source, d);
        if (!kernel) state.SkipWithError("the generated kernel did not read");
        benchmark::DoNotOptimize(kernel);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(big_kernel().size()));
    state.counters["lines"] = 100000;
}
BENCHMARK(BM_ReadKernel)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
