#include "support/name_table.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace ttl {
namespace {

TEST(NameTable, InternsInFirstSeenOrderAndFindsAgain) {
    NameTable table;
    bool added = false;
    EXPECT_EQ(table.intern("v1", added), 0U);
    EXPECT_TRUE(added);
    EXPECT_EQ(table.intern("cb_in", added), 1U);
    EXPECT_TRUE(added);
    EXPECT_EQ(table.intern("v1", added), 0U);
    EXPECT_FALSE(added);
    EXPECT_EQ(table.find("cb_in"), 1U);
    EXPECT_EQ(table.find("v2"), NameTable::kMissing);
    EXPECT_EQ(table.find(""), NameTable::kMissing);
    EXPECT_EQ(table.name(1), "cb_in");
    EXPECT_EQ(table.size(), 2U);
}

TEST(NameTable, KeepsEveryNameThroughGrowth) {
    // Names of every length around the 8-byte hashing step, many more than the first capacity.
    std::vector<std::string> names;
    for (int i = 0; i < 5000; ++i) names.push_back(std::string(static_cast<size_t>(i % 19), 'x') + std::to_string(i));
    NameTable table;
    bool added = false;
    for (size_t i = 0; i < names.size(); ++i) {
        ASSERT_EQ(table.intern(names[i], added), i);
        ASSERT_TRUE(added);
    }
    for (size_t i = 0; i < names.size(); ++i) {
        ASSERT_EQ(table.find(names[i]), i) << names[i];
        ASSERT_EQ(table.intern(names[i], added), i);
        ASSERT_FALSE(added);
    }
    EXPECT_EQ(table.find("x5000"), NameTable::kMissing);
}

TEST(NameTable, NamesDifferingInOneByteAreDistinct) {
    // Every length up to 24 (texts are compared in 4- and 8-byte pieces), every position.
    std::vector<std::string> names;
    for (size_t n = 1; n <= 24; ++n) {
        names.emplace_back(n, 'a');
        for (size_t k = 0; k < n; ++k) {
            names.emplace_back(n, 'a');
            names.back()[k] = 'b';
        }
    }
    NameTable table;
    bool added = false;
    for (size_t i = 0; i < names.size(); ++i) {
        ASSERT_EQ(table.intern(names[i], added), i) << names[i];
        ASSERT_TRUE(added) << names[i];
    }
    for (size_t i = 0; i < names.size(); ++i) ASSERT_EQ(table.find(std::string(names[i])), i) << names[i];
}

TEST(NameTable, ReserveAfterInsertKeepsIds) {
    NameTable table;
    bool added = false;
    table.intern("a", added);
    table.intern("b", added);
    table.reserve(1000);
    EXPECT_EQ(table.find("a"), 0U);
    EXPECT_EQ(table.find("b"), 1U);
    EXPECT_EQ(table.intern("c", added), 2U);
}

}  // namespace
}  // namespace ttl
