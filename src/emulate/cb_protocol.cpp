// The circular-buffer protocol: reserve, push, wait, pop, and what a kernel may ask of a CB.
#include "emulate/device.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace ttl::emu::device {

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
        [self = t_self, &c, cb, n, file, line] {
            return fmt::format("cb_reserve_back(cb {}, {}) at {}: {} of {} pages free", cb, n, where(*self, file, line),
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
        [self = t_self, &c, cb, n, file, line] {
            return fmt::format("cb_wait_front(cb {}, {}) at {}: {} of {} pages filled", cb, n, where(*self, file, line),
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

}  // namespace ttl::emu::device
