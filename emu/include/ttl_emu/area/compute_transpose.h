// ttl-export emulator, area "compute_transpose": transposes
#pragma once

#include "ttl_emu/area/compute_common.h"

TTL_EMU_NOOP(transpose_wh_init)
TTL_EMU_NOOP(transpose_wh_init_short)
TTL_EMU_NOOP(transpose_init)
inline void transpose_wh_tile(uint32_t cb, uint32_t tile, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->transpose_tile(cb, tile, dst, TTL_EMU_HERE);
}
inline void transpose_tile(uint32_t cb, uint32_t tile, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->transpose_tile(cb, tile, dst, TTL_EMU_HERE);
}
