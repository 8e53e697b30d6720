// ttl-export emulator, area "compute_pack_untilize": packing DST tiles to a CB in row-major
// (untilized) order. Pinned semantics: pack_untilize_dest<BLOCK_CT, FULL_CT>(cb, block_rt,
// block_c_index) takes DST tiles 0 .. block_rt * BLOCK_CT - 1 row-block by row-block; row block r
// fills pages r * FULL_CT .. (r + 1) * FULL_CT - 1 of the reserved space as 32 rows of FULL_CT * 32
// values, the block's columns starting at block_c_index * BLOCK_CT * 32.
#pragma once

#include "ttl_emu/area/compute_common.h"

TTL_EMU_NOOP(pack_untilize_init)
TTL_EMU_NOOP(pack_untilize_dest_init)
TTL_EMU_NOOP(pack_untilize_uninit)
template <uint32_t BLOCK_CT = 8, uint32_t FULL_CT = BLOCK_CT, auto... REST>
inline void pack_untilize_dest(uint32_t cb, uint32_t block_rt = 1, uint32_t block_c_index = 0, uint32_t = 16,
                               uint32_t = 4, uint32_t dst_offset = 0, TTL_EMU_AT) {
    ttl_emu::abi->pack_untilize(dst_offset * BLOCK_CT, cb, block_rt, BLOCK_CT, FULL_CT, block_c_index, TTL_EMU_HERE);
}
