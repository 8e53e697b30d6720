// Every read or write between a tensor and a CB: the CB's data format is the tensor's, where the
// runner's main() creates the tensor with an explicit dtype.
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "check/checks.h"
#include "support/cpp_types.h"

namespace ttl::check {

namespace {

/// The local of the entry function a name expression refers to, or kNone.
int32_t local_of(const KernelFile& k, ExprId id) {
    return k.entry_function == kNone ? kNone : k.local_of(k.functions[k.entry_function], id);
}

const CbUse* cb_use_of(const KernelBinding& b, ExprId call) {
    for (const CbUse& u : b.cb_uses) {
        if (u.call == call) return &u;
    }
    return nullptr;
}

/// The CB whose memory a data-movement address expression points into: `get_write_ptr(cb)`,
/// `cb.get_read_ptr()`, either plus an offset, inside a wrapper such as `CoreLocalMem<uint32_t>(...)`,
/// or a local initialised with one of those.
std::optional<int> cb_of_address(const KernelFile& k, const KernelBinding& b, ExprId id, int depth = 0) {
    if (id == kNone || depth > 8) return std::nullopt;
    const Expr& e = k.expr(id);
    if (e.kind == ExprKind::kName) {
        int32_t local = local_of(k, id);
        if (local == kNone) return std::nullopt;
        const Local& l = k.functions[k.entry_function].locals[static_cast<size_t>(local)];
        return cb_of_address(k, b, k.initializer_of(l), depth + 1);
    }
    if (e.kind == ExprKind::kCall && e.kids.count >= 1) {
        const Expr& callee = k.expr(k.kid(e, 0));
        bool pointer = callee.text == "get_write_ptr" || callee.text == "get_read_ptr";
        const CbUse* use = pointer ? cb_use_of(b, id) : nullptr;
        if (use != nullptr) return use->index ? std::optional<int>(static_cast<int>(*use->index)) : std::nullopt;
    }
    // A wrapper or an offset: the one operand that points into a CB.
    std::optional<int> found;
    for (ExprId kid : k.ids(e.kids)) {
        auto cb = cb_of_address(k, b, kid, depth + 1);
        if (!cb) continue;
        if (found && *found != *cb) return std::nullopt;
        found = cb;
    }
    return found;
}

/// The tensor behind an accessor operand of a read or write, or empty.
std::string tensor_of_accessor(const KernelFile& k, const KernelBinding& b, ExprId id) {
    int32_t local = local_of(k, id);
    if (local == kNone || static_cast<size_t>(local) >= b.locals.size()) return {};
    const LocalBinding& lb = b.locals[static_cast<size_t>(local)];
    return lb.kind == LocalKind::kAccessor ? lb.tensor : std::string();
}

/// Without the TT-Lang source the binder names tensors by parameter position (`tensor1`).
std::string parameter_name(const CheckKernel& kernel, const std::string& bound) {
    const std::string prefix = "tensor";
    if (bound.rfind(prefix, 0) != 0 || bound.size() == prefix.size()) return bound;
    auto index = integer_literal_value(bound.substr(prefix.size()));
    if (!index || *index < 0 || *index >= static_cast<long long>(kernel.tensors.size())) return bound;
    return kernel.tensors[static_cast<size_t>(*index)];
}

}  // namespace

void check_data_formats(const Package& package, const CheckKernel& kernel, const Units& units, Report& report) {
    auto dtypes = package.dtypes.find(kernel.name);
    if (dtypes == package.dtypes.end()) return;
    std::set<std::tuple<int, std::string>> reported;
    for (const KernelUnit& unit : units) {
        const KernelFile& k = *unit.file;
        for (const Expr& e : k.exprs) {
            if (e.kind != ExprKind::kCall || e.kids.count < 3) continue;
            const Expr& callee = k.expr(k.kid(e, 0));
            if (callee.kind != ExprKind::kName && callee.kind != ExprKind::kMember) continue;
            if (callee.text.find("async_read") == std::string_view::npos &&
                callee.text.find("async_write") == std::string_view::npos) {
                continue;
            }
            std::string tensor;
            std::optional<int> cb;
            auto args = k.ids(e.kids);
            for (size_t a = 1; a < args.size(); ++a) {
                if (std::string found = tensor_of_accessor(k, unit.binding, args[a]); !found.empty()) {
                    tensor = parameter_name(kernel, found);
                } else if (auto c = cb_of_address(k, unit.binding, args[a])) {
                    cb = c;
                }
            }
            if (tensor.empty() || !cb) continue;
            auto dtype = dtypes->second.find(tensor);
            if (dtype == dtypes->second.end()) continue;
            for (const CheckCb& c : kernel.cbs()) {
                if (c.index != *cb || c.dtype == dtype->second.first) continue;
                if (!reported.insert({c.index, tensor}).second) continue;
                report.at_line(
                    *package.runner, c.line,
                    fmt::format("circular buffer '{}' holds {}, but {} moves tensor '{}' through it, "
                                "which main() creates as {} (line {})",
                                c.name, c.dtype, unit.thread.file, tensor, dtype->second.first, dtype->second.second),
                    fmt::format("make the data formats agree: ttnn.{} here, or dtype=ttnn.{} in main()",
                                dtype->second.first, c.dtype));
            }
        }
    }
}

}  // namespace ttl::check
