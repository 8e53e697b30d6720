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
    bool sign_known = true;  ///< false for plain `char`: signed on x86, unsigned on RISC-V (the device)
};

/// The integer type named exactly by `type` (e.g. `int32_t`, `size_t`, `unsigned int`), or
/// nothing for any other type (floating, pointers, classes, `auto`, qualified spellings).
std::optional<IntegerType> integer_type(std::string_view type);

/// The value of a C++ integer literal (`4`, `0x10`, `1'000`, `2048u`), or nothing for any
/// other text (floating literals, names, out-of-range values).
std::optional<long long> integer_literal_value(std::string_view text);

/// The one definition of "this cast chain changes no value": for every value `x` of type
/// `from`, `(last)(middle)x == (last)x` on every target. True when `middle` is at least as wide
/// as `last` everywhere (conversions keep the low bits; C++20 defines them modulo 2^N), or when
/// `middle` holds every value of `from` everywhere. Plain `char` counts as either signedness.
/// The rewriter's cast-temporary rule and the validator's normal form both ask this.
bool cast_chain_keeps_value(std::string_view from, std::string_view middle, std::string_view last);

/// The one definition of "this cast of a variable is redundant": a cast to `to` of a variable
/// declared `from` does nothing when `to` is `from` itself (rule 2a), or when the cast is the
/// whole initializer of a declaration of type `declared` == `to` and both are integer types: the
/// implicit conversion of the initializer is the same conversion (rule 2b). `declared` is empty
/// when the cast is not such an initializer.
bool cast_is_redundant(std::string_view to, std::string_view from, std::string_view declared);

/// A value as one target computes with it: its type's width and signedness and its bits.
struct TargetValue {
    int bits = 0;
    bool is_signed = false;
    unsigned long long pattern = 0;  ///< the value's low `bits` bits
    bool operator==(const TargetValue&) const = default;
};

/// Where a constant meets a variable: as an operand of an arithmetic, bitwise or comparison
/// operator beside it (both converted to their common type), or assigned to it (converted to
/// the variable's type).
enum class Conversion { kCommonType, kAssignment };

/// The constant `value` of integer type `constant_type` as the operation computes with it, on
/// the device (ILP32) and on the host (LP64), or nothing when a type is not an integer type of
/// known signedness. Two constants with equal answers beside a variable of type `variable`
/// give the same operation: so `i < 8` (an int literal) is `i < n` for `size_t n = 8` when i is
/// a size_t (both compare as size_t 8), but not when i is an int32_t (int against size_t).
std::optional<std::pair<TargetValue, TargetValue>> converted_constant(std::string_view variable,
                                                                      std::string_view constant_type, long long value,
                                                                      Conversion how);

}  // namespace ttl
