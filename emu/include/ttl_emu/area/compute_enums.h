// ttl-export emulator, area "compute_enums": the compute API's enums (llk_defs.h)
#pragma once

#include "ttl_emu/area/base.h"

// ---- compute: enums -------------------------------------------------------------------------
enum class BroadcastType : uint32_t { NONE, ROW, COL, SCALAR };
enum class PoolType : uint32_t { SUM, AVG, MAX };
enum class ReduceDim : uint32_t { REDUCE_ROW, REDUCE_COL, REDUCE_SCALAR };
enum class EltwiseBinaryType : uint32_t { ELWADD, ELWSUB, ELWMUL };
namespace ttl_emu_vector_mode {
enum VectorMode : int { None = 0, R = 1, C = 2, RC = 4 };
}
using ttl_emu_vector_mode::VectorMode;
enum class DstSync : uint32_t { SyncHalf, SyncFull };

namespace ttl_emu {
constexpr Bcast bcast_of(BroadcastType b) {
    return b == BroadcastType::ROW ? Bcast::Row : b == BroadcastType::COL ? Bcast::Col
                                                : b == BroadcastType::SCALAR ? Bcast::Scalar : Bcast::None;
}
}  // namespace ttl_emu
