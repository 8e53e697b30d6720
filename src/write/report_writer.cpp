// EXPORT.md, section by section; every table is built from the exported program's data.
#include "write/report_writer.h"

#include <string_view>

#include <fmt/format.h>

#include "read/package_format.h"
#include "write/program_facts.h"

namespace ttl {

namespace {

std::string file_name(const std::string& path) {
    return path.substr(path.find_last_of('/') + 1);
}

/// `s` appended to `out` with every `|` escaped (a table cell).
void append_escaped(std::string& out, std::string_view s) {
    for (size_t bar = s.find('|'); bar != std::string_view::npos; bar = s.find('|')) {
        out.append(s.substr(0, bar)).append("\\|");
        s.remove_prefix(bar + 1);
    }
    out.append(s);
}

std::string escape(std::string_view s) {
    std::string out;
    append_escaped(out, s);
    return out;
}

}  // namespace

std::string explain(const ExportedProgram& program) {
    std::string out;
    for (const ExportedKernel& k : program.kernels) {
        for (const ExportedThread& t : k.threads) {
            out += fmt::format("{} / {} ({}):\n", k.source->name, t.thread, t.file);
            for (const CbName& cb : t.naming.cb_names)
                out += fmt::format("  CB {:<3} -> {:<24} {}\n", cb.index, cb.name, cb.reason);
            for (const Rename& r : t.naming.renames) {
                out += fmt::format("  {:<24} -> {:<24} [{}] {}\n", r.old_name, r.new_name, name_source_name(r.source),
                                   r.reason);
            }
            const std::vector<SourceMapEntry>& map = t.kernel.stats.source_map;
            if (!map.empty()) out += "  source map (TT-Lang line -> C++ lines):\n";
            auto lines = source_map_lines(t.kernel.text, map);
            for (size_t i = 0; i < map.size(); ++i) {
                std::string where = lines[i].first == 0 ? std::string("(not placed)")
                                    : lines[i].first == lines[i].second
                                        ? fmt::format("{}", lines[i].first)
                                        : fmt::format("{}-{}", lines[i].first, lines[i].second);
                out += fmt::format("    {:>4} -> {:<9} {}\n", map[i].source_line, where, map[i].statement);
            }
        }
    }
    return out;
}

std::string thread_report(const ExportedThread& t) {
    std::string out;
    out += fmt::format("### `{}` ({})\n\n", t.file, t.thread);
    out += fmt::format(
        "Rules applied: {}.", t.kernel.applied.empty() ? std::string("none") : [&] {
            std::string s;
            for (const RewriteRule& rule : rewrite_rules()) {
                if (t.kernel.applied.has(rule.rule)) s += (s.empty() ? "" : ", ") + std::string(rule.name);
            }
            return s;
        }());
    out += fmt::format(
        " Renamed {} identifiers, removed {} redundant casts and {} cast temporaries, "
        "named {} "
        "circular buffers, made {} constants constexpr and split {} by role.\n\n",
        t.kernel.stats.renamed, t.kernel.stats.casts_removed, t.kernel.stats.temporaries_removed,
        t.kernel.stats.cb_names, t.kernel.stats.constants, t.kernel.stats.constants_split);
    for (const ConstantSplit& cs : t.naming.splits) {
        std::string parts;
        for (const ConstantSplit::Part& part : cs.parts) {
            parts += (parts.empty() ? "" : ", ") +
                     fmt::format("`{}` ({} use{})", part.name, part.uses.size(), part.uses.size() == 1 ? "" : "s");
        }
        std::string old_name;
        for (const Rename& rn : t.naming.renames) {
            if (rn.local == cs.local) old_name = rn.old_name;
        }
        out += fmt::format("Constant `{}` plays several roles; split into {}.\n\n", old_name, parts);
    }
    for (const RolledBack& rb : t.kernel.rolled_back) {
        out += fmt::format("Rolled back `{}`: {}\n\n", rb.rule, escape(rb.reason));
    }
    for (const std::string& n : t.kernel.stats.notes) out += "Note: " + n + "\n\n";
    out += "| compiler name | exported name | from | why |\n|---|---|---|---|\n";
    for (const CbName& cb : t.naming.cb_names) {
        out += fmt::format("| `get_compile_time_arg_val({})` | `{}` | source | {} |\n", cb.index, cb.name,
                           escape(cb.reason));
    }
    // One row per renamed identifier (24,000 in the benchmark program): appended piece by piece.
    for (const Rename& rn : t.naming.renames) {
        out.append("| `").append(rn.old_name).append("` | `").append(rn.new_name).append("` | ");
        out.append(name_source_name(rn.source)).append(" | ");
        append_escaped(out, rn.reason);
        out.append(" |\n");
    }
    out += "\n";
    return out;
}

std::string write_report(const ExportedProgram& program, const RunnerText& runner,
                         const std::vector<std::string>& files, const std::vector<std::string>& thread_sections) {
    const std::vector<std::string>& runner_warnings = runner.warnings;
    std::string src = file_name(program.source_path);
    std::string out = fmt::format("{}{}\n\n", package::kTitle, src);
    out += fmt::format(
        "{}from the TT-Lang program `{}` and the compiler's output. Every "
        "kernel "
        "below was proven equivalent, token by token, to the C++ the compiler emitted; a rewrite "
        "that could not be proven was rolled back.\n\n",
        package::kExportedBy, src);
    out += "## How to run\n\n";
    out += "- On a machine with a Tenstorrent device: `python run_kernel.py` (from any directory).\n";
    out +=
        "- On the simulator VM: copy this whole folder into the VM, keeping `kernels/` beside "
        "`run_kernel.py`, "
        "and run `python run_kernel.py` there.\n";
    out += "- On the CPU emulator of ttl-export: `ttl-export run .`\n\n";
    out += fmt::format("## What was exported\n\n{}\n\n", package::source_read_record(program.source_path));
    if (!program.options.empty()) out += package::options_record(program.options) + "\n\n";
    out +=
        "| kernel | thread | role | package file | compiler output | md5 "
        "|\n|---|---|---|---|---|---|\n";
    for (const ExportedKernel& k : program.kernels) {
        for (const ExportedThread& t : k.threads) {
            out += package::kernel_row(k.source->name, t.thread, role_name(t.role), t.file, t.emitted_path,
                                       t.emitted_md5) +
                   "\n";
        }
        out += fmt::format("\n{}\n\n", package::runner_read_record(k.artifacts.runner_path, k.artifacts.runner.format));
    }
    size_t section = 0;  // the next of thread_sections
    for (const ExportedKernel& k : program.kernels) {
        const RunnerModel& r = k.artifacts.runner;
        out += package::kernel_heading(k.source->name) + "\n\n";
        std::string asked = k.source->grid_auto          ? " (the source asks for grid=\"auto\")"
                            : k.source->grid.size() == 2 ? package::grid_request(k.source->grid[0], k.source->grid[1])
                                                         : "";
        out += fmt::format(
            "Grid: {} x {} cores{}.{}\n\n", r.grid_cols, r.grid_rows, asked,
            k.float32 ? " A circular buffer holds float32: the compute config sets `fp32_dest_acc_en`." : "");
        out +=
            "### Circular buffers\n\n| index | name | producer | consumer | shape | block count | "
            "dtype | page size | total size |\n"
            "|---|---|---|---|---|---|---|---|---|\n";
        for (const CbRow& row : cb_rows(k)) {
            out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", row.index, row.name, row.producer,
                               row.consumer, row.shape, row.block_count, row.dtype, row.page_size, row.total_size);
        }
        out +=
            "\n### Tensors\n\n| parameter | index | threads | common runtime arg position "
            "|\n|---|---|---|---|\n";
        for (size_t p = 0; p < k.source->params.size(); ++p) {
            std::string threads, positions;
            for (const ExportedThread& t : k.threads) {
                for (size_t a = 0; a < t.tensors.size(); ++a) {
                    if (t.tensors[a] != k.source->params[p]) continue;
                    std::string verb = t.role == ThreadRole::kWriter ? "written by " : "read by ";
                    threads += (threads.empty() ? "" : ", ") + verb + t.thread;
                    positions += (positions.empty() ? "" : ", ") + fmt::format("{}: {}", t.thread, a);
                }
            }
            out += fmt::format("| {} | {} | {} | {} |\n", k.source->params[p], p, threads.empty() ? "-" : threads,
                               positions.empty() ? "-" : positions);
        }
        out += "\n### Data flow\n\n```mermaid\nflowchart LR\n";
        DataFlow flow = data_flow(k);
        for (const FlowNode& n : flow.nodes) {
            if (n.kind == FlowNode::Kind::kThread && n.has_file) {
                out += fmt::format("  {}[\"{} ({})\"]\n", n.id, n.label, role_name(n.role));
            } else if (n.kind == FlowNode::Kind::kBuffer) {
                out += fmt::format("  {}((\"{}\"))\n", n.id, n.label);
            }
        }
        auto end = [&](size_t i) {
            const FlowNode& n = flow.nodes[i];
            return n.kind == FlowNode::Kind::kTensor ? fmt::format("{}[/\"{}\"/]", n.id, n.label) : n.id;
        };
        for (const FlowEdge& e : flow.edges) out += fmt::format("  {} --> {}\n", end(e.from), end(e.to));
        out += "```\n\n";
        for (const ExportedThread& t : k.threads) {
            if (section < thread_sections.size() && !thread_sections[section].empty()) {
                out += thread_sections[section];
            } else {
                out += thread_report(t);
            }
            ++section;
        }
    }
    std::vector<std::string> warnings = program.warnings;
    warnings.insert(warnings.end(), runner_warnings.begin(), runner_warnings.end());
    out += "## What run_kernel.py leaves out of the program\n\n";
    if (runner.dropped.empty()) out += "Nothing.\n";
    for (const std::string& d : runner.dropped) out += "- " + escape(d) + "\n";
    out += "\n## Warnings\n\n";
    if (warnings.empty()) out += "None.\n";
    for (const std::string& w : warnings) out += "- " + escape(w) + "\n";
    out += fmt::format("\n{}\n\n", package::kPackageFiles);
    out += "ttl-export wrote these files; `--force` replaces this folder only while it holds nothing else.\n\n";
    for (const std::string& f : files) out += "- `" + f + "`\n";
    return out;
}

}  // namespace ttl
