#include "emu_programs.h"

#include "emulate/tensor_layout.h"
#include "emulate/tile_math.h"

namespace ttl::bench {

namespace {

emu::BufferSpec buffer(const char* name, uint32_t address, uint32_t rows, uint32_t cols, const std::vector<float>& values) {
    emu::BufferSpec b;
    b.name = name;
    b.address = address;
    b.size = emu::tiled_size(rows, cols, emu::DataFormat::kBfloat16);
    b.page_size = 2048;
    if (!values.empty()) b.data = emu::tilize(values, rows, cols, emu::DataFormat::kBfloat16);
    return b;
}

emu::KernelSpec kernel(const std::string& path, ThreadRole kind, const emu::CoreRangeSet& cores,
                       std::vector<uint32_t> ct_args, std::vector<uint32_t> common) {
    emu::KernelSpec k;
    k.source_path = path;
    k.kind = kind;
    k.cores = cores;
    k.compile_time_args = std::move(ct_args);
    k.common_runtime_args = std::move(common);
    return k;
}

}  // namespace

emu::Program eltwise_program(uint32_t tiles, const std::vector<float>& a, const std::vector<float>& b,
                             const std::string& kernel_dir) {
    emu::Program p;
    emu::CoreRangeSet core = {emu::CoreRange{{0, 0}, {0, 0}}};
    uint32_t rows = 32 * tiles;
    p.buffers = {buffer("a", 0x10000000, rows, 32, a), buffer("b", 0x20000000, rows, 32, b),
                 buffer("out", 0x30000000, rows, 32, {})};
    for (uint32_t cb = 0; cb < 3; ++cb) p.cbs.push_back(emu::CbSpec{cb, emu::DataFormat::kBfloat16, 2048, 4096, core});
    std::vector<uint32_t> ct = {0, 1, 2, 2, 2, 2};
    p.kernels = {kernel(kernel_dir + "/eltwise_reader.cpp", ThreadRole::kReader, core, ct, {0x10000000, 0x20000000}),
                 kernel(kernel_dir + "/eltwise_compute.cpp", ThreadRole::kCompute, core, ct, {}),
                 kernel(kernel_dir + "/eltwise_writer.cpp", ThreadRole::kWriter, core, ct, {0x30000000})};
    for (emu::KernelSpec& k : p.kernels) k.runtime_args[{0, 0}] = {tiles};
    return p;
}

emu::Program matmul_program(uint32_t m, uint32_t k, uint32_t n, uint32_t grid_cols, uint32_t grid_rows,
                            const std::vector<float>& a, const std::vector<float>& b, const std::string& kernel_dir) {
    emu::Program p;
    emu::CoreRangeSet grid = {emu::CoreRange{{0, 0}, {grid_cols - 1, grid_rows - 1}}};
    uint32_t mt = m / 32, kt = k / 32, nt = n / 32;
    p.buffers = {buffer("a", 0x10000000, m, k, a), buffer("b", 0x20000000, k, n, b), buffer("out", 0x30000000, m, n, {})};
    for (uint32_t cb = 0; cb < 3; ++cb) p.cbs.push_back(emu::CbSpec{cb, emu::DataFormat::kBfloat16, 2048, 4096, grid});
    std::vector<uint32_t> ct = {0, 1, 2, mt, kt, nt, 2, 2, 2};
    p.kernels = {kernel(kernel_dir + "/mm_reader.cpp", ThreadRole::kReader, grid, ct, {0x10000000, 0x20000000}),
                 kernel(kernel_dir + "/mm_compute.cpp", ThreadRole::kCompute, grid, ct, {}),
                 kernel(kernel_dir + "/mm_writer.cpp", ThreadRole::kWriter, grid, ct, {0x30000000})};
    uint32_t cores = grid_cols * grid_rows;
    uint32_t total = mt * nt;
    uint32_t first = 0;
    for (uint32_t i = 0; i < cores; ++i) {
        uint32_t count = total / cores + (i < total % cores ? 1 : 0);
        emu::CoreCoord xy{i % grid_cols, i / grid_cols};
        for (emu::KernelSpec& kern : p.kernels) kern.runtime_args[xy] = {first, count};
        first += count;
    }
    return p;
}

}  // namespace ttl::bench
