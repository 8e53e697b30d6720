#include <gtest/gtest.h>

#include "read/compile_time_args.h"

namespace ttl {
namespace {

TEST(CompileTimeArgs, CbIndicesFirstThenEachTensorsAccessorWords) {
    const std::vector<uint32_t> words = {ct_args::accessor_word(true), ct_args::accessor_word(false)};
    EXPECT_EQ(ct_args::for_kernel(ThreadRole::kCompute, 3, words), (std::vector<uint32_t>{0, 1, 2}));
    EXPECT_EQ(ct_args::for_kernel(ThreadRole::kReader, 3, words), (std::vector<uint32_t>{0, 1, 2, 2, 0}));
    EXPECT_EQ(ct_args::for_kernel(ThreadRole::kWriter, 0, words), (std::vector<uint32_t>{2, 0}));
    EXPECT_TRUE(ct_args::is_cb_index(2, 3));
    EXPECT_FALSE(ct_args::is_cb_index(3, 3));
    EXPECT_FALSE(ct_args::is_cb_index(-1, 3));
    EXPECT_EQ(ct_args::tensor_at(4, 3), 1);
    EXPECT_EQ(ct_args::tensor_at(2, 3), std::nullopt);
    EXPECT_EQ(ct_args::python_expression(ThreadRole::kCompute), "cb_indices");
    EXPECT_EQ(ct_args::python_expression(ThreadRole::kWriter), "cb_indices + accessor_args");
}

}  // namespace
}  // namespace ttl
