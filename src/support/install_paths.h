// Where ttl-export finds the files it needs at run time (the emulator's kernel headers, the
// Python `ttnn` stand-in, the default command templates): relative to the executable, so an
// installed prefix can be moved; the source tree only for a binary in its build directory.
#pragma once

#include <string>

namespace ttl {

/// The running executable's absolute path ("" when unknown).
std::string executable_path();

/// The data directory: $TTL_EXPORT_SHARE, else EXE_DIR/../share/ttl-export when it holds
/// emu/include, else the source tree when the binary runs from its build directory, else "".
std::string share_dir();

/// `relative` inside share_dir(), or "" when there is no data directory.
std::string share_path(const std::string& relative);

}  // namespace ttl
