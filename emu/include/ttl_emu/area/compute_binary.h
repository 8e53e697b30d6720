// ttl-export emulator, area "compute_binary": FPU element-wise binary ops from two CBs
#pragma once

#include "ttl_emu/area/compute_common.h"

TTL_EMU_NOOP(binary_op_init_common)
TTL_EMU_NOOP(add_tiles_init)
TTL_EMU_NOOP(sub_tiles_init)
TTL_EMU_NOOP(mul_tiles_init)
TTL_EMU_NOOP(binary_tiles_init)
#define TTL_EMU_FPU(name, op)                                                                          \
    inline void name(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t dst, TTL_EMU_AT) {    \
        ttl_emu::abi->fpu_binary(ttl_emu::BinaryOp::op, a, b, ia, ib, dst, ttl_emu::Bcast::None, TTL_EMU_HERE); \
    }
TTL_EMU_FPU(add_tiles, Add)
TTL_EMU_FPU(sub_tiles, Sub)
TTL_EMU_FPU(mul_tiles, Mul)
#undef TTL_EMU_FPU
