#include "check/check_context.h"

#include <fmt/format.h>

namespace ttl::check {

std::vector<CheckCb> CheckKernel::cbs() const {
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

std::vector<CheckThread> CheckKernel::threads() const {
    std::vector<CheckThread> out;
    for (size_t i = 0; i < runner.kernels.size(); ++i) {
        const RunnerKernel& rk = runner.kernels[i];
        CheckThread t{rk.role, rk.path, paths[i], {}, rk.line};
        for (int index : runner.tensor_indices[i]) {
            bool known = index >= 0 && index < static_cast<int>(tensors.size());
            t.tensors.push_back(known ? tensors[static_cast<size_t>(index)] : "?");
        }
        out.push_back(std::move(t));
    }
    return out;
}

std::string CheckKernel::cb_table() const {
    return prefix.empty() ? "CB_CONFIGS" : package::table_name(prefix, package::kCircularBuffers);
}

void Report::at(const SourceFile& file, uint32_t offset, std::string message, std::string fix) {
    findings.push_back(Finding{make_diagnostic(Severity::kError, file, offset, std::move(message)), std::move(fix)});
}

void Report::at_line(const SourceFile& file, uint32_t line, std::string message, std::string fix) {
    uint32_t offset = 0;
    if (line > 0) {
        std::string_view text = file.line_text(line);
        size_t first = text.find_first_not_of(" \t");
        offset = file.line_start(line) + static_cast<uint32_t>(first == std::string_view::npos ? 0 : first);
    }
    at(file, offset, std::move(message), std::move(fix));
}

void Report::at_token(const KernelFile& kernel, TokenIndex token, std::string message, std::string fix) {
    at(*kernel.source, kernel.tokens[token].begin, std::move(message), std::move(fix));
}

void Report::add(Diagnostic where, std::string fix) {
    where.severity = Severity::kError;
    findings.push_back(Finding{std::move(where), std::move(fix)});
}

}  // namespace ttl::check
