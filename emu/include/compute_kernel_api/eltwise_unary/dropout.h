// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/compute/eltwise_unary/dropout.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/compute_common.h"

#ifndef TTL_EMU_NOT_PROVIDED_dropout_tile
#define TTL_EMU_NOT_PROVIDED_dropout_tile
template <auto... T, typename... A>
inline void dropout_tile(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: dropout_tile (api/compute/eltwise_unary/dropout.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_dropout_tile_init
#define TTL_EMU_NOT_PROVIDED_dropout_tile_init
template <auto... T, typename... A>
inline void dropout_tile_init(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: dropout_tile_init (api/compute/eltwise_unary/dropout.h)");
}
#endif
