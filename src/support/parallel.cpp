#include "support/parallel.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace ttl {

void parallel_for(size_t count, const std::function<void(size_t)>& job) {
    parallel_stages(count, {job});
}

void parallel_stages(size_t count, const std::vector<std::function<void(size_t)>>& stages, size_t max_threads) {
    if (stages.empty()) return;
    size_t cores = std::max(1U, std::thread::hardware_concurrency());
    size_t threads = std::min<size_t>(count, max_threads != 0 ? max_threads : cores);
    if (threads <= 1) {
        for (size_t i = 0; i < count; ++i) {
            for (const auto& stage : stages) stage(i);
        }
        return;
    }
    std::mutex mutex;  // guards everything below
    std::condition_variable changed;
    size_t next_job = 0;
    // ready[s]: jobs whose stage s - 1 is done (ready[0] is unused: next_job hands out first
    // stages). The lowest index is taken first, not the first to finish: jobs come largest first,
    // so the long stages start before the short ones that fill in around them at the end.
    std::vector<std::set<size_t>> ready(stages.size());
    size_t finished = 0;  // jobs whose last stage is done (or that stopped at a throw)
    std::exception_ptr failed;  // the first exception a stage threw, rethrown once all have ended
    auto work = [&] {
        std::unique_lock<std::mutex> lock(mutex);
        while (finished < count) {
            size_t stage = 0, job = 0;
            if (next_job < count) {
                job = next_job++;
            } else {
                stage = 1;
                while (stage < stages.size() && ready[stage].empty()) ++stage;
                if (stage == stages.size()) {
                    changed.wait(lock);
                    continue;
                }
                job = *ready[stage].begin();
                ready[stage].erase(ready[stage].begin());
            }
            lock.unlock();
            std::exception_ptr thrown;
            try {
                stages[stage](job);
            } catch (...) {
                thrown = std::current_exception();
            }
            lock.lock();
            if (thrown && !failed) failed = thrown;
            if (!thrown && stage + 1 < stages.size()) {
                ready[stage + 1].insert(job);
            } else {
                ++finished;
            }
            changed.notify_all();
        }
    };
    std::vector<std::thread> workers;
    for (size_t t = 1; t < threads; ++t) workers.emplace_back(work);
    work();
    for (std::thread& w : workers) w.join();
    if (failed) std::rethrow_exception(failed);
}

}  // namespace ttl
