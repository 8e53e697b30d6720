#include "emulate/program_from_runner.h"

#include "read/compile_time_args.h"

#include <fmt/format.h>

#include "emulate/tensor_layout.h"
#include "emulate/tile_math.h"

namespace ttl::emu {

std::optional<Program> program_from_runner(const RunnerModel& runner, const std::vector<std::string>& kernel_files,
                                           const std::vector<TensorInput>& tensors, std::string& error) {
    if (kernel_files.size() != runner.kernels.size()) {
        error = fmt::format("the runner has {} kernels but {} kernel files were given", runner.kernels.size(),
                            kernel_files.size());
        return std::nullopt;
    }
    if (static_cast<int>(tensors.size()) != runner.num_tensors) {
        error = fmt::format("the runner takes {} tensors but {} were given", runner.num_tensors, tensors.size());
        return std::nullopt;
    }
    Program p;
    CoreRangeSet grid = {
        CoreRange{{0, 0}, {static_cast<uint32_t>(runner.grid_cols - 1), static_cast<uint32_t>(runner.grid_rows - 1)}}};
    uint32_t address = 0x10000000;
    std::vector<uint32_t> accessor_args;
    for (const TensorInput& t : tensors) {
        BufferSpec b;
        b.name = t.name;
        b.address = address;
        b.size = tiled_size(t.rows, t.cols, t.format);
        b.page_size = kTileElements * element_size(t.format);
        b.dram = t.dram;
        if (!t.values.empty()) {
            if (t.values.size() != size_t{t.rows} * t.cols) {
                error = fmt::format("tensor '{}' has {} values for shape [{}, {}]", t.name, t.values.size(), t.rows,
                                    t.cols);
                return std::nullopt;
            }
            b.data = tilize(t.values, t.rows, t.cols, t.format);
        }
        address += (b.size + 0xffff) & ~0xffffU;
        accessor_args.push_back(ct_args::accessor_word(t.dram));
        p.buffers.push_back(std::move(b));
    }
    for (size_t i = 0; i < runner.cbs.size(); ++i) {
        const RunnerCb& cb = runner.cbs[i];
        if (!cb.present) continue;
        auto format = format_from_name(cb.dtype);
        if (!format) {
            error =
                fmt::format("circular buffer {} has data type '{}', which the emulator does not store", i, cb.dtype);
            return std::nullopt;
        }
        p.cbs.push_back(CbSpec{static_cast<uint32_t>(cb.index), *format, static_cast<uint32_t>(cb.page_size),
                               static_cast<uint32_t>(cb.total_size), grid});
    }
    for (size_t k = 0; k < runner.kernels.size(); ++k) {
        const RunnerKernel& rk = runner.kernels[k];
        KernelSpec spec;
        spec.source_path = kernel_files[k];
        spec.kind = rk.role;
        spec.cores = grid;
        spec.compile_time_args = ct_args::for_kernel(rk.role, runner.cbs.size(), accessor_args);
        for (int index : runner.tensor_indices[k]) {
            if (index < 0 || index >= static_cast<int>(tensors.size())) {
                error = fmt::format("kernel {} uses tensor {} of {}", k, index, tensors.size());
                return std::nullopt;
            }
            spec.common_runtime_args.push_back(p.buffers[static_cast<size_t>(index)].address);
        }
        p.kernels.push_back(std::move(spec));
    }
    return p;
}

}  // namespace ttl::emu
