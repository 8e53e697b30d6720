#include "emulate/tile_math.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace ttl::emu {

uint16_t float_to_bfloat16(float value) {
    uint32_t bits = std::bit_cast<uint32_t>(value);
    if (std::isnan(value)) return static_cast<uint16_t>((bits >> 16) | 0x40);  // keep it a NaN
    uint32_t rounding = 0x7fff + ((bits >> 16) & 1);
    return static_cast<uint16_t>((bits + rounding) >> 16);
}

float bfloat16_to_float(uint16_t bits) {
    return std::bit_cast<float>(static_cast<uint32_t>(bits) << 16);
}

namespace {

template <typename T>
T load(const uint8_t* p) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}
template <typename T>
void store(uint8_t* p, T v) {
    std::memcpy(p, &v, sizeof(T));
}

/// Float to an integer type: round to nearest even, saturate, NaN to 0.
template <typename T>
T to_integer(float value) {
    if (std::isnan(value)) return 0;
    double r = std::nearbyint(static_cast<double>(value));
    if (r <= static_cast<double>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
    if (r >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    return static_cast<T>(r);
}

}  // namespace

float round_to_format(DataFormat format, float value) {
    switch (format) {
        case DataFormat::kFloat32: return value;
        case DataFormat::kBfloat16: return bfloat16_to_float(float_to_bfloat16(value));
        case DataFormat::kInt32: return static_cast<float>(to_integer<int32_t>(value));
        case DataFormat::kUInt32: return static_cast<float>(to_integer<uint32_t>(value));
        case DataFormat::kUInt16: return static_cast<float>(to_integer<uint16_t>(value));
        case DataFormat::kUInt8: return static_cast<float>(to_integer<uint8_t>(value));
    }
    return value;
}

void unpack_tile(DataFormat format, const uint8_t* bytes, Tile& out) {
    for (uint32_t i = 0; i < kTileElements; ++i) {
        switch (format) {
            case DataFormat::kFloat32: out[i] = load<float>(bytes + 4 * i); break;
            case DataFormat::kBfloat16: out[i] = bfloat16_to_float(load<uint16_t>(bytes + 2 * i)); break;
            case DataFormat::kInt32: out[i] = static_cast<float>(load<int32_t>(bytes + 4 * i)); break;
            case DataFormat::kUInt32: out[i] = static_cast<float>(load<uint32_t>(bytes + 4 * i)); break;
            case DataFormat::kUInt16: out[i] = static_cast<float>(load<uint16_t>(bytes + 2 * i)); break;
            case DataFormat::kUInt8: out[i] = static_cast<float>(bytes[i]); break;
        }
    }
}

void pack_tile(DataFormat format, const Tile& tile, uint8_t* bytes) {
    for (uint32_t i = 0; i < kTileElements; ++i) {
        float v = tile[i];
        switch (format) {
            case DataFormat::kFloat32: store(bytes + 4 * i, v); break;
            case DataFormat::kBfloat16: store(bytes + 2 * i, float_to_bfloat16(v)); break;
            case DataFormat::kInt32: store(bytes + 4 * i, to_integer<int32_t>(v)); break;
            case DataFormat::kUInt32: store(bytes + 4 * i, to_integer<uint32_t>(v)); break;
            case DataFormat::kUInt16: store(bytes + 2 * i, to_integer<uint16_t>(v)); break;
            case DataFormat::kUInt8: bytes[i] = to_integer<uint8_t>(v); break;
        }
    }
}

namespace {

float erfinv(float y) {
    if (y <= -1.0f) return -std::numeric_limits<float>::infinity();
    if (y >= 1.0f) return std::numeric_limits<float>::infinity();
    // Initial guess (Giles' single-precision approximation is not needed: Newton converges).
    double x = 0.0;
    double target = y;
    for (int i = 0; i < 60; ++i) {
        double err = std::erf(x) - target;
        double slope = 2.0 / std::sqrt(M_PI) * std::exp(-x * x);
        double step = err / slope;
        x -= std::clamp(step, -1.0, 1.0);
        if (std::fabs(step) < 1e-12) break;
    }
    return static_cast<float>(x);
}

float as_float(bool b) {
    return b ? 1.0f : 0.0f;
}
int32_t as_int(float v) {
    return static_cast<int32_t>(v);
}
/// The low 32 bits of an integer result, read as int32 (the device's wrap-around).
float wrap_int32(int64_t v) {
    return static_cast<float>(static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v))));
}

}  // namespace

float apply_unary(ttl_emu::UnaryOp op, float x, float p) {
    using U = ttl_emu::UnaryOp;
    switch (op) {
        case U::Exp: return std::exp(x);
        case U::Exp2: return std::exp2(x);
        case U::Expm1: return std::expm1(x);
        case U::Log: return std::log(x);
        case U::Log1p: return std::log1p(x);
        case U::Sqrt: return std::sqrt(x);
        case U::Rsqrt: return 1.0f / std::sqrt(x);
        case U::Recip: return 1.0f / x;
        case U::Tanh: return std::tanh(x);
        case U::Abs: return std::fabs(x);
        case U::Neg: return -x;
        case U::Relu: return x > 0.0f ? x : 0.0f;
        case U::Sigmoid: return 1.0f / (1.0f + std::exp(-x));
        case U::Silu: return x / (1.0f + std::exp(-x));
        case U::Gelu: return 0.5f * x * (1.0f + std::erf(x / std::sqrt(2.0f)));
        case U::Sin: return std::sin(x);
        case U::Cos: return std::cos(x);
        case U::Tan: return std::tan(x);
        case U::Asin: return std::asin(x);
        case U::Acos: return std::acos(x);
        case U::Atan: return std::atan(x);
        case U::Square: return x * x;
        case U::Sign: return x > 0.0f ? 1.0f : x < 0.0f ? -1.0f : 0.0f;
        case U::Floor: return std::floor(x);
        case U::Ceil: return std::ceil(x);
        case U::Trunc: return std::trunc(x);
        case U::Round: return std::nearbyint(x);
        case U::Erf: return std::erf(x);
        case U::Erfc: return std::erfc(x);
        case U::Erfinv: return erfinv(x);
        case U::LogicalNot: return as_float(x == 0.0f);
        case U::Gtz: return as_float(x > 0.0f);
        case U::Ltz: return as_float(x < 0.0f);
        case U::Gez: return as_float(x >= 0.0f);
        case U::Lez: return as_float(x <= 0.0f);
        case U::Eqz: return as_float(x == 0.0f);
        case U::Nez: return as_float(x != 0.0f);
        case U::Softplus: return std::log1p(std::exp(x));
        case U::Hardsigmoid: return std::clamp(x / 6.0f + 0.5f, 0.0f, 1.0f);
        case U::Selu: return 1.0507009873554805f * (x > 0.0f ? x : 1.6732632423543772f * std::expm1(x));
        case U::Elu: return x > 0.0f ? x : p * std::expm1(x);
        case U::Celu: return x > 0.0f ? x : p * std::expm1(x / p);
        case U::Mish: return x * std::tanh(std::log1p(std::exp(x)));
        case U::ReluMax: return std::min(std::max(x, 0.0f), p);
        case U::ReluMin: return std::max(x, p);
        case U::LeakyRelu: return x > 0.0f ? x : p * x;
        case U::Power: return std::pow(x, p);
        case U::AddScalar: return x + p;
        case U::SubScalar: return x - p;
        case U::MulScalar: return x * p;
        case U::DivScalar: return x / p;
        case U::RsubScalar: return p - x;
        case U::Heaviside: return x > 0.0f ? 1.0f : x < 0.0f ? 0.0f : p;
        case U::Fill: return p;
        case U::GtScalar: return as_float(x > p);
        case U::LtScalar: return as_float(x < p);
        case U::EqScalar: return as_float(x == p);
        case U::NeScalar: return as_float(x != p);
        case U::BitwiseNot: return static_cast<float>(~as_int(x));
        case U::ClampMin: return std::max(x, p);
        case U::ClampMax: return std::min(x, p);
    }
    return x;
}

float apply_binary(ttl_emu::BinaryOp op, float a, float b) {
    using B = ttl_emu::BinaryOp;
    switch (op) {
        case B::Add: return a + b;
        case B::Sub: return a - b;
        case B::Mul: return a * b;
        case B::Div: return a / b;
        case B::Rsub: return b - a;
        case B::Pow: return std::pow(a, b);
        case B::Max: return std::max(a, b);
        case B::Min: return std::min(a, b);
        case B::Eq: return as_float(a == b);
        case B::Ne: return as_float(a != b);
        case B::Lt: return as_float(a < b);
        case B::Gt: return as_float(a > b);
        case B::Le: return as_float(a <= b);
        case B::Ge: return as_float(a >= b);
        case B::BitAnd: return static_cast<float>(as_int(a) & as_int(b));
        case B::BitOr: return static_cast<float>(as_int(a) | as_int(b));
        case B::BitXor: return static_cast<float>(as_int(a) ^ as_int(b));
        case B::IntAdd: return wrap_int32(int64_t{as_int(a)} + as_int(b));
        case B::IntSub: return wrap_int32(int64_t{as_int(a)} - as_int(b));
        case B::IntMul: return wrap_int32(int64_t{as_int(a)} * as_int(b));
    }
    return a;
}

const char* unary_name(ttl_emu::UnaryOp op) {
    static constexpr const char* kNames[] = {
        "exp",        "exp2",       "expm1",       "log",         "log1p", "sqrt",       "rsqrt",
        "recip",      "tanh",       "abs",         "negative",    "relu",  "sigmoid",    "silu",
        "gelu",       "sin",        "cos",         "tan",         "asin",  "acos",       "atan",
        "square",     "sign",       "floor",       "ceil",        "trunc", "round",      "erf",
        "erfc",       "erfinv",     "logical_not", "gtz",         "ltz",   "gez",        "lez",
        "eqz",        "nez",        "softplus",    "hardsigmoid", "selu",  "elu",        "celu",
        "mish",       "relu_max",   "relu_min",    "leaky_relu",  "power", "add_scalar", "sub_scalar",
        "mul_scalar", "div_scalar", "rsub_scalar", "heaviside",   "fill",  "gt_scalar",  "lt_scalar",
        "eq_scalar",  "ne_scalar",  "bitwise_not", "clamp",       "clamp"};
    auto i = static_cast<size_t>(op);
    return i < std::size(kNames) ? kNames[i] : "?";
}

void broadcast(ttl_emu::Bcast bcast, Tile& tile) {
    using ttl_emu::Bcast;
    if (bcast == Bcast::None) return;
    Tile in = tile;
    for (uint32_t r = 0; r < kTileDim; ++r) {
        for (uint32_t c = 0; c < kTileDim; ++c) {
            uint32_t from = bcast == Bcast::Row ? tile_offset(0, c) : bcast == Bcast::Col ? tile_offset(r, 0) : 0;
            tile[tile_offset(r, c)] = in[from];
        }
    }
}

void transpose(Tile& tile) {
    Tile in = tile;
    for (uint32_t r = 0; r < kTileDim; ++r) {
        for (uint32_t c = 0; c < kTileDim; ++c) tile[tile_offset(r, c)] = in[tile_offset(c, r)];
    }
}

void matmul_accumulate(const Tile& a, const Tile& b, bool transpose_b, Tile& dst) {
    // Row-major copies so that the inner loop is contiguous.
    float am[kTileDim][kTileDim];
    float bm[kTileDim][kTileDim];
    for (uint32_t r = 0; r < kTileDim; ++r) {
        for (uint32_t c = 0; c < kTileDim; ++c) {
            am[r][c] = a[tile_offset(r, c)];
            bm[r][c] = transpose_b ? b[tile_offset(c, r)] : b[tile_offset(r, c)];
        }
    }
    for (uint32_t r = 0; r < kTileDim; ++r) {
        float row[kTileDim] = {};
        for (uint32_t k = 0; k < kTileDim; ++k) {
            float x = am[r][k];
            for (uint32_t c = 0; c < kTileDim; ++c) row[c] += x * bm[k][c];
        }
        for (uint32_t c = 0; c < kTileDim; ++c) dst[tile_offset(r, c)] += row[c];
    }
}

void reduce(ttl_emu::Pool pool, ttl_emu::ReduceAxis axis, const Tile& in, float scaler, bool fresh, Tile& dst) {
    using ttl_emu::Pool;
    using ttl_emu::ReduceAxis;
    auto combine = [&](uint32_t at, float value) {
        if (pool == Pool::Max) {
            dst[at] = fresh ? value : std::max(dst[at], value);
        } else {
            dst[at] += value;
        }
    };
    auto fold = [&](uint32_t r0, uint32_t r1, uint32_t c0, uint32_t c1) {
        float acc = pool == Pool::Max ? -std::numeric_limits<float>::infinity() : 0.0f;
        for (uint32_t r = r0; r < r1; ++r) {
            for (uint32_t c = c0; c < c1; ++c) {
                float v = in[tile_offset(r, c)];
                acc = pool == Pool::Max ? std::max(acc, v) : acc + v;
            }
        }
        return acc * scaler;
    };
    switch (axis) {
        case ReduceAxis::Row:
            for (uint32_t r = 0; r < kTileDim; ++r) combine(tile_offset(r, 0), fold(r, r + 1, 0, kTileDim));
            break;
        case ReduceAxis::Col:
            for (uint32_t c = 0; c < kTileDim; ++c) combine(tile_offset(0, c), fold(0, kTileDim, c, c + 1));
            break;
        case ReduceAxis::Scalar: combine(0, fold(0, kTileDim, 0, kTileDim)); break;
    }
}

}  // namespace ttl::emu
