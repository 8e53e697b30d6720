// Reading files for the stages, with errors as diagnostics instead of exceptions.
#pragma once

#include <memory>
#include <string>

#include "support/diagnostic.h"
#include "support/source.h"

namespace ttl {

/// Reads a whole file. On failure adds "cannot read 'PATH': REASON" and returns nullptr.
std::shared_ptr<const SourceFile> read_source_file(const std::string& path, Diagnostics& diagnostics);

}  // namespace ttl
