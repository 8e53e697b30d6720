// Rewrites one kernel with every enabled rule, keeping a rule only when the validator proves
// the result equivalent to the compiler's code; a rule whose output fails is rolled back for
// this kernel and the reason is reported. The compiler's code itself always validates, so the
// result is never worse than the input.
#pragma once

#include <future>
#include <memory>
#include <string>
#include <vector>

#include "rewrite/rewriter.h"
#include "support/once_task.h"
#include "validate/equivalence.h"

namespace ttl {

struct RolledBack {
    std::string rule;
    std::string reason;  ///< the validator's verdict
};

struct ValidatedKernel {
    std::string text;  ///< the validated output
    RewriteOutput stats;  ///< of the final, validated rewrite (its text moved into `text`)
    Rules applied;  ///< rules kept
    std::vector<RolledBack> rolled_back;
    EquivalenceResult proof;  ///< the final check
    /// `text`'s tokens as the final check read them (its lexer's work, for EXPORT.html to reuse;
    /// empty when the text did not read).
    TokenList tokens;
};

/// `enabled`: rules requested (all by default, minus `--no-<rule>`).
ValidatedKernel rewrite_and_validate(const RewriteInput& input, Rules enabled);

/// The compiler's kernel in normal form, computed once by whichever thread asks first (the
/// proof, when no other thread has).
using PendingNormalForm = std::shared_ptr<OnceTask<NormalForm>>;
PendingNormalForm normal_form_task(const KernelFile& file);

/// rewrite_and_validate in two steps, so that a scheduler can run other work between them: the
/// rewrite with every rule, then its proof and, when that fails, the rules one by one.
/// `before`: the compiler's kernel's normal form, if the caller made the task (to hand it to an
/// idle core: IdleWork); else made here. `aside`: it is computed during the rewrite, on a thread
/// of its own (worth it when cores would be idle: fewer threads to export than cores); otherwise
/// by the proof unless a thread ran it before (a thread costs its start and its own heap: more
/// fresh memory to fault in).
struct PendingRewrite {
    Rules enabled;
    RewriteOutput all;  ///< every enabled rule at once, not yet proven
    PendingNormalForm before;  ///< the compiler's kernel in normal form
    std::future<void> aside;  ///< the thread computing it, with `aside`
};
PendingRewrite start_rewrite(const RewriteInput& input, Rules enabled, bool aside = true,
                             PendingNormalForm before = nullptr);
ValidatedKernel finish_rewrite(const RewriteInput& input, PendingRewrite pending);

}  // namespace ttl
