// The compute kernel API: DST registers, unpacking tiles from CBs, packing, FPU and SFPU math.
#include "emulate/device.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace ttl::emu::device {

// ---- compute -----------------------------------------------------------------------------------

// `call` + `suffix` name the API call in messages (`exp` + `_tile`); they are joined only when
// a check fails, never on the per-tile path.
void need_regs(int state, const char* call, const char* file, int line, const char* suffix = "") {
    Thread& t = *t_self;
    if (t.spec->kind != ThreadRole::kCompute)
        raise(file, line, fmt::format("{}{} in a data-movement kernel", call, suffix));
    if (t.regs != state) {
        raise(file, line,
              state == 1
                  ? fmt::format("{}{} outside tile_regs_acquire() .. tile_regs_commit(): DST is not acquired", call,
                                suffix)
                  : fmt::format("{}{} outside tile_regs_wait() .. tile_regs_release(): call tile_regs_commit() and "
                                "tile_regs_wait() before packing",
                                call, suffix));
    }
}

void need_dst(uint32_t index, const char* call, const char* file, int line, const char* suffix = "") {
    Thread& t = *t_self;
    if (index >= t.dst_capacity) {
        raise(file, line,
              fmt::format("{}{}: DST index {} is out of range: {} tiles are usable with fp32_dest_acc_en={} and "
                          "dst_full_sync_en={}",
                          call, suffix, index, t.dst_capacity, t.spec->compute.fp32_dest_acc_en,
                          t.spec->compute.dst_full_sync_en));
    }
}

/// Copies tile `tile` (counted from the read pointer) of CB `cb` into `out`.
void read_cb_tile(uint32_t cb, uint32_t tile, Tile& out, const char* call, const char* file, int line) {
    auto lock = locked();
    CbState& c = cb_of(lock, cb, call, file, line);
    if (tile >= c.waited) {
        raise(lock, file, line,
              fmt::format("{} reads tile {} of circular buffer {} but only {} page{} {} waited for (cb_wait_front)",
                          call, tile, cb, c.waited, c.waited == 1 ? "" : "s", c.waited == 1 ? "was" : "were"));
    }
    uint32_t need = kTileElements * element_size(c.format);
    if (c.page < need) {
        raise(lock, file, line,
              fmt::format("{}: circular buffer {} has {}-byte pages but a {} tile needs {} bytes", call, cb, c.page,
                          format_name(c.format), need));
    }
    uint32_t address = c.page_address(c.rd, tile);
    unpack_tile(c.format, t_self->core->l1 + (address - t_self->core->base()), out);
}

void abi_tile_regs(uint32_t step, const char* file, int line) {
    Thread& t = *t_self;
    static constexpr const char* kNames[] = {"tile_regs_acquire", "tile_regs_commit", "tile_regs_wait",
                                             "tile_regs_release"};
    if (t.spec->kind != ThreadRole::kCompute)
        raise(file, line, fmt::format("{} in a data-movement kernel", kNames[step]));
    static constexpr const char* kNeeds[] = {"after tile_regs_release() (or at the start)", "after tile_regs_acquire()",
                                             "after tile_regs_commit()", "after tile_regs_wait()"};
    if (t.regs != static_cast<int>(step)) raise(file, line, fmt::format("{} must come {}", kNames[step], kNeeds[step]));
    t.regs = (t.regs + 1) % 4;
    if (step == ttl_emu::kAcquire) {
        for (Tile& tile : t.dst) tile.fill(0.0f);
        t.written.fill(false);
    }
}

void abi_copy_tile(uint32_t cb, uint32_t tile, uint32_t dst, ttl_emu::Bcast bcast, const char* file, int line) {
    const char* call = bcast == ttl_emu::Bcast::None ? "copy_tile" : "unary_bcast";
    need_regs(1, call, file, line);
    need_dst(dst, call, file, line);
    Thread& t = *t_self;
    read_cb_tile(cb, tile, t.dst[dst], call, file, line);
    broadcast(bcast, t.dst[dst]);
    t.written[dst] = true;
}

void abi_transpose_tile(uint32_t cb, uint32_t tile, uint32_t dst, const char* file, int line) {
    need_regs(1, "transpose_wh_tile", file, line);
    need_dst(dst, "transpose_wh_tile", file, line);
    Thread& t = *t_self;
    read_cb_tile(cb, tile, t.dst[dst], "transpose_wh_tile", file, line);
    transpose(t.dst[dst]);
    t.written[dst] = true;
}

void abi_pack_tile(uint32_t dst, uint32_t cb, uint32_t out_tile, bool out_of_order, const char* file, int line) {
    need_regs(3, "pack_tile", file, line);
    need_dst(dst, "pack_tile", file, line);
    Thread& t = *t_self;
    auto lock = locked();
    CbState& c = cb_of(lock, cb, "pack_tile", file, line);
    uint32_t slot = out_of_order ? out_tile : c.pack_offset;
    if (slot >= c.reserved) {
        raise(lock, file, line,
              fmt::format(
                  "pack_tile writes page {} of circular buffer {} but only {} page{} {} reserved (cb_reserve_back){}",
                  slot, cb, c.reserved, c.reserved == 1 ? "" : "s", c.reserved == 1 ? "was" : "were",
                  out_of_order ? "" : "; pack_tile<false> packs to consecutive pages"));
    }
    uint32_t need = kTileElements * element_size(c.format);
    if (c.page < need) {
        raise(lock, file, line,
              fmt::format("pack_tile: circular buffer {} has {}-byte pages but a {} tile needs {} bytes", cb, c.page,
                          format_name(c.format), need));
    }
    if (!out_of_order) ++c.pack_offset;
    uint32_t address = c.page_address(c.wr, slot);
    pack_tile(c.format, t.dst[dst], t.core->l1 + (address - t.core->base()));
    ++t.device->tiles_packed;
}

void abi_fpu_binary(ttl_emu::BinaryOp op, uint32_t cb_a, uint32_t cb_b, uint32_t tile_a, uint32_t tile_b, uint32_t dst,
                    ttl_emu::Bcast bcast_b, const char* file, int line) {
    static constexpr const char* kNames[] = {"add_tiles", "sub_tiles", "mul_tiles"};
    const char* call = static_cast<uint32_t>(op) < 3 ? kNames[static_cast<uint32_t>(op)] : "binary tiles";
    need_regs(1, call, file, line);
    need_dst(dst, call, file, line);
    Thread& t = *t_self;
    Tile a;
    Tile b;
    read_cb_tile(cb_a, tile_a, a, call, file, line);
    read_cb_tile(cb_b, tile_b, b, call, file, line);
    broadcast(bcast_b, b);
    for (uint32_t i = 0; i < kTileElements; ++i) t.dst[dst][i] = apply_binary(op, a[i], b[i]);
    t.written[dst] = true;
}

void abi_sfpu_binary(ttl_emu::BinaryOp op, uint32_t a, uint32_t b, uint32_t out, const char* file, int line) {
    need_regs(1, "binary SFPU op", file, line);
    for (uint32_t i : {a, b, out}) need_dst(i, "binary SFPU op", file, line);
    Thread& t = *t_self;
    for (uint32_t i = 0; i < kTileElements; ++i) t.dst[out][i] = apply_binary(op, t.dst[a][i], t.dst[b][i]);
    t.written[out] = true;
}

void abi_sfpu_unary(ttl_emu::UnaryOp op, uint32_t dst, float param, const char* file, int line) {
    need_regs(1, unary_name(op), file, line, "_tile");
    need_dst(dst, unary_name(op), file, line, "_tile");
    Thread& t = *t_self;
    for (float& v : t.dst[dst]) v = apply_unary(op, v, param);
    t.written[dst] = true;
}

void abi_sfpu_where(uint32_t cond, uint32_t if_true, uint32_t if_false, uint32_t out, const char* file, int line) {
    need_regs(1, "where_tile", file, line);
    for (uint32_t i : {cond, if_true, if_false, out}) need_dst(i, "where_tile", file, line);
    Thread& t = *t_self;
    Tile result;
    for (uint32_t i = 0; i < kTileElements; ++i) {
        result[i] = t.dst[cond][i] != 0.0f ? t.dst[if_true][i] : t.dst[if_false][i];
    }
    t.dst[out] = result;
    t.written[out] = true;
}

void abi_pack_untilize(uint32_t dst, uint32_t cb, uint32_t block_rt, uint32_t block_ct, uint32_t full_ct,
                       uint32_t block_c_index, const char* file, int line) {
    need_regs(3, "pack_untilize", file, line);
    if (block_ct == 0 || full_ct < block_ct || full_ct % block_ct != 0 || (block_c_index + 1) * block_ct > full_ct) {
        raise(file, line,
              fmt::format("pack_untilize: a block {} tiles wide at block column {} does not fit a row {} tiles wide",
                          block_ct, block_c_index, full_ct));
    }
    for (uint32_t i = 0; i < block_rt * block_ct; ++i) need_dst(dst + i, "pack_untilize", file, line);
    Thread& t = *t_self;
    auto lock = locked();
    CbState& c = cb_of(lock, cb, "pack_untilize", file, line);
    uint32_t size = element_size(c.format);
    if (block_rt * full_ct > c.reserved || c.page < kTileElements * size) {
        raise(lock, file, line,
              fmt::format("pack_untilize writes {} row{} of {} tiles to circular buffer {}, which has {} page{} "
                          "reserved (cb_reserve_back) of {} bytes",
                          block_rt, block_rt == 1 ? "" : "s", full_ct, cb, c.reserved, c.reserved == 1 ? "" : "s",
                          c.page));
    }
    // Row block r holds full_ct tiles' worth of rows: 32 rows of full_ct * 32 values, row-major.
    std::vector<uint8_t> packed(kTileElements * size);
    for (uint32_t r = 0; r < block_rt; ++r) {
        uint8_t* rows = t.core->l1 + (c.page_address(c.wr, r * full_ct) - t.core->base());
        for (uint32_t col_tile = 0; col_tile < block_ct; ++col_tile) {
            pack_tile(c.format, t.dst[dst + r * block_ct + col_tile], packed.data());
            uint32_t first_col = (block_c_index * block_ct + col_tile) * kTileDim;
            for (uint32_t row = 0; row < kTileDim; ++row) {
                for (uint32_t col = 0; col < kTileDim; ++col) {
                    std::memcpy(rows + (row * full_ct * kTileDim + first_col + col) * size,
                                packed.data() + tile_offset(row, col) * size, size);
                }
            }
            ++t.device->tiles_packed;
        }
    }
}

void abi_copy_dest(uint32_t to, uint32_t from, const char* file, int line) {
    need_regs(1, "copy_dest_values", file, line);
    need_dst(to, "copy_dest_values", file, line);
    need_dst(from, "copy_dest_values", file, line);
    Thread& t = *t_self;
    t.dst[to] = t.dst[from];
    t.written[to] = true;
}

void abi_typecast(uint32_t dst, uint32_t, uint32_t out_format, const char* file, int line) {
    need_regs(1, "typecast_tile", file, line);
    need_dst(dst, "typecast_tile", file, line);
    auto format = static_cast<DataFormat>(out_format);
    if (element_size(format) == 0)
        raise(file, line, fmt::format("typecast_tile: data format {} is not emulated", out_format));
    for (float& v : t_self->dst[dst]) v = round_to_format(format, v);
}

void abi_reduce_tile(ttl_emu::Pool pool, ttl_emu::ReduceAxis axis, uint32_t cb, uint32_t cb_scaler, uint32_t tile,
                     uint32_t tile_scaler, uint32_t dst, const char* file, int line) {
    need_regs(1, "reduce_tile", file, line);
    need_dst(dst, "reduce_tile", file, line);
    Thread& t = *t_self;
    Tile in;
    Tile scaler;
    read_cb_tile(cb, tile, in, "reduce_tile", file, line);
    read_cb_tile(cb_scaler, tile_scaler, scaler, "reduce_tile", file, line);
    reduce(pool, axis, in, scaler[0], !t.written[dst], t.dst[dst]);
    t.written[dst] = true;
}

void abi_matmul_tiles(uint32_t cb_a, uint32_t cb_b, uint32_t tile_a, uint32_t tile_b, uint32_t dst, bool transpose_b,
                      uint32_t ct, uint32_t rt, uint32_t kt, const char* file, int line) {
    const char* call = ct == 1 && rt == 1 && kt == 1 ? "matmul_tiles" : "matmul_block";
    need_regs(1, call, file, line);
    Thread& t = *t_self;
    for (uint32_t r = 0; r < rt; ++r) {
        Tile a;
        read_cb_tile(cb_a, tile_a + r * kt, a, call, file, line);
        for (uint32_t c = 0; c < ct; ++c) {
            uint32_t out = dst + r * ct + c;
            need_dst(out, call, file, line);
            Tile b;
            read_cb_tile(cb_b, tile_b + c, b, call, file, line);
            matmul_accumulate(a, b, transpose_b, t.dst[out]);
            t.written[out] = true;
        }
    }
}

void abi_fail(const char* message, const char* file, int line) {
    raise(file, line, message);
}

}  // namespace ttl::emu::device
