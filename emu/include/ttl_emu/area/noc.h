// ttl-export emulator, area "noc": NoC addresses, reads, writes, barriers and the interleaved address generators
#pragma once

#include "ttl_emu/area/base.h"

// ---- NoC addresses and transfers ---------------------------------------------------------
inline uint32_t my_x[2] = {0, 0};  // not used by the emulator: get_noc_addr(l1) uses the core
inline uint64_t get_noc_addr(uint32_t x, uint32_t y, uint32_t l1, uint8_t = noc_index) {
    return ttl_emu::noc_core(x, y, l1);
}
inline uint64_t get_noc_addr(uint32_t l1, uint8_t = noc_index) {
    return ttl_emu::noc_core(ttl_emu::abi->core_x(), ttl_emu::abi->core_y(), l1);
}
inline uint64_t get_noc_multicast_addr(uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1, uint32_t l1,
                                       uint8_t = noc_index) {
    return ttl_emu::noc_multicast(x0, y0, x1, y1, l1);
}
namespace experimental {
inline uint32_t convert_logical_x_to_translated(uint32_t x) { return x; }
inline uint32_t convert_logical_y_to_translated(uint32_t y) { return y; }
}  // namespace experimental

inline void noc_async_read(uint64_t src, uint32_t dst_l1, uint32_t size, uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->noc_read(src, dst_l1, size, TTL_EMU_HERE);
}
inline void noc_async_read_one_packet(uint64_t src, uint32_t dst_l1, uint32_t size, uint8_t = noc_index, TTL_EMU_AT) {
    if (size > NOC_MAX_BURST_SIZE) ttl_emu::abi->fail("noc_async_read_one_packet: size exceeds NOC_MAX_BURST_SIZE", TTL_EMU_HERE);
    ttl_emu::abi->noc_read(src, dst_l1, size, TTL_EMU_HERE);
}
inline void noc_async_write(uint32_t src_l1, uint64_t dst, uint32_t size, uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->noc_write(src_l1, dst, size, false, 1, TTL_EMU_HERE);
}
inline void noc_async_write_one_packet(uint32_t src_l1, uint64_t dst, uint32_t size, uint8_t = noc_index, TTL_EMU_AT) {
    if (size > NOC_MAX_BURST_SIZE) ttl_emu::abi->fail("noc_async_write_one_packet: size exceeds NOC_MAX_BURST_SIZE", TTL_EMU_HERE);
    ttl_emu::abi->noc_write(src_l1, dst, size, false, 1, TTL_EMU_HERE);
}
inline void noc_async_write_multicast(uint32_t src_l1, uint64_t dst, uint32_t size, uint32_t num_dests,
                                      bool = false, uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->noc_write(src_l1, dst, size, false, num_dests, TTL_EMU_HERE);
}
inline void noc_async_write_multicast_loopback_src(uint32_t src_l1, uint64_t dst, uint32_t size, uint32_t num_dests,
                                                   bool = false, uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->noc_write(src_l1, dst, size, true, num_dests, TTL_EMU_HERE);
}
inline void noc_async_read_barrier(uint8_t = noc_index, TTL_EMU_AT) { ttl_emu::abi->noc_read_barrier(TTL_EMU_HERE); }
inline void noc_async_write_barrier(uint8_t = noc_index, TTL_EMU_AT) { ttl_emu::abi->noc_write_barrier(TTL_EMU_HERE); }
inline void noc_async_writes_flushed(uint8_t = noc_index, TTL_EMU_AT) { ttl_emu::abi->noc_write_barrier(TTL_EMU_HERE); }
inline void noc_async_posted_writes_flushed(uint8_t = noc_index, TTL_EMU_AT) { ttl_emu::abi->noc_write_barrier(TTL_EMU_HERE); }
inline void noc_async_atomic_barrier(uint8_t = noc_index) {}
inline void noc_async_full_barrier(uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->noc_read_barrier(TTL_EMU_HERE);
    ttl_emu::abi->noc_write_barrier(TTL_EMU_HERE);
}


template <bool DRAM>
struct InterleavedAddrGen {
    uint32_t bank_base_address;
    uint32_t page_size;
    uint64_t get_noc_addr(uint32_t page_id, uint32_t offset = 0, uint8_t = noc_index) const {
        return ttl_emu::noc_device(uint64_t{bank_base_address} + uint64_t{page_id} * page_size + offset);
    }
};
template <bool DRAM>
struct InterleavedAddrGenFast {
    uint32_t bank_base_address;
    uint32_t page_size;
    DataFormat data_format;
    uint64_t get_noc_addr(uint32_t page_id, uint32_t offset = 0, uint8_t = noc_index) const {
        return ttl_emu::noc_device(uint64_t{bank_base_address} + uint64_t{page_id} * page_size + offset);
    }
};
template <class AddrGen, typename = std::enable_if_t<std::is_class_v<AddrGen>>>
inline uint64_t get_noc_addr(uint32_t page_id, const AddrGen& gen, uint32_t offset = 0, uint8_t noc = noc_index) {
    return gen.get_noc_addr(page_id, offset, noc);
}
template <class AddrGen>
inline void noc_async_read_page(uint32_t id, const AddrGen& gen, uint32_t dst_l1, uint32_t offset = 0,
                                uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->noc_read(gen.get_noc_addr(id, offset), dst_l1, gen.page_size, TTL_EMU_HERE);
}
template <class AddrGen>
inline void noc_async_write_page(uint32_t id, const AddrGen& gen, uint32_t src_l1, uint32_t size = 0,
                                 uint32_t offset = 0, uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->noc_write(src_l1, gen.get_noc_addr(id, offset), size ? size : gen.page_size, false, 1, TTL_EMU_HERE);
}
template <class AddrGen>
inline void noc_async_read_tile(uint32_t id, const AddrGen& gen, uint32_t dst_l1, uint32_t offset = 0,
                                uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->noc_read(gen.get_noc_addr(id, offset), dst_l1, gen.page_size, TTL_EMU_HERE);
}
template <class AddrGen>
inline void noc_async_write_tile(uint32_t id, const AddrGen& gen, uint32_t src_l1, uint8_t = noc_index, TTL_EMU_AT) {
    ttl_emu::abi->noc_write(src_l1, gen.get_noc_addr(id, 0), gen.page_size, false, 1, TTL_EMU_HERE);
}
