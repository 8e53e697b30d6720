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
#include <utility>
#include <vector>

#include "write/exported_program.h"
#include "write/runner_writer.h"

namespace ttl {

/// A tab of the page: its button and its content.
struct HtmlPanel {
    std::string id;
    std::string label;
    std::string title;  ///< the button's tooltip
    std::string body;
};

/// A kernel file's two tabs (its code; the compiler's file beside it), made on their own: an
/// export renders them as soon as the file is proven. `compiler_text` is the emitted file,
/// `kernel_index` the kernel's place in the program, `file_index` the file's in the package.
std::pair<HtmlPanel, HtmlPanel> render_file_tabs(const ExportedThread& thread, const std::string& compiler_text,
                                                 size_t kernel_index, size_t file_index);

/// The page as the pieces it is made of, in order (its tabs' bodies are not copied into one
/// string: a large program's page is megabytes, written piece by piece).
struct HtmlPage {
    std::vector<std::string> parts;
    std::string text() const;  ///< the pieces joined
};

/// The page; deterministic (no timestamps, ids from file order and line numbers). Every
/// character of every source is escaped: a kernel containing `</script>` renders as text.
/// `file_tabs`, when given, are render_file_tabs of every kernel file in package order.
HtmlPage html_page(const ExportedProgram& program, const RunnerText& runner,
                   std::vector<std::pair<HtmlPanel, HtmlPanel>> file_tabs = {});
/// html_page's text.
std::string write_html_report(const ExportedProgram& program, const RunnerText& runner,
                              std::vector<std::pair<HtmlPanel, HtmlPanel>> file_tabs = {});

}  // namespace ttl
