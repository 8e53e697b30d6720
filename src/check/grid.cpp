// The grid the runner uses is the one the TT-Lang source asks for (EXPORT.md records it).
#include <fmt/format.h>

#include "check/checks.h"

namespace ttl::check {

void check_grid(const Package& package, const CheckKernel& kernel, const Units&, Report& report) {
    auto grid = package.records.grid_of.find(kernel.name);
    if (grid == package.records.grid_of.end()) return;
    auto [columns, rows] = grid->second;
    if (columns == kernel.runner.grid_cols && rows == kernel.runner.grid_rows) return;
    report.at_line(*package.runner, kernel.grid_line,
                   fmt::format("the grid is ({}, {}) but the TT-Lang source asks for grid=({}, {})",
                               kernel.runner.grid_cols, kernel.runner.grid_rows, columns, rows),
                   fmt::format("set {} = ({}, {})", package::table_name(kernel.prefix, package::kGrid), columns, rows));
}

}  // namespace ttl::check
