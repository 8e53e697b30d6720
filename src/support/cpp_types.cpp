#include "support/cpp_types.h"

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

}  // namespace ttl
