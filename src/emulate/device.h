// The emulator's device, shared by the files that implement the kernel API behind the ABI
// (emulate/device.cpp: threads, faults, waits and arguments; cb_protocol.cpp; noc.cpp;
// compute.cpp) and the orchestration that sets a program up and runs it (runtime.cpp).
// Internal to the emulator: nothing outside src/emulate includes it.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "emulate/program.h"
#include "emulate/runtime.h"
#include "emulate/tile_math.h"
#include "ttl_emu/abi.h"

namespace ttl::emu::device {

// L1 layout of every core: runtime args per kernel kind, semaphores, then circular buffers.
constexpr uint32_t kArgsBase = 0x1000;  // + kind * 0x1000: per-core args, common args at +0x800
constexpr uint32_t kMaxArgs = 0x800 / 4;
constexpr uint32_t kSemaphoreBase = 0x4000;  // + id * 16
constexpr uint32_t kMaxSemaphores = 16;
constexpr uint32_t kCbBase = 0x8000;

struct CbState {
    bool present = false;
    uint32_t index = 0;
    DataFormat format = DataFormat::kBfloat16;
    uint32_t base = 0;  // L1 address (a host address below 2 GiB)
    uint32_t limit = 0;
    uint32_t page = 0;
    uint32_t pages = 0;
    uint32_t received = 0;
    uint32_t acked = 0;
    uint32_t rd = 0;
    uint32_t wr = 0;
    uint32_t reserved = 0;  // pages the producer may write (reserve grants, push spends)
    uint32_t waited = 0;  // pages the consumer may read (wait grants, pop spends)
    uint32_t pack_offset = 0;  // next in-order pack_tile slot, in pages
    uint32_t occupied() const { return received - acked; }
    /// Address of the `nth` page after the page at `first`, wrapping at the end.
    uint32_t page_address(uint32_t first, uint32_t nth) const {
        uint32_t slot = ((first - base) / page + nth) % pages;
        return base + slot * page;
    }
};

struct Core {
    CoreCoord xy;
    int32_t id = 0;  // index in Device::cores
    uint8_t* l1 = nullptr;
    std::array<CbState, kMaxCbs> cbs{};
    std::array<bool, kMaxSemaphores> semaphores{};
    uint32_t base() const { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(l1)); }
};

struct Device;

struct Thread {
    Device* device = nullptr;
    Core* core = nullptr;
    const KernelSpec* spec = nullptr;
    void (*run)() = nullptr;
    std::vector<uint32_t> args;
    // While blocked: whether it could go on now, and what it waits for (both under the lock).
    std::function<bool()> ready;
    std::function<std::string()> blocked_on;
    std::array<uint32_t, kMaxCbs> reads_into{};
    std::array<uint32_t, kMaxCbs> writes_from{};
    // compute
    std::array<Tile, 16> dst{};
    std::array<bool, 16> written{};
    int regs = 0;  // 0 idle, 1 acquired, 2 committed, 3 waited
    uint32_t dst_capacity = 8;
    std::string name() const;
    /// What the fault handler prints when this thread crashes (prepared beforehand: the handler
    /// may only write bytes).
    std::string crash_label;
    bool done = false;  ///< returned from the kernel (under the device lock)
    std::vector<std::string> trace;  ///< with RunOptions::trace: the calls made, in order
};

struct Device {
    std::mutex mu;
    std::condition_variable cv;
    int live = 0;
    int blocked = 0;
    bool aborted = false;
    std::string error;
    std::vector<std::unique_ptr<Core>> cores;
    std::map<CoreCoord, Core*> core_at;
    std::vector<BufferSpec> buffers;
    std::map<uint32_t, size_t> buffer_at;  // address -> index in buffers
    std::vector<std::vector<int32_t>> page_writer;  // per buffer, per page: the core that wrote it, or -1
    std::vector<std::unique_ptr<Thread>> threads;
    std::atomic<uint64_t> tiles_packed{0};
    std::atomic<uint64_t> noc_bytes{0};
};

/// The kernel thread running on this OS thread (nullptr on the host).
extern thread_local Thread* t_self;

struct Abort {};  // unwinds a kernel thread after the run stopped

// ---- shared by the ABI's implementations (emulate/device.cpp) ----
/// "file:line" of a kernel-API call made by `caller`.
std::string where(const Thread& caller, const char* file, int line);
/// Stops the run with `message` at the calling kernel's file:line (unwinds the kernel thread).
[[noreturn]] void raise(const char* file, int line, const std::string& message);
[[noreturn]] void raise(std::unique_lock<std::mutex>& lock, const char* file, int line, const std::string& message);
/// Finds a deadlock: every live kernel thread blocked with nothing that could make one ready.
void check_deadlock(Device& d);
/// Blocks until `ready()` holds (under the device lock); `what()` describes the wait.
void wait_until(std::unique_lock<std::mutex>& lock, const std::function<bool()>& ready,
                const std::function<std::string()>& what);
/// The device lock, taken by every ABI call.
std::unique_lock<std::mutex> locked();
CbState& cb_of(std::unique_lock<std::mutex>& lock, uint32_t cb, const char* call, const char* file, int line);

// ---- the ABI, one function per entry of ttl_emu/abi.h ----
#define TTL_EMU_DECLARE(ret, name, params) ret abi_##name params;
TTL_EMU_ABI(TTL_EMU_DECLARE)
#undef TTL_EMU_DECLARE

}  // namespace ttl::emu::device
