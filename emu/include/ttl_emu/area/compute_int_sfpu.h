// ttl-export emulator, area "compute_int_sfpu": integer binary SFPU ops on DST tiles (add_int_tile,
// sub_int_tile, mul_int_tile): 32-bit two's complement with wrap-around, whatever the format
// template argument. DST holds float32, so values are exact up to 2^24 in magnitude.
#pragma once

#include "ttl_emu/area/compute_common.h"

#define TTL_EMU_INT_SFPU(name, op)                                                  \
    template <auto... T>                                                            \
    inline void name(uint32_t a, uint32_t b, uint32_t out, TTL_EMU_AT) {            \
        ttl_emu::abi->sfpu_binary(ttl_emu::BinaryOp::op, a, b, out, TTL_EMU_HERE);  \
    }                                                                               \
    TTL_EMU_NOOP(name##_init)
TTL_EMU_INT_SFPU(add_int_tile, IntAdd)
TTL_EMU_INT_SFPU(sub_int_tile, IntSub)
TTL_EMU_INT_SFPU(rsub_int_tile, IntSub)
TTL_EMU_INT_SFPU(mul_int_tile, IntMul)
TTL_EMU_INT_SFPU(mul_int32_tile, IntMul)
#undef TTL_EMU_INT_SFPU
