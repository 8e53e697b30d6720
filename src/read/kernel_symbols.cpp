// Local identifier resolution for the kernel reader.
//
// Walks each function in source order with a stack of block scopes and binds every
// unqualified identifier that names a parameter or local to its declaration, recording writes
// (assignment, ++, --) and address-taking. Identifiers inside opaque statements are bound by
// name to the innermost visible local and recorded separately, so that a later stage knows a
// local occurs in code it cannot rewrite.
#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "read/cpp_lexer.h"
#include "read/kernel_reader.h"

namespace ttl {

namespace {

class Resolver {
public:
    explicit Resolver(KernelFile& kernel) : k_(kernel), top_(kernel.symbols.size(), kNone) {}

    /// Lists the locals of `fn`. The scratch state is reused from function to function: every
    /// scope opened is closed again, which leaves top_ as it was.
    void run(Function& fn) {
        fn_ = &fn;
        fn.locals.clear();
        fn.occurrences.clear();
        shadowed_.clear();
        found_.clear();
        // About one occurrence of a local per eight tokens in emitted code; an estimate only.
        found_.reserve((fn.range.last - fn.range.first) / 8 + 16);
        open_scope(fn.range.last);
        for (const Param& param : fn_->params) {
            if (param.name.empty()) continue;
            Local local;
            local.name = param.name;
            local.type = param.type.text;
            local.decl_token = param.name_token;
            local.is_param = true;
            declare(std::move(local));
        }
        if (fn_->body != kNone) {
            // The body block shares the parameters' scope in C++ (no redeclaration allowed).
            for (StmtId kid : k_.stmt(fn_->body).kids) stmt(kid);
        }
        close_scope();
        store_occurrences();
        fn.token_locals.assign(fn.range.last - fn.range.first + 1, kNone);
        for (size_t i = 0; i < fn.locals.size(); ++i) {
            const Local& l = fn.locals[i];
            auto id = static_cast<int32_t>(i);
            if (fn.contains({l.decl_token, l.decl_token})) fn.token_locals[l.decl_token - fn.range.first] = id;
            for (TokenIndex t : l.uses) fn.token_locals[t - fn.range.first] = id;
            for (TokenIndex t : l.opaque_uses) fn.token_locals[t - fn.range.first] = id;
        }
    }

private:
    enum List : uint8_t { kUses, kWrites, kOpaqueUses };
    struct Occurrence {
        int32_t local;
        TokenIndex token;
        List list;
    };
    void found(int32_t local, TokenIndex token, List list) { found_.push_back({local, token, list}); }

    /// Groups what the walk found by local and list into fn_->occurrences (one allocation,
    /// source order kept within each list) and points each local's lists at it.
    void store_occurrences() {
        size_t lists = fn_->locals.size() * 3;
        std::vector<uint32_t> start(lists + 1, 0);
        for (const Occurrence& o : found_) ++start[static_cast<size_t>(o.local) * 3 + o.list + 1];
        for (size_t i = 0; i < lists; ++i) start[i + 1] += start[i];
        fn_->occurrences.resize(found_.size());
        std::vector<uint32_t> next(start.begin(), start.end() - 1);
        for (const Occurrence& o : found_)
            fn_->occurrences[next[static_cast<size_t>(o.local) * 3 + o.list]++] = o.token;
        const TokenIndex* base = fn_->occurrences.data();
        for (size_t i = 0; i < fn_->locals.size(); ++i) {
            auto list = [&](List which) {
                size_t at = i * 3 + which;
                return std::span<const TokenIndex>(base + start[at], start[at + 1] - start[at]);
            };
            fn_->locals[i].uses = list(kUses);
            fn_->locals[i].writes = list(kWrites);
            fn_->locals[i].opaque_uses = list(kOpaqueUses);
        }
    }

    // Scopes are reused rather than reallocated: loops open one per iteration of the walk.
    // `end` is the scope's last token: a local declared in it is in scope up to there.
    void open_scope(TokenIndex end) {
        if (depth_ == scopes_.size()) scopes_.emplace_back();
        scope_end_.resize(scopes_.size());
        scope_end_[depth_] = end;
        scopes_[depth_++].clear();
    }
    void close_scope() {
        const std::vector<int32_t>& declared = scopes_[depth_ - 1];
        for (auto it = declared.rbegin(); it != declared.rend(); ++it) {
            top_[k_.symbol(fn_->locals[*it].decl_token)] = shadowed_[*it];
            fn_->locals[*it].scope_end = scope_end_[depth_ - 1];
        }
        --depth_;
    }
    void declare(Local local) {
        local.depth = static_cast<uint32_t>(depth_ - 1);
        auto id = static_cast<int32_t>(fn_->locals.size());
        uint32_t symbol = k_.symbol(local.decl_token);
        fn_->locals.push_back(std::move(local));
        shadowed_.push_back(top_[symbol]);
        top_[symbol] = id;
        scopes_[depth_ - 1].push_back(id);
    }
    /// The local an identifier token refers to here, or kNone.
    int32_t lookup(TokenIndex token) const {
        uint32_t symbol = k_.symbol(token);
        return symbol == KernelFile::kNoSymbol ? kNone : top_[symbol];
    }

    void stmt(StmtId id) {
        const Stmt& s = k_.stmt(id);
        switch (s.kind) {
            case StmtKind::kDecl:
                for (const Declarator& d : s.declarators) {
                    // Point of declaration: after the declarator, before its initializer.
                    Local local;
                    local.name = d.name;
                    local.type = s.type.text;
                    local.decl_token = d.name_token;
                    local.decl_stmt = id;
                    declare(std::move(local));
                    for (ExprId e : k_.ids(d.init_exprs)) expr(e);
                }
                break;
            case StmtKind::kExpr:
            case StmtKind::kReturn:
                if (s.expr != kNone) expr(s.expr);
                break;
            case StmtKind::kFor:
                open_scope(s.range.last);
                if (s.init != kNone) stmt(s.init);
                if (s.expr != kNone) expr(s.expr);
                if (s.step != kNone) expr(s.step);
                for (StmtId kid : s.kids) stmt(kid);
                close_scope();
                break;
            case StmtKind::kIf:
            case StmtKind::kWhile:
                expr(s.expr);
                for (StmtId kid : s.kids) {
                    open_scope(k_.stmt(kid).range.last);
                    stmt(kid);
                    close_scope();
                }
                break;
            case StmtKind::kBlock:
                open_scope(s.range.last);
                for (StmtId kid : s.kids) stmt(kid);
                close_scope();
                break;
            case StmtKind::kOpaque: opaque(s.range); break;
            case StmtKind::kBreak:
            case StmtKind::kContinue:
            case StmtKind::kEmpty: break;
        }
    }

    void opaque(TokenRange range) {
        for (TokenIndex i = range.first; i <= range.last; ++i) {
            if (k_.tokens[i].kind != TokenKind::kIdentifier) continue;
            // Skip member names and qualified components: `a.b`, `a->b`, `A::b`.
            if (i > 0) {
                TokenIndex prev = i - 1;
                while (prev > range.first && !k_.tokens[prev].significant()) --prev;
                std::string_view p = k_.text(prev);
                if (prev != i && (p == "." || p == "->" || p == "::")) continue;
            }
            int32_t local = lookup(i);
            if (local != kNone) found(local, i, kOpaqueUses);
        }
    }

    /// Records an occurrence of a plain name; returns the local or kNone.
    int32_t use(const Expr& e) {
        if (e.kind != ExprKind::kName || e.has_template_args || e.range.first != e.range.last) {
            return kNone;
        }
        int32_t local = lookup(e.name_token);
        if (local != kNone) found(local, e.name_token, kUses);
        return local;
    }

    /// The local written when `id` is assigned: through parentheses, `.member` and `[index]`
    /// to the object (writing a member writes the object; `->` writes the pointee, not it).
    int32_t target(ExprId id) const {
        while (true) {
            const Expr& e = k_.expr(id);
            bool through = e.kind == ExprKind::kParen || e.kind == ExprKind::kSubscript ||
                           (e.kind == ExprKind::kMember && !e.arrow);
            if (!through) break;
            id = k_.kid(e, 0);
        }
        const Expr& e = k_.expr(id);
        if (e.kind != ExprKind::kName || e.has_template_args || e.range.first != e.range.last) {
            return kNone;
        }
        return lookup(e.name_token);
    }

    void record_write(ExprId lhs) {
        ExprId base = lhs;
        while (k_.expr(base).kind != ExprKind::kName && k_.expr(base).kids.count > 0) {
            base = k_.kid(k_.expr(base), 0);
        }
        int32_t local = target(lhs);
        if (local != kNone) found(local, k_.expr(base).name_token, kWrites);
    }

    static bool is_assignment(std::string_view op) {
        return op == "=" || op == "+=" || op == "-=" || op == "*=" || op == "/=" || op == "%=" || op == "<<=" ||
               op == ">>=" || op == "&=" || op == "|=" || op == "^=";
    }

    void expr(ExprId id) {
        // Iterative over the left spine would be faster; expression depth is already bounded
        // by the parser, so plain recursion is safe here.
        const Expr& e = k_.expr(id);
        switch (e.kind) {
            case ExprKind::kName:
                use(e);
                for (ExprId t : k_.template_args(e)) expr(t);
                return;
            case ExprKind::kMember:
                expr(k_.kid(e, 0));
                for (ExprId t : k_.template_args(e)) expr(t);
                return;
            case ExprKind::kBinary:
                if (is_assignment(e.text)) {
                    record_write(k_.kid(e, 0));
                }
                break;
            case ExprKind::kUnary:
            case ExprKind::kPostfix:
                if (e.text == "++" || e.text == "--") {
                    record_write(k_.kid(e, 0));
                } else if (e.text == "&") {
                    int32_t local = target(k_.kid(e, 0));
                    if (local != kNone) fn_->locals[local].address_taken = true;
                }
                break;
            default: break;
        }
        for (ExprId t : k_.template_args(e)) expr(t);
        for (ExprId kid : k_.kids(e)) expr(kid);
    }

    KernelFile& k_;
    Function* fn_ = nullptr;
    std::vector<std::vector<int32_t>> scopes_;  // locals declared in each open scope
    std::vector<TokenIndex> scope_end_;  // the last token of each open scope
    size_t depth_ = 0;  // open scopes (scopes_ may hold more)
    std::vector<int32_t> top_;  // per symbol: the innermost local in scope, or kNone
    std::vector<int32_t> shadowed_;  // per local: what its declaration hid
    std::vector<Occurrence> found_;  // every occurrence of a local, in walk order
};

void collect_macro_words(KernelFile& kernel) {
    std::vector<std::string_view> names;
    for (size_t at = 0; at < kernel.tokens.size(); ++at) {
        if (kernel.tokens[at].kind == TokenKind::kPreprocessor) {
            std::string_view text = token_text(*kernel.source, kernel.tokens, at);
            // Macro names and the words of their bodies can collide with a new name too.
            size_t i = 0;
            while (i < text.size()) {
                unsigned char c = text[i];
                if (std::isalpha(c) || c == '_') {
                    size_t j = i;
                    while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) {
                        ++j;
                    }
                    names.push_back(text.substr(i, j - i));
                    i = j;
                } else if (c == '"' || c == '<') {
                    // Skip include paths and strings.
                    char close = c == '"' ? '"' : '>';
                    size_t j = text.find(close, i + 1);
                    i = j == std::string_view::npos ? text.size() : j + 1;
                } else {
                    ++i;
                }
            }
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    kernel.macro_words = std::move(names);
}

}  // namespace

void resolve_locals(KernelFile& kernel) {
    Resolver resolver(kernel);
    for (Function& fn : kernel.functions) resolver.run(fn);
    collect_macro_words(kernel);
}

}  // namespace ttl
