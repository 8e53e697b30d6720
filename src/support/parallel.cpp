#include "support/parallel.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ttl {

void parallel_for(size_t count, const std::function<void(size_t)>& job) {
    parallel_two_stages(count, job, [](size_t) {});
}

void parallel_two_stages(size_t count, const std::function<void(size_t)>& first,
                         const std::function<void(size_t)>& second) {
    size_t threads = std::min<size_t>(count, std::max(1U, std::thread::hardware_concurrency()));
    if (threads <= 1) {
        for (size_t i = 0; i < count; ++i) {
            first(i);
            second(i);
        }
        return;
    }
    std::mutex mutex;  // guards everything below
    std::condition_variable changed;
    size_t next_first = 0;
    std::deque<size_t> ready;  // jobs whose first stage is done, in the order they finished
    size_t finished = 0;  // jobs whose second stage is done (or skipped)
    std::exception_ptr failed;  // the first exception a stage threw, rethrown once all have ended
    auto work = [&] {
        std::unique_lock<std::mutex> lock(mutex);
        while (finished < count) {
            bool is_first = next_first < count;
            if (!is_first && ready.empty()) {
                changed.wait(lock);
                continue;
            }
            size_t i = is_first ? next_first++ : ready.front();
            if (!is_first) ready.pop_front();
            lock.unlock();
            std::exception_ptr thrown;
            try {
                (is_first ? first : second)(i);
            } catch (...) {
                thrown = std::current_exception();
            }
            lock.lock();
            if (thrown && !failed) failed = thrown;
            if (is_first && !thrown) {
                ready.push_back(i);
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
