// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's experimental/circular_buffer.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/cb_object.h"
