#include "support/name_table.h"

#include <cstring>

namespace ttl {

namespace {
uint64_t load8(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
uint64_t load4(const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}
/// Equal texts; names of 4 to 16 bytes (most identifiers) are compared with two loads each.
bool same_text(std::string_view a, std::string_view b) {
    size_t n = a.size();
    if (n != b.size()) return false;
    const char* p = a.data();
    const char* q = b.data();
    if (n >= 8 && n <= 16) return load8(p) == load8(q) && load8(p + n - 8) == load8(q + n - 8);
    if (n >= 4 && n < 8) return load4(p) == load4(q) && load4(p + n - 4) == load4(q + n - 4);
    return n == 0 || std::memcmp(p, q, n) == 0;
}
}  // namespace

uint64_t NameTable::hash(std::string_view name) {
    // FNV-style over 8-byte words, then a final mix: names are short, so this is a few steps.
    // The last bytes are read with fixed-size loads (overlapping the words before them when
    // the length is not a multiple of 8) rather than a variable-length copy.
    const char* p = name.data();
    size_t n = name.size();
    uint64_t h = 0xcbf29ce484222325ULL ^ n;
    uint64_t tail = 0;
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            h = (h ^ load8(p + i)) * 0x100000001b3ULL;
            h ^= h >> 29;
        }
        tail = load8(p + n - 8);
    } else if (n >= 4) {
        tail = load4(p) | (load4(p + n - 4) << 32);
    } else if (n > 0) {
        tail = static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
               static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
               static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    // A full 64-bit finalizer: the slot index takes the low bits, which a multiply alone
    // leaves depending on the low input bytes only (`v1`, `v2`... would cluster).
    h ^= tail;
    h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdULL;
    h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

size_t NameTable::slot_of(std::string_view name, uint64_t h) const {
    size_t mask = slots_.size() - 1;
    auto low = static_cast<uint32_t>(h);
    for (size_t s = h & mask;; s = (s + 1) & mask) {
        const Slot& slot = slots_[s];
        if (slot.id == kMissing) return s;
        if (slot.hash == low && same_text(names_[slot.id], name)) return s;
    }
}

void NameTable::reserve(size_t count) {
    size_t want = 16;
    while (want < count * 2) want *= 2;
    if (want <= slots_.size()) return;
    std::vector<Slot> old(want);
    old.swap(slots_);
    size_t mask = want - 1;
    for (const Slot& slot : old) {
        if (slot.id == kMissing) continue;
        size_t s = slot.hash & mask;  // the mask keeps fewer than 32 bits of the hash
        while (slots_[s].id != kMissing) s = (s + 1) & mask;
        slots_[s] = slot;
    }
    names_.reserve(count);
}

void NameTable::grow() { reserve(slots_.empty() ? 8 : slots_.size()); }

uint32_t NameTable::intern(std::string_view name, bool& added) {
    if ((names_.size() + 1) * 2 > slots_.size()) grow();  // load factor at most 1/2
    uint64_t h = hash(name);
    size_t s = slot_of(name, h);
    if (slots_[s].id != kMissing) {
        added = false;
        return slots_[s].id;
    }
    added = true;
    auto id = static_cast<uint32_t>(names_.size());
    names_.push_back(name);
    slots_[s] = Slot{static_cast<uint32_t>(h), id};
    return id;
}

uint32_t NameTable::find(std::string_view name) const {
    if (slots_.empty()) return kMissing;
    return slots_[slot_of(name, hash(name))].id;
}

}  // namespace ttl
