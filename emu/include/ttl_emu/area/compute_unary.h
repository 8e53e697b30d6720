// ttl-export emulator, area "compute_unary": unary SFPU ops on a DST tile, with or without a scalar; fill, power, typecast, copy_dest_values
#pragma once

#include "ttl_emu/area/compute_common.h"

TTL_EMU_NOOP(copy_dest_values_init)
TTL_EMU_NOOP(fill_tile_init)
TTL_EMU_NOOP(typecast_tile_init)
TTL_EMU_NOOP(binop_with_scalar_tile_init)
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

/// clamp_tile(dst, low, high): the bounds are the bits of floats; clamp_tile_int32 takes integers.
TTL_EMU_NOOP(clamp_tile_init)
inline void clamp_tile(uint32_t dst, uint32_t low, uint32_t high, TTL_EMU_AT) {
    ttl_emu::abi->sfpu_unary(ttl_emu::UnaryOp::ClampMin, dst, ttl_emu::bit_as<float>(low), TTL_EMU_HERE);
    ttl_emu::abi->sfpu_unary(ttl_emu::UnaryOp::ClampMax, dst, ttl_emu::bit_as<float>(high), TTL_EMU_HERE);
}
inline void clamp_tile_int32(uint32_t dst, uint32_t low, uint32_t high, TTL_EMU_AT) {
    ttl_emu::abi->sfpu_unary(ttl_emu::UnaryOp::ClampMin, dst, static_cast<float>(static_cast<int32_t>(low)),
                             TTL_EMU_HERE);
    ttl_emu::abi->sfpu_unary(ttl_emu::UnaryOp::ClampMax, dst, static_cast<float>(static_cast<int32_t>(high)),
                             TTL_EMU_HERE);
}

/// logical_not_tile<FORMAT>(dst): 1 where the value is 0, else 0 (as logical_not_unary_tile).
TTL_EMU_NOOP(logical_not_tile_init)
template <auto... T>
inline void logical_not_tile(uint32_t dst, TTL_EMU_AT) {
    ttl_emu::abi->sfpu_unary(ttl_emu::UnaryOp::LogicalNot, dst, 0.0f, TTL_EMU_HERE);
}

/// where_tile<FORMAT>(cond, if_true, if_false, out); the older three-argument form writes cond.
TTL_EMU_NOOP(where_tile_init)
template <auto... T>
inline void where_tile(uint32_t cond, uint32_t if_true, uint32_t if_false, uint32_t out = ~0u, TTL_EMU_AT) {
    ttl_emu::abi->sfpu_where(cond, if_true, if_false, out == ~0u ? cond : out, TTL_EMU_HERE);
}
