// Property: a random rename plan applied to an example kernel validates exactly when it is a
// bijection that captures nothing. Plans are drawn from a fixed seed, so runs are repeatable.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>

#include "pipeline_util.h"
#include "read/kernel_reader.h"
#include "validate/equivalence.h"

namespace ttl {
namespace {

std::string apply_plan(const KernelFile& k, const std::map<size_t, std::string>& plan) {
    const Function& fn = k.functions[k.entry_function];
    std::vector<std::pair<TokenIndex, std::string>> edits;
    for (const auto& [local, to] : plan) {
        edits.emplace_back(fn.locals[local].decl_token, to);
        for (TokenIndex t : fn.locals[local].uses) edits.emplace_back(t, to);
    }
    std::sort(edits.rbegin(), edits.rend());
    std::string s = k.source->text();
    for (const auto& [t, to] : edits) s = s.substr(0, k.tokens[t].begin) + to + s.substr(k.tokens.end_of(t));
    return s;
}

TEST(RenameProperty, ValidExactlyWhenBijectiveAndCaptureFree) {
    std::mt19937 rng(20261125);
    int good = 0, bad = 0;
    for (const test::ExampleDirs& ex : test::examples()) {
        for (const test::ExportedThread& t : test::export_example(ex, Rules())) {
            Diagnostics d;
            auto before = read_kernel_text("before.cpp", t.before, d);
            ASSERT_TRUE(before);
            const Function& fn = before->functions[before->entry_function];
            std::vector<size_t> top;  // function-scope locals: any two have overlapping scopes
            for (size_t i = 0; i < fn.locals.size(); ++i) {
                if (fn.locals[i].depth == 0) top.push_back(i);
            }
            for (int round = 0; round < 40; ++round) {
                // A random bijective, capture-free plan: fresh names for a random subset.
                std::map<size_t, std::string> plan;
                for (size_t i = 0; i < fn.locals.size(); ++i) {
                    if (rng() % 2) plan[i] = "n" + std::to_string(rng() % 1000) + "_" + std::to_string(i);
                }
                auto after = read_kernel_text("after.cpp", apply_plan(*before, plan), d);
                ASSERT_TRUE(after);
                EXPECT_TRUE(check_equivalence(*before, *after).equivalent) << t.thread;
                ++good;
                if (top.size() < 2) continue;
                // Break it: two function-scope locals share a name, or one takes an API or
                // global name, or one occurrence is missed.
                size_t a = top[rng() % top.size()];
                size_t b = top[rng() % top.size()];
                if (a == b) b = top[(std::find(top.begin(), top.end(), a) - top.begin() + 1) % top.size()];
                std::map<size_t, std::string> broken = plan;
                switch (rng() % 3) {
                    case 0: broken[a] = broken[b] = "same_name"; break;
                    case 1: broken[a] = "cb_push_back"; break;
                    case 2: broken[a] = std::string(fn.locals[b].name); broken.erase(b); break;
                }
                auto wrong = read_kernel_text("wrong.cpp", apply_plan(*before, broken), d);
                ASSERT_TRUE(wrong);
                EXPECT_FALSE(check_equivalence(*before, *wrong).equivalent) << t.thread;
                ++bad;
            }
        }
    }
    std::printf("rename plans: %d valid plans accepted, %d broken plans rejected\n", good, bad);
    EXPECT_GT(good, 400);
    EXPECT_GT(bad, 400);
}

}  // namespace
}  // namespace ttl
