// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/compute/binary_fmod.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/compute_common.h"

#ifndef TTL_EMU_NOT_PROVIDED_fmod_binary_tile
#define TTL_EMU_NOT_PROVIDED_fmod_binary_tile
template <auto... T, typename... A>
inline void fmod_binary_tile(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: fmod_binary_tile (api/compute/binary_fmod.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_fmod_binary_tile_init
#define TTL_EMU_NOT_PROVIDED_fmod_binary_tile_init
template <auto... T, typename... A>
inline void fmod_binary_tile_init(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: fmod_binary_tile_init (api/compute/binary_fmod.h)");
}
#endif
