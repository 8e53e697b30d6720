// Runs independent jobs on all cores.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace ttl {

/// Calls `job(i)` for every i in [0, count), on up to hardware_concurrency threads (inline when
/// there is one job or one core). Jobs must not share mutable state; each writes only its own
/// result. Returns when every job has finished; then rethrows the first exception a job threw.
void parallel_for(size_t count, const std::function<void(size_t)>& job);

/// Calls `stages[0](i)`, then `stages[1](i)`, ... for every i in [0, count), on up to
/// hardware_concurrency threads: each thread takes the next job not yet begun, else the next
/// stage of a job whose previous stage is done (the earliest stage first; of the jobs ready for
/// it, the lowest index). With more jobs than cores and jobs of unequal size, the later stages
/// fill the cores that whole jobs would leave idle at the end; jobs begin, and their later stages
/// are taken, in index order, so put the longest first. Exceptions as parallel_for; a job whose
/// stage threw skips its later stages. `max_threads`: at most that many (0: hardware_concurrency).
void parallel_stages(size_t count, const std::vector<std::function<void(size_t)>>& stages, size_t max_threads = 0);

}  // namespace ttl
