#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
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

TEST(Parallel, TwoStagesRunOnceEachAndInOrderPerJob) {
    constexpr size_t kJobs = 50;
    std::mutex mutex;
    std::vector<std::string> log;  // what ran, in the order it began
    parallel_two_stages(
        kJobs,
        [&](size_t i) {
            std::lock_guard<std::mutex> lock(mutex);
            log.push_back("a" + std::to_string(i));
        },
        [&](size_t i) {
            std::lock_guard<std::mutex> lock(mutex);
            log.push_back("b" + std::to_string(i));
        });
    ASSERT_EQ(log.size(), 2 * kJobs);
    for (size_t i = 0; i < kJobs; ++i) {
        auto a = std::find(log.begin(), log.end(), "a" + std::to_string(i));
        auto b = std::find(log.begin(), log.end(), "b" + std::to_string(i));
        ASSERT_NE(a, log.end());
        ASSERT_NE(b, log.end());
        EXPECT_LT(a, b) << i;
        EXPECT_EQ(std::count(log.begin(), log.end(), "a" + std::to_string(i)), 1);
        EXPECT_EQ(std::count(log.begin(), log.end(), "b" + std::to_string(i)), 1);
    }
}

TEST(Parallel, AFirstStageThatThrowsSkipsItsSecondAndIsRethrown) {
    std::vector<std::atomic<int>> second(10);
    EXPECT_THROW(parallel_two_stages(
                     second.size(),
                     [&](size_t i) {
                         if (i == 3) throw std::runtime_error("three");
                     },
                     [&](size_t i) { ++second[i]; }),
                 std::runtime_error);
    for (size_t i = 0; i < second.size(); ++i) EXPECT_EQ(second[i].load(), i == 3 ? 0 : 1) << i;
}

TEST(Parallel, ASecondStageThatThrowsIsRethrownAfterTheOthersEnd) {
    std::vector<std::atomic<int>> second(10);
    EXPECT_THROW(parallel_two_stages(
                     second.size(), [](size_t) {},
                     [&](size_t i) {
                         ++second[i];
                         if (i == 7) throw std::runtime_error("seven");
                     }),
                 std::runtime_error);
    for (const auto& s : second) EXPECT_EQ(s.load(), 1);
}

}  // namespace
}  // namespace ttl
