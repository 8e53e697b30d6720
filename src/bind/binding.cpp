// Binding: one pass to record the context of every name occurrence (which call argument, which
// part of which loop header), one pass over the locals in declaration order (each local's kind
// depends only on its initializer and earlier locals), then constant roles from contexts, CB
// references, tensor arguments, and the alignment of C++ loops with source loops.
#include "bind/binding.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "read/compile_time_args.h"
#include "read/kernel_api.h"
#include "support/cpp_types.h"

namespace ttl {

const char* role_kind_name(RoleKind kind) {
    static constexpr const char* kNames[] = {"argument",   "block_dim",  "cb_count",   "compare",    "dead",
                                             "dst_index",  "fill_value", "loop_bound", "loop_start", "loop_step",
                                             "multiplier", "offset",     "operand",    "page_size",  "rt_arg_index",
                                             "tile_index", "transpose",  "value"};
    return kNames[static_cast<size_t>(kind)];
}

const char* local_kind_name(LocalKind kind) {
    switch (kind) {
        case LocalKind::kConstant: return "constant";
        case LocalKind::kLoopVar: return "loop-var";
        case LocalKind::kTensorAddr: return "tensor-addr";
        case LocalKind::kAccessorArgs: return "accessor-args";
        case LocalKind::kAccessor: return "accessor";
        case LocalKind::kCbPointer: return "cb-pointer";
        case LocalKind::kCbObject: return "cb-object";
        case LocalKind::kCoreCoord: return "core-coord";
        case LocalKind::kCast: return "cast";
        case LocalKind::kArith: return "arith";
        case LocalKind::kOther: return "other";
    }
    return "?";
}

namespace {

std::optional<long long> int_literal(std::string_view text) {
    return integer_literal_value(text);
}

/// Where a name occurs.
struct Context {
    ExprId parent = kNone;  ///< the expression it is a direct child of
    int position = -1;  ///< its index among the parent's children (call: 0 = callee)
    int loop = -1;  ///< the C++ loop whose header it is in
    int slot = 0;  ///< 1 start, 2 bound, 3 step of that loop
    bool known = false;  ///< the walk reached it
};

/// The role a constant passed as argument `arg` of a kernel-API call plays (read/kernel_api),
/// or nothing when it is a plain argument: CB operands are bound as CBs, not as constants.
std::optional<RoleKind> constant_arg_role(std::string_view callee, bool method, int arg, size_t nargs) {
    switch (kernel_arg_role(callee, method, static_cast<size_t>(arg), nargs)) {
        case ArgRole::kCbCount: return RoleKind::kCbCount;
        case ArgRole::kTileIndex: return RoleKind::kTileIndex;
        case ArgRole::kDstIndex: return RoleKind::kDstIndex;
        case ArgRole::kRtArgIndex: return RoleKind::kRtArgIndex;
        case ArgRole::kPageSize: return RoleKind::kPageSize;
        case ArgRole::kTranspose: return RoleKind::kTranspose;
        case ArgRole::kBlockDim: return RoleKind::kBlockDim;
        case ArgRole::kFillValue: return RoleKind::kFillValue;
        default: return std::nullopt;
    }
}

class Binder {
public:
    Binder(const KernelFile& file, const TtlKernel* kernel, int thread_index, const RunnerModel& runner)
        : k_(file), src_(kernel), index_(thread_index), runner_(runner) {}

    KernelBinding run() {
        b_.function = k_.entry_function;
        if (index_ >= 0 && index_ < static_cast<int>(runner_.kernels.size())) {
            b_.thread = runner_.kernels[index_].thread;
            b_.role = runner_.kernels[index_].role;
        }
        if (src_ != nullptr && index_ >= 0 && index_ < static_cast<int>(src_->threads.size())) {
            thread_ = &src_->threads[index_];
            b_.source_line = thread_->line;
        }
        if (b_.function == kNone) {
            b_.warnings.push_back("no 'kernel_main' function: nothing is bound");
            return std::move(b_);
        }
        fn_ = &k_.functions[b_.function];
        b_.locals.resize(fn_->locals.size());
        for (size_t i = 0; i < fn_->locals.size(); ++i) {
            b_.locals[i].local = static_cast<int32_t>(i);
        }
        collect_loops(k_.stmt(fn_->body), -1);
        walk_stmt(fn_->body);
        // In token order (the walk's order but for odd nesting); a token the walk reached twice
        // keeps its last context.
        auto by_token = [](const TokenContext& x, const TokenContext& y) { return x.token < y.token; };
        if (!std::is_sorted(contexts_.begin(), contexts_.end(), by_token))
            std::stable_sort(contexts_.begin(), contexts_.end(), by_token);
        loop_of_var_.assign(fn_->locals.size(), -1);
        for (size_t j = b_.loops.size(); j-- > 0;) {
            if (b_.loops[j].var >= 0) loop_of_var_[static_cast<size_t>(b_.loops[j].var)] = static_cast<int>(j);
        }
        for (size_t i = 0; i < fn_->locals.size(); ++i) classify(static_cast<int32_t>(i));
        collect_cbs();
        collect_cb_uses();
        for (size_t i = 0; i < fn_->locals.size(); ++i) {
            if (b_.locals[i].kind == LocalKind::kConstant) constant_roles(static_cast<int32_t>(i));
        }
        match_loops();
        return std::move(b_);
    }

private:
    // ---- structure ----
    void collect_loops(const Stmt& s, int parent) {
        for (StmtId id : s.kids) {
            const Stmt& kid = k_.stmt(id);
            int next = parent;
            if (kid.kind == StmtKind::kFor) {
                LoopBinding l;
                l.stmt = id;
                l.parent = parent;
                const Stmt& init = k_.stmt(kid.init);
                if (init.kind == StmtKind::kDecl && !init.declarators.empty()) {
                    int32_t var = fn_->local_at(init.declarators[0].name_token);
                    if (var != kNone) l.var = var;
                }
                loop_of_stmt_[id] = static_cast<int>(b_.loops.size());
                b_.loops.push_back(l);
                next = static_cast<int>(b_.loops.size() - 1);
            }
            collect_loops(kid, next);
        }
    }

    void walk_stmt(StmtId id) {
        const Stmt& s = k_.stmt(id);
        switch (s.kind) {
            case StmtKind::kDecl:
                for (const Declarator& d : s.declarators) {
                    auto init = k_.ids(d.init_exprs);
                    for (size_t i = 0; i < init.size(); ++i) walk_expr(init[i], kNone, static_cast<int>(i), -1, 0);
                }
                break;
            case StmtKind::kFor: {
                int loop = loop_of_stmt_.at(id);
                const Stmt& init = k_.stmt(s.init);
                if (init.kind == StmtKind::kDecl) {
                    for (const Declarator& d : init.declarators) {
                        for (ExprId e : k_.ids(d.init_exprs)) walk_expr(e, kNone, 0, loop, 1);
                    }
                } else if (init.expr != kNone) {
                    walk_expr(init.expr, kNone, 0, loop, 0);
                }
                if (s.expr != kNone) walk_expr(s.expr, kNone, 0, loop, 2);
                if (s.step != kNone) walk_expr(s.step, kNone, 0, loop, 3);
                for (StmtId kid : s.kids) walk_stmt(kid);
                break;
            }
            default:
                if (s.expr != kNone) walk_expr(s.expr, kNone, 0, -1, 0);
                for (StmtId kid : s.kids) walk_stmt(kid);
                break;
        }
    }

    void walk_expr(ExprId id, ExprId parent, int position, int loop, int slot) {
        const Expr& e = k_.expr(id);
        if (e.kind == ExprKind::kName && !e.has_template_args && e.range.first == e.range.last) {
            // In a loop header only the exact `i < B` and `i += C` forms give bound and step.
            int s = slot;
            if (slot == 2 || slot == 3) {
                const Expr& p = k_.expr(parent == kNone ? id : parent);
                bool exact = parent != kNone && p.kind == ExprKind::kBinary && position == 1 &&
                             ((slot == 2 && p.text == "<") || (slot == 3 && p.text == "+="));
                s = exact ? slot : 0;
            }
            contexts_.push_back(TokenContext{e.name_token, Context{parent, position, loop, s, true}});
        }
        auto kids = k_.kids(e);
        for (size_t i = 0; i < kids.size(); ++i) walk_expr(kids[i], id, static_cast<int>(i), loop, slot);
    }

    // ---- helpers ----
    const Local& local(int32_t i) const { return fn_->locals[i]; }

    /// The local a plain name expression refers to, or kNone.
    int32_t local_of(ExprId id) const { return k_.local_of(*fn_, id); }

    /// The integer value of an expression that is a literal or a constant local.
    std::optional<long long> int_value(ExprId id) const {
        const Expr& e = k_.expr(id);
        if (e.kind == ExprKind::kLiteral) return int_literal(e.text);
        int32_t l = local_of(id);
        if (l != kNone && b_.locals[l].kind == LocalKind::kConstant && b_.locals[l].has_value)
            return b_.locals[l].value;
        return std::nullopt;
    }

    /// N when the expression is `get_compile_time_arg_val(N)` with N a CB index.
    std::optional<int> cb_index(ExprId id) const {
        const Expr& e = k_.expr(id);
        if (e.kind != ExprKind::kCall || e.kids.count != 2) return std::nullopt;
        const Expr& callee = k_.expr(k_.kid(e, 0));
        if (callee.kind != ExprKind::kName || callee.text != "get_compile_time_arg_val") return std::nullopt;
        std::optional<long long> n = int_value(k_.kid(e, 1));
        if (!n || !ct_args::is_cb_index(*n, runner_.cbs.size())) return std::nullopt;
        return static_cast<int>(*n);
    }

    std::string buffer_name(int cb) const {
        if (src_ != nullptr && cb < static_cast<int>(src_->buffers.size())) return src_->buffers[cb].name;
        return fmt::format(FMT_COMPILE("cb{}"), cb);
    }

    std::string param_name(int param) const {
        if (src_ != nullptr && param >= 0 && param < static_cast<int>(src_->params.size())) return src_->params[param];
        return fmt::format(FMT_COMPILE("tensor{}"), param);
    }

    /// The CB a callee's CB argument or a CB object expression names.
    std::optional<int> cb_of(ExprId id) const {
        if (auto n = cb_index(id)) return n;
        int32_t l = local_of(id);
        if (l != kNone && b_.locals[l].cb >= 0) return b_.locals[l].cb;
        return std::nullopt;
    }

    // ---- locals ----
    void classify(int32_t i) {
        LocalBinding& lb = b_.locals[i];
        const Local& l = local(i);
        if (loop_of_var_[static_cast<size_t>(i)] >= 0) {
            lb.kind = LocalKind::kLoopVar;
            lb.loop = loop_of_var_[static_cast<size_t>(i)];
            lb.why = "induction variable of a for loop";
            return;
        }
        if (l.decl_stmt == kNone) {
            lb.why = "a parameter";
            return;
        }
        const Stmt& decl = k_.stmt(l.decl_stmt);
        const Declarator* d = nullptr;
        for (const Declarator& each : decl.declarators) {
            if (each.name_token == l.decl_token) d = &each;
        }
        if (d == nullptr) return;
        auto init = k_.ids(d->init_exprs);
        std::string type(l.type);
        if (d->init == Declarator::Init::kParen && init.size() == 1 &&
            (type.find("CircularBuffer") != std::string::npos || type.find("DataflowBuffer") != std::string::npos)) {
            if (auto n = cb_index(init[0])) {
                lb.kind = LocalKind::kCbObject;
                lb.cb = *n;
                lb.buffer = buffer_name(*n);
                lb.why = fmt::format(
                    FMT_COMPILE("{} object for get_compile_time_arg_val({}): CB {} is buffer '{}' (creation order)"),
                    type, *n, *n, lb.buffer);
            }
            return;
        }
        if (d->init != Declarator::Init::kAssign || init.size() != 1) return;
        const Expr& e = k_.expr(init[0]);
        if (e.kind == ExprKind::kLiteral && !l.written_after_init()) {
            lb.kind = LocalKind::kConstant;
            if (auto v = int_literal(e.text)) {
                lb.has_value = true;
                lb.value = *v;
            }
            lb.why = fmt::format(FMT_COMPILE("{} initialised from the literal {} and never written"), type, e.text);
            return;
        }
        if (e.kind == ExprKind::kCast) {
            int32_t operand = local_of(k_.kid(e, 0));
            if (operand != kNone) {
                lb.kind = LocalKind::kCast;
                lb.operands = {operand};
                lb.detail = std::string(e.text);
                inherit(lb, b_.locals[operand]);
                lb.why = fmt::format(FMT_COMPILE("cast of '{}' to {}"), local(operand).name, e.text);
            }
            return;
        }
        if (e.kind == ExprKind::kBinary &&
            (e.text == "+" || e.text == "-" || e.text == "*" || e.text == "/" || e.text == "%")) {
            lb.kind = LocalKind::kArith;
            lb.detail = std::string(e.text);
            lb.operands = {local_of(k_.kid(e, 0)), local_of(k_.kid(e, 1))};
            lb.why = fmt::format(FMT_COMPILE("'{}'"), k_.text(e.range));
            return;
        }
        if (e.kind == ExprKind::kCall) call_init(lb, e);
    }

    /// A cast carries the tensor and buffer of what it casts.
    static void inherit(LocalBinding& to, const LocalBinding& from) {
        to.tensor = from.tensor;
        to.cb = from.cb;
        to.buffer = from.buffer;
    }

    void call_init(LocalBinding& lb, const Expr& call) {
        const Expr& callee = k_.expr(k_.kid(call, 0));
        size_t nargs = call.kids.count - 1;
        if (callee.kind == ExprKind::kName) {
            std::string_view name = callee.text;
            if (name == "get_common_arg_val" && nargs == 1) {
                std::optional<long long> kk = int_value(k_.kid(call, 1));
                lb.kind = LocalKind::kTensorAddr;
                if (!kk) {
                    lb.why = "common runtime arg with a non-constant index";
                    return;
                }
                int kidx = static_cast<int>(*kk);
                const std::vector<int>* row = index_ < static_cast<int>(runner_.tensor_indices.size())
                                                  ? &runner_.tensor_indices[index_]
                                                  : nullptr;
                if (row == nullptr || kidx < 0 || kidx >= static_cast<int>(row->size())) {
                    lb.why = fmt::format(
                        FMT_COMPILE("common runtime arg {} is outside this thread's KERNEL_TENSOR_INDICES row"), kidx);
                    return;
                }
                int param = (*row)[kidx];
                lb.tensor = param_name(param);
                const Expr& arg = k_.expr(k_.kid(call, 1));
                if (arg.kind == ExprKind::kName) arg_tensor_[arg.name_token] = lb.tensor;
                lb.why = fmt::format(
                    FMT_COMPILE("get_common_arg_val({}): KERNEL_TENSOR_INDICES[{}][{}] = {} is tensor '{}'"), kidx,
                    index_, kidx, param, lb.tensor);
                tensor_arg(kidx).param = param;
                return;
            }
            if (name == "TensorAccessorArgs" && nargs == 0) {
                accessor_args(lb, callee);
                return;
            }
            if (name == "TensorAccessor" && nargs == 3) {
                lb.kind = LocalKind::kAccessor;
                int32_t args = local_of(k_.kid(call, 1));
                int32_t addr = local_of(k_.kid(call, 2));
                if (args != kNone && !b_.locals[args].tensor.empty()) {
                    lb.tensor = b_.locals[args].tensor;
                } else if (addr != kNone) {
                    lb.tensor = b_.locals[addr].tensor;
                }
                lb.why = fmt::format(FMT_COMPILE("TensorAccessor over '{}' and '{}'"),
                                     args == kNone ? "?" : std::string(local(args).name),
                                     addr == kNone ? "?" : std::string(local(addr).name));
                return;
            }
            if ((name == "get_write_ptr" || name == "get_read_ptr") && nargs == 1) {
                if (auto n = cb_of(k_.kid(call, 1))) {
                    lb.kind = LocalKind::kCbPointer;
                    lb.cb = *n;
                    lb.buffer = buffer_name(*n);
                    lb.detail = name == "get_write_ptr" ? "write" : "read";
                    lb.why = fmt::format(FMT_COMPILE("{}(CB {}): buffer '{}'"), name, *n, lb.buffer);
                }
                return;
            }
            if (name == "get_absolute_logical_x" || name == "get_absolute_logical_y") {
                lb.kind = LocalKind::kCoreCoord;
                lb.detail = name.back() == 'x' ? "x" : "y";
                lb.why = std::string(name);
                return;
            }
        }
        if (callee.kind == ExprKind::kMember && (callee.text == "get_write_ptr" || callee.text == "get_read_ptr") &&
            nargs == 0) {
            if (auto n = cb_of(k_.kid(callee, 0))) {
                lb.kind = LocalKind::kCbPointer;
                lb.cb = *n;
                lb.buffer = buffer_name(*n);
                lb.detail = callee.text == "get_write_ptr" ? "write" : "read";
                lb.why = fmt::format(FMT_COMPILE("{}() of the CB {} object: buffer '{}'"), callee.text, *n, lb.buffer);
            }
        }
    }

    TensorArgBinding& tensor_arg(int kidx) {
        for (TensorArgBinding& t : b_.tensor_args) {
            if (t.k == kidx) return t;
        }
        b_.tensor_args.push_back(TensorArgBinding{kidx, -1, -1, ""});
        std::sort(b_.tensor_args.begin(), b_.tensor_args.end(),
                  [](const TensorArgBinding& a, const TensorArgBinding& c) { return a.k < c.k; });
        for (TensorArgBinding& t : b_.tensor_args) {
            if (t.k == kidx) return t;
        }
        return b_.tensor_args.front();
    }

    void accessor_args(LocalBinding& lb, const Expr& callee) {
        lb.kind = LocalKind::kAccessorArgs;
        auto targs = k_.template_args(callee);
        if (targs.size() != 2) {
            lb.why = "TensorAccessorArgs with an unexpected template";
            return;
        }
        std::optional<long long> kk = int_value(targs[1]);
        std::optional<int> param;
        const Expr& first = k_.expr(targs[0]);
        int ncb = static_cast<int>(runner_.cbs.size());
        std::string how;
        if (first.kind == ExprKind::kCall && first.kids.count == 1) {
            const Expr& offset = k_.expr(k_.kid(first, 0));
            auto inner = k_.template_args(offset);
            if (offset.kind == ExprKind::kName &&
                offset.text.find("get_tensor_accessor_args_cta_offset") != std::string_view::npos &&
                inner.size() == 2) {
                std::optional<long long> t = int_value(inner[0]);
                std::optional<long long> n = int_value(inner[1]);
                if (t) param = static_cast<int>(*t);
                how = fmt::format(FMT_COMPILE("template get_tensor_accessor_args_cta_offset<{}, {}>"), t ? *t : -1,
                                  n ? *n : -1);
                if (n && *n != ncb) {
                    b_.warnings.push_back(fmt::format(
                        FMT_COMPILE("'{}': the accessor template counts {} circular buffers, the runner {}"),
                        local(lb.local).name, *n, ncb));
                }
            }
        } else if (std::optional<long long> flat = int_value(targs[0])) {
            param = ct_args::tensor_at(*flat, runner_.cbs.size());
            how = fmt::format(FMT_COMPILE("template <{}, ...> = {} CBs + tensor {}"), *flat, ncb, *flat - ncb);
        }
        if (!param || *param < 0) {
            lb.why = "TensorAccessorArgs whose tensor the template does not say";
            return;
        }
        lb.tensor = param_name(*param);
        lb.why = fmt::format(FMT_COMPILE("{}: tensor parameter {} ('{}')"), how, *param, lb.tensor);
        if (kk) {
            TensorArgBinding& t = tensor_arg(static_cast<int>(*kk));
            t.template_param = *param;
            const std::vector<int>* row =
                index_ < static_cast<int>(runner_.tensor_indices.size()) ? &runner_.tensor_indices[index_] : nullptr;
            if (row != nullptr && *kk >= 0 && *kk < static_cast<long long>(row->size()) && (*row)[*kk] != *param) {
                b_.warnings.push_back(
                    fmt::format("'{}': the accessor template says runtime arg {} is tensor '{}' but "
                                "KERNEL_TENSOR_INDICES says '{}'",
                                local(lb.local).name, *kk, lb.tensor, param_name((*row)[*kk])));
            }
        }
    }

    // ---- CBs ----
    void collect_cbs() {
        std::map<int, CbBinding> found;
        for (ExprId id : k_.exprs_of(*fn_)) {
            if (auto n = cb_index(id)) {
                CbBinding& cb = found[*n];
                cb.index = *n;
                cb.buffer = buffer_name(*n);
                cb.from_source = src_ != nullptr && *n < static_cast<int>(src_->buffers.size());
                cb.occurrences.push_back(id);
            }
        }
        for (auto& [index, cb] : found) b_.cbs.push_back(std::move(cb));
    }

    /// The CB index an expression names, whether or not the runner describes it:
    /// `get_compile_time_arg_val(N)`, or a local whose initializer names one (a CB name, a CB
    /// object, a cast of either).
    std::optional<long long> cb_named(ExprId id, int depth = 0) const {
        const Expr& e = k_.expr(id);
        if (e.kind == ExprKind::kCall && e.kids.count == 2) {
            const Expr& callee = k_.expr(k_.kid(e, 0));
            if (callee.kind != ExprKind::kName || callee.text != "get_compile_time_arg_val") return std::nullopt;
            return int_value(k_.kid(e, 1));
        }
        if (e.kind == ExprKind::kCast && depth < 8) return cb_named(k_.kid(e, 0), depth + 1);
        int32_t l = local_of(id);
        if (l == kNone || depth >= 8) return std::nullopt;
        if (b_.locals[l].cb >= 0) return b_.locals[l].cb;
        ExprId init = k_.initializer_of(local(l));
        return init == kNone ? std::nullopt : cb_named(init, depth + 1);
    }

    /// The value of an integer expression that never changes: a literal, or a local never written
    /// after an initializer of that kind.
    std::optional<long long> constant_value(ExprId id, int depth = 0) const {
        const Expr& e = k_.expr(id);
        if (e.kind == ExprKind::kLiteral) return int_literal(e.text);
        int32_t l = local_of(id);
        if (l == kNone || local(l).written_after_init() || depth >= 8) return std::nullopt;
        ExprId init = k_.initializer_of(local(l));
        return init == kNone ? std::nullopt : constant_value(init, depth + 1);
    }

    void collect_cb_uses() {
        for (ExprId id : k_.exprs_of(*fn_)) {
            const Expr& e = k_.expr(id);
            if (e.kind != ExprKind::kCall) continue;
            const Expr& callee = k_.expr(k_.kid(e, 0));
            bool method = callee.kind == ExprKind::kMember;
            if (!method && callee.kind != ExprKind::kName) continue;
            const KernelApiEntry* api = find_kernel_api(callee.text, method);
            if (api == nullptr) continue;
            auto args = k_.kids(e).subspan(1);
            auto add = [&](ExprId operand, std::optional<ExprId> count) {
                CbUse use{id, operand, cb_named(operand), method, api->verb, std::nullopt};
                if (count) use.count = constant_value(*count);
                b_.cb_uses.push_back(use);
            };
            if (method) {
                // `cb.wait_front(n)` and the like; `cb.get_read_ptr()`.
                if (api->verb != CbVerb::kNoVerb && args.size() == 1) add(k_.kid(callee, 0), args[0]);
                if (api->verb == CbVerb::kNoVerb && args.empty()) add(k_.kid(callee, 0), std::nullopt);
                continue;
            }
            for (size_t i = 0; i < args.size() && i < api->param_count(); ++i) {
                if (api->params[i].role != ArgRole::kCb) continue;
                bool protocol = api->verb != CbVerb::kNoVerb && args.size() == 2;
                add(args[i], protocol ? std::optional<ExprId>(args[1]) : std::nullopt);
            }
        }
        for (const Local& l : fn_->locals) {
            std::string_view type = l.type;
            bool object = type.find("CircularBuffer") != std::string_view::npos ||
                          type.find("DataflowBuffer") != std::string_view::npos;
            const Declarator* d = k_.declarator_of(l);
            if (!object || d == nullptr || d->init != Declarator::Init::kParen || d->init_exprs.count != 1) continue;
            ExprId arg = k_.initializer_of(l);
            b_.cb_uses.push_back(CbUse{kNone, arg, cb_named(arg), false, CbVerb::kNoVerb, std::nullopt});
        }
        std::stable_sort(b_.cb_uses.begin(), b_.cb_uses.end(), [&](const CbUse& a, const CbUse& b) {
            return k_.expr(a.operand).range.first < k_.expr(b.operand).range.first;
        });
    }

    // ---- constant roles ----
    TokenIndex current_use_ = 0;
    /// The current constant's roles so far, by kind, loop and detail (one key: kind's byte, the
    /// loop's four bytes, the detail): their places in its `roles` (first seen first).
    std::unordered_map<std::string, uint32_t> roles_seen_;
    std::string role_key_;  // the key being looked up, its buffer reused
    /// The same for the roles of a loop's slots (start, bound, step: a constant can bound
    /// thousands of loops), by kind and loop: no string is made for a role already seen. No other
    /// kind of use gives a slot's kind, so the two never hold the same role.
    std::unordered_map<uint64_t, uint32_t> slot_roles_seen_;
    /// The role of the current use: added to the constant's roles when it is new; the use refers
    /// to it by its place (constant_roles renumbers once the roles are sorted).
    void add_role(LocalBinding& lb, ConstantRole role) {
        role_key_.assign(1, static_cast<char>(role.kind));
        role_key_.append(reinterpret_cast<const char*>(&role.loop), sizeof role.loop);
        role_key_ += role.detail;
        auto [seen, added] = roles_seen_.try_emplace(role_key_, static_cast<uint32_t>(lb.roles.size()));
        uint32_t index = seen->second;
        if (added) lb.roles.push_back(std::move(role));
        if (lb.roles[index].kind != RoleKind::kDead) lb.use_roles.emplace_back(current_use_, index);
    }

    /// add_role for the slot `kind` (start, bound or step) of loop `loop`.
    void add_slot_role(LocalBinding& lb, RoleKind kind, int loop) {
        uint64_t key = (static_cast<uint64_t>(kind) << 32) | static_cast<uint32_t>(loop);
        auto [seen, added] = slot_roles_seen_.try_emplace(key, static_cast<uint32_t>(lb.roles.size()));
        if (added) lb.roles.push_back({kind, std::to_string(loop), loop});
        lb.use_roles.emplace_back(current_use_, seen->second);
    }

    void constant_roles(int32_t i) {
        LocalBinding& lb = b_.locals[i];
        const Local& l = local(i);
        roles_seen_.clear();
        slot_roles_seen_.clear();
        if (l.uses.empty()) {
            add_role(lb, {RoleKind::kDead, ""});
            return;
        }
        for (TokenIndex use : l.uses) {
            current_use_ = use;
            const Context* found = context_of(use);
            if (found == nullptr) {
                add_role(lb, {RoleKind::kArgument, "?"});
                continue;
            }
            const Context& c = *found;
            if (c.loop >= 0 && c.slot != 0) {
                static constexpr RoleKind kSlots[] = {RoleKind::kArgument, RoleKind::kLoopStart, RoleKind::kLoopBound,
                                                      RoleKind::kLoopStep};
                add_slot_role(lb, kSlots[c.slot], c.loop);
                continue;
            }
            if (c.parent == kNone) {
                add_role(lb, {RoleKind::kValue, ""});  // copied into another local
                continue;
            }
            const Expr& p = k_.expr(c.parent);
            if (p.kind == ExprKind::kCall && c.position > 0) {
                const Expr& callee = k_.expr(k_.kid(p, 0));
                int arg = c.position - 1;
                std::optional<RoleKind> role;
                std::string callee_name;
                if (callee.kind == ExprKind::kName) {
                    callee_name = std::string(callee.text);
                    role = constant_arg_role(callee.text, false, arg, p.kids.count - 1);
                } else if (callee.kind == ExprKind::kMember) {
                    callee_name = std::string(callee.text);
                    role = constant_arg_role(callee.text, true, arg, p.kids.count - 1);
                }
                if (role == RoleKind::kCbCount) {
                    std::optional<int> cb;
                    if (callee.kind == ExprKind::kMember)
                        cb = cb_of(k_.kid(callee, 0));
                    else
                        cb = cb_of(k_.kid(p, 1));
                    add_role(lb, {*role, cb ? buffer_name(*cb) : "?"});
                } else if (role == RoleKind::kRtArgIndex) {
                    auto t = arg_tensor_.find(use);
                    add_role(lb, {*role, t == arg_tensor_.end() ? "" : t->second});
                } else if (role) {
                    add_role(lb, {*role, ""});
                } else {
                    add_role(lb, {RoleKind::kArgument, fmt::format(FMT_COMPILE("{}#{}"), callee_name, arg)});
                }
                continue;
            }
            if (p.kind == ExprKind::kBinary) {
                std::string_view op = p.text;
                if (op == "*")
                    add_role(lb, {RoleKind::kMultiplier, ""});
                else if (op == "+" || op == "-")
                    add_role(lb, {RoleKind::kOffset, ""});
                else if (op == "<" || op == ">" || op == "<=" || op == ">=" || op == "==" || op == "!=")
                    add_role(lb, {RoleKind::kCompare, ""});
                else
                    add_role(lb, {RoleKind::kOperand, std::string(op)});
                continue;
            }
            add_role(lb, {RoleKind::kArgument, "?"});
        }
        // A multiplier whose value is a CB page size is a page size in bytes.
        auto upgrade = [&](ConstantRole& r) {
            if (r.kind != RoleKind::kMultiplier || !lb.has_value) return;
            for (const RunnerCb& cb : runner_.cbs) {
                if (cb.present && cb.page_size == lb.value) r = {RoleKind::kPageSize, ""};
            }
        };
        for (ConstantRole& r : lb.roles) upgrade(r);
        // The roles sorted by kind and detail, each once; the uses renumbered. Roles of the same
        // kind and detail are the same role (a slot's detail is its loop; other roles have no loop),
        // so sorting their places in first-seen order and counting the distinct ones gives each
        // its new place (a constant can have thousands of roles, one per loop it bounds).
        std::vector<uint32_t> order(lb.roles.size());
        std::iota(order.begin(), order.end(), 0U);
        std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
            const ConstantRole& x = lb.roles[a];
            const ConstantRole& y = lb.roles[b];
            return x.kind != y.kind ? x.kind < y.kind : x.detail < y.detail;
        });
        std::vector<uint32_t> place(lb.roles.size());
        std::vector<ConstantRole> sorted;
        sorted.reserve(lb.roles.size());
        for (uint32_t r : order) {
            if (sorted.empty() || !(sorted.back() == lb.roles[r])) sorted.push_back(std::move(lb.roles[r]));
            place[r] = static_cast<uint32_t>(sorted.size() - 1);
        }
        lb.roles = std::move(sorted);
        for (auto& [use, r] : lb.use_roles) r = place[r];
    }

    // ---- loops ----
    long long trip_of(const LoopBinding& l) const {
        const Stmt& s = k_.stmt(l.stmt);
        const Stmt& init = k_.stmt(s.init);
        if (init.kind != StmtKind::kDecl || init.declarators.empty() || s.expr == kNone || s.step == kNone) return -1;
        auto start_ids = k_.ids(init.declarators[0].init_exprs);
        if (start_ids.size() != 1) return -1;
        const Expr& cond = k_.expr(s.expr);
        const Expr& step = k_.expr(s.step);
        if (cond.kind != ExprKind::kBinary || cond.text != "<" || step.kind != ExprKind::kBinary || step.text != "+=")
            return -1;
        auto a = int_value(start_ids[0]);
        auto b = int_value(k_.kid(cond, 1));
        auto c = int_value(k_.kid(step, 1));
        if (!a || !b || !c || *c <= 0) return -1;
        return *b > *a ? (*b - *a + *c - 1) / *c : 0;
    }

    long long source_trip(const TtlLoop& l) const {
        if (l.range_args.size() != 1 || src_ == nullptr) return -1;
        if (auto v = int_literal(l.range_args[0])) return *v;
        for (const TtlLocal& local : src_->locals) {
            if (local.name == l.range_args[0]) {
                if (auto v = int_literal(local.value_text)) return *v;
            }
        }
        return -1;
    }

    /// The loops directly inside each loop (see inner_loops), in order.
    template <class Loop>
    static std::vector<std::vector<int>> loops_by_parent(const std::vector<Loop>& loops) {
        std::vector<std::vector<int>> kids(loops.size() + 1);
        for (size_t i = 0; i < loops.size(); ++i) {
            int slot = loops[i].parent + 1;
            if (slot >= 0) kids[static_cast<size_t>(slot)].push_back(static_cast<int>(i));
        }
        return kids;
    }
    /// The loops directly inside loop `parent` (-1: at the top of the thread) of `by_parent`.
    static const std::vector<int>& inner_loops(const std::vector<std::vector<int>>& by_parent, int parent) {
        int slot = parent + 1;
        return by_parent[static_cast<size_t>(slot)];
    }

    void align(int cpp_parent, int src_parent) {
        const std::vector<int>& cpp_kids = inner_loops(cpp_loop_kids_, cpp_parent);
        std::vector<int> src_kids;
        if (thread_ != nullptr && (src_parent >= 0 || cpp_parent < 0))
            src_kids = inner_loops(src_loop_kids_, src_parent);
        size_t next = 0;
        for (int c : cpp_kids) {
            LoopBinding& l = b_.loops[c];
            l.trip = trip_of(l);
            int matched = -1;
            while (next < src_kids.size()) {
                int s = src_kids[next++];
                long long st = source_trip(thread_->loops[s]);
                if (st == 1 && l.trip != 1) {
                    // A one-trip loop the compiler removed: its body's loops move up a level.
                    b_.vanished_loops.push_back(s);
                    const std::vector<int>& inner = inner_loops(src_loop_kids_, s);
                    src_kids.insert(src_kids.begin() + static_cast<std::ptrdiff_t>(next), inner.begin(), inner.end());
                    continue;
                }
                if (st >= 0 && l.trip >= 0 && st != l.trip) continue;
                matched = s;
                break;
            }
            if (matched >= 0) {
                const TtlLoop& sl = thread_->loops[matched];
                l.source_loop = matched;
                l.why = fmt::format(FMT_COMPILE("loop {} at this nesting level: 'for {} in {}' (line {})"), matched,
                                    sl.var, sl.iter_text, sl.line);
                align(c, matched);
            } else {
                l.block_buffer = block_buffer(l);
                std::string reason;
                if (l.block_buffer >= 0) {
                    const TtlBuffer& buf = src_->buffers[static_cast<size_t>(l.block_buffer)];
                    reason = fmt::format(FMT_COMPILE(" (a block loop: {} tiles per block of '{}' {})"), l.trip,
                                         buf.name, buf.shape_text);
                }
                l.why = fmt::format(FMT_COMPILE("added by the compiler: no source loop left at this nesting level{}"),
                                    reason);
                align(c, -2);  // nothing in the source nests here
            }
        }
        for (; next < src_kids.size(); ++next) b_.vanished_loops.push_back(src_kids[next]);
    }

    /// The source buffer whose block shape explains a compiler-added loop's trip count, or -1.
    int block_buffer(const LoopBinding& l) const {
        if (src_ == nullptr || l.trip <= 1) return -1;
        for (size_t i = 0; i < src_->buffers.size(); ++i) {
            const TtlBuffer& buf = src_->buffers[i];
            if (buf.shape.size() == 2 && static_cast<long long>(buf.shape[0]) * buf.shape[1] == l.trip) {
                return static_cast<int>(i);
            }
        }
        return -1;
    }

    void match_loops() {
        cpp_loop_kids_ = loops_by_parent(b_.loops);
        if (thread_ != nullptr) src_loop_kids_ = loops_by_parent(thread_->loops);
        align(-1, -1);
        std::sort(b_.vanished_loops.begin(), b_.vanished_loops.end());
    }

    std::vector<std::vector<int>> cpp_loop_kids_;  // loops_by_parent(b_.loops), for align
    std::vector<std::vector<int>> src_loop_kids_;  // loops_by_parent(thread_->loops)
    const KernelFile& k_;
    const TtlKernel* src_;
    const TtlThread* thread_ = nullptr;
    int index_;
    const RunnerModel& runner_;
    const Function* fn_ = nullptr;
    KernelBinding b_;
    std::unordered_map<TokenIndex, std::string> arg_tensor_;  // runtime-arg index use -> its tensor
    std::map<StmtId, int> loop_of_stmt_;
    struct TokenContext {
        TokenIndex token;
        Context context;
    };
    std::vector<TokenContext> contexts_;  // every plain name the walk reached, by token
    /// Where the walk found the plain name at `token`, or null.
    const Context* context_of(TokenIndex token) const {
        auto it = std::upper_bound(contexts_.begin(), contexts_.end(), token,
                                   [](TokenIndex t, const TokenContext& c) { return t < c.token; });
        if (it == contexts_.begin() || (it - 1)->token != token) return nullptr;
        return &(it - 1)->context;
    }
    std::vector<int> loop_of_var_;  // local -> the loop it is the induction variable of, or -1
};

}  // namespace

KernelBinding bind_kernel(const KernelFile& file, const TtlKernel* kernel, int thread_index,
                          const RunnerModel& runner) {
    return Binder(file, kernel, thread_index, runner).run();
}

std::string dump_binding(const KernelFile& file, const KernelBinding& b) {
    std::string out =
        fmt::format(FMT_COMPILE("thread {} role {} source line {}\n"), b.thread, role_name(b.role), b.source_line);
    if (b.function == kNone) return out + "no entry function\n";
    const Function& fn = file.functions[b.function];
    for (const CbBinding& cb : b.cbs) {
        out += fmt::format(FMT_COMPILE("cb {} -> {}{} ({} uses)\n"), cb.index, cb.buffer,
                           cb.from_source ? "" : " (not in the source)", cb.occurrences.size());
    }
    for (const TensorArgBinding& t : b.tensor_args) {
        out += fmt::format(FMT_COMPILE("runtime arg {} -> tensor {} (template {})\n"), t.k, t.param, t.template_param);
    }
    for (size_t i = 0; i < b.loops.size(); ++i) {
        const LoopBinding& l = b.loops[i];
        out += fmt::format(FMT_COMPILE("loop {} var {} parent {} trip {} -> {}\n"), i,
                           l.var >= 0 ? std::string(fn.locals[l.var].name) : "?", l.parent, l.trip, l.why);
    }
    for (int v : b.vanished_loops) out += fmt::format(FMT_COMPILE("source loop {} has no C++ loop\n"), v);
    for (const LocalBinding& lb : b.locals) {
        const Local& l = fn.locals[lb.local];
        out += fmt::format(FMT_COMPILE("{} {}"), l.name, local_kind_name(lb.kind));
        if (lb.has_value) out += fmt::format(FMT_COMPILE(" = {}"), lb.value);
        if (!lb.tensor.empty()) out += " tensor " + lb.tensor;
        if (!lb.buffer.empty()) out += " buffer " + lb.buffer;
        if (!lb.detail.empty()) out += " (" + lb.detail + ")";
        for (const ConstantRole& r : lb.roles)
            out += fmt::format(FMT_COMPILE(" [{}{}{}]"), role_kind_name(r.kind), r.detail.empty() ? "" : " ", r.detail);
        out += " -- " + lb.why + "\n";
    }
    for (const std::string& w : b.warnings) out += "warning: " + w + "\n";
    return out;
}

}  // namespace ttl
