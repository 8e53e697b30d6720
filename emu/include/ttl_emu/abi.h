// The calls a kernel built for the ttl-export emulator makes into the emulator, as one list.
//
// Shared by both sides: the kernel-API headers (compiled into every kernel with the host
// compiler) declare a table of function pointers from this list, and the emulator fills the
// table with its implementations and hands it to the kernel's entry point. Every call that can
// fail takes the kernel's file and line, so that an error names the line that made it.
// Changing this list changes the kernel ABI: bump TTL_EMU_ABI_VERSION.
#pragma once

#include <cstdint>

#define TTL_EMU_ABI_VERSION 2

namespace ttl_emu {

/// Data formats (values of tt-metal's DataFormat enum for the ones emulated).
enum class Format : uint32_t {
    Float32 = 0,
    Float16 = 1,
    Bfp8 = 2,
    Bfp4 = 3,
    Float16_b = 5,
    Bfp8_b = 6,
    Bfp4_b = 7,
    Int32 = 8,
    UInt16 = 9,
    UInt8 = 10,
    UInt32 = 11,
    Int8 = 14,
    Invalid = 0xff,
};

enum class BinaryOp : uint32_t { Add, Sub, Mul, Div, Rsub, Pow, Max, Min, Eq, Ne, Lt, Gt, Le, Ge,
                                 BitAnd, BitOr, BitXor,
                                 // integer SFPU ops (add_int_tile, ...): 32-bit two's complement, wrapping
                                 IntAdd, IntSub, IntMul };

/// Unary SFPU operations; `param` is the op's scalar (already a float) where it has one.
enum class UnaryOp : uint32_t {
    Exp, Exp2, Expm1, Log, Log1p, Sqrt, Rsqrt, Recip, Tanh, Abs, Neg, Relu, Sigmoid, Silu, Gelu,
    Sin, Cos, Tan, Asin, Acos, Atan, Square, Sign, Floor, Ceil, Trunc, Round, Erf, Erfc, Erfinv,
    LogicalNot, Gtz, Ltz, Gez, Lez, Eqz, Nez, Softplus, Hardsigmoid, Selu, Elu, Celu, Mish,
    // with a scalar parameter
    ReluMax, ReluMin, LeakyRelu, Power, AddScalar, SubScalar, MulScalar, DivScalar, RsubScalar,
    Heaviside, Fill, GtScalar, LtScalar, EqScalar, NeScalar, BitwiseNot,
    // clamp_tile's two halves: max(x, param), then min(x, param)
    ClampMin, ClampMax,
};

enum class Bcast : uint32_t { None, Row, Col, Scalar };
enum class Pool : uint32_t { Sum, Avg, Max };
enum class ReduceAxis : uint32_t { Row, Col, Scalar };

}  // namespace ttl_emu

// TTL_EMU_FN(return type, name, parameter list): the calls, in table order.
#define TTL_EMU_ABI(TTL_EMU_FN)                                                                         \
    /* circular buffers (both sides) */                                                                 \
    TTL_EMU_FN(void, cb_reserve_back, (uint32_t cb, uint32_t n, const char* file, int line))            \
    TTL_EMU_FN(void, cb_push_back, (uint32_t cb, uint32_t n, const char* file, int line))               \
    TTL_EMU_FN(void, cb_wait_front, (uint32_t cb, uint32_t n, const char* file, int line))              \
    TTL_EMU_FN(void, cb_pop_front, (uint32_t cb, uint32_t n, const char* file, int line))               \
    TTL_EMU_FN(uint32_t, cb_write_ptr, (uint32_t cb, const char* file, int line))                       \
    TTL_EMU_FN(uint32_t, cb_read_ptr, (uint32_t cb, const char* file, int line))                        \
    TTL_EMU_FN(bool, cb_reservable, (uint32_t cb, uint32_t n, const char* file, int line))              \
    TTL_EMU_FN(bool, cb_available, (uint32_t cb, uint32_t n, const char* file, int line))               \
    TTL_EMU_FN(uint32_t, cb_page_size, (uint32_t cb, const char* file, int line))                       \
    TTL_EMU_FN(uint32_t, cb_format, (uint32_t cb, const char* file, int line))                          \
    /* arguments and identity */                                                                        \
    TTL_EMU_FN(uint32_t, arg, (uint32_t index, const char* file, int line))                             \
    TTL_EMU_FN(uint32_t, common_arg, (uint32_t index, const char* file, int line))                      \
    TTL_EMU_FN(uint32_t, arg_address, (uint32_t index, bool common, const char* file, int line))        \
    TTL_EMU_FN(uint32_t, core_x, ())                                                                    \
    TTL_EMU_FN(uint32_t, core_y, ())                                                                    \
    /* NoC: addresses are the emulator's encoding, see kernel_api.h */                                  \
    TTL_EMU_FN(void, noc_read, (uint64_t src, uint32_t dst_l1, uint32_t size, const char* file, int line)) \
    TTL_EMU_FN(void, noc_write, (uint32_t src_l1, uint64_t dst, uint32_t size, bool loopback,            \
                                 uint32_t num_dests, const char* file, int line))                       \
    TTL_EMU_FN(void, noc_read_barrier, (const char* file, int line))                                    \
    TTL_EMU_FN(void, noc_write_barrier, (const char* file, int line))                                   \
    TTL_EMU_FN(uint32_t, semaphore_address, (uint32_t id, const char* file, int line))                  \
    TTL_EMU_FN(void, semaphore_wait, (uint32_t l1, uint32_t value, bool at_least, const char* file, int line)) \
    TTL_EMU_FN(void, semaphore_set, (uint32_t l1, uint32_t value, const char* file, int line))          \
    TTL_EMU_FN(void, semaphore_inc, (uint64_t dst, uint32_t increment, const char* file, int line))     \
    TTL_EMU_FN(void, l1_check, (uint32_t l1, uint32_t size, const char* file, int line))                \
    /* compute: DST registers */                                                                        \
    TTL_EMU_FN(void, tile_regs, (uint32_t step, const char* file, int line))                            \
    TTL_EMU_FN(void, copy_tile, (uint32_t cb, uint32_t tile, uint32_t dst, ttl_emu::Bcast bcast,        \
                                 const char* file, int line))                                           \
    TTL_EMU_FN(void, transpose_tile, (uint32_t cb, uint32_t tile, uint32_t dst, const char* file, int line)) \
    TTL_EMU_FN(void, pack_tile, (uint32_t dst, uint32_t cb, uint32_t out_tile, bool out_of_order,        \
                                 const char* file, int line))                                           \
    TTL_EMU_FN(void, pack_untilize, (uint32_t dst, uint32_t cb, uint32_t block_rt, uint32_t block_ct,    \
                                     uint32_t full_ct, uint32_t block_c_index, const char* file, int line)) \
    TTL_EMU_FN(void, fpu_binary, (ttl_emu::BinaryOp op, uint32_t cb_a, uint32_t cb_b, uint32_t tile_a,  \
                                  uint32_t tile_b, uint32_t dst, ttl_emu::Bcast bcast_b, const char* file, int line)) \
    TTL_EMU_FN(void, sfpu_binary, (ttl_emu::BinaryOp op, uint32_t a, uint32_t b, uint32_t out,          \
                                   const char* file, int line))                                         \
    TTL_EMU_FN(void, sfpu_unary, (ttl_emu::UnaryOp op, uint32_t dst, float param, const char* file, int line)) \
    TTL_EMU_FN(void, sfpu_where, (uint32_t cond, uint32_t if_true, uint32_t if_false, uint32_t out,      \
                                  const char* file, int line))                                          \
    TTL_EMU_FN(void, copy_dest, (uint32_t to, uint32_t from, const char* file, int line))               \
    TTL_EMU_FN(void, typecast, (uint32_t dst, uint32_t in_format, uint32_t out_format, const char* file, int line)) \
    TTL_EMU_FN(void, reduce_tile, (ttl_emu::Pool pool, ttl_emu::ReduceAxis axis, uint32_t cb,           \
                                   uint32_t cb_scaler, uint32_t tile, uint32_t tile_scaler, uint32_t dst, \
                                   const char* file, int line))                                         \
    TTL_EMU_FN(void, matmul_tiles, (uint32_t cb_a, uint32_t cb_b, uint32_t tile_a, uint32_t tile_b,      \
                                    uint32_t dst, bool transpose, uint32_t ct, uint32_t rt, uint32_t kt,  \
                                    const char* file, int line))                                        \
    TTL_EMU_FN(void, fail, (const char* message, const char* file, int line))

namespace ttl_emu {

/// The table handed to a kernel's entry point.
struct Abi {
    uint32_t version;
#define TTL_EMU_FIELD(ret, name, params) ret(*name) params;
    TTL_EMU_ABI(TTL_EMU_FIELD)
#undef TTL_EMU_FIELD
};

/// NoC addresses, as the emulator encodes them (kernels treat them as opaque uint64_t):
/// kind in bits 62-63; device memory (interleaved buffers): the address in bits 0-39; one
/// core's L1: x in bits 48-55, y in 40-47, the L1 address in 0-31; a multicast rectangle:
/// x0, y0, x1, y1 in 6-bit fields from bit 56 down to 38, the L1 address in 0-31.
enum : uint64_t { kNocDevice = 1, kNocCore = 2, kNocMulticast = 3 };
constexpr uint64_t noc_device(uint64_t address) { return (kNocDevice << 62) | (address & 0xffffffffffULL); }
constexpr uint64_t noc_core(uint32_t x, uint32_t y, uint32_t l1) {
    return (kNocCore << 62) | (uint64_t{x & 0xff} << 48) | (uint64_t{y & 0xff} << 40) | l1;
}
constexpr uint64_t noc_multicast(uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1, uint32_t l1) {
    return (kNocMulticast << 62) | (uint64_t{x0 & 63} << 56) | (uint64_t{y0 & 63} << 50) |
           (uint64_t{x1 & 63} << 44) | (uint64_t{y1 & 63} << 38) | l1;
}
constexpr uint64_t noc_kind(uint64_t a) { return a >> 62; }
constexpr uint32_t noc_x(uint64_t a) { return static_cast<uint32_t>((a >> 48) & 0xff); }  ///< of noc_core
constexpr uint32_t noc_y(uint64_t a) { return static_cast<uint32_t>((a >> 40) & 0xff); }  ///< of noc_core

/// tile_regs steps.
enum : uint32_t { kAcquire = 0, kCommit = 1, kWait = 2, kRelease = 3 };

}  // namespace ttl_emu
