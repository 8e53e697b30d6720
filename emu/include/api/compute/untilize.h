// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/compute/untilize.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/compute_common.h"

#ifndef TTL_EMU_NOT_PROVIDED_untilize_init
#define TTL_EMU_NOT_PROVIDED_untilize_init
template <auto... T, typename... A>
inline void untilize_init(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: untilize_init (api/compute/untilize.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_untilize_init_short
#define TTL_EMU_NOT_PROVIDED_untilize_init_short
template <auto... T, typename... A>
inline void untilize_init_short(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: untilize_init_short (api/compute/untilize.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_untilize_block
#define TTL_EMU_NOT_PROVIDED_untilize_block
template <auto... T, typename... A>
inline void untilize_block(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: untilize_block (api/compute/untilize.h)");
}
#endif

#ifndef TTL_EMU_NOT_PROVIDED_untilize_uninit
#define TTL_EMU_NOT_PROVIDED_untilize_uninit
template <auto... T, typename... A>
inline void untilize_uninit(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: untilize_uninit (api/compute/untilize.h)");
}
#endif
