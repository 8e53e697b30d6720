#include "emulate/run_script.h"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "support/install_paths.h"
#include "read/package_format.h"

namespace fs = std::filesystem;

namespace ttl::emu {

std::string script_of(const std::string& target, Diagnostics& diagnostics) {
    auto fail = [&](const std::string& message) {
        diagnostics.add(make_file_diagnostic(Severity::kError, target, message));
        return std::string();
    };
    std::error_code ec;
    if (fs::is_directory(target, ec)) {
        fs::path script = fs::path(target) / package::kRunnerFile;
        if (!fs::is_regular_file(script, ec))
            return fail("no run_kernel.py in this directory: expected an exported package");
        return script.string();
    }
    if (!fs::exists(target, ec)) return fail("cannot read: No such file or directory");  // as every command says it
    if (!fs::is_regular_file(target, ec) || fs::path(target).extension() != ".py") {
        return fail("not a package directory, a .py runner or a .json program");
    }
    return target;
}

std::string ttnn_python_dir() {
    return share_path("emu/python");
}

ProcessResult run_script(const std::string& script, const ScriptOptions& options) {
    std::string python = options.python;
    if (python.empty()) {
        const char* env = std::getenv("TTL_EXPORT_PYTHON");
        std::error_code ec;
        python = env && *env ? env : fs::exists("/usr/bin/python3", ec) ? "/usr/bin/python3" : "python3";
    }
    ProcessOptions run;
    run.timeout_seconds = options.timeout_seconds;
    std::string path = ttnn_python_dir();
    if (path.empty()) {
        ProcessResult missing;
        missing.error =
            "the emulator's Python files are missing (reinstall ttl-export, or set TTL_EXPORT_SHARE to its "
            "share/ttl-export directory)";
        return missing;
    }
    if (const char* existing = std::getenv("PYTHONPATH"); existing && *existing) path += ":" + std::string(existing);
    run.env = {{"PYTHONPATH", path}, {"TTL_EXPORT_BINARY", executable_path()}, {"PYTHONDONTWRITEBYTECODE", "1"}};
    if (!options.cache_dir.empty()) run.env.emplace_back("TTL_EXPORT_CACHE", fs::absolute(options.cache_dir).string());
    if (!options.compiler.empty()) run.env.emplace_back("CXX", options.compiler);
    run.env.insert(run.env.end(), options.env.begin(), options.env.end());
    // The launcher runs the script as __main__, unchanged but for None rows of CB_CONFIGS.
    return run_process({python, ttnn_python_dir() + "/ttl_emu_run.py", script}, run);
}

}  // namespace ttl::emu
