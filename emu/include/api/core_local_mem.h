// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/core_local_mem.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/l1.h"
