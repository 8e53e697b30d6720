// ttl-export emulator, area "compute_bcast": broadcast ops
#pragma once

#include "ttl_emu/area/compute_common.h"

TTL_EMU_NOOP(init_bcast)
TTL_EMU_NOOP(add_bcast_rows_init_short)
TTL_EMU_NOOP(add_bcast_cols_init_short)
TTL_EMU_NOOP(mul_bcast_rows_init_short)
TTL_EMU_NOOP(mul_bcast_cols_init_short)
TTL_EMU_NOOP(mul_tiles_bcast_scalar_init_short)
TTL_EMU_NOOP(unary_bcast_init)
template <BroadcastType B = BroadcastType::NONE>
inline void unary_bcast(uint32_t cb, uint32_t tile, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->copy_tile(cb, tile, dst, ttl_emu::bcast_of(B), TTL_EMU_HERE);
}
template <BroadcastType B>
inline void add_tiles_bcast(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->fpu_binary(ttl_emu::BinaryOp::Add, a, b, ia, ib, dst, ttl_emu::bcast_of(B), TTL_EMU_HERE);
}
template <BroadcastType B>
inline void sub_tiles_bcast(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->fpu_binary(ttl_emu::BinaryOp::Sub, a, b, ia, ib, dst, ttl_emu::bcast_of(B), TTL_EMU_HERE);
}
template <BroadcastType B>
inline void mul_tiles_bcast(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->fpu_binary(ttl_emu::BinaryOp::Mul, a, b, ia, ib, dst, ttl_emu::bcast_of(B), TTL_EMU_HERE);
}
