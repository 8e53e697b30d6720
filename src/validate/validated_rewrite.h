// Rewrites one kernel with every enabled rule, keeping a rule only when the validator proves
// the result equivalent to the compiler's code; a rule whose output fails is rolled back for
// this kernel and the reason is reported. The compiler's code itself always validates, so the
// result is never worse than the input.
#pragma once

#include <future>
#include <string>
#include <vector>

#include "rewrite/rewriter.h"
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

/// rewrite_and_validate in two steps, so that a scheduler can run other work between them: the
/// rewrite with every rule, then its proof and, when that fails, the rules one by one.
/// `aside`: the compiler's kernel is brought to normal form during the rewrite, on a thread of
/// its own (worth it when cores would be idle: fewer threads to export than cores); otherwise
/// when the proof first needs it, on the proof's thread (a thread costs its start and its own
/// heap: more fresh memory to fault in).
struct PendingRewrite {
    Rules enabled;
    RewriteOutput all;  ///< every enabled rule at once, not yet proven
    std::shared_future<NormalForm> before;  ///< the compiler's kernel in normal form
};
PendingRewrite start_rewrite(const RewriteInput& input, Rules enabled, bool aside = true);
ValidatedKernel finish_rewrite(const RewriteInput& input, PendingRewrite pending);

}  // namespace ttl
