// The TT-Metal kernel API as the ttl-export emulator provides it. Every kernel header path a
// kernel may include (both layouts: `api/...` and the older `dataflow_api.h`,
// `compute_kernel_api/...`) forwards here. Data-movement and compute calls go through the
// table in abi.h to the emulator, with the caller's file and line; small value types
// (TensorAccessor, CoreLocalMem, the Noc object) live here.
//
// Pinned semantics (tt-metal versions differ; see docs/emulate.md): an interleaved
// TensorAccessorArgs takes one compile-time arg; copy_dest_values(dst, src) takes the
// destination first; pack_tile<false> packs to consecutive slots and ignores its index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <type_traits>

#include "ttl_emu/abi.h"

// ---- build environment -------------------------------------------------------------------
#ifndef KERNEL_COMPILE_TIME_ARGS
#define KERNEL_COMPILE_TIME_ARGS
#endif
#ifndef DST_ACCUM_MODE
#define DST_ACCUM_MODE false
#endif
#ifndef APPROX
#define APPROX false
#endif
#ifndef MATH_FIDELITY
#define MATH_FIDELITY 4
#endif
#define ALWI inline __attribute__((always_inline))
#define FORCE_INLINE inline __attribute__((always_inline))
#define tt_l1_ptr
#define tt_reg_ptr
#define NAMESPACE ttl_emu_kernel
#define MAIN ttl_emu_main()
#define UNPACK(x) x
#define MATH(x) x
#define PACK(x) x
#define DeviceZoneScopedN(name)
#define DeviceZoneScopedMainN(name)
#define DeviceZoneScopedMainChildN(name)
#define DeviceTimestampedData(name, data)

// Every call that can fail takes the caller's location as defaulted trailing parameters.
#define TTL_EMU_AT const char *file_ = __builtin_FILE(), int line_ = __builtin_LINE()
#define TTL_EMU_HERE file_, line_

namespace ttl_emu {
inline const Abi* abi = nullptr;  // set by the entry point (one table per kernel library)

inline constexpr uint32_t kCompileTimeArgs[] = {0u, KERNEL_COMPILE_TIME_ARGS};  // [0] is padding
template <size_t I>
constexpr uint32_t ct_arg() {
    static_assert(I + 1 < std::size(kCompileTimeArgs),
                  "get_compile_time_arg_val: index beyond the compile-time args of this kernel");
    return kCompileTimeArgs[I + 1];
}
}  // namespace ttl_emu

#define get_compile_time_arg_val(i) (::ttl_emu::ct_arg<(i)>())

inline constexpr uint8_t noc_index = 0;
constexpr uint32_t NOC_MAX_BURST_SIZE = 8192;
constexpr uint32_t L1_ALIGNMENT = 16;
constexpr uint32_t DRAM_ALIGNMENT = 64;

using DataFormat = ttl_emu::Format;

namespace tt {
enum CBIndex : uint8_t {
    c_0, c_1, c_2, c_3, c_4, c_5, c_6, c_7, c_8, c_9, c_10, c_11, c_12, c_13, c_14, c_15,
    c_16, c_17, c_18, c_19, c_20, c_21, c_22, c_23, c_24, c_25, c_26, c_27, c_28, c_29, c_30, c_31,
};
using DataFormat = ttl_emu::Format;
}  // namespace tt

// ---- arguments and identity --------------------------------------------------------------
namespace ttl_emu {
/// A 32-bit word read as T (runtime args, float parameters passed as bits).
template <typename T>
inline T bit_as(uint32_t raw) {
    static_assert(sizeof(T) == 4, "runtime args and float parameters are 4-byte values");
    T value;
    std::memcpy(&value, &raw, 4);
    return value;
}
}  // namespace ttl_emu
template <typename T>
inline T get_arg_val(int index, TTL_EMU_AT) {
    return ttl_emu::bit_as<T>(ttl_emu::abi->arg(static_cast<uint32_t>(index), TTL_EMU_HERE));
}
template <typename T>
inline T get_common_arg_val(int index, TTL_EMU_AT) {
    return ttl_emu::bit_as<T>(ttl_emu::abi->common_arg(static_cast<uint32_t>(index), TTL_EMU_HERE));
}
inline uint32_t get_arg_addr(int index, TTL_EMU_AT) {
    return ttl_emu::abi->arg_address(static_cast<uint32_t>(index), false, TTL_EMU_HERE);
}
inline uint32_t get_common_arg_addr(int index, TTL_EMU_AT) {
    return ttl_emu::abi->arg_address(static_cast<uint32_t>(index), true, TTL_EMU_HERE);
}
inline uint32_t get_absolute_logical_x() { return ttl_emu::abi->core_x(); }
inline uint32_t get_absolute_logical_y() { return ttl_emu::abi->core_y(); }
inline uint32_t get_relative_logical_x() { return ttl_emu::abi->core_x(); }
inline uint32_t get_relative_logical_y() { return ttl_emu::abi->core_y(); }

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

// ---- tensor accessors (interleaved tensors) ----------------------------------------------
template <size_t CTA_OFFSET, size_t CRTA_OFFSET = 0>
struct TensorAccessorArgs {
    static constexpr uint32_t config = ttl_emu::ct_arg<CTA_OFFSET>();
    static_assert((config & 1) == 0,
                  "TensorAccessorArgs: the compile-time arg at CTA_OFFSET marks the tensor sharded, which the "
                  "emulator does not support; if the tensor is interleaved, the compile-time args are not in "
                  "the order the kernel reads them");
    static constexpr bool is_dram = (config & 2) != 0;
    static constexpr uint32_t num_compile_time_args() { return 1; }
    static constexpr uint32_t next_compile_time_args_offset() { return CTA_OFFSET + 1; }
    static constexpr uint32_t num_common_runtime_args() { return 0; }
    static constexpr uint32_t next_common_runtime_args_offset() { return CRTA_OFFSET; }
};
namespace tensor_accessor::detail {
template <size_t IDX, size_t CTA_OFFSET>
constexpr size_t get_tensor_accessor_args_cta_offset() {
    if constexpr (IDX == 0) {
        return CTA_OFFSET;
    } else {
        constexpr size_t previous = get_tensor_accessor_args_cta_offset<IDX - 1, CTA_OFFSET>();
        return previous + TensorAccessorArgs<previous>::num_compile_time_args();
    }
}
}  // namespace tensor_accessor::detail

template <class Args>
struct TensorAccessor {
    uint32_t bank_base_address = 0;
    uint32_t page_size = 0;
    constexpr TensorAccessor(const Args&, uint32_t base, uint32_t page = 0) : bank_base_address(base), page_size(page) {}
    uint64_t get_noc_addr(uint32_t page_id, uint32_t offset = 0, uint8_t = noc_index) const {
        return ttl_emu::noc_device(uint64_t{bank_base_address} + uint64_t{page_id} * page_size + offset);
    }
    uint32_t get_aligned_page_size() const { return page_size; }
    uint32_t get_bank_base_address() const { return bank_base_address; }
};
template <class Args>
TensorAccessor(const Args&, uint32_t, uint32_t) -> TensorAccessor<Args>;
template <class Args>
TensorAccessor(const Args&, uint32_t) -> TensorAccessor<Args>;

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

// ---- L1 memory objects and the Noc object API ----------------------------------------------
template <typename T, typename AddressType = uintptr_t>
class CoreLocalMem {
public:
    explicit CoreLocalMem(AddressType address) : address_(static_cast<uint32_t>(address)) {}
    uint32_t get_address() const { return address_; }
    T* get_unsafe_ptr() const { return reinterpret_cast<T*>(static_cast<uintptr_t>(address_)); }
    T& operator[](size_t i) const {
        ttl_emu::abi->l1_check(static_cast<uint32_t>(address_ + i * sizeof(T)), sizeof(T), __FILE__, __LINE__);
        return get_unsafe_ptr()[i];
    }
    T& operator*() const { return (*this)[0]; }
    T* operator->() const { return &(*this)[0]; }
    CoreLocalMem operator+(ptrdiff_t n) const { return CoreLocalMem(static_cast<AddressType>(address_ + n * sizeof(T))); }

private:
    uint32_t address_;
};

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
using ::CoreLocalMem;
using ::Noc;
}  // namespace experimental

// ---- compute: enums -------------------------------------------------------------------------
enum class BroadcastType : uint32_t { NONE, ROW, COL, SCALAR };
enum class PoolType : uint32_t { SUM, AVG, MAX };
enum class ReduceDim : uint32_t { REDUCE_ROW, REDUCE_COL, REDUCE_SCALAR };
enum class EltwiseBinaryType : uint32_t { ELWADD, ELWSUB, ELWMUL };
namespace ttl_emu_vector_mode {
enum VectorMode : int { None = 0, R = 1, C = 2, RC = 4 };
}
using ttl_emu_vector_mode::VectorMode;
enum class DstSync : uint32_t { SyncHalf, SyncFull };
#ifndef REDUCE_OP
#define REDUCE_OP PoolType::SUM
#endif
#ifndef REDUCE_DIM
#define REDUCE_DIM ReduceDim::REDUCE_COL
#endif

namespace ttl_emu {
constexpr Bcast bcast_of(BroadcastType b) {
    return b == BroadcastType::ROW ? Bcast::Row : b == BroadcastType::COL ? Bcast::Col
                                                : b == BroadcastType::SCALAR ? Bcast::Scalar : Bcast::None;
}
}  // namespace ttl_emu

// ---- compute: DST registers -----------------------------------------------------------------
inline void tile_regs_acquire(TTL_EMU_AT) { ttl_emu::abi->tile_regs(ttl_emu::kAcquire, TTL_EMU_HERE); }
inline void tile_regs_commit(TTL_EMU_AT) { ttl_emu::abi->tile_regs(ttl_emu::kCommit, TTL_EMU_HERE); }
inline void tile_regs_wait(TTL_EMU_AT) { ttl_emu::abi->tile_regs(ttl_emu::kWait, TTL_EMU_HERE); }
inline void tile_regs_release(TTL_EMU_AT) { ttl_emu::abi->tile_regs(ttl_emu::kRelease, TTL_EMU_HERE); }

// ---- compute: inits (state the emulator does not need) --------------------------------------
#define TTL_EMU_NOOP(name) \
    template <auto... T, typename... A> \
    inline void name(A...) {}
TTL_EMU_NOOP(init_sfpu)
TTL_EMU_NOOP(compute_kernel_hw_startup)
TTL_EMU_NOOP(binary_op_init_common)
TTL_EMU_NOOP(copy_tile_init)
TTL_EMU_NOOP(copy_tile_to_dst_init_short)
TTL_EMU_NOOP(copy_tile_to_dst_init_short_with_dt)
TTL_EMU_NOOP(add_tiles_init)
TTL_EMU_NOOP(sub_tiles_init)
TTL_EMU_NOOP(mul_tiles_init)
TTL_EMU_NOOP(binary_tiles_init)
TTL_EMU_NOOP(init_bcast)
TTL_EMU_NOOP(add_bcast_rows_init_short)
TTL_EMU_NOOP(add_bcast_cols_init_short)
TTL_EMU_NOOP(mul_bcast_rows_init_short)
TTL_EMU_NOOP(mul_bcast_cols_init_short)
TTL_EMU_NOOP(mul_tiles_bcast_scalar_init_short)
TTL_EMU_NOOP(add_binary_tile_init)
TTL_EMU_NOOP(sub_binary_tile_init)
TTL_EMU_NOOP(mul_binary_tile_init)
TTL_EMU_NOOP(div_binary_tile_init)
TTL_EMU_NOOP(rsub_binary_tile_init)
TTL_EMU_NOOP(power_binary_tile_init)
TTL_EMU_NOOP(binary_max_tile_init)
TTL_EMU_NOOP(binary_min_tile_init)
TTL_EMU_NOOP(binary_bitwise_tile_init)
TTL_EMU_NOOP(eq_binary_tile_init)
TTL_EMU_NOOP(ne_binary_tile_init)
TTL_EMU_NOOP(lt_binary_tile_init)
TTL_EMU_NOOP(gt_binary_tile_init)
TTL_EMU_NOOP(le_binary_tile_init)
TTL_EMU_NOOP(ge_binary_tile_init)
TTL_EMU_NOOP(copy_dest_values_init)
TTL_EMU_NOOP(fill_tile_init)
TTL_EMU_NOOP(typecast_tile_init)
TTL_EMU_NOOP(transpose_wh_init)
TTL_EMU_NOOP(transpose_wh_init_short)
TTL_EMU_NOOP(transpose_init)
TTL_EMU_NOOP(reduce_init)
TTL_EMU_NOOP(reduce_init_short)
TTL_EMU_NOOP(reduce_uninit)
TTL_EMU_NOOP(mm_init)
TTL_EMU_NOOP(mm_init_short)
TTL_EMU_NOOP(mm_init_short_with_dt)
TTL_EMU_NOOP(mm_block_init)
TTL_EMU_NOOP(mm_block_init_short)
TTL_EMU_NOOP(matmul_init)
TTL_EMU_NOOP(unary_bcast_init)
TTL_EMU_NOOP(unary_op_init_common)
TTL_EMU_NOOP(pack_reconfig_data_format)
TTL_EMU_NOOP(unpack_reconfig_data_format)
TTL_EMU_NOOP(unpack_reconfig_data_format_srca)
TTL_EMU_NOOP(unpack_reconfig_data_format_srcb)
TTL_EMU_NOOP(reconfig_data_format)
TTL_EMU_NOOP(reconfig_data_format_srca)
TTL_EMU_NOOP(reconfig_data_format_srcb)
TTL_EMU_NOOP(binop_with_scalar_tile_init)
#undef TTL_EMU_NOOP
inline void pack_reconfig_l1_acc(uint32_t enable, TTL_EMU_AT) {
    if (enable) ttl_emu::abi->fail("pack_reconfig_l1_acc(1): L1 accumulation is not emulated", TTL_EMU_HERE);
}

// ---- compute: CB -> DST ---------------------------------------------------------------------
inline void copy_tile(uint32_t cb, uint32_t tile, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->copy_tile(cb, tile, dst, ttl_emu::Bcast::None, TTL_EMU_HERE);
}
template <BroadcastType B = BroadcastType::NONE>
inline void unary_bcast(uint32_t cb, uint32_t tile, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->copy_tile(cb, tile, dst, ttl_emu::bcast_of(B), TTL_EMU_HERE);
}
inline void transpose_wh_tile(uint32_t cb, uint32_t tile, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->transpose_tile(cb, tile, dst, TTL_EMU_HERE);
}
inline void transpose_tile(uint32_t cb, uint32_t tile, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->transpose_tile(cb, tile, dst, TTL_EMU_HERE);
}
#define TTL_EMU_FPU(name, op)                                                                          \
    inline void name(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t dst, TTL_EMU_AT) {    \
        ttl_emu::abi->fpu_binary(ttl_emu::BinaryOp::op, a, b, ia, ib, dst, ttl_emu::Bcast::None, TTL_EMU_HERE); \
    }
TTL_EMU_FPU(add_tiles, Add)
TTL_EMU_FPU(sub_tiles, Sub)
TTL_EMU_FPU(mul_tiles, Mul)
#undef TTL_EMU_FPU
template <BroadcastType B>
inline void add_tiles_bcast(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->fpu_binary(ttl_emu::BinaryOp::Add, a, b, ia, ib, dst, ttl_emu::bcast_of(B), TTL_EMU_HERE);
}
template <BroadcastType B>
inline void sub_tiles_bcast(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->fpu_binary(ttl_emu::BinaryOp::Sub, a, b, ia, ib, dst, ttl_emu::bcast_of(B), TTL_EMU_HERE);
}
template <BroadcastType B>
inline void mul_tiles_bcast(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->fpu_binary(ttl_emu::BinaryOp::Mul, a, b, ia, ib, dst, ttl_emu::bcast_of(B), TTL_EMU_HERE);
}
template <auto... T>
inline void reduce_tile(uint32_t cb, uint32_t cb_scaler, uint32_t tile, uint32_t tile_scaler, uint32_t dst, TTL_EMU_AT) {
    constexpr uint32_t kArgs[] = {0u, static_cast<uint32_t>(T)...};
    constexpr uint32_t pool = sizeof...(T) >= 1 ? kArgs[1] : static_cast<uint32_t>(REDUCE_OP);
    constexpr uint32_t dim = sizeof...(T) >= 2 ? kArgs[2] : static_cast<uint32_t>(REDUCE_DIM);
    ttl_emu::abi->reduce_tile(static_cast<ttl_emu::Pool>(pool), static_cast<ttl_emu::ReduceAxis>(dim), cb, cb_scaler,
                              tile, tile_scaler, dst, TTL_EMU_HERE);
}
inline void matmul_tiles(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t dst, bool transpose = false,
                         TTL_EMU_AT) {
    ttl_emu::abi->matmul_tiles(a, b, ia, ib, dst, transpose, 1, 1, 1, TTL_EMU_HERE);
}
inline void matmul_block(uint32_t a, uint32_t b, uint32_t ia, uint32_t ib, uint32_t dst, bool transpose,
                         uint32_t ct_dim, uint32_t rt_dim, uint32_t kt_dim, TTL_EMU_AT) {
    ttl_emu::abi->matmul_tiles(a, b, ia, ib, dst, transpose, ct_dim, rt_dim, kt_dim, TTL_EMU_HERE);
}

// ---- compute: DST -> CB ---------------------------------------------------------------------
template <bool out_of_order = false>
inline void pack_tile(uint32_t dst, uint32_t cb, uint32_t out_tile = 0, TTL_EMU_AT) {
    ttl_emu::abi->pack_tile(dst, cb, out_tile, out_of_order, TTL_EMU_HERE);
}
inline void pack_tile_block(uint32_t dst, uint32_t cb, uint32_t ntiles, TTL_EMU_AT) {
    for (uint32_t i = 0; i < ntiles; ++i) ttl_emu::abi->pack_tile(dst + i, cb, 0, false, TTL_EMU_HERE);
}
inline void matmul_pack_tile(uint32_t dst, uint32_t cb, uint32_t ntiles, TTL_EMU_AT) {
    for (uint32_t i = 0; i < ntiles; ++i) ttl_emu::abi->pack_tile(dst + i, cb, 0, false, TTL_EMU_HERE);
}

// ---- compute: DST-only (SFPU) ---------------------------------------------------------------
#define TTL_EMU_SFPU_BINARY(name, op)                                                                  \
    template <auto... T>                                                                               \
    inline void name(uint32_t a, uint32_t b, uint32_t out, TTL_EMU_AT) {                               \
        ttl_emu::abi->sfpu_binary(ttl_emu::BinaryOp::op, a, b, out, TTL_EMU_HERE);                     \
    }
TTL_EMU_SFPU_BINARY(add_binary_tile, Add)
TTL_EMU_SFPU_BINARY(sub_binary_tile, Sub)
TTL_EMU_SFPU_BINARY(mul_binary_tile, Mul)
TTL_EMU_SFPU_BINARY(div_binary_tile, Div)
TTL_EMU_SFPU_BINARY(rsub_binary_tile, Rsub)
TTL_EMU_SFPU_BINARY(power_binary_tile, Pow)
TTL_EMU_SFPU_BINARY(binary_max_tile, Max)
TTL_EMU_SFPU_BINARY(binary_min_tile, Min)
TTL_EMU_SFPU_BINARY(eq_binary_tile, Eq)
TTL_EMU_SFPU_BINARY(ne_binary_tile, Ne)
TTL_EMU_SFPU_BINARY(lt_binary_tile, Lt)
TTL_EMU_SFPU_BINARY(gt_binary_tile, Gt)
TTL_EMU_SFPU_BINARY(le_binary_tile, Le)
TTL_EMU_SFPU_BINARY(ge_binary_tile, Ge)
TTL_EMU_SFPU_BINARY(bitwise_and_binary_tile, BitAnd)
TTL_EMU_SFPU_BINARY(bitwise_or_binary_tile, BitOr)
TTL_EMU_SFPU_BINARY(bitwise_xor_binary_tile, BitXor)
#undef TTL_EMU_SFPU_BINARY

// Unary ops in place on one DST tile; trailing arguments (vector mode, ...) are accepted.
#define TTL_EMU_SFPU_UNARY(name, op)                                                                   \
    template <auto... T>                                                                               \
    inline void name##_tile(uint32_t dst, int = 0, int = 0, TTL_EMU_AT) {                              \
        ttl_emu::abi->sfpu_unary(ttl_emu::UnaryOp::op, dst, 0.0f, TTL_EMU_HERE);                       \
    }                                                                                                  \
    template <auto... T, typename... A>                                                                \
    inline void name##_tile_init(A...) {}
TTL_EMU_SFPU_UNARY(exp, Exp)
TTL_EMU_SFPU_UNARY(exp2, Exp2)
TTL_EMU_SFPU_UNARY(expm1, Expm1)
TTL_EMU_SFPU_UNARY(log, Log)
TTL_EMU_SFPU_UNARY(log1p, Log1p)
TTL_EMU_SFPU_UNARY(sqrt, Sqrt)
TTL_EMU_SFPU_UNARY(rsqrt, Rsqrt)
TTL_EMU_SFPU_UNARY(recip, Recip)
TTL_EMU_SFPU_UNARY(tanh, Tanh)
TTL_EMU_SFPU_UNARY(abs, Abs)
TTL_EMU_SFPU_UNARY(negative, Neg)
TTL_EMU_SFPU_UNARY(relu, Relu)
TTL_EMU_SFPU_UNARY(sigmoid, Sigmoid)
TTL_EMU_SFPU_UNARY(silu, Silu)
TTL_EMU_SFPU_UNARY(gelu, Gelu)
TTL_EMU_SFPU_UNARY(sin, Sin)
TTL_EMU_SFPU_UNARY(cos, Cos)
TTL_EMU_SFPU_UNARY(tan, Tan)
TTL_EMU_SFPU_UNARY(asin, Asin)
TTL_EMU_SFPU_UNARY(acos, Acos)
TTL_EMU_SFPU_UNARY(atan, Atan)
TTL_EMU_SFPU_UNARY(square, Square)
TTL_EMU_SFPU_UNARY(sign, Sign)
TTL_EMU_SFPU_UNARY(floor, Floor)
TTL_EMU_SFPU_UNARY(ceil, Ceil)
TTL_EMU_SFPU_UNARY(trunc, Trunc)
TTL_EMU_SFPU_UNARY(erf, Erf)
TTL_EMU_SFPU_UNARY(erfc, Erfc)
TTL_EMU_SFPU_UNARY(erfinv, Erfinv)
TTL_EMU_SFPU_UNARY(logical_not_unary, LogicalNot)
TTL_EMU_SFPU_UNARY(gtz, Gtz)
TTL_EMU_SFPU_UNARY(ltz, Ltz)
TTL_EMU_SFPU_UNARY(gez, Gez)
TTL_EMU_SFPU_UNARY(lez, Lez)
TTL_EMU_SFPU_UNARY(eqz, Eqz)
TTL_EMU_SFPU_UNARY(nez, Nez)
TTL_EMU_SFPU_UNARY(softplus, Softplus)
TTL_EMU_SFPU_UNARY(hardsigmoid, Hardsigmoid)
TTL_EMU_SFPU_UNARY(mish, Mish)
TTL_EMU_SFPU_UNARY(bitwise_not, BitwiseNot)
#undef TTL_EMU_SFPU_UNARY

// Unary ops with a scalar: the scalar is passed as the bits of a float (float_to_bits).
#define TTL_EMU_SFPU_SCALAR(name, op)                                                                  \
    template <auto... T>                                                                               \
    inline void name(uint32_t dst, uint32_t param, TTL_EMU_AT) {                                       \
        ttl_emu::abi->sfpu_unary(ttl_emu::UnaryOp::op, dst, ttl_emu::bit_as<float>(param), TTL_EMU_HERE); \
    }
TTL_EMU_SFPU_SCALAR(relu_max_tile, ReluMax)
TTL_EMU_SFPU_SCALAR(relu_min_tile, ReluMin)
TTL_EMU_SFPU_SCALAR(leaky_relu_tile, LeakyRelu)
TTL_EMU_SFPU_SCALAR(elu_tile, Elu)
TTL_EMU_SFPU_SCALAR(heaviside_tile, Heaviside)
TTL_EMU_SFPU_SCALAR(add_unary_tile, AddScalar)
TTL_EMU_SFPU_SCALAR(sub_unary_tile, SubScalar)
TTL_EMU_SFPU_SCALAR(mul_unary_tile, MulScalar)
TTL_EMU_SFPU_SCALAR(div_unary_tile, DivScalar)
TTL_EMU_SFPU_SCALAR(rsub_unary_tile, RsubScalar)
TTL_EMU_SFPU_SCALAR(unary_gt_tile, GtScalar)
TTL_EMU_SFPU_SCALAR(unary_lt_tile, LtScalar)
TTL_EMU_SFPU_SCALAR(unary_eq_tile, EqScalar)
TTL_EMU_SFPU_SCALAR(unary_ne_tile, NeScalar)
TTL_EMU_SFPU_SCALAR(fill_tile_bitcast, Fill)
#undef TTL_EMU_SFPU_SCALAR
template <auto... T, typename... A>
inline void relu_max_tile_init(A...) {}
template <auto... T, typename... A>
inline void relu_min_tile_init(A...) {}
template <auto... T, typename... A>
inline void leaky_relu_tile_init(A...) {}
template <auto... T, typename... A>
inline void elu_tile_init(A...) {}
template <auto... T, typename... A>
inline void power_tile_init(A...) {}
/// power_tile takes an integer exponent.
inline void power_tile(uint32_t dst, uint32_t exponent, TTL_EMU_AT) {
    ttl_emu::abi->sfpu_unary(ttl_emu::UnaryOp::Power, dst, static_cast<float>(exponent), TTL_EMU_HERE);
}
template <auto... T>
inline void fill_tile(uint32_t dst, float value, TTL_EMU_AT) {
    ttl_emu::abi->sfpu_unary(ttl_emu::UnaryOp::Fill, dst, value, TTL_EMU_HERE);
}
/// Pinned to the older tt-metal order that TT-Lang emits: destination first, then source.
inline void copy_dest_values(uint32_t to, uint32_t from, TTL_EMU_AT) { ttl_emu::abi->copy_dest(to, from, TTL_EMU_HERE); }
template <auto... F>
inline void typecast_tile(uint32_t dst, TTL_EMU_AT) {
    static_assert(sizeof...(F) >= 1 && sizeof...(F) <= 2, "typecast_tile<IN, OUT> or typecast_tile<OUT>");
    constexpr uint32_t kFormats[] = {static_cast<uint32_t>(F)...};
    constexpr uint32_t in = sizeof...(F) == 2 ? kFormats[0] : 0xffu;
    constexpr uint32_t out = kFormats[sizeof...(F) - 1];
    ttl_emu::abi->typecast(dst, in, out, TTL_EMU_HERE);
}

// ---- debug printing (DPRINT): to standard error, one line per ENDL() ----------------------
#include <cstdio>
struct TtlEmuEndl {};
inline TtlEmuEndl ENDL() { return {}; }
struct TtlEmuDprint {
    const TtlEmuDprint& operator<<(const char* s) const { std::fputs(s, stderr); return *this; }
    const TtlEmuDprint& operator<<(char c) const { std::fputc(c, stderr); return *this; }
    const TtlEmuDprint& operator<<(float f) const { std::fprintf(stderr, "%g", static_cast<double>(f)); return *this; }
    const TtlEmuDprint& operator<<(double f) const { std::fprintf(stderr, "%g", f); return *this; }
    const TtlEmuDprint& operator<<(TtlEmuEndl) const { std::fputc('\n', stderr); return *this; }
    template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
    const TtlEmuDprint& operator<<(T v) const {
        std::fprintf(stderr, "%lld", static_cast<long long>(v));
        return *this;
    }
};
#define DPRINT (TtlEmuDprint{})
#define DPRINT_MATH(x) x
#define DPRINT_PACK(x) x
#define DPRINT_UNPACK(x) x
#define DPRINT_DATA0(x) x
#define DPRINT_DATA1(x) x

// ---- entry -----------------------------------------------------------------------------------
// The emulator builds each kernel as `#include "KERNEL"` followed by ttl_emu_entry.h, which
// defines the entry point for the kernel's entry style.
