// ttl-export emulator, area "args": runtime arguments and the core's identity
#pragma once

#include "ttl_emu/area/base.h"

template <typename T>
inline T get_arg_val(int index, TTL_EMU_AT) {
    return ttl_emu::bit_as<T>(ttl_emu::abi->arg(static_cast<uint32_t>(index), TTL_EMU_HERE));
}
template <typename T>
inline T get_common_arg_val(int index, TTL_EMU_AT) {
    return ttl_emu::bit_as<T>(ttl_emu::abi->common_arg(static_cast<uint32_t>(index), TTL_EMU_HERE));
}
inline uint32_t get_arg_addr(int index, TTL_EMU_AT) {
    return ttl_emu::abi->arg_address(static_cast<uint32_t>(index), false, TTL_EMU_HERE);
}
inline uint32_t get_common_arg_addr(int index, TTL_EMU_AT) {
    return ttl_emu::abi->arg_address(static_cast<uint32_t>(index), true, TTL_EMU_HERE);
}
inline uint32_t get_absolute_logical_x() { return ttl_emu::abi->core_x(); }
inline uint32_t get_absolute_logical_y() { return ttl_emu::abi->core_y(); }
inline uint32_t get_relative_logical_x() { return ttl_emu::abi->core_x(); }
inline uint32_t get_relative_logical_y() { return ttl_emu::abi->core_y(); }
