// The NoC: reads and writes between cores and DRAM, barriers, semaphores.
#include "emulate/device.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace ttl::emu::device {

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
        [self = t_self, word, at_least, value, l1, file, line] {
            return fmt::format("{}(0x{:x}, {}) at {}: the semaphore holds {}",
                               at_least ? "noc_semaphore_wait_min" : "noc_semaphore_wait", l1, value,
                               where(*self, file, line), *word);
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

}  // namespace ttl::emu::device
