// Stage "emulate": tensors in tt-metal's tile layout. A [rows, cols] tensor is padded to
// multiples of 32 and stored as tiles in row-major tile order, each tile in face order, so
// that page (tile) id = tile_row * tiles_per_row + tile_col, as `ttnn.from_torch(...,
// layout=TILE_LAYOUT)` lays it out.
#pragma once

#include <cstdint>
#include <vector>

#include "emulate/program.h"

namespace ttl::emu {

/// Bytes of a [rows, cols] tensor in `format`, tiled; values are row-major, padding is zero.
std::vector<uint8_t> tilize(const std::vector<float>& values, uint32_t rows, uint32_t cols, DataFormat format);
/// The row-major values of a tiled tensor (the padding dropped).
std::vector<float> untilize(const std::vector<uint8_t>& bytes, uint32_t rows, uint32_t cols, DataFormat format);
/// Bytes of the tiled tensor: whole tiles.
uint32_t tiled_size(uint32_t rows, uint32_t cols, DataFormat format);

}  // namespace ttl::emu
