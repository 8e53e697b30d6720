// Facts about C++ integer types on every target a kernel is built for: the 32-bit RISC-V
// device (ILP32: long, size_t and ptrdiff_t are 32 bits) and a 64-bit host (LP64). The cast
// rules of the rewriter and of the validator both decide from these facts.
#pragma once

#include <optional>
#include <string_view>

namespace ttl {

struct IntegerType {
    int min_bits = 0;  ///< the narrowest it is on any target
    int max_bits = 0;  ///< the widest it is on any target
    bool is_signed = false;
};

/// The integer type named exactly by `type` (e.g. `int32_t`, `size_t`, `unsigned int`), or
/// nothing for any other type (floating, pointers, classes, `auto`, qualified spellings).
std::optional<IntegerType> integer_type(std::string_view type);

/// The value of a C++ integer literal (`4`, `0x10`, `1'000`, `2048u`), or nothing for any
/// other text (floating literals, names, out-of-range values).
std::optional<long long> integer_literal_value(std::string_view text);

/// True when converting through `middle` and then to `last` gives the same value as
/// converting to `last` directly, for every value and on every target: `middle` is at least
/// as wide as `last` everywhere (conversions keep the low bits; C++20 defines them modulo 2^N).
bool cast_through_is_redundant(std::string_view middle, std::string_view last);

}  // namespace ttl
