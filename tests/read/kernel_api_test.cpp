// The kernel-API table against the emulator's own declarations: every entry names a function,
// method or class the emulator's headers declare, and where a declaration spells out its
// parameters, the table's parameters fit its arity.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "read/kernel_api.h"
#include "test_util.h"

namespace ttl {
namespace {

std::string emulator_headers() {
    std::string all;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_dir() + "/emu/include")) {
        if (entry.is_regular_file() && entry.path().extension() == ".h") all += test::read_file(entry.path().string()) + "\n";
    }
    return all;
}

/// Splits a parameter list at top-level commas.
std::vector<std::string> split_params(const std::string& list) {
    std::vector<std::string> out;
    std::string cur;
    int depth = 0;
    for (char c : list) {
        if (c == '(' || c == '<') ++depth;
        if (c == ')' || c == '>') --depth;
        if (c == ',' && depth == 0) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (cur.find_first_not_of(" \n\t") != std::string::npos) out.push_back(cur);
    return out;
}

TEST(KernelApi, EveryEntryIsDeclaredByTheEmulatorWithAFittingArity) {
    const std::string headers = emulator_headers();
    ASSERT_GT(headers.size(), 10000U);
    int with_signature = 0;
    for (const KernelApiEntry& e : kernel_api_entries()) {
        const std::string name(e.name);
        SCOPED_TRACE(name);
        if (e.method) {
            // A method of the CB object: `void NAME(uint32_t n, ...) const` or `uint32_t NAME(...) const`.
            std::string first = e.param_count() == 0 ? "TTL_EMU_AT" : "uint32_t n";
            EXPECT_TRUE(std::regex_search(headers, std::regex("(void|uint32_t) " + name + "\\(" + first + "[^)]*\\) const")));
            continue;
        }
        std::smatch m;
        std::regex declared("inline [^;{]*\\b" + name + "\\(([^{;]*)\\)\\s*\\{");
        if (std::regex_search(headers, m, declared)) {
            ++with_signature;
            std::vector<std::string> params = split_params(m[1].str());
            size_t max = 0;
            size_t min = 0;
            for (const std::string& p : params) {
                if (p.find("TTL_EMU_AT") != std::string::npos) continue;
                ++max;
                if (p.find('=') == std::string::npos) min = max;
            }
            if (e.rest == ArgRole::kOther) {
                EXPECT_GE(e.param_count(), min) << "the emulator requires more arguments";
                EXPECT_LE(e.param_count(), max) << "the table lists more arguments than the emulator takes";
            } else {
                EXPECT_GE(max, e.param_count()) << "a variadic tail needs the listed arguments first";
            }
            continue;
        }
        bool other = std::regex_search(headers, std::regex("TTL_EMU_\\w+\\(" + name + "\\b")) ||
                     std::regex_search(headers, std::regex("(class|struct) " + name + "\\b"));
        EXPECT_TRUE(other) << "not declared by the emulator";
    }
    EXPECT_GT(with_signature, 15);
}

TEST(KernelApi, RolesComeFromTheTableAndTheSfpuFamilies) {
    EXPECT_EQ(kernel_arg_role("cb_wait_front", false, 0, 2), ArgRole::kCb);
    EXPECT_EQ(kernel_arg_role("cb_wait_front", false, 1, 2), ArgRole::kCbCount);
    EXPECT_EQ(kernel_arg_role("wait_front", true, 0, 1), ArgRole::kCbCount);
    EXPECT_EQ(kernel_arg_role("wait_front", false, 0, 1), ArgRole::kOther);  // not the free function
    EXPECT_EQ(kernel_arg_role("pack_tile", false, 0, 3), ArgRole::kDstIndex);
    EXPECT_EQ(kernel_arg_role("pack_tile", false, 1, 3), ArgRole::kCb);
    EXPECT_EQ(kernel_arg_role("matmul_block", false, 7, 9), ArgRole::kBlockDim);
    EXPECT_EQ(kernel_arg_role("copy_dest_values", false, 1, 2), ArgRole::kDstIndex);
    EXPECT_EQ(kernel_arg_role("exp_tile", false, 0, 1), ArgRole::kDstIndex);
    EXPECT_EQ(kernel_arg_role("exp_tile_init", false, 0, 1), ArgRole::kOther);
    EXPECT_EQ(kernel_arg_role("add_binary_tile", false, 2, 3), ArgRole::kDstIndex);
    EXPECT_EQ(kernel_arg_role("reduce_tile", false, 0, 5), ArgRole::kOther);
    EXPECT_EQ(find_kernel_api("cb_push_back", false)->verb, CbVerb::kPush);
    EXPECT_EQ(find_kernel_api("pop_front", true)->verb, CbVerb::kPop);
    EXPECT_EQ(find_kernel_api("copy_tile", false)->thread, ApiThread::kCompute);
    EXPECT_EQ(find_kernel_api("noc_async_read_tile", false)->thread, ApiThread::kDataMovement);
    EXPECT_TRUE(is_reserved_api_name("cb_wait_front"));
    EXPECT_TRUE(is_reserved_api_name("tile_regs_acquire"));
    EXPECT_FALSE(is_reserved_api_name("lhs_tile"));
}

TEST(KernelApi, EveryEntryIsFoundAsWhatItIsAndNoOther) {
    size_t functions = 0, methods = 0;
    for (const KernelApiEntry& e : kernel_api_entries()) {
        EXPECT_EQ(find_kernel_api(e.name, e.method), &e) << e.name;
        if (e.method) {
            ++methods;
        } else {
            ++functions;
            EXPECT_TRUE(is_reserved_api_name(e.name)) << e.name;  // a free function's name is taken
        }
        // A name that is only a method is no function, and the other way round.
        bool both = false;
        for (const KernelApiEntry& o : kernel_api_entries()) both = both || (o.name == e.name && o.method != e.method);
        if (!both) {
            EXPECT_EQ(find_kernel_api(e.name, !e.method), nullptr) << e.name;
        }
        EXPECT_EQ(find_kernel_api(std::string(e.name) + "_x", e.method), nullptr);
        EXPECT_EQ(find_kernel_api(e.name.substr(1), e.method), nullptr);
    }
    EXPECT_GT(functions, 30U);
    EXPECT_GT(methods, 5U);
    EXPECT_EQ(find_kernel_api("", false), nullptr);
    EXPECT_FALSE(is_reserved_api_name(""));
}

}  // namespace
}  // namespace ttl
