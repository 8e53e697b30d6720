#include "read/package_format.h"

#include <algorithm>
#include <filesystem>
#include <cctype>
#include <charconv>
#include <cstdio>

#include <fmt/format.h>

#include "read/artifacts.h"
#include "read/runner_model.h"
#include "read/thread_role.h"
#include "support/file_io.h"
#include "support/md5.h"
#include "support/cpp_types.h"

namespace ttl::package {

std::string prefix_of(std::string_view kernel) {
    std::string out;
    for (char c : kernel) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string kernel_file(std::string_view kernel, ThreadRole role, bool several_kernels) {
    return several_kernels ? fmt::format("kernels/{}/{}.cpp", kernel, role_name(role))
                           : fmt::format("kernels/{}.cpp", role_name(role));
}

std::string table_name(std::string_view prefix, std::string_view table) {
    return fmt::format("{}_{}", prefix, table);
}

namespace {

class TableReader {
public:
    TableReader(const PyModule& m, std::vector<TableProblem>& problems) : m_(m), problems_(problems) {}

    std::vector<PackageKernel> run() {
        std::map<std::string, std::pair<PyId, uint32_t>> a;
        for (PyId id : m_.body) {
            const PyStmt& s = m_.stmt(id);
            if (s.kind == PyStmtKind::kAssign && s.targets.size() == 1 &&
                m_.expr(s.targets[0]).kind == PyExprKind::kName && s.expr != kNoPy) {
                a[m_.expr(s.targets[0]).text] = {s.expr, s.line};
            }
        }
        std::vector<PackageKernel> out;
        const std::string suffix = "_" + std::string(kThreads);
        for (const auto& [name, value] : a) {
            if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
                continue;
            }
            PackageKernel k;
            k.prefix = name.substr(0, name.size() - suffix.size());
            for (char c : k.prefix) k.name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            auto get = [&](std::string_view table) {
                auto it = a.find(table_name(k.prefix, table));
                return it == a.end() ? std::make_pair(kNoPy, 0U) : it->second;
            };
            RunnerModel& r = k.runner;
            r.format = "package";
            auto [grid, grid_line] = get(kGrid);
            std::vector<PyId> g = items(grid);
            if (g.size() == 2) {
                r.grid_cols = static_cast<int>(int_of(g[0]).value_or(0));
                r.grid_rows = static_cast<int>(int_of(g[1]).value_or(0));
            }
            k.grid_line = grid_line;
            for (PyId t : items(get(kTensors).first)) k.tensors.push_back(str_of(t));
            r.num_tensors = static_cast<int>(k.tensors.size());
            int num_cb = static_cast<int>(int_of(get(kNumCbIndices).first).value_or(0));
            r.cbs.resize(static_cast<size_t>(std::max(num_cb, 0)));
            k.cb_names.resize(r.cbs.size());
            for (size_t i = 0; i < r.cbs.size(); ++i) r.cbs[i].index = static_cast<int>(i);
            for (PyId entry : items(get(kCircularBuffers).first)) {
                std::vector<PyId> f = items(entry);
                if (f.size() != kCbRowSize) continue;
                RunnerCb cb;
                cb.index = static_cast<int>(int_of(f[1]).value_or(-1));
                std::string dtype = m_.dotted_name(f[2]);
                cb.dtype = dtype.substr(dtype.rfind('.') + 1);
                cb.page_size = static_cast<int>(int_of(f[3]).value_or(0));
                cb.total_size = static_cast<int>(int_of(f[4]).value_or(0));
                cb.line = line_of(entry);
                cb.present = true;
                if (cb.index >= static_cast<int>(r.cbs.size())) {
                    r.cbs.resize(static_cast<size_t>(cb.index) + 1);
                    k.cb_names.resize(r.cbs.size());
                }
                if (cb.index < 0) {
                    problems_.push_back({cb.line, fmt::format("circular buffer '{}' has no index", str_of(f[0])),
                                         "write its index as the row's second field"});
                    continue;
                }
                k.cb_names[static_cast<size_t>(cb.index)] = str_of(f[0]);
                r.cbs[static_cast<size_t>(cb.index)] = cb;
            }
            for (PyId entry : items(value.first)) {
                std::vector<PyId> f = items(entry);
                if (f.size() != kThreadRowSize) continue;
                auto role = parse_thread_role(str_of(f[0]));
                if (!role) {
                    problems_.push_back({line_of(entry), fmt::format("'{}' is not a thread role", str_of(f[0])),
                                         "write \"reader\", \"writer\" or \"compute\""});
                    continue;
                }
                RunnerKernel rk;
                rk.role = *role;
                rk.path = str_of(f[1]);
                rk.thread = rk.path;
                rk.line = line_of(entry);
                std::vector<int> row;
                for (PyId tensor : items(f[2])) {
                    std::string t = str_of(tensor);
                    auto it = std::find(k.tensors.begin(), k.tensors.end(), t);
                    row.push_back(it == k.tensors.end() ? -1 : static_cast<int>(it - k.tensors.begin()));
                }
                r.kernels.push_back(std::move(rk));
                r.tensor_indices.push_back(std::move(row));
            }
            out.push_back(std::move(k));
        }
        return out;
    }

private:
    std::optional<long long> int_of(PyId id) const {
        if (id == kNoPy || m_.expr(id).kind != PyExprKind::kNumber) return std::nullopt;
        return integer_literal_value(m_.expr(id).text);
    }
    std::string str_of(PyId id) const {
        return id != kNoPy && m_.expr(id).kind == PyExprKind::kString ? m_.expr(id).value : std::string();
    }
    std::vector<PyId> items(PyId id) const {
        if (id == kNoPy) return {};
        const PyExpr& e = m_.expr(id);
        return e.kind == PyExprKind::kList || e.kind == PyExprKind::kTuple ? e.kids : std::vector<PyId>{};
    }
    uint32_t line_of(PyId id) const { return m_.tokens[m_.expr(id).first_token].line; }

    const PyModule& m_;
    std::vector<TableProblem>& problems_;
};

/// The text between the first pair of backquotes at or after `from`, or nothing.
std::optional<std::string> quoted(std::string_view line, size_t from = 0) {
    size_t open = line.find('`', from);
    if (open == std::string_view::npos) return std::nullopt;
    size_t close = line.find('`', open + 1);
    if (close == std::string_view::npos) return std::nullopt;
    return std::string(line.substr(open + 1, close - open - 1));
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::vector<PackageKernel> read_tables(const PyModule& module, std::vector<TableProblem>& problems) {
    return TableReader(module, problems).run();
}

std::string source_read_record(std::string_view path) {
    return fmt::format("Source read: `{}`.", path);
}

std::string runner_read_record(std::string_view path, std::string_view format) {
    return fmt::format("Runner read: `{}` ({} format).", path, format);
}

std::string options_record(const std::vector<std::string>& flags) {
    std::string out = "Options:";
    for (const std::string& f : flags) out += " `" + f + "`";
    return out + ".";
}

std::string kernel_heading(std::string_view kernel) {
    return fmt::format("## Kernel `{}`", kernel);
}

std::string grid_request(int columns, int rows) {
    return fmt::format(" (the source asks for grid=({}, {}))", columns, rows);
}

std::string kernel_row(std::string_view kernel, std::string_view thread, std::string_view role, std::string_view file,
                       std::string_view emitted, std::string_view md5) {
    return fmt::format("| {} | {} | {} | `{}` | `{}` | `{}` |", kernel, thread, role, file, emitted, md5);
}

ExportRecords read_export_md(std::string_view text) {
    ExportRecords r;
    r.ours = starts_with(text, kTitle) && text.find("\n" + std::string(kExportedBy)) != std::string_view::npos;
    std::vector<std::string> table_files;
    std::string current;  // the kernel whose section we are in
    std::string last_kernel;  // the kernel of the last table row (its runner follows the rows)
    bool in_files = false;
    const std::string heading = kernel_heading("");
    const std::string_view heading_start = std::string_view(heading).substr(0, heading.size() - 1);
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (starts_with(line, "## ")) {
            in_files = line == kPackageFiles;
            r.has_package_files_section = r.has_package_files_section || in_files;
        }
        if (in_files) {
            if (starts_with(line, "- `") && line.size() >= 5 && line.back() == '`') {
                r.package_files.emplace_back(line.substr(3, line.size() - 4));
            }
            continue;
        }
        if (starts_with(line, heading_start)) current = quoted(line).value_or("");
        size_t asks = line.find("the source asks for grid=(");
        if (asks != std::string_view::npos) {
            int x = 0, y = 0;
            std::string rest(line.substr(asks + 26));
            if (std::sscanf(rest.c_str(), "%d, %d", &x, &y) == 2) r.grid_of[current] = {x, y};
        }
        if (starts_with(line, "Source read: `")) {
            size_t close = line.rfind('`');
            r.source_path = std::string(line.substr(14, close - 14));
        }
        if (starts_with(line, "Options: `")) {
            for (size_t open = line.find('`'); open != std::string_view::npos; open = line.find('`', open)) {
                size_t close = line.find('`', open + 1);
                if (close == std::string_view::npos) break;
                r.options.emplace_back(line.substr(open + 1, close - open - 1));
                open = close + 1;
            }
        }
        if (starts_with(line, "Runner read: `") && !last_kernel.empty()) {
            r.runner_of[last_kernel] = quoted(line).value_or("");
        }
        if (starts_with(line, "| ") && line.find("`kernels/") != std::string_view::npos) {
            last_kernel = std::string(line.substr(2, line.find(' ', 2) - 2));
            std::vector<std::string> cells;
            size_t at = 0;
            while (auto cell = quoted(line, at)) {
                at = line.find('`', line.find('`', at) + 1) + 1;
                cells.push_back(*cell);
            }
            if (!cells.empty()) table_files.push_back(cells[0]);
            if (cells.size() == 3) r.emitted[cells[0]] = {cells[1], cells[2]};
        }
    }
    if (!r.has_package_files_section && !table_files.empty()) {
        // Packages written before the list existed: the kernel table, the runner, the report.
        r.package_files = {kReportFile, kRunnerFile};
        r.package_files.insert(r.package_files.end(), table_files.begin(), table_files.end());
    }
    return r;
}

std::filesystem::path recorded_path(const std::string& path) {
    std::error_code ec;
    return std::filesystem::path(path).is_absolute() ? std::filesystem::path(path)
                                                     : std::filesystem::current_path(ec) / path;
}

std::string log_section_path(const std::string& log, uint32_t line) {
    return fmt::format("{}:{}", log, line);
}

std::optional<LogSectionRecord> log_section_record(const std::string& recorded) {
    std::error_code ec;
    size_t colon = recorded.rfind(':');
    if (colon == std::string::npos || std::filesystem::is_regular_file(recorded_path(recorded), ec))
        return std::nullopt;
    LogSectionRecord r{recorded.substr(0, colon), 0};
    const char* first = recorded.data() + colon + 1;
    const char* last = recorded.data() + recorded.size();
    auto [end, error] = std::from_chars(first, last, r.line);
    if (first == last || end != last || error != std::errc() ||
        !std::filesystem::is_regular_file(recorded_path(r.log), ec))
        return std::nullopt;
    return r;
}

std::shared_ptr<const SourceFile> read_recorded_emission(const EmittedFile& emitted) {
    std::shared_ptr<const SourceFile> source;
    if (std::optional<LogSectionRecord> section = log_section_record(emitted.path)) {
        std::string why;
        std::optional<std::string> log = read_file_bytes(recorded_path(section->log).string(), why);
        std::optional<std::string> text = log ? log_section_text(*log, section->line) : std::nullopt;
        if (text) source = std::make_shared<const SourceFile>(recorded_path(emitted.path).string(), std::move(*text));
    } else {
        Diagnostics ignored;
        source = read_source_file(recorded_path(emitted.path).string(), ignored);
    }
    return source && md5_hex(source->text()) == emitted.md5 ? source : nullptr;
}

std::optional<int> circular_buffer_count(const std::string& runner_path, const std::string& kernel_path,
                                         Diagnostics& diagnostics) {
    auto source = read_source_file(runner_path, diagnostics);
    if (!source) return std::nullopt;
    if (looks_like_runner(source->text())) {
        auto runner = read_runner(source, diagnostics);
        if (!runner) return std::nullopt;
        return static_cast<int>(runner->cbs.size());
    }
    auto module = read_python(source, diagnostics);
    if (!module) return std::nullopt;
    std::vector<TableProblem> problems;
    std::vector<PackageKernel> kernels = read_tables(*module, problems);
    namespace fs = std::filesystem;
    std::string relative = fs::path(kernel_path)
                               .lexically_normal()
                               .lexically_relative(fs::path(runner_path).parent_path() / "kernels")
                               .string();
    for (const PackageKernel& k : kernels) {
        for (const RunnerKernel& rk : k.runner.kernels) {
            if (rk.path == relative) return static_cast<int>(k.runner.cbs.size());
        }
    }
    if (kernels.size() == 1) return static_cast<int>(kernels[0].runner.cbs.size());
    diagnostics.add(make_file_diagnostic(
        Severity::kError, runner_path,
        kernels.empty()
            ? std::string("neither an emitted runner nor a package's run_kernel.py: no circular buffers "
                          "are listed")
            : fmt::format("the package has {} kernels and none of them is '{}'", kernels.size(), kernel_path)));
    return std::nullopt;
}

}  // namespace ttl::package
