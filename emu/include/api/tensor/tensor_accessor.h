// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/tensor/tensor_accessor.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/accessors.h"
