// Stage "read": read one emitted kernel file into a KernelFile model.
//
// read_kernel lexes the file (cpp_lexer), checks that brackets balance, parses the top-level
// structure and every function body (kernel_parser), then resolves local identifiers
// (kernel_symbols). Constructs the reader does not model are kept as opaque statements or
// items, never dropped; malformed input is an error with a location.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "read/kernel_model.h"
#include "support/diagnostic.h"

namespace ttl {

/// Reads a kernel from text. Returns nothing (and adds errors) when the input is malformed.
std::optional<KernelFile> read_kernel(std::shared_ptr<const SourceFile> source, Diagnostics& diagnostics);

/// Convenience for tests and fuzzing: reads `text` under the display name `name`.
std::optional<KernelFile> read_kernel_text(const std::string& name, const std::string& text, Diagnostics& diagnostics);

/// Prints the tokens back; equal to the input for every model read_kernel returns.
std::string print_tokens(const KernelFile& kernel);

// Internal steps, exposed for their own tests.

/// Parses tokens into items, functions, statements and expressions (no symbol resolution).
bool parse_kernel(KernelFile& kernel, Diagnostics& diagnostics);
/// Fills Function::locals and KernelFile::macro_words from the parsed structure.
void resolve_locals(KernelFile& kernel);

}  // namespace ttl
