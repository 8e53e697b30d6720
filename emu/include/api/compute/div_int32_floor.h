// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/compute/div_int32_floor.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/compute_common.h"

#ifndef TTL_EMU_NOT_PROVIDED_div_int32_floor_tile
#define TTL_EMU_NOT_PROVIDED_div_int32_floor_tile
template <auto... T, typename... A>
inline void div_int32_floor_tile(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: div_int32_floor_tile (api/compute/div_int32_floor.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_div_int32_floor_tile_init
#define TTL_EMU_NOT_PROVIDED_div_int32_floor_tile_init
template <auto... T, typename... A>
inline void div_int32_floor_tile_init(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: div_int32_floor_tile_init (api/compute/div_int32_floor.h)");
}
#endif
