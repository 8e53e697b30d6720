// A computation run once, by the first thread that asks for it.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <utility>

namespace ttl {

/// A computation run once, by whichever thread asks first: one with nothing else to do (run),
/// or the one that needs the result (get, which waits when another thread is running it). An
/// exception it throws is thrown again by get.
template <class T>
class OnceTask {
public:
    explicit OnceTask(std::function<T()> compute)
        : task_(std::move(compute)), result_(task_.get_future().share()) {}

    /// Runs the computation here, unless a thread has begun it.
    void run() {
        if (!claimed_.exchange(true, std::memory_order_acq_rel)) task_();
    }

    /// The result: computed here when no thread has begun it, else waited for.
    const T& get() {
        run();
        return result_.get();
    }

private:
    std::packaged_task<T()> task_;
    std::atomic<bool> claimed_{false};
    std::shared_future<T> result_;
};

}  // namespace ttl
