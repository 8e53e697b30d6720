// The emulator's speed: tiles per second of a single-core elementwise program and of a
// multi-core matmul, the 256-cubed bfloat16 matmul on one core (goal: under one second after
// the build), and kernel build time, cold (empty cache) and cached.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "emu_programs.h"
#include "emulate/runtime.h"

namespace {

std::string kernel_dir() { return std::string(TTL_SOURCE_DIR) + "/bench/kernels"; }

ttl::emu::RunOptions options() {
    ttl::emu::RunOptions o;
    o.build.cache_dir = std::string(TTL_BINARY_DIR) + "/kernel-cache";
    o.build.include_dir = std::string(TTL_SOURCE_DIR) + "/emu/include";
    return o;
}

std::vector<float> values(size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> d(-1, 1);
    std::vector<float> v(n);
    for (float& x : v) x = d(rng);
    return v;
}

void run(benchmark::State& state, const ttl::emu::Program& program, uint64_t tiles) {
    auto o = options();
    ttl::emu::RunResult warm = ttl::emu::run_program(program, o);  // builds (or finds) the kernels
    if (!warm.ok) {
        state.SkipWithError(warm.error.c_str());
        return;
    }
    double seconds = 0;
    for (auto _ : state) {
        ttl::emu::RunResult r = ttl::emu::run_program(program, o);
        if (!r.ok) state.SkipWithError(r.error.c_str());
        seconds += r.run_seconds;
        benchmark::DoNotOptimize(r.buffers.data());
    }
    state.counters["tiles_per_s"] = benchmark::Counter(static_cast<double>(tiles * state.iterations()) / seconds);
    state.counters["run_s"] = seconds / static_cast<double>(state.iterations());
}

void BM_EltwiseSingleCore(benchmark::State& state) {
    auto tiles = static_cast<uint32_t>(state.range(0));
    run(state, ttl::bench::eltwise_program(tiles, values(tiles * 1024, 1), values(tiles * 1024, 2), kernel_dir()), tiles);
}
BENCHMARK(BM_EltwiseSingleCore)->Arg(256)->Unit(benchmark::kMillisecond);

void BM_Matmul(benchmark::State& state) {
    auto size = static_cast<uint32_t>(state.range(0));
    auto grid = static_cast<uint32_t>(state.range(1));
    uint32_t tiles = size / 32;
    run(state, ttl::bench::matmul_program(size, size, size, grid, grid, values(size * size, 3), values(size * size, 4), kernel_dir()),
        uint64_t{tiles} * tiles * tiles);  // matmul_tiles calls
}
// 256-cubed on one core (the goal), then on 2x2 and 4x4 grids, and 512-cubed on 4x4.
BENCHMARK(BM_Matmul)->Args({256, 1})->Args({256, 2})->Args({256, 4})->Args({512, 4})->Unit(benchmark::kMillisecond);

/// Builds the matmul compute kernel once per iteration; with `cold`, from an empty cache each time.
void build(benchmark::State& state, bool cold) {
    ttl::emu::KernelSpec k;
    k.source_path = kernel_dir() + "/mm_compute.cpp";
    k.kind = ttl::ThreadRole::kCompute;
    k.compile_time_args = {0, 1, 2, 8, 8, 8};
    auto o = options();
    std::string cache = std::filesystem::temp_directory_path() / "ttl-emu-bench-cold";
    if (cold) o.build.cache_dir = cache;
    for (auto _ : state) {
        if (cold) std::filesystem::remove_all(cache);
        ttl::emu::KernelBinary binary;
        std::string error;
        if (!ttl::emu::build_kernel(k, o.build, binary, error)) state.SkipWithError(error.c_str());
    }
    if (cold) std::filesystem::remove_all(cache);
}

void BM_KernelBuildCold(benchmark::State& state) { build(state, true); }
BENCHMARK(BM_KernelBuildCold)->Iterations(3)->Unit(benchmark::kMillisecond);

void BM_KernelBuildCached(benchmark::State& state) { build(state, false); }
BENCHMARK(BM_KernelBuildCached)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
