// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/compute/eltwise_unary/clamp.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/compute_unary.h"
