// A package runner needs only ttnn, torch and the standard library: no `import ttl`.
#include <fmt/format.h>

#include "check/checks.h"

namespace ttl::check {

void check_runner_standalone(const Package& package, Report& report) {
    const PyModule& m = *package.module;
    for (PyId id : m.body) {
        const PyStmt& s = m.stmt(id);
        std::vector<std::string> modules;
        if (s.kind == PyStmtKind::kImport) {
            for (const PyAlias& a : s.names) modules.push_back(a.name);
        } else if (s.kind == PyStmtKind::kImportFrom) {
            modules.push_back(s.module);
        }
        for (const std::string& name : modules) {
            if (name != "ttl" && name.rfind("ttl.", 0) != 0) continue;
            report.at_line(*package.runner, s.line,
                           fmt::format("the runner imports '{}': a package runner must need only ttnn, torch and "
                                       "the standard library",
                                       name),
                           "remove the import; ttl-export writes runners that do not need it");
        }
    }
}

}  // namespace ttl::check
