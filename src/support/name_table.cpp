#include "support/name_table.h"

namespace ttl {

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

void NameTable::grow() {
    reserve(slots_.empty() ? 8 : slots_.size());
}

}  // namespace ttl
