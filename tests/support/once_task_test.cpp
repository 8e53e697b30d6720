// OnceTask: computed once, by whichever thread asks first.
#include "support/once_task.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ttl {
namespace {

TEST(OnceTask, RunThenGetComputesOnce) {
    int computed = 0;
    OnceTask<int> task([&] { return ++computed * 10; });
    task.run();
    task.run();
    EXPECT_EQ(task.get(), 10);
    EXPECT_EQ(task.get(), 10);
    EXPECT_EQ(computed, 1);
}

TEST(OnceTask, GetComputesWhenNoThreadRanIt) {
    OnceTask<std::vector<int>> task([] { return std::vector<int>{1, 2, 3}; });
    EXPECT_EQ(task.get().size(), 3U);
}

TEST(OnceTask, ManyThreadsAskingComputeOnceAndAllSeeTheResult) {
    std::atomic<int> computed{0};
    OnceTask<int> task([&] {
        ++computed;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the others arrive while it runs
        return 42;
    });
    std::vector<std::thread> threads;
    std::atomic<int> right{0};
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            if (i % 2 == 0) task.run();
            if (task.get() == 42) ++right;
        });
    }
    for (std::thread& t : threads) t.join();
    EXPECT_EQ(computed.load(), 1);
    EXPECT_EQ(right.load(), 8);
}

TEST(OnceTask, AnExceptionIsThrownByGet) {
    OnceTask<int> task([]() -> int { throw std::runtime_error("no"); });
    task.run();  // does not throw: the exception is kept for get
    EXPECT_THROW(task.get(), std::runtime_error);
}

}  // namespace
}  // namespace ttl
