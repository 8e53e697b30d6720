// ttl-export emulator, area "semaphores": semaphores
#pragma once

#include "ttl_emu/area/base.h"

// ---- semaphores ------------------------------------------------------------------------------
inline uint32_t get_semaphore(uint32_t id, TTL_EMU_AT) { return ttl_emu::abi->semaphore_address(id, TTL_EMU_HERE); }
template <typename P>
inline uint32_t ttl_emu_l1_of(P* ptr) {
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(ptr));
}
inline void noc_semaphore_set(volatile uint32_t* sem, uint32_t value, TTL_EMU_AT) {
    ttl_emu::abi->semaphore_set(ttl_emu_l1_of(sem), value, TTL_EMU_HERE);
}
inline void noc_semaphore_wait(volatile uint32_t* sem, uint32_t value, TTL_EMU_AT) {
    ttl_emu::abi->semaphore_wait(ttl_emu_l1_of(sem), value, false, TTL_EMU_HERE);
}
inline void noc_semaphore_wait_min(volatile uint32_t* sem, uint32_t value, TTL_EMU_AT) {
    ttl_emu::abi->semaphore_wait(ttl_emu_l1_of(sem), value, true, TTL_EMU_HERE);
}
inline void noc_semaphore_inc(uint64_t dst, uint32_t increment, uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->semaphore_inc(dst, increment, TTL_EMU_HERE);
}
inline void noc_semaphore_set_remote(uint32_t src_l1, uint64_t dst, uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->noc_write(src_l1, dst, 4, false, 1, TTL_EMU_HERE);
}
inline void noc_semaphore_set_multicast(uint32_t src_l1, uint64_t dst, uint32_t num_dests, bool = false,
                                        uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->noc_write(src_l1, dst, 4, false, num_dests, TTL_EMU_HERE);
}
inline void noc_semaphore_set_multicast_loopback_src(uint32_t src_l1, uint64_t dst, uint32_t num_dests,
                                                     bool = false, uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->noc_write(src_l1, dst, 4, true, num_dests, TTL_EMU_HERE);
}
