// Stage "emulate": building a kernel for the CPU. Each kernel file is compiled by the host
// C++ compiler against the emulator's kernel-API headers into a shared library, once per
// distinct source, compile-time args, defines and compute config; libraries are cached by the
// hash of all of those, of every emulator header and of the files the kernel includes from its
// own folder (by content and name, not by folder: the same kernel in another folder, as every
// test and `verify` make, uses the same library), so a second run starts at once. The full key is
// stored beside the library and compared before a cached library is used; the library also
// reports the hash it was built for, which the runtime checks after loading it.
#pragma once

#include <string>
#include <string_view>

#include "emulate/program.h"

namespace ttl::emu {

struct BuildOptions {
    std::string compiler;  ///< empty: $CXX, else `c++`
    std::string cache_dir;  ///< empty: default_cache_dir()
    std::string include_dir;  ///< empty: default_include_dir()
    double timeout_seconds = 300;
};

struct KernelBinary {
    std::string library;  ///< path of the built shared library
    bool cached = false;  ///< found in the cache, not compiled now
    double seconds = 0;  ///< compile time (0 when cached)
    std::string key;  ///< the cache key's hash, which the library reports as `ttl_emu_cache_key`
};

/// $TTL_EXPORT_CACHE, else $XDG_CACHE_HOME/ttl-export/kernels, else ~/.cache/ttl-export/kernels.
std::string default_cache_dir();
/// The host C++ compiler: `chosen` if given, else $CXX, else `c++`.
std::string host_compiler(const std::string& chosen);
/// The kernel-API headers: $TTL_EXPORT_EMU_INCLUDE, else share_dir()/emu/include.
std::string default_include_dir();

/// What a kernel's own folder is called in its library: the build maps the folder to this mark
/// (-fmacro-prefix-map, which __FILE__ and __builtin_FILE follow), and the runtime puts the running
/// kernel's folder back into the locations it reports (kernel_location).
inline constexpr std::string_view kKernelFolderMark = "@kernel-folder@";

/// The file a kernel-API call reports, `file`, with the mark replaced by `folder` (the kernel's own
/// folder, absolute); other files as they are.
std::string kernel_location(std::string_view file, const std::string& folder);

/// The folder the build maps to the mark and kernel_location puts back, for `kernel`: the
/// absolute folder of its file, or "" for a kernel given as text.
std::string kernel_folder(const KernelSpec& kernel);

/// How a kernel is entered, from its text: `::kernel_main` at file scope, or the `MAIN` /
/// `kernel_main` of a `namespace NAMESPACE` wrapper.
std::string entry_function(const std::string& source_text);

/// Builds (or finds in the cache) the library of `kernel`. On failure returns false and sets
/// `error` to the compiler's messages, which name the kernel's own file and line.
bool build_kernel(const KernelSpec& kernel, const BuildOptions& options, KernelBinary& out, std::string& error);

}  // namespace ttl::emu
