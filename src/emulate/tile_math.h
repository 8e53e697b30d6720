// Stage "emulate": tiles and the math of the compute API, independent of threads and memory.
//
// A tile is 32x32 values stored in tt-metal's face order (four 16x16 faces, each row-major),
// both in circular buffers and in the emulator's DST registers; DST holds float32. Values
// are converted to a CB's format when packed (bfloat16: round to nearest even) and back to
// float32 when unpacked.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "emulate/program.h"
#include "ttl_emu/abi.h"

namespace ttl::emu {

constexpr uint32_t kTileDim = 32;
constexpr uint32_t kTileElements = kTileDim * kTileDim;
using Tile = std::array<float, kTileElements>;

/// Offset of element (row, col) of a tile in face order.
constexpr uint32_t tile_offset(uint32_t row, uint32_t col) {
    return ((row >= 16 ? 2U : 0U) + (col >= 16 ? 1U : 0U)) * 256U + (row % 16) * 16U + col % 16;
}

uint16_t float_to_bfloat16(float value);  ///< round to nearest even; NaN stays NaN
float bfloat16_to_float(uint16_t bits);

/// Reads one tile of `format` from `bytes` (at least kTileElements * element_size).
void unpack_tile(DataFormat format, const uint8_t* bytes, Tile& out);
/// Writes one tile in `format`, rounding as the format requires.
void pack_tile(DataFormat format, const Tile& tile, uint8_t* bytes);
/// The value `value` becomes when stored in `format` and read back.
float round_to_format(DataFormat format, float value);

float apply_unary(ttl_emu::UnaryOp op, float x, float param);
float apply_binary(ttl_emu::BinaryOp op, float a, float b);
const char* unary_name(ttl_emu::UnaryOp op);

/// Replicates row 0, column 0 or element (0, 0) over the tile.
void broadcast(ttl_emu::Bcast bcast, Tile& tile);
void transpose(Tile& tile);
/// dst += a @ b (b transposed first when `transpose_b`), in float32.
void matmul_accumulate(const Tile& a, const Tile& b, bool transpose_b, Tile& dst);
/// Reduces `in` along `axis` scaled by `scaler` into dst: SUM/AVG add to what dst holds,
/// MAX takes the maximum with it unless `fresh` (dst not written since acquire).
void reduce(ttl_emu::Pool pool, ttl_emu::ReduceAxis axis, const Tile& in, float scaler, bool fresh, Tile& dst);

}  // namespace ttl::emu
