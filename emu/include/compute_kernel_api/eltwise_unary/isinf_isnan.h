// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/compute/eltwise_unary/isinf_isnan.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/compute_common.h"

#ifndef TTL_EMU_NOT_PROVIDED_isinf_tile
#define TTL_EMU_NOT_PROVIDED_isinf_tile
template <auto... T, typename... A>
inline void isinf_tile(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: isinf_tile (api/compute/eltwise_unary/isinf_isnan.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_isposinf_tile
#define TTL_EMU_NOT_PROVIDED_isposinf_tile
template <auto... T, typename... A>
inline void isposinf_tile(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: isposinf_tile (api/compute/eltwise_unary/isinf_isnan.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_isneginf_tile
#define TTL_EMU_NOT_PROVIDED_isneginf_tile
template <auto... T, typename... A>
inline void isneginf_tile(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: isneginf_tile (api/compute/eltwise_unary/isinf_isnan.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_isnan_tile
#define TTL_EMU_NOT_PROVIDED_isnan_tile
template <auto... T, typename... A>
inline void isnan_tile(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: isnan_tile (api/compute/eltwise_unary/isinf_isnan.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_isfinite_tile
#define TTL_EMU_NOT_PROVIDED_isfinite_tile
template <auto... T, typename... A>
inline void isfinite_tile(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: isfinite_tile (api/compute/eltwise_unary/isinf_isnan.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_isinf_tile_init
#define TTL_EMU_NOT_PROVIDED_isinf_tile_init
template <auto... T, typename... A>
inline void isinf_tile_init(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: isinf_tile_init (api/compute/eltwise_unary/isinf_isnan.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_isposinf_tile_init
#define TTL_EMU_NOT_PROVIDED_isposinf_tile_init
template <auto... T, typename... A>
inline void isposinf_tile_init(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: isposinf_tile_init (api/compute/eltwise_unary/isinf_isnan.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_isneginf_tile_init
#define TTL_EMU_NOT_PROVIDED_isneginf_tile_init
template <auto... T, typename... A>
inline void isneginf_tile_init(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: isneginf_tile_init (api/compute/eltwise_unary/isinf_isnan.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_isnan_tile_init
#define TTL_EMU_NOT_PROVIDED_isnan_tile_init
template <auto... T, typename... A>
inline void isnan_tile_init(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: isnan_tile_init (api/compute/eltwise_unary/isinf_isnan.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_isfinite_tile_init
#define TTL_EMU_NOT_PROVIDED_isfinite_tile_init
template <auto... T, typename... A>
inline void isfinite_tile_init(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: isfinite_tile_init (api/compute/eltwise_unary/isinf_isnan.h)");
}
#endif
