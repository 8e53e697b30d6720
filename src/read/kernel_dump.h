// A textual dump of a KernelFile, for tests (input -> expected dump) and for the developer
// command `ttl-export dump`. The format is stable and line oriented; every expression is
// printed fully parenthesised so that a change in how the reader parses shows as a diff.
#pragma once

#include <string>

#include "read/kernel_model.h"

namespace ttl {

/// The whole model: header, items, function bodies, locals.
std::string dump_kernel(const KernelFile& kernel);
/// One expression in the dump's notation, e.g. `call(cb_wait_front, v1)`.
std::string dump_expr(const KernelFile& kernel, ExprId id);

}  // namespace ttl
