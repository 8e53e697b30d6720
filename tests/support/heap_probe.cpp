// A helper of memory_test.cpp: starts as ttl-export does (restore_tunables, configure_heap),
// allocates as an export does (pieces of 4 KB to 1 MB, each written, 24 MB in all) and prints
// how much of its heap is in memory and how much of that on huge pages, from /proc/self/smaps:
// "ready R rss_kb N huge_kb M" (R: whether configure_heap made the heap ready for huge pages).
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "support/memory.h"

int main() {
    ttl::restore_tunables();
    ttl::configure_heap();
    std::vector<std::unique_ptr<char[]>> kept;
    size_t total = 0;
    for (size_t i = 0; total < (24U << 20); ++i) {
        size_t size = size_t{4096} << (i % 9);  // 4 KB .. 1 MB
        kept.emplace_back(new char[size]);
        std::memset(kept.back().get(), 1, size);
        total += size;
    }
    std::FILE* f = std::fopen("/proc/self/smaps", "r");
    if (f == nullptr) return 1;
    char line[512];
    bool heap = false;
    unsigned long rss = 0, huge = 0, value = 0;
    while (std::fgets(line, sizeof line, f) != nullptr) {
        // A mapping's first line starts with its address range; its fields are "Name: value".
        std::string_view first(line, std::strcspn(line, " "));
        if (first.find('-') != std::string_view::npos && first.find(':') == std::string_view::npos) {
            heap = std::strstr(line, "[heap]") != nullptr;
        }
        if (heap && std::sscanf(line, "Rss: %lu kB", &value) == 1) rss += value;
        if (heap && std::sscanf(line, "AnonHugePages: %lu kB", &value) == 1) huge += value;
    }
    std::fclose(f);
    std::printf("ready %d rss_kb %lu huge_kb %lu\n", ttl::heap_ready_for_huge_pages() ? 1 : 0, rss, huge);
    return 0;
}
