// ttl-export emulator, area "accessors": tensor accessors (interleaved tensors)
#pragma once

#include "ttl_emu/area/base.h"

// ---- tensor accessors (interleaved tensors) ----------------------------------------------
template <size_t CTA_OFFSET, size_t CRTA_OFFSET = 0>
struct TensorAccessorArgs {
    static constexpr uint32_t config = ttl_emu::ct_arg<CTA_OFFSET>();
    static_assert((config & 1) == 0,
                  "TensorAccessorArgs: the compile-time arg at CTA_OFFSET marks the tensor sharded, which the "
                  "emulator does not support; if the tensor is interleaved, the compile-time args are not in "
                  "the order the kernel reads them");
    static constexpr bool is_dram = (config & 2) != 0;
    static constexpr uint32_t num_compile_time_args() { return 1; }
    static constexpr uint32_t next_compile_time_args_offset() { return CTA_OFFSET + 1; }
    static constexpr uint32_t num_common_runtime_args() { return 0; }
    static constexpr uint32_t next_common_runtime_args_offset() { return CRTA_OFFSET; }
};
namespace tensor_accessor::detail {
template <size_t IDX, size_t CTA_OFFSET>
constexpr size_t get_tensor_accessor_args_cta_offset() {
    if constexpr (IDX == 0) {
        return CTA_OFFSET;
    } else {
        constexpr size_t previous = get_tensor_accessor_args_cta_offset<IDX - 1, CTA_OFFSET>();
        return previous + TensorAccessorArgs<previous>::num_compile_time_args();
    }
}
}  // namespace tensor_accessor::detail

template <class Args>
struct TensorAccessor {
    uint32_t bank_base_address = 0;
    uint32_t page_size = 0;
    constexpr TensorAccessor(const Args&, uint32_t base, uint32_t page = 0) : bank_base_address(base), page_size(page) {}
    uint64_t get_noc_addr(uint32_t page_id, uint32_t offset = 0, uint8_t = noc_index) const {
        return ttl_emu::noc_device(uint64_t{bank_base_address} + uint64_t{page_id} * page_size + offset);
    }
    uint32_t get_aligned_page_size() const { return page_size; }
    uint32_t get_bank_base_address() const { return bank_base_address; }
};
template <class Args>
TensorAccessor(const Args&, uint32_t, uint32_t) -> TensorAccessor<Args>;
template <class Args>
TensorAccessor(const Args&, uint32_t) -> TensorAccessor<Args>;
