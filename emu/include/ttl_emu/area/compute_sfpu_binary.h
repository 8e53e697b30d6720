// ttl-export emulator, area "compute_sfpu_binary": binary SFPU ops on DST tiles
#pragma once

#include "ttl_emu/area/compute_common.h"

TTL_EMU_NOOP(add_binary_tile_init)
TTL_EMU_NOOP(sub_binary_tile_init)
TTL_EMU_NOOP(mul_binary_tile_init)
TTL_EMU_NOOP(div_binary_tile_init)
TTL_EMU_NOOP(rsub_binary_tile_init)
TTL_EMU_NOOP(power_binary_tile_init)
TTL_EMU_NOOP(binary_max_tile_init)
TTL_EMU_NOOP(binary_min_tile_init)
TTL_EMU_NOOP(binary_bitwise_tile_init)
TTL_EMU_NOOP(eq_binary_tile_init)
TTL_EMU_NOOP(ne_binary_tile_init)
TTL_EMU_NOOP(lt_binary_tile_init)
TTL_EMU_NOOP(gt_binary_tile_init)
TTL_EMU_NOOP(le_binary_tile_init)
TTL_EMU_NOOP(ge_binary_tile_init)
// ---- compute: DST-only (SFPU) ---------------------------------------------------------------
#define TTL_EMU_SFPU_BINARY(name, op)                                                                  \
    template <auto... T>                                                                               \
    inline void name(uint32_t a, uint32_t b, uint32_t out, TTL_EMU_AT) {                               \
        ttl_emu::abi->sfpu_binary(ttl_emu::BinaryOp::op, a, b, out, TTL_EMU_HERE);                     \
    }
TTL_EMU_SFPU_BINARY(add_binary_tile, Add)
TTL_EMU_SFPU_BINARY(sub_binary_tile, Sub)
TTL_EMU_SFPU_BINARY(mul_binary_tile, Mul)
TTL_EMU_SFPU_BINARY(div_binary_tile, Div)
TTL_EMU_SFPU_BINARY(rsub_binary_tile, Rsub)
TTL_EMU_SFPU_BINARY(power_binary_tile, Pow)
TTL_EMU_SFPU_BINARY(binary_max_tile, Max)
TTL_EMU_SFPU_BINARY(binary_min_tile, Min)
TTL_EMU_SFPU_BINARY(eq_binary_tile, Eq)
TTL_EMU_SFPU_BINARY(ne_binary_tile, Ne)
TTL_EMU_SFPU_BINARY(lt_binary_tile, Lt)
TTL_EMU_SFPU_BINARY(gt_binary_tile, Gt)
TTL_EMU_SFPU_BINARY(le_binary_tile, Le)
TTL_EMU_SFPU_BINARY(ge_binary_tile, Ge)
TTL_EMU_SFPU_BINARY(bitwise_and_binary_tile, BitAnd)
TTL_EMU_SFPU_BINARY(bitwise_or_binary_tile, BitOr)
TTL_EMU_SFPU_BINARY(bitwise_xor_binary_tile, BitXor)
#undef TTL_EMU_SFPU_BINARY
