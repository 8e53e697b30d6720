// ttl-export emulator, area "compute_reduce": reductions
#pragma once

#include "ttl_emu/area/compute_common.h"

#ifndef REDUCE_OP
#define REDUCE_OP PoolType::SUM
#endif
#ifndef REDUCE_DIM
#define REDUCE_DIM ReduceDim::REDUCE_COL
#endif
TTL_EMU_NOOP(reduce_init)
TTL_EMU_NOOP(reduce_init_short)
TTL_EMU_NOOP(reduce_uninit)
template <auto... T>
inline void reduce_tile(uint32_t cb, uint32_t cb_scaler, uint32_t tile, uint32_t tile_scaler, uint32_t dst, TTL_EMU_AT) {
    constexpr uint32_t kArgs[] = {0u, static_cast<uint32_t>(T)...};
    constexpr uint32_t pool = sizeof...(T) >= 1 ? kArgs[1] : static_cast<uint32_t>(REDUCE_OP);
    constexpr uint32_t dim = sizeof...(T) >= 2 ? kArgs[2] : static_cast<uint32_t>(REDUCE_DIM);
    ttl_emu::abi->reduce_tile(static_cast<ttl_emu::Pool>(pool), static_cast<ttl_emu::ReduceAxis>(dim), cb, cb_scaler,
                              tile, tile_scaler, dst, TTL_EMU_HERE);
}
