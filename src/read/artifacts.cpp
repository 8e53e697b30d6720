// Artifact discovery: classify the input, collect candidate runners, match them to kernels,
// resolve and read the kernel files, then cross-check source, runner and kernels.
#include "read/artifacts.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "read/package_format.h"
#include "read/tensor_dtypes.h"
#include "support/file_io.h"
#include "support/md5.h"
#include "support/parallel.h"

namespace fs = std::filesystem;

namespace ttl {

namespace {

std::string quote_list(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) out += (i ? ", '" : "'") + names[i] + "'";
    return out.empty() ? "none" : out;
}

std::string modification_time(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return "unknown time";
    std::tm tm{};
    gmtime_r(&st.st_mtime, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buf;
}

struct Candidate {
    std::string path;
    RunnerModel runner;
    std::vector<std::string> threads;
};

/// One kernel section of a captured compiler log.
struct LogSection {
    std::string name;  ///< as printed in the header
    std::string path;  ///< the path it was written to
    std::string text;
    uint32_t line = 0;
};

struct LogContents {
    std::vector<LogSection> kernels;
    std::vector<std::string> runners;  ///< paths from "runner written to" lines
};

/// Reads `=== <name> kernel written to <path> ===` sections. A section's C++ runs to the next
/// `===` line and is cut after its last line that is exactly `}` (log noise after a kernel).
LogContents parse_log(const std::string& text) {
    LogContents out;
    LogSection* current = nullptr;
    size_t pos = 0;
    uint32_t line_no = 0;
    auto finish = [&]() {
        if (current == nullptr) return;
        size_t last = current->text.rfind("\n}\n");
        if (last != std::string::npos) current->text.resize(last + 3);
        current = nullptr;
    };
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? text.size() : nl + 1;
        ++line_no;
        if (line.rfind("===", 0) == 0) {
            finish();
            size_t written = line.find(" written to ");
            if (written == std::string::npos) continue;
            std::string head = line.substr(0, written);
            std::string path = line.substr(written + 12);
            while (!path.empty() && (path.back() == '=' || path.back() == ' ' || path.back() == '\r')) path.pop_back();
            while (!head.empty() && (head.front() == '=' || head.front() == ' ')) head.erase(head.begin());
            if (head.find("runner") != std::string::npos) {
                out.runners.push_back(path);
                continue;
            }
            size_t kw = head.rfind(" kernel");
            LogSection s;
            s.name = kw == std::string::npos ? head : head.substr(0, kw);
            s.path = path;
            s.line = line_no + 1;
            out.kernels.push_back(std::move(s));
            current = &out.kernels.back();
            continue;
        }
        if (current != nullptr) current->text += line + "\n";
    }
    finish();
    return out;
}

class Finder {
public:
    Finder(const TtlSource& source, const ArtifactOptions& options, Diagnostics& diagnostics)
        : src_(source), opt_(options), diags_(diagnostics) {}

    std::optional<std::vector<KernelArtifacts>> run() {
        std::vector<const TtlKernel*> kernels;
        if (!opt_.kernel.empty()) {
            const TtlKernel* k = src_.kernel(opt_.kernel);
            if (k == nullptr) {
                std::vector<std::string> names;
                for (const TtlKernel& each : src_.kernels) names.push_back(each.name);
                return fail(fmt::format("no kernel named '{}' in '{}'; it defines {}", opt_.kernel, source_name(),
                                        quote_list(names)));
            }
            kernels.push_back(k);
        } else {
            for (const TtlKernel& k : src_.kernels) kernels.push_back(&k);
        }

        // `--runner KERNEL=FILE` (one per kernel) or a bare `--runner FILE`.
        std::vector<std::string> runner_files;
        for (const std::string& r : opt_.runners) {
            size_t eq = r.find('=');
            std::string kernel = eq == std::string::npos ? "" : r.substr(0, eq);
            if (!kernel.empty() && src_.kernel(kernel) != nullptr) {
                if (runner_for_.count(kernel) > 0)
                    return fail(fmt::format("'--runner' names kernel '{}' twice", kernel));
                runner_for_[kernel] = r.substr(eq + 1);
                runner_files.push_back(r.substr(eq + 1));
            } else {
                runner_files.push_back(r);
            }
        }
        if (runner_files.size() > runner_for_.size() + 1 ||
            (runner_files.size() > 1 && runner_files.size() != runner_for_.size())) {
            return fail(
                "a bare '--runner FILE' is for a program with one kernel; with several, pass "
                "'--runner KERNEL=FILE' once per kernel");
        }
        std::string from = opt_.from.empty() ? default_from() : opt_.from;
        std::error_code ec;
        if (fs::is_directory(from, ec)) {
            dir_ = from;
            if (!runner_files.empty()) {
                for (const std::string& f : runner_files) {
                    if (!add_runner_file(f, true)) return std::nullopt;
                }
                explicit_runner_ = true;
            } else if (!scan_directory(from)) {
                return std::nullopt;
            }
        } else if (fs::exists(from, ec)) {
            auto file = read_source_file(from, diags_);
            if (!file) return std::nullopt;
            if (looks_like_runner(file->text())) {
                dir_ = fs::path(from).parent_path().string();
                if (!add_runner_file(from, true)) return std::nullopt;
                explicit_runner_ = true;
            } else if (file->text().find(" written to ") != std::string::npos) {
                log_path_ = from;
                log_ = parse_log(file->text());
                dir_ = fs::path(from).parent_path().string();
                if (!runner_files.empty()) {
                    for (const std::string& f : runner_files) {
                        if (!add_runner_file(f, true)) return std::nullopt;
                    }
                } else if (!log_runner()) {
                    return std::nullopt;
                }
                // One runner is the one given; several (a program of several kernels) are paired
                // by evidence, like a directory's.
                explicit_runner_ = !runner_files.empty() || candidates_.size() == 1;
            } else {
                return fail(
                    fmt::format("'{}' is neither a directory, an emitted runner (no "
                                "'KERNEL_PATHS') nor a compiler log (no '=== ... written to "
                                "...' lines)",
                                from));
            }
        } else {
            diags_.add(make_file_diagnostic(Severity::kError, from,
                                            "cannot read: No such file or directory (expected the "
                                            "compiler's output directory, a runner or a log for "
                                            "'--from')"));
            return std::nullopt;
        }
        if (dir_.empty()) dir_ = ".";

        std::vector<KernelArtifacts> out;
        for (const TtlKernel* k : kernels) {
            std::optional<KernelArtifacts> a = match(*k, kernels.size() > 1 && opt_.kernel.empty());
            if (failed_) return std::nullopt;
            if (a) out.push_back(std::move(*a));
        }
        if (out.empty()) return fail_no_match(*kernels.front());
        return out;
    }

private:
    std::string source_name() const { return src_.module->source->name(); }

    std::optional<std::vector<KernelArtifacts>> fail(std::string message) {
        failed_ = true;
        diags_.add(make_file_diagnostic(Severity::kError, "", std::move(message)));
        return std::nullopt;
    }
    void warn(const std::string& file, std::string message) {
        diags_.add(make_file_diagnostic(Severity::kWarning, file, std::move(message)));
    }
    void error(const std::string& file, std::string message) {
        failed_ = true;
        diags_.add(make_file_diagnostic(Severity::kError, file, std::move(message)));
    }

    bool add_runner_file(const std::string& path, bool required) {
        Diagnostics local;
        auto file = read_source_file(path, local);
        std::optional<RunnerModel> runner;
        if (file) runner = read_runner(file, local);
        if (!runner) {
            if (required) {
                for (const Diagnostic& d : local.items()) diags_.add(d);
                failed_ = true;
                return false;
            }
            std::string first = local.items().empty() ? "unreadable" : local.items().front().message;
            warn(path, fmt::format("skipped: not a readable runner ({})", first));
            return true;
        }
        Candidate c;
        c.path = path;
        for (const RunnerKernel& k : runner->kernels) c.threads.push_back(k.thread);
        c.runner = std::move(*runner);
        candidates_.push_back(std::move(c));
        return true;
    }

    bool scan_directory(const std::string& dir) {
        std::vector<std::string> files;
        std::error_code ec;
        for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::directory_iterator(); it.increment(ec)) {
            std::string name = it->path().filename().string();
            if (name.size() < 3 || name.compare(name.size() - 3, 3, ".py") != 0) continue;
            std::error_code sec;
            bool regular = it->is_regular_file(sec);
            if (sec) {
                warn(it->path().string(), fmt::format("skipped: {}", sec.message()));
                continue;
            }
            if (regular) files.push_back(it->path().string());
        }
        if (ec) {
            error(dir, fmt::format("cannot list the directory: {}", ec.message()));
            return false;
        }
        std::sort(files.begin(), files.end());
        for (const std::string& f : files) {
            bool by_name = f.size() > 10 && f.compare(f.size() - 10, 10, "_runner.py") == 0;
            if (!by_name) {
                Diagnostics ignored;
                auto file = read_source_file(f, ignored);
                if (!file || !looks_like_runner(file->text())) continue;
            }
            if (!add_runner_file(f, false)) return false;
        }
        return true;
    }

    /// Every runner the log names that is there (or next to the log): a program with several
    /// kernels writes one each, and pairing picks each kernel's among them.
    bool log_runner() {
        bool found = false;
        std::set<std::string> added;
        for (const std::string& path : log_.runners) {
            std::error_code ec;
            std::string resolved = path;
            if (!fs::exists(resolved, ec)) resolved = (fs::path(dir_) / fs::path(path).filename()).string();
            if (!fs::exists(resolved, ec) || !added.insert(resolved).second) continue;
            if (!add_runner_file(resolved, true)) return false;
            found = true;
        }
        if (found) return true;
        std::string named =
            log_.runners.empty()
                ? "names no runner"
                : fmt::format("names the runner '{}', which is not there nor next to the log", log_.runners.front());
        error(log_path_, fmt::format("the log {}; pass '--runner FILE' (the '..._runner.py' the compiler "
                                     "wrote with TTLANG_EMIT_RUNNER=1)",
                                     named));
        return false;
    }

public:
    static std::vector<std::string> thread_names(const TtlKernel& k) { return names_of(k); }
    static std::vector<std::string> names_of(const TtlKernel& k) {
        std::vector<std::string> names;
        for (const TtlThread& t : k.threads) names.push_back(t.name);
        return names;
    }

    std::optional<std::vector<KernelArtifacts>> fail_no_match(const TtlKernel& k) {
        if (failed_) return std::nullopt;
        std::string where = log_path_.empty() ? dir_ : log_path_;
        std::string message = fmt::format(
            "no runner for kernel '{}' in '{}': expected a '*_runner.py' whose 'KERNEL_PATHS' name "
            "the threads {} (run the program with TTLANG_EMIT_RUNNER=1, or pass '--from DIR|RUNNER|LOG')",
            k.name, where, quote_list(thread_names(k)));
        for (const Candidate& c : candidates_) {
            message += fmt::format("\n  '{}' names {}", c.path, quote_list(c.threads));
        }
        return fail(message);
    }

    // ---- pairing by evidence ----

    /// The log's section written for a runner's thread, or null: the first written to the file
    /// the runner names (by file name: the log may have been captured elsewhere); failing that,
    /// the section printed under the thread's name, if the log has exactly one text by that name
    /// (two kernels of a program may share a thread's name: `*ambiguous` then says so). Pairing
    /// and the export both ask here.
    const LogSection* section_of(const RunnerKernel& rk, bool* ambiguous = nullptr) const {
        std::string file = fs::path(rk.path).filename().string();
        const LogSection* by_name = nullptr;
        bool several = false;
        for (const LogSection& sec : log_.kernels) {
            if (fs::path(sec.path).filename() == file) return &sec;
            if (sec.name != rk.thread) continue;
            several = several || (by_name != nullptr && by_name->text != sec.text);
            if (by_name == nullptr) by_name = &sec;
        }
        if (ambiguous != nullptr) *ambiguous = several;
        return several ? nullptr : by_name;
    }
    /// A log's section as a file named LOG:LINE, made once (pairing and artifacts() share it).
    std::shared_ptr<const SourceFile> section_file(const LogSection& sec) {
        std::string key = package::log_section_path(log_path_, sec.line);
        auto it = files_.find(key);
        if (it == files_.end()) it = files_.emplace(key, std::make_shared<const SourceFile>(key, sec.text)).first;
        return it->second;
    }

    /// The file of thread `i` of a candidate, resolved as artifacts() resolves it (null if
    /// absent or unreadable); read once and kept (artifacts() takes it from here).
    std::shared_ptr<const SourceFile> thread_file(const Candidate& c, size_t i) {
        const RunnerKernel& rk = c.runner.kernels[i];
        if (!log_path_.empty()) {
            const LogSection* sec = section_of(rk);
            return sec == nullptr ? nullptr : section_file(*sec);
        }
        std::string path = kernel_file_of(c.path, rk, &copies_);
        auto it = files_.find(path);
        if (it == files_.end()) {
            Diagnostics ignored;
            it = files_.emplace(path, read_source_file(path, ignored)).first;
        }
        return it->second;
    }
    /// Its text ("" if absent), as artifacts() takes it: a log's section as the log holds it. A
    /// view of what the finder keeps (the log, the files read), not a copy.
    std::string_view thread_text(const Candidate& c, size_t i) {
        if (!log_path_.empty()) {
            const LogSection* sec = section_of(c.runner.kernels[i]);
            return sec == nullptr ? std::string_view() : std::string_view(sec->text);
        }
        std::shared_ptr<const SourceFile> file = thread_file(c, i);  // kept in files_
        return file ? std::string_view(file->text()) : std::string_view();
    }

    /// The arithmetic a compute thread's stores perform, from the source: `a + b` is add, `a - b`
    /// sub, `a * b` mul, `a @ b` matmul (the families every emitter spells as tile calls).
    static std::set<std::string> source_ops(const TtlThread& t) {
        std::set<std::string> ops;
        for (const TtlCall& store : t.stores) {
            for (const std::string& arg : store.args) {
                bool operand_before = false;
                for (size_t i = 0; i < arg.size(); ++i) {
                    char c = arg[i];
                    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ')' || c == ']') {
                        operand_before = true;
                    } else if (c == '+' || c == '-' || c == '*' || c == '@') {
                        bool power = c == '*' && i + 1 < arg.size() && arg[i + 1] == '*';
                        if (operand_before && !power)
                            ops.insert(c == '+' ? "add" : c == '-' ? "sub" : c == '*' ? "mul" : "matmul");
                        if (power) ++i;
                        operand_before = false;
                    } else if (c != ' ' && c != '.') {
                        operand_before = false;
                    }
                }
            }
        }
        return ops;
    }

    static std::string join_set(const std::set<std::string>& s) {
        std::string out;
        for (const std::string& x : s) out += (out.empty() ? "" : ", ") + x;
        return out.empty() ? "none" : out;
    }

    PairingCandidate evaluate(const TtlKernel& k, const Candidate& c) {
        if (!dtypes_ready_) {
            std::map<std::string, std::vector<std::string>> params;
            for (const TtlKernel& each : src_.kernels) params[each.name] = each.params;
            for (const auto& [kernel, tensors] : tensor_dtypes(*src_.module, params, "")) {
                for (const auto& [tensor, dtype] : tensors) dtypes_[kernel][tensor] = dtype.first;
            }
            dtypes_ready_ = true;
        }
        return compare_with_runner(
            k, c.runner, c.path, [&](size_t i) { return thread_file(c, i); }, dtypes_[k.name]);
    }

    /// What makes two emissions the same program: their tables and their kernels' text.
    std::string signature(const Candidate& c) {
        const RunnerModel& r = c.runner;
        std::string sig = fmt::format("{} {} {}\n", r.num_tensors, r.grid_cols, r.grid_rows);
        for (size_t i = 0; i < r.kernels.size(); ++i) {
            sig += r.kernels[i].thread + " " + std::string(role_name(r.kernels[i].role)) + " " +
                   md5_hex(thread_text(c, i));
            for (int t : r.tensor_indices[i]) sig += " " + std::to_string(t);
            sig += "\n";
        }
        for (const RunnerCb& cb : r.cbs) {
            sig += fmt::format("{} {} {} {} {} {} {}\n", cb.present, cb.rows, cb.cols, cb.block_count, cb.dtype,
                               cb.page_size, cb.total_size);
        }
        return sig;
    }

    static std::string evidence(const PairingCandidate& pc) {
        const PairingFact* f = pc.first_disagreement();
        return f == nullptr ? "agrees on every fact" : fmt::format("{}: {}", f->name, f->detail);
    }

    std::optional<KernelArtifacts> match(const TtlKernel& k, bool others_may_match) {
        std::vector<std::string> names = thread_names(k);
        std::vector<const Candidate*> pool;
        auto given = runner_for_.find(k.name);
        if (given != runner_for_.end()) {
            for (const Candidate& c : candidates_) {
                if (c.path == given->second) pool.push_back(&c);
            }
        } else if (!runner_for_.empty()) {
            warn("", fmt::format("kernel '{}' is not exported: no '--runner {}=FILE' was given", k.name, k.name));
            return std::nullopt;
        } else {
            for (const Candidate& c : candidates_) pool.push_back(&c);
        }
        PairingRow row;
        row.kernel = k.name;
        std::vector<std::pair<const Candidate*, PairingCandidate>> named;
        for (const Candidate* c : pool) {
            PairingCandidate pc = evaluate(k, *c);
            if (pc.facts.front().agrees) named.emplace_back(c, pc);
            row.candidates.push_back(std::move(pc));
        }
        struct RowGuard {
            std::vector<PairingRow>* rows;
            PairingRow& row;
            ~RowGuard() {
                if (rows != nullptr) rows->push_back(row);
            }
        } keep_row{pairing_, row};
        if (named.empty()) {
            if (explicit_runner_ && others_may_match && runner_for_.empty()) {
                warn("", fmt::format("kernel '{}' is not exported: the runner given names {}, not its "
                                     "threads {}",
                                     k.name, quote_list(candidates_.front().threads), quote_list(names)));
                return std::nullopt;
            }
            if (explicit_runner_) {
                const Candidate& c = pool.empty() ? candidates_.front() : *pool.front();
                error(c.path, fmt::format("runner does not match kernel '{}': its 'KERNEL_PATHS' name the "
                                          "threads {}, the source defines {}",
                                          k.name, quote_list(c.threads), quote_list(names)));
                return std::nullopt;
            }
            if (others_may_match) {
                warn("", fmt::format("kernel '{}' is not exported: no runner in '{}' names its threads {}", k.name,
                                     dir_, quote_list(names)));
                return std::nullopt;
            }
            fail_no_match(k);
            return std::nullopt;
        }
        if (explicit_runner_) {
            const auto& [c, pc] = named.front();
            if (!pc.consistent()) {
                error(c->path, fmt::format("runner does not belong to kernel '{}': {} (this export would run "
                                           "another kernel's code; pass the runner of '{}')",
                                           k.name, evidence(pc), k.name));
                return std::nullopt;
            }
            row.chosen = c->path;
            return artifacts(k, *c);
        }
        // Fully consistent runners first; else those that differ only in a tensor-order guess.
        std::vector<const Candidate*> chosen;
        for (const auto& [c, pc] : named) {
            bool all = std::all_of(pc.facts.begin(), pc.facts.end(), [](const PairingFact& f) { return f.agrees; });
            if (all) chosen.push_back(c);
        }
        if (chosen.empty()) {
            for (const auto& [c, pc] : named) {
                if (pc.consistent()) chosen.push_back(c);
            }
        }
        if (chosen.empty()) {
            std::string message = fmt::format(
                "no emission in '{}' is kernel '{}': each runner that names its threads disagrees with the "
                "source:",
                log_path_.empty() ? dir_ : log_path_, k.name);
            for (const auto& [c, pc] : named) message += fmt::format("\n  {}: {}", c->path, evidence(pc));
            fail(message);
            return std::nullopt;
        }
        std::sort(chosen.begin(), chosen.end(), [](const Candidate* a, const Candidate* b) {
            return modification_time(a->path) > modification_time(b->path) ||
                   (modification_time(a->path) == modification_time(b->path) && a->path < b->path);
        });
        std::string first = chosen.size() > 1 ? signature(*chosen.front()) : "";
        bool identical =
            std::all_of(chosen.begin() + 1, chosen.end(), [&](const Candidate* c) { return signature(*c) == first; });
        if (!identical) {
            std::string message = fmt::format(
                "{} different emissions in '{}' agree with kernel '{}' on every fact ttl-export reads; pass "
                "'--runner {}=FILE' to choose one:",
                chosen.size(), dir_, k.name, k.name);
            for (const Candidate* c : chosen)
                message += fmt::format("\n  {} (modified {})", c->path, modification_time(c->path));
            fail(message);
            return std::nullopt;
        }
        if (chosen.size() > 1) {
            warn(chosen.front()->path, fmt::format("{} identical emissions of kernel '{}' in '{}' (stale copies); the "
                                                   "newest is used",
                                                   chosen.size(), k.name, dir_));
        }
        row.chosen = chosen.front()->path;
        return artifacts(k, *chosen.front());
    }

    std::optional<KernelArtifacts> artifacts(const TtlKernel& k, const Candidate& c) {
        KernelArtifacts a;
        a.kernel = k.name;
        a.runner_path = c.path;
        a.runner = c.runner;
        const RunnerModel& r = c.runner;
        // The kernel files read and hashed in parallel (most of the work on large kernels); what
        // they say is reported below, in thread order.
        struct Read {
            std::string path;
            KernelFileLookup lookup;
            bool exists = false;
            std::shared_ptr<const SourceFile> file;
            Diagnostics diagnostics;
            std::string md5;
        };
        std::vector<Read> reads(log_path_.empty() ? r.kernels.size() : 0);
        for (size_t i = 0; i < reads.size(); ++i) {
            reads[i].lookup = find_kernel_file(c.path, r.kernels[i], &copies_);
            reads[i].path = reads[i].lookup.resolved();
            auto it = files_.find(reads[i].path);  // read already to pair the runner
            if (it != files_.end() && it->second) {
                reads[i].exists = true;
                reads[i].file = it->second;
            }
        }
        parallel_for(reads.size(), [&](size_t i) {
            Read& read = reads[i];
            if (!read.file) {
                std::error_code ec;
                read.exists = fs::exists(read.path, ec);
                if (!read.exists) return;
                read.file = read_source_file(read.path, read.diagnostics);
            }
            if (read.file) read.md5 = md5_hex(read.file->text());
        });
        for (size_t i = 0; i < r.kernels.size(); ++i) {
            const RunnerKernel& rk = r.kernels[i];
            ThreadArtifact t;
            t.thread = rk.thread;
            t.role = rk.role;
            if (!log_path_.empty()) {
                bool ambiguous = false;
                const LogSection* section = section_of(rk, &ambiguous);
                if (section == nullptr) {
                    error(log_path_, fmt::format("the log has no kernel section for thread '{}' (expected "
                                                 "'=== {} kernel written to {} ==='){}",
                                                 rk.thread, rk.thread, rk.path,
                                                 ambiguous ? "; it has several different ones under that name, and "
                                                             "none written to that file"
                                                           : ""));
                    return std::nullopt;
                }
                t.file = section_file(*section);
                t.path = t.file->name();
                t.md5 = md5_hex(section->text);
            } else {
                Read& read = reads[i];
                const std::string& path = read.path;
                if (!read.exists) {
                    std::string copies;
                    for (const std::string& f : read.lookup.candidates) copies += fmt::format(" '{}'", f);
                    error(c.path,
                          fmt::format("kernel file for thread '{}' not found: neither '{}' nor "
                                      "'{}' exists{}",
                                      rk.thread, rk.path, path,
                                      copies.empty() ? std::string(", and no copy under another name is beside the "
                                                                   "runner or in a folder beside it")
                                                     : fmt::format(", and several files beside the runner could be "
                                                                   "its copy:{}; keep one, or give it its emitted name",
                                                                   copies)));
                    return std::nullopt;
                }
                if (!read.lookup.how.empty()) {
                    warn(path, fmt::format("taken as thread '{}' (the runner names '{}', which is not there): {}",
                                           rk.thread, rk.path, read.lookup.how));
                }
                if (!read.file) {
                    for (const Diagnostic& d : read.diagnostics.items()) diags_.add(d);
                    failed_ = true;
                    return std::nullopt;
                }
                t.path = path;
                t.md5 = std::move(read.md5);
                t.file = read.file;
                if (!rk.hash.empty()) {
                    std::string actual = t.md5.substr(0, 8);
                    if (actual != rk.hash) {
                        warn(path, fmt::format("content hash '{}' does not match the '{}' in its name: the "
                                               "file was edited or reformatted after the compiler wrote it",
                                               actual, rk.hash));
                    }
                }
            }
            std::string first_line = t.text().substr(0, t.text().find('\n'));
            if (first_line.rfind("//", 0) == 0) {
                std::string named = first_line.substr(2);
                named.erase(0, named.find_first_not_of(' '));
                while (!named.empty() && (named.back() == ' ' || named.back() == '\r')) named.pop_back();
                if (!named.empty() && named.find(' ') == std::string::npos && named != rk.thread) {
                    warn(t.path, fmt::format("first line names '{}', but the runner says this is thread '{}'", named,
                                             rk.thread));
                }
            }
            a.threads.push_back(std::move(t));
        }
        warn_tensor_order(k, c);
        return a;
    }

    /// The chosen runner agrees with the kernel on every hard fact (match() saw to it); what is
    /// left to say is a tensor order other than the captured names predict.
    void warn_tensor_order(const TtlKernel& k, const Candidate& c) {
        const RunnerModel& r = c.runner;
        for (size_t i = 0; i < k.threads.size() && i < r.kernels.size(); ++i) {
            const TtlThread& t = k.threads[i];
            std::vector<int> predicted;  // a compute thread is passed no tensors
            if (t.role != ThreadRole::kCompute) {
                for (const std::string& tensor : t.captured_tensors) predicted.push_back(k.param_index(tensor));
            }
            const std::vector<int>& actual = r.tensor_indices[i];
            if (predicted == actual) continue;
            auto names = [&](const std::vector<int>& idx) {
                std::vector<std::string> out;
                for (int v : idx) out.push_back(v >= 0 && v < static_cast<int>(k.params.size()) ? k.params[v] : "?");
                return quote_list(out);
            };
            auto ints = [](const std::vector<int>& idx) {
                std::string s;
                for (int v : idx) s += (s.empty() ? "" : ", ") + std::to_string(v);
                return "[" + s + "]";
            };
            warn(c.path, fmt::format("thread '{}': the runner passes tensors {} ({}) but its captures "
                                     "predict {} ({}); the runner's order is used",
                                     t.name, ints(actual), names(actual), ints(predicted), names(predicted)));
        }
    }

    const TtlSource& src_;
    const ArtifactOptions& opt_;
    Diagnostics& diags_;
    std::vector<Candidate> candidates_;
    std::string dir_;
    std::string log_path_;
    LogContents log_;
    bool explicit_runner_ = false;
    bool failed_ = false;
    std::map<std::string, std::string> runner_for_;  ///< `--runner KERNEL=FILE`
    std::map<std::string, std::shared_ptr<const SourceFile>>
        files_;  ///< kernels read for pairing, by path (a log's sections by LOG:LINE; null: unreadable)
    KernelCopyCache copies_;  ///< folders searched for kernel files kept under other names
    std::vector<PairingRow>* pairing_ = nullptr;
    std::map<std::string, std::map<std::string, std::string>> dtypes_;  ///< kernel -> tensor -> dtype
    bool dtypes_ready_ = false;

public:
    void record_pairing(std::vector<PairingRow>* rows) { pairing_ = rows; }
};

}  // namespace

// Each identifier whole (a word boundary on both sides), then its call or template bracket. Only
// a word with `_tile` in it can name a tile operation: those are found with a substring search
// (the compute kernel of a large program is most of a megabyte), each word once.
std::set<std::string> tile_operations(std::string_view text) {
    auto word = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    };
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    auto strip = [](std::string_view& s, std::string_view suffix) {
        if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
        s.remove_suffix(suffix.size());
        return true;
    };
    std::set<std::string> ops;
    size_t done = 0;  // the end of the last word looked at
    for (size_t at = text.find("_tile"); at != std::string_view::npos;
         at = text.find("_tile", std::max(at + 1, done))) {
        size_t i = at;
        while (i > 0 && word(text[i - 1])) --i;
        size_t j = at;
        while (j < text.size() && word(text[j])) ++j;
        done = j;
        std::string_view name = text.substr(i, j - i);
        while (j < text.size() && space(text[j])) ++j;
        if (j == text.size() || (text[j] != '(' && text[j] != '<')) continue;
        strip(name, "_init");
        if (!strip(name, "_tiles") && !strip(name, "_tile")) continue;
        for (std::string_view variant : {"_binary", "_unary", "_int32", "_int"}) {
            if (strip(name, variant)) break;
        }
        for (std::string_view op : {"add", "sub", "mul", "matmul"}) {
            if (name == op) ops.insert(std::string(op));
        }
    }
    return ops;
}

PairingCandidate compare_with_runner(const TtlKernel& k, const RunnerModel& r, const std::string& runner_path,
                                     const std::function<std::shared_ptr<const SourceFile>(size_t)>& thread_file,
                                     const std::map<std::string, std::string>& tensor_dtypes) {
    PairingCandidate out;
    out.runner = runner_path;
    auto fact = [&](std::string name, bool agrees, std::string detail) {
        out.facts.push_back(PairingFact{std::move(name), agrees, false, agrees ? "" : std::move(detail)});
    };
    std::vector<std::string> names = Finder::thread_names(k);
    std::vector<std::string> threads;
    for (const RunnerKernel& rk : r.kernels) threads.push_back(rk.thread);
    bool roles = threads == names;
    for (size_t i = 0; roles && i < k.threads.size(); ++i) {
        roles = is_data_movement(k.threads[i].role) == is_data_movement(r.kernels[i].role);
    }
    fact("threads", roles,
         fmt::format("the runner names {}, the source defines {}", quote_list(threads), quote_list(names)));
    if (!roles) return out;
    fact("tensor count", r.num_tensors == static_cast<int>(k.params.size()),
         fmt::format("the runner passes {} tensors, the kernel takes {} ({})", r.num_tensors, k.params.size(),
                     quote_list(k.params)));
    fact("circular buffer count", r.cbs.size() == k.buffers.size(),
         fmt::format("the runner describes {}, the kernel creates {}", r.cbs.size(), k.buffers.size()));
    for (const TtlBuffer& b : k.buffers) {
        if (b.index >= static_cast<int>(r.cbs.size()) || !r.cbs[b.index].present) continue;
        const RunnerCb& cb = r.cbs[b.index];
        if (cb.shape_known && b.shape.size() == 2) {
            fact(fmt::format("CB {} ('{}') shape", b.index, b.name), b.shape[0] == cb.rows && b.shape[1] == cb.cols,
                 fmt::format("the runner's is ({}, {}), the source's {}", cb.rows, cb.cols, b.shape_text));
        }
        if (b.count > 0) {
            fact(fmt::format("CB {} ('{}') block count", b.index, b.name), b.count == cb.block_count,
                 fmt::format("the runner's is {}, the source's {}", cb.block_count, b.count));
        }
        if (auto d = tensor_dtypes.find(b.like); d != tensor_dtypes.end()) {
            fact(fmt::format("CB {} ('{}') data format", b.index, b.name), d->second == cb.dtype,
                 fmt::format("the runner's is {}, the source's tensor '{}' is {}", cb.dtype, b.like, d->second));
        }
    }
    if (k.grid.size() == 2) {
        fact("grid", r.grid_cols == k.grid[0] && r.grid_rows == k.grid[1],
             fmt::format("the runner's is ({}, {}), the source asks for ({}, {})", r.grid_cols, r.grid_rows, k.grid[0],
                         k.grid[1]));
    }
    for (size_t i = 0; i < k.threads.size(); ++i) {
        const TtlThread& t = k.threads[i];
        if (t.role == ThreadRole::kCompute) {
            std::set<std::string> want = Finder::source_ops(t);
            std::shared_ptr<const SourceFile> file = thread_file(i);
            std::string_view text = file ? std::string_view(file->text()) : std::string_view();
            // Only a kernel that computes tiles can be judged (a missing file is reported later).
            if (want.empty() || text.find("tile_regs_acquire") == std::string::npos) continue;
            std::set<std::string> have = tile_operations(text);
            bool all = std::includes(have.begin(), have.end(), want.begin(), want.end());
            fact(fmt::format("operations of '{}'", t.name), all,
                 fmt::format("the source computes {}, the emitted kernel calls tile operations for {}",
                             Finder::join_set(want), Finder::join_set(have)));
            continue;
        }
        std::vector<int> predicted;
        for (const std::string& tensor : t.captured_tensors) predicted.push_back(k.param_index(tensor));
        auto ints = [](const std::vector<int>& idx) {
            std::string s;
            for (int v : idx) s += (s.empty() ? "" : ", ") + std::to_string(v);
            return "[" + s + "]";
        };
        fact(fmt::format("tensors of '{}'", t.name), predicted == r.tensor_indices[i],
             fmt::format("the runner passes {}, the captured names predict {}", ints(r.tensor_indices[i]),
                         ints(predicted)));
        out.facts.back().soft = true;  // the runner's order is what runs; a wrong guess only warns
    }
    return out;
}

std::optional<std::vector<KernelArtifacts>> find_artifacts(const TtlSource& source, const ArtifactOptions& options,
                                                           Diagnostics& diagnostics) {
    return Finder(source, options, diagnostics).run();
}

std::optional<std::vector<KernelArtifacts>> find_artifacts(const TtlSource& source, const ArtifactOptions& options,
                                                           Diagnostics& diagnostics, std::vector<PairingRow>* pairing) {
    Finder finder(source, options, diagnostics);
    finder.record_pairing(pairing);
    return finder.run();
}

bool PairingCandidate::consistent() const {
    return std::all_of(facts.begin(), facts.end(), [](const PairingFact& f) { return f.agrees || f.soft; });
}

const PairingFact* PairingCandidate::first_disagreement() const {
    for (const PairingFact& f : facts) {
        if (!f.agrees) return &f;
    }
    return nullptr;
}

std::string render_pairing(const std::vector<PairingRow>& rows) {
    std::string out = "== pairing: each kernel of the source and the runners that name its threads\n";
    for (const PairingRow& row : rows) {
        out += fmt::format("kernel {}: {}\n", row.kernel, row.chosen.empty() ? "no runner chosen" : row.chosen);
        for (const PairingCandidate& c : row.candidates) {
            out += fmt::format("  {} {}\n", c.runner == row.chosen ? "*" : "-", c.runner);
            for (const PairingFact& f : c.facts) {
                out += fmt::format("      {} {}{}\n", f.agrees ? "ok  " : (f.soft ? "warn" : "NO  "), f.name,
                                   f.agrees ? "" : ": " + f.detail);
            }
        }
    }
    return out;
}

namespace {

/// The .cpp files in `folder` (and in the folders in it, not through links, when asked).
void add_cpp_files(const fs::path& folder, bool and_subfolders, std::vector<fs::path>& files) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec)) {
        std::error_code type_ec;
        if (it->path().extension() == ".cpp" && it->is_regular_file(type_ec)) {
            files.push_back(it->path());
        } else if (and_subfolders && it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
            add_cpp_files(it->path(), false, files);
        }
    }
}

std::vector<KernelCopy> scan_kernel_copies(const fs::path& dir) {
    std::vector<fs::path> files;
    add_cpp_files(dir, true, files);
    std::sort(files.begin(), files.end());
    std::vector<KernelCopy> copies;
    for (const fs::path& f : files) {
        std::string why;
        std::optional<std::string> text = read_file_bytes(f.string(), why);
        if (!text) continue;
        // Hashed as the reader keeps it (no BOM, no CR), like every MD5 the export records: a copy
        // checked out with CRLF line ends is still the compiler's file.
        std::string kept = normalize_text(std::move(*text));
        KernelCopy c{f.string(), md5_hex(kept), kept.substr(0, kept.find('\n'))};
        while (!c.first_line.empty() && (c.first_line.back() == '\r' || c.first_line.back() == ' '))
            c.first_line.pop_back();
        copies.push_back(std::move(c));
    }
    return copies;
}

}  // namespace

KernelFileLookup find_kernel_file(const std::string& runner_path, const RunnerKernel& kernel, KernelCopyCache* cache) {
    KernelFileLookup found;
    std::error_code ec;
    fs::path dir = fs::path(runner_path).parent_path();
    found.beside = (dir / fs::path(kernel.path).filename()).string();
    if (fs::exists(kernel.path, ec)) {
        found.path = kernel.path;
        return found;
    }
    if (fs::exists(found.beside, ec)) {
        found.path = found.beside;
        return found;
    }
    // A copy under another name: the .cpp files beside the runner and one folder down.
    if (dir.empty()) dir = ".";
    std::vector<KernelCopy> own;
    const std::vector<KernelCopy>* copies = &own;
    if (cache != nullptr) {
        auto it = cache->find(dir.string());
        if (it == cache->end()) it = cache->emplace(dir.string(), scan_kernel_copies(dir)).first;
        copies = &it->second;
    } else {
        own = scan_kernel_copies(dir);
    }
    std::vector<std::string> by_hash, by_name;
    for (const KernelCopy& c : *copies) {
        if (!kernel.hash.empty() && c.md5.compare(0, 8, kernel.hash) == 0) {
            by_hash.push_back(c.path);
            continue;
        }
        std::string stem = fs::path(c.path).stem().string();
        if (stem.starts_with("ttlang_kernel_")) continue;  // another emission, not a copy of this one
        bool named =
            stem == kernel.thread || stem.ends_with("_" + kernel.thread) || c.first_line == "// " + kernel.thread;
        if (named) by_name.push_back(c.path);
    }
    const std::vector<std::string>& pick = by_hash.empty() ? by_name : by_hash;
    if (pick.size() == 1) {
        found.path = pick.front();
        found.how = by_hash.empty() ? fmt::format("named after thread '{}'", kernel.thread)
                                    : fmt::format("its MD5 starts with the '{}' of the emitted name", kernel.hash);
    } else if (pick.size() > 1) {
        found.candidates = pick;
    }
    return found;
}

std::string kernel_file_of(const std::string& runner_path, const RunnerKernel& kernel, KernelCopyCache* cache) {
    return find_kernel_file(runner_path, kernel, cache).resolved();
}

std::string default_from() {
    const char* user = std::getenv("USER");
    return std::string("/tmp/") + (user != nullptr && *user != '\0' ? user : "unknown");
}

std::optional<std::string> log_section_text(const std::string& log_text, uint32_t line) {
    LogContents log = parse_log(log_text);
    for (LogSection& k : log.kernels) {
        if (k.line == line) return std::move(k.text);
    }
    return std::nullopt;
}

std::vector<std::string> files_written(const std::string& log_text) {
    LogContents log = parse_log(log_text);
    std::vector<std::string> out;
    for (const LogSection& k : log.kernels) out.push_back(k.path);
    out.insert(out.end(), log.runners.begin(), log.runners.end());
    return out;
}

}  // namespace ttl
