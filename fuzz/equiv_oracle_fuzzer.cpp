// libFuzzer target for `equiv` under the tracing oracle: an input is one selector byte (which of
// eltwise_add's three exported kernels: compute, reader, writer) and an edited text of that
// kernel. When `equiv` accepts the edit against the compiler's kernel, the program runs on the
// emulator's tracing build (every kernel-API call of every thread, with its arguments) with the
// edited kernel in place, and the trace must be the exported package's: an accepted edit that
// changes the trace or does not build is a finding (abort). Edits are run once per distinct
// token stream (comments and layout do not reach the compiler's tokens... except when they do,
// which is what this looks for, so the key is the text with comments kept).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "emulate/program_from_runner.h"
#include "emulate/runtime.h"
#include "emulate/tile_math.h"
#include "read/kernel_reader.h"
#include "read/runner_model.h"
#include "validate/equivalence.h"

namespace fs = std::filesystem;

namespace {

const char* kCompiler[] = {"examples/eltwise_add/emitted/ttlang_kernel_add_compute_35170be0.cpp",
                           "examples/eltwise_add/emitted/ttlang_kernel_read_inputs_b0a2efc8.cpp",
                           "examples/eltwise_add/emitted/ttlang_kernel_write_output_9a6f1207.cpp"};
const char* kRunner = "examples/eltwise_add/emitted/ttlang_kernel_add_compute_35170be0_runner.py";
const char* kFiles[] = {"compute.cpp", "reader.cpp", "writer.cpp"};

std::string read(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct State {
    fs::path work;  ///< our own temporary folder
    std::optional<ttl::RunnerModel> runner;
    std::vector<std::optional<ttl::KernelFile>> before;
    std::vector<std::string> exported;
    std::vector<std::string> base_trace;
    std::set<std::string> seen;
    size_t inputs = 0, accepted = 0;
};

State* g = nullptr;

std::vector<float> values(uint32_t seed) {
    std::vector<float> out(128 * 128);
    uint32_t x = seed;
    for (float& v : out) {
        x = x * 1664525U + 1013904223U;
        v = ttl::emu::round_to_format(ttl::emu::DataFormat::kBfloat16, static_cast<float>(x >> 8) / 16777216.0F);
    }
    return out;
}

/// The traced run of eltwise_add with `kernels` (compute, reader, writer) written to `dir`.
std::optional<std::vector<std::string>> traced_run(const std::vector<std::string>& kernels, const fs::path& dir,
                                                   bool* built) {
    fs::create_directories(dir);
    std::vector<std::string> paths;
    for (size_t i = 0; i < 3; ++i) {
        paths.push_back((dir / kFiles[i]).string());
        std::ofstream(paths.back(), std::ios::binary) << kernels[i];
    }
    using ttl::emu::DataFormat;
    std::vector<ttl::emu::TensorInput> tensors = {{"lhs", DataFormat::kBfloat16, 128, 128, values(1), true},
                                                  {"rhs", DataFormat::kBfloat16, 128, 128, values(2), true},
                                                  {"out", DataFormat::kBfloat16, 128, 128, {}, true}};
    std::string error;
    auto program = ttl::emu::program_from_runner(*g->runner, paths, tensors, error);
    if (!program) return std::nullopt;
    ttl::emu::RunOptions options;
    options.build.include_dir = std::string(TTL_SOURCE_DIR) + "/emu/include";
    options.build.cache_dir = (g->work / "cache").string();
    options.trace = true;
    options.timeout_seconds = 30;
    ttl::emu::RunResult r = ttl::emu::run_program(*program, options);
    *built = !r.build_failed;
    if (!r.ok) return std::nullopt;
    return r.traces;
}

void set_up() {
    g = new State;
    char tmpl[] = "/tmp/ttl-equiv-fuzz-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) std::abort();
    g->work = tmpl;
    std::atexit([] {
        // Only our own folder, made by mkdtemp above.
        if (g == nullptr) return;
        std::fprintf(stderr, "equiv_oracle_fuzzer: %zu inputs, %zu distinct accepted edits run on the emulator, none "
                     "changed the trace\n", g->inputs, g->accepted);
        if (g->work.string().rfind("/tmp/ttl-equiv-fuzz-", 0) == 0) fs::remove_all(g->work);
    });
    const std::string root = TTL_SOURCE_DIR;
    ttl::Diagnostics d;
    g->runner = ttl::read_runner_text(kRunner, read(root + "/" + kRunner), d);
    for (size_t i = 0; i < 3; ++i) {
        g->before.push_back(ttl::read_kernel_text(kCompiler[i], read(root + "/" + kCompiler[i]), d));
        g->exported.push_back(read(root + "/tests/golden/package/eltwise_add/kernels/" + kFiles[i]));
    }
    bool built = false;
    auto base = g->runner ? traced_run(g->exported, g->work / "base", &built) : std::nullopt;
    if (!base) {
        std::fprintf(stderr, "equiv_oracle_fuzzer: the exported package does not run:\n%s\n", d.render_all().c_str());
        std::abort();
    }
    g->base_trace = *base;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (g == nullptr) set_up();
    if (size < 1) return 0;
    ++g->inputs;
    size_t which = data[0] % 3;
    std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    if (!g->before[which]) return 0;
    ttl::Diagnostics d;
    auto after = ttl::read_kernel_text("edited.cpp", text, d);
    if (!after || !ttl::check_equivalence(*g->before[which], *after).equivalent) return 0;
    if (!g->seen.insert(std::to_string(which) + text).second) return 0;
    ++g->accepted;
    std::vector<std::string> kernels = g->exported;
    kernels[which] = text;
    bool built = false;
    auto trace = traced_run(kernels, g->work / "case", &built);
    if (!trace || *trace != g->base_trace) {
        std::fprintf(stderr, "equiv accepted an edit of %s that %s\n", kFiles[which],
                     !built ? "does not build" : !trace ? "does not run" : "changes the call trace");
        std::abort();
    }
    return 0;
}
