#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/parallel.h"

namespace ttl {
namespace {

TEST(Parallel, EveryJobRunsOnce) {
    std::vector<std::atomic<int>> runs(100);
    parallel_for(runs.size(), [&](size_t i) { ++runs[i]; });
    for (const auto& r : runs) EXPECT_EQ(r.load(), 1);
}

TEST(Parallel, EveryStageRunsOnceAndInOrderPerJob) {
    constexpr size_t kJobs = 50;
    std::mutex mutex;
    std::vector<std::string> log;  // what ran, in the order it began
    auto stage = [&](char name) {
        return [&, name](size_t i) {
            std::lock_guard<std::mutex> lock(mutex);
            log.push_back(name + std::to_string(i));
        };
    };
    parallel_stages(kJobs, {stage('a'), stage('b'), stage('c')});
    ASSERT_EQ(log.size(), 3 * kJobs);
    for (size_t i = 0; i < kJobs; ++i) {
        std::vector<std::vector<std::string>::iterator> at;
        for (char name : {'a', 'b', 'c'}) {
            std::string entry = name + std::to_string(i);
            EXPECT_EQ(std::count(log.begin(), log.end(), entry), 1) << entry;
            at.push_back(std::find(log.begin(), log.end(), entry));
            ASSERT_NE(at.back(), log.end()) << entry;
        }
        EXPECT_LT(at[0], at[1]) << i;
        EXPECT_LT(at[1], at[2]) << i;
    }
}

/// Waits until a condition on the state it guards holds; wakes the waiters on every change.
class Gate {
  public:
    template <class Change>
    void change(Change&& f) {
        std::lock_guard<std::mutex> lock(mutex_);
        f();
        changed_.notify_all();
    }
    template <class Holds>
    void wait(Holds&& holds) {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, holds);
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
};

TEST(Parallel, OfTheJobsReadyForAStageTheLowestIndexGoesFirst) {
    // Two threads, three jobs. One thread: the first stage of job 0, then of job 2, then the
    // second of job 0, which waits for another second stage to begin. The other: the first stage
    // of job 1, which ends only once the second stage of job 0 has begun; by then job 2 has been
    // ready for its second stage longer than job 1, but job 1 comes first (the longer job, as
    // the export numbers them), so the second stages begin in index order.
    Gate gate;
    std::vector<size_t> first_began, second_began;
    auto began = [&](size_t job, std::vector<size_t>& log) {
        gate.change([&] { log.push_back(job); });
    };
    auto has = [](const std::vector<size_t>& log, size_t job) {
        return std::find(log.begin(), log.end(), job) != log.end();
    };
    parallel_stages(3,
                    {[&](size_t i) {
                         began(i, first_began);
                         if (i == 0) gate.wait([&] { return has(first_began, 1); });
                         if (i == 1) gate.wait([&] { return has(second_began, 0); });
                     },
                     [&](size_t i) {
                         began(i, second_began);
                         if (i == 0) gate.wait([&] { return second_began.size() > 1; });
                     }},
                    2);
    EXPECT_EQ(second_began, (std::vector<size_t>{0, 1, 2}));
}

TEST(Parallel, AFirstStageThatThrowsSkipsItsSecondAndIsRethrown) {
    std::vector<std::atomic<int>> second(10);
    EXPECT_THROW(parallel_stages(second.size(), {[&](size_t i) {
                                                     if (i == 3) throw std::runtime_error("three");
                                                 },
                                                 [&](size_t i) { ++second[i]; }}),
                 std::runtime_error);
    for (size_t i = 0; i < second.size(); ++i) EXPECT_EQ(second[i].load(), i == 3 ? 0 : 1) << i;
}

TEST(Parallel, ASecondStageThatThrowsIsRethrownAfterTheOthersEnd) {
    std::vector<std::atomic<int>> second(10);
    EXPECT_THROW(parallel_stages(second.size(), {[](size_t) {},
                                                 [&](size_t i) {
                                                     ++second[i];
                                                     if (i == 7) throw std::runtime_error("seven");
                                                 }}),
                 std::runtime_error);
    for (const auto& s : second) EXPECT_EQ(s.load(), 1);
}

}  // namespace
}  // namespace ttl
