// A package's runner finds its kernels from its own location, and passes the compile-time
// arguments in the layout the kernels read them in (read/compile_time_args).
#include <fmt/format.h>

#include "check/checks.h"
#include "read/compile_time_args.h"

namespace ttl::check {

void check_runner_layout(const Package& package, Report& report) {
    if (package.emitted_runner) return;  // the compiler's runner has absolute paths and its own tables
    const PyModule& m = *package.module;
    const SourceFile& runner = *package.runner;
    PyId kernel_dir = kNoPy;
    uint32_t line = 1;
    for (PyId id : m.body) {
        const PyStmt& s = m.stmt(id);
        if (s.kind == PyStmtKind::kAssign && s.targets.size() == 1 && s.expr != kNoPy &&
            m.expr(s.targets[0]).kind == PyExprKind::kName && m.expr(s.targets[0]).text == "KERNEL_DIR") {
            kernel_dir = s.expr;
            line = s.line;
        }
    }
    if (kernel_dir == kNoPy || m.expr_text(kernel_dir).find("Path(__file__)") == std::string::npos) {
        report.at_line(runner, line,
                       "kernel paths do not come from the runner's own location: they resolve against the working "
                       "directory, which breaks when the package is copied (to the VM)",
                       "set KERNEL_DIR = Path(__file__).resolve().parent / \"kernels\"");
    }
    const std::string& text = runner.text();
    for (ThreadRole role : {ThreadRole::kReader, ThreadRole::kCompute}) {
        if (text.find(fmt::format("compile_time_args = {}\n", ct_args::python_expression(role))) != std::string::npos) {
            continue;
        }
        size_t pos = text.find("compile_time_args =");
        uint32_t at = pos == std::string::npos ? 1 : runner.location(static_cast<uint32_t>(pos)).line;
        report.at_line(runner, at,
                       "the compile-time arguments are not the circular-buffer indices followed by every tensor's "
                       "accessor arguments, the order the kernels read them in",
                       fmt::format("compute kernels: compile_time_args = {}; data movement: {}",
                                   ct_args::python_expression(ThreadRole::kCompute),
                                   ct_args::python_expression(ThreadRole::kReader)));
        break;
    }
}

}  // namespace ttl::check
