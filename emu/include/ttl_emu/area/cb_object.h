// ttl-export emulator, area "cb_object": the CircularBuffer object (experimental::CircularBuffer)
#pragma once

#include "ttl_emu/area/base.h"

class CircularBuffer {
public:
    enum class AddrSelector { READ_PTR, WRITE_PTR };
    explicit constexpr CircularBuffer(uint32_t cb_id) : id_(cb_id) {}
    constexpr uint32_t get_cb_id() const { return id_; }
    void reserve_back(uint32_t n, TTL_EMU_AT) const { ttl_emu::abi->cb_reserve_back(id_, n, TTL_EMU_HERE); }
    void push_back(uint32_t n, TTL_EMU_AT) const { ttl_emu::abi->cb_push_back(id_, n, TTL_EMU_HERE); }
    void wait_front(uint32_t n, TTL_EMU_AT) const { ttl_emu::abi->cb_wait_front(id_, n, TTL_EMU_HERE); }
    void pop_front(uint32_t n, TTL_EMU_AT) const { ttl_emu::abi->cb_pop_front(id_, n, TTL_EMU_HERE); }
    uint32_t get_write_ptr(TTL_EMU_AT) const { return ttl_emu::abi->cb_write_ptr(id_, TTL_EMU_HERE); }
    uint32_t get_read_ptr(TTL_EMU_AT) const { return ttl_emu::abi->cb_read_ptr(id_, TTL_EMU_HERE); }
    uint32_t get_tile_size(TTL_EMU_AT) const { return ttl_emu::abi->cb_page_size(id_, TTL_EMU_HERE); }
    uint32_t get_tile_hw() const { return 1024; }
    DataFormat get_dataformat(TTL_EMU_AT) const {
        return static_cast<DataFormat>(ttl_emu::abi->cb_format(id_, TTL_EMU_HERE));
    }
    bool pages_reservable_at_back(uint32_t n, TTL_EMU_AT) const { return ttl_emu::abi->cb_reservable(id_, n, TTL_EMU_HERE); }
    bool pages_available_at_front(uint32_t n, TTL_EMU_AT) const { return ttl_emu::abi->cb_available(id_, n, TTL_EMU_HERE); }

private:
    uint32_t id_;
};
namespace experimental {
using ::CircularBuffer;
}
