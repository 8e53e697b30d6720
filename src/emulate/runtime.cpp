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

#include "emulate/tile_math.h"
#include "ttl_emu/abi.h"

namespace ttl::emu {

namespace {

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

thread_local Thread* t_self = nullptr;

struct Abort {};  // unwinds a kernel thread after the run stopped

std::string Thread::name() const {
    return fmt::format("{} kernel '{}' on core ({}, {})", role_name(spec->kind), spec->source_path, core->xy.x,
                       core->xy.y);
}

// ---- faults inside a kernel ----
// A wild write or a bad instruction in a kernel kills the process: before it does, the handler
// names the kernel and the core (from the faulting thread's own record) on stderr.
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
    raise(sig);
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

std::string where(const char* file, int line) {
    return fmt::format("{}:{}", file ? file : "?", line);
}

/// Stops the run with `message` as the error (the first one wins) and unwinds this thread.
[[noreturn]] void raise(std::unique_lock<std::mutex>& lock, const char* file, int line, const std::string& message) {
    Thread& t = *t_self;
    Device& d = *t.device;
    if (!d.aborted) {
        d.error = fmt::format("{}: error: {}\n  in the {}", where(file, line), message, t.name());
        d.aborted = true;
    }
    d.cv.notify_all();
    lock.unlock();
    throw Abort{};
}

[[noreturn]] void raise(const char* file, int line, const std::string& message) {
    std::unique_lock<std::mutex> lock(t_self->device->mu);
    raise(lock, file, line, message);
}

void check_deadlock(Device& d) {
    if (d.aborted || d.live == 0 || d.blocked < d.live) return;
    // Everyone is in a wait; it is a deadlock only if no wait can end now (a thread just
    // released may not have woken yet).
    for (const auto& t : d.threads) {
        if (t->ready && t->ready()) return;
    }
    std::string msg = "deadlock: every kernel thread is waiting and none can make progress";
    for (const auto& t : d.threads) {
        if (t->blocked_on) msg += fmt::format("\n  the {} waits in {}", t->name(), t->blocked_on());
    }
    d.error = msg;
    d.aborted = true;
    d.cv.notify_all();
}

/// Blocks until `ready()` holds (under the device lock); `what()` describes the wait.
void wait_until(std::unique_lock<std::mutex>& lock, const std::function<bool()>& ready,
                const std::function<std::string()>& what) {
    Thread& t = *t_self;
    Device& d = *t.device;
    if (d.aborted) {
        lock.unlock();
        throw Abort{};
    }
    if (ready()) return;
    t.ready = ready;
    t.blocked_on = std::move(what);
    ++d.blocked;
    check_deadlock(d);
    while (!d.aborted && !ready()) {
        d.cv.wait_for(lock, std::chrono::milliseconds(50));
        check_deadlock(d);
    }
    --d.blocked;
    t.ready = nullptr;
    t.blocked_on = nullptr;
    if (d.aborted) {
        lock.unlock();
        throw Abort{};
    }
}

std::unique_lock<std::mutex> locked() {
    std::unique_lock<std::mutex> lock(t_self->device->mu);
    if (t_self->device->aborted) {
        lock.unlock();
        throw Abort{};
    }
    return lock;
}

CbState& cb_of(std::unique_lock<std::mutex>& lock, uint32_t cb, const char* call, const char* file, int line) {
    Core& core = *t_self->core;
    if (cb >= kMaxCbs || !core.cbs[cb].present) {
        raise(lock, file, line,
              fmt::format("{}: circular buffer {} is not configured on core ({}, {})", call, cb, core.xy.x, core.xy.y));
    }
    return core.cbs[cb];
}

// ---- circular buffers ----------------------------------------------------------------------

void abi_cb_reserve_back(uint32_t cb, uint32_t n, const char* file, int line) {
    auto lock = locked();
    CbState& c = cb_of(lock, cb, "cb_reserve_back", file, line);
    if (n > c.pages) {
        raise(lock, file, line,
              fmt::format("cb_reserve_back asks for {} pages but circular buffer {} holds {}", n, cb, c.pages));
    }
    wait_until(
        lock, [&c, n] { return c.pages - c.occupied() >= n; },
        [&c, cb, n, file, line] {
            return fmt::format("cb_reserve_back(cb {}, {}) at {}: {} of {} pages free", cb, n, where(file, line),
                               c.pages - c.occupied(), c.pages);
        });
    c.reserved = std::max(c.reserved, n);
}

/// Moves a CB pointer (`wr` on push, `rd` on pop) `n` pages on; it wraps only when it lands
/// exactly on the end, as the firmware does, so a step past the end is an error.
void advance(std::unique_lock<std::mutex>& lock, CbState& c, uint32_t& ptr, uint32_t n, const char* call,
             const char* steps, const char* file, int line) {
    if (ptr + n * c.page > c.limit) {
        raise(
            lock, file, line,
            fmt::format("{} of {} pages passes the end of circular buffer {} ({} pages): the {} of one cycle must add "
                        "up to its size exactly",
                        call, n, c.index, c.pages, steps));
    }
    ptr += n * c.page;
    if (ptr == c.limit) ptr = c.base;
}

void abi_cb_push_back(uint32_t cb, uint32_t n, const char* file, int line) {
    auto lock = locked();
    CbState& c = cb_of(lock, cb, "cb_push_back", file, line);
    if (n > c.reserved) {
        raise(
            lock, file, line,
            fmt::format("cb_push_back pushes {} pages to circular buffer {} but only {} {} reserved (cb_reserve_back)",
                        n, cb, c.reserved, c.reserved == 1 ? "was" : "were"));
    }
    if (uint32_t pending = t_self->reads_into[cb]; pending > 0) {
        raise(lock, file, line,
              fmt::format("cb_push_back on circular buffer {} with {} NoC read{} into it still in flight: call "
                          "noc_async_read_barrier() before pushing",
                          cb, pending, pending == 1 ? "" : "s"));
    }
    advance(lock, c, c.wr, n, "cb_push_back", "pushes", file, line);
    c.received += n;
    c.reserved -= n;
    c.pack_offset = 0;
    t_self->device->cv.notify_all();
}

void abi_cb_wait_front(uint32_t cb, uint32_t n, const char* file, int line) {
    auto lock = locked();
    CbState& c = cb_of(lock, cb, "cb_wait_front", file, line);
    if (n > c.pages) {
        raise(lock, file, line,
              fmt::format("cb_wait_front waits for {} pages but circular buffer {} holds {}", n, cb, c.pages));
    }
    wait_until(
        lock, [&c, n] { return c.occupied() >= n; },
        [&c, cb, n, file, line] {
            return fmt::format("cb_wait_front(cb {}, {}) at {}: {} of {} pages filled", cb, n, where(file, line),
                               c.occupied(), c.pages);
        });
    c.waited = std::max(c.waited, n);
}

void abi_cb_pop_front(uint32_t cb, uint32_t n, const char* file, int line) {
    auto lock = locked();
    CbState& c = cb_of(lock, cb, "cb_pop_front", file, line);
    if (n > c.waited) {
        raise(
            lock, file, line,
            fmt::format("cb_pop_front pops {} pages from circular buffer {} but only {} {} waited for (cb_wait_front)",
                        n, cb, c.waited, c.waited == 1 ? "was" : "were"));
    }
    if (uint32_t pending = t_self->writes_from[cb]; pending > 0) {
        raise(lock, file, line,
              fmt::format("cb_pop_front on circular buffer {} with {} NoC write{} from it still in flight: call "
                          "noc_async_write_barrier() before popping",
                          cb, pending, pending == 1 ? "" : "s"));
    }
    advance(lock, c, c.rd, n, "cb_pop_front", "pops", file, line);
    c.acked += n;
    c.waited -= n;
    t_self->device->cv.notify_all();
}

uint32_t abi_cb_write_ptr(uint32_t cb, const char* file, int line) {
    auto lock = locked();
    return cb_of(lock, cb, "get_write_ptr", file, line).wr;
}
uint32_t abi_cb_read_ptr(uint32_t cb, const char* file, int line) {
    auto lock = locked();
    return cb_of(lock, cb, "get_read_ptr", file, line).rd;
}
bool abi_cb_reservable(uint32_t cb, uint32_t n, const char* file, int line) {
    auto lock = locked();
    CbState& c = cb_of(lock, cb, "cb_pages_reservable_at_back", file, line);
    return c.pages - c.occupied() >= n;
}
bool abi_cb_available(uint32_t cb, uint32_t n, const char* file, int line) {
    auto lock = locked();
    return cb_of(lock, cb, "cb_pages_available_at_front", file, line).occupied() >= n;
}
uint32_t abi_cb_page_size(uint32_t cb, const char* file, int line) {
    auto lock = locked();
    return cb_of(lock, cb, "get_tile_size", file, line).page;
}
uint32_t abi_cb_format(uint32_t cb, const char* file, int line) {
    auto lock = locked();
    return static_cast<uint32_t>(cb_of(lock, cb, "get_dataformat", file, line).format);
}

// ---- arguments ---------------------------------------------------------------------------------

uint32_t abi_arg(uint32_t index, const char* file, int line) {
    const Thread& t = *t_self;
    if (index >= t.args.size()) {
        raise(file, line,
              fmt::format("get_arg_val({}): this kernel was given {} runtime arg{} on core ({}, {})", index,
                          t.args.size(), t.args.size() == 1 ? "" : "s", t.core->xy.x, t.core->xy.y));
    }
    return t.args[index];
}
uint32_t abi_common_arg(uint32_t index, const char* file, int line) {
    const Thread& t = *t_self;
    if (index >= t.spec->common_runtime_args.size()) {
        raise(file, line,
              fmt::format("get_common_arg_val({}): this kernel was given {} common runtime arg{}", index,
                          t.spec->common_runtime_args.size(), t.spec->common_runtime_args.size() == 1 ? "" : "s"));
    }
    return t.spec->common_runtime_args[index];
}
uint32_t abi_arg_address(uint32_t index, bool common, const char* file, int line) {
    const Thread& t = *t_self;
    size_t count = common ? t.spec->common_runtime_args.size() : t.args.size();
    if (index >= count) {
        raise(file, line,
              fmt::format("{}({}): this kernel was given {} such args", common ? "get_common_arg_addr" : "get_arg_addr",
                          index, count));
    }
    uint32_t base = kArgsBase + static_cast<uint32_t>(t.spec->kind) * 0x1000 + (common ? 0x800 : 0);
    return t.core->base() + base + index * 4;
}
uint32_t abi_core_x() {
    return t_self->core->xy.x;
}
uint32_t abi_core_y() {
    return t_self->core->xy.y;
}

// ---- NoC ----------------------------------------------------------------------------------------

/// The CB of the calling core whose memory holds L1 offset `offset`, or nullptr.
CbState* cb_at(Core& core, uint32_t address) {
    for (CbState& c : core.cbs) {
        if (c.present && address >= c.base && address < c.limit) return &c;
    }
    return nullptr;
}

/// True when [address, address + size) lies in the `count` pages from `first` (wrapping).
bool in_pages(const CbState& c, uint32_t first, uint32_t count, uint32_t address, uint32_t size) {
    if (count == 0 || address < c.base || address + size > c.limit) return false;
    uint32_t start = (first - c.base) / c.page;
    uint32_t page = (address - c.base) / c.page;
    uint32_t last = (address + size - 1 - c.base) / c.page;
    uint32_t from = (page + c.pages - start) % c.pages;
    uint32_t to = (last + c.pages - start) % c.pages;
    return from < count && to < count && from <= to;
}

/// Host memory of device address range [address, address + size), or raises.
uint8_t* device_memory(std::unique_lock<std::mutex>& lock, uint64_t address, uint32_t size, const char* call,
                       const char* file, int line, bool write = false) {
    Device& d = *t_self->device;
    auto it = d.buffer_at.upper_bound(static_cast<uint32_t>(std::min<uint64_t>(address, 0xffffffffULL)));
    if (it != d.buffer_at.begin()) {
        --it;
        BufferSpec& b = d.buffers[it->second];
        if (address >= b.address && address + size <= uint64_t{b.address} + b.size) {
            if (write && size > 0) {
                // Two cores writing one page is a race: on the device the last one wins.
                uint32_t page = b.page_size ? b.page_size : 2048;
                std::vector<int32_t>& writers = d.page_writer[it->second];
                for (uint64_t p = (address - b.address) / page; p <= (address + size - 1 - b.address) / page; ++p) {
                    int32_t& w = writers[p];
                    int32_t me = t_self->core->id;
                    if (w >= 0 && w != me) {
                        CoreCoord other = d.cores[static_cast<size_t>(w)]->xy;
                        raise(lock, file, line,
                              fmt::format(
                                  "{}: page {} of buffer '{}' was already written by core ({}, {}) in this program: "
                                  "the cores overwrite each other's results (is the grid the one the kernels "
                                  "were written for?)",
                                  call, p, b.name, other.x, other.y));
                    }
                    w = me;
                }
            }
            return b.data.data() + (address - b.address);
        }
        if (address >= b.address && address < uint64_t{b.address} + b.size) {
            raise(lock, file, line,
                  fmt::format("{}: bytes [0x{:x}, 0x{:x}) run past the end of buffer '{}' (0x{:x}, {} bytes)", call,
                              address, address + size, b.name, b.address, b.size));
        }
    }
    raise(lock, file, line,
          fmt::format("{}: device address 0x{:x} ({} bytes) is outside every buffer", call, address, size));
}

/// Host memory of L1 address `address` of `core` as the calling core names it (same offset).
uint8_t* core_memory(std::unique_lock<std::mutex>& lock, Core& target, uint32_t address, uint32_t size,
                     const char* call, const char* file, int line) {
    uint32_t own = t_self->core->base();
    if (address < own || uint64_t{address} - own + size > kL1Size) {
        raise(lock, file, line,
              fmt::format("{}: L1 address 0x{:x} ({} bytes) is outside the core's {} KiB of L1", call, address, size,
                          kL1Size / 1024));
    }
    return target.l1 + (address - own);
}

Core& core_named(std::unique_lock<std::mutex>& lock, uint32_t x, uint32_t y, const char* call, const char* file,
                 int line);

/// The core a one-core NoC address (ttl_emu::noc_core) names.
Core& core_of(std::unique_lock<std::mutex>& lock, uint64_t noc_address, const char* call, const char* file, int line) {
    return core_named(lock, ttl_emu::noc_x(noc_address), ttl_emu::noc_y(noc_address), call, file, line);
}

Core& core_named(std::unique_lock<std::mutex>& lock, uint32_t x, uint32_t y, const char* call, const char* file,
                 int line) {
    Device& d = *t_self->device;
    auto it = d.core_at.find(CoreCoord{x, y});
    if (it == d.core_at.end()) {
        raise(lock, file, line, fmt::format("{}: core ({}, {}) runs no kernel of this program", call, x, y));
    }
    return *it->second;
}

void abi_noc_read(uint64_t src, uint32_t dst_l1, uint32_t size, const char* file, int line) {
    auto lock = locked();
    Thread& t = *t_self;
    const char* call = "noc_async_read";
    uint8_t* from = nullptr;
    switch (ttl_emu::noc_kind(src)) {
        case ttl_emu::kNocDevice: from = device_memory(lock, src & 0xffffffffffULL, size, call, file, line); break;
        case ttl_emu::kNocCore: {
            Core& target = core_of(lock, src, call, file, line);
            from = core_memory(lock, target, static_cast<uint32_t>(src), size, call, file, line);
            break;
        }
        default:
            raise(lock, file, line, fmt::format("{}: 0x{:x} is not a NoC address a read can come from", call, src));
    }
    uint8_t* to = core_memory(lock, *t.core, dst_l1, size, call, file, line);
    if (CbState* c = cb_at(*t.core, dst_l1)) {
        if (!in_pages(*c, c->wr, c->reserved, dst_l1, size)) {
            raise(lock, file, line,
                  fmt::format("{} writes {} bytes at 0x{:x} into circular buffer {}, outside the {} page{} reserved by "
                              "cb_reserve_back",
                              call, size, dst_l1, c->index, c->reserved, c->reserved == 1 ? "" : "s"));
        }
        ++t.reads_into[c->index];
    }
    std::memmove(to, from, size);
    t.device->noc_bytes += size;
}

void write_to(std::unique_lock<std::mutex>& lock, Core& target, uint32_t address, const uint8_t* from, uint32_t size,
              const char* call, const char* file, int line) {
    std::memmove(core_memory(lock, target, address, size, call, file, line), from, size);
}

void abi_noc_write(uint32_t src_l1, uint64_t dst, uint32_t size, bool loopback, uint32_t num_dests, const char* file,
                   int line) {
    auto lock = locked();
    Thread& t = *t_self;
    const char* call =
        ttl_emu::noc_kind(dst) == ttl_emu::kNocMulticast ? "noc_async_write_multicast" : "noc_async_write";
    const uint8_t* from = core_memory(lock, *t.core, src_l1, size, call, file, line);
    if (CbState* c = cb_at(*t.core, src_l1)) {
        if (!in_pages(*c, c->rd, c->waited, src_l1, size) && !in_pages(*c, c->wr, c->reserved, src_l1, size)) {
            raise(lock, file, line,
                  fmt::format("{} reads {} bytes at 0x{:x} from circular buffer {}, outside the {} page{} waited for "
                              "(cb_wait_front) and the {} reserved",
                              call, size, src_l1, c->index, c->waited, c->waited == 1 ? "" : "s", c->reserved));
        }
        ++t.writes_from[c->index];
    }
    switch (ttl_emu::noc_kind(dst)) {
        case ttl_emu::kNocDevice:
            std::memmove(device_memory(lock, dst & 0xffffffffffULL, size, call, file, line, true), from, size);
            break;
        case ttl_emu::kNocCore: {
            Core& target = core_of(lock, dst, call, file, line);
            write_to(lock, target, static_cast<uint32_t>(dst), from, size, call, file, line);
            break;
        }
        case ttl_emu::kNocMulticast: {
            auto x0 = static_cast<uint32_t>((dst >> 56) & 63), y0 = static_cast<uint32_t>((dst >> 50) & 63);
            auto x1 = static_cast<uint32_t>((dst >> 44) & 63), y1 = static_cast<uint32_t>((dst >> 38) & 63);
            uint32_t count = 0;
            for (uint32_t x = std::min(x0, x1); x <= std::max(x0, x1); ++x) {
                for (uint32_t y = std::min(y0, y1); y <= std::max(y0, y1); ++y) {
                    bool self = t.core->xy == CoreCoord{x, y};
                    if (self && !loopback) continue;
                    write_to(lock, core_named(lock, x, y, call, file, line), static_cast<uint32_t>(dst), from, size,
                             call, file, line);
                    ++count;
                }
            }
            if (count != num_dests) {
                raise(
                    lock, file, line,
                    fmt::format("{}: num_dests is {} but the rectangle ({}, {})-({}, {}) holds {} destination core{}{}",
                                call, num_dests, x0, y0, x1, y1, count, count == 1 ? "" : "s",
                                loopback ? "" : " besides the sender"));
            }
            break;
        }
        default: raise(lock, file, line, fmt::format("{}: 0x{:x} is not a NoC address", call, dst));
    }
    t.device->noc_bytes += size;
    t.device->cv.notify_all();  // a semaphore may have changed
}

void abi_noc_read_barrier(const char*, int) {
    t_self->reads_into.fill(0);
}
void abi_noc_write_barrier(const char*, int) {
    t_self->writes_from.fill(0);
}

uint32_t abi_semaphore_address(uint32_t id, const char* file, int line) {
    auto lock = locked();
    Core& core = *t_self->core;
    if (id >= kMaxSemaphores || !core.semaphores[id]) {
        raise(lock, file, line,
              fmt::format("get_semaphore({}): no semaphore {} on core ({}, {})", id, id, core.xy.x, core.xy.y));
    }
    return core.base() + kSemaphoreBase + id * 16;
}

void abi_semaphore_wait(uint32_t l1, uint32_t value, bool at_least, const char* file, int line) {
    auto lock = locked();
    auto* word =
        reinterpret_cast<volatile uint32_t*>(core_memory(lock, *t_self->core, l1, 4, "noc_semaphore_wait", file, line));
    wait_until(
        lock, [word, at_least, value] { return at_least ? *word >= value : *word == value; },
        [word, at_least, value, l1, file, line] {
            return fmt::format("{}(0x{:x}, {}) at {}: the semaphore holds {}",
                               at_least ? "noc_semaphore_wait_min" : "noc_semaphore_wait", l1, value, where(file, line),
                               *word);
        });
}

void abi_semaphore_set(uint32_t l1, uint32_t value, const char* file, int line) {
    auto lock = locked();
    *reinterpret_cast<volatile uint32_t*>(core_memory(lock, *t_self->core, l1, 4, "noc_semaphore_set", file, line)) =
        value;
    t_self->device->cv.notify_all();
}

void abi_semaphore_inc(uint64_t dst, uint32_t increment, const char* file, int line) {
    auto lock = locked();
    if (ttl_emu::noc_kind(dst) != ttl_emu::kNocCore) {
        raise(lock, file, line, "noc_semaphore_inc: the address must name one core (get_noc_addr(x, y, semaphore))");
    }
    Core& target = core_of(lock, dst, "noc_semaphore_inc", file, line);
    auto* word = reinterpret_cast<volatile uint32_t*>(
        core_memory(lock, target, static_cast<uint32_t>(dst), 4, "noc_semaphore_inc", file, line));
    *word = *word + increment;
    t_self->device->cv.notify_all();
}

void abi_l1_check(uint32_t l1, uint32_t size, const char* file, int line) {
    auto lock = locked();
    core_memory(lock, *t_self->core, l1, size, "CoreLocalMem access", file, line);
}

// ---- compute -----------------------------------------------------------------------------------

// `call` + `suffix` name the API call in messages (`exp` + `_tile`); they are joined only when
// a check fails, never on the per-tile path.
void need_regs(int state, const char* call, const char* file, int line, const char* suffix = "") {
    Thread& t = *t_self;
    if (t.spec->kind != ThreadRole::kCompute)
        raise(file, line, fmt::format("{}{} in a data-movement kernel", call, suffix));
    if (t.regs != state) {
        raise(file, line,
              state == 1
                  ? fmt::format("{}{} outside tile_regs_acquire() .. tile_regs_commit(): DST is not acquired", call,
                                suffix)
                  : fmt::format("{}{} outside tile_regs_wait() .. tile_regs_release(): call tile_regs_commit() and "
                                "tile_regs_wait() before packing",
                                call, suffix));
    }
}

void need_dst(uint32_t index, const char* call, const char* file, int line, const char* suffix = "") {
    Thread& t = *t_self;
    if (index >= t.dst_capacity) {
        raise(file, line,
              fmt::format("{}{}: DST index {} is out of range: {} tiles are usable with fp32_dest_acc_en={} and "
                          "dst_full_sync_en={}",
                          call, suffix, index, t.dst_capacity, t.spec->compute.fp32_dest_acc_en,
                          t.spec->compute.dst_full_sync_en));
    }
}

/// Copies tile `tile` (counted from the read pointer) of CB `cb` into `out`.
void read_cb_tile(uint32_t cb, uint32_t tile, Tile& out, const char* call, const char* file, int line) {
    auto lock = locked();
    CbState& c = cb_of(lock, cb, call, file, line);
    if (tile >= c.waited) {
        raise(lock, file, line,
              fmt::format("{} reads tile {} of circular buffer {} but only {} page{} {} waited for (cb_wait_front)",
                          call, tile, cb, c.waited, c.waited == 1 ? "" : "s", c.waited == 1 ? "was" : "were"));
    }
    uint32_t need = kTileElements * element_size(c.format);
    if (c.page < need) {
        raise(lock, file, line,
              fmt::format("{}: circular buffer {} has {}-byte pages but a {} tile needs {} bytes", call, cb, c.page,
                          format_name(c.format), need));
    }
    uint32_t address = c.page_address(c.rd, tile);
    unpack_tile(c.format, t_self->core->l1 + (address - t_self->core->base()), out);
}

void abi_tile_regs(uint32_t step, const char* file, int line) {
    Thread& t = *t_self;
    static constexpr const char* kNames[] = {"tile_regs_acquire", "tile_regs_commit", "tile_regs_wait",
                                             "tile_regs_release"};
    if (t.spec->kind != ThreadRole::kCompute)
        raise(file, line, fmt::format("{} in a data-movement kernel", kNames[step]));
    static constexpr const char* kNeeds[] = {"after tile_regs_release() (or at the start)", "after tile_regs_acquire()",
                                             "after tile_regs_commit()", "after tile_regs_wait()"};
    if (t.regs != static_cast<int>(step)) raise(file, line, fmt::format("{} must come {}", kNames[step], kNeeds[step]));
    t.regs = (t.regs + 1) % 4;
    if (step == ttl_emu::kAcquire) {
        for (Tile& tile : t.dst) tile.fill(0.0f);
        t.written.fill(false);
    }
}

void abi_copy_tile(uint32_t cb, uint32_t tile, uint32_t dst, ttl_emu::Bcast bcast, const char* file, int line) {
    const char* call = bcast == ttl_emu::Bcast::None ? "copy_tile" : "unary_bcast";
    need_regs(1, call, file, line);
    need_dst(dst, call, file, line);
    Thread& t = *t_self;
    read_cb_tile(cb, tile, t.dst[dst], call, file, line);
    broadcast(bcast, t.dst[dst]);
    t.written[dst] = true;
}

void abi_transpose_tile(uint32_t cb, uint32_t tile, uint32_t dst, const char* file, int line) {
    need_regs(1, "transpose_wh_tile", file, line);
    need_dst(dst, "transpose_wh_tile", file, line);
    Thread& t = *t_self;
    read_cb_tile(cb, tile, t.dst[dst], "transpose_wh_tile", file, line);
    transpose(t.dst[dst]);
    t.written[dst] = true;
}

void abi_pack_tile(uint32_t dst, uint32_t cb, uint32_t out_tile, bool out_of_order, const char* file, int line) {
    need_regs(3, "pack_tile", file, line);
    need_dst(dst, "pack_tile", file, line);
    Thread& t = *t_self;
    auto lock = locked();
    CbState& c = cb_of(lock, cb, "pack_tile", file, line);
    uint32_t slot = out_of_order ? out_tile : c.pack_offset;
    if (slot >= c.reserved) {
        raise(lock, file, line,
              fmt::format(
                  "pack_tile writes page {} of circular buffer {} but only {} page{} {} reserved (cb_reserve_back){}",
                  slot, cb, c.reserved, c.reserved == 1 ? "" : "s", c.reserved == 1 ? "was" : "were",
                  out_of_order ? "" : "; pack_tile<false> packs to consecutive pages"));
    }
    uint32_t need = kTileElements * element_size(c.format);
    if (c.page < need) {
        raise(lock, file, line,
              fmt::format("pack_tile: circular buffer {} has {}-byte pages but a {} tile needs {} bytes", cb, c.page,
                          format_name(c.format), need));
    }
    if (!out_of_order) ++c.pack_offset;
    uint32_t address = c.page_address(c.wr, slot);
    pack_tile(c.format, t.dst[dst], t.core->l1 + (address - t.core->base()));
    ++t.device->tiles_packed;
}

void abi_fpu_binary(ttl_emu::BinaryOp op, uint32_t cb_a, uint32_t cb_b, uint32_t tile_a, uint32_t tile_b, uint32_t dst,
                    ttl_emu::Bcast bcast_b, const char* file, int line) {
    static constexpr const char* kNames[] = {"add_tiles", "sub_tiles", "mul_tiles"};
    const char* call = static_cast<uint32_t>(op) < 3 ? kNames[static_cast<uint32_t>(op)] : "binary tiles";
    need_regs(1, call, file, line);
    need_dst(dst, call, file, line);
    Thread& t = *t_self;
    Tile a;
    Tile b;
    read_cb_tile(cb_a, tile_a, a, call, file, line);
    read_cb_tile(cb_b, tile_b, b, call, file, line);
    broadcast(bcast_b, b);
    for (uint32_t i = 0; i < kTileElements; ++i) t.dst[dst][i] = apply_binary(op, a[i], b[i]);
    t.written[dst] = true;
}

void abi_sfpu_binary(ttl_emu::BinaryOp op, uint32_t a, uint32_t b, uint32_t out, const char* file, int line) {
    need_regs(1, "binary SFPU op", file, line);
    for (uint32_t i : {a, b, out}) need_dst(i, "binary SFPU op", file, line);
    Thread& t = *t_self;
    for (uint32_t i = 0; i < kTileElements; ++i) t.dst[out][i] = apply_binary(op, t.dst[a][i], t.dst[b][i]);
    t.written[out] = true;
}

void abi_sfpu_unary(ttl_emu::UnaryOp op, uint32_t dst, float param, const char* file, int line) {
    need_regs(1, unary_name(op), file, line, "_tile");
    need_dst(dst, unary_name(op), file, line, "_tile");
    Thread& t = *t_self;
    for (float& v : t.dst[dst]) v = apply_unary(op, v, param);
    t.written[dst] = true;
}

void abi_copy_dest(uint32_t to, uint32_t from, const char* file, int line) {
    need_regs(1, "copy_dest_values", file, line);
    need_dst(to, "copy_dest_values", file, line);
    need_dst(from, "copy_dest_values", file, line);
    Thread& t = *t_self;
    t.dst[to] = t.dst[from];
    t.written[to] = true;
}

void abi_typecast(uint32_t dst, uint32_t, uint32_t out_format, const char* file, int line) {
    need_regs(1, "typecast_tile", file, line);
    need_dst(dst, "typecast_tile", file, line);
    auto format = static_cast<DataFormat>(out_format);
    if (element_size(format) == 0)
        raise(file, line, fmt::format("typecast_tile: data format {} is not emulated", out_format));
    for (float& v : t_self->dst[dst]) v = round_to_format(format, v);
}

void abi_reduce_tile(ttl_emu::Pool pool, ttl_emu::ReduceAxis axis, uint32_t cb, uint32_t cb_scaler, uint32_t tile,
                     uint32_t tile_scaler, uint32_t dst, const char* file, int line) {
    need_regs(1, "reduce_tile", file, line);
    need_dst(dst, "reduce_tile", file, line);
    Thread& t = *t_self;
    Tile in;
    Tile scaler;
    read_cb_tile(cb, tile, in, "reduce_tile", file, line);
    read_cb_tile(cb_scaler, tile_scaler, scaler, "reduce_tile", file, line);
    reduce(pool, axis, in, scaler[0], !t.written[dst], t.dst[dst]);
    t.written[dst] = true;
}

void abi_matmul_tiles(uint32_t cb_a, uint32_t cb_b, uint32_t tile_a, uint32_t tile_b, uint32_t dst, bool transpose_b,
                      uint32_t ct, uint32_t rt, uint32_t kt, const char* file, int line) {
    const char* call = ct == 1 && rt == 1 && kt == 1 ? "matmul_tiles" : "matmul_block";
    need_regs(1, call, file, line);
    Thread& t = *t_self;
    for (uint32_t r = 0; r < rt; ++r) {
        Tile a;
        read_cb_tile(cb_a, tile_a + r * kt, a, call, file, line);
        for (uint32_t c = 0; c < ct; ++c) {
            uint32_t out = dst + r * ct + c;
            need_dst(out, call, file, line);
            Tile b;
            read_cb_tile(cb_b, tile_b + c, b, call, file, line);
            matmul_accumulate(a, b, transpose_b, t.dst[out]);
            t.written[out] = true;
        }
    }
}

void abi_fail(const char* message, const char* file, int line) {
    raise(file, line, message);
}

const ttl_emu::Abi kAbi = {TTL_EMU_ABI_VERSION,
#define TTL_EMU_IMPL(ret, name, params) &abi_##name,
                           TTL_EMU_ABI(TTL_EMU_IMPL)
#undef TTL_EMU_IMPL
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
        if (!init || !run || init(&kAbi) != 0) {
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
    result.tiles_packed = d.tiles_packed;
    result.noc_bytes = d.noc_bytes;
    cleanup();
    return result;
}

}  // namespace ttl::emu
