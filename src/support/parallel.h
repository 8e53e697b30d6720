// Runs independent jobs on all cores.
#pragma once

#include <cstddef>
#include <functional>

namespace ttl {

/// Calls `job(i)` for every i in [0, count), on up to hardware_concurrency threads (inline when
/// there is one job or one core). Jobs must not share mutable state; each writes only its own
/// result. Returns when every job has finished; then rethrows the first exception a job threw.
void parallel_for(size_t count, const std::function<void(size_t)>& job);

}  // namespace ttl
