// The entry points of a kernel library built by the emulator. The build compiles, per kernel:
//   #include "/absolute/path/of/the/kernel.cpp"
//   #define TTL_EMU_ENTRY <::kernel_main | ttl_emu_kernel::ttl_emu_main | ...>
//   #include "ttl_emu/entry.h"
// so that compiler messages name the kernel's own file and line.
#pragma once

#include "ttl_emu/area/base.h"

extern "C" __attribute__((visibility("default"))) int ttl_emu_init(const ttl_emu::Abi* table) {
    if (table->version != TTL_EMU_ABI_VERSION) return TTL_EMU_ABI_VERSION;
    ttl_emu::abi = table;
    return 0;
}

extern "C" __attribute__((visibility("default"))) void ttl_emu_run() { TTL_EMU_ENTRY(); }

#ifdef TTL_EMU_CACHE_KEY
// The cache key the library was built for: the runtime refuses a library that reports another.
extern "C" __attribute__((visibility("default"))) const char ttl_emu_cache_key[] = TTL_EMU_CACHE_KEY;
#endif
