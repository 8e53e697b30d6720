#include "workflow/vm_workflow.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "read/artifacts.h"
#include "read/package_format.h"

namespace fs = std::filesystem;

namespace ttl::workflow {

std::string result_line(const std::string& output) {
    std::string found;
    size_t pos = 0;
    while (pos < output.size()) {
        size_t nl = output.find('\n', pos);
        std::string line = output.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? output.size() : nl + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (line.rfind("PASS", 0) == 0 || line.rfind("FAIL", 0) == 0) found = line;
    }
    return found;
}

bool compile_in_vm(const std::string& source, const std::string& local_dir, Remote& remote, std::string& error) {
    std::string file = fs::absolute(source).string();
    const Step& plain = remote.run("run", {{"file", file}}, "run the TT-Lang program in the VM");
    if (!plain.result.ok()) {
        error = "the TT-Lang program fails as it is: fix the kernel first\n" + Remote::failure(plain);
        if (plain.result.started && !plain.result.timed_out) {
            const Step& log = remote.run("read_log", {}, "read the VM's log");
            if (log.result.ok()) error += "\nthe VM's log ends with:\n" + tail_lines(log.result.output, 30);
        }
        return false;
    }
    const Step& emit = remote.run("run_emit", {{"file", file}}, "compile the program with the runner emitted");
    if (!emit.result.ok()) {
        error = "the emitting compile failed\n" + Remote::failure(emit);
        return false;
    }
    const Step& log = remote.run("read_log", {}, "read the VM's log");
    if (!log.result.ok()) {
        error = Remote::failure(log);
        return false;
    }
    std::vector<std::string> written = files_written(log.result.output);
    if (written.empty()) {
        error = fmt::format(
            "the compiler's log names no written files (no '=== ... written to PATH ===' lines); it ends "
            "with:\n{}",
            tail_lines(log.result.output, 20));
        return false;
    }
    std::error_code ec;
    fs::create_directories(local_dir, ec);
    if (ec) {
        error = fmt::format("cannot create '{}': {}", local_dir, ec.message());
        return false;
    }
    std::string dir = fs::absolute(local_dir).lexically_normal().string();
    for (const std::string& remote_file : written) {
        const Step& copy = remote.run("copy_out", {{"remote", remote_file}, {"local_dir", dir}},
                                      fmt::format("bring '{}' out of the VM", remote_file));
        std::string local = (fs::path(dir) / fs::path(remote_file).filename()).string();
        if (!copy.result.ok() || !fs::is_regular_file(local, ec)) {
            error = copy.result.ok() ? fmt::format("'{}' is not in '{}' after copying it out of the VM: {}",
                                                   remote_file, dir, tail_lines(copy.result.output, 10))
                                     : Remote::failure(copy);
            return false;
        }
    }
    return true;
}

Verdict verify_in_vm(const std::string& package, Remote& remote) {
    Verdict v;
    fs::path root = fs::absolute(package).lexically_normal();
    std::vector<fs::path> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code sec;
        if (it->is_regular_file(sec)) {
            files.push_back(it->path());
        } else if (sec) {
            v.warnings.push_back(fmt::format("'{}' skipped: {}", it->path().string(), sec.message()));
        }
    }
    if (ec) v.warnings.push_back(fmt::format("'{}' not listed completely: {}", root.string(), ec.message()));
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
        std::string dest = f.parent_path().lexically_relative(root).generic_string();
        if (dest == ".") dest.clear();
        const Step& copy =
            remote.run("copy_in", {{"file", f.string()}, {"dest_dir", dest}},
                       fmt::format("copy '{}' into the VM", f.lexically_relative(root).generic_string()));
        if (!copy.result.ok()) {
            v.detail = Remote::failure(copy);
            return v;
        }
    }
    const Step& run =
        remote.run("run", {{"file", (root / package::kRunnerFile).string()}}, "run run_kernel.py in the VM");
    if (!run.result.started || run.result.timed_out) {
        v.detail = Remote::failure(run);
        return v;
    }
    const Step& log = remote.run("read_log", {}, "read the VM's log");
    std::string text = log.result.ok() ? log.result.output : run.result.output;
    v.result_line = result_line(text);
    v.passed = run.result.exit_code == 0 && v.result_line.rfind("PASS", 0) == 0;
    if (!v.passed) {
        v.detail = run.result.exit_code != 0
                       ? fmt::format("run_kernel.py exited with status {} in the VM", run.result.exit_code)
                       : "run_kernel.py did not print PASS";
        if (!log.result.ok()) v.detail += "\n" + Remote::failure(log);
        v.detail += "\nthe log ends with:\n" + tail_lines(text, 30);
    }
    return v;
}

Verdict verify_local(const std::string& package, Remote& remote) {
    Verdict v;
    fs::path script = fs::absolute(package).lexically_normal() / package::kRunnerFile;
    const Step& run = remote.run("local_python", {{"file", script.string()}}, "run run_kernel.py here");
    if (!run.result.started || run.result.timed_out) {
        v.detail = Remote::failure(run);
        return v;
    }
    v.result_line = result_line(run.result.output);
    v.passed = run.result.exit_code == 0 && v.result_line.rfind("PASS", 0) == 0;
    if (!v.passed) v.detail = Remote::failure(run);
    return v;
}

}  // namespace ttl::workflow
