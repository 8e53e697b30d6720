// The system Python compiles the runner, and pyflakes finds no undefined name in it.
#include <algorithm>

#include "check/checks.h"
#include "support/python_check.h"

namespace ttl::check {

void check_runner_python(const Package& package, Report& report) {
    const SourceFile& runner = *package.runner;
    PythonCheck py = check_python(runner.name(), runner.text());
    if (!py.note.empty()) report.notes.push_back(make_file_diagnostic(Severity::kNote, runner.name(), py.note));
    for (const PythonProblem& p : py.problems) {
        uint32_t offset = runner.line_start(p.line) + (p.column > 0 ? p.column - 1 : 0);
        offset = std::min<uint32_t>(offset, static_cast<uint32_t>(runner.text().size()));
        if (p.syntax) {
            report.at(runner, offset, "the runner does not compile with Python: " + p.message,
                      "move the statement where Python accepts it, or export again with this ttl-export");
        } else {
            report.at(runner, offset, "the runner would stop here: " + p.message,
                      "define the name, or carry over the program code that defines it");
        }
    }
}

}  // namespace ttl::check
