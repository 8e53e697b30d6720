#include "support/memory.h"

#include <cstdint>
#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string_view>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <unistd.h>

#include "support/install_paths.h"

namespace fs = std::filesystem;

namespace ttl {

namespace {
constexpr std::string_view kHugeTlb = "glibc.malloc.hugetlb";  // glibc's setting for huge pages
constexpr std::string_view kHugePages = "glibc.malloc.hugetlb=1";  // the one a re-run adds
bool is_rerun = false;  // set by restore_tunables, before any thread starts
bool huge_heap = false;  // glibc's heap is advised to use huge pages (set by restore_tunables)
bool heap_ready = false;  // set by configure_heap

/// The value GLIBC_TUNABLES (`a=b:c=d`) gives the setting `name`, if it names it.
std::optional<std::string_view> tunable(std::string_view tunables, std::string_view name) {
    while (!tunables.empty()) {
        std::string_view item = tunables.substr(0, tunables.find(':'));
        if (item.size() > name.size() && item.substr(0, name.size()) == name && item[name.size()] == '=')
            return item.substr(name.size() + 1);
        tunables.remove_prefix(std::min(tunables.size(), item.size() + 1));
    }
    return std::nullopt;
}

#if defined(__GLIBC__) && defined(__linux__) && !defined(TTL_SANITIZED)
constexpr uintptr_t kHugePage = uintptr_t{2} << 20;

/// The heap made ready for huge pages (see configure_heap). glibc advises each stretch it adds
/// to its heap with MADV_HUGEPAGE, but the kernel backs only whole 2 MB-aligned blocks that lie
/// inside the heap when they are first touched, and a block first touched in 4 KB pages stays
/// so. The heap glibc made before main is 2 MB from an unaligned start: the block that holds
/// its end is only partly inside it, and what the export allocated first went there, 4 KB at a
/// time (the large program: 700 to 800 faults, 3 MB, about 8 ms of a VM's time; 2026-12-06).
void make_heap_ready() {
    // Grown now, by one stretch (the block that held the old end then lies wholly inside it),
    // and kept: freed into the top of the heap, which is not trimmed (M_TRIM_THRESHOLD).
    void* volatile grown = std::malloc(4U << 20);
    std::free(grown);
    // The rest of the first, partial block is left to a filler that is never written: the
    // next allocation starts at the first 2 MB boundary. The top of the heap is the chunk that
    // ends at the break (glibc's main heap is contiguous; mallinfo2's keepcost is its size).
    struct mallinfo2 info = mallinfo2();
    auto brk = reinterpret_cast<uintptr_t>(sbrk(0));
    if (info.keepcost == 0 || info.keepcost > brk) return;  // not glibc's heap as we know it
    uintptr_t top = brk - info.keepcost;  // the top chunk's header
    uintptr_t boundary = (top + kHugePage - 1) & ~(kHugePage - 1);
    // A chunk of `size` bytes (a multiple of 16 of at least 32) serves a request of size - 8.
    uintptr_t size = boundary - top;
    if (size < 32 || size % 16 != 0 || boundary >= brk) {
        heap_ready = true;  // already at a boundary, or nothing to skip
        return;
    }
    void* filler = std::malloc(size - 8);
    if (reinterpret_cast<uintptr_t>(filler) != top + 16) {
        std::free(filler);  // served from elsewhere: no gain, no loss
        return;
    }
    heap_ready = true;  // the filler is kept: it is address space, not memory
}
#endif
}  // namespace

bool holds_cpp_bytes(const std::string& from, uintmax_t bytes) {
    if (from.empty()) return false;
    std::error_code ec;
    fs::path dir = fs::is_directory(from, ec) ? fs::path(from) : fs::path(from).parent_path();
    if (dir.empty()) dir = ".";
    uintmax_t total = 0;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() != ".cpp" || !it->is_regular_file(ec)) continue;
        uintmax_t size = it->file_size(ec);
        if (ec) return false;
        total += size;
        if (total >= bytes) return true;
    }
    return false;
}

void rerun_with_huge_pages(char** argv, const std::function<void()>& before_exec) {
#if defined(__GLIBC__) && defined(__linux__)
    if (is_rerun || std::getenv(kTunablesVariable) != nullptr) return;
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    std::string_view old = tunables == nullptr ? std::string_view() : std::string_view(tunables);
    if (tunable(old, kHugeTlb)) return;  // the user chose, either way
    std::string exe = executable_path();
    if (exe.empty()) return;
    if (before_exec) before_exec();  // in the environment as the user has it
    std::string marker = tunables == nullptr ? "-" : "+" + std::string(old);
    std::string added = old.empty() ? std::string(kHugePages) : std::string(kHugePages) + ":" + std::string(old);
    if (setenv(kTunablesVariable, marker.c_str(), 1) != 0 || setenv("GLIBC_TUNABLES", added.c_str(), 1) != 0) return;
    execv(exe.c_str(), argv);
    // Still here: the exec failed. Put the environment back and go on as we are.
    restore_tunables();
#else
    (void)argv;
    (void)before_exec;
#endif
}

void restore_tunables() {
    const char* marker = std::getenv(kTunablesVariable);
    if (marker == nullptr) {
        const char* tunables = std::getenv("GLIBC_TUNABLES");
        huge_heap = tunable(tunables == nullptr ? "" : tunables, kHugeTlb) == "1";
        return;
    }
    is_rerun = true;
    huge_heap = true;
    if (marker[0] == '+') {
        setenv("GLIBC_TUNABLES", marker + 1, 1);
    } else {
        unsetenv("GLIBC_TUNABLES");
    }
    unsetenv(kTunablesVariable);
}

void configure_heap() {
#if defined(__GLIBC__) && defined(__linux__) && !defined(TTL_SANITIZED)
    // The large program with 4 KB pages: 47,000 -> 39,000 page faults; on huge pages: 18,000 ->
    // 2,500 (measured on 2026-12-04).
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    mallopt(M_TOP_PAD, 64 << 20);
    if (huge_heap) make_heap_ready();
#endif
}

bool heap_ready_for_huge_pages() {
    return heap_ready;
}

}  // namespace ttl
