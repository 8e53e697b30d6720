// NameTable: interns names (string views into text that outlives the table) as dense ids
// 0, 1, 2, ... in first-seen order. An open-addressing hash table of (hash, id) pairs, so that
// a lookup touches one flat array instead of chasing list nodes: the kernel reader interns every
// identifier token of a file, which is hot on large inputs.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace ttl {

class NameTable {
public:
    static constexpr uint32_t kMissing = 0xffffffffU;

    /// The id of `name`, adding it when new; `added` tells which.
    uint32_t intern(std::string_view name, bool& added);
    /// The id of `name`, or kMissing.
    uint32_t find(std::string_view name) const;
    /// The name of an id.
    std::string_view name(uint32_t id) const { return names_[id]; }
    const std::vector<std::string_view>& names() const { return names_; }
    size_t size() const { return names_.size(); }
    /// Makes room for `count` names without rehashing.
    void reserve(size_t count);

private:
    static uint64_t hash(std::string_view name);
    void grow();
    /// The slot holding `name`, or the empty slot where it would go.
    size_t slot_of(std::string_view name, uint64_t h) const;

    /// A slot holds an id with the low 32 bits of its name's hash, so that a probe reads one
    /// cache line and compares text only when the hashes agree.
    struct Slot {
        uint32_t hash = 0;
        uint32_t id = kMissing;
    };
    std::vector<std::string_view> names_;
    std::vector<Slot> slots_;  // size a power of two, load factor at most 1/2
};

}  // namespace ttl
