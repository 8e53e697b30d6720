// ttl-export emulator, area "compute_common": what every compute header brings: enums, the DST registers, packing, data-format reconfiguration
#pragma once

#include "ttl_emu/area/args.h"
#include "ttl_emu/area/cb.h"
#include "ttl_emu/area/compute_enums.h"

// ---- compute: DST registers -----------------------------------------------------------------
inline void tile_regs_acquire(TTL_EMU_AT) { ttl_emu::abi->tile_regs(ttl_emu::kAcquire, TTL_EMU_HERE); }
inline void tile_regs_commit(TTL_EMU_AT) { ttl_emu::abi->tile_regs(ttl_emu::kCommit, TTL_EMU_HERE); }
inline void tile_regs_wait(TTL_EMU_AT) { ttl_emu::abi->tile_regs(ttl_emu::kWait, TTL_EMU_HERE); }
inline void tile_regs_release(TTL_EMU_AT) { ttl_emu::abi->tile_regs(ttl_emu::kRelease, TTL_EMU_HERE); }


TTL_EMU_NOOP(init_sfpu)
TTL_EMU_NOOP(compute_kernel_hw_startup)
TTL_EMU_NOOP(unary_op_init_common)
TTL_EMU_NOOP(pack_reconfig_data_format)
TTL_EMU_NOOP(unpack_reconfig_data_format)
TTL_EMU_NOOP(unpack_reconfig_data_format_srca)
TTL_EMU_NOOP(unpack_reconfig_data_format_srcb)
TTL_EMU_NOOP(reconfig_data_format)
TTL_EMU_NOOP(reconfig_data_format_srca)
TTL_EMU_NOOP(reconfig_data_format_srcb)
inline void pack_reconfig_l1_acc(uint32_t enable, TTL_EMU_AT) {
    if (enable) ttl_emu::abi->fail("pack_reconfig_l1_acc(1): L1 accumulation is not emulated", TTL_EMU_HERE);
}

// ---- compute: DST -> CB ---------------------------------------------------------------------
template <bool out_of_order = false>
inline void pack_tile(uint32_t dst, uint32_t cb, uint32_t out_tile = 0, TTL_EMU_AT) {
    ttl_emu::abi->pack_tile(dst, cb, out_tile, out_of_order, TTL_EMU_HERE);
}
inline void pack_tile_block(uint32_t dst, uint32_t cb, uint32_t ntiles, TTL_EMU_AT) {
    for (uint32_t i = 0; i < ntiles; ++i) ttl_emu::abi->pack_tile(dst + i, cb, 0, false, TTL_EMU_HERE);
}
inline void matmul_pack_tile(uint32_t dst, uint32_t cb, uint32_t ntiles, TTL_EMU_AT) {
    for (uint32_t i = 0; i < ntiles; ++i) ttl_emu::abi->pack_tile(dst + i, cb, 0, false, TTL_EMU_HERE);
}
