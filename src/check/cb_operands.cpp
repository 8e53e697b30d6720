// Every expression used as a circular buffer (the CB operand of the kernel API, a CB object's
// constructor argument; the binder lists them) names a CB the runner describes.
#include <set>

#include <fmt/format.h>

#include "check/checks.h"

namespace ttl::check {

void check_cb_operands(const Package&, const CheckKernel& kernel, const Units& units, Report& report) {
    std::set<int> described;
    for (const CheckCb& cb : kernel.cbs()) described.insert(cb.index);
    for (const KernelUnit& unit : units) {
        std::set<TokenIndex> reported;
        for (const CbUse& use : unit.binding.cb_uses) {
            if (use.method || !use.index || described.count(static_cast<int>(*use.index)) > 0) continue;
            const Expr& e = unit.file->expr(use.operand);
            if (!reported.insert(e.range.first).second) continue;
            report.at_token(
                *unit.file, e.range.first,
                fmt::format("the kernel uses circular buffer {}, but the runner describes no circular "
                            "buffer with index {}",
                            *use.index, *use.index),
                fmt::format("add index {} to {}, or correct the index in the kernel", *use.index, kernel.cb_table()));
        }
    }
}

}  // namespace ttl::check
