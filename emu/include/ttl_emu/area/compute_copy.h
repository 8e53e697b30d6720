// ttl-export emulator, area "compute_copy": CB -> DST copies
#pragma once

#include "ttl_emu/area/compute_common.h"

TTL_EMU_NOOP(copy_tile_init)
TTL_EMU_NOOP(copy_tile_to_dst_init_short)
TTL_EMU_NOOP(copy_tile_to_dst_init_short_with_dt)
inline void copy_tile(uint32_t cb, uint32_t tile, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->copy_tile(cb, tile, dst, ttl_emu::Bcast::None, TTL_EMU_HERE);
}
