// The mutation suite's generator: semantic mutants of an exported kernel, by class, and the
// harmless edits the validator must accept. Shared by the static suite (every example, every
// mutant through `equiv`) and the tracing oracle (the same mutants run on the emulator, which
// checks each label).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "read/kernel_model.h"

namespace ttl::test {

/// All semantic mutants of one exported kernel, by class.
std::map<std::string, std::vector<std::string>> mutants(const KernelFile& k);

/// Harmless edits of an exported kernel: comments, whitespace, consistent fresh renames, the
/// hand procedure's CB names, token spacing in a #define, literal constants reordered and
/// constants inlined beside a variable of their type.
std::vector<std::string> harmless(const KernelFile& k);

/// Harmless edits of the compiler's own kernel: the cast to a declared type dropped.
std::vector<std::string> harmless_on_compiler_output(const std::string& text);

/// Classes whose mutants change the program only for some inputs or some builds: a type
/// narrowed that only ever holds small values here, a constant passed as another type (another
/// overload may be chosen), a name the profiler's macros declare (`hash`, `zone`: they expand to
/// nothing unless the kernel is built with profiling). The validator refuses them because it
/// cannot prove them; the oracle does not require them to change this run's trace.
bool harmful_only_sometimes(const std::string& kind);

}  // namespace ttl::test
