// Mutation testing of the validator. From every exported example kernel, many semantic
// mutants are generated (swapped arguments, changed literals and operators, reordered
// statements, deleted barriers/pushes/pops, partial renames, capturing renames, renames to API
// names, changed types, casts through narrower types, inlined constants of another type):
// `equiv` must reject all of them. A matching set of harmless edits (comments, whitespace,
// consistent fresh renames) must all be accepted. The counts are printed.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>

#include "pipeline_util.h"
#include "read/cpp_lexer.h"
#include "read/kernel_reader.h"
#include "validate/equivalence.h"
#include "validate/mutants.h"

namespace ttl {
namespace {

using test::harmless;
using test::harmless_on_compiler_output;
using test::mutants;

struct Counts {
    int generated = 0;
    int rejected = 0;
};

std::optional<KernelFile> read(const std::string& name, const std::string& text) {
    Diagnostics d;
    return read_kernel_text(name, text, d);
}

TEST(Mutation, EquivRejectsEverySemanticMutantAndAcceptsHarmlessEdits) {
    std::map<std::string, Counts> counts;
    int harmless_total = 0, harmless_accepted = 0;
    for (const test::ExampleDirs& ex : test::examples()) {
        for (const test::ExportedThread& t : test::export_example(ex)) {
            auto before = read("before.cpp", t.before);
            auto exported = read("after.cpp", t.result.text);
            ASSERT_TRUE(before && exported);
            for (const auto& [kind, texts] : mutants(*exported)) {
                for (const std::string& m : texts) {
                    auto mutant = read("mutant.cpp", m);
                    if (!mutant) continue;  // not a well-formed kernel: the reader already refuses it
                    Counts& c = counts[kind];
                    ++c.generated;
                    EquivalenceResult r = check_equivalence(*before, *mutant);
                    if (!r.equivalent) {
                        ++c.rejected;
                    } else {
                        ADD_FAILURE() << kind << " accepted in " << t.thread << ":\n" << m;
                    }
                }
            }
            for (const std::string& h : harmless_on_compiler_output(t.before)) {
                auto edited = read("edited.cpp", h);
                ASSERT_TRUE(edited);
                ++harmless_total;
                EquivalenceResult r = check_equivalence(*before, *edited);
                if (r.equivalent) ++harmless_accepted;
                else ADD_FAILURE() << "harmless edit of the compiler's kernel rejected in " << t.thread << ": " << r.message << "\n" << h;
            }
            for (const std::string& h : harmless(*exported)) {
                auto edited = read("edited.cpp", h);
                ASSERT_TRUE(edited);
                ++harmless_total;
                EquivalenceResult r = check_equivalence(*before, *edited);
                if (r.equivalent) ++harmless_accepted;
                else ADD_FAILURE() << "harmless edit rejected in " << t.thread << ": " << r.message << "\n" << h;
            }
        }
    }
    int total = 0, rejected = 0;
    for (const auto& [kind, c] : counts) {
        std::printf("  %-45s %4d generated, %4d rejected\n", kind.c_str(), c.generated, c.rejected);
        total += c.generated;
        rejected += c.rejected;
        EXPECT_GT(c.generated, 0) << kind;
    }
    std::printf("mutants: %d of %d rejected (goal: all); harmless edits: %d of %d accepted (goal: all)\n", rejected,
                total, harmless_accepted, harmless_total);
    EXPECT_EQ(counts.size(), 14U);  // every kind above produced mutants
    EXPECT_EQ(rejected, total);
    EXPECT_EQ(harmless_accepted, harmless_total);
    EXPECT_GT(total, 500);
}

}  // namespace
}  // namespace ttl
