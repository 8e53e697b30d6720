// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/compile_time_args.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/base.h"
