// Rule by rule: add the rule, rewrite from the compiler's text, read the result, prove it.
#include "validate/validated_rewrite.h"

#include <future>

#include "read/kernel_reader.h"
#include "support/source.h"

namespace ttl {

namespace {

/// `text` proven against `before`; `tokens` becomes its tokens when they index `text` itself (the
/// reader drops a BOM and carriage returns, which the rewriter never writes), else empty. A text
/// the reader keeps as it is (no BOM, no carriage return: every rewrite) is moved into the read
/// and back, not copied (a large kernel's text is megabytes).
std::optional<EquivalenceResult> prove(const NormalForm& before, const std::string& name, std::string& text,
                                       std::string& failure, TokenList& tokens) {
    tokens.clear();
    const bool as_read = is_normalized(text);
    size_t size = text.size();
    std::shared_ptr<SourceFile> file =
        as_read ? std::make_shared<SourceFile>(name, std::move(text)) : std::make_shared<SourceFile>(name, text);
    std::optional<EquivalenceResult> out;
    {
        Diagnostics d;
        auto after = read_kernel(file, d);
        if (!after) {
            failure =
                "the rewritten kernel does not read: " + (d.items().empty() ? std::string("?") : d.items()[0].message);
        } else {
            out = check_equivalence(before, *after);
            if (!out->equivalent) failure = "not equivalent (" + out->rule + "): " + out->message;
            if (after->source->text().size() == size) tokens = std::move(after->tokens);
        }
    }
    // The read is gone: the file is ours alone again.
    if (as_read) text = file.use_count() == 1 ? std::move(*file).release_text() : file->text();
    return out;
}

}  // namespace

PendingRewrite start_rewrite(const RewriteInput& input, Rules enabled, bool aside) {
    PendingRewrite p;
    p.enabled = enabled;
    // The compiler's kernel in normal form, once for every proof.
    const KernelFile* file = input.file;
    p.before =
        std::async(aside ? std::launch::async : std::launch::deferred, [file] { return NormalForm(*file); }).share();
    // Usually every rule proves out: try them all at once (finish_rewrite goes rule by rule only
    // when the whole fails, to find and roll back the rule responsible).
    p.all = rewrite_kernel(input, enabled);
    return p;
}

ValidatedKernel rewrite_and_validate(const RewriteInput& input, Rules enabled) {
    return finish_rewrite(input, start_rewrite(input, enabled));
}

ValidatedKernel finish_rewrite(const RewriteInput& input, PendingRewrite pending) {
    ValidatedKernel out;
    Rules kept;
    const Rules enabled = pending.enabled;
    const std::shared_future<NormalForm>& before = pending.before;
    std::string name = input.file->source->name();
    {
        std::string failure;
        auto proof = prove(before.get(), name, pending.all.text, failure, out.tokens);
        if (proof && proof->equivalent) {
            out.applied = enabled;
            out.stats = std::move(pending.all);
            out.text = std::move(out.stats.text);
            out.proof = *proof;
            return out;
        }
    }
    for (const RewriteRule& rule : rewrite_rules()) {
        if (!enabled.has(rule.rule)) continue;
        Rules trial = kept;
        trial.add(rule.rule);
        RewriteOutput attempt = rewrite_kernel(input, trial);
        std::string failure;
        TokenList ignored;
        auto proof = prove(before.get(), name, attempt.text, failure, ignored);
        if (proof && proof->equivalent) {
            kept = trial;
            out.applied.add(rule.rule);
        } else {
            out.rolled_back.push_back(RolledBack{rule.name, failure});
        }
    }
    out.stats = rewrite_kernel(input, kept);
    out.text = std::move(out.stats.text);
    std::string failure;
    auto proof = prove(before.get(), name, out.text, failure, out.tokens);
    if (!proof || !proof->equivalent) {
        // Cannot happen when each rule validated alone and together; keep the compiler's code.
        out.rolled_back.push_back(RolledBack{"all", failure});
        out.applied = Rules();
        out.text = input.file->source->text();
        out.stats = RewriteOutput{};
        proof = prove(before.get(), name, out.text, failure, out.tokens);
    }
    if (proof) out.proof = *proof;
    return out;
}

}  // namespace ttl
