// Runs independent jobs on all cores.
#pragma once

#include <cstddef>
#include <functional>

namespace ttl {

/// Calls `job(i)` for every i in [0, count), on up to hardware_concurrency threads (inline when
/// there is one job or one core). Jobs must not share mutable state; each writes only its own
/// result. Returns when every job has finished; then rethrows the first exception a job threw.
void parallel_for(size_t count, const std::function<void(size_t)>& job);

/// Calls `first(i)` and then `second(i)` for every i, on up to hardware_concurrency threads:
/// each thread takes the next `first` not yet begun, else a `second` whose `first` is done. With
/// more jobs than cores and jobs of unequal size, the halves fill the cores that whole jobs
/// would leave idle at the end. Exceptions as parallel_for; a job whose `first` threw skips its
/// `second`.
void parallel_two_stages(size_t count, const std::function<void(size_t)>& first,
                         const std::function<void(size_t)>& second);

}  // namespace ttl
