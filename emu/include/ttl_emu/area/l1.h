// ttl-export emulator, area "l1": L1 memory objects (CoreLocalMem)
#pragma once

#include "ttl_emu/area/base.h"

// ---- L1 memory objects and the Noc object API ----------------------------------------------
template <typename T, typename AddressType = uintptr_t>
class CoreLocalMem {
public:
    explicit CoreLocalMem(AddressType address) : address_(static_cast<uint32_t>(address)) {}
    uint32_t get_address() const { return address_; }
    T* get_unsafe_ptr() const { return reinterpret_cast<T*>(static_cast<uintptr_t>(address_)); }
    T& operator[](size_t i) const {
        ttl_emu::abi->l1_check(static_cast<uint32_t>(address_ + i * sizeof(T)), sizeof(T), __FILE__, __LINE__);
        return get_unsafe_ptr()[i];
    }
    T& operator*() const { return (*this)[0]; }
    T* operator->() const { return &(*this)[0]; }
    CoreLocalMem operator+(ptrdiff_t n) const { return CoreLocalMem(static_cast<AddressType>(address_ + n * sizeof(T))); }

private:
    uint32_t address_;
};

namespace experimental {
using ::CoreLocalMem;
}  // namespace experimental
