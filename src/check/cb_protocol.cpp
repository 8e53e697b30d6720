// Across the kernels of a program: every CB waited on is pushed, every CB pushed is waited on,
// and producer and consumer agree on the pages per block.
#include <map>
#include <set>

#include <fmt/format.h>

#include "check/checks.h"

namespace ttl::check {

namespace {

/// One call of the circular-buffer protocol in a kernel.
struct CbCall {
    int cb = -1;
    CbVerb verb = CbVerb::kNoVerb;
    std::optional<long long> count;
    const KernelUnit* unit = nullptr;
    TokenIndex token = 0;
};

}  // namespace

void check_cb_protocol(const Package&, const CheckKernel& kernel, const Units& units, Report& report) {
    std::map<int, std::vector<CbCall>> by_cb;
    for (const KernelUnit& unit : units) {
        for (const CbUse& use : unit.binding.cb_uses) {
            if (use.verb == CbVerb::kNoVerb || !use.index) continue;
            const Expr& call = unit.file->expr(use.call);
            if (!use.method && call.kids.count != 3) continue;
            by_cb[static_cast<int>(*use.index)].push_back(
                CbCall{static_cast<int>(*use.index), use.verb, use.count, &unit, call.range.first});
        }
    }
    std::map<int, std::string> names;
    for (const CheckCb& cb : kernel.cbs()) names[cb.index] = cb.name;
    for (const auto& [cb, calls] : by_cb) {
        std::string name = names.count(cb) > 0 ? fmt::format("'{}' (CB {})", names[cb], cb) : fmt::format("CB {}", cb);
        const CbCall* first_wait = nullptr;
        const CbCall* first_push = nullptr;
        std::set<long long> pushed, waited;
        bool push_known = true, wait_known = true;
        for (const CbCall& c : calls) {
            bool push = c.verb == CbVerb::kPush;
            if (!push && c.verb != CbVerb::kWait) continue;
            const CbCall*& first = push ? first_push : first_wait;
            if (first == nullptr) first = &c;
            if (c.count) {
                (push ? pushed : waited).insert(*c.count);
            } else {
                (push ? push_known : wait_known) = false;
            }
        }
        if (first_wait != nullptr && first_push == nullptr) {
            report.at_token(*first_wait->unit->file, first_wait->token,
                            fmt::format("{} waits on {}, but no thread pushes it: the kernel deadlocks on the device",
                                        first_wait->unit->thread.file, name),
                            "restore the producer's push_back, or remove the wait");
        } else if (first_push != nullptr && first_wait == nullptr) {
            report.at_token(*first_push->unit->file, first_push->token,
                            fmt::format("{} pushes {}, but no thread waits on it: the producer blocks once it is full",
                                        first_push->unit->thread.file, name),
                            "restore the consumer's wait_front and pop_front");
        } else if (first_push != nullptr && push_known && wait_known && !pushed.empty() && !waited.empty() &&
                   pushed != waited) {
            report.at_token(
                *first_wait->unit->file, first_wait->token,
                fmt::format("{} waits for {} tiles of {} at a time, but {} pushes {}", first_wait->unit->thread.file,
                            *waited.begin(), name, first_push->unit->thread.file, *pushed.begin()),
                "make the producer's and the consumer's counts per block agree");
        }
    }
}

}  // namespace ttl::check
