#include "ttl_emu/kernel_api.h"  // ttl-export emulator: the whole kernel API
