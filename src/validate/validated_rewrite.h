// Rewrites one kernel with every enabled rule, keeping a rule only when the validator proves
// the result equivalent to the compiler's code; a rule whose output fails is rolled back for
// this kernel and the reason is reported. The compiler's code itself always validates, so the
// result is never worse than the input.
#pragma once

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
    RewriteOutput stats;  ///< of the final, validated rewrite
    Rules applied;  ///< rules kept
    std::vector<RolledBack> rolled_back;
    EquivalenceResult proof;  ///< the final check
};

/// `enabled`: rules requested (all by default, minus `--no-<rule>`).
ValidatedKernel rewrite_and_validate(const RewriteInput& input, Rules enabled);

}  // namespace ttl
