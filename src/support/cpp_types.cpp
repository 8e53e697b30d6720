#include "support/cpp_types.h"

#include <algorithm>
#include <string>

namespace ttl {

std::optional<IntegerType> integer_type(std::string_view type) {
    struct Entry {
        std::string_view name;
        IntegerType type;
    };
    static constexpr Entry kTypes[] = {
        {"int8_t", {8, 8, true}},
        {"uint8_t", {8, 8, false}},
        {"int16_t", {16, 16, true}},
        {"uint16_t", {16, 16, false}},
        {"int32_t", {32, 32, true}},
        {"uint32_t", {32, 32, false}},
        {"int64_t", {64, 64, true}},
        {"uint64_t", {64, 64, false}},
        {"size_t", {32, 64, false}},
        {"ptrdiff_t", {32, 64, true}},
        {"intptr_t", {32, 64, true}},
        {"uintptr_t", {32, 64, false}},
        {"char", {8, 8, true, false}},
        {"signed char", {8, 8, true}},
        {"unsigned char", {8, 8, false}},
        {"short", {16, 16, true}},
        {"unsigned short", {16, 16, false}},
        {"int", {32, 32, true}},
        {"unsigned int", {32, 32, false}},
        {"unsigned", {32, 32, false}},
        {"long", {32, 64, true}},
        {"unsigned long", {32, 64, false}},
        {"long long", {64, 64, true}},
        {"unsigned long long", {64, 64, false}},
    };
    for (const Entry& e : kTypes) {
        if (e.name == type) return e.type;
    }
    return std::nullopt;
}

std::optional<long long> integer_literal_value(std::string_view text) {
    while (!text.empty() && (text.back() == 'u' || text.back() == 'U' || text.back() == 'l' || text.back() == 'L')) {
        text.remove_suffix(1);
    }
    if (text.empty() || text[0] < '0' || text[0] > '9') return std::nullopt;
    std::string digits;
    for (char c : text) {
        if (c != '\'') digits += c;
    }
    try {
        size_t used = 0;
        long long v = std::stoll(digits, &used, 0);
        if (used != digits.size()) return std::nullopt;
        return v;
    } catch (...) {
        return std::nullopt;
    }
}

bool cast_is_redundant(std::string_view to, std::string_view from, std::string_view declared) {
    if (to == from) return true;
    return !declared.empty() && to == declared && integer_type(to) && integer_type(from);
}

bool cast_chain_keeps_value(std::string_view from, std::string_view middle, std::string_view last) {
    auto x = integer_type(from);
    auto m = integer_type(middle);
    auto l = integer_type(last);
    if (!x || !m || !l) return false;
    if (m->min_bits >= l->max_bits) return true;  // the low bits `last` keeps survive `middle`
    if (!m->sign_known) return false;  // holds x's values only in one of its two readings
    if (!x->sign_known) return m->is_signed && m->min_bits > x->max_bits;  // both readings of x
    return m->is_signed == x->is_signed ? m->min_bits >= x->max_bits : (m->is_signed && m->min_bits > x->max_bits);
}

namespace {

struct Arith {
    int bits;
    bool is_signed;
};

/// Integral promotion: anything narrower than int (32 bits on every target) becomes int.
Arith promoted(Arith t) {
    return t.bits < 32 ? Arith{32, true} : t;
}

/// The usual arithmetic conversions, by width and signedness (rank follows width on both
/// targets; a signed type of the same width as an unsigned one yields the unsigned type).
Arith common(Arith a, Arith b) {
    a = promoted(a);
    b = promoted(b);
    if (a.is_signed == b.is_signed) return {std::max(a.bits, b.bits), a.is_signed};
    const Arith& u = a.is_signed ? b : a;
    const Arith& s = a.is_signed ? a : b;
    return u.bits >= s.bits ? u : s;
}

unsigned long long low_bits(unsigned long long v, int bits) {
    return bits >= 64 ? v : v & ((1ULL << bits) - 1);
}

}  // namespace

std::optional<std::pair<TargetValue, TargetValue>> converted_constant(std::string_view variable,
                                                                      std::string_view constant_type, long long value,
                                                                      Conversion how) {
    auto v = integer_type(variable);
    auto c = integer_type(constant_type);
    if (!v || !c || !v->sign_known || !c->sign_known) return std::nullopt;
    auto on = [&](bool device) {
        Arith var{device ? v->min_bits : v->max_bits, v->is_signed};
        Arith con{device ? c->min_bits : c->max_bits, c->is_signed};
        // The constant first holds its own type's value (conversions are modulo 2^N, C++20).
        unsigned long long pattern = low_bits(static_cast<unsigned long long>(value), con.bits);
        if (con.is_signed && con.bits < 64 && (pattern >> (con.bits - 1)) != 0) pattern |= ~0ULL << con.bits;
        Arith to = how == Conversion::kAssignment ? var : common(var, con);
        return TargetValue{to.bits, to.is_signed, low_bits(pattern, to.bits)};
    };
    return std::make_pair(on(true), on(false));
}

}  // namespace ttl
