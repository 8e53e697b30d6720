// The TT-Metal kernel API as the tool knows it: for each function or CB method, what each
// argument is (a CB, a tile count, a tile index, a DST slot, ...), which step of the CB protocol
// the call is, and on which kind of thread it runs. The one table that binding (argument roles),
// naming, the rewriter's argument comments and `check` (CB operands, protocol calls) read from;
// tests/read/kernel_api_test.cpp checks every entry against the emulator's declarations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace ttl {

/// What an argument of a kernel-API call is.
enum class ArgRole : uint8_t {
    kOther,
    kCb,  ///< a circular buffer index
    kCbCount,  ///< a number of pages of a CB (reserve, push, wait, pop)
    kTileIndex,  ///< a tile (page) index into a CB or a tensor
    kDstIndex,  ///< a DST register slot
    kRtArgIndex,  ///< the index of a runtime argument
    kPageSize,  ///< a page size in bytes
    kTranspose,  ///< a transpose flag
    kBlockDim,  ///< a matmul block dimension
    kFillValue,  ///< a fill value
    kAccessor,  ///< a tensor accessor or address generator
    kL1Addr,  ///< an L1 address
    kNocId,  ///< a NoC index
};

/// The step of the CB protocol a call performs.
enum class CbVerb : uint8_t { kNoVerb, kReserve, kPush, kWait, kPop };

/// The kind of thread a call belongs to.
enum class ApiThread : uint8_t { kAny, kCompute, kDataMovement };

struct ApiParam {
    constexpr ApiParam(ArgRole r = ArgRole::kOther, std::string_view n = {}) : role(r), name(n) {}
    ArgRole role;
    std::string_view name;  ///< the name written as a comment before a literal argument, or ""
};

struct KernelApiEntry {
    std::string_view name;
    bool method = false;  ///< called on a CB object (`cb.wait_front(n)`): arguments exclude the object
    ApiThread thread = ApiThread::kAny;
    CbVerb verb = CbVerb::kNoVerb;
    ApiParam params[6] = {};
    ArgRole rest = ArgRole::kOther;  ///< the role of arguments past the listed ones
    size_t param_count() const;
};

/// The table entry for a free function (`method` false) or a CB method, or nullptr.
const KernelApiEntry* find_kernel_api(std::string_view name, bool method);

/// Every entry, in name order.
std::span<const KernelApiEntry> kernel_api_entries();

/// The role of argument `arg` (0-based, callee excluded) of a call with `nargs` arguments, from
/// the table and the families it cannot list one by one (unary and binary SFPU tile ops).
ArgRole kernel_arg_role(std::string_view callee, bool method, size_t arg, size_t nargs);

/// True for a name the kernel headers declare or define (the table's functions, types, macros):
/// a renamed local must never take it. Naming avoids these names; the validator rejects them.
bool is_reserved_api_name(std::string_view name);

}  // namespace ttl
