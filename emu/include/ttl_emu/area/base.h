// ttl-export emulator, area "base": what every kernel header brings: the build environment, compile-time args, formats, CB indices
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

// An init or configuration call whose state the emulator does not need: any template and call
// arguments are accepted.
#define TTL_EMU_NOOP(name)                  \
    template <auto... T, typename... A>     \
    inline void name(A...) {}

namespace ttl_emu {
/// False, but only once a template using it is instantiated: the body of an API the emulator
/// declares and does not provide (see emu/headers.manifest) fails only where it is called.
template <class...>
inline constexpr bool kNotProvided = false;
}  // namespace ttl_emu
