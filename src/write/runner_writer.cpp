// Writing run_kernel.py: named tables per kernel, one run function per kernel that builds the
// emitted runner's program from them, and the TT-Lang program's own main() or test, copied
// verbatim but for its kernel calls.
#include "write/runner_writer.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace ttl {

namespace {

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

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
        std::string file = p_.source_path.substr(p_.source_path.find_last_of('/') + 1);
        out_ += "# SPDX-License-Identifier: Apache-2.0\n";
        out_ += fmt::format("\"\"\"Standalone runner for {}, exported by ttl-export.\n\n", file);
        for (const ExportedKernel& k : p_.kernels) {
            out_ += fmt::format("Kernel {}: ", k.source->name);
            for (size_t i = 0; i < k.threads.size(); ++i) out_ += (i ? ", " : "") + k.threads[i].role + " " + k.threads[i].file;
            out_ += ".\n";
        }
        out_ += "Run with `python run_kernel.py` next to the kernels folder; needs only ttnn and torch.\n\"\"\"\n\n";
        imports();
        out_ += "\nKERNEL_DIR = Path(__file__).resolve().parent / \"kernels\"\n";
        for (const ExportedKernel& k : p_.kernels) kernel(k);
        program();
        return RunnerText{std::move(out_), std::move(warnings_)};
    }

private:
    bool is_ttl_module(const std::string& module) const {
        return module == "ttl" || module.rfind("ttl.", 0) == 0 || module == "sim" || module.rfind("sim.", 0) == 0 ||
               module == "pytest";
    }

    void imports() {
        std::vector<std::string> lines = {"from pathlib import Path", "import sys", ""};
        std::set<std::string> modules;
        std::vector<std::string> kept;
        for (PyId id : m_.body) {
            const PyStmt& s = m_.stmt(id);
            if (s.kind == PyStmtKind::kImport) {
                bool ours = std::all_of(s.names.begin(), s.names.end(), [&](const PyAlias& a) { return !is_ttl_module(a.name); });
                if (!ours) continue;
                for (const PyAlias& a : s.names) modules.insert(a.name);
                kept.push_back(s.text);
            } else if (s.kind == PyStmtKind::kImportFrom && !is_ttl_module(s.module)) {
                kept.push_back(s.text);
            }
        }
        if (modules.count("torch") == 0) kept.insert(kept.begin(), "import torch");
        if (modules.count("ttnn") == 0) kept.push_back("import ttnn");
        for (const std::string& l : lines) out_ += l + "\n";
        std::sort(kept.begin(), kept.end());
        kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
        for (const std::string& l : kept) out_ += l + "\n";
    }

    void kernel(const ExportedKernel& k) {
        const RunnerModel& r = k.artifacts.runner;
        std::string name = k.source->name;
        std::string prefix = upper(name);
        out_ += fmt::format("\n\n# ---- {} {}\n\n", name, std::string(std::max<int>(0, 70 - static_cast<int>(name.size())), '-'));
        out_ += fmt::format("# (columns, rows) of Tensix cores\n{}_GRID = ({}, {})\n", prefix, r.grid_cols, r.grid_rows);
        out_ += fmt::format("# tensor parameters, in order\n{}_TENSORS = {}\n", prefix, py_list(k.source->params, true));
        out_ += fmt::format("# compile-time args 0..{} are the circular-buffer indices\n{}_NUM_CB_INDICES = {}\n",
                            r.cbs.empty() ? 0 : r.cbs.size() - 1, prefix, r.cbs.size());
        out_ += fmt::format("{}_CIRCULAR_BUFFERS = [\n    # (name, index, data format, page size, total size)\n", prefix);
        for (const RunnerCb& cb : r.cbs) {
            std::string cb_name = cb.index < static_cast<int>(k.source->buffers.size()) ? k.source->buffers[cb.index].name
                                                                                       : fmt::format("cb{}", cb.index);
            if (!cb.present) {
                out_ += fmt::format("    # {} (index {}) is created but no thread uses it: no descriptor\n", cb_name, cb.index);
                continue;
            }
            out_ += fmt::format("    (\"{}\", {}, ttnn.{}, {}, {}),\n", cb_name, cb.index, cb.dtype, cb.page_size, cb.total_size);
        }
        out_ += "]\n";
        out_ += fmt::format("{}_THREADS = [\n    # (role, kernel file, tensors passed as common runtime args, in order)\n", prefix);
        for (const ExportedThread& t : k.threads) {
            std::string rel = t.file.substr(std::string("kernels/").size());
            out_ += fmt::format("    (\"{}\", \"{}\", {}),\n", t.role, rel, py_list(t.tensors, true));
        }
        out_ += "]\n\n\n";
        std::string params;
        for (size_t i = 0; i < k.source->params.size(); ++i) params += (i ? ", " : "") + k.source->params[i];
        out_ += fmt::format("def run_{}({}):\n", name, params);
        out_ += fmt::format("    \"\"\"Runs kernel {} as the compiler built it; returns the last tensor.\"\"\"\n", name);
        out_ += fmt::format("    tensors = [{}]\n", params);
        out_ += fmt::format("    tensor_names = {}_TENSORS\n", prefix);
        out_ += fmt::format("    circular_buffers = {}_CIRCULAR_BUFFERS\n", prefix);
        out_ += fmt::format("    columns, rows = {}_GRID\n", prefix);
        out_ += "    corner = ttnn.CoreCoord(columns - 1, rows - 1)\n";
        out_ += "    core_ranges = ttnn.CoreRangeSet([ttnn.CoreRange(ttnn.CoreCoord(0, 0), corner)])\n";
        out_ += "    accessor_args = []\n    for tensor in tensors:\n"
                "        accessor_args.extend(ttnn.TensorAccessorArgs(tensor).get_compile_time_args())\n";
        out_ += "    cbs = []\n"
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
        out_ += fmt::format("    cb_indices = list(range({}_NUM_CB_INDICES))\n", prefix);
        out_ += "    kernels = []\n";
        out_ += fmt::format("    for role, kernel_file, thread_tensors in {}_THREADS:\n", prefix);
        out_ += "        addresses = [address[name] for name in thread_tensors]\n";
        out_ += "        if role == \"compute\":\n            compile_time_args = cb_indices\n"
                "            config = ttnn.ComputeConfigDescriptor()\n";
        if (k.float32) out_ += "            config.fp32_dest_acc_en = True  # a circular buffer holds float32\n";
        out_ += "        else:\n            compile_time_args = cb_indices + accessor_args\n"
                "            if role == \"reader\":\n                config = ttnn.ReaderConfigDescriptor()\n"
                "            else:\n                config = ttnn.WriterConfigDescriptor()\n";
        out_ += "        kernels.append(\n            ttnn.KernelDescriptor(\n"
                "                kernel_source=str(KERNEL_DIR / kernel_file),\n"
                "                core_ranges=core_ranges,\n"
                "                compile_time_args=compile_time_args,\n"
                "                common_runtime_args=addresses,\n"
                "                config=config,\n            )\n        )\n";
        out_ += "    program = ttnn.ProgramDescriptor(kernels=kernels, cbs=cbs, semaphores=[])\n";
        out_ += "    return ttnn.generic_op(tensors, program)\n";
    }

    /// The TT-Lang program's own code, with kernel calls renamed to their run functions.
    std::string carried(uint32_t first, uint32_t last) const {
        std::string text = source_lines(*m_.source, first, last);
        // Byte offset of each kernel-call name inside the copied lines, last first.
        uint32_t base = m_.source->line_start(first);
        std::vector<std::pair<uint32_t, std::string>> edits;
        for (const PyExpr& e : m_.exprs) {
            if (e.kind != PyExprKind::kCall) continue;
            const PyExpr& callee = m_.expr(e.kids[0]);
            if (callee.kind != PyExprKind::kName) continue;
            const PyToken& t = m_.tokens[callee.first_token];
            if (t.line < first || t.line > last) continue;
            for (const ExportedKernel& k : p_.kernels) {
                if (k.source->name == callee.text) edits.emplace_back(t.begin - base, callee.text);
            }
        }
        std::sort(edits.rbegin(), edits.rend());
        for (const auto& [at, name] : edits) text.replace(at, name.size(), "run_" + name);
        return text;
    }

    bool is_fixture(const PyStmt& s) const {
        for (PyId d : s.decorators) {
            if (m_.expr_text(d).find("fixture") != std::string::npos) return true;
        }
        return false;
    }

    void program() {
        std::set<std::string> kernels;
        for (const TtlKernel& k : p_.source->kernels) kernels.insert(k.name);
        const std::optional<TtlProgram>& prog = p_.source->program;
        // Module-level helpers the program may use: constants and plain functions.
        std::string helpers;
        for (PyId id : m_.body) {
            const PyStmt& s = m_.stmt(id);
            if (s.kind == PyStmtKind::kImport || s.kind == PyStmtKind::kImportFrom) continue;
            if (s.kind == PyStmtKind::kIf && s.text.find("__name__") != std::string::npos) continue;
            if (s.kind == PyStmtKind::kExpr && m_.expr(s.expr).kind == PyExprKind::kString) continue;  // docstring
            if (s.kind == PyStmtKind::kFunctionDef && (kernels.count(s.name) > 0 || is_fixture(s))) continue;
            if (prog && s.kind == PyStmtKind::kFunctionDef && s.name == prog->function) continue;
            uint32_t first = s.line;
            if (!s.decorators.empty()) first = m_.tokens[m_.expr(s.decorators[0]).first_token].line;
            helpers += (s.kind == PyStmtKind::kFunctionDef || s.kind == PyStmtKind::kClassDef ? "\n\n" : "") +
                       carried(first, s.end_line);
        }
        if (!helpers.empty()) out_ += "\n\n# ---- carried over from the TT-Lang program\n\n" + helpers;
        if (!prog) {
            no_main("the TT-Lang program has no main() or test that calls its kernels");
            return;
        }
        if (prog->function.empty()) {
            out_ += "\n\ndef main():\n";
            for (PyId id : prog->body) {
                const PyStmt& s = m_.stmt(id);
                std::string text = carried(s.line, s.end_line);
                size_t pos = 0;
                while (pos < text.size()) {
                    size_t nl = text.find('\n', pos);
                    out_ += "    " + text.substr(pos, nl - pos + 1);
                    pos = nl + 1;
                }
            }
            out_ += "    print(\"PASS\")\n    return 0\n";
            guard();
            return;
        }
        const PyStmt* fn = nullptr;
        for (PyId id : m_.body) {
            if (m_.stmt(id).kind == PyStmtKind::kFunctionDef && m_.stmt(id).name == prog->function) fn = &m_.stmt(id);
        }
        out_ += "\n\n" + carried(fn->decorators.empty() ? fn->line : m_.tokens[m_.expr(fn->decorators[0]).first_token].line,
                                 fn->end_line);
        if (prog->function == "main" && fn->params.empty()) {
            guard();
            return;
        }
        bool device_only = std::all_of(fn->params.begin(), fn->params.end(), [](const PyParam& p) { return p.name == "device"; });
        if (!device_only) {
            no_main(fmt::format("'{}' takes parameters ttl-export cannot provide", prog->function));
            return;
        }
        std::string call = prog->function + (fn->params.empty() ? "()" : "(device)");
        out_ += fmt::format(
            "\n\ndef main():\n    \"\"\"Runs {} the way pytest would, with a device, and reports PASS or FAIL.\"\"\"\n"
            "    device = ttnn.open_device(device_id=0)\n    try:\n        {}\n"
            "    except AssertionError as error:\n        print(f\"FAIL: {{error}}\")\n        return 1\n"
            "    finally:\n        ttnn.close_device(device)\n    print(\"PASS\")\n    return 0\n",
            prog->function, call);
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
        out_ += fmt::format("\n\ndef main():\n    print(\"FAIL: fill in main() in run_kernel.py: {}({})\")\n    return 2\n",
                            calls, why);
        guard();
    }

    void guard() { out_ += "\n\nif __name__ == \"__main__\":\n    sys.exit(main())\n"; }

    const ExportedProgram& p_;
    const PyModule& m_;
    std::string out_;
    std::vector<std::string> warnings_;
};

}  // namespace

RunnerText write_runner(const ExportedProgram& program) { return RunnerWriter(program).run(); }

}  // namespace ttl
