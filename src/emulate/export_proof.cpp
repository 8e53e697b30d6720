#include "emulate/export_proof.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "read/package_format.h"
#include "read/py_model.h"
#include "support/file_io.h"

namespace fs = std::filesystem;

namespace ttl::emu {

namespace {

/// A folder of our own under the system's temporary directory, removed with what it holds when
/// the object dies (only if it is still the folder mkdtemp made).
class WorkDir {
public:
    WorkDir() {
        std::error_code ec;
        std::string pattern = (fs::temp_directory_path(ec) / "ttl-verify-XXXXXX").string();
        if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    }
    ~WorkDir() {
        std::error_code ec;
        if (!path_.empty() && fs::path(path_).filename().string().rfind("ttl-verify-", 0) == 0) {
            fs::remove_all(path_, ec);
        }
    }
    WorkDir(const WorkDir&) = delete;
    WorkDir& operator=(const WorkDir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

struct DumpEntry {
    int op = 0;
    int tensor = 0;
    std::string file;
    std::vector<std::string> kernels;  ///< the kernel sources of the call, resolved
};

std::vector<DumpEntry> read_dump_index(const std::string& dir) {
    std::vector<DumpEntry> out;
    std::ifstream in(dir + "/index.txt");
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        DumpEntry e;
        fields >> e.op >> e.tensor >> e.file;
        for (std::string k; fields >> k;) e.kernels.push_back(k);
        out.push_back(std::move(e));
    }
    return out;
}

std::string bytes_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The package's kernel a call ran: the folder below kernels/ of its first kernel source (a
/// package with several kernels), or the package's only kernel.
std::string kernel_of(const DumpEntry& e, const std::string& copy, const std::vector<package::PackageKernel>& kernels) {
    for (const std::string& source : e.kernels) {
        fs::path relative = fs::path(source).lexically_relative(fs::path(copy) / "kernels");
        if (relative.empty() || relative.begin()->string() == "..") continue;
        if (std::distance(relative.begin(), relative.end()) == 2) return relative.begin()->string();
        if (kernels.size() == 1) return kernels[0].name;
    }
    return "";
}

}  // namespace

bool ExportProof::passed() const {
    if (!not_compared.empty() || !mismatch.empty() || tensors.empty()) return false;
    if (!exported.started || exported.timed_out || exported.exit_code != 0) return false;
    if (!compiler.started || compiler.timed_out || compiler.exit_code != 0) return false;
    for (const TensorComparison& t : tensors) {
        if (!t.identical) return false;
    }
    return true;
}

ExportProof prove_export_at_run_time(const std::string& package, const ScriptOptions& options,
                                     Diagnostics& diagnostics) {
    ExportProof proof;
    proof.timeout_seconds = options.timeout_seconds;
    auto md = read_source_file((fs::path(package) / package::kReportFile).string(), diagnostics);
    if (!md) return proof;
    package::ExportRecords records = package::read_export_md(md->text());
    if (records.emitted.empty()) {
        proof.not_compared = "EXPORT.md records no compiler output";
        return proof;
    }
    // The compiler's kernels, as export recorded them (a relative path is from where export ran).
    // package file -> the compiler's kernel: its file, copied as it is, or the text of a captured
    // log's section
    std::map<std::string, fs::path> compiler_kernel;
    std::map<std::string, std::shared_ptr<const SourceFile>> compiler_section;
    for (const auto& [file, emitted] : records.emitted) {
        std::shared_ptr<const SourceFile> kernel = package::read_recorded_emission(emitted);
        if (kernel == nullptr) {
            proof.not_compared = fmt::format(
                "the compiler's output '{}' recorded in EXPORT.md is not here or has changed (relative paths are "
                "from where export ran)",
                emitted.path);
            return proof;
        }
        if (package::log_section_record(emitted.path)) {
            compiler_section[file] = kernel;
        } else {
            compiler_kernel[file] = package::recorded_path(emitted.path);
        }
    }
    std::vector<package::PackageKernel> kernels;
    if (auto runner = read_source_file((fs::path(package) / package::kRunnerFile).string(), diagnostics)) {
        Diagnostics quiet;
        if (auto module = read_python(runner, quiet)) {
            std::vector<package::TableProblem> problems;
            kernels = package::read_tables(*module, problems);
        }
    }
    if (diagnostics.has_errors()) return proof;

    WorkDir work;
    if (work.path().empty()) {
        diagnostics.add(make_file_diagnostic(Severity::kError, fs::temp_directory_path().string(),
                                             "cannot make a temporary folder for the two runs"));
        return proof;
    }
    // Two copies of the package: as exported, and with the compiler's kernels in place of its own.
    const std::string copies[2] = {work.path() + "/exported", work.path() + "/compiler"};
    for (const std::string& copy : copies) {
        for (const std::string& file : records.package_files) {
            std::error_code ec;
            fs::create_directories((fs::path(copy) / file).parent_path(), ec);
            bool compiler = copy == copies[1];
            if (compiler && compiler_section.count(file) > 0) {
                std::ofstream out(fs::path(copy) / file, std::ios::binary);
                out << compiler_section[file]->text();
                if (!out.flush()) ec = std::make_error_code(std::errc::io_error);
            } else {
                bool from_compiler = compiler && compiler_kernel.count(file) > 0;
                fs::copy_file(from_compiler ? compiler_kernel[file] : fs::path(package) / file, fs::path(copy) / file,
                              ec);
            }
            if (ec) {
                diagnostics.add(make_file_diagnostic(Severity::kError, (fs::path(package) / file).string(),
                                                     "cannot copy for the two runs: " + ec.message()));
                return proof;
            }
        }
    }
    ProcessResult* results[2] = {&proof.exported, &proof.compiler};
    std::vector<DumpEntry> dumps[2];
    for (int i = 0; i < 2; ++i) {
        ScriptOptions run = options;
        run.env.emplace_back("TTL_EMU_SEED", "0");
        run.env.emplace_back("TTL_EMU_DUMP_DIR", copies[i] + ".dump");
        *results[i] = run_script(copies[i] + "/run_kernel.py", run);
        dumps[i] = read_dump_index(copies[i] + ".dump");
    }
    if (dumps[0].size() != dumps[1].size()) {
        proof.mismatch = fmt::format("the exported kernels' run made {} tensor outputs, the compiler's {}",
                                     dumps[0].size(), dumps[1].size());
    }
    for (size_t i = 0; i < dumps[0].size() && i < dumps[1].size(); ++i) {
        const DumpEntry& a = dumps[0][i];
        const DumpEntry& b = dumps[1][i];
        TensorComparison t;
        t.op = a.op;
        t.tensor = a.tensor;
        t.kernel = kernel_of(a, copies[0], kernels);
        if (a.op != b.op || a.tensor != b.tensor || t.kernel != kernel_of(b, copies[1], kernels)) {
            proof.mismatch = fmt::format("generic_op call {} ran other kernels in the two runs", a.op);
        }
        for (const package::PackageKernel& k : kernels) {
            if (k.name == t.kernel && t.tensor < static_cast<int>(k.tensors.size())) t.name = k.tensors[t.tensor];
        }
        std::string x = bytes_of(copies[0] + ".dump/" + a.file);
        std::string y = bytes_of(copies[1] + ".dump/" + b.file);
        t.bytes = x.size();
        t.differing_bytes = x.size() > y.size() ? x.size() - y.size() : y.size() - x.size();
        for (size_t j = 0; j < x.size() && j < y.size(); ++j) t.differing_bytes += x[j] != y[j];
        t.identical = t.differing_bytes == 0;
        proof.tensors.push_back(std::move(t));
    }
    return proof;
}

std::string render_export_proof(const std::string& package, const ExportProof& proof) {
    std::string out;
    for (const TensorComparison& t : proof.tensors) {
        std::string what = t.name.empty() ? fmt::format("tensor {}", t.tensor) : fmt::format("tensor '{}'", t.name);
        std::string where = t.kernel.empty() ? "" : fmt::format(" of kernel '{}'", t.kernel);
        if (t.identical) {
            out += fmt::format("PASS: {}{} (generic_op call {}): {} bytes, identical\n", what, where, t.op, t.bytes);
        } else {
            out += fmt::format("FAIL: {}{} (generic_op call {}): {} of {} bytes differ\n", what, where, t.op,
                               t.differing_bytes, t.bytes);
        }
    }
    auto status = [&](const char* which, const ProcessResult& r) -> std::string {
        if (!r.started) return fmt::format("the run with {} did not start: {}\n", which, r.error);
        if (r.timed_out)
            return fmt::format("the run with {} did not finish within {:g} s\n", which, proof.timeout_seconds);
        if (r.exit_code != 0) return fmt::format("the run with {} exited with status {}\n", which, r.exit_code);
        return "";
    };
    out += status("the exported kernels", proof.exported);
    out += status("the compiler's kernels", proof.compiler);
    if (!proof.mismatch.empty()) out += proof.mismatch + "\n";
    if (proof.tensors.empty()) out += "no generic_op call finished, so nothing was compared\n";
    out +=
        proof.passed()
            ? fmt::format(
                  "PASS: {}: the exported and the compiler's kernels give bit-identical tensors ({} "
                  "compared, same seeded inputs)\n",
                  package, proof.tensors.size())
            : fmt::format("FAIL: {}: the exported kernels do not do what the compiler's do on the emulator\n", package);
    return out;
}

}  // namespace ttl::emu
