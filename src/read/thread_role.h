// The role of a kernel thread, the one type every stage uses for it: the source's threads (the
// first data-movement thread reads, the second writes), the runner's KERNEL_PATHS (the first
// "noc" entry is the reader), the package's files and the emulator's kernels.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ttl {

/// In the order the emulator lays out each core's argument areas.
enum class ThreadRole : uint8_t { kReader, kWriter, kCompute };

constexpr bool is_data_movement(ThreadRole role) {
    return role != ThreadRole::kCompute;
}

/// The role of the n-th (0-based) data-movement thread of a core.
constexpr ThreadRole data_movement_role(int n) {
    return n == 0 ? ThreadRole::kReader : ThreadRole::kWriter;
}

/// "reader", "writer" or "compute": the package's file names and every table that shows a role.
constexpr std::string_view role_name(ThreadRole role) {
    return role == ThreadRole::kReader ? "reader" : role == ThreadRole::kWriter ? "writer" : "compute";
}

constexpr std::optional<ThreadRole> parse_thread_role(std::string_view name) {
    if (name == "reader") return ThreadRole::kReader;
    if (name == "writer") return ThreadRole::kWriter;
    if (name == "compute") return ThreadRole::kCompute;
    return std::nullopt;
}

}  // namespace ttl
