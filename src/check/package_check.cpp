// The package checker: read the runner's tables into one plain model (from the tables `export`
// writes, or from an emitted R1 runner), then check each kernel against it, then the kernels
// against each other (circular-buffer producers and consumers), then against EXPORT.md.
#include "check/package_check.h"
#include "support/python_check.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "bind/binding.h"
#include "read/artifacts.h"
#include "read/tensor_dtypes.h"
#include "read/compile_time_args.h"
#include "read/kernel_api.h"
#include "read/package_format.h"
#include "read/kernel_reader.h"
#include "read/py_model.h"
#include "read/runner_model.h"
#include "support/cpp_types.h"
#include "support/file_io.h"
#include "validate/equivalence.h"
#include "support/md5.h"

namespace fs = std::filesystem;

namespace ttl {

namespace {

struct CheckCb {
    std::string name;
    int index = 0;
    std::string dtype;
    int page = 0;
    uint32_t line = 0;
};

struct CheckThread {
    ThreadRole role = ThreadRole::kCompute;
    std::string file;  ///< as the runner names it
    std::string path;  ///< resolved the way the runner resolves it
    std::vector<std::string> tensors;
    uint32_t line = 0;
};

/// A kernel of the package as read/package_format reads it (or, for a compiler-emitted runner,
/// as read/runner_model does), with each kernel file resolved the way the runner resolves it.
struct CheckKernel : package::PackageKernel {
    std::vector<std::string> paths;  ///< parallel to runner.kernels

    int num_cb() const { return static_cast<int>(runner.cbs.size()); }
    /// The circular buffers a row describes.
    std::vector<CheckCb> cbs() const {
        std::vector<CheckCb> out;
        for (size_t i = 0; i < runner.cbs.size(); ++i) {
            const RunnerCb& cb = runner.cbs[i];
            if (!cb.present) continue;
            std::string cb_name =
                i < cb_names.size() && !cb_names[i].empty() ? cb_names[i] : fmt::format("CB {}", cb.index);
            out.push_back(CheckCb{cb_name, cb.index, cb.dtype, cb.page_size, cb.line});
        }
        return out;
    }
    std::vector<CheckThread> threads() const {
        std::vector<CheckThread> out;
        for (size_t i = 0; i < runner.kernels.size(); ++i) {
            const RunnerKernel& rk = runner.kernels[i];
            CheckThread t{rk.role, rk.path, paths[i], {}, rk.line};
            for (int index : runner.tensor_indices[i]) {
                t.tensors.push_back(
                    index >= 0 && index < static_cast<int>(tensors.size()) ? tensors[static_cast<size_t>(index)] : "?");
            }
            out.push_back(std::move(t));
        }
        return out;
    }
};

/// One call of the circular-buffer protocol in a kernel.
struct CbCall {
    int cb = -1;
    std::string what;  ///< reserve, push, wait, pop
    std::optional<long long> count;
    std::string file;
    TokenIndex token = 0;
    const KernelFile* kernel = nullptr;
};

int tile_bytes(const std::string& dtype) {
    static const std::map<std::string, int> kBytes = {{"bfloat16", 2048}, {"float32", 4096}, {"uint32", 4096},
                                                      {"int32", 4096},    {"uint16", 2048},  {"bfloat8_b", 1088},
                                                      {"bfloat4_b", 576}, {"uint8", 1024}};
    auto it = kBytes.find(dtype);
    return it == kBytes.end() ? 0 : it->second;
}

class Checker {
public:
    explicit Checker(Diagnostics& diagnostics) : d_(diagnostics) {}

    CheckResult run(const std::string& package) {
        std::error_code ec;
        fs::path runner = fs::is_directory(package, ec) ? fs::path(package) / "run_kernel.py" : fs::path(package);
        dir_ = runner.parent_path();
        auto file = read_source_file(runner.string(), d_);
        if (!file) return result_;
        runner_src_ = file;
        result_.readable = true;
        Diagnostics py;
        auto module = read_python(file, py);
        if (!module) {
            for (Diagnostic diag : py.items()) {
                diag.message = "the runner is not valid Python: " + diag.message + " (fix: correct the syntax)";
                d_.add(diag);
                ++result_.findings;
            }
            return result_;
        }
        module_ = std::make_shared<PyModule>(std::move(*module));
        standalone();
        runs_in_python();
        std::vector<CheckKernel> kernels = looks_like_runner(file->text()) ? r1_kernels() : table_kernels();
        read_export_md();
        pairing_evidence();
        for (const CheckKernel& k : kernels) {
            if (!k.prefix.empty()) kernel_tensors_[k.name] = k.tensors;
        }
        read_tensor_dtypes();
        for (const CheckKernel& k : kernels) check_kernel(k);
        return result_;
    }

private:
    // ---- findings ----
    void finding(const SourceFile& src, uint32_t offset, const std::string& message, const std::string& fix) {
        d_.error(src, offset, fmt::format("{} (fix: {})", message, fix));
        ++result_.findings;
    }
    void runner_finding(uint32_t line, const std::string& message, const std::string& fix) {
        finding(*runner_src_, line_offset(*runner_src_, line), message, fix);
    }
    void kernel_finding(const KernelFile& k, TokenIndex token, const std::string& message, const std::string& fix) {
        finding(*k.source, k.tokens[token].begin, message, fix);
    }
    static uint32_t line_offset(const SourceFile& src, uint32_t line) {
        if (line == 0) return 0;
        uint32_t offset = src.line_start(line);
        std::string_view text = src.line_text(line);
        size_t first = text.find_first_not_of(" \t");
        return offset + static_cast<uint32_t>(first == std::string_view::npos ? 0 : first);
    }

    // ---- the runner ----
    void standalone() {
        for (PyId id : module_->body) {
            const PyStmt& s = module_->stmt(id);
            std::vector<std::string> modules;
            if (s.kind == PyStmtKind::kImport) {
                for (const PyAlias& a : s.names) modules.push_back(a.name);
            } else if (s.kind == PyStmtKind::kImportFrom) {
                modules.push_back(s.module);
            }
            for (const std::string& m : modules) {
                if (m == "ttl" || m.rfind("ttl.", 0) == 0) {
                    runner_finding(s.line,
                                   fmt::format("the runner imports '{}': a package runner must need only ttnn, "
                                               "torch and the standard library",
                                               m),
                                   "remove the import; ttl-export writes runners that do not need it");
                }
            }
        }
    }

    /// The system Python compiles the runner, and pyflakes finds no undefined name in it.
    void runs_in_python() {
        PythonCheck py = check_python(runner_src_->name(), runner_src_->text());
        if (!py.note.empty()) {
            d_.add(make_file_diagnostic(Severity::kNote, runner_src_->name(), py.note));
        }
        for (const PythonProblem& p : py.problems) {
            uint32_t offset = runner_src_->line_start(p.line) + (p.column > 0 ? p.column - 1 : 0);
            offset = std::min<uint32_t>(offset, static_cast<uint32_t>(runner_src_->text().size()));
            if (p.syntax) {
                finding(*runner_src_, offset, "the runner does not compile with Python: " + p.message,
                        "move the statement where Python accepts it, or export again with this ttl-export");
            } else {
                finding(*runner_src_, offset, "the runner would stop here: " + p.message,
                        "define the name, or carry over the program code that defines it");
            }
        }
    }

    std::map<std::string, std::pair<PyId, uint32_t>> assignments() const {
        std::map<std::string, std::pair<PyId, uint32_t>> out;
        for (PyId id : module_->body) {
            const PyStmt& s = module_->stmt(id);
            if (s.kind == PyStmtKind::kAssign && s.targets.size() == 1 &&
                module_->expr(s.targets[0]).kind == PyExprKind::kName && s.expr != kNoPy) {
                out[module_->expr(s.targets[0]).text] = {s.expr, s.line};
            }
        }
        return out;
    }

    /// The tables `export` writes: <PREFIX>_GRID, _TENSORS, _NUM_CB_INDICES, _CIRCULAR_BUFFERS,
    /// _THREADS.
    std::vector<CheckKernel> table_kernels() {
        auto a = assignments();
        fs::path kernel_dir = dir_ / "kernels";
        auto kd = a.find("KERNEL_DIR");
        if (kd == a.end() || module_->expr_text(kd->second.first).find("Path(__file__)") == std::string::npos) {
            runner_finding(kd == a.end() ? 1 : kd->second.second,
                           "kernel paths do not come from the runner's own location: they resolve "
                           "against the working "
                           "directory, which breaks when the package is copied (to the VM)",
                           "set KERNEL_DIR = Path(__file__).resolve().parent / \"kernels\"");
        }
        // The run functions pass the CB indices first, then the accessor args (as the kernels read
        // them).
        const std::string& text = runner_src_->text();
        for (ThreadRole role : {ThreadRole::kReader, ThreadRole::kCompute}) {
            std::string line = fmt::format("compile_time_args = {}\n", ct_args::python_expression(role));
            if (text.find(line) != std::string::npos) continue;
            uint32_t at = 1;
            size_t pos = text.find("compile_time_args =");
            if (pos != std::string::npos) at = runner_src_->location(static_cast<uint32_t>(pos)).line;
            runner_finding(at,
                           "the compile-time arguments are not the circular-buffer indices "
                           "followed by every tensor's "
                           "accessor arguments, the order the kernels read them in",
                           fmt::format("compute kernels: compile_time_args = {}; data movement: {}",
                                       ct_args::python_expression(ThreadRole::kCompute),
                                       ct_args::python_expression(ThreadRole::kReader)));
            break;
        }
        std::vector<package::TableProblem> problems;
        std::vector<CheckKernel> out;
        for (package::PackageKernel& pk : package::read_tables(*module_, problems)) {
            CheckKernel k;
            static_cast<package::PackageKernel&>(k) = std::move(pk);
            for (const RunnerKernel& rk : k.runner.kernels) k.paths.push_back((kernel_dir / rk.path).string());
            out.push_back(std::move(k));
        }
        for (const package::TableProblem& p : problems) runner_finding(p.line, p.message, p.fix);
        return out;
    }

    /// An emitted R1 runner: absolute kernel paths, tensors known only by index.
    std::vector<CheckKernel> r1_kernels() {
        Diagnostics local;
        auto runner = read_runner(runner_src_, local);
        if (!runner) {
            for (Diagnostic diag : local.items()) {
                diag.message += " (fix: correct the runner's tables)";
                d_.add(diag);
                ++result_.findings;
            }
            return {};
        }
        CheckKernel k;
        k.name = "kernel";
        k.runner = *runner;
        for (int i = 0; i < runner->num_tensors; ++i) k.tensors.push_back(fmt::format("tensor {}", i));
        k.cb_names.resize(runner->cbs.size());
        for (const RunnerKernel& rk : runner->kernels) {
            k.paths.push_back(rk.path);
            if (!fs::path(rk.path).is_absolute()) {
                runner_finding(rk.line,
                               fmt::format("kernel path '{}' is relative: tt-metal resolves it against the "
                                           "working directory, then TT_METAL_HOME",
                                           rk.path),
                               "compute it from the runner's location: Path(__file__).resolve().parent / ...");
            }
        }
        return {k};
    }

    // ---- EXPORT.md: the source's grid and the compiler's output ----
    void read_export_md() {
        Diagnostics ignored;
        auto md = read_source_file((dir_ / "EXPORT.md").string(), ignored);
        if (md) records_ = package::read_export_md(md->text());
    }

    // ---- kernels ----
    /// The CB operand of a call, as the binder read it, or nullptr.
    static const CbUse* cb_use_of(const KernelBinding& b, ExprId call) {
        for (const CbUse& u : b.cb_uses) {
            if (u.call == call) return &u;
        }
        return nullptr;
    }

    void check_kernel(const CheckKernel& ck) {
        auto grid = records_.grid_of.find(ck.name);
        if (grid != records_.grid_of.end() &&
            (grid->second.first != ck.runner.grid_cols || grid->second.second != ck.runner.grid_rows)) {
            runner_finding(
                ck.grid_line,
                fmt::format("the grid is ({}, {}) but the TT-Lang source asks for grid=({}, {})", ck.runner.grid_cols,
                            ck.runner.grid_rows, grid->second.first, grid->second.second),
                fmt::format("set {} = ({}, {})", package::table_name(ck.prefix, package::kGrid), grid->second.first,
                            grid->second.second));
        }
        std::set<int> described;
        const std::vector<CheckCb> cbs = ck.cbs();
        const std::vector<CheckThread> threads = ck.threads();
        for (const CheckCb& cb : cbs) {
            described.insert(cb.index);
            int bytes = tile_bytes(cb.dtype);
            if (bytes > 0 && cb.page != bytes) {
                runner_finding(cb.line,
                               fmt::format("circular buffer '{}' has pages of {} bytes, but a {} tile is {} bytes",
                                           cb.name, cb.page, cb.dtype, bytes),
                               fmt::format("use a page size of {} for {}", bytes, cb.dtype));
            }
        }
        // The binder relates runtime args to tensors through the model the tables were read into.
        const RunnerModel& model = ck.runner;
        std::vector<CbCall> calls;
        std::vector<std::optional<KernelFile>> files;
        files.reserve(threads.size());
        for (size_t i = 0; i < threads.size(); ++i) {
            const CheckThread& t = threads[i];
            std::error_code ec;
            if (!fs::exists(t.path, ec)) {
                runner_finding(
                    t.line,
                    fmt::format("kernel file '{}' does not exist where the runner looks for it ('{}')", t.file, t.path),
                    "keep the kernels folder beside run_kernel.py, or correct the file name");
                files.emplace_back();
                continue;
            }
            Diagnostics local;
            auto src = read_source_file(t.path, local);
            std::optional<KernelFile> k = src ? read_kernel(src, local) : std::nullopt;
            if (!k) {
                for (Diagnostic diag : local.items()) {
                    diag.message += " (fix: correct the kernel's syntax)";
                    d_.add(diag);
                    ++result_.findings;
                }
                files.emplace_back();
                continue;
            }
            files.push_back(std::move(k));
            const KernelFile& kf = *files.back();
            check_compile_time_args(ck, t, kf);
            KernelBinding binding = bind_kernel(kf, nullptr, static_cast<int>(i), model);
            check_cb_operands(ck, kf, binding, described);
            check_runtime_args(ck, t, kf, binding);
            check_data_formats(ck, t, kf, binding);
            collect_cb_calls(kf, binding, t, calls);
            check_against_compiler_output(t, kf);
        }
        check_producers_and_consumers(ck, calls);
    }

    void check_compile_time_args(const CheckKernel& ck, const CheckThread& t, const KernelFile& k) {
        std::string cb_table =
            ck.prefix.empty() ? "CB_CONFIGS" : package::table_name(ck.prefix, package::kCircularBuffers);
        for (const Expr& e : k.exprs) {
            if (e.kind != ExprKind::kCall) continue;
            const Expr& callee = k.expr(k.kid(e, 0));
            if (callee.kind != ExprKind::kName) continue;
            if (callee.text == "get_compile_time_arg_val" && e.kids.count == 2) {
                auto n = integer_literal_value(k.expr(k.kid(e, 1)).text);
                if (!n) continue;
                if (!ct_args::is_cb_index(*n, static_cast<size_t>(ck.num_cb())) && t.role == ThreadRole::kCompute) {
                    kernel_finding(k, e.range.first,
                                   fmt::format("the kernel reads compile-time argument {}, but compute "
                                               "kernels get only the {} circular-buffer indices",
                                               *n, ck.num_cb()),
                                   "correct the index, or pass the argument in the runner");
                }
            }
            if (callee.text == "TensorAccessorArgs") {
                auto targs = k.template_args(callee);
                if (targs.size() != 2) continue;
                const Expr& first = k.expr(targs[0]);
                if (first.kind == ExprKind::kCall && first.kids.count == 1) {
                    auto inner = k.template_args(k.expr(k.kid(first, 0)));
                    if (inner.size() != 2) continue;
                    auto tensor = integer_literal_value(k.expr(inner[0]).text);
                    auto ncb = integer_literal_value(k.expr(inner[1]).text);
                    if (ncb && *ncb != ck.num_cb()) {
                        kernel_finding(k, e.range.first,
                                       fmt::format("the kernel expects {} circular-buffer indices before "
                                                   "the tensor accessor arguments, but the runner passes {}: "
                                                   "the compile-time arguments are in another order",
                                                   *ncb, ck.num_cb()),
                                       "pass the circular-buffer indices first, then every tensor's accessor "
                                       "arguments");
                    }
                    if (tensor && (*tensor < 0 || *tensor >= static_cast<long long>(ck.tensors.size()))) {
                        kernel_finding(k, e.range.first,
                                       fmt::format("the accessor reads tensor {}, but the program has {} tensors",
                                                   *tensor, ck.tensors.size()),
                                       "correct the tensor index");
                    }
                }
            }
        }
        (void)t;
    }

    /// Every expression used as a circular buffer (the CB operand of the CB API, a CB object's
    /// constructor argument) must name a CB the runner describes.
    void check_cb_operands(const CheckKernel& ck, const KernelFile& k, const KernelBinding& b,
                           const std::set<int>& described) {
        std::string cb_table =
            ck.prefix.empty() ? "CB_CONFIGS" : package::table_name(ck.prefix, package::kCircularBuffers);
        std::set<TokenIndex> reported;
        for (const CbUse& use : b.cb_uses) {
            if (use.method || !use.index || described.count(static_cast<int>(*use.index)) > 0) continue;
            const Expr& e = k.expr(use.operand);
            if (!reported.insert(e.range.first).second) continue;
            kernel_finding(k, e.range.first,
                           fmt::format("the kernel uses circular buffer {}, but the runner describes "
                                       "no circular buffer with index {}",
                                       *use.index, *use.index),
                           fmt::format("add index {} to {}, or correct the index in the kernel", *use.index, cb_table));
        }
    }

    void check_runtime_args(const CheckKernel& ck, const CheckThread& t, const KernelFile& k, const KernelBinding& b) {
        if (k.entry_function == kNone) return;
        const Function& fn = k.functions[k.entry_function];
        for (const LocalBinding& lb : b.locals) {
            if (lb.kind != LocalKind::kTensorAddr || !lb.tensor.empty()) continue;
            // A runtime arg outside this thread's row: the binder could not name it.
            const Local& l = fn.locals[lb.local];
            kernel_finding(k, l.decl_token,
                           fmt::format("'{}' reads a common runtime argument the runner does not pass: "
                                       "it passes {} to this kernel",
                                       l.name, t.tensors.size()),
                           fmt::format("pass the tensor in {}, or correct the argument index",
                                       package::table_name(ck.prefix, package::kThreads)));
        }
        for (const TensorArgBinding& ta : b.tensor_args) {
            if (ta.param < 0 || ta.template_param < 0 || ta.param == ta.template_param) continue;
            std::string passed = ta.param < static_cast<int>(ck.tensors.size()) ? ck.tensors[ta.param] : "?";
            std::string expected =
                ta.template_param < static_cast<int>(ck.tensors.size()) ? ck.tensors[ta.template_param] : "?";
            runner_finding(t.line,
                           fmt::format("tensors are passed in the wrong order: common runtime argument {} of {} is "
                                       "'{}', but the kernel reads it with the accessor of tensor {} ('{}')",
                                       ta.k, t.file, passed, ta.template_param, expected),
                           fmt::format("pass '{}' as argument {} of {}", expected, ta.k, t.file));
        }
    }

    /// The local of the entry function a name expression refers to, or kNone.
    static int32_t local_of(const KernelFile& k, ExprId id) {
        return k.entry_function == kNone ? kNone : k.local_of(k.functions[k.entry_function], id);
    }

    /// The single initializer of a local of the entry function (of the given form, when one is
    /// asked for), or kNone.
    static ExprId init_of(const KernelFile& k, int32_t local, std::optional<Declarator::Init> form = std::nullopt) {
        const Local& l = k.functions[k.entry_function].locals[static_cast<size_t>(local)];
        const Declarator* d = k.declarator_of(l);
        return d == nullptr || (form && d->init != *form) ? kNone : k.initializer_of(l);
    }

    /// The CB whose memory a data-movement address expression points into:
    /// `get_write_ptr(cb)`, `cb.get_read_ptr()`, either plus an offset, inside a wrapper such as
    /// `CoreLocalMem<uint32_t>(...)`, or a local initialised with one of those.
    std::optional<int> cb_of_address(const KernelFile& k, const KernelBinding& b, ExprId id, int depth = 0) const {
        if (id == kNone || depth > 8) return std::nullopt;
        const Expr& e = k.expr(id);
        if (e.kind == ExprKind::kName) {
            int32_t local = local_of(k, id);
            return local == kNone ? std::nullopt : cb_of_address(k, b, init_of(k, local), depth + 1);
        }
        if (e.kind == ExprKind::kCall && e.kids.count >= 1) {
            const Expr& callee = k.expr(k.kid(e, 0));
            bool pointer = callee.text == "get_write_ptr" || callee.text == "get_read_ptr";
            const CbUse* use = pointer ? cb_use_of(b, id) : nullptr;
            if (use != nullptr) return use->index ? std::optional<int>(static_cast<int>(*use->index)) : std::nullopt;
        }
        // A wrapper or an offset: the one operand that points into a CB.
        std::optional<int> found;
        for (ExprId kid : k.ids(e.kids)) {
            auto cb = cb_of_address(k, b, kid, depth + 1);
            if (!cb) continue;
            if (found && *found != *cb) return std::nullopt;
            found = cb;
        }
        return found;
    }

    /// The tensor behind an accessor operand of a read or write, or empty.
    static std::string tensor_of_accessor(const KernelFile& k, const KernelBinding& b, ExprId id) {
        int32_t local = local_of(k, id);
        if (local == kNone || static_cast<size_t>(local) >= b.locals.size()) return {};
        const LocalBinding& lb = b.locals[static_cast<size_t>(local)];
        return lb.kind == LocalKind::kAccessor ? lb.tensor : std::string();
    }

    /// Without the TT-Lang source the binder names tensors by parameter position (`tensor1`).
    static std::string parameter_name(const CheckKernel& ck, const std::string& bound) {
        const std::string prefix = "tensor";
        if (bound.rfind(prefix, 0) != 0 || bound.size() == prefix.size()) return bound;
        auto index = integer_literal_value(bound.substr(prefix.size()));
        if (!index || *index < 0 || *index >= static_cast<long long>(ck.tensors.size())) return bound;
        return ck.tensors[static_cast<size_t>(*index)];
    }

    /// Every read or write between a tensor and a CB: the CB's data format must be the tensor's,
    /// where the runner's main() creates the tensor with an explicit dtype.
    void check_data_formats(const CheckKernel& ck, const CheckThread& t, const KernelFile& k, const KernelBinding& b) {
        auto dtypes = tensor_dtypes_.find(ck.name);
        if (dtypes == tensor_dtypes_.end()) return;
        for (const Expr& e : k.exprs) {
            if (e.kind != ExprKind::kCall || e.kids.count < 3) continue;
            const Expr& callee = k.expr(k.kid(e, 0));
            if (callee.kind != ExprKind::kName && callee.kind != ExprKind::kMember) continue;
            if (callee.text.find("async_read") == std::string_view::npos &&
                callee.text.find("async_write") == std::string_view::npos)
                continue;
            std::string tensor;
            std::optional<int> cb;
            auto args = k.ids(e.kids);
            for (size_t a = 1; a < args.size(); ++a) {
                if (std::string found = tensor_of_accessor(k, b, args[a]); !found.empty())
                    tensor = parameter_name(ck, found);
                else if (auto c = cb_of_address(k, b, args[a]))
                    cb = c;
            }
            if (tensor.empty() || !cb) continue;
            auto dtype = dtypes->second.find(tensor);
            if (dtype == dtypes->second.end()) continue;
            for (const CheckCb& c : ck.cbs()) {
                if (c.index != *cb || c.dtype == dtype->second.first) continue;
                if (!reported_formats_.insert({ck.name, c.index, tensor}).second) continue;
                runner_finding(c.line,
                               fmt::format("circular buffer '{}' holds {}, but {} moves tensor '{}' through "
                                           "it, which main() creates as {} (line {})",
                                           c.name, c.dtype, t.file, tensor, dtype->second.first, dtype->second.second),
                               fmt::format("make the data formats agree: ttnn.{} here, or dtype=ttnn.{} in "
                                           "main()",
                                           dtype->second.first, c.dtype));
            }
        }
    }

    /// For each kernel, the dtype main() gives each tensor parameter (read/tensor_dtypes).
    void read_tensor_dtypes() { tensor_dtypes_ = tensor_dtypes(*module_, kernel_tensors_, "run_"); }

    void collect_cb_calls(const KernelFile& k, const KernelBinding& b, const CheckThread& t,
                          std::vector<CbCall>& calls) {
        static constexpr const char* kWhat[] = {"", "reserve", "push", "wait", "pop"};
        for (const CbUse& use : b.cb_uses) {
            if (use.verb == CbVerb::kNoVerb || !use.index) continue;
            const Expr& call = k.expr(use.call);
            if (!use.method && call.kids.count != 3) continue;
            CbCall c;
            c.what = kWhat[static_cast<int>(use.verb)];
            c.file = t.file;
            c.token = call.range.first;
            c.kernel = &k;
            c.cb = static_cast<int>(*use.index);
            c.count = use.count;
            calls.push_back(c);
        }
    }

    void check_producers_and_consumers(const CheckKernel& ck, const std::vector<CbCall>& calls) {
        std::map<int, std::string> names;
        for (const CheckCb& cb : ck.cbs()) names[cb.index] = cb.name;
        std::map<int, std::vector<const CbCall*>> by_cb;
        for (const CbCall& c : calls) by_cb[c.cb].push_back(&c);
        for (const auto& [cb, list] : by_cb) {
            std::string name =
                names.count(cb) > 0 ? fmt::format("'{}' (CB {})", names[cb], cb) : fmt::format("CB {}", cb);
            const CbCall* first_wait = nullptr;
            const CbCall* first_push = nullptr;
            std::set<long long> pushed, waited;
            bool push_known = true, wait_known = true;
            for (const CbCall* c : list) {
                if (c->what == "push") {
                    if (first_push == nullptr) first_push = c;
                    if (c->count)
                        pushed.insert(*c->count);
                    else
                        push_known = false;
                }
                if (c->what == "wait") {
                    if (first_wait == nullptr) first_wait = c;
                    if (c->count)
                        waited.insert(*c->count);
                    else
                        wait_known = false;
                }
            }
            if (first_wait != nullptr && first_push == nullptr) {
                kernel_finding(*first_wait->kernel, first_wait->token,
                               fmt::format("{} waits on {}, but no thread pushes it: the kernel "
                                           "deadlocks on the device",
                                           first_wait->file, name),
                               "restore the producer's push_back, or remove the wait");
            } else if (first_push != nullptr && first_wait == nullptr) {
                kernel_finding(*first_push->kernel, first_push->token,
                               fmt::format("{} pushes {}, but no thread waits on it: the producer "
                                           "blocks once it is full",
                                           first_push->file, name),
                               "restore the consumer's wait_front and pop_front");
            } else if (first_push != nullptr && push_known && wait_known && !pushed.empty() && !waited.empty() &&
                       pushed != waited) {
                kernel_finding(*first_wait->kernel, first_wait->token,
                               fmt::format("{} waits for {} tiles of {} at a time, but {} pushes {}", first_wait->file,
                                           *waited.begin(), name, first_push->file, *pushed.begin()),
                               "make the producer's and the consumer's counts per block agree");
            }
        }
    }

    /// The same evidence export pairs with: each kernel of the source against the runner its
    /// package was exported from (while the source and that output are still where export ran).
    void pairing_evidence() {
        if (records_.source_path.empty() || records_.runner_of.empty()) return;
        std::error_code ec;
        auto at_export = [&](const std::string& p) {
            return fs::path(p).is_absolute() ? fs::path(p) : fs::current_path(ec) / p;
        };
        Diagnostics ignored;
        auto file = read_source_file(at_export(records_.source_path).string(), ignored);
        if (!file) return;
        auto source = read_ttlang_source(file, ignored);
        if (!source) return;
        for (const auto& [kernel, runner_path] : records_.runner_of) {
            const TtlKernel* k = source->kernel(kernel);
            fs::path runner_file = at_export(runner_path);
            auto runner_src = read_source_file(runner_file.string(), ignored);
            auto runner = runner_src ? read_runner(runner_src, ignored) : std::nullopt;
            if (k == nullptr || !runner) {
                if (result_.not_compared.empty()) result_.not_compared = runner_path;
                continue;
            }
            PairingCandidate c = compare_with_runner(*k, *runner, runner_path, [&](size_t i) {
                auto text = read_source_file(kernel_file_of(runner_file.string(), runner->kernels[i].path), ignored);
                return text ? text->text() : std::string();
            });
            for (const PairingFact& f : c.facts) {
                if (f.agrees || f.soft) continue;
                d_.add(make_file_diagnostic(
                    Severity::kError, (dir_ / "EXPORT.md").string(),
                    fmt::format("kernel '{}' was exported from an emission that is not it: {}: {} (fix: export "
                                "again; ttl-export pairs each kernel with its emission by these facts)",
                                kernel, f.name, f.detail)));
                ++result_.findings;
                break;
            }
        }
    }

    void check_against_compiler_output(const CheckThread& t, const KernelFile& k) {
        auto it = records_.emitted.find("kernels/" + t.file);
        if (it == records_.emitted.end()) return;
        const auto& [path, md5] = it->second;
        std::error_code ec;
        fs::path emitted = fs::path(path).is_absolute() ? fs::path(path) : fs::current_path(ec) / path;
        Diagnostics ignored;
        auto src = read_source_file(emitted.string(), ignored);
        if (!src || md5_hex(src->text()) != md5) {  // the compiler's output is no longer there
            if (result_.not_compared.empty()) result_.not_compared = path;
            return;
        }
        auto before = read_kernel(src, ignored);
        if (!before) {
            if (result_.not_compared.empty()) result_.not_compared = path;
            return;
        }
        EquivalenceResult r = check_equivalence(*before, k);
        if (r.equivalent) {
            ++result_.compared;
            return;
        }
        Diagnostic at = r.after_location;
        at.severity = Severity::kError;
        at.message = fmt::format(
            "the kernel no longer matches the compiler's output '{}': {} (fix: undo the edit, or "
            "re-export if it was intended)",
            path, r.message);
        d_.add(at);
        ++result_.findings;
    }

    Diagnostics& d_;
    CheckResult result_;
    fs::path dir_;
    std::shared_ptr<const SourceFile> runner_src_;
    std::shared_ptr<PyModule> module_;
    std::map<std::string, std::vector<std::string>> kernel_tensors_;  // kernel -> tensor params
    TensorDtypes tensor_dtypes_;  // kernel -> tensor -> (dtype, line in main)
    std::set<std::tuple<std::string, int, std::string>> reported_formats_;
    package::ExportRecords records_;  // what EXPORT.md says export read and wrote
};

}  // namespace

CheckResult check_package(const std::string& package, Diagnostics& diagnostics) {
    return Checker(diagnostics).run(package);
}

}  // namespace ttl
