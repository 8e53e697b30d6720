// Stage "write": the package's EXPORT.html, the page a kernel engineer keeps open while tuning an
// export. One self-contained file (inline CSS and a small inline script, no network, works from
// file://): the TT-Lang source on the left; on the right a tab per kernel file, run_kernel.py, a
// "what changed" view per kernel (the compiler's file beside the exported one) and an overview
// with the circular-buffer tables and the data flow as inline SVG. Syntax highlighting is done
// here, at export time. Selecting a TT-Lang line marks the C++ lines it produced (the comments
// rule's source map) in every thread, and the reverse; a renamed identifier shows its old name
// and the evidence; a circular buffer's name opens its table row.
#pragma once

#include <string>

#include "write/exported_program.h"
#include "write/runner_writer.h"

namespace ttl {

/// The page; deterministic (no timestamps, ids from file order and line numbers). Every
/// character of every source is escaped: a kernel containing `</script>` renders as text.
std::string write_html_report(const ExportedProgram& program, const RunnerText& runner);

}  // namespace ttl
