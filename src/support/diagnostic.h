// Diagnostics are values: a severity, a message and a location, collected by each stage and
// printed by the driver as `file:line:col: error: message`, the source line and a caret.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "support/source.h"

namespace ttl {

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
    Severity severity = Severity::kError;
    std::string file;  ///< empty when the diagnostic is about no file
    uint32_t line = 0;  ///< 0 when there is no location in the file
    uint32_t column = 0;
    std::string message;  ///< lowercase, names in single quotes, no final period
    std::string source_line;  ///< the text of `line`, for the caret display (may be empty)
};

/// Builds a diagnostic pointing at byte `offset` of `source`.
Diagnostic make_diagnostic(Severity severity, const SourceFile& source, uint32_t offset, std::string message);
/// Builds a diagnostic about a file (or nothing) without a position.
Diagnostic make_file_diagnostic(Severity severity, std::string file, std::string message);

/// `file:line:col: error: message` followed by the source line and a caret line when known.
std::string render(const Diagnostic& diagnostic);

/// A list of diagnostics that a stage appends to.
class Diagnostics {
public:
    void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
    void error(const SourceFile& source, uint32_t offset, std::string message) {
        add(make_diagnostic(Severity::kError, source, offset, std::move(message)));
    }
    void warning(const SourceFile& source, uint32_t offset, std::string message) {
        add(make_diagnostic(Severity::kWarning, source, offset, std::move(message)));
    }
    /// Appends another list's diagnostics, in their order.
    void append(const Diagnostics& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }
    bool has_errors() const;
    const std::vector<Diagnostic>& items() const { return items_; }
    /// All diagnostics rendered, in order.
    std::string render_all() const;

private:
    std::vector<Diagnostic> items_;
};

}  // namespace ttl
