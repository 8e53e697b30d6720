// The compile-time-argument layout of a TT-Lang program (docs: ttlang-and-metal.md, link 3), in
// one place: every kernel gets the circular-buffer indices 0..N-1 as its compile-time args
// 0..N-1; a data-movement kernel then gets each tensor's TensorAccessorArgs, in parameter order,
// one word per interleaved tensor (its ArgsConfig). The binder reads kernels by it, check and the
// runner writer spell it in Python, and the emulator builds programs from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "read/thread_role.h"

namespace ttl::ct_args {

/// Compile-time words of one interleaved tensor's TensorAccessorArgs.
constexpr size_t kWordsPerTensor = 1;
/// ArgsConfig of an interleaved tensor: bit 1 says DRAM (bit 0, sharded, is never set).
constexpr uint32_t accessor_word(bool dram) {
    return dram ? 2U : 0U;
}

/// True when compile-time arg `index` is a CB index in a program with `num_cbs` CBs.
constexpr bool is_cb_index(long long index, size_t num_cbs) {
    return index >= 0 && index < static_cast<long long>(num_cbs);
}

/// The tensor whose accessor args start at compile-time arg `offset`, or nothing.
constexpr std::optional<int> tensor_at(long long offset, size_t num_cbs) {
    long long t = offset - static_cast<long long>(num_cbs);
    if (t < 0 || t % static_cast<long long>(kWordsPerTensor) != 0) return std::nullopt;
    return static_cast<int>(t / static_cast<long long>(kWordsPerTensor));
}

/// The compile-time args of a kernel of `role`: the CB indices, then (data movement) the words.
std::vector<uint32_t> for_kernel(ThreadRole role, size_t num_cbs, std::span<const uint32_t> accessor_words);

/// The Python right-hand side the package's runner writes for a kernel of `role`, given lists
/// named `cb_indices` and `accessor_args`.
constexpr std::string_view python_expression(ThreadRole role) {
    return is_data_movement(role) ? "cb_indices + accessor_args" : "cb_indices";
}

}  // namespace ttl::ct_args
