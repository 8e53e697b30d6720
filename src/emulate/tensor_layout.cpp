#include "emulate/tensor_layout.h"

#include "emulate/tile_math.h"

namespace ttl::emu {

namespace {
uint32_t tiles(uint32_t n) {
    return (n + kTileDim - 1) / kTileDim;
}
}  // namespace

uint32_t tiled_size(uint32_t rows, uint32_t cols, DataFormat format) {
    return tiles(rows) * tiles(cols) * kTileElements * element_size(format);
}

std::vector<uint8_t> tilize(const std::vector<float>& values, uint32_t rows, uint32_t cols, DataFormat format) {
    uint32_t tile_bytes = kTileElements * element_size(format);
    std::vector<uint8_t> out(tiled_size(rows, cols, format));
    Tile tile;
    for (uint32_t tr = 0; tr < tiles(rows); ++tr) {
        for (uint32_t tc = 0; tc < tiles(cols); ++tc) {
            tile.fill(0.0f);
            for (uint32_t r = 0; r < kTileDim; ++r) {
                for (uint32_t c = 0; c < kTileDim; ++c) {
                    uint32_t row = tr * kTileDim + r;
                    uint32_t col = tc * kTileDim + c;
                    if (row < rows && col < cols) tile[tile_offset(r, c)] = values[size_t{row} * cols + col];
                }
            }
            pack_tile(format, tile, out.data() + size_t{tr * tiles(cols) + tc} * tile_bytes);
        }
    }
    return out;
}

std::vector<float> untilize(const std::vector<uint8_t>& bytes, uint32_t rows, uint32_t cols, DataFormat format) {
    uint32_t tile_bytes = kTileElements * element_size(format);
    std::vector<float> out(size_t{rows} * cols);
    Tile tile;
    for (uint32_t tr = 0; tr < tiles(rows); ++tr) {
        for (uint32_t tc = 0; tc < tiles(cols); ++tc) {
            size_t at = size_t{tr * tiles(cols) + tc} * tile_bytes;
            if (at + tile_bytes > bytes.size()) return out;
            unpack_tile(format, bytes.data() + at, tile);
            for (uint32_t r = 0; r < kTileDim; ++r) {
                for (uint32_t c = 0; c < kTileDim; ++c) {
                    uint32_t row = tr * kTileDim + r;
                    uint32_t col = tc * kTileDim + c;
                    if (row < rows && col < cols) out[size_t{row} * cols + col] = tile[tile_offset(r, c)];
                }
            }
        }
    }
    return out;
}

}  // namespace ttl::emu
