#include "read/compile_time_args.h"

namespace ttl::ct_args {

std::vector<uint32_t> for_kernel(ThreadRole role, size_t num_cbs, std::span<const uint32_t> accessor_words) {
    std::vector<uint32_t> out;
    out.reserve(num_cbs + accessor_words.size());
    for (size_t i = 0; i < num_cbs; ++i) out.push_back(static_cast<uint32_t>(i));
    if (is_data_movement(role)) out.insert(out.end(), accessor_words.begin(), accessor_words.end());
    return out;
}

}  // namespace ttl::ct_args
