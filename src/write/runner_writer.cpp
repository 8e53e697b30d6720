// Writing run_kernel.py: named tables per kernel, one run function per kernel that builds the
// emitted runner's program from them, and the TT-Lang program's own code carried over by
// dependency from its entry point (or, for a compile-only program, a main() of our own).
#include "write/runner_writer.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "read/compile_time_args.h"
#include "read/package_format.h"
#include "read/py_lexer.h"

namespace ttl {

namespace {

std::string py_list(const std::vector<std::string>& items, bool quote) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        out += (i ? ", " : "") + (quote ? "\"" + items[i] + "\"" : items[i]);
    }
    return out + "]";
}

/// Source lines [first, last] (1-based) of the TT-Lang file.
std::string source_lines(const SourceFile& src, uint32_t first, uint32_t last) {
    std::string out;
    for (uint32_t l = first; l <= last && l <= src.line_count(); ++l) out += std::string(src.line_text(l)) + "\n";
    return out;
}

class RunnerWriter {
public:
    explicit RunnerWriter(const ExportedProgram& p) : p_(p), m_(*p.source->module) {}

    RunnerText run() {
        program();
        return RunnerText{std::move(out_), std::move(warnings_), std::move(dropped_), carries_source_};
    }

private:
    /// The docstring, `from __future__` imports (Python wants them first), the imports.
    void header(const std::string& future, const std::vector<std::string>& kept, bool needs_sys) {
        std::string file = p_.source_path.substr(p_.source_path.find_last_of('/') + 1);
        out_ += "# SPDX-License-Identifier: Apache-2.0\n";
        out_ += fmt::format("\"\"\"Standalone runner for {}, exported by ttl-export.\n\n", file);
        for (const ExportedKernel& k : p_.kernels) {
            out_ += fmt::format("Kernel {}: ", k.source->name);
            for (size_t i = 0; i < k.threads.size(); ++i)
                out_ += (i ? ", " : "") + std::string(role_name(k.threads[i].role)) + " " + k.threads[i].file;
            out_ += ".\n";
        }
        out_ += "Run with `python run_kernel.py` next to the kernels folder; needs only ttnn and torch.\n\"\"\"\n\n";
        if (!future.empty()) out_ += future + "\n";
        std::vector<std::string> imports = kept;
        imports.push_back("from pathlib import Path");
        if (needs_sys) imports.push_back("import sys");  // for `sys.exit(main())`
        bool torch = false, ttnn = false;
        for (const std::string& i : imports) {
            torch = torch || i == "import torch" || i.rfind("import torch ", 0) == 0;
            ttnn = ttnn || i == "import ttnn" || i.rfind("import ttnn ", 0) == 0;
        }
        if (!torch) imports.push_back("import torch");
        if (!ttnn) imports.push_back("import ttnn");
        std::sort(imports.begin(), imports.end());
        imports.erase(std::unique(imports.begin(), imports.end()), imports.end());
        for (const std::string& l : imports) out_ += l + "\n";
        out_ += "\nKERNEL_DIR = Path(__file__).resolve().parent / \"kernels\"\n";
    }

    void kernel(const ExportedKernel& k) {
        const RunnerModel& r = k.artifacts.runner;
        std::string name = k.source->name;
        std::string prefix = package::prefix_of(name);
        auto table = [&](std::string_view t) { return package::table_name(prefix, t); };
        out_ += fmt::format("\n\n# ---- {} {}\n\n", name,
                            std::string(std::max<int>(0, 70 - static_cast<int>(name.size())), '-'));
        out_ += fmt::format("# (columns, rows) of Tensix cores\n{} = ({}, {})\n", table(package::kGrid), r.grid_cols,
                            r.grid_rows);
        out_ += fmt::format("# tensor parameters, in order\n{} = {}\n", table(package::kTensors),
                            py_list(k.source->params, true));
        out_ += fmt::format("# compile-time args 0..{} are the circular-buffer indices\n{} = {}\n",
                            r.cbs.empty() ? 0 : r.cbs.size() - 1, table(package::kNumCbIndices), r.cbs.size());
        out_ += fmt::format("{} = [\n    # (name, index, data format, page size, total size)\n",
                            table(package::kCircularBuffers));
        for (const RunnerCb& cb : r.cbs) {
            std::string cb_name = cb.index < static_cast<int>(k.source->buffers.size())
                                      ? k.source->buffers[cb.index].name
                                      : fmt::format("cb{}", cb.index);
            if (!cb.present) {
                out_ += fmt::format("    # {} (index {}) is created but no thread uses it: no descriptor\n", cb_name,
                                    cb.index);
                continue;
            }
            out_ += fmt::format("    (\"{}\", {}, ttnn.{}, {}, {}),\n", cb_name, cb.index, cb.dtype, cb.page_size,
                                cb.total_size);
        }
        out_ += "]\n";
        out_ += fmt::format("{} = [\n    # (role, kernel file, tensors passed as common runtime args, in order)\n",
                            table(package::kThreads));
        for (const ExportedThread& t : k.threads) {
            std::string rel = t.file.substr(std::string("kernels/").size());
            out_ += fmt::format("    (\"{}\", \"{}\", {}),\n", role_name(t.role), rel, py_list(t.tensors, true));
        }
        out_ += "]\n\n\n";
        std::string params;
        for (size_t i = 0; i < k.source->params.size(); ++i) params += (i ? ", " : "") + k.source->params[i];
        out_ += fmt::format("def run_{}({}):\n", name, params);
        out_ +=
            fmt::format("    \"\"\"Runs kernel {} as the compiler built it; returns the last tensor.\"\"\"\n", name);
        out_ += fmt::format("    tensors = [{}]\n", params);
        out_ += fmt::format("    tensor_names = {}\n", table(package::kTensors));
        out_ += fmt::format("    circular_buffers = {}\n", table(package::kCircularBuffers));
        out_ += fmt::format("    columns, rows = {}\n", table(package::kGrid));
        out_ += "    corner = ttnn.CoreCoord(columns - 1, rows - 1)\n";
        out_ += "    core_ranges = ttnn.CoreRangeSet([ttnn.CoreRange(ttnn.CoreCoord(0, 0), corner)])\n";
        out_ +=
            "    accessor_args = []\n    for tensor in tensors:\n"
            "        accessor_args.extend(ttnn.TensorAccessorArgs(tensor).get_compile_time_args())\n";
        out_ +=
            "    cbs = []\n"
            "    for _, index, data_format, page_size, total_size in circular_buffers:\n"
            "        cb_format = ttnn.CBFormatDescriptor(\n"
            "            buffer_index=index, data_format=data_format, page_size=page_size\n"
            "        )\n"
            "        cbs.append(\n"
            "            ttnn.CBDescriptor(\n"
            "                total_size=total_size,\n"
            "                core_ranges=core_ranges,\n"
            "                format_descriptors=[cb_format],\n"
            "            )\n"
            "        )\n";
        out_ += "    address = {name: t.buffer_address() for name, t in zip(tensor_names, tensors)}\n";
        out_ += fmt::format("    cb_indices = list(range({}))\n", table(package::kNumCbIndices));
        out_ += "    kernels = []\n";
        out_ += fmt::format("    for role, kernel_file, thread_tensors in {}:\n", table(package::kThreads));
        out_ += "        addresses = [address[name] for name in thread_tensors]\n";
        out_ += fmt::format("        if role == \"compute\":\n            compile_time_args = {}\n",
                            ct_args::python_expression(ThreadRole::kCompute));
        out_ += "            config = ttnn.ComputeConfigDescriptor()\n";
        if (k.float32) out_ += "            config.fp32_dest_acc_en = True  # a circular buffer holds float32\n";
        out_ += fmt::format("        else:\n            compile_time_args = {}\n",
                            ct_args::python_expression(ThreadRole::kReader));
        out_ +=
            "            if role == \"reader\":\n                config = ttnn.ReaderConfigDescriptor()\n"
            "            else:\n                config = ttnn.WriterConfigDescriptor()\n";
        out_ +=
            "        kernels.append(\n            ttnn.KernelDescriptor(\n"
            "                kernel_source=str(KERNEL_DIR / kernel_file),\n"
            "                core_ranges=core_ranges,\n"
            "                compile_time_args=compile_time_args,\n"
            "                common_runtime_args=addresses,\n"
            "                config=config,\n            )\n        )\n";
        out_ += "    program = ttnn.ProgramDescriptor(kernels=kernels, cbs=cbs, semaphores=[])\n";
        out_ += "    return ttnn.generic_op(tensors, program)\n";
    }

    /// The TT-Lang program's own code, with every reference to an exported kernel renamed to
    /// its run function.
    std::string carried(uint32_t first, uint32_t last) const {
        std::string text = source_lines(*m_.source, first, last);
        uint32_t base = m_.source->line_start(first);
        std::vector<std::pair<uint32_t, std::string>> edits;
        for (const PyExpr& e : m_.exprs) {
            if (e.kind != PyExprKind::kName) continue;
            const PyToken& t = m_.tokens[e.first_token];
            if (t.line < first || t.line > last) continue;
            for (const ExportedKernel& k : p_.kernels) {
                if (k.source->name == e.text) edits.emplace_back(t.begin - base, e.text);
            }
        }
        std::sort(edits.rbegin(), edits.rend());
        edits.erase(std::unique(edits.begin(), edits.end()), edits.end());
        for (const auto& [at, name] : edits) text.replace(at, name.size(), "run_" + name);
        return text;
    }

    // ---- what the runner carries over: by dependency, not by position ----

    /// The first line of a statement, its decorators included.
    uint32_t first_line(const PyStmt& s) const {
        return s.decorators.empty() ? s.line : m_.tokens[m_.expr(s.decorators[0]).first_token].line;
    }
    uint32_t first_token(const PyStmt& s) const {
        return s.decorators.empty() ? s.first_token : m_.expr(s.decorators[0]).first_token;
    }

    /// Names a top-level statement reads: identifiers that are not attributes (`x.NAME`) and not
    /// keyword-argument or assignment targets (`NAME=`). Parameters and locals inside a function
    /// are counted too, which can only keep more, never less.
    std::set<std::string> uses_of(const PyStmt& s) const {
        std::set<std::string> out;
        const SourceFile& src = *m_.source;
        for (uint32_t i = first_token(s); i <= s.last_token && i < m_.tokens.size(); ++i) {
            const PyToken& t = m_.tokens[i];
            if (t.kind != PyTokenKind::kName) continue;
            std::string_view w = py_token_text(src, t);
            if (is_python_keyword(w)) continue;
            if (i > 0 && m_.tokens[i - 1].kind == PyTokenKind::kOp && py_token_text(src, m_.tokens[i - 1]) == ".")
                continue;
            if (i + 1 < m_.tokens.size() && m_.tokens[i + 1].kind == PyTokenKind::kOp &&
                py_token_text(src, m_.tokens[i + 1]) == "=") {
                continue;
            }
            out.insert(std::string(w));
        }
        if (s.kind == PyStmtKind::kFunctionDef || s.kind == PyStmtKind::kClassDef) out.erase(s.name);
        // A parameter hides the module-level name it shadows (a test's `device` is not the fixture).
        for (const PyParam& p : s.params) {
            bool in_default = false;
            for (const PyParam& q : s.params)
                in_default = in_default || q.default_text.find(p.name) != std::string::npos;
            if (!in_default) out.erase(p.name);
        }
        return out;
    }

    void target_names(PyId id, std::set<std::string>& out) const {
        if (id == kNoPy) return;
        const PyExpr& e = m_.expr(id);
        if (e.kind == PyExprKind::kName) out.insert(e.text);
        if (e.kind == PyExprKind::kTuple || e.kind == PyExprKind::kList) {
            for (PyId k : e.kids) target_names(k, out);
        }
    }

    /// Names a top-level statement binds.
    std::set<std::string> binds_of(const PyStmt& s) const {
        std::set<std::string> out;
        switch (s.kind) {
            case PyStmtKind::kFunctionDef:
            case PyStmtKind::kClassDef: out.insert(s.name); break;
            case PyStmtKind::kAssign:
            case PyStmtKind::kAugAssign:
            case PyStmtKind::kFor:
                for (PyId t : s.targets) target_names(t, out);
                break;
            case PyStmtKind::kImport:
                for (const PyAlias& a : s.names)
                    out.insert(a.alias.empty() ? a.name.substr(0, a.name.find('.')) : a.alias);
                break;
            case PyStmtKind::kImportFrom:
                for (const PyAlias& a : s.names) out.insert(a.alias.empty() ? a.name : a.alias);
                break;
            default: break;
        }
        return out;
    }

    bool is_main_guard(const PyStmt& s) const {
        return s.kind == PyStmtKind::kIf && s.expr != kNoPy &&
               m_.expr_text(s.expr).find("__name__") != std::string::npos &&
               m_.expr_text(s.expr).find("__main__") != std::string::npos;
    }
    bool is_future(const PyStmt& s) const { return s.kind == PyStmtKind::kImportFrom && s.module == "__future__"; }
    static bool is_ttl_only(const std::string& module) {
        return module == "ttl" || module.rfind("ttl.", 0) == 0 || module == "sim" || module.rfind("sim.", 0) == 0 ||
               module == "pytest";
    }
    bool is_ttl_import(const PyStmt& s) const {
        if (s.kind == PyStmtKind::kImportFrom) return is_ttl_only(s.module);
        if (s.kind != PyStmtKind::kImport) return false;
        return std::any_of(s.names.begin(), s.names.end(), [](const PyAlias& a) { return is_ttl_only(a.name); });
    }
    /// A compile-only entry: it asks the compiler to emit and never runs for a result.
    bool compile_only(const PyStmt& s) const {
        std::string text = source_lines(*m_.source, first_line(s), s.end_line);
        return text.find("TTLANG_COMPILE_ONLY") != std::string::npos ||
               text.find("TTLANG_EMIT_RUNNER") != std::string::npos;
    }

    struct Top {
        PyId id = kNoPy;
        std::set<std::string> binds;
        std::set<std::string> uses;
        bool keep = false;
        std::string dropped;  ///< why it is left out ("" while undecided or kept)
    };

    std::string stmt_label(const PyStmt& s) const {
        std::string text = s.text;
        if (text.size() > 60) text = text.substr(0, 57) + "...";
        return fmt::format("line {}: `{}`", first_line(s), text);
    }

    /// Decides every top-level statement, writes the carried code and the entry point.
    void program() {
        std::set<std::string> exported;
        for (const ExportedKernel& k : p_.kernels) exported.insert(k.source->name);
        std::set<std::string> kernel_names;
        for (const TtlKernel& k : p_.source->kernels) kernel_names.insert(k.name);

        std::vector<Top> tops;
        for (PyId id : m_.body) tops.push_back(Top{id, binds_of(m_.stmt(id)), uses_of(m_.stmt(id)), false, ""});

        // 1. What only tt-lang needs: ttl imports, and everything that uses what they bind.
        std::map<std::string, std::string> gone;  // name -> why
        for (Top& t : tops) {
            const PyStmt& s = m_.stmt(t.id);
            if (s.kind == PyStmtKind::kExpr && m_.expr(s.expr).kind == PyExprKind::kString && &t == &tops.front()) {
                t.dropped = "the module docstring (the runner has its own)";
            } else if (is_ttl_import(s)) {
                t.dropped = "a TT-Lang import";
                for (const std::string& b : t.binds)
                    gone.emplace(b, fmt::format("bound by the TT-Lang import on line {}", s.line));
            } else if (s.kind == PyStmtKind::kFunctionDef && kernel_names.count(s.name) > 0) {
                t.dropped = exported.count(s.name) ? fmt::format("the kernel, replaced by `run_{}`", s.name)
                                                   : "a kernel that is not exported (--kernel)";
                if (!exported.count(s.name)) gone.emplace(s.name, "a kernel that is not exported");
            }
        }
        for (bool changed = true; changed;) {
            changed = false;
            for (Top& t : tops) {
                if (!t.dropped.empty() || is_main_guard(m_.stmt(t.id))) continue;
                for (const std::string& u : t.uses) {
                    auto it = gone.find(u);
                    if (it == gone.end()) continue;
                    t.dropped = fmt::format("uses `{}`, {}", u, it->second);
                    for (const std::string& b : t.binds) {
                        gone.emplace(b, fmt::format("bound on line {}, which is left out", m_.stmt(t.id).line));
                    }
                    changed = true;
                    break;
                }
            }
        }

        // 2. The entry point: an `if __name__ == "__main__":` block, else main(), else a test. A
        // block that calls what is left out (main() running a kernel --kernel did not export)
        // would stop with a NameError: it is left out too, and says why.
        Top* guard_block = nullptr;
        for (Top& t : tops) {
            if (is_main_guard(m_.stmt(t.id))) guard_block = &t;
        }
        std::string guard_lost;  // why the program's own entry point cannot be carried
        if (guard_block != nullptr && guard_block->dropped.empty()) {
            for (const std::string& u : guard_block->uses) {
                auto it = gone.find(u);
                if (it == gone.end()) continue;
                std::string why = it->second;
                for (const Top& t : tops) {
                    if (t.binds.count(u) > 0 && !t.dropped.empty()) why = t.dropped;
                }
                guard_lost =
                    fmt::format("its `if __name__ == '__main__'` block calls `{}`, which is left out ({})", u, why);
                guard_block->dropped = fmt::format("uses `{}`, which is left out", u);
                break;
            }
        }
        auto defined = [&](const std::string& name) -> const Top* {
            for (const Top& t : tops) {
                if (t.dropped.empty() && m_.stmt(t.id).kind == PyStmtKind::kFunctionDef && m_.stmt(t.id).name == name)
                    return &t;
            }
            return nullptr;
        };
        std::string test_name;
        for (const Top& t : tops) {
            const PyStmt& s = m_.stmt(t.id);
            if (t.dropped.empty() && s.kind == PyStmtKind::kFunctionDef && s.name.rfind("test", 0) == 0 &&
                test_name.empty()) {
                test_name = s.name;
            }
        }
        std::set<std::string> roots;
        enum class Entry { kGuard, kMain, kTest, kNone } entry = Entry::kNone;
        std::string why_none;
        if (guard_block != nullptr && guard_block->dropped.empty()) {
            entry = Entry::kGuard;
            roots = guard_block->uses;
        } else if (defined("main") != nullptr) {
            entry = Entry::kMain;
            roots = {"main"};
        } else if (!test_name.empty()) {
            entry = Entry::kTest;
            roots = {test_name};
        }
        // A compile-only entry checks nothing: the runner gets a main() of its own.
        const Top* compile_fn = nullptr;
        if (entry == Entry::kMain) compile_fn = defined("main");
        if (entry == Entry::kGuard) {
            for (const std::string& r : roots) {
                if (const Top* f = defined(r); f != nullptr && compile_only(m_.stmt(f->id))) compile_fn = f;
            }
        }
        if (compile_fn != nullptr && !compile_only(m_.stmt(compile_fn->id))) compile_fn = nullptr;
        if (compile_fn != nullptr) {
            plan_compile_only(m_.stmt(compile_fn->id));
            roots.clear();
            for (PyId id : compiled_body_) {
                for (const std::string& u : uses_of(m_.stmt(id))) roots.insert(u);
            }
        }

        // 3. Keep what the entry reaches, and statements that bind nothing (set-up code).
        std::set<std::string> reached;
        std::vector<std::string> work(roots.begin(), roots.end());
        while (!work.empty()) {
            std::string name = work.back();
            work.pop_back();
            if (!reached.insert(name).second) continue;
            for (Top& t : tops) {
                if (!t.dropped.empty() || t.binds.count(name) == 0) continue;
                if (compile_fn != nullptr && &t == compile_fn) continue;
                t.keep = true;
                for (const std::string& u : t.uses) work.push_back(u);
            }
        }
        for (Top& t : tops) {
            const PyStmt& s = m_.stmt(t.id);
            if (!t.dropped.empty() || t.keep) continue;
            if (&t == guard_block) {
                t.keep = entry == Entry::kGuard && compile_fn == nullptr;
                if (!t.keep) t.dropped = "the entry point, replaced by the runner's main()";
                continue;
            }
            if (compile_fn != nullptr && &t == compile_fn) {
                t.dropped = "a compile-only main (it sets TTLANG_* variables and checks no result): replaced";
                continue;
            }
            if (is_future(s)) {
                t.keep = true;
            } else if (t.binds.empty() && s.kind != PyStmtKind::kImport && s.kind != PyStmtKind::kImportFrom) {
                t.keep = true;  // set-up code such as `torch.manual_seed(0)`
                for (const std::string& u : t.uses) {
                    if (reached.count(u) == 0) work.push_back(u);
                }
            } else if (s.kind == PyStmtKind::kFunctionDef && is_fixture(s)) {
                t.dropped = "a pytest fixture";
            } else {
                t.dropped = "not used by the entry point";
            }
        }
        // What set-up code reads is kept too.
        while (!work.empty()) {
            std::string name = work.back();
            work.pop_back();
            if (!reached.insert(name).second) continue;
            for (Top& t : tops) {
                if (t.binds.count(name) == 0 || t.keep || t.dropped.rfind("not used", 0) != 0) continue;
                t.keep = true;
                t.dropped.clear();
                for (const std::string& u : t.uses) work.push_back(u);
            }
        }
        for (const Top& t : tops) {
            if (!t.dropped.empty()) dropped_.push_back(fmt::format("{} — {}", stmt_label(m_.stmt(t.id)), t.dropped));
        }

        // 4. The module: __future__, imports, tables and run functions, carried code, entry.
        std::string future;
        std::vector<std::string> imports;
        std::string code;
        bool previous_block = false;
        for (const Top& t : tops) {
            const PyStmt& s = m_.stmt(t.id);
            if (!t.keep || &t == guard_block) continue;
            std::string text = carried(first_line(s), s.end_line);
            if (is_future(s)) {
                future += text;
            } else if (s.kind == PyStmtKind::kImport || s.kind == PyStmtKind::kImportFrom) {
                imports.push_back(text.substr(0, text.size() - (text.empty() ? 0 : 1)));
            } else {
                // Black's blank lines: two around a def or class, one after the heading comment.
                bool block = s.kind == PyStmtKind::kFunctionDef || s.kind == PyStmtKind::kClassDef;
                code += (code.empty() ? (block ? "\n\n" : "\n") : (block || previous_block ? "\n\n" : "")) + text;
                previous_block = block;
            }
        }
        header(future, imports, compile_fn != nullptr || entry != Entry::kGuard);
        for (const ExportedKernel& k : p_.kernels) kernel(k);
        if (!code.empty()) out_ += "\n\n# ---- carried over from the TT-Lang program\n" + code;
        if (compile_fn != nullptr) {
            compile_only_main(m_.stmt(compile_fn->id));
            return;
        }
        switch (entry) {
            case Entry::kGuard:
                out_ += "\n\n" + carried(guard_block->id == kNoPy ? 0 : first_line(m_.stmt(guard_block->id)),
                                         m_.stmt(guard_block->id).end_line);
                return;
            case Entry::kMain: guard(); return;
            case Entry::kTest: test_main(*defined(test_name)); return;
            case Entry::kNone:
                // Nothing of the program's own is in the runner: the template alone.
                carries_source_ = !code.empty() || !future.empty() || !imports.empty();
                no_main(guard_lost.empty()
                            ? "the TT-Lang program has no main(), test or `if __name__ == '__main__'` block that "
                              "calls its kernels"
                            : guard_lost);
                return;
        }
    }

    bool is_fixture(const PyStmt& s) const {
        for (PyId d : s.decorators) {
            if (m_.expr_text(d).find("fixture") != std::string::npos) return true;
        }
        return false;
    }

    /// A main() that calls a test function the way pytest would: parameters with defaults keep
    /// them, `device` is opened here; any other fixture cannot be provided.
    void test_main(const Top& t) {
        const PyStmt& fn = m_.stmt(t.id);
        std::vector<std::string> args;
        for (const PyParam& p : fn.params) {
            if (!p.default_text.empty() || !p.prefix.empty()) continue;
            if (p.name != "device") {
                no_main(fmt::format("'{}' takes the fixture '{}', which ttl-export cannot provide", fn.name, p.name));
                return;
            }
            args.push_back("device");
        }
        std::string call = fn.name + "(" + (args.empty() ? "" : "device=device") + ")";
        out_ += fmt::format(
            "\n\ndef main():\n    \"\"\"Runs {} the way pytest would, with a device, and reports PASS or FAIL.\"\"\"\n"
            "    device = ttnn.open_device(device_id=0)\n    try:\n        {}\n"
            "    except AssertionError as error:\n        print(f\"FAIL: {{error}}\")\n        return 1\n"
            "    finally:\n        ttnn.close_device(device)\n    print(\"PASS\")\n    return 0\n",
            fn.name, call);
        guard();
    }

    // ---- a compile-only program ----

    /// The exported kernel a statement calls directly (`K(a, b)` as the whole statement), or null.
    const ExportedKernel* kernel_call(const PyStmt& s) const {
        if (s.kind != PyStmtKind::kExpr || s.expr == kNoPy || m_.expr(s.expr).kind != PyExprKind::kCall) return nullptr;
        std::string callee = m_.dotted_name(m_.expr(s.expr).kids[0]);
        for (const ExportedKernel& k : p_.kernels) {
            if (k.source->name == callee) return &k;
        }
        return nullptr;
    }

    /// Which statements of a compile-only entry build the kernels' inputs: everything up to the
    /// last kernel call, but the TTLANG_* and environment settings.
    void plan_compile_only(const PyStmt& fn) {
        size_t last = 0;
        for (size_t i = 0; i < fn.body.size(); ++i) {
            if (kernel_call(m_.stmt(fn.body[i])) != nullptr) last = i + 1;
        }
        for (size_t i = 0; i < last; ++i) {
            const PyStmt& s = m_.stmt(fn.body[i]);
            std::string text = source_lines(*m_.source, s.line, s.end_line);
            if (text.find("TTLANG_") != std::string::npos || text.find("os.environ") != std::string::npos) continue;
            if (s.kind == PyStmtKind::kExpr && m_.expr(s.expr).kind == PyExprKind::kString) continue;  // docstring
            compiled_body_.push_back(fn.body[i]);
        }
    }

    /// The program only compiles its kernels: the runner builds the inputs the program built (its
    /// own statements and helpers), puts them on the device with seeded values, runs every kernel
    /// in the program's order and prints each output; it says plainly that nothing is checked.
    void compile_only_main(const PyStmt& fn) {
        warnings_.push_back(
            fmt::format("'{}' only compiles the kernels (it sets TTLANG_* variables) and checks no "
                        "result: run_kernel.py runs them on seeded inputs and prints their outputs; "
                        "use --save/--compare to keep and compare results",
                        fn.name));
        std::string body;
        std::vector<std::string> outputs;
        for (PyId id : compiled_body_) {
            const PyStmt& s = m_.stmt(id);
            const ExportedKernel* k = kernel_call(s);
            if (k == nullptr) {
                std::string text = carried(s.line, s.end_line);
                // Re-indent from the function body's level to the helper's.
                size_t pos = 0;
                std::string lead = text.substr(0, text.find_first_not_of(' '));
                while (pos < text.size()) {
                    size_t nl = text.find('\n', pos);
                    std::string line = text.substr(pos, nl - pos);
                    if (line.rfind(lead, 0) == 0) line = line.substr(lead.size());
                    body += line.empty() ? "\n" : "    " + line + "\n";
                    pos = nl + 1;
                }
                continue;
            }
            const PyExpr& call = m_.expr(s.expr);
            std::vector<std::string> args;
            for (size_t i = 1; i < call.kids.size(); ++i) args.push_back(m_.expr_text(call.kids[i]));
            std::vector<std::string> written;
            for (const ExportedThread& t : k->threads) {
                if (t.role == ThreadRole::kWriter) written.insert(written.end(), t.tensors.begin(), t.tensors.end());
            }
            std::vector<std::string> out_index;
            for (size_t i = 0; i < k->source->params.size() && i < args.size(); ++i) {
                if (std::find(written.begin(), written.end(), k->source->params[i]) != written.end()) {
                    out_index.push_back(std::to_string(i));
                    outputs.push_back(fmt::format("\"{}: {}\"", k->source->name, k->source->params[i]));
                }
            }
            std::string list;
            for (size_t i = 0; i < args.size(); ++i) list += (i ? ", " : "") + args[i];
            body += fmt::format("    placed = _on_device([{}], {{{}}}, device)\n", list, fmt::join(out_index, ", "));
            body += fmt::format("    run_{}(*placed)\n", k->source->name);
            for (const std::string& i : out_index)
                body += fmt::format("    results.append(ttnn.to_torch(placed[{}]))\n", i);
        }
        out_ += R"PY(

def _on_device(tensors, outputs, device):
    """The program's tensors on the device: outputs zero, inputs seeded random in [-1, 1)."""
    placed = []
    for index, tensor in enumerate(tensors):
        host = tensor if isinstance(tensor, torch.Tensor) else ttnn.to_torch(tensor)
        dtype = ttnn.bfloat16 if isinstance(tensor, torch.Tensor) else tensor.dtype
        if index in outputs:
            values = torch.zeros(host.shape, dtype=torch.float32)
        else:
            values = torch.rand(host.shape, dtype=torch.float32) * 2 - 1
        placed.append(
            ttnn.from_torch(
                values.to(host.dtype),
                dtype=dtype,
                layout=ttnn.TILE_LAYOUT,
                device=device,
            )
        )
    return placed
)PY";
        out_ += fmt::format(
            "\n\ndef _run_kernels(device):\n    \"\"\"{}'s statements that build the kernels' "
            "inputs, then every kernel call.\"\"\"\n    results = []\n{}    return results\n",
            fn.name, body);
        out_ += fmt::format("\n\nOUTPUTS = [{}]\n", fmt::join(outputs, ", "));
        out_ += R"PY(

def _option(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    """The TT-Lang program only compiled its kernels and checked no result. This runs each kernel
    as the program called it, on seeded random inputs of the program's shapes and dtypes, prints
    each output, and does NOT check the values: --save FILE.pt keeps them, --compare FILE.pt
    [--atol A] [--rtol R] compares a later run (or another kernel version) with them."""
    torch.manual_seed(0)
    device = ttnn.open_device(device_id=0)
    try:
        results = _run_kernels(device)
    finally:
        ttnn.close_device(device)
    for name, result in zip(OUTPUTS, results):
        values = result.float()
        print(
            f"{name}: shape {tuple(result.shape)} {result.dtype}, "
            f"mean {values.mean().item():.6g}, min {values.min().item():.6g}, max {values.max().item():.6g}"
        )
    if _option("--save"):
        torch.save(dict(zip(OUTPUTS, results)), _option("--save"))
        print(f"saved {len(results)} outputs to {_option('--save')}")
    if _option("--compare"):
        reference = torch.load(_option("--compare"))
        atol, rtol = float(_option("--atol", "0")), float(_option("--rtol", "0"))
        same = all(
            torch.allclose(
                reference[name].float(), result.float(), atol=atol, rtol=rtol
            )
            for name, result in zip(OUTPUTS, results)
        )
        print(
            "PASS: the outputs match"
            if same
            else "FAIL: the outputs differ from " + _option("--compare")
        )
        return 0 if same else 1
    print("ran every kernel; the TT-Lang program has no result check, so none was made")
    return 0
)PY";
        guard();
    }

    void no_main(const std::string& why) {
        warnings_.push_back(fmt::format("run_kernel.py has no working main(): {}; fill it in before running", why));
        std::string calls;
        for (const ExportedKernel& k : p_.kernels) {
            std::string params;
            for (size_t i = 0; i < k.source->params.size(); ++i) params += (i ? ", " : "") + k.source->params[i];
            calls += fmt::format("run_{}({}) with tiled tensors {} on the device; ", k.source->name, params, params);
        }
        std::string message = fmt::format("FAIL: fill in main() in run_kernel.py: {}({})", calls, why);
        std::string quoted;
        for (char c : message) quoted += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
        out_ += fmt::format("\n\ndef main():\n    print(\"{}\")\n    return 2\n", quoted);
        guard();
    }

    void guard() { out_ += "\n\nif __name__ == \"__main__\":\n    sys.exit(main())\n"; }

    const ExportedProgram& p_;
    const PyModule& m_;
    std::string out_;
    std::vector<std::string> warnings_;
    std::vector<std::string> dropped_;
    bool carries_source_ = true;  ///< see RunnerText::carries_source
    std::vector<PyId> compiled_body_;  ///< statements of a compile-only entry the runner keeps
};

}  // namespace

RunnerText write_runner(const ExportedProgram& program) {
    return RunnerWriter(program).run();
}

}  // namespace ttl
