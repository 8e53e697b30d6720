// Stage "validate": translation validation. Decides, independently of the rewriter,
// whether AFTER is equivalent to BEFORE.
//
// AFTER is accepted only if it equals BEFORE token by token once
//   1. comments and whitespace are ignored (preprocessor lines compare with spaces folded);
//   2. both sides are put in the same cast-normal form, each step under its own condition
//      proven from declared types: a cast to the type its operand already has is dropped; an
//      integer cast to the declared type of the variable it initializes is dropped; a chain
//      `U t = (U) x; T v = (W) t;` whose temporary has no other use and whose U is at least as
//      wide as W on every target becomes `T v = (W) x;`;
//   3. on AFTER, `constexpr uint32_t NAME = get_compile_time_arg_val(N);` at the top of a
//      function is undone: NAME's uses become `get_compile_time_arg_val(N)` again;
//   4. local identifiers correspond through one consistent bijection that captures nothing: a
//      use must refer to the matching declaration on both sides, and a new name must not be a
//      name with another meaning (a global, macro, keyword or TT-Metal API name).
// The first divergence is reported with both locations and the rule that could not explain it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "read/kernel_model.h"
#include "support/diagnostic.h"

namespace ttl {

struct EquivalenceResult {
    bool equivalent = false;
    std::string rule;  ///< the rule that could not explain the divergence
    std::string message;  ///< one line: what differs
    Diagnostic before_location;  ///< where, in BEFORE (may have no line)
    Diagnostic after_location;  ///< where, in AFTER
    int renamed = 0;  ///< locals whose names differ
    int casts_normalized = 0;  ///< casts the normal form removed, both sides together
    int cb_names_undone = 0;  ///< constexpr CB names substituted back
};

/// What the program (its runner) tells about both kernels.
struct EquivalenceOptions {
    /// Compile-time args 0 .. cb_count-1 are the circular-buffer indices 0 .. cb_count-1 (every
    /// runner passes them so): `get_compile_time_arg_val(N)` for N below it equals the constant
    /// `N` of type uint32_t, so a hand-made `constexpr uint32_t cb_lhs = 0;` is accepted. 0: unknown.
    int cb_count = 0;
};

/// A kernel in the validator's normal form (rules 2, 3, 5 and 6 applied to its own tokens), made
/// once to be compared with several others: the compiler's kernel against each trial rewrite.
/// It keeps a reference to `file`, which must outlive it.
class NormalForm {
public:
    explicit NormalForm(const KernelFile& file);
    ~NormalForm();
    NormalForm(NormalForm&&) noexcept;
    NormalForm& operator=(NormalForm&&) = delete;
    NormalForm(const NormalForm&) = delete;
    NormalForm& operator=(const NormalForm&) = delete;

    struct Data;
    const Data& data() const { return *data_; }

private:
    std::unique_ptr<Data> data_;
};

/// Compares two read kernels.
EquivalenceResult check_equivalence(const KernelFile& before, const KernelFile& after,
                                    const EquivalenceOptions& options = {});
/// The same, with BEFORE already in normal form.
EquivalenceResult check_equivalence(const NormalForm& before, const KernelFile& after,
                                    const EquivalenceOptions& options = {});

/// The result as diagnostics text: nothing when equivalent, else an error at AFTER's location
/// and a note at BEFORE's.
std::string render_equivalence(const EquivalenceResult& result);

}  // namespace ttl
