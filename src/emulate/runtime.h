// Stage "emulate": running a program on the CPU.
//
// Every core of every kernel's core ranges gets its own L1 (mapped below 2 GiB, so the 32-bit
// addresses kernels carry in `int32_t` are real pointers), its circular buffers and
// semaphores; every (core, kernel) pair runs as a thread. Device buffers live in host memory
// at the addresses the program gives them. Any misuse the device would not report (see
// docs/emulate.md) stops the run with an error naming the kernel, its file and line, and
// the core; so does a deadlock, with what every thread waits for.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "emulate/kernel_build.h"
#include "emulate/program.h"

namespace ttl::emu {

constexpr uint32_t kL1Size = 1464 * 1024;  ///< bytes of L1 per core (Wormhole)
constexpr uint32_t kMaxCbs = 64;

struct RunOptions {
    BuildOptions build;
    double timeout_seconds = 600;  ///< a run still going after this is stopped with an error
    /// Record every kernel-API call each thread makes (RunResult::traces): the mutation tests'
    /// oracle. L1 addresses are shown relative to their core, so runs compare across processes.
    bool trace = false;
};

struct KernelBuildStat {
    std::string path;
    ThreadRole kind = ThreadRole::kCompute;
    bool cached = false;
    double seconds = 0;
};

struct RunResult {
    bool ok = false;
    bool build_failed = false;  ///< the error is a kernel that does not compile
    bool stuck = false;  ///< timed out with kernels still running that never call the
        ///< kernel API: their threads go on, so end the process soon
    std::string error;  ///< the first error: `FILE:LINE: error: ...` and context
    std::vector<BufferSpec> buffers;  ///< every buffer's contents after the run
    /// With RunOptions::trace: per thread (in set-up order), "ROLE (x, y)" and one line per call:
    /// the call's name and its arguments but the caller's file and line.
    std::vector<std::string> traces;
    std::vector<KernelBuildStat> builds;
    double build_seconds = 0;
    double run_seconds = 0;
    uint64_t tiles_packed = 0;  ///< pack_tile calls, all cores
    uint64_t noc_bytes = 0;  ///< bytes moved by NoC reads and writes
};

RunResult run_program(const Program& program, const RunOptions& options = {});

}  // namespace ttl::emu
