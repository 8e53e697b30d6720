// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/compute/transpose_wh_dest.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/compute_common.h"

#ifndef TTL_EMU_NOT_PROVIDED_transpose_wh_dest
#define TTL_EMU_NOT_PROVIDED_transpose_wh_dest
template <auto... T, typename... A>
inline void transpose_wh_dest(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: transpose_wh_dest (api/compute/transpose_wh_dest.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_transpose_wh_dest_init_short
#define TTL_EMU_NOT_PROVIDED_transpose_wh_dest_init_short
template <auto... T, typename... A>
inline void transpose_wh_dest_init_short(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: transpose_wh_dest_init_short (api/compute/transpose_wh_dest.h)");
}
#endif
