// Running clang-format on a rewritten kernel, when it is installed. The style mirrors the one
// chosen: tt-metal's (Google based, 4 spaces, 120 columns) or tt-lang's (LLVM, 2 spaces, 80
// columns); includes are never sorted (that would change tokens the validator compares).
#pragma once

#include <optional>
#include <string>

namespace ttl {

/// The clang-format executable found on PATH, or empty.
std::string find_clang_format();

/// Formats `text`; nothing when clang-format is missing or fails.
std::optional<std::string> run_clang_format(const std::string& text, const std::string& style);

}  // namespace ttl
