// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/compute/tilize.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/compute_common.h"

#ifndef TTL_EMU_NOT_PROVIDED_tilize_init
#define TTL_EMU_NOT_PROVIDED_tilize_init
template <auto... T, typename... A>
inline void tilize_init(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: tilize_init (api/compute/tilize.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_tilize_init_short
#define TTL_EMU_NOT_PROVIDED_tilize_init_short
template <auto... T, typename... A>
inline void tilize_init_short(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: tilize_init_short (api/compute/tilize.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_tilize_block
#define TTL_EMU_NOT_PROVIDED_tilize_block
template <auto... T, typename... A>
inline void tilize_block(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: tilize_block (api/compute/tilize.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_tilize_uninit
#define TTL_EMU_NOT_PROVIDED_tilize_uninit
template <auto... T, typename... A>
inline void tilize_uninit(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: tilize_uninit (api/compute/tilize.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_fast_tilize_init
#define TTL_EMU_NOT_PROVIDED_fast_tilize_init
template <auto... T, typename... A>
inline void fast_tilize_init(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: fast_tilize_init (api/compute/tilize.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_fast_tilize_block
#define TTL_EMU_NOT_PROVIDED_fast_tilize_block
template <auto... T, typename... A>
inline void fast_tilize_block(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: fast_tilize_block (api/compute/tilize.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_fast_tilize_uninit
#define TTL_EMU_NOT_PROVIDED_fast_tilize_uninit
template <auto... T, typename... A>
inline void fast_tilize_uninit(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: fast_tilize_uninit (api/compute/tilize.h)");
}
#endif
