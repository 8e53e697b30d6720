// The emulated device: kernel threads, faults inside a kernel, waits and deadlocks, and the
// runtime arguments a kernel reads.
#include "emulate/device.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "emulate/kernel_build.h"

namespace ttl::emu::device {

thread_local Thread* t_self = nullptr;

std::string Thread::name() const {
    return fmt::format("{} kernel '{}' on core ({}, {})", role_name(spec->kind), spec->source_path, core->xy.x,
                       core->xy.y);
}

// ---- faults inside a kernel ----
// A wild write or a bad instruction in a kernel kills the process: before it does, the handler
// names the kernel and the core (from the faulting thread's own record) on stderr.

std::string where(const Thread& caller, const char* file, int line) {
    return fmt::format("{}:{}", file ? kernel_location(file, kernel_folder(*caller.spec)) : "?", line);
}

/// Stops the run with `message` as the error (the first one wins) and unwinds this thread.
[[noreturn]] void raise(std::unique_lock<std::mutex>& lock, const char* file, int line, const std::string& message) {
    Thread& t = *t_self;
    Device& d = *t.device;
    if (!d.aborted) {
        d.error = fmt::format("{}: error: {}\n  in the {}", where(t, file, line), message, t.name());
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

}  // namespace ttl::emu::device
