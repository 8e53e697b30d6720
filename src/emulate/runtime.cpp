#include "emulate/runtime.h"

#include <dlfcn.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "emulate/device.h"

namespace ttl::emu {

namespace {

using namespace device;

// ---- faults inside a kernel ----

const char* fault_name(int sig) {
    switch (sig) {
        case SIGSEGV: return "SIGSEGV (invalid memory access)";
        case SIGBUS: return "SIGBUS (misaligned or invalid memory access)";
        case SIGFPE: return "SIGFPE (arithmetic fault, e.g. integer division by zero)";
        case SIGILL: return "SIGILL (illegal instruction)";
        default: return "a fatal signal";
    }
}

void write_all(const char* text, size_t size) {
    while (size > 0) {
        ssize_t n = write(STDERR_FILENO, text, size);
        if (n <= 0) return;
        text += n;
        size -= static_cast<size_t>(n);
    }
}

void on_fault(int sig) {
    if (const Thread* t = t_self) {
        const char* head = "error: the emulator crashed with ";
        write_all(head, std::strlen(head));
        write_all(fault_name(sig), std::strlen(fault_name(sig)));
        write_all(t->crash_label.data(), t->crash_label.size());
    }
    signal(sig, SIG_DFL);
    ::raise(sig);
}

constexpr int kFaults[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};

/// Installs the fault handler for the lifetime of a run and restores the previous handlers.
struct FaultHandlers {
    struct sigaction old[std::size(kFaults)]{};
    FaultHandlers() {
        struct sigaction action {};
        action.sa_handler = on_fault;
        action.sa_flags = SA_ONSTACK | SA_NODEFER;
        sigemptyset(&action.sa_mask);
        for (size_t i = 0; i < std::size(kFaults); ++i) sigaction(kFaults[i], &action, &old[i]);
    }
    ~FaultHandlers() {
        for (size_t i = 0; i < std::size(kFaults); ++i) sigaction(kFaults[i], &old[i], nullptr);
    }
};

/// An alternate signal stack for one kernel thread, so that a stack overflow is reported too.
struct AltStack {
    std::vector<char> memory = std::vector<char>(1 << 16);
    AltStack() {
        stack_t st{};
        st.ss_sp = memory.data();
        st.ss_size = memory.size();
        sigaltstack(&st, nullptr);
    }
    ~AltStack() {
        stack_t st{};
        st.ss_flags = SS_DISABLE;
        sigaltstack(&st, nullptr);
    }
};

const ttl_emu::Abi kAbi = {TTL_EMU_ABI_VERSION,
#define TTL_EMU_IMPL(ret, name, params) &abi_##name,
                           TTL_EMU_ABI(TTL_EMU_IMPL)
#undef TTL_EMU_IMPL
};

// ---- tracing (RunOptions::trace) ------------------------------------------------------------------

/// An L1 address as an offset in its core's L1 ("L1+0x..."), other values as they are.
std::string traced_word(uint64_t v) {
    const Device& d = *t_self->device;
    auto in_l1 = [&](uint32_t a) -> std::string {
        for (const auto& c : d.cores) {
            if (a >= c->base() && a - c->base() < kL1Size) return fmt::format("L1+0x{:x}", a - c->base());
        }
        return "";
    };
    if (v >> 32 == 0) {
        std::string l1 = in_l1(static_cast<uint32_t>(v));
        return l1.empty() ? std::to_string(v) : l1;
    }
    uint64_t kind = ttl_emu::noc_kind(v);
    if (kind == ttl_emu::kNocCore || kind == ttl_emu::kNocMulticast) {
        std::string l1 = in_l1(static_cast<uint32_t>(v));
        if (!l1.empty()) return fmt::format("noc:0x{:x}:{}", v >> 32, l1);
    }
    return fmt::format("0x{:x}", v);
}

template <class T>
void trace_arg(std::string& line, T v) {
    if constexpr (std::is_same_v<T, const char*> || std::is_same_v<T, int>) {
        // the caller's file and line: they move with every edit of the kernel
    } else if constexpr (std::is_enum_v<T>) {
        line += " " + std::to_string(static_cast<uint64_t>(v));
    } else if constexpr (std::is_floating_point_v<T>) {
        line += fmt::format(" {}", v);
    } else if constexpr (std::is_same_v<T, bool>) {
        line += v ? " true" : " false";
    } else {
        line += " " + traced_word(static_cast<uint64_t>(v));
    }
}

template <auto F, const char* Name>
struct Traced;
template <class R, class... A, R (*F)(A...), const char* Name>
struct Traced<F, Name> {
    static R call(A... args) {
        if (t_self != nullptr) {
            std::string line = Name;
            (trace_arg(line, args), ...);
            t_self->trace.push_back(std::move(line));
        }
        return F(args...);
    }
};

#define TTL_EMU_NAME(ret, name, params) constexpr char kTraceName_##name[] = #name;
TTL_EMU_ABI(TTL_EMU_NAME)
#undef TTL_EMU_NAME

const ttl_emu::Abi kTracedAbi = {TTL_EMU_ABI_VERSION,
#define TTL_EMU_TRACED(ret, name, params) &Traced<&abi_##name, kTraceName_##name>::call,
                                 TTL_EMU_ABI(TTL_EMU_TRACED)
#undef TTL_EMU_TRACED
};

// ---- set-up ---------------------------------------------------------------------------------------

std::string setup(Device& d, const Program& program) {
    // Buffers: in host memory at their device addresses, never overlapping.
    d.buffers = program.buffers;
    for (size_t i = 0; i < d.buffers.size(); ++i) {
        BufferSpec& b = d.buffers[i];
        if (b.data.size() > b.size)
            return fmt::format("buffer '{}' holds {} bytes of data but is {} bytes", b.name, b.data.size(), b.size);
        b.data.resize(b.size, 0);
        if (b.size == 0) return fmt::format("buffer '{}' is empty", b.name);
        auto next = d.buffer_at.lower_bound(b.address);
        if (next != d.buffer_at.end() && d.buffers[next->second].address < b.address + b.size) {
            return fmt::format("buffers '{}' and '{}' overlap", b.name, d.buffers[next->second].name);
        }
        if (next != d.buffer_at.begin()) {
            const BufferSpec& prev = d.buffers[std::prev(next)->second];
            if (prev.address + prev.size > b.address)
                return fmt::format("buffers '{}' and '{}' overlap", prev.name, b.name);
        }
        d.buffer_at[b.address] = i;
    }
    for (const BufferSpec& b : d.buffers) {
        uint32_t page = b.page_size ? b.page_size : 2048;
        d.page_writer.emplace_back((b.size + page - 1) / page, -1);
    }
    // Cores: every core of every kernel.
    for (const KernelSpec& k : program.kernels) {
        for (const CoreRange& r : k.cores) {
            if (r.end.x < r.start.x || r.end.y < r.start.y)
                return fmt::format("kernel '{}' has an empty core range", k.source_path);
            if (r.end.x > 63 || r.end.y > 63)
                return fmt::format("kernel '{}' uses core ({}, {}); the emulator has 64x64 cores at most",
                                   k.source_path, r.end.x, r.end.y);
            for (uint32_t x = r.start.x; x <= r.end.x; ++x) {
                for (uint32_t y = r.start.y; y <= r.end.y; ++y) {
                    if (d.core_at.count({x, y})) continue;
                    auto core = std::make_unique<Core>();
                    core->xy = {x, y};
                    core->id = static_cast<int32_t>(d.cores.size());
                    void* l1 =
                        mmap(nullptr, kL1Size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
                    if (l1 == MAP_FAILED)
                        return fmt::format("cannot map {} KiB of L1 below 2 GiB for core ({}, {})", kL1Size / 1024, x,
                                           y);
                    core->l1 = static_cast<uint8_t*>(l1);
                    d.core_at[{x, y}] = core.get();
                    d.cores.push_back(std::move(core));
                }
            }
        }
    }
    // Circular buffers: the same L1 offset on every core of their range.
    uint32_t next = kCbBase;
    for (const CbSpec& cb : program.cbs) {
        if (cb.index >= kMaxCbs)
            return fmt::format("circular buffer index {} is out of range (0..{})", cb.index, kMaxCbs - 1);
        if (element_size(cb.format) == 0)
            return fmt::format("circular buffer {}: data format {} is not emulated", cb.index,
                               static_cast<uint32_t>(cb.format));
        if (cb.page_size == 0 || cb.total_size == 0 || cb.total_size % cb.page_size != 0) {
            return fmt::format("circular buffer {}: total size {} is not a positive multiple of the page size {}",
                               cb.index, cb.total_size, cb.page_size);
        }
        if (next + cb.total_size > kL1Size) {
            return fmt::format("circular buffers need more than the {} KiB of L1 a core has (at circular buffer {})",
                               kL1Size / 1024, cb.index);
        }
        for (auto& [xy, core] : d.core_at) {
            if (!contains(cb.cores, xy)) continue;
            CbState& c = core->cbs[cb.index];
            if (c.present)
                return fmt::format("circular buffer {} is configured twice on core ({}, {})", cb.index, xy.x, xy.y);
            c.present = true;
            c.index = cb.index;
            c.format = cb.format;
            c.page = cb.page_size;
            c.pages = cb.total_size / cb.page_size;
            c.base = core->base() + next;
            c.limit = c.base + cb.total_size;
            c.rd = c.wr = c.base;
        }
        next = (next + cb.total_size + 31) & ~31U;
    }
    for (const SemaphoreSpec& s : program.semaphores) {
        if (s.id >= kMaxSemaphores)
            return fmt::format("semaphore id {} is out of range (0..{})", s.id, kMaxSemaphores - 1);
        for (auto& [xy, core] : d.core_at) {
            if (!contains(s.cores, xy)) continue;
            core->semaphores[s.id] = true;
            std::memcpy(core->l1 + kSemaphoreBase + s.id * 16, &s.initial_value, 4);
        }
    }
    return "";
}

}  // namespace

RunResult run_program(const Program& program, const RunOptions& options) {
    RunResult result;
    auto t0 = std::chrono::steady_clock::now();
    // Build every kernel (in parallel; the cache makes repeats free).
    std::vector<std::future<std::pair<KernelBinary, std::string>>> builds;
    for (const KernelSpec& k : program.kernels) {
        builds.push_back(std::async(std::launch::async, [&k, &options] {
            KernelBinary binary;
            std::string error;
            if (!build_kernel(k, options.build, binary, error)) return std::make_pair(binary, error);
            return std::make_pair(binary, std::string());
        }));
    }
    std::vector<KernelBinary> binaries;
    for (size_t i = 0; i < builds.size(); ++i) {
        auto [binary, error] = builds[i].get();
        if (!error.empty() && result.error.empty()) {
            result.error = error;
            result.build_failed = true;
        }
        binaries.push_back(binary);
        result.builds.push_back(
            {program.kernels[i].source_path, program.kernels[i].kind, binary.cached, binary.seconds});
    }
    auto t1 = std::chrono::steady_clock::now();
    result.build_seconds = std::chrono::duration<double>(t1 - t0).count();
    if (!result.error.empty()) return result;

    // The device is on the heap: a run whose kernels never return (they spin without calling
    // the kernel API) leaves it, its libraries and its threads behind rather than free memory
    // that they still use; the caller ends the process (RunResult::stuck).
    auto device = std::make_unique<Device>();
    Device& d = *device;
    std::vector<void*> handles;
    auto cleanup = [&] {
        for (void* h : handles) dlclose(h);
        for (auto& core : d.cores) munmap(core->l1, kL1Size);
    };
    FaultHandlers fault_handlers;
    if (std::string error = setup(d, program); !error.empty()) {
        result.error = "error: " + error;
        cleanup();
        return result;
    }
    // One thread per (core, kernel).
    for (size_t i = 0; i < program.kernels.size(); ++i) {
        const KernelSpec& k = program.kernels[i];
        void* handle = dlopen(binaries[i].library.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            result.error = fmt::format("error: cannot load the kernel library of '{}': {}", k.source_path, dlerror());
            cleanup();
            return result;
        }
        handles.push_back(handle);
        auto init = reinterpret_cast<int (*)(const ttl_emu::Abi*)>(dlsym(handle, "ttl_emu_init"));
        auto run = reinterpret_cast<void (*)()>(dlsym(handle, "ttl_emu_run"));
        auto key = static_cast<const char*>(dlsym(handle, "ttl_emu_cache_key"));
        if (key == nullptr || binaries[i].key != key) {
            result.error = fmt::format(
                "error: the cached library '{}' was not built from '{}' as it is now (a "
                "replaced or damaged cache file); remove it and run again",
                binaries[i].library, k.source_path);
            cleanup();
            return result;
        }
        if (!init || !run || init(options.trace ? &kTracedAbi : &kAbi) != 0) {
            result.error = fmt::format("error: the kernel library of '{}' does not match this emulator (stale cache?)",
                                       k.source_path);
            cleanup();
            return result;
        }
        for (auto& [xy, core] : d.core_at) {
            if (!contains(k.cores, xy)) continue;
            for (const auto& other : d.threads) {
                if (other->core == core && other->spec->kind == k.kind) {
                    result.error = fmt::format("error: two {} kernels on core ({}, {}): '{}' and '{}'",
                                               role_name(k.kind), xy.x, xy.y, other->spec->source_path, k.source_path);
                    cleanup();
                    return result;
                }
            }
            auto t = std::make_unique<Thread>();
            t->device = &d;
            t->core = core;
            t->spec = &k;
            t->run = run;
            if (auto it = k.runtime_args.find(xy); it != k.runtime_args.end()) t->args = it->second;
            if (t->args.size() > kMaxArgs || k.common_runtime_args.size() > kMaxArgs) {
                result.error = fmt::format("error: kernel '{}' has more than {} runtime args", k.source_path, kMaxArgs);
                cleanup();
                return result;
            }
            uint32_t args_at = kArgsBase + static_cast<uint32_t>(k.kind) * 0x1000;
            if (!t->args.empty()) std::memcpy(core->l1 + args_at, t->args.data(), t->args.size() * 4);
            if (!k.common_runtime_args.empty()) {
                std::memcpy(core->l1 + args_at + 0x800, k.common_runtime_args.data(), k.common_runtime_args.size() * 4);
            }
            bool fp32 = k.compute.fp32_dest_acc_en;
            t->dst_capacity = k.compute.dst_full_sync_en ? (fp32 ? 8 : 16) : (fp32 ? 4 : 8);
            t->crash_label = fmt::format(" in the {}\n", t->name());
            d.threads.push_back(std::move(t));
        }
    }
    d.live = static_cast<int>(d.threads.size());
    std::vector<std::thread> workers;
    for (auto& t : d.threads) {
        workers.emplace_back([thread = t.get()] {
            AltStack alt_stack;
            t_self = thread;
            try {
                thread->run();
            } catch (const Abort&) {
            } catch (const std::exception& e) {
                std::unique_lock<std::mutex> lock(thread->device->mu);
                if (!thread->device->aborted) {
                    thread->device->error = fmt::format("error: the {} threw: {}", thread->name(), e.what());
                    thread->device->aborted = true;
                }
            }
            std::unique_lock<std::mutex> lock(thread->device->mu);
            --thread->device->live;
            thread->done = true;
            check_deadlock(*thread->device);
            thread->device->cv.notify_all();
        });
    }
    {
        std::unique_lock<std::mutex> lock(d.mu);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(options.timeout_seconds);
        while (d.live > 0) {
            if (d.cv.wait_until(lock, deadline) == std::cv_status::timeout && d.live > 0) {
                if (!d.aborted) {
                    d.error = fmt::format("error: the program did not finish within {} s", options.timeout_seconds);
                    d.aborted = true;
                }
                d.cv.notify_all();
                break;
            }
        }
    }
    {
        // Woken by the abort, threads that call the kernel API unwind at once; a grace second
        // for the others, then whoever still runs is spinning in its own code.
        std::unique_lock<std::mutex> lock(d.mu);
        d.cv.wait_for(lock, std::chrono::seconds(1), [&] { return d.live == 0; });
        if (d.live > 0) {
            std::string running;
            for (const auto& t : d.threads) {
                if (!t->done && !t->blocked_on)
                    running += "\n  still running (it never calls the kernel API): the " + t->name();
            }
            result.error = d.error + running;
            result.stuck = true;
            result.run_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
            lock.unlock();
            for (std::thread& w : workers) w.detach();
            (void)device.release();  // still in use by the spinning threads
            return result;
        }
    }
    for (std::thread& w : workers) w.join();
    result.run_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    result.ok = d.error.empty();
    result.error = d.error;
    result.buffers = std::move(d.buffers);
    if (options.trace) {
        for (const auto& t : d.threads) {
            std::string text = fmt::format("{} ({}, {})\n", role_name(t->spec->kind), t->core->xy.x, t->core->xy.y);
            for (const std::string& line : t->trace) text += line + "\n";
            result.traces.push_back(std::move(text));
        }
    }
    result.tiles_packed = d.tiles_packed;
    result.noc_bytes = d.noc_bytes;
    cleanup();
    return result;
}

}  // namespace ttl::emu
