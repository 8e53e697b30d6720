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
