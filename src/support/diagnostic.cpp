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

constexpr size_t kShownColumns = 160;  // a longer source line is shown as a window around the caret

/// Text for a terminal: control characters and DEL as `\xNN` (tabs kept, and the line breaks
/// of a multi-line message when `lines`), so that a name cannot move the cursor or clear the
/// screen.
std::string printable(std::string_view text, bool lines) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t' && !(lines && c == '\n')) || u == 0x7F) {
            out += fmt::format("\\x{:02X}", u);
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

Diagnostic make_diagnostic(Severity severity, const SourceFile& source, uint32_t offset, std::string message) {
    Location loc = source.location(offset);
    return Diagnostic{severity,   source.name(),      loc.line,
                      loc.column, std::move(message), std::string(source.line_text(loc.line))};
}

Diagnostic make_file_diagnostic(Severity severity, std::string file, std::string message) {
    return Diagnostic{severity, std::move(file), 0, 0, std::move(message), {}};
}

std::string render(const Diagnostic& d) {
    std::string out;
    if (!d.file.empty()) {
        out += printable(d.file, false);
        if (d.line > 0) out += fmt::format(":{}:{}", d.line, d.column);
        out += ": ";
    }
    out += fmt::format("{}: {}\n", severity_name(d.severity), printable(d.message, true));
    if (d.line > 0 && !d.source_line.empty()) {
        // A long line is cut to a window around the column, marked with "..." at each cut end.
        std::string_view line = d.source_line;
        size_t caret = std::min<size_t>(d.column > 0 ? d.column - 1 : 0, line.size());
        size_t begin = 0;
        if (line.size() > kShownColumns) {
            begin = caret > kShownColumns / 2 ? caret - kShownColumns / 2 : 0;
            begin = std::min(begin, line.size() - kShownColumns);
        }
        std::string_view shown = line.substr(begin, kShownColumns);
        std::string prefix = begin > 0 ? "..." : "";
        std::string suffix = begin + shown.size() < line.size() ? "..." : "";
        // One display cell per byte: control characters become '?' here so the caret lines up.
        std::string text;
        for (char c : shown) {
            auto u = static_cast<unsigned char>(c);
            text += (u < 0x20 && c != '\t') || u == 0x7F ? '?' : c;
        }
        out += prefix + text + suffix + '\n';
        // Keep tabs so the caret lines up in a terminal whatever its tab width.
        out += std::string(prefix.size(), ' ');
        for (size_t i = begin; i < caret; ++i) out += line[i] == '\t' ? '\t' : ' ';
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
