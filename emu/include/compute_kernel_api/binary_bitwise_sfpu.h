// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/compute/binary_bitwise_sfpu.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/compute_sfpu_binary.h"
