// ttl-export emulator, area "cb": the circular-buffer calls on a CB index (both sides)
#pragma once

#include "ttl_emu/area/base.h"

// ---- circular buffers ----------------------------------------------------------------------
inline void cb_reserve_back(uint32_t cb, uint32_t n, TTL_EMU_AT) { ttl_emu::abi->cb_reserve_back(cb, n, TTL_EMU_HERE); }
inline void cb_push_back(uint32_t cb, uint32_t n, TTL_EMU_AT) { ttl_emu::abi->cb_push_back(cb, n, TTL_EMU_HERE); }
inline void cb_wait_front(uint32_t cb, uint32_t n, TTL_EMU_AT) { ttl_emu::abi->cb_wait_front(cb, n, TTL_EMU_HERE); }
inline void cb_pop_front(uint32_t cb, uint32_t n, TTL_EMU_AT) { ttl_emu::abi->cb_pop_front(cb, n, TTL_EMU_HERE); }
inline uint32_t get_write_ptr(uint32_t cb, TTL_EMU_AT) { return ttl_emu::abi->cb_write_ptr(cb, TTL_EMU_HERE); }
inline uint32_t get_read_ptr(uint32_t cb, TTL_EMU_AT) { return ttl_emu::abi->cb_read_ptr(cb, TTL_EMU_HERE); }
inline bool cb_pages_reservable_at_back(uint32_t cb, uint32_t n, TTL_EMU_AT) {
    return ttl_emu::abi->cb_reservable(cb, n, TTL_EMU_HERE);
}
inline bool cb_pages_available_at_front(uint32_t cb, uint32_t n, TTL_EMU_AT) {
    return ttl_emu::abi->cb_available(cb, n, TTL_EMU_HERE);
}
inline uint32_t get_tile_size(uint32_t cb, TTL_EMU_AT) { return ttl_emu::abi->cb_page_size(cb, TTL_EMU_HERE); }
inline DataFormat get_dataformat(uint32_t cb, TTL_EMU_AT) {
    return static_cast<DataFormat>(ttl_emu::abi->cb_format(cb, TTL_EMU_HERE));
}
inline uint32_t get_tile_hw(uint32_t) { return 1024; }
inline uint32_t get_tile_num_faces(uint32_t) { return 4; }
