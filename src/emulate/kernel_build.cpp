#include "emulate/kernel_build.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "read/artifacts.h"
#include "support/install_paths.h"
#include "support/process.h"
#include "ttl_emu/abi.h"
#include "support/md5.h"

namespace fs = std::filesystem;

namespace ttl::emu {

namespace {

std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The compile flags that change what a kernel means (part of the cache key).
std::vector<std::string> kernel_defines(const KernelSpec& k) {
    std::vector<std::string> out;
    std::string args;
    for (uint32_t a : k.compile_time_args) args += (args.empty() ? "" : ",") + std::to_string(a) + "u";
    out.push_back("-DKERNEL_COMPILE_TIME_ARGS=" + args);
    if (k.kind == ThreadRole::kCompute) {
        out.push_back("-DCOMPILE_FOR_TRISC");
        out.push_back(std::string("-DDST_ACCUM_MODE=") + (k.compute.fp32_dest_acc_en ? "true" : "false"));
        out.push_back(std::string("-DAPPROX=") + (k.compute.math_approx_mode ? "true" : "false"));
        out.push_back("-DMATH_FIDELITY=" + std::to_string(k.compute.math_fidelity));
    } else {
        out.push_back(k.kind == ThreadRole::kReader ? "-DCOMPILE_FOR_NCRISC" : "-DCOMPILE_FOR_BRISC");
        out.push_back("-DDATA_FORMATS_DEFINED");
    }
    for (const auto& [name, value] : k.defines) out.push_back("-D" + name + "=" + value);
    return out;
}

/// The hash of every file below the emulator's include directory (each file's path and bytes),
/// computed once per directory and process: any header a kernel may include is covered.
std::string headers_hash(const fs::path& include) {
    static std::mutex mu;
    static std::map<std::string, std::string> done;
    std::lock_guard<std::mutex> lock(mu);
    auto it = done.find(include.string());
    if (it != done.end()) return it->second;
    std::vector<std::string> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator f(include, ec); !ec && f != fs::recursive_directory_iterator();
         f.increment(ec)) {
        std::error_code sec;
        if (f->is_regular_file(sec)) files.push_back(f->path().string());
    }
    std::sort(files.begin(), files.end());
    std::string all;
    for (const std::string& f : files) all += f + "\n" + md5_hex(read_text(f)) + "\n";
    return done[include.string()] = md5_hex(all);
}

/// The files a kernel includes with quotes that exist beside it (and what they include, in
/// turn): a kernel's own helpers, which the cache key must cover like the kernel itself. Each is
/// found under its path relative to `folder`, the kernel's own folder, with its content's hash.
void local_includes(const fs::path& folder, const fs::path& dir, const std::string& text,
                    std::map<std::string, std::string>& found) {
    static const std::regex kInclude(R"re(^[ \t]*#[ \t]*include[ \t]*"([^"]+)")re", std::regex::multiline);
    for (std::sregex_iterator m(text.begin(), text.end(), kInclude), end; m != end; ++m) {
        fs::path path = (dir / (*m)[1].str()).lexically_normal();
        std::string name = path.lexically_relative(folder).generic_string();
        std::error_code ec;
        if (found.count(name) > 0 || !fs::is_regular_file(path, ec)) continue;
        std::string included = read_text(path);
        found[name] = md5_hex(included);
        local_includes(folder, path.parent_path(), included, found);
    }
}

/// A name part no other build uses at the same time: the process and a count of this process's
/// builds (the kernels of one run are built on several threads, and two may be the same kernel).
std::string build_tag() {
    static std::atomic<uint64_t> count{0};
    return fmt::format("{}-{}", getpid(), count++);
}

/// Writes `text` to `path` whole: to a name of this build's first, then renamed, so that a
/// concurrent build of the same kernel never reads half a file.
bool write_whole(const fs::path& path, const std::string& text) {
    fs::path partial = path;
    partial += "." + build_tag() + ".part";
    {
        std::ofstream out(partial, std::ios::binary);
        out << text;
        if (!out.flush()) return false;
    }
    std::error_code ec;
    fs::rename(partial, path, ec);
    return !ec;
}

/// Drops the wrapper's "In file included from" lines so messages start at the kernel.
std::string clean_compiler_output(const std::string& output, const std::string& wrapper) {
    std::istringstream in(output);
    std::string line;
    std::string out;
    while (std::getline(in, line)) {
        if (line.find(wrapper) != std::string::npos) continue;  // the include chain through the wrapper
        out += line + "\n";
    }
    return out;
}

}  // namespace

std::string host_compiler(const std::string& chosen) {
    return chosen.empty() ? env_or("CXX", "c++") : chosen;
}

std::string default_cache_dir() {
    if (const char* v = std::getenv("TTL_EXPORT_CACHE"); v && *v) return v;
    if (const char* v = std::getenv("XDG_CACHE_HOME"); v && *v)
        return (fs::path(v) / "ttl-export" / "kernels").string();
    if (const char* v = std::getenv("HOME"); v && *v)
        return (fs::path(v) / ".cache" / "ttl-export" / "kernels").string();
    return (fs::temp_directory_path() / "ttl-export-kernels").string();
}

std::string default_include_dir() {
    if (const char* v = std::getenv("TTL_EXPORT_EMU_INCLUDE"); v && *v) return v;
    return share_path("emu/include");
}

std::string kernel_location(std::string_view file, const std::string& folder) {
    if (folder.empty() || file.substr(0, kKernelFolderMark.size()) != kKernelFolderMark) return std::string(file);
    return folder + std::string(file.substr(kKernelFolderMark.size()));
}

std::string kernel_folder(const KernelSpec& kernel) {
    if (!kernel.source_code.empty()) return "";
    std::error_code ec;
    return fs::absolute(kernel.source_path, ec).parent_path().string();
}

std::string entry_function(const std::string& text) {
    static const std::regex kMain(R"(\bvoid\s+MAIN\b)");
    static const std::regex kNamespace(R"(\bnamespace\s+NAMESPACE\b)");
    if (std::regex_search(text, kMain)) return "ttl_emu_kernel::ttl_emu_main";
    if (std::regex_search(text, kNamespace)) return "ttl_emu_kernel::kernel_main";
    return "::kernel_main";
}

bool build_kernel(const KernelSpec& kernel, const BuildOptions& options, KernelBinary& out, std::string& error) {
    std::string compiler = host_compiler(options.compiler);
    fs::path cache = options.cache_dir.empty() ? fs::path(default_cache_dir()) : fs::path(options.cache_dir);
    fs::path include = options.include_dir.empty() ? fs::path(default_include_dir()) : fs::path(options.include_dir);
    std::error_code ec;
    if (include.empty() || !fs::exists(include / "ttl_emu" / "kernel_api.h", ec)) {
        error = fmt::format(
            "the emulator's kernel headers are missing: no '{}' (reinstall ttl-export, or set "
            "TTL_EXPORT_SHARE to its share/ttl-export directory)",
            (include / "ttl_emu" / "kernel_api.h").string());
        return false;
    }
    std::string source = kernel.source_code;
    fs::path kernel_path;
    if (source.empty()) {
        kernel_path = fs::absolute(kernel.source_path, ec);
        if (!fs::is_regular_file(kernel_path, ec)) {
            error = fmt::format("kernel file '{}' does not exist", kernel.source_path);
            return false;
        }
        source = read_text(kernel_path);
    }
    std::vector<std::string> flags = {"-std=c++20",           "-O2", "-fPIC", "-shared", "-fvisibility=hidden", "-w",
                                      "-I" + include.string()};
    for (const std::string& d : kernel_defines(kernel)) flags.push_back(d);
    // The key names everything the library is built from: the ABI, the compiler and flags, every
    // emulator header, the kernel's file name and text and the files it includes from its own
    // folder. Not the folder: the library names it only through kKernelFolderMark (unless its name
    // holds a '=', which the compiler's option cannot map).
    std::string folder = kernel_folder(kernel);  // the runtime's, to the byte
    bool mapped = !kernel_path.empty() && folder.find('=') == std::string::npos;
    std::map<std::string, std::string> locals;
    if (!kernel_path.empty()) local_includes(folder, folder, source, locals);
    std::string included = mapped || kernel_path.empty() ? "" : fmt::format("folder {}\n", folder);
    for (const auto& [name, md5] : locals) included += fmt::format("include {} {}\n", name, md5);
    std::string key = fmt::format("abi {}\ncompiler {}\nflags {}\nheaders {}\nfile {}\n{}source {}\n",
                                  TTL_EMU_ABI_VERSION, compiler, fmt::join(flags, " "), headers_hash(include),
                                  kernel_path.filename().string(), included, md5_hex(source));
    std::string hash = md5_hex(key);
    out.key = hash;
    fs::create_directories(cache, ec);
    if (ec) {
        error = fmt::format("cannot create the kernel cache '{}': {}", cache.string(), ec.message());
        return false;
    }
    fs::path library = cache / (hash + ".so");
    fs::path key_file = cache / (hash + ".key");
    out.library = library.string();
    // A cached library is used only when its recorded key is this key, to the byte; the library
    // itself carries the hash too, which the runtime checks after loading it.
    if (fs::exists(library, ec) && read_text(key_file) == key) {
        out.cached = true;
        return true;
    }
    if (kernel_path.empty()) {
        kernel_path = cache / (hash + ".kernel.cpp");
        if (!write_whole(kernel_path, source)) {
            error = fmt::format("cannot write '{}'", kernel_path.string());
            return false;
        }
    } else if (mapped) {
        flags.push_back(fmt::format("-fmacro-prefix-map={}={}", folder, kKernelFolderMark));
    }
    // The wrapper names this build's kernel file: one per build, removed after it.
    std::string tag = build_tag();
    fs::path wrapper = cache / fmt::format("{}.{}.cpp", hash, tag);
    {
        std::ofstream w(wrapper, std::ios::binary);
        w << "#include \"" << kernel_path.string() << "\"\n"
          << "#define TTL_EMU_ENTRY " << entry_function(source) << "\n"
          << "#define TTL_EMU_CACHE_KEY \"" << hash << "\"\n"
          << "#include \"ttl_emu/entry.h\"\n";
    }
    // Build under a unique name and rename: concurrent builds of one kernel never see half a file.
    fs::path partial = cache / fmt::format("{}.{}.so.part", hash, tag);
    std::vector<std::string> argv = {compiler};
    argv.insert(argv.end(), flags.begin(), flags.end());
    argv.insert(argv.end(), {wrapper.string(), "-o", partial.string()});
    ProcessOptions run;
    run.timeout_seconds = options.timeout_seconds;
    ProcessResult r = run_process(argv, run);
    fs::remove(wrapper, ec);
    out.seconds = r.seconds;
    if (!r.ok()) {
        fs::remove(partial, ec);
        if (!r.started) {
            error = fmt::format("cannot run the compiler: {}", r.error);
        } else if (r.timed_out) {
            error = fmt::format("compiling '{}' took longer than {} s", kernel_path.string(), options.timeout_seconds);
        } else {
            error = fmt::format("kernel '{}' does not compile for the emulator:\n{}", kernel_path.string(),
                                clean_compiler_output(r.output, wrapper.string()));
        }
        return false;
    }
    fs::rename(partial, library, ec);
    if (ec) {
        error = fmt::format("cannot store '{}': {}", library.string(), ec.message());
        return false;
    }
    if (!write_whole(key_file, key)) {
        error = fmt::format("cannot write '{}'", key_file.string());
        return false;
    }
    return true;
}

}  // namespace ttl::emu
