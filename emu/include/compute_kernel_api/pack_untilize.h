// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/compute/pack_untilize.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/compute_pack_untilize.h"

#ifndef TTL_EMU_NOT_PROVIDED_pack_untilize_block
#define TTL_EMU_NOT_PROVIDED_pack_untilize_block
template <auto... T, typename... A>
inline void pack_untilize_block(A&&...) {
    static_assert(ttl_emu::kNotProvided<A...>, "not provided by the emulator: pack_untilize_block (api/compute/pack_untilize.h)");
}
#endif
