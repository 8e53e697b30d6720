// NameTable: interns names (string views into text that outlives the table) as dense ids
// 0, 1, 2, ... in first-seen order. An open-addressing hash table of (hash, id) pairs, so that
// a lookup touches one flat array instead of chasing list nodes: the kernel reader interns every
// identifier token of a file, which is hot on large inputs (hence the lookup is inline).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace ttl {

class NameTable {
public:
    static constexpr uint32_t kMissing = 0xffffffffU;

    /// The id of `name`, adding it when new; `added` tells which.
    uint32_t intern(std::string_view name, bool& added) {
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
    /// The id of `name`, or kMissing.
    uint32_t find(std::string_view name) const {
        return slots_.empty() ? kMissing : slots_[slot_of(name, hash(name))].id;
    }
    /// The name of an id.
    std::string_view name(uint32_t id) const { return names_[id]; }
    const std::vector<std::string_view>& names() const { return names_; }
    size_t size() const { return names_.size(); }
    /// Makes room for `count` names without rehashing.
    void reserve(size_t count);

private:
    /// FNV-style over 8-byte words, then a full 64-bit finalizer: the slot index takes the low
    /// bits, which a multiply alone leaves depending on the low input bytes only (`v1`, `v2`...
    /// would cluster). The last bytes are read with fixed-size loads (overlapping the words
    /// before them when the length is not a multiple of 8), not a variable-length copy.
    static uint64_t hash(std::string_view name) {
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
        h ^= tail;
        h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdULL;
        h = (h ^ (h >> 33)) * 0xc4ceb9fe1a85ec53ULL;
        return h ^ (h >> 33);
    }

    /// A slot holds an id with the low 32 bits of its name's hash, so that a probe reads one
    /// cache line and compares text only when the hashes agree.
    struct Slot {
        uint32_t hash = 0;
        uint32_t id = kMissing;
    };

    static uint64_t load8(const char* p) {
        uint64_t v;
        std::memcpy(&v, p, 8);
        return v;
    }
    static uint64_t load4(const char* p) {
        uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }
    /// Equal texts; names of 4 to 16 bytes (most identifiers) are compared with two loads each.
    static bool same_text(std::string_view a, std::string_view b) {
        size_t n = a.size();
        if (n != b.size()) return false;
        const char* p = a.data();
        const char* q = b.data();
        if (n >= 8 && n <= 16) return load8(p) == load8(q) && load8(p + n - 8) == load8(q + n - 8);
        if (n >= 4 && n < 8) return load4(p) == load4(q) && load4(p + n - 4) == load4(q + n - 4);
        return n == 0 || std::memcmp(p, q, n) == 0;
    }
    /// The slot holding `name`, or the empty slot where it would go.
    size_t slot_of(std::string_view name, uint64_t h) const {
        size_t mask = slots_.size() - 1;
        auto low = static_cast<uint32_t>(h);
        for (size_t s = h & mask;; s = (s + 1) & mask) {
            const Slot& slot = slots_[s];
            if (slot.id == kMissing) return s;
            if (slot.hash == low && same_text(names_[slot.id], name)) return s;
        }
    }
    void grow();

    std::vector<std::string_view> names_;
    std::vector<Slot> slots_;  // size a power of two, load factor at most 1/2
};

}  // namespace ttl
