// ttl-export emulator, area "noc_object": the Noc object and the NoC traits of what it moves between
#pragma once

#include "ttl_emu/area/accessors.h"
#include "ttl_emu/area/cb_object.h"
#include "ttl_emu/area/l1.h"

namespace ttl_emu {
template <class T>
struct NocTraits;
struct PageArgs { uint32_t page_id = 0; uint32_t offset_bytes = 0; };
struct OffsetArgs { uint32_t offset_bytes = 0; };
struct McastArgs { uint32_t noc_x_start = 0, noc_y_start = 0, noc_x_end = 0, noc_y_end = 0, offset_bytes = 0; };
template <class A>
struct NocTraits<TensorAccessor<A>> {
    using Args = PageArgs;
    static uint64_t src(const TensorAccessor<A>& t, const Args& a, bool) { return t.get_noc_addr(a.page_id, a.offset_bytes); }
};
template <class T, class A>
struct NocTraits<CoreLocalMem<T, A>> {
    using Args = OffsetArgs;
    static uint64_t src(const CoreLocalMem<T, A>& m, const Args& a, bool) {
        return noc_core(abi->core_x(), abi->core_y(), m.get_address() + a.offset_bytes);
    }
};
template <>
struct NocTraits<CircularBuffer> {
    using Args = OffsetArgs;
    static uint64_t src(const CircularBuffer& cb, const Args& a, bool as_source) {
        uint32_t base = as_source ? cb.get_read_ptr() : cb.get_write_ptr();
        return noc_core(abi->core_x(), abi->core_y(), base + a.offset_bytes);
    }
};
inline uint32_t local_l1(uint64_t noc_address, const char* file, int line) {
    if (noc_kind(noc_address) != kNocCore) abi->fail("the destination of a read must be this core's L1", file, line);
    return static_cast<uint32_t>(noc_address);
}
}  // namespace ttl_emu

class Noc {
public:
    Noc() = default;
    explicit Noc(uint8_t) {}
    template <class Src, class Dst>
    void async_read(const Src& src, const Dst& dst, uint32_t size, const typename ttl_emu::NocTraits<Src>::Args& src_args,
                    const typename ttl_emu::NocTraits<Dst>::Args& dst_args, TTL_EMU_AT) const {
        uint64_t from = ttl_emu::NocTraits<Src>::src(src, src_args, true);
        uint64_t to = ttl_emu::NocTraits<Dst>::src(dst, dst_args, false);
        ttl_emu::abi->noc_read(from, ttl_emu::local_l1(to, TTL_EMU_HERE), size, TTL_EMU_HERE);
    }
    template <class Src, class Dst>
    void async_write(const Src& src, const Dst& dst, uint32_t size, const typename ttl_emu::NocTraits<Src>::Args& src_args,
                     const typename ttl_emu::NocTraits<Dst>::Args& dst_args, TTL_EMU_AT) const {
        uint64_t from = ttl_emu::NocTraits<Src>::src(src, src_args, true);
        uint64_t to = ttl_emu::NocTraits<Dst>::src(dst, dst_args, false);
        ttl_emu::abi->noc_write(ttl_emu::local_l1(from, TTL_EMU_HERE), to, size, false, 1, TTL_EMU_HERE);
    }
    void async_read_barrier(TTL_EMU_AT) const { ttl_emu::abi->noc_read_barrier(TTL_EMU_HERE); }
    void async_write_barrier(TTL_EMU_AT) const { ttl_emu::abi->noc_write_barrier(TTL_EMU_HERE); }
    void async_writes_flushed(TTL_EMU_AT) const { ttl_emu::abi->noc_write_barrier(TTL_EMU_HERE); }
    void async_full_barrier(TTL_EMU_AT) const {
        ttl_emu::abi->noc_read_barrier(TTL_EMU_HERE);
        ttl_emu::abi->noc_write_barrier(TTL_EMU_HERE);
    }
    void async_atomic_barrier() const {}
};
namespace experimental {
using ::Noc;
}  // namespace experimental
