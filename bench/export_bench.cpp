// The export of the large generated program (scripts/generate-large-program.py: one kernel
// whose three threads are about 20,000 lines each, 2.8 MB of C++) in memory, whole and stage by
// stage on its largest thread. Throughput is in bytes of the compiler's kernels. The goal
// (issue 22): the whole command at 20 MB/s; scripts/bench-export times the command itself.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "bind/binding.h"
#include "bind/naming.h"
#include "read/kernel_reader.h"
#include "support/process.h"
#include "validate/equivalence.h"
#include "validate/validated_rewrite.h"
#include "write/export.h"
#include "write/html_report.h"
#include "write/report_writer.h"

namespace fs = std::filesystem;

namespace {

/// The generated program, in a folder of our own under the temporary directory (removed at exit).
struct LargeProgram {
    fs::path dir;
    ttl::ExportOptions options;
    std::unique_ptr<ttl::ExportBuild> build;  ///< one export, for the stage benchmarks' inputs
    int64_t bytes = 0;  ///< of the three emitted kernels
    std::string error;

    LargeProgram() {
        std::string pattern = (fs::temp_directory_path() / "ttl-export-bench-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            error = "cannot create a temporary folder";
            return;
        }
        dir = pattern;
        ttl::ProcessResult r = ttl::run_process(
            {"python3", std::string(TTL_SOURCE_DIR) + "/scripts/generate-large-program.py", dir.string(), "20000"});
        if (!r.ok()) {
            error = "the generator failed: " + r.output + r.error;
            return;
        }
        options.source = (dir / "large.py").string();
        options.from = (dir / "emitted").string();
        ttl::Diagnostics d;
        build = ttl::build_export(options, d);
        if (!build) {
            error = "the generated program does not export";
            return;
        }
        for (const ttl::KernelArtifacts& k : *build->artifacts) {
            for (const ttl::ThreadArtifact& t : k.threads) bytes += static_cast<int64_t>(t.text().size());
        }
    }
    ~LargeProgram() {
        // Only the folder mkdtemp made for us.
        if (!dir.empty() && dir.filename().string().rfind("ttl-export-bench-", 0) == 0) {
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    }
    LargeProgram(const LargeProgram&) = delete;
    LargeProgram& operator=(const LargeProgram&) = delete;

    /// The job of the largest thread.
    const ttl::ExportJob& largest() const {
        const ttl::ExportJob* best = &build->jobs.front();
        for (const ttl::ExportJob& j : build->jobs) {
            if (emitted(j).size() > emitted(*best).size()) best = &j;
        }
        return *best;
    }
    const ttl::ThreadArtifact& artifact(const ttl::ExportJob& j) const {
        return (*build->artifacts)[j.kernel].threads[j.thread];
    }
    const std::string& emitted(const ttl::ExportJob& j) const { return artifact(j).text(); }
    /// Its kernel as read (the export releases its own once the thread is proven).
    const ttl::KernelFile& largest_file() {
        if (!largest_read) {
            ttl::Diagnostics d;
            largest_read = ttl::read_kernel(artifact(largest()).file, d);
        }
        return *largest_read;
    }
    std::optional<ttl::KernelFile> largest_read;
    /// Its binding and names (moved into the program once the export is done).
    const ttl::ExportedThread& largest_thread() const {
        const ttl::ExportJob& j = largest();
        return build->program.kernels[j.kernel].threads[j.thread];
    }
    const ttl::TtlKernel* kernel() const { return build->program.kernels.front().source; }
    const ttl::RunnerModel& runner() const { return build->artifacts->front().runner; }
};

LargeProgram& program() {
    static LargeProgram p;
    return p;
}

bool ready(benchmark::State& state) {
    if (program().error.empty()) return true;
    state.SkipWithError(program().error.c_str());
    return false;
}

void BM_ExportInMemory(benchmark::State& state) {
    if (!ready(state)) return;
    for (auto _ : state) {
        ttl::Diagnostics d;
        std::string html;
        auto build = ttl::build_export(program().options, d, {}, [&](ttl::ExportBuild& b) {
            html = ttl::write_html_report(b.program, b.runner, std::move(b.file_tabs));
        });
        if (!build) state.SkipWithError("the export failed");
        std::string md = ttl::write_report(build->program, build->runner, {});
        benchmark::DoNotOptimize(md.data());
    }
    state.SetBytesProcessed(state.iterations() * program().bytes);
}
BENCHMARK(BM_ExportInMemory)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ExportInMemoryNoHtml(benchmark::State& state) {
    if (!ready(state)) return;
    ttl::ExportOptions options = program().options;
    options.html = false;
    for (auto _ : state) {
        ttl::Diagnostics d;
        auto build = ttl::build_export(options, d);
        if (!build) state.SkipWithError("the export failed");
        std::string md = ttl::write_report(build->program, build->runner, {});
        benchmark::DoNotOptimize(md.data());
    }
    state.SetBytesProcessed(state.iterations() * program().bytes);
}
BENCHMARK(BM_ExportInMemoryNoHtml)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- the stages, one thread (the largest), one core ----

int64_t largest_bytes() { return static_cast<int64_t>(program().emitted(program().largest()).size()); }

void BM_StageRead(benchmark::State& state) {
    if (!ready(state)) return;
    const std::string& text = program().emitted(program().largest());
    for (auto _ : state) {
        ttl::Diagnostics d;
        auto k = ttl::read_kernel_text("big.cpp", text, d);
        benchmark::DoNotOptimize(k);
    }
    state.SetBytesProcessed(state.iterations() * largest_bytes());
}
BENCHMARK(BM_StageRead)->Unit(benchmark::kMillisecond);

void BM_StageBind(benchmark::State& state) {
    if (!ready(state)) return;
    const ttl::ExportJob& job = program().largest();
    for (auto _ : state) {
        auto b = ttl::bind_kernel(program().largest_file(), program().kernel(), static_cast<int>(job.thread),
                                  program().runner());
        benchmark::DoNotOptimize(b);
    }
    state.SetBytesProcessed(state.iterations() * largest_bytes());
}
BENCHMARK(BM_StageBind)->Unit(benchmark::kMillisecond);

void BM_StageName(benchmark::State& state) {
    if (!ready(state)) return;
    for (auto _ : state) {
        auto n = ttl::plan_names(program().largest_file(), program().largest_thread().binding, program().kernel());
        benchmark::DoNotOptimize(n);
    }
    state.SetBytesProcessed(state.iterations() * largest_bytes());
}
BENCHMARK(BM_StageName)->Unit(benchmark::kMillisecond);

ttl::RewriteInput rewrite_input() {
    const ttl::ExportedThread& t = program().largest_thread();
    const ttl::ExportOptions& o = program().options;
    return ttl::RewriteInput{&program().largest_file(), &t.binding, &t.naming, program().kernel(), o.source,
                             o.style, o.formatter};
}

void BM_StageRewrite(benchmark::State& state) {
    if (!ready(state)) return;
    ttl::RewriteInput in = rewrite_input();
    for (auto _ : state) {
        auto out = ttl::rewrite_kernel(in, ttl::Rules::all());
        benchmark::DoNotOptimize(out.text.data());
    }
    state.SetBytesProcessed(state.iterations() * largest_bytes());
}
BENCHMARK(BM_StageRewrite)->Unit(benchmark::kMillisecond);

/// The proof alone: read the rewritten kernel, compare the two normal forms.
void BM_StageProve(benchmark::State& state) {
    if (!ready(state)) return;
    std::string after = ttl::rewrite_kernel(rewrite_input(), ttl::Rules::all()).text;
    for (auto _ : state) {
        ttl::Diagnostics d;
        auto k = ttl::read_kernel_text("after.cpp", after, d);
        auto r = ttl::check_equivalence(program().largest_file(), *k);
        if (!r.equivalent) state.SkipWithError("the rewrite is not proven");
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(state.iterations() * largest_bytes());
}
BENCHMARK(BM_StageProve)->Unit(benchmark::kMillisecond);

void BM_StageRewriteAndValidate(benchmark::State& state) {
    if (!ready(state)) return;
    ttl::RewriteInput in = rewrite_input();
    for (auto _ : state) {
        auto v = ttl::rewrite_and_validate(in, ttl::Rules::all());
        benchmark::DoNotOptimize(v.text.data());
    }
    state.SetBytesProcessed(state.iterations() * largest_bytes());
}
BENCHMARK(BM_StageRewriteAndValidate)->Unit(benchmark::kMillisecond);

void BM_StageHtml(benchmark::State& state) {
    if (!ready(state)) return;
    for (auto _ : state) {
        std::string html = ttl::write_html_report(program().build->program, program().build->runner);
        benchmark::DoNotOptimize(html.data());
    }
    state.SetBytesProcessed(state.iterations() * program().bytes);
}
BENCHMARK(BM_StageHtml)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
