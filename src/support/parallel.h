// Runs independent jobs on all cores.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace ttl {

/// Work that a stage of parallel_stages hands to whichever of its threads has no new job to
/// begin: taken before the later stages of other jobs, so that a piece a later stage would do
/// itself (an OnceTask's run) is done early by a core that would otherwise wait at the end.
/// Post only from within a stage of the parallel_stages call that was given it; work still
/// queued when that call returns is dropped, not run.
class IdleWork {
public:
    void post(std::function<void()> work);

private:
    friend void parallel_stages(size_t, const std::vector<std::function<void(size_t)>>&, size_t, IdleWork*);
    std::function<void()> take();  ///< the oldest posted work, or none
    std::mutex mutex_;  ///< guards the three below
    std::deque<std::function<void()>> queue_;
    std::mutex* scheduler_ = nullptr;  ///< parallel_stages' lock and its wake-up, while it runs
    std::condition_variable* wake_ = nullptr;
};

/// Calls `job(i)` for every i in [0, count), on up to hardware_concurrency threads (inline when
/// there is one job or one core). Jobs must not share mutable state; each writes only its own
/// result. Returns when every job has finished; then rethrows the first exception a job threw.
void parallel_for(size_t count, const std::function<void(size_t)>& job);

/// Calls `stages[0](i)`, then `stages[1](i)`, ... for every i in [0, count), on up to
/// hardware_concurrency threads: each thread takes the next job not yet begun, else work posted
/// to `idle`, else the next stage of a job whose previous stage is done (the earliest stage
/// first; of the jobs ready for it, the lowest index). With more jobs than cores and jobs of
/// unequal size, the later stages fill the cores that whole jobs would leave idle at the end;
/// jobs begin, and their later stages are taken, in index order, so put the longest first.
/// Exceptions as parallel_for; a job whose stage threw skips its later stages (an exception of
/// idle work is rethrown the same way). `threads`: at most that many (0: hardware_concurrency).
void parallel_stages(size_t count, const std::vector<std::function<void(size_t)>>& stages, size_t threads = 0,
                     IdleWork* idle = nullptr);

}  // namespace ttl
