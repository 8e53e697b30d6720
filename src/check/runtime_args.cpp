// Every common runtime argument a kernel reads is passed, and the tensors are passed in the order
// the kernel's accessors read them.
#include <fmt/format.h>

#include "check/checks.h"

namespace ttl::check {

void check_runtime_args(const Package& package, const CheckKernel& kernel, const Units& units, Report& report) {
    for (const KernelUnit& unit : units) {
        const KernelFile& k = *unit.file;
        const CheckThread& t = unit.thread;
        if (k.entry_function == kNone) continue;
        const Function& fn = k.functions[k.entry_function];
        for (const LocalBinding& lb : unit.binding.locals) {
            if (lb.kind != LocalKind::kTensorAddr || !lb.tensor.empty()) continue;
            // A runtime arg outside this thread's row: the binder could not name it.
            const Local& l = fn.locals[lb.local];
            report.at_token(k, l.decl_token,
                            fmt::format("'{}' reads a common runtime argument the runner does not pass: it passes {} "
                                        "to this kernel",
                                        l.name, t.tensors.size()),
                            fmt::format("pass the tensor in {}, or correct the argument index",
                                        package::table_name(kernel.prefix, package::kThreads)));
        }
        auto name = [&](int param) {
            return param < static_cast<int>(kernel.tensors.size()) ? kernel.tensors[param] : std::string("?");
        };
        for (const TensorArgBinding& ta : unit.binding.tensor_args) {
            if (ta.param < 0 || ta.template_param < 0 || ta.param == ta.template_param) continue;
            report.at_line(*package.runner, t.line,
                           fmt::format("tensors are passed in the wrong order: common runtime argument {} of {} is "
                                       "'{}', but the kernel reads it with the accessor of tensor {} ('{}')",
                                       ta.k, t.file, name(ta.param), ta.template_param, name(ta.template_param)),
                           fmt::format("pass '{}' as argument {} of {}", name(ta.template_param), ta.k, t.file));
        }
    }
}

}  // namespace ttl::check
