// The emulator's math, against references computed independently in float64.
#include "emulate/tile_math.h"

#include <cmath>
#include <cstring>
#include <random>

#include <gtest/gtest.h>

#include "emulate/tensor_layout.h"

namespace ttl::emu {
namespace {

using ttl_emu::BinaryOp;
using ttl_emu::UnaryOp;

TEST(TileMath, Bfloat16RoundsToNearestEven) {
    // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties go to the even mantissa (1).
    EXPECT_EQ(float_to_bfloat16(1.0f + 0x1p-8f), 0x3f80);
    // 1 + 3 * 2^-8 is halfway between 1 + 2^-7 and 1 + 2^-6: ties go to even (1 + 2^-6).
    EXPECT_EQ(float_to_bfloat16(1.0f + 3 * 0x1p-8f), 0x3f82);
    EXPECT_EQ(float_to_bfloat16(1.0f + 0x1p-8f + 0x1p-20f), 0x3f81);  // above halfway: up
    EXPECT_EQ(bfloat16_to_float(0xc040), -3.0f);
    EXPECT_TRUE(std::isnan(bfloat16_to_float(float_to_bfloat16(std::nanf("")))));
    EXPECT_EQ(bfloat16_to_float(float_to_bfloat16(INFINITY)), INFINITY);
}

TEST(TileMath, FaceOrderOffsets) {
    EXPECT_EQ(tile_offset(0, 0), 0U);
    EXPECT_EQ(tile_offset(0, 15), 15U);
    EXPECT_EQ(tile_offset(0, 16), 256U);   // face 1
    EXPECT_EQ(tile_offset(1, 0), 16U);
    EXPECT_EQ(tile_offset(16, 0), 512U);   // face 2
    EXPECT_EQ(tile_offset(31, 31), 1023U); // face 3, last
}

TEST(TileMath, TilizeUntilizeRoundTripWithPadding) {
    std::vector<float> v(40 * 50);
    for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(i % 251) - 100.0f;  // exact in bf16
    for (DataFormat f : {DataFormat::kBfloat16, DataFormat::kFloat32}) {
        auto bytes = tilize(v, 40, 50, f);
        EXPECT_EQ(bytes.size(), 4U * 1024 * element_size(f));  // 2x2 tiles
        EXPECT_EQ(untilize(bytes, 40, 50, f), v);
    }
    // Element (33, 2) is in tile (1, 0) = page 2, at face-order offset of (1, 2).
    auto bytes = tilize(v, 40, 50, DataFormat::kFloat32);
    float at;
    std::memcpy(&at, bytes.data() + (2 * 1024 + tile_offset(1, 2)) * 4, 4);
    EXPECT_EQ(at, v[33 * 50 + 2]);
}

TEST(TileMath, IntegerFormatsRoundAndSaturate) {
    EXPECT_EQ(round_to_format(DataFormat::kInt32, 2.5f), 2.0f);
    EXPECT_EQ(round_to_format(DataFormat::kInt32, -3.5f), -4.0f);
    EXPECT_EQ(round_to_format(DataFormat::kUInt8, 300.0f), 255.0f);
    EXPECT_EQ(round_to_format(DataFormat::kUInt16, -5.0f), 0.0f);
}

double reference_unary(UnaryOp op, double x, double p) {
    switch (op) {
        case UnaryOp::Exp: return std::exp(x);
        case UnaryOp::Log: return std::log(x);
        case UnaryOp::Sqrt: return std::sqrt(x);
        case UnaryOp::Rsqrt: return 1 / std::sqrt(x);
        case UnaryOp::Recip: return 1 / x;
        case UnaryOp::Tanh: return std::tanh(x);
        case UnaryOp::Abs: return std::fabs(x);
        case UnaryOp::Neg: return -x;
        case UnaryOp::Relu: return x > 0 ? x : 0;
        case UnaryOp::Sigmoid: return 1 / (1 + std::exp(-x));
        case UnaryOp::Silu: return x / (1 + std::exp(-x));
        case UnaryOp::Gelu: return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
        case UnaryOp::Sin: return std::sin(x);
        case UnaryOp::Cos: return std::cos(x);
        case UnaryOp::Square: return x * x;
        case UnaryOp::Erf: return std::erf(x);
        case UnaryOp::Erfinv: return std::erf(x) == 0 ? 0 : x;  // checked by round trip below
        case UnaryOp::Softplus: return std::log(1 + std::exp(x));
        case UnaryOp::Exp2: return std::pow(2.0, x);
        case UnaryOp::Expm1: return std::expm1(x);
        case UnaryOp::LeakyRelu: return x > 0 ? x : p * x;
        case UnaryOp::Power: return std::pow(x, p);
        case UnaryOp::AddScalar: return x + p;
        case UnaryOp::MulScalar: return x * p;
        case UnaryOp::RsubScalar: return p - x;
        default: return NAN;
    }
}

TEST(TileMath, UnaryOpsMatchAFloat64Reference) {
    // Tolerance: float32 library results, a few ulp (relative 1e-6) plus 1e-7 absolute.
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> dist(0.05, 3.0);
    for (UnaryOp op : {UnaryOp::Exp, UnaryOp::Log, UnaryOp::Sqrt, UnaryOp::Rsqrt, UnaryOp::Recip, UnaryOp::Tanh,
                       UnaryOp::Abs, UnaryOp::Neg, UnaryOp::Relu, UnaryOp::Sigmoid, UnaryOp::Silu, UnaryOp::Gelu,
                       UnaryOp::Sin, UnaryOp::Cos, UnaryOp::Square, UnaryOp::Erf, UnaryOp::Softplus, UnaryOp::Exp2,
                       UnaryOp::Expm1, UnaryOp::LeakyRelu, UnaryOp::Power, UnaryOp::AddScalar, UnaryOp::MulScalar,
                       UnaryOp::RsubScalar}) {
        for (int i = 0; i < 200; ++i) {
            double sign = (op == UnaryOp::Log || op == UnaryOp::Sqrt || op == UnaryOp::Rsqrt || op == UnaryOp::Power) ? 1 : (i % 2 ? -1 : 1);
            auto x = static_cast<float>(sign * dist(rng));
            float p = op == UnaryOp::Power ? 3.0f : 0.25f;
            double want = reference_unary(op, x, p);
            double got = apply_unary(op, x, p);
            EXPECT_NEAR(got, want, 1e-6 * std::fabs(want) + 1e-7) << unary_name(op) << "(" << x << ")";
        }
    }
    for (float y : {-0.9f, -0.3f, 0.0f, 0.5f, 0.99f}) EXPECT_NEAR(std::erf(apply_unary(UnaryOp::Erfinv, y, 0)), y, 1e-6);
}

TEST(TileMath, BinaryOps) {
    EXPECT_EQ(apply_binary(BinaryOp::Sub, 5, 3), 2);
    EXPECT_EQ(apply_binary(BinaryOp::Rsub, 5, 3), -2);
    EXPECT_EQ(apply_binary(BinaryOp::Div, 1, 4), 0.25f);
    EXPECT_EQ(apply_binary(BinaryOp::Max, -1, -2), -1);
    EXPECT_EQ(apply_binary(BinaryOp::Min, -1, -2), -2);
    EXPECT_EQ(apply_binary(BinaryOp::Lt, 1, 2), 1);
    EXPECT_EQ(apply_binary(BinaryOp::Ge, 1, 2), 0);
    EXPECT_EQ(apply_binary(BinaryOp::BitXor, 6, 3), 5);
    EXPECT_EQ(apply_binary(BinaryOp::Pow, 2, 10), 1024);
}

Tile random_tile(unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1, 1);
    Tile t;
    for (float& v : t) v = dist(rng);
    return t;
}

TEST(TileMath, MatmulMatchesFloat64) {
    Tile a = random_tile(1), b = random_tile(2);
    Tile c;
    c.fill(1.0f);  // accumulates onto what is there
    matmul_accumulate(a, b, false, c);
    Tile ct;
    ct.fill(0.0f);
    matmul_accumulate(a, b, true, ct);
    for (uint32_t r = 0; r < 32; ++r) {
        for (uint32_t col = 0; col < 32; ++col) {
            double s = 1.0, st = 0.0;
            for (uint32_t k = 0; k < 32; ++k) {
                s += double{a[tile_offset(r, k)]} * b[tile_offset(k, col)];
                st += double{a[tile_offset(r, k)]} * b[tile_offset(col, k)];
            }
            ASSERT_NEAR(c[tile_offset(r, col)], s, 1e-5);   // 32 float32 products
            ASSERT_NEAR(ct[tile_offset(r, col)], st, 1e-5);
        }
    }
}

TEST(TileMath, ReduceTransposeBroadcast) {
    Tile in = random_tile(5);
    Tile rows;
    rows.fill(0.0f);
    reduce(ttl_emu::Pool::Sum, ttl_emu::ReduceAxis::Row, in, 0.5f, true, rows);
    Tile cols;
    cols.fill(7.0f);
    reduce(ttl_emu::Pool::Max, ttl_emu::ReduceAxis::Col, in, 1.0f, true, cols);  // fresh: overwrites
    for (uint32_t r = 0; r < 32; ++r) {
        double s = 0, m = -1e9;
        for (uint32_t c = 0; c < 32; ++c) {
            s += in[tile_offset(r, c)];
            m = std::max<double>(m, in[tile_offset(c, r)]);
        }
        EXPECT_NEAR(rows[tile_offset(r, 0)], 0.5 * s, 1e-5);
        EXPECT_EQ(rows[tile_offset(r, 1)], 0.0f);
        EXPECT_FLOAT_EQ(cols[tile_offset(0, r)], static_cast<float>(m));
    }
    Tile t = in;
    transpose(t);
    EXPECT_EQ(t[tile_offset(3, 20)], in[tile_offset(20, 3)]);
    Tile row = in, col = in, scalar = in;
    broadcast(ttl_emu::Bcast::Row, row);
    broadcast(ttl_emu::Bcast::Col, col);
    broadcast(ttl_emu::Bcast::Scalar, scalar);
    EXPECT_EQ(row[tile_offset(25, 17)], in[tile_offset(0, 17)]);
    EXPECT_EQ(col[tile_offset(25, 17)], in[tile_offset(25, 0)]);
    EXPECT_EQ(scalar[tile_offset(25, 17)], in[0]);
}

}  // namespace
}  // namespace ttl::emu
