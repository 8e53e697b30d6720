// Stage "bind": bind one emitted kernel to its TT-Lang thread.
//
// From the links described in the reference docs (CB index = creation order, common runtime
// arg K = the thread's K-th tensor in KERNEL_TENSOR_INDICES, accessor template <T, NCB>/<K>,
// loops in nesting order), derive what every local of `kernel_main` *is*: a constant and all
// the roles it plays, a loop variable and the source loop it comes from (or "added by the
// compiler"), a tensor's address, accessor args or accessor, a circular buffer's read/write
// pointer or object, a core coordinate, a cast or an index computation. Each fact records why
// it was concluded. The result is plain data that naming (naming.h) turns into names.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "read/kernel_api.h"
#include "read/kernel_model.h"
#include "read/runner_model.h"
#include "read/ttlang_source.h"

namespace ttl {

enum class LocalKind : uint8_t {
    kConstant,  ///< initialised from a literal and never written
    kLoopVar,  ///< a for-loop induction variable
    kTensorAddr,  ///< get_common_arg_val<uint32_t>(K)
    kAccessorArgs,  ///< TensorAccessorArgs<...>()
    kAccessor,  ///< TensorAccessor(args, addr, page)
    kCbPointer,  ///< get_write_ptr / get_read_ptr of a CB
    kCbObject,  ///< CircularBuffer cb_ctarg_N(get_compile_time_arg_val(N))
    kCoreCoord,  ///< get_absolute_logical_x() / _y()
    kCast,  ///< a single cast of another value
    kArith,  ///< one arithmetic operation
    kOther,
};

const char* local_kind_name(LocalKind kind);

/// What a constant is used as. In the order of their names: roles are listed sorted.
enum class RoleKind : uint8_t {
    kArgument,  ///< an argument the kernel-API table says nothing about
    kBlockDim,
    kCbCount,
    kCompare,
    kDead,  ///< never used
    kDstIndex,
    kFillValue,
    kLoopBound,
    kLoopStart,
    kLoopStep,
    kMultiplier,
    kOffset,
    kOperand,  ///< of another operator
    kPageSize,
    kRtArgIndex,
    kTileIndex,
    kTranspose,
    kValue,  ///< copied into another local
};
const char* role_kind_name(RoleKind kind);

/// One role a constant plays, e.g. {kLoopBound, "0", loop 0} or {kCbCount, "lhs_cb"}.
struct ConstantRole {
    RoleKind kind = RoleKind::kArgument;
    std::string detail;  ///< the buffer, tensor, call or operator it concerns (the loop, for dumps)
    int loop = -1;  ///< loop roles: index into KernelBinding::loops
    bool operator==(const ConstantRole&) const = default;
};

struct LocalBinding {
    int32_t local = -1;  ///< index into Function::locals
    LocalKind kind = LocalKind::kOther;
    std::string tensor;  ///< the tensor parameter it belongs to
    int cb = -1;  ///< the CB index it belongs to
    std::string buffer;  ///< the CB's source variable (or `cb<N>`)
    int loop = -1;  ///< kLoopVar: index into KernelBinding::loops
    std::string detail;  ///< "write"/"read", "x"/"y", the operator, the cast type
    std::vector<int32_t> operands;  ///< kCast/kArith: locals used (kNone for literals)
    bool has_value = false;  ///< kConstant with an integer value
    long long value = 0;
    std::vector<ConstantRole> roles;  ///< kConstant: every distinct role
    std::vector<std::pair<TokenIndex, uint32_t>> use_roles;  ///< kConstant: each use and its role (index into roles)
    std::string why;  ///< the evidence
};

struct LoopBinding {
    StmtId stmt = kNone;
    int32_t var = -1;  ///< the induction variable (local index)
    int parent = -1;  ///< enclosing C++ loop
    int source_loop = -1;  ///< index into TtlThread::loops, -1 when added by the compiler
    long long trip = -1;  ///< trip count when start, bound and step are constants
    int block_buffer = -1;  ///< added by the compiler: the source buffer whose block shape has `trip` tiles
    std::string why;
};

struct CbBinding {
    int index = 0;
    std::string buffer;  ///< source variable, or `cb<N>` for a compiler intermediate
    bool from_source = false;
    std::vector<ExprId> occurrences;  ///< every `get_compile_time_arg_val(N)` expression
};

/// A circular-buffer operand: of a kernel-API call (read/kernel_api's CB parameters), the object
/// a CB method is called on, or the argument a CB object is constructed from.
struct CbUse {
    ExprId call = kNone;  ///< the call; kNone for a CB object's constructor argument
    ExprId operand = kNone;  ///< the CB expression (for a method: the object)
    std::optional<long long> index;  ///< the CB index it names, in range or not
    bool method = false;  ///< `cb.wait_front(n)`
    CbVerb verb = CbVerb::kNoVerb;  ///< the protocol step of the call
    std::optional<long long> count;  ///< a protocol call's page count, when constant
};

struct TensorArgBinding {
    int k = 0;  ///< the common runtime arg index
    int param = -1;  ///< from KERNEL_TENSOR_INDICES
    int template_param = -1;  ///< from the accessor template, -1 when none
    std::string why;
};

struct KernelBinding {
    std::string thread;
    ThreadRole role = ThreadRole::kCompute;
    uint32_t source_line = 0;
    int32_t function = kNone;  ///< the entry function
    std::vector<LocalBinding> locals;  ///< parallel to Function::locals
    std::vector<LoopBinding> loops;  ///< C++ loops in pre-order
    std::vector<int> vanished_loops;  ///< source loops with no C++ loop (one-trip loops)
    std::vector<CbBinding> cbs;  ///< CB indices referenced, ascending
    std::vector<CbUse> cb_uses;  ///< every CB operand, in source order
    std::vector<TensorArgBinding> tensor_args;
    std::vector<std::string> warnings;
};

/// Binds `file` (the emitted C++ of thread `thread_index` in KERNEL_PATHS order) to `kernel`.
/// `kernel` may be null (no source): then only facts from the C++ and runner are derived.
KernelBinding bind_kernel(const KernelFile& file, const TtlKernel* kernel, int thread_index, const RunnerModel& runner);

/// A stable textual dump of the binding, for tests and `--explain`.
std::string dump_binding(const KernelFile& file, const KernelBinding& binding);

}  // namespace ttl
