// Every check of `ttl-export check`, one file each, in the order package_check.cpp runs them.
#pragma once

#include <vector>

#include "check/check_context.h"

namespace ttl::check {

// The runner and the package as a whole.
void check_runner_standalone(const Package& package, Report& report);  ///< no `import ttl`
void check_runner_python(const Package& package, Report& report);  ///< compiles; no undefined name
void check_runner_layout(const Package& package, Report& report);  ///< KERNEL_DIR, compile-time args
void check_pairing_evidence(const Package& package, Report& report);  ///< EXPORT.md's source and runners agree

// One kernel of the program, with its kernel files read and bound.
using Units = std::vector<KernelUnit>;
void check_grid(const Package& package, const CheckKernel& kernel, const Units& units, Report& report);
void check_cb_pages(const Package& package, const CheckKernel& kernel, const Units& units, Report& report);
void check_compile_time_args(const Package& package, const CheckKernel& kernel, const Units& units, Report& report);
void check_cb_operands(const Package& package, const CheckKernel& kernel, const Units& units, Report& report);
void check_runtime_args(const Package& package, const CheckKernel& kernel, const Units& units, Report& report);
void check_data_formats(const Package& package, const CheckKernel& kernel, const Units& units, Report& report);
void check_cb_protocol(const Package& package, const CheckKernel& kernel, const Units& units, Report& report);
void check_compiler_output(const Package& package, const CheckKernel& kernel, const Units& units, Report& report);

}  // namespace ttl::check
