#include "support/parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ttl {

void parallel_for(size_t count, const std::function<void(size_t)>& job) {
    size_t threads = std::min<size_t>(count, std::max(1U, std::thread::hardware_concurrency()));
    if (threads <= 1) {
        for (size_t i = 0; i < count; ++i) job(i);
        return;
    }
    std::atomic<size_t> next{0};
    std::mutex failed_mutex;
    std::exception_ptr failed;  // the first exception a job threw, rethrown once all have ended
    auto work = [&] {
        for (size_t i = next++; i < count; i = next++) {
            try {
                job(i);
            } catch (...) {
                std::lock_guard<std::mutex> lock(failed_mutex);
                if (!failed) failed = std::current_exception();
            }
        }
    };
    std::vector<std::thread> workers;
    for (size_t t = 1; t < threads; ++t) workers.emplace_back(work);
    work();
    for (std::thread& w : workers) w.join();
    if (failed) std::rethrow_exception(failed);
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
    std::mutex mutex;
    std::condition_variable changed;
    size_t next_first = 0;
    std::deque<size_t> ready;  // jobs whose first stage is done, in the order they finished
    size_t finished = 0;  // jobs whose second stage is done (or skipped)
    std::exception_ptr failed;
    auto work = [&] {
        std::unique_lock<std::mutex> lock(mutex);
        while (finished < count) {
            if (next_first < count) {
                size_t i = next_first++;
                lock.unlock();
                bool ok = true;
                try {
                    first(i);
                } catch (...) {
                    ok = false;
                    std::lock_guard<std::mutex> error(mutex);
                    if (!failed) failed = std::current_exception();
                }
                lock.lock();
                if (ok) {
                    ready.push_back(i);
                } else {
                    ++finished;
                }
                changed.notify_all();
                continue;
            }
            if (ready.empty()) {
                changed.wait(lock);
                continue;
            }
            size_t i = ready.front();
            ready.pop_front();
            lock.unlock();
            try {
                second(i);
            } catch (...) {
                std::lock_guard<std::mutex> error(mutex);
                if (!failed) failed = std::current_exception();
            }
            lock.lock();
            ++finished;
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
