// ttl-export emulator, area "compute_matmul": matrix multiply
#pragma once

#include "ttl_emu/area/compute_common.h"

TTL_EMU_NOOP(mm_init)
TTL_EMU_NOOP(mm_init_short)
TTL_EMU_NOOP(mm_init_short_with_dt)
TTL_EMU_NOOP(mm_block_init)
TTL_EMU_NOOP(mm_block_init_short)
TTL_EMU_NOOP(matmul_init)
inline void matmul_tiles(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t dst, bool transpose = false,
                         TTL_EMU_AT) {
    ttl_emu::abi->matmul_tiles(a, b, ia, ib, dst, transpose, 1, 1, 1, TTL_EMU_HERE);
}
inline void matmul_block(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t dst, bool transpose,
                         uint32_t ct_dim, uint32_t rt_dim, uint32_t kt_dim, TTL_EMU_AT) {
    ttl_emu::abi->matmul_tiles(a, b, ia, ib, dst, transpose, ct_dim, rt_dim, kt_dim, TTL_EMU_HERE);
}
