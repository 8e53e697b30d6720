// Building the TT-Lang model from the Python model: resolve how the file spells the ttl API
// (module aliases and directly imported names), find kernels by decorator, then walk each
// kernel body for buffers, locals, core bindings and thread functions.
#include "read/ttlang_source.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace ttl {

int TtlKernel::param_index(const std::string& tensor) const {
    auto it = std::find(params.begin(), params.end(), tensor);
    return it == params.end() ? -1 : static_cast<int>(it - params.begin());
}

const TtlBuffer* TtlKernel::buffer(const std::string& buffer_name) const {
    for (const TtlBuffer& b : buffers) {
        if (b.name == buffer_name) return &b;
    }
    return nullptr;
}

const TtlKernel* TtlSource::kernel(const std::string& kernel_name) const {
    for (const TtlKernel& k : kernels) {
        if (k.name == kernel_name) return &k;
    }
    return nullptr;
}

namespace {

bool parse_int(const std::string& text, int& out) {
    if (text.empty()) return false;
    int value = 0;
    for (char c : text) {
        if (c == '_') continue;
        if (c < '0' || c > '9' || value > 100000000) return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

class Builder {
public:
    Builder(const PyModule& module, Diagnostics& diagnostics) : m_(module), diags_(diagnostics) {}

    std::optional<TtlSource> run() {
        collect_imports(m_.body);
        TtlSource out;
        for (PyId id : m_.body) {
            const PyStmt& s = m_.stmt(id);
            if (s.kind != PyStmtKind::kFunctionDef) continue;
            std::string decorator;
            PyId deco = kNoPy;
            for (PyId d : s.decorators) {
                std::string api = api_name(d);
                if (api == "kernel" || api == "operation") {
                    decorator = api;
                    deco = d;
                }
            }
            if (!decorator.empty()) out.kernels.push_back(kernel(s, decorator, deco));
        }
        if (out.kernels.empty()) {
            diags_.add(
                make_file_diagnostic(Severity::kError, m_.source->name(),
                                     "no TT-Lang kernel found: expected a function decorated with '@ttl.kernel(...)' "
                                     "or '@ttl.operation(...)'"));
            return std::nullopt;
        }
        out.program = program(out.kernels);
        return out;
    }

private:
    // ---- how the file spells the ttl API ----
    void collect_imports(const std::vector<PyId>& body) {
        for (PyId id : body) {
            const PyStmt& s = m_.stmt(id);
            if (s.kind == PyStmtKind::kImport) {
                for (const PyAlias& a : s.names) {
                    if (a.name == "ttl" || a.name.rfind("ttl.", 0) == 0) {
                        // `import ttl` binds `ttl`; `import ttl.ttl` binds `ttl` too.
                        module_aliases_.insert(a.alias.empty() ? "ttl" : a.alias);
                    }
                }
            } else if (s.kind == PyStmtKind::kImportFrom) {
                bool from_ttl = s.module == "ttl" || s.module.rfind("ttl.", 0) == 0;
                for (const PyAlias& a : s.names) {
                    std::string bound = a.alias.empty() ? a.name : a.alias;
                    if (a.name == "ttl") {
                        module_aliases_.insert(bound);  // `from ttl import ttl`, `from sim import ttl`
                    } else if (from_ttl) {
                        direct_names_[bound] = a.name;  // `from ttl.ttl import kernel as K`
                    }
                }
            } else if (s.kind == PyStmtKind::kIf || s.kind == PyStmtKind::kTry) {
                collect_imports(s.body);
                collect_imports(s.orelse);
            }
        }
    }

    /// The ttl API member an expression names (`kernel`, `math.exp`), or "" when it is not
    /// the ttl API. Calls are looked through: `@ttl.kernel(grid=...)` names `kernel`.
    std::string api_name(PyId id) const {
        const PyExpr& e = m_.expr(id);
        if (e.kind == PyExprKind::kCall) return api_name(e.kids[0]);
        std::string dotted = m_.dotted_name(id);
        if (dotted.empty()) return {};
        size_t dot = dotted.find('.');
        std::string head = dotted.substr(0, dot);
        std::string rest = dot == std::string::npos ? std::string() : dotted.substr(dot + 1);
        if (module_aliases_.count(head) > 0 || (head == "ttl" && !rest.empty())) {
            while (rest.rfind("ttl.", 0) == 0) rest = rest.substr(4);
            return rest;
        }
        auto it = direct_names_.find(head);
        if (it != direct_names_.end()) return rest.empty() ? it->second : it->second + "." + rest;
        return {};
    }

    std::string text(PyId id) const { return id == kNoPy ? std::string() : m_.expr_text(id); }

    static const PyKeyword* keyword(const PyExpr& call, const std::string& name) {
        for (const PyKeyword& k : call.keywords) {
            if (k.name == name) return &k;
        }
        return nullptr;
    }

    std::vector<int> int_tuple(PyId id) const {
        const PyExpr& e = m_.expr(id);
        std::vector<int> out;
        if (e.kind != PyExprKind::kTuple && e.kind != PyExprKind::kList) return out;
        for (PyId k : e.kids) {
            int v = 0;
            if (m_.expr(k).kind != PyExprKind::kNumber || !parse_int(m_.expr(k).text, v)) return {};
            out.push_back(v);
        }
        return out;
    }

    // ---- kernels ----
    TtlKernel kernel(const PyStmt& fn, const std::string& decorator, PyId deco) {
        TtlKernel k;
        k.name = fn.name;
        k.decorator = decorator;
        k.line = fn.line;
        k.end_line = fn.end_line;
        k.docstring = fn.docstring;
        for (const PyParam& p : fn.params) {
            if (p.prefix.empty()) k.params.push_back(p.name);
        }
        const PyExpr& d = m_.expr(deco);
        if (d.kind == PyExprKind::kCall) {
            for (const PyKeyword& kw : d.keywords) {
                k.decorator_args.emplace_back(kw.name, text(kw.value));
                if (kw.name == "grid") {
                    const PyExpr& g = m_.expr(kw.value);
                    if (g.kind == PyExprKind::kString) {
                        k.grid_auto = g.value == "auto";
                    } else {
                        k.grid = int_tuple(kw.value);
                    }
                }
            }
        }
        std::set<uint32_t> thread_lines;
        for (PyId id : fn.body) kernel_statement(k, id, thread_lines);
        for (const PyComment& c : m_.comments_between(fn.line, fn.end_line)) {
            if (thread_lines.count(c.line) == 0) k.comments.push_back(c);
        }
        return k;
    }

    void kernel_statement(TtlKernel& k, PyId id, std::set<uint32_t>& thread_lines) {
        const PyStmt& s = m_.stmt(id);
        if (s.kind == PyStmtKind::kFunctionDef) {
            for (PyId d : s.decorators) {
                std::string api = api_name(d);
                if (api == "compute" || api == "datamovement") {
                    int data_movement = 0;
                    for (const TtlThread& t : k.threads) data_movement += is_data_movement(t.role) ? 1 : 0;
                    k.threads.push_back(
                        thread(k, s, api == "compute" ? ThreadRole::kCompute : data_movement_role(data_movement)));
                    for (uint32_t l = s.line; l <= s.end_line; ++l) thread_lines.insert(l);
                }
            }
            return;
        }
        if (s.kind == PyStmtKind::kAssign && s.targets.size() == 1 && s.expr != kNoPy) {
            const PyExpr& value = m_.expr(s.expr);
            std::string api = value.kind == PyExprKind::kCall ? api_name(s.expr) : std::string();
            const PyExpr& target = m_.expr(s.targets[0]);
            if ((api == "make_circular_buffer_like" || api == "make_dataflow_buffer_like") &&
                target.kind == PyExprKind::kName) {
                k.buffers.push_back(buffer(target.text, api, value, s.line, static_cast<int>(k.buffers.size())));
                return;
            }
            if (api == "core" || api == "node") {
                k.cores.push_back(core_binding(s, api, ""));
                return;
            }
            if (target.kind == PyExprKind::kName) {
                k.locals.push_back(TtlLocal{target.text, text(s.expr), s.line});
            }
        }
        // Buffers created inside `if`/`for` at kernel level still execute in order.
        for (PyId b : s.body) kernel_statement(k, b, thread_lines);
        for (PyId b : s.orelse) kernel_statement(k, b, thread_lines);
    }

    TtlBuffer buffer(const std::string& name, const std::string& api, const PyExpr& call, uint32_t line,
                     int index) const {
        TtlBuffer b;
        b.name = name;
        b.api = api;
        b.index = index;
        b.line = line;
        if (call.kids.size() > 1) b.like = text(call.kids[1]);
        PyId shape = call.kids.size() > 2 ? call.kids[2] : kNoPy;
        if (const PyKeyword* kw = keyword(call, "shape")) shape = kw->value;
        if (shape != kNoPy) {
            b.shape_text = text(shape);
            b.shape = int_tuple(shape);
        }
        PyId count = call.kids.size() > 3 ? call.kids[3] : kNoPy;
        for (const char* name_of_count : {"buffer_factor", "block_count"}) {
            if (const PyKeyword* kw = keyword(call, name_of_count)) count = kw->value;
        }
        if (count != kNoPy) {
            b.count_text = text(count);
            if (m_.expr(count).kind == PyExprKind::kNumber) parse_int(m_.expr(count).text, b.count);
        }
        return b;
    }

    TtlCoreBinding core_binding(const PyStmt& s, const std::string& api, const std::string& thread) const {
        TtlCoreBinding c;
        c.api = api;
        c.thread = thread;
        c.line = s.line;
        const PyExpr& target = m_.expr(s.targets[0]);
        if (target.kind == PyExprKind::kTuple) {
            for (PyId t : target.kids) c.names.push_back(text(t));
        } else {
            c.names.push_back(text(s.targets[0]));
        }
        const PyExpr& call = m_.expr(s.expr);
        std::string args;
        for (size_t i = 1; i < call.kids.size(); ++i) args += (args.empty() ? "" : ", ") + text(call.kids[i]);
        for (const PyKeyword& kw : call.keywords) args += (args.empty() ? "" : ", ") + kw.name + "=" + text(kw.value);
        c.args_text = args;
        return c;
    }

    // ---- threads ----
    TtlThread thread(TtlKernel& k, const PyStmt& fn, ThreadRole role) {
        TtlThread t;
        t.name = fn.name;
        t.role = role;
        t.line = fn.line;
        t.end_line = fn.end_line;
        t.docstring = fn.docstring;
        t.comments = m_.comments_between(fn.line, fn.end_line);
        std::set<std::string> used;
        std::set<std::string> bound;
        for (const PyParam& p : fn.params) bound.insert(p.name);
        for (PyId id : fn.body) thread_statement(k, t, id, -1, 0, used, bound);
        std::set<std::string> tensors(k.params.begin(), k.params.end());
        for (const std::string& name : used) {
            if (bound.count(name) > 0) continue;
            if (tensors.count(name) > 0) t.captured_tensors.push_back(name);
            if (k.buffer(name) != nullptr) t.captured_buffers.push_back(name);
        }
        return t;  // std::set iterates in sorted (byte) order, as CPython sorts free variables
    }

    void names_in(PyId id, std::set<std::string>& used) const {
        if (id == kNoPy) return;
        const PyExpr& e = m_.expr(id);
        if (e.kind == PyExprKind::kName) used.insert(e.text);
        if (e.kind == PyExprKind::kOpaque) {
            // Opaque text (a comprehension, a lambda): every identifier-like word counts.
            for (uint32_t i = e.first_token; i <= e.last_token && i < m_.tokens.size(); ++i) {
                if (m_.tokens[i].kind == PyTokenKind::kName) {
                    used.insert(std::string(py_token_text(*m_.source, m_.tokens[i])));
                }
            }
        }
        for (PyId kid : e.kids) names_in(kid, used);
        for (const PyKeyword& kw : e.keywords) names_in(kw.value, used);
    }

    void bind_target(PyId id, std::set<std::string>& bound) const {
        const PyExpr& e = m_.expr(id);
        if (e.kind == PyExprKind::kName) bound.insert(e.text);
        if (e.kind == PyExprKind::kTuple || e.kind == PyExprKind::kList) {
            for (PyId kid : e.kids) bind_target(kid, bound);
        }
    }

    /// Line `n` of the source, without its indentation, a trailing comment kept.
    std::string line_of(uint32_t n) const {
        std::string_view l = m_.source->line_text(n);
        size_t first = l.find_first_not_of(" \t");
        size_t last = l.find_last_not_of(" \t\r");
        return first == std::string_view::npos ? std::string() : std::string(l.substr(first, last - first + 1));
    }

    /// Finds `ttl.copy(...)` and `x.store(...)` calls inside an expression.
    void calls_in(TtlThread& t, PyId id, const std::string& target, int loop, uint32_t line) const {
        if (id == kNoPy) return;
        const PyExpr& e = m_.expr(id);
        if (e.kind == PyExprKind::kCall) {
            const PyExpr& callee = m_.expr(e.kids[0]);
            TtlCall c;
            c.text = text(id);
            c.loop = loop;
            c.line = line;
            c.source_line = line_of(line);
            for (size_t i = 1; i < e.kids.size(); ++i) c.args.push_back(text(e.kids[i]));
            if (api_name(e.kids[0]) == "copy") {
                c.target = target;
                t.copies.push_back(std::move(c));
            } else if (callee.kind == PyExprKind::kAttribute && callee.text == "store") {
                c.target = text(callee.kids[0]);
                t.stores.push_back(std::move(c));
            }
        }
        for (PyId kid : e.kids) calls_in(t, kid, "", loop, line);
        for (const PyKeyword& kw : e.keywords) calls_in(t, kw.value, "", loop, line);
    }

    void thread_statement(TtlKernel& k, TtlThread& t, PyId id, int loop, int depth, std::set<std::string>& used,
                          std::set<std::string>& bound) {
        const PyStmt& s = m_.stmt(id);
        for (PyId target : s.targets) {
            if (s.kind == PyStmtKind::kAugAssign) names_in(target, used);
            bind_target(target, bound);
        }
        names_in(s.expr, used);
        for (PyId d : s.decorators) names_in(d, used);
        std::string assigned;
        if (s.kind == PyStmtKind::kAssign && s.targets.size() == 1) {
            assigned = text(s.targets[0]);
            std::string api = s.expr != kNoPy && m_.expr(s.expr).kind == PyExprKind::kCall ? api_name(s.expr) : "";
            if (api == "core" || api == "node") k.cores.push_back(core_binding(s, api, t.name));
        }
        if (s.kind != PyStmtKind::kFor) calls_in(t, s.expr, assigned, loop, s.line);
        if (s.kind == PyStmtKind::kExpr && s.expr != kNoPy && m_.expr(s.expr).kind == PyExprKind::kCall &&
            api_name(s.expr).rfind("math.", 0) == 0) {
            TtlCall op;
            op.text = text(s.expr);
            op.loop = loop;
            op.line = s.line;
            op.source_line = line_of(s.line);
            t.ops.push_back(std::move(op));
        }
        int inner_loop = loop;
        switch (s.kind) {
            case PyStmtKind::kFor: {
                TtlLoop l;
                l.var = text(s.targets[0]);
                l.iter_text = text(s.expr);
                const PyExpr& iter = m_.expr(s.expr);
                if (iter.kind == PyExprKind::kCall && m_.dotted_name(iter.kids[0]) == "range") {
                    for (size_t i = 1; i < iter.kids.size(); ++i) l.range_args.push_back(text(iter.kids[i]));
                }
                l.parent = loop;
                l.depth = depth;
                l.line = s.line;
                l.end_line = s.end_line;
                t.loops.push_back(std::move(l));
                inner_loop = static_cast<int>(t.loops.size() - 1);
                ++depth;
                break;
            }
            case PyStmtKind::kWith: {
                TtlWith w;
                w.loop = loop;
                w.line = s.line;
                w.source_line = line_of(s.line);
                for (const PyWithItem& item : s.items) {
                    names_in(item.context, used);
                    calls_in(t, item.context, "", loop, s.line);
                    if (item.target != kNoPy) bind_target(item.target, bound);
                    const PyExpr& ctx = m_.expr(item.context);
                    if (ctx.kind != PyExprKind::kCall) continue;
                    const PyExpr& callee = m_.expr(ctx.kids[0]);
                    if (callee.kind != PyExprKind::kAttribute) continue;
                    if (callee.text != "wait" && callee.text != "reserve") continue;
                    w.items.push_back(
                        TtlWithItem{text(callee.kids[0]), callee.text, item.target == kNoPy ? "" : text(item.target)});
                }
                if (!w.items.empty()) t.withs.push_back(std::move(w));
                break;
            }
            case PyStmtKind::kFunctionDef:
            case PyStmtKind::kClassDef: bound.insert(s.name); break;
            case PyStmtKind::kOther:
                // Kept as text: count its words as uses so captures are not missed.
                for (uint32_t i = s.first_token; i <= s.last_token; ++i) {
                    if (m_.tokens[i].kind == PyTokenKind::kName) {
                        used.insert(std::string(py_token_text(*m_.source, m_.tokens[i])));
                    }
                }
                break;
            default: break;
        }
        for (PyId b : s.body) thread_statement(k, t, b, inner_loop, depth, used, bound);
        for (PyId b : s.orelse) thread_statement(k, t, b, loop, depth - (s.kind == PyStmtKind::kFor), used, bound);
    }

    // ---- the program ----
    void kernel_calls(const std::vector<PyId>& body, const std::vector<TtlKernel>& kernels,
                      std::vector<TtlKernelCall>& out) const {
        for (PyId id : body) {
            const PyStmt& s = m_.stmt(id);
            if (s.expr != kNoPy) call_sites(s.expr, kernels, s.line, out);
            for (const PyWithItem& item : s.items) call_sites(item.context, kernels, s.line, out);
            kernel_calls(s.body, kernels, out);
            kernel_calls(s.orelse, kernels, out);
        }
    }

    void call_sites(PyId id, const std::vector<TtlKernel>& kernels, uint32_t line,
                    std::vector<TtlKernelCall>& out) const {
        if (id == kNoPy) return;  // an absent part, such as the bound of `x[1:]`
        const PyExpr& e = m_.expr(id);
        if (e.kind == PyExprKind::kCall) {
            std::string callee = m_.dotted_name(e.kids[0]);
            for (const TtlKernel& k : kernels) {
                if (k.name != callee) continue;
                TtlKernelCall c;
                c.kernel = callee;
                c.line = line;
                for (size_t i = 1; i < e.kids.size(); ++i) c.args.push_back(text(e.kids[i]));
                out.push_back(std::move(c));
            }
        }
        for (PyId kid : e.kids) call_sites(kid, kernels, line, out);
        for (const PyKeyword& kw : e.keywords) call_sites(kw.value, kernels, line, out);
    }

    std::optional<TtlProgram> program(const std::vector<TtlKernel>& kernels) const {
        // Preference: `main`, then a `test_*` function, then any function, that calls a kernel.
        std::optional<TtlProgram> best;
        int best_rank = 99;
        for (PyId id : m_.body) {
            const PyStmt& s = m_.stmt(id);
            if (s.kind != PyStmtKind::kFunctionDef) continue;
            bool is_kernel =
                std::any_of(kernels.begin(), kernels.end(), [&](const TtlKernel& k) { return k.name == s.name; });
            if (is_kernel) continue;
            TtlProgram p;
            p.function = s.name;
            p.line = s.line;
            p.end_line = s.end_line;
            p.body = s.body;
            kernel_calls(s.body, kernels, p.calls);
            if (p.calls.empty()) continue;
            int rank = s.name == "main" ? 0 : s.name.rfind("test", 0) == 0 ? 1 : 2;
            if (rank < best_rank) {
                best_rank = rank;
                best = std::move(p);
            }
        }
        if (best) return best;
        // Module-level code that calls a kernel directly.
        TtlProgram p;
        for (PyId id : m_.body) {
            const PyStmt& s = m_.stmt(id);
            if (s.kind == PyStmtKind::kFunctionDef || s.kind == PyStmtKind::kClassDef) continue;
            std::vector<TtlKernelCall> calls;
            kernel_calls({id}, kernels, calls);
            if (calls.empty()) continue;
            if (p.line == 0) p.line = s.line;
            p.end_line = s.end_line;
            p.body.push_back(id);
            p.calls.insert(p.calls.end(), calls.begin(), calls.end());
        }
        if (!p.calls.empty()) return p;
        return std::nullopt;
    }

    const PyModule& m_;
    Diagnostics& diags_;
    std::set<std::string> module_aliases_;  // names bound to the ttl module
    std::map<std::string, std::string> direct_names_;  // bound name -> ttl API member
};

}  // namespace

std::optional<TtlSource> read_ttlang_source(std::shared_ptr<const SourceFile> source, Diagnostics& diagnostics) {
    auto module = read_python(std::move(source), diagnostics);
    if (!module) return std::nullopt;
    auto shared = std::make_shared<const PyModule>(std::move(*module));
    auto result = Builder(*shared, diagnostics).run();
    if (result) result->module = shared;
    return result;
}

std::optional<TtlSource> read_ttlang_text(const std::string& name, const std::string& text, Diagnostics& diagnostics) {
    return read_ttlang_source(std::make_shared<SourceFile>(name, text), diagnostics);
}

namespace {

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
    return out;
}

}  // namespace

std::string dump_ttlang_source(const TtlSource& source) {
    std::string out;
    for (const TtlKernel& k : source.kernels) {
        out += fmt::format("kernel {} @{} line {}-{} params ({})\n", k.name, k.decorator, k.line, k.end_line,
                           join(k.params));
        for (const auto& [name, value] : k.decorator_args) out += fmt::format("  arg {} = {}\n", name, value);
        if (k.grid_auto) out += "  grid auto\n";
        if (!k.grid.empty()) {
            std::vector<std::string> g;
            for (int v : k.grid) g.push_back(std::to_string(v));
            out += fmt::format("  grid {}\n", join(g, "x"));
        }
        if (!k.docstring.empty()) out += fmt::format("  doc {:?}\n", k.docstring);
        for (const TtlLocal& l : k.locals)
            out += fmt::format("  local {} = {} (line {})\n", l.name, l.value_text, l.line);
        for (const TtlBuffer& b : k.buffers) {
            out += fmt::format("  buffer {} {} like {} shape {} count {} ({}) line {}\n", b.index, b.name, b.like,
                               b.shape_text, b.count_text, b.api, b.line);
        }
        for (const TtlCoreBinding& c : k.cores) {
            out += fmt::format("  core {} = {}({}){} line {}\n", join(c.names), c.api, c.args_text,
                               c.thread.empty() ? "" : " in " + c.thread, c.line);
        }
        for (const PyComment& c : k.comments) out += fmt::format("  comment {}: {}\n", c.line, c.text);
        for (const TtlThread& t : k.threads) {
            out += fmt::format("  thread {} {} line {}-{} tensors [{}] buffers [{}]\n", t.name,
                               is_data_movement(t.role) ? "datamovement" : "compute", t.line, t.end_line,
                               join(t.captured_tensors), join(t.captured_buffers));
            if (!t.docstring.empty()) out += fmt::format("    doc {:?}\n", t.docstring);
            for (const TtlLoop& l : t.loops) {
                out += fmt::format("    {}loop {} in {} (line {})\n",
                                   std::string(static_cast<size_t>(l.depth) * 2, ' '), l.var, l.iter_text, l.line);
            }
            for (const TtlWith& w : t.withs) {
                std::vector<std::string> items;
                for (const TtlWithItem& i : w.items)
                    items.push_back(i.buffer + "." + i.method + (i.as_name.empty() ? "" : " as " + i.as_name));
                out += fmt::format("    with {} (line {}, loop {})\n", join(items), w.line, w.loop);
            }
            for (const TtlCall& c : t.copies) {
                out += fmt::format("    copy {}{} (line {}, loop {})\n", c.target.empty() ? "" : c.target + " = ",
                                   c.text, c.line, c.loop);
            }
            for (const TtlCall& c : t.stores)
                out += fmt::format("    store {} (line {}, loop {})\n", c.text, c.line, c.loop);
            for (const PyComment& c : t.comments) out += fmt::format("    comment {}: {}\n", c.line, c.text);
        }
    }
    if (source.program) {
        const TtlProgram& p = *source.program;
        out += fmt::format("program {} line {}-{}\n", p.function.empty() ? "<module>" : p.function, p.line, p.end_line);
        for (const TtlKernelCall& c : p.calls)
            out += fmt::format("  calls {}({}) line {}\n", c.kernel, join(c.args), c.line);
    } else {
        out += "program none\n";
    }
    return out;
}

}  // namespace ttl
