// Generated from emu/headers.manifest by scripts/emu-headers: do not edit.
// tt-metal's api/dataflow/dataflow_api.h, as the ttl-export emulator provides it.
#pragma once

#include "ttl_emu/area/args.h"
#include "ttl_emu/area/cb.h"
#include "ttl_emu/area/noc.h"
#include "ttl_emu/area/semaphores.h"
#include "ttl_emu/area/accessors.h"
