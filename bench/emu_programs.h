// Programs for the emulator benchmark and tests: a single-core elementwise add over N tiles and
// a multi-core matmul (output tiles split evenly over a grid), with kernels in bench/kernels.
#pragma once

#include <string>
#include <vector>

#include "emulate/program.h"

namespace ttl::bench {

/// out = a + b over `tiles` bfloat16 tiles (values row-major [32 * tiles, 32]).
emu::Program eltwise_program(uint32_t tiles, const std::vector<float>& a, const std::vector<float>& b,
                             const std::string& kernel_dir);

/// out[m, n] = a[m, k] @ b[k, n] in bfloat16, dimensions multiples of 32, on a cols x rows grid.
emu::Program matmul_program(uint32_t m, uint32_t k, uint32_t n, uint32_t grid_cols, uint32_t grid_rows,
                            const std::vector<float>& a, const std::vector<float>& b, const std::string& kernel_dir);

}  // namespace ttl::bench
