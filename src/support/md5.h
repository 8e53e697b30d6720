// The MD5 digest that identifies the compiler's files in EXPORT.md and the emulator's kernel
// cache (libmd, Debian's small digest library).
#pragma once

#include <string>
#include <string_view>

namespace ttl {

/// The MD5 digest of `data` in lowercase hex (32 characters).
std::string md5_hex(std::string_view data);

}  // namespace ttl
