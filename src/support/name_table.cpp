#include "support/name_table.h"

#include <cstring>

namespace ttl {

uint64_t NameTable::hash(std::string_view name) {
    // FNV-1a over 8-byte words, then a final mix: names are short, so this is a few steps.
    uint64_t h = 0xcbf29ce484222325ULL ^ name.size();
    size_t i = 0;
    for (; i + 8 <= name.size(); i += 8) {
        uint64_t word;
        std::memcpy(&word, name.data() + i, 8);
        h = (h ^ word) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    if (i < name.size()) std::memcpy(&tail, name.data() + i, name.size() - i);
    h = (h ^ tail) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 32);
}

size_t NameTable::slot_of(std::string_view name, uint64_t h) const {
    size_t mask = slots_.size() - 1;
    auto low = static_cast<uint32_t>(h);
    for (size_t s = h & mask;; s = (s + 1) & mask) {
        uint32_t id = slots_[s];
        if (id == kMissing) return s;
        if (hashes_[id] == low && names_[id] == name) return s;
    }
}

void NameTable::reserve(size_t count) {
    size_t want = 16;
    while (want < count * 2) want *= 2;
    if (want <= slots_.size()) return;
    slots_.assign(want, kMissing);
    for (uint32_t id = 0; id < names_.size(); ++id) {
        size_t mask = want - 1;
        size_t s = hash(names_[id]) & mask;
        while (slots_[s] != kMissing) s = (s + 1) & mask;
        slots_[s] = id;
    }
    names_.reserve(count);
    hashes_.reserve(count);
}

void NameTable::grow() { reserve(slots_.empty() ? 8 : slots_.size()); }

uint32_t NameTable::intern(std::string_view name, bool& added) {
    if ((names_.size() + 1) * 2 > slots_.size()) grow();  // load factor at most 1/2
    uint64_t h = hash(name);
    size_t s = slot_of(name, h);
    if (slots_[s] != kMissing) {
        added = false;
        return slots_[s];
    }
    added = true;
    auto id = static_cast<uint32_t>(names_.size());
    names_.push_back(name);
    hashes_.push_back(static_cast<uint32_t>(h));
    slots_[s] = id;
    return id;
}

uint32_t NameTable::find(std::string_view name) const {
    if (slots_.empty()) return kMissing;
    return slots_[slot_of(name, hash(name))];
}

}  // namespace ttl
