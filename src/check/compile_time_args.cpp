// What a kernel reads as compile-time arguments fits the layout the runner passes
// (read/compile_time_args): compute kernels get only the CB indices; accessor offsets count the
// runner's CBs and name one of the program's tensors.
#include <fmt/format.h>

#include "check/checks.h"
#include "read/compile_time_args.h"
#include "support/cpp_types.h"

namespace ttl::check {

namespace {

void check_unit(const CheckKernel& kernel, const KernelUnit& unit, Report& report) {
    const KernelFile& k = *unit.file;
    for (const Expr& e : k.exprs) {
        if (e.kind != ExprKind::kCall) continue;
        const Expr& callee = k.expr(k.kid(e, 0));
        if (callee.kind != ExprKind::kName) continue;
        if (callee.text == "get_compile_time_arg_val" && e.kids.count == 2 &&
            unit.thread.role == ThreadRole::kCompute) {
            auto n = integer_literal_value(k.expr(k.kid(e, 1)).text);
            if (n && !ct_args::is_cb_index(*n, static_cast<size_t>(kernel.num_cb()))) {
                report.at_token(k, e.range.first,
                                fmt::format("the kernel reads compile-time argument {}, but compute kernels get only "
                                            "the {} circular-buffer indices",
                                            *n, kernel.num_cb()),
                                "correct the index, or pass the argument in the runner");
            }
        }
        if (callee.text != "TensorAccessorArgs") continue;
        auto targs = k.template_args(callee);
        if (targs.size() != 2) continue;
        const Expr& first = k.expr(targs[0]);
        if (first.kind != ExprKind::kCall || first.kids.count != 1) continue;
        auto inner = k.template_args(k.expr(k.kid(first, 0)));
        if (inner.size() != 2) continue;
        auto tensor = integer_literal_value(k.expr(inner[0]).text);
        auto ncb = integer_literal_value(k.expr(inner[1]).text);
        if (ncb && *ncb != kernel.num_cb()) {
            report.at_token(k, e.range.first,
                            fmt::format("the kernel expects {} circular-buffer indices before the tensor accessor "
                                        "arguments, but the runner passes {}: the compile-time arguments are in "
                                        "another order",
                                        *ncb, kernel.num_cb()),
                            "pass the circular-buffer indices first, then every tensor's accessor arguments");
        }
        if (tensor && (*tensor < 0 || *tensor >= static_cast<long long>(kernel.tensors.size()))) {
            report.at_token(k, e.range.first,
                            fmt::format("the accessor reads tensor {}, but the program has {} tensors", *tensor,
                                        kernel.tensors.size()),
                            "correct the tensor index");
        }
    }
}

}  // namespace

void check_compile_time_args(const Package&, const CheckKernel& kernel, const Units& units, Report& report) {
    for (const KernelUnit& unit : units) check_unit(kernel, unit, report);
}

}  // namespace ttl::check
