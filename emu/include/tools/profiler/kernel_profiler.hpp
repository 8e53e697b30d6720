// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's tools/profiler/kernel_profiler.hpp, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/base.h"
