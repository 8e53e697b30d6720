#include "emulate/api_coverage.h"

#include <algorithm>
#include <optional>
#include <filesystem>
#include <regex>

#include <fmt/format.h>

#include "read/kernel_reader.h"
#include "emulate/kernel_build.h"
#include "support/file_io.h"
#include "support/install_paths.h"
#include "support/parallel.h"
#include "support/process.h"

namespace fs = std::filesystem;

namespace ttl::emu {

namespace {

/// Operators the reader reads as calls.
const std::set<std::string> kOperators = {"sizeof", "alignof", "alignas", "decltype", "static_assert", "noexcept"};

/// Every function or method the kernel calls and does not define, by the name written.
std::set<std::string> calls_of(const KernelFile& k) {
    std::set<std::string> defined;
    for (const Function& f : k.functions) defined.emplace(f.name);
    std::set<std::string> out;
    for (const Expr& e : k.exprs) {
        if (e.kind != ExprKind::kCall) continue;
        const Expr& callee = k.expr(k.kid(e, 0));
        std::string name(callee.text);
        if (callee.kind == ExprKind::kMember) {
            out.insert("." + name);
            continue;
        }
        if (callee.kind != ExprKind::kName || name.empty() || kOperators.count(name) > 0) continue;
        if (name.rfind("std::", 0) == 0 || name.rfind("__builtin", 0) == 0 || defined.count(name) > 0) continue;
        out.insert(name);
    }
    return out;
}

struct CompileFindings {
    std::map<std::string, std::string> not_provided;  ///< name -> header
    std::set<std::string> not_declared;  ///< names (methods as ".name")
    std::string other;  ///< the first other error
};

CompileFindings compile_findings(const std::string& output) {
    static const std::regex kNotProvided(R"(not provided by the emulator: (\w+) \(([^)]+)\))");
    static const std::regex kUndeclared(R"('(?:\w+::)*(\w+)' (?:was not declared in this scope|is not a member of))");
    static const std::regex kNoMember(R"(has no member named '(\w+)')");
    CompileFindings f;
    size_t pos = 0;
    while (pos < output.size()) {
        size_t nl = output.find('\n', pos);
        std::string line = output.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? output.size() : nl + 1;
        if (line.find("error:") == std::string::npos) continue;
        std::smatch m;
        if (std::regex_search(line, m, kNotProvided)) {
            f.not_provided[m[1]] = m[2];
        } else if (std::regex_search(line, m, kUndeclared)) {
            f.not_declared.insert(m[1]);
        } else if (std::regex_search(line, m, kNoMember)) {
            f.not_declared.insert("." + m[1].str());
        } else if (f.other.empty()) {
            f.other = line;
        }
    }
    return f;
}

}  // namespace

size_t CoverageReport::lacking() const {
    return static_cast<size_t>(std::count_if(calls.begin(), calls.end(),
                                             [](const CallCoverage& c) { return c.status != CallStatus::kProvided; }));
}

std::vector<std::string> coverage_inputs(const std::vector<std::string>& paths, Diagnostics& diagnostics) {
    std::vector<std::string> out;
    for (const std::string& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> found;
            for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
                if (it->is_regular_file(ec) && it->path().extension() == ".cpp") found.push_back(it->path().string());
            }
            std::sort(found.begin(), found.end());
            out.insert(out.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(path, ec)) {
            out.push_back(path);
        } else {
            diagnostics.add(make_file_diagnostic(Severity::kError, path, "cannot read: No such file or directory"));
        }
    }
    return out;
}

CoverageReport api_coverage(const std::vector<std::string>& kernels, const std::string& compiler,
                            Diagnostics& diagnostics) {
    CoverageReport report;
    std::map<std::string, CallCoverage> calls;
    const std::string compile = host_compiler(compiler);
    const std::string include = "-I" + share_path("emu/include");
    // Enough compile-time args for any kernel; zeros describe interleaved tensors in L1.
    std::string args = "-DKERNEL_COMPILE_TIME_ARGS=0";
    for (int i = 1; i < 256; ++i) args += ",0";
    // Read every kernel first, then compile them all, several at once.
    struct Unit {
        std::string path;
        std::optional<KernelFile> kernel;
        ProcessResult compiled;
    };
    std::vector<Unit> units;
    for (const std::string& path : kernels) {
        auto source = read_source_file(path, diagnostics);
        auto kernel = source ? read_kernel(source, diagnostics) : std::nullopt;
        if (kernel) units.push_back(Unit{path, std::move(kernel), {}});
    }
    parallel_for(units.size(), [&](size_t i) {
        ProcessOptions run;
        run.env = {{"LC_ALL", "C"}};
        units[i].compiled = run_process(
            {compile, "-std=c++20", "-fsyntax-only", "-w", "-fmax-errors=0", include, args, units[i].path}, run);
    });
    for (Unit& unit : units) {
        const std::string& path = unit.path;
        ++report.kernels;
        if (!unit.compiled.started) {
            diagnostics.add(
                make_file_diagnostic(Severity::kError, path, "cannot run the compiler: " + unit.compiled.error));
            return report;
        }
        CompileFindings f = compile_findings(unit.compiled.output);
        if (!f.other.empty() && f.not_provided.empty() && f.not_declared.empty()) report.other_errors[path] = f.other;
        for (const std::string& name : calls_of(*unit.kernel)) {
            CallCoverage& c = calls[name];
            c.name = name;
            c.kernels.insert(path);
            std::string bare =
                name[0] == '.' ? name : name.substr(name.rfind(':') == std::string::npos ? 0 : name.rfind(':') + 1);
            if (auto it = f.not_provided.find(bare); it != f.not_provided.end()) {
                c.status = CallStatus::kNotProvided;
                c.header = it->second;
                c.lacking_in.insert(path);
            } else if (f.not_declared.count(bare) > 0) {
                if (c.status == CallStatus::kProvided) c.status = CallStatus::kNotDeclared;
                c.lacking_in.insert(path);
            }
        }
    }
    for (auto& [name, c] : calls) report.calls.push_back(std::move(c));
    return report;
}

std::string render_coverage(const CoverageReport& report) {
    std::string out = fmt::format("{} kernel-API call{} in {} kernel{}:\n", report.calls.size(),
                                  report.calls.size() == 1 ? "" : "s", report.kernels, report.kernels == 1 ? "" : "s");
    size_t width = 0;
    for (const CallCoverage& c : report.calls) width = std::max(width, c.name.size());
    for (const CallCoverage& c : report.calls) {
        std::string status = c.status == CallStatus::kProvided ? "provided"
                             : c.status == CallStatus::kNotProvided
                                 ? fmt::format("NOT PROVIDED by the emulator (declared in {})", c.header)
                                 : "NOT DECLARED by the kernel's includes here (a missing include, or an API the "
                                   "emulator's header tree lacks)";
        out += fmt::format("  {:<{}}  {:>3} kernel{}  {}\n", c.name, width, c.kernels.size(),
                           c.kernels.size() == 1 ? " " : "s", status);
        if (c.status != CallStatus::kProvided) {
            for (const std::string& k : c.lacking_in) out += fmt::format("      in {}\n", k);
        }
    }
    for (const auto& [file, error] : report.other_errors) {
        out += fmt::format("note: {} does not compile here for another reason: {}\n", file, error);
    }
    out += report.lacking() == 0
               ? "the emulator provides every call\n"
               : fmt::format("the emulator lacks {} call{}\n", report.lacking(), report.lacking() == 1 ? "" : "s");
    return out;
}

}  // namespace ttl::emu
