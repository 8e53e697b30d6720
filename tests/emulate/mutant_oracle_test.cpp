// The validator's labels checked by running the mutants: each hand-labelled edit of eltwise_add's
// exported kernels runs on a tracing build of the emulator's kernel API (RunOptions::trace: every
// kernel-API call of every thread, with its arguments but the caller's file and line). A
// "harmful" edit must change the trace or fail to build, and `equiv` must refuse it; a
// "harmless" one must leave the trace as it was, and `equiv` must accept it.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "emulate/emu_test_util.h"
#include "emulate/program_from_runner.h"
#include "pipeline_util.h"
#include "read/kernel_reader.h"
#include "read/runner_model.h"
#include "test_util.h"
#include "validate/equivalence.h"
#include "validate/mutants.h"

namespace ttl::test {
namespace {

namespace fs = std::filesystem;

const char* kRunner = "examples/eltwise_add/emitted/ttlang_kernel_add_compute_35170be0_runner.py";
const char* kPackage = "tests/golden/package/eltwise_add/kernels";
const char* kCompiler[] = {"examples/eltwise_add/emitted/ttlang_kernel_add_compute_35170be0.cpp",
                           "examples/eltwise_add/emitted/ttlang_kernel_read_inputs_b0a2efc8.cpp",
                           "examples/eltwise_add/emitted/ttlang_kernel_write_output_9a6f1207.cpp"};
const char* kFiles[] = {"compute.cpp", "reader.cpp", "writer.cpp"};

struct TracedRun {
    bool built = false;
    bool ok = false;
    std::vector<std::string> traces;
    std::string error;
};

/// Runs the program with the kernels in `dir` (compute, reader, writer), traced.
TracedRun run_traced(const std::string& dir) {
    Diagnostics d;
    auto model = read_runner_text(source_path(kRunner), read_file(source_path(kRunner)), d);
    EXPECT_TRUE(model) << d.render_all();
    std::vector<emu::TensorInput> tensors = {
        {"lhs", emu::DataFormat::kBfloat16, 128, 128, random_values(128 * 128, 0, 1, emu::DataFormat::kBfloat16, 1), true},
        {"rhs", emu::DataFormat::kBfloat16, 128, 128, random_values(128 * 128, 0, 1, emu::DataFormat::kBfloat16, 2), true},
        {"out", emu::DataFormat::kBfloat16, 128, 128, {}, true}};
    std::vector<std::string> kernels;
    for (const char* f : kFiles) kernels.push_back(dir + "/" + f);
    std::string error;
    auto program = emu::program_from_runner(*model, kernels, tensors, error);
    EXPECT_TRUE(program) << error;
    emu::RunOptions options;
    options.build = emu_build_options();
    options.trace = true;
    options.timeout_seconds = 30;
    emu::RunResult r = emu::run_program(*program, options);
    return TracedRun{!r.build_failed, r.ok, r.traces, r.error};
}

struct Edit {
    const char* label;
    int file;  // index into kFiles
    const char* from;
    const char* to;
    bool harmful;
};

TEST(MutantOracle, EveryLabelHoldsOnTheTracingEmulator) {
    TempDir dir;
    for (const char* f : kFiles) write_file(dir / (std::string("base/") + f), read_file(source_path(std::string(kPackage) + "/" + f)));
    TracedRun base = run_traced(dir / "base");
    ASSERT_TRUE(base.ok) << base.error;
    ASSERT_EQ(base.traces.size(), 3U);
    EXPECT_NE(base.traces[0].find("cb_wait_front"), std::string::npos) << base.traces[0];

    const Edit edits[] = {
        {"another API call", 0, "add_tiles(lhs_cb", "sub_tiles(lhs_cb", true},
        {"a pop deleted", 0, "cb_pop_front(lhs_cb, num_tiles);", "", true},
        {"a declaration as the loop body", 0, "col += step) {", "col += step) const int32_t slot_filler = 0; {", true},
        {"a barrier deleted", 1, "noc_async_read_barrier();", "", true},
        {"a cast on the left of an assignment", 1, "col += step) {", "static_cast<size_t>(col) += step) {", true},
        {"a constant changed", 1, "constexpr int32_t num_tiles = 1;", "constexpr int32_t num_tiles = 2;", true},
        {"a rename onto a predefined macro", 2, "row", "__LINE__", true},
        {"a comment", 0, "tile_regs_acquire();", "tile_regs_acquire();  // DST is ours now", false},
        {"a const int32_t CB name", 0, "constexpr uint32_t lhs_cb = get_compile_time_arg_val(0);",
         "const int32_t lhs_cb = get_compile_time_arg_val(0);", false},
        {"token spacing in a #define", 0, "#define INFINITY __builtin_inff()", "#define INFINITY __builtin_inff ( )",
         false},
        {"constants reordered", 0, "    constexpr size_t rows = 4;\n    constexpr size_t cols = 4;\n",
         "    constexpr size_t cols = 4;\n    constexpr size_t rows = 4;\n", false},
        {"a consistent rename", 0, "tile_0", "first_tile", false},
    };
    int harmful = 0, harmless = 0;
    for (const Edit& e : edits) {
        SCOPED_TRACE(e.label);
        std::string case_dir = dir / (std::string("case") + std::to_string(harmful + harmless));
        for (const char* f : kFiles) fs::create_directories(case_dir), fs::copy_file(dir / (std::string("base/") + f), case_dir + "/" + f);
        std::string path = case_dir + "/" + kFiles[e.file];
        std::string text = read_file(path);
        ASSERT_NE(text.find(e.from), std::string::npos) << e.from;
        std::string from = e.from;
        bool identifier = std::all_of(from.begin(), from.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
        if (identifier) {  // a rename: every occurrence of the word
            auto word_char = [&](size_t i) { return i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'); };
            std::string out;
            for (size_t i = 0; i < text.size();) {
                bool word = text.compare(i, from.size(), from) == 0 && (i == 0 || !word_char(i - 1)) && !word_char(i + from.size());
                out += word ? std::string(e.to) : std::string(1, text[i]);
                i += word ? from.size() : 1;
            }
            text = out;
        } else {
            text.replace(text.find(from), from.size(), e.to);
        }
        write_file(path, text);
        // The static verdict.
        Diagnostics d;
        auto before = read_kernel_text("before.cpp", read_file(source_path(kCompiler[e.file])), d);
        auto after = read_kernel_text(path, text, d);
        ASSERT_TRUE(before) << d.render_all();
        bool accepted = after && check_equivalence(*before, *after).equivalent;
        // The run's verdict.
        TracedRun run = run_traced(case_dir);
        bool changed = !run.built || !run.ok || run.traces != base.traces;
        if (e.harmful) {
            ++harmful;
            EXPECT_FALSE(accepted) << "equiv accepted a harmful edit";
            EXPECT_TRUE(changed) << "the label is wrong: the trace did not change";
        } else {
            ++harmless;
            EXPECT_TRUE(accepted) << "equiv refused a harmless edit";
            EXPECT_FALSE(changed) << "the label is wrong: the trace changed\n" << run.error;
        }
    }
    EXPECT_EQ(harmful, 7);
    EXPECT_EQ(harmless, 5);
}

/// How many mutants of each class and thread the generated-suite test runs (evenly spaced over
/// the class); TTL_ORACLE_SAMPLE=N runs N, TTL_ORACLE_SAMPLE=all every one (406 runs on
/// 2026-12-06, 3 minutes).
size_t oracle_sample() {
    const char* v = std::getenv("TTL_ORACLE_SAMPLE");
    if (v == nullptr) return 1;
    if (std::string(v) == "all") return SIZE_MAX;
    return static_cast<size_t>(std::max(1, std::atoi(v)));
}

// The generated mutation suite (tests/validate/mutants.h) of eltwise_add's three exported
// kernels, run: no mutant `equiv` accepts may change the trace; every harmless edit is accepted
// and leaves the trace as it was; every class of harmful mutants has members that change the
// trace or do not build (except the classes that change a program only for some inputs or
// builds, see harmful_only_sometimes).
TEST(MutantOracle, TheGeneratedSuiteHoldsOnTheTracingEmulator) {
    const test::ExampleDirs* ex = nullptr;
    for (const test::ExampleDirs& e : test::examples()) {
        if (e.name() == "eltwise_add") ex = &e;
    }
    ASSERT_NE(ex, nullptr);
    std::vector<test::ExportedThread> threads = test::export_example(*ex);
    ASSERT_EQ(threads.size(), 3U);
    TempDir dir;
    std::map<std::string, std::string> exported;  // file name -> text
    for (const test::ExportedThread& t : threads) {
        std::string file = fs::path(t.package_golden).filename().string();
        exported[file] = t.result.text;
        write_file(dir / ("base/" + file), t.result.text);
    }
    TracedRun base = run_traced(dir / "base");
    ASSERT_TRUE(base.ok) << base.error;

    struct Tally {
        size_t run = 0, accepted = 0, changed = 0, unbuilt = 0;
    };
    std::map<std::string, Tally> tally;
    size_t cases = 0, accepted_and_changed = 0;
    const size_t sample = oracle_sample();
    auto try_edit = [&](const test::ExportedThread& t, const std::string& kind, const std::string& text, bool harmless) {
        Diagnostics d;
        auto before = read_kernel_text("before.cpp", t.before, d);
        auto after = read_kernel_text("after.cpp", text, d);
        bool accepted = before && after && check_equivalence(*before, *after).equivalent;
        std::string case_dir = dir / ("case" + std::to_string(cases++));
        std::string file = fs::path(t.package_golden).filename().string();
        for (const auto& [name, body] : exported) write_file(case_dir + "/" + name, name == file ? text : body);
        TracedRun run = run_traced(case_dir);
        bool changed = run.built && (!run.ok || run.traces != base.traces);
        Tally& c = tally[kind];
        ++c.run;
        c.accepted += accepted ? 1 : 0;
        c.changed += changed ? 1 : 0;
        c.unbuilt += run.built ? 0 : 1;
        if (accepted && (changed || !run.built)) {
            ++accepted_and_changed;
            ADD_FAILURE() << kind << " in " << file << ": accepted, but the program changed\n" << text;
        }
        if (harmless) {
            EXPECT_TRUE(accepted) << kind << " in " << file << " refused\n" << text;
            EXPECT_TRUE(run.built && !changed) << kind << " in " << file << ": the label is wrong\n" << run.error << text;
        }
    };
    for (const test::ExportedThread& t : threads) {
        Diagnostics d;
        auto k = read_kernel_text("after.cpp", t.result.text, d);
        ASSERT_TRUE(k) << d.render_all();
        for (const auto& [kind, texts] : test::mutants(*k)) {
            size_t n = std::min(sample, texts.size());
            for (size_t i = 0; i < n; ++i) try_edit(t, kind, texts[i * texts.size() / n], false);
        }
        for (const std::string& h : test::harmless(*k)) try_edit(t, "(harmless) an edit of the export", h, true);
        for (const std::string& h : test::harmless_on_compiler_output(t.before)) {
            try_edit(t, "(harmless) an edit of the compiler's kernel", h, true);
        }
    }
    std::printf("  %-45s %5s %9s %8s %8s\n", "class", "run", "accepted", "changed", "unbuilt");
    for (const auto& [kind, c] : tally) {
        std::printf("  %-45s %5zu %9zu %8zu %8zu\n", kind.c_str(), c.run, c.accepted, c.changed, c.unbuilt);
        bool harmful = kind.rfind("(harmless)", 0) != 0;
        if (harmful && !test::harmful_only_sometimes(kind)) {
            EXPECT_GT(c.changed + c.unbuilt, 0U) << kind << ": no mutant of the class changes the program";
        }
    }
    std::printf("%zu edits run; accepted edits that change the trace: %zu (goal: 0)\n", cases, accepted_and_changed);
    EXPECT_EQ(accepted_and_changed, 0U);
    EXPECT_GE(tally.size(), 15U);  // 14 harmful classes and the harmless edits
}

}  // namespace
}  // namespace ttl::test
