// Rendering of diagnostics in the compiler format users know, with a caret under the column.
#include "support/diagnostic.h"

#include <algorithm>

#include <fmt/format.h>

namespace ttl {

namespace {

const char* severity_name(Severity severity) {
    switch (severity) {
        case Severity::kError: return "error";
        case Severity::kWarning: return "warning";
        case Severity::kNote: return "note";
    }
    return "error";
}

}  // namespace

Diagnostic make_diagnostic(Severity severity, const SourceFile& source, uint32_t offset,
                           std::string message) {
    Location loc = source.location(offset);
    return Diagnostic{severity, source.name(), loc.line, loc.column, std::move(message),
                      std::string(source.line_text(loc.line))};
}

Diagnostic make_file_diagnostic(Severity severity, std::string file, std::string message) {
    return Diagnostic{severity, std::move(file), 0, 0, std::move(message), {}};
}

std::string render(const Diagnostic& d) {
    std::string out;
    if (!d.file.empty()) {
        out += d.file;
        if (d.line > 0) out += fmt::format(":{}:{}", d.line, d.column);
        out += ": ";
    }
    out += fmt::format("{}: {}\n", severity_name(d.severity), d.message);
    if (d.line > 0 && !d.source_line.empty()) {
        out += d.source_line;
        out += '\n';
        // Keep tabs so the caret lines up in a terminal whatever its tab width.
        size_t width = std::min<size_t>(d.column - 1, d.source_line.size());
        for (size_t i = 0; i < width; ++i) out += d.source_line[i] == '\t' ? '\t' : ' ';
        out += "^\n";
    }
    return out;
}

bool Diagnostics::has_errors() const {
    return std::any_of(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

std::string Diagnostics::render_all() const {
    std::string out;
    for (const Diagnostic& d : items_) out += render(d);
    return out;
}

}  // namespace ttl
