#include "read/kernel_api.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <vector>

#include "support/name_table.h"

namespace ttl {

namespace {

using R = ArgRole;
constexpr auto kC = ApiThread::kCompute;
constexpr auto kDm = ApiThread::kDataMovement;
constexpr auto kAny = ApiThread::kAny;

// Sorted by (name, method); checked at compile time. A parameter name is given only where the
// rewriter writes it as a comment before a literal argument (`cb_wait_front(/*cb=*/0, ...)`).
constexpr KernelApiEntry kEntries[] = {
    {"Noc", false, kDm, CbVerb::kNoVerb, {{R::kNocId, "noc_id"}}},
    {"TensorAccessor", false, kDm, CbVerb::kNoVerb, {{R::kOther, ""}, {R::kOther, ""}, {R::kPageSize, ""}}},
    {"add_tiles", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kCb}, {R::kTileIndex}, {R::kTileIndex}, {R::kDstIndex}}},
    {"add_tiles_init", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kCb}}},
    {"binary_op_init_common", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kCb}, {R::kCb}}},
    {"cb_pop_front", false, kAny, CbVerb::kPop, {{R::kCb, "cb"}, {R::kCbCount, "num_tiles"}}},
    {"cb_push_back", false, kAny, CbVerb::kPush, {{R::kCb, "cb"}, {R::kCbCount, "num_tiles"}}},
    {"cb_reserve_back", false, kAny, CbVerb::kReserve, {{R::kCb, "cb"}, {R::kCbCount, "num_tiles"}}},
    {"cb_wait_front", false, kAny, CbVerb::kWait, {{R::kCb, "cb"}, {R::kCbCount, "num_tiles"}}},
    {"copy_dest_values", false, kC, CbVerb::kNoVerb, {}, R::kDstIndex},
    {"copy_tile",
     false,
     kC,
     CbVerb::kNoVerb,
     {{R::kCb, "cb"}, {R::kTileIndex, "tile_index"}, {R::kDstIndex, "dst_index"}}},
    {"copy_tile_init", false, kC, CbVerb::kNoVerb, {{R::kCb}}},
    {"fill_tile", false, kC, CbVerb::kNoVerb, {{R::kDstIndex, "dst_index"}, {R::kFillValue, "value"}}},
    {"get_arg_val", false, kAny, CbVerb::kNoVerb, {{R::kRtArgIndex, "arg_index"}}},
    {"get_common_arg_val", false, kAny, CbVerb::kNoVerb, {{R::kRtArgIndex, "arg_index"}}},
    {"get_read_ptr", false, kDm, CbVerb::kNoVerb, {{R::kCb}}},
    {"get_read_ptr", true, kDm, CbVerb::kNoVerb, {}},
    {"get_write_ptr", false, kDm, CbVerb::kNoVerb, {{R::kCb}}},
    {"get_write_ptr", true, kDm, CbVerb::kNoVerb, {}},
    {"init_sfpu", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kCb}}},
    {"matmul_block",
     false,
     kC,
     CbVerb::kNoVerb,
     {{R::kCb}, {R::kCb}, {R::kTileIndex}, {R::kTileIndex}, {R::kDstIndex}, {R::kTranspose}},
     R::kBlockDim},
    {"matmul_tiles",
     false,
     kC,
     CbVerb::kNoVerb,
     {{R::kCb}, {R::kCb}, {R::kTileIndex}, {R::kTileIndex}, {R::kDstIndex}, {R::kTranspose}}},
    {"mm_block_init", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kCb}, {R::kCb}, {R::kTranspose}}, R::kBlockDim},
    {"mm_block_init_short", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kCb}, {R::kTranspose}}, R::kBlockDim},
    {"mm_init", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kCb}, {R::kCb}, {R::kTranspose}}},
    {"mm_init_short", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kCb}, {R::kTranspose}}},
    {"mul_tiles", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kCb}, {R::kTileIndex}, {R::kTileIndex}, {R::kDstIndex}}},
    {"mul_tiles_init", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kCb}}},
    {"noc_async_read_tile",
     false,
     kDm,
     CbVerb::kNoVerb,
     {{R::kTileIndex, "page_id"}, {R::kAccessor, "accessor"}, {R::kL1Addr, "l1_addr"}}},
    {"noc_async_write_tile",
     false,
     kDm,
     CbVerb::kNoVerb,
     {{R::kTileIndex, "page_id"}, {R::kAccessor, "accessor"}, {R::kL1Addr, "l1_addr"}}},
    {"pack_tile",
     false,
     kC,
     CbVerb::kNoVerb,
     {{R::kDstIndex, "dst_index"}, {R::kCb, "cb"}, {R::kTileIndex, "tile_index"}}},
    {"pack_tile_block", false, kC, CbVerb::kNoVerb, {{R::kDstIndex}, {R::kCb}, {R::kCbCount}}},
    {"pop_front", true, kAny, CbVerb::kPop, {{R::kCbCount}}},
    {"push_back", true, kAny, CbVerb::kPush, {{R::kCbCount}}},
    {"reserve_back", true, kAny, CbVerb::kReserve, {{R::kCbCount}}},
    {"sub_tiles", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kCb}, {R::kTileIndex}, {R::kTileIndex}, {R::kDstIndex}}},
    {"sub_tiles_init", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kCb}}},
    {"transpose_wh_tile", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kTileIndex}, {R::kDstIndex}}},
    {"unary_bcast", false, kC, CbVerb::kNoVerb, {{R::kCb}, {R::kTileIndex}, {R::kDstIndex}}},
    {"wait_front", true, kAny, CbVerb::kWait, {{R::kCbCount}}},
};

constexpr bool entry_less(const KernelApiEntry& a, const KernelApiEntry& b) {
    return a.name != b.name ? a.name < b.name : a.method < b.method;
}
static_assert(std::is_sorted(std::begin(kEntries), std::end(kEntries), entry_less));

// Other names the kernel headers declare or define (types, macros, functions the table does not
// describe) that a renamed local must never take, although the file may not use them.
constexpr std::string_view kOtherNames[] = {"ALWI",
                                            "BroadcastType",
                                            "CircularBuffer",
                                            "CoreLocalMem",
                                            "DPRINT",
                                            "DataFormat",
                                            "DataflowBuffer",
                                            "ENDL",
                                            "INFINITY",
                                            "InterleavedAddrGen",
                                            "InterleavedAddrGenFast",
                                            "MAIN",
                                            "MATH",
                                            "NAMESPACE",
                                            "NAN",
                                            "PACK",
                                            "PoolType",
                                            "ReduceDim",
                                            "TensorAccessorArgs",
                                            "UNPACK",
                                            "ckernel",
                                            "dst",
                                            "experimental",
                                            "float_to_bits",
                                            "get_compile_time_arg_val",
                                            "get_dataformat",
                                            "get_tile_size",
                                            "int16_t",
                                            "int32_t",
                                            "int64_t",
                                            "int8_t",
                                            "kernel_main",
                                            "my_x",
                                            "my_y",
                                            "noc",
                                            "noc_async_read",
                                            "noc_async_read_barrier",
                                            "noc_async_write",
                                            "noc_async_write_barrier",
                                            "noc_index",
                                            "ptrdiff_t",
                                            "size_t",
                                            "std",
                                            "tensor_accessor",
                                            "tile_regs_acquire",
                                            "tile_regs_commit",
                                            "tile_regs_release",
                                            "tile_regs_wait",
                                            "uint16_t",
                                            "uint32_t",
                                            "uint64_t",
                                            "uint8_t"};
static_assert(std::is_sorted(std::begin(kOtherNames), std::end(kOtherNames)));

// Names a renamed local would capture or be captured by although no header of the kernel declares
// them as such: macros the build defines (-D) or that tt-metal's headers use internally, the
// locals the profiler's macros declare in their expansion (DeviceZoneScopedN declares `hash` and
// `zone`), and C library functions the headers call unqualified.
constexpr std::string_view kCapturedNames[] = {
    "APPROX",
    "ARCH_BLACKHOLE",
    "ARCH_QUASAR",
    "ARCH_WORMHOLE",
    "COMPILE_FOR_BRISC",
    "COMPILE_FOR_ERISC",
    "COMPILE_FOR_NCRISC",
    "COMPILE_FOR_TRISC",
    "DO_PRAGMA",
    "DRAM_ALIGNMENT",
    "DST_ACCUM_MODE",
    "DeviceTimestampedData",
    "DeviceZoneScopedMainChildN",
    "DeviceZoneScopedMainN",
    "DeviceZoneScopedN",
    "FORCE_INLINE",
    "KERNEL_COMPILE_TIME_ARGS",
    "L1_ALIGNMENT",
    "MATH_FIDELITY",
    "NOC_INDEX",
    "NOC_MAX_BURST_SIZE",
    "NOC_MODE",
    "PROFILER_MSG_NAME",
    "REDUCE_DIM",
    "REDUCE_OP",
    "TRISC_MATH",
    "TRISC_PACK",
    "TRISC_UNPACK",
    "abort",
    "abs",
    "assert",
    "exit",
    "hash",
    "max",
    "memcmp",
    "memcpy",
    "memmove",
    "memset",
    "min",
    "printf",
    "std",
    "strlen",
    "tt_l1_ptr",
    "tt_reg_ptr",
    "zone",
};
static_assert(std::is_sorted(std::begin(kCapturedNames), std::end(kCapturedNames)));

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

size_t KernelApiEntry::param_count() const {
    size_t n = 0;
    for (size_t i = 0; i < std::size(params); ++i) {
        if (params[i].role != ArgRole::kOther || !params[i].name.empty()) n = i + 1;
    }
    return n;
}

const KernelApiEntry* find_kernel_api(std::string_view name, bool method) {
    // By hash, built once: every call expression of every stage asks, hundreds of thousands of
    // times on a large kernel. A name's id in one table, then its function or method.
    struct ByName {
        NameTable names;
        std::vector<const KernelApiEntry*> functions, methods;  // by id
    };
    static const ByName kByName = [] {
        ByName by;
        for (const KernelApiEntry& e : kEntries) {
            bool added = false;
            uint32_t id = by.names.intern(e.name, added);
            by.functions.resize(by.names.size(), nullptr);
            by.methods.resize(by.names.size(), nullptr);
            (e.method ? by.methods : by.functions)[id] = &e;
        }
        return by;
    }();
    uint32_t id = kByName.names.find(name);
    if (id == NameTable::kMissing) return nullptr;
    return (method ? kByName.methods : kByName.functions)[id];
}

std::span<const KernelApiEntry> kernel_api_entries() {
    return kEntries;
}

bool is_reserved_api_name(std::string_view name) {
    // Identifiers reserved to the implementation: predefined macros (__LINE__, __FILE__), builtins.
    if (name.size() >= 2 && name[0] == '_' && (name[1] == '_' || std::isupper(static_cast<unsigned char>(name[1])))) {
        return true;
    }
    // The free functions of the table and the two name lists, in one hash set (the namer asks
    // for every candidate name of every local).
    static const NameTable kReserved = [] {
        NameTable names;
        bool added = false;
        for (std::string_view n : kOtherNames) names.intern(n, added);
        for (std::string_view n : kCapturedNames) names.intern(n, added);
        for (const KernelApiEntry& e : kEntries) {
            if (!e.method) names.intern(e.name, added);
        }
        return names;
    }();
    return kReserved.find(name) != NameTable::kMissing;
}

ArgRole kernel_arg_role(std::string_view callee, bool method, size_t arg, size_t nargs) {
    if (const KernelApiEntry* e = find_kernel_api(callee, method)) {
        return arg < e->param_count() ? e->params[arg].role : e->rest;
    }
    if (method) return ArgRole::kOther;
    // Families: binary SFPU ops take DST slots only; unary SFPU ops (exp_tile(dst), ...) one.
    if (ends_with(callee, "_binary_tile") || callee == "binary_max_tile" || callee == "binary_min_tile") {
        return ArgRole::kDstIndex;
    }
    if (ends_with(callee, "_tile") && !ends_with(callee, "_init") && nargs >= 1 && callee != "reduce_tile") {
        return arg == 0 ? ArgRole::kDstIndex : ArgRole::kOther;
    }
    return ArgRole::kOther;
}

}  // namespace ttl
