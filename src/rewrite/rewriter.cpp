// The rewrite rules. Edits are byte ranges of the compiler's text with replacement text; they
// are collected from the rules in a fixed order (casts, rename, CB names, comments), must not
// overlap (a later rule skips tokens an earlier one already rewrote), and are applied in one
// pass. Formatting re-indents the result last.
#include "rewrite/rewriter.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <iterator>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "read/cpp_lexer.h"
#include "rewrite/clang_format.h"
#include "read/kernel_reader.h"
#include "read/kernel_api.h"
#include "support/cpp_types.h"

namespace ttl {

const std::vector<RewriteRule>& rewrite_rules() {
    static const std::vector<RewriteRule> rules = {
        {Rule::kCasts, "casts", "collapse redundant integer casts and the temporaries a cast chain leaves behind"},
        {Rule::kRename, "rename", "rename every generated identifier after the TT-Lang source or its role"},
        {Rule::kCbNames, "cb-names", "name each circular buffer's compile-time argument with a constexpr at the top"},
        {Rule::kConstants, "constants",
         "make never-written integer constants constexpr and split one used in several roles"},
        {Rule::kComments, "comments",
         "add a header, loop comments showing the source loop, and the thread's docstring"},
        {Rule::kFormat, "format", "re-indent in the chosen style (tt-metal: 4 spaces; tt-lang: 2 spaces)"},
    };
    return rules;
}

namespace {

struct Edit {
    uint32_t begin = 0;  ///< byte offsets in the original text; begin == end inserts
    uint32_t end = 0;
    std::string_view text;  ///< into the naming plan, or a text the rewriter keeps
    int32_t local = kNone;  ///< when set, the text is this local's final name (known only at the end)
};

class Rewriter {
public:
    Rewriter(const RewriteInput& in, Rules enabled) : in_(in), k_(*in.file), enabled_(enabled) {}

    RewriteOutput run() {
        if (k_.entry_function == kNone || in_.binding->function == kNone) {
            out_.text = k_.source->text();
            out_.notes.push_back("no 'kernel_main': the file is kept as the compiler wrote it");
            return std::move(out_);
        }
        fn_ = &k_.functions[k_.entry_function];
        edited_.assign(k_.source->text().size() + 1, 0);  // + 1: an insertion at the very end
        new_name_.assign(fn_->locals.size(), nullptr);
        for (const Rename& r : in_.plan->renames) {
            if (r.local >= 0 && static_cast<size_t>(r.local) < new_name_.size())
                new_name_[static_cast<size_t>(r.local)] = &r.new_name;
        }
        for (const CbBinding& cb : in_.binding->cbs) {
            for (ExprId occ : cb.occurrences) buffer_at_.emplace_back(occ, &cb.buffer);
        }
        // By expression; of several bindings of one expression the first stays.
        std::stable_sort(buffer_at_.begin(), buffer_at_.end(),
                         [](const auto& x, const auto& y) { return x.first < y.first; });
        buffer_at_.erase(std::unique(buffer_at_.begin(), buffer_at_.end(),
                                     [](const auto& x, const auto& y) { return x.first == y.first; }),
                         buffer_at_.end());
        edits_.reserve(k_.tokens.size() / 4);
        protocol_of_.assign(k_.stmts.size(), std::nullopt);
        if (on(Rule::kCasts)) casts();
        if (on(Rule::kRename)) renames();
        if (on(Rule::kCbNames)) cb_names();
        if (on(Rule::kConstants)) constants();
        if (on(Rule::kComments)) comments();
        out_.text = apply();
        if (on(Rule::kFormat)) {
            std::string formatter = resolve_formatter(in_.formatter);
            std::optional<std::string> formatted;
            if (formatter == "clang-format") formatted = run_clang_format(out_.text, in_.style);
            if (formatted) {
                out_.text = std::move(*formatted);
            } else {
                if (formatter == "clang-format")
                    out_.notes.push_back("clang-format failed: the built-in re-indent was used");
                out_.text = reindent(std::move(out_.text), in_.style == "tt-lang" ? 2 : 4);
            }
        }
        return std::move(out_);
    }

private:
    bool on(Rule rule) const { return enabled_.has(rule); }

    const Token& tok(TokenIndex i) const { return k_.tokens[i]; }
    uint32_t tok_end(TokenIndex i) const { return k_.tokens.end_of(i); }

    /// The name a local has in the output.
    std::string name(int32_t local) const {
        if (on(Rule::kRename)) {
            const std::string* renamed = new_name_[static_cast<size_t>(local)];
            if (renamed != nullptr && renamable(local)) return *renamed;
        }
        return std::string(fn_->locals[local].name);
    }

    bool renamable(int32_t local) const { return fn_->locals[local].opaque_uses.empty(); }

    /// True when [begin, end) overlaps a range an earlier edit replaces.
    bool covered(uint32_t begin, uint32_t end) const {
        return std::find(edited_.begin() + begin, edited_.begin() + end, 1) != edited_.begin() + end;
    }

    /// Replaces [begin, end) with `text`, which the rewriter keeps.
    void edit(uint32_t begin, uint32_t end, std::string text) {
        texts_.push_back(std::move(text));
        edit_to(begin, end, texts_.back());
    }
    /// The same with a text that outlives the rewriter (a name of the naming plan).
    void edit_to(uint32_t begin, uint32_t end, std::string_view text) {
        mark_edited(begin, end);
        edits_.push_back(Edit{begin, end, text});
    }
    /// Replaces [begin, end) with the final name of `local`.
    void edit_to_name(uint32_t begin, uint32_t end, int32_t local) {
        mark_edited(begin, end);
        edits_.push_back(Edit{begin, end, "", local});
    }
    void mark_edited(uint32_t begin, uint32_t end) { std::fill(edited_.begin() + begin, edited_.begin() + end, 1); }

    /// The offset of the blanks before token `t` on its line (the token's own offset if none).
    uint32_t blanks_before(TokenIndex t) const {
        const std::string& text = k_.source->text();
        uint32_t at = tok(t).begin;
        while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t')) --at;
        return at;
    }

    /// Deletes a whole statement line: from the start of its line to the end of its line.
    void delete_statement(const Stmt& s) {
        const std::string& text = k_.source->text();
        uint32_t end = tok_end(s.range.last);
        uint32_t line_start = blanks_before(s.range.first);
        uint32_t line_end = end;
        while (line_end < text.size() && (text[line_end] == ' ' || text[line_end] == '\t' || text[line_end] == '\r'))
            ++line_end;
        bool own_line =
            (line_start == 0 || text[line_start - 1] == '\n') && line_end < text.size() && text[line_end] == '\n';
        if (own_line)
            edit(line_start, line_end + 1, "");
        else
            edit(tok(s.range.first).begin, end, "");
    }

    // ---- rule: casts ----
    int32_t local_at(TokenIndex token) const { return fn_->local_at(token); }

    /// `T v = CAST(U, x)` with a single declarator: the cast, its local and x.
    struct CastDecl {
        StmtId stmt = kNone;
        int32_t local = kNone;
        const Expr* cast = nullptr;
        int32_t operand = kNone;
        TokenIndex operand_token = 0;
    };

    std::optional<CastDecl> cast_decl(StmtId id) const {
        const Stmt& s = k_.stmt(id);
        if (s.kind != StmtKind::kDecl || s.declarators.size() != 1) return std::nullopt;
        const Declarator& d = s.declarators[0];
        auto init = k_.ids(d.init_exprs);
        if (d.init != Declarator::Init::kAssign || init.size() != 1) return std::nullopt;
        const Expr& e = k_.expr(init[0]);
        if (e.kind != ExprKind::kCast || (e.cast_style != CastStyle::kC && e.cast_style != CastStyle::kStatic))
            return std::nullopt;
        const Expr& inner = k_.expr(k_.kid(e, 0));
        if (inner.kind != ExprKind::kName || inner.range.first != inner.range.last) return std::nullopt;
        CastDecl c{id, local_at(d.name_token), &e, local_at(inner.name_token), inner.name_token};
        if (c.local == kNone || c.operand == kNone) return std::nullopt;
        return c;
    }

    void casts() {
        // Collapse chains block by block: `U t = (U) x; T v = (W) t;` with t used once.
        std::map<int32_t, int32_t> source_of;  // removed temporary -> what it stood for
        std::function<void(StmtId)> walk = [&](StmtId id) {
            const Stmt& s = k_.stmt(id);
            for (size_t i = 0; i < s.kids.size(); ++i) {
                walk(s.kids[i]);
                if (s.kind != StmtKind::kBlock || i + 1 >= s.kids.size()) continue;
                auto first = cast_decl(s.kids[i]);
                auto second = cast_decl(s.kids[i + 1]);
                if (!first || !second || second->operand != first->local) continue;
                const Local& t = fn_->locals[first->local];
                if (t.uses.size() != 1 || t.written_after_init() || !t.opaque_uses.empty()) continue;
                if (first->cast->text != t.type) continue;
                int32_t x = first->operand;
                while (source_of.count(x) > 0) x = source_of[x];
                if (!cast_chain_keeps_value(fn_->locals[x].type, t.type, second->cast->text)) continue;
                source_of[first->local] = x;
                removed_.insert(first->local);
            }
        };
        walk(fn_->body);
        for (int32_t t : removed_) {
            delete_statement(k_.stmt(fn_->locals[t].decl_stmt));
            ++out_.temporaries_removed;
        }
        // Every cast of a local in a declaration: drop it when redundant, and point it at the
        // chain's origin when its operand was a removed temporary.
        for (StmtId i : k_.stmts_of(*fn_)) {
            if (k_.stmt(i).kind != StmtKind::kDecl) continue;
            auto c = cast_decl(i);
            if (!c || removed_.count(c->local) > 0) continue;
            int32_t x = c->operand;
            while (source_of.count(x) > 0) x = source_of[x];
            std::string_view cast_type = c->cast->text;
            const Local& v = fn_->locals[c->local];
            const Local& from = fn_->locals[x];
            uint32_t cast_begin = tok(c->cast->range.first).begin;
            uint32_t cast_end = tok_end(c->cast->range.last);
            if (cast_is_redundant(cast_type, from.type, v.type)) {
                edit_to_name(cast_begin, cast_end, x);
                ++out_.casts_removed;
            } else if (x != c->operand) {
                edit_to_name(tok(c->operand_token).begin, tok_end(c->operand_token), x);
            }
        }
    }

    const ConstantSplit* split_of(int32_t local) const {
        for (const ConstantSplit& cs : in_.plan->splits) {
            if (cs.local == local) return &cs;
        }
        return nullptr;
    }

    // ---- rule: rename ----
    void renames() {
        for (const Rename& r : in_.plan->renames) {
            if (removed_.count(r.local) > 0) continue;
            if (on(Rule::kConstants) && split_of(r.local) != nullptr && constant(r.local) != nullptr)
                continue;  // split below
            const Local& l = fn_->locals[r.local];
            if (!renamable(r.local)) {
                out_.notes.push_back(
                    fmt::format("'{}' is not renamed: it occurs in code the reader keeps verbatim", l.name));
                continue;
            }
            std::vector<TokenIndex> tokens(l.uses.begin(), l.uses.end());
            tokens.push_back(l.decl_token);
            for (TokenIndex t : tokens) {
                if (covered(tok(t).begin, tok_end(t))) continue;
                edit_to(tok(t).begin, tok_end(t), r.new_name);
            }
            ++out_.renamed;
        }
    }

    // ---- rule: constants ----
    /// The declaration of a never-written local of integer type initialised from an integer
    /// literal (single declarator), or null.
    const Stmt* constant(int32_t local) const {
        const Local& l = fn_->locals[local];
        if (l.decl_stmt == kNone || l.written_after_init() || !l.opaque_uses.empty()) return nullptr;
        const Stmt& s = k_.stmt(l.decl_stmt);
        if (s.kind != StmtKind::kDecl || s.declarators.size() != 1) return nullptr;
        const Declarator& d = s.declarators[0];
        auto init = k_.ids(d.init_exprs);
        if (d.init != Declarator::Init::kAssign || init.size() != 1) return nullptr;
        const Expr& lit = k_.expr(init[0]);
        if (lit.kind != ExprKind::kLiteral || lit.text.empty() ||
            !std::isdigit(static_cast<unsigned char>(lit.text[0])))
            return nullptr;
        std::string_view type = s.type.text;
        if (type.rfind("const", 0) == 0) return nullptr;  // already const or constexpr
        return integer_type(type) ? &s : nullptr;
    }

    void constants() {
        for (size_t i = 0; i < fn_->locals.size(); ++i) {
            auto local = static_cast<int32_t>(i);
            if (removed_.count(local) > 0) continue;
            const Stmt* s = constant(local);
            if (s == nullptr) continue;
            uint32_t type_at = tok(s->type.range.first).begin;
            if (covered(type_at, type_at + 1)) continue;
            edit(type_at, type_at, "constexpr ");
            ++out_.constants;
            const ConstantSplit* cs = split_of(local);
            if (cs == nullptr) continue;
            const Local& l = fn_->locals[i];
            const Expr& lit = k_.expr(k_.ids(s->declarators[0].init_exprs)[0]);
            edit_to(tok(l.decl_token).begin, tok_end(l.decl_token), cs->parts[0].name);
            if (on(Rule::kRename)) ++out_.renamed;
            std::string extra;
            std::string indent = line_indent(s->range.first);
            for (size_t p = 0; p < cs->parts.size(); ++p) {
                for (TokenIndex use : cs->parts[p].uses) {
                    if (!covered(tok(use).begin, tok_end(use)))
                        edit_to(tok(use).begin, tok_end(use), cs->parts[p].name);
                }
                if (p > 0) {
                    extra +=
                        fmt::format("\n{}constexpr {} {} = {};", indent, s->type.text, cs->parts[p].name, lit.text);
                }
            }
            uint32_t after = tok_end(s->range.last);
            edit(after, after, extra);
            ++out_.constants_split;
        }
    }

    // ---- rule: cb-names ----
    void cb_names() {
        const Stmt& body = k_.stmt(fn_->body);
        std::string indent = line_indent(body.kids.empty() ? body.range.last : k_.stmt(body.kids[0]).range.first);
        std::string block;
        for (const CbName& cb : in_.plan->cb_names) {
            const CbBinding* binding = nullptr;
            for (const CbBinding& b : in_.binding->cbs) {
                if (b.index == cb.index) binding = &b;
            }
            if (binding == nullptr) continue;
            int replaced = 0;
            for (ExprId id : binding->occurrences) {
                const Expr& e = k_.expr(id);
                uint32_t begin = tok(e.range.first).begin;
                uint32_t end = tok_end(e.range.last);
                if (covered(begin, end)) continue;
                edit_to(begin, end, cb.name);
                ++replaced;
            }
            if (replaced == 0) continue;
            block +=
                fmt::format("\n{}constexpr uint32_t {} = get_compile_time_arg_val({});", indent, cb.name, cb.index);
            ++out_.cb_names;
        }
        if (!block.empty()) {
            uint32_t at = tok_end(body.range.first);  // just after '{'
            edit(at, at, block + "\n");
        }
    }

    std::string line_indent(TokenIndex t) const {
        const std::string& text = k_.source->text();
        uint32_t b = tok(t).begin;
        uint32_t start = b;
        while (start > 0 && text[start - 1] != '\n') --start;
        std::string indent = text.substr(start, b - start);
        for (char c : indent) {
            if (c != ' ' && c != '\t') return "  ";
        }
        return indent;
    }

    // ---- rule: comments ----
    void comments() {
        const TtlThread* thread = nullptr;
        if (in_.kernel != nullptr) {
            for (const TtlThread& t : in_.kernel->threads) {
                if (t.name == in_.binding->thread) thread = &t;
            }
        }
        std::string header = fmt::format("// {}: {} thread", in_.binding->thread, role_name(in_.binding->role));
        if (in_.kernel != nullptr) {
            std::string file = in_.source_name.substr(in_.source_name.find_last_of('/') + 1);
            header +=
                fmt::format(" of TT-Lang kernel {} ({}, line {})", in_.kernel->name, file, in_.binding->source_line);
        }
        header += ".\n";
        if (thread != nullptr) header += docstring_lines(thread->docstring);
        header += "// Exported by ttl-export from the compiler's output; every rewrite was checked equivalent.\n";
        // The thread's own comments: inside the C++ loop that comes from the source loop they
        // sit in; the others follow the header.
        std::map<int, std::vector<const PyComment*>> in_loop;  // C++ loop -> comments
        std::vector<const PyComment*> loose;
        if (thread != nullptr) source_map(*thread);
        if (thread != nullptr) {
            for (const PyComment& c : thread->comments) {
                if (attached_.count(c.line) > 0) continue;  // placed with the statement it precedes
                int innermost = -1;
                for (size_t s = 0; s < thread->loops.size(); ++s) {
                    const TtlLoop& sl = thread->loops[s];
                    if (c.line > sl.line && c.line <= sl.end_line) innermost = static_cast<int>(s);
                }
                int cpp_loop = -1;
                for (size_t l = 0; l < in_.binding->loops.size(); ++l) {
                    if (innermost >= 0 && in_.binding->loops[l].source_loop == innermost)
                        cpp_loop = static_cast<int>(l);
                }
                if (cpp_loop >= 0)
                    in_loop[cpp_loop].push_back(&c);
                else
                    loose.push_back(&c);
            }
        }
        if (!loose.empty()) {
            header += "// From the source:\n";
            for (const PyComment* c : loose) header += fmt::format("//   line {}: {}\n", c->line, c->text);  // NOLINT
        }
        // Replace the compiler's `// name` first line, or insert before the first token.
        if (!k_.tokens.empty() && k_.tokens[0].kind == TokenKind::kComment && !k_.header_name.empty()) {
            uint32_t end = k_.tokens.end_of(0);
            if (end < k_.source->text().size() && k_.source->text()[end] == '\n') ++end;
            edit(0, end, header);
        } else {
            edit(0, 0, header);
        }
        // Loop comments: the source loop each C++ loop comes from.
        for (const LoopBinding& l : in_.binding->loops) {
            const Stmt& s = k_.stmt(l.stmt);
            const Stmt& body = k_.stmt(s.kids[0]);
            if (body.kind != StmtKind::kBlock) continue;
            uint32_t at = tok_end(body.range.first);
            std::string comment;
            if (l.source_loop >= 0 && thread != nullptr) {
                const TtlLoop& sl = thread->loops[l.source_loop];
                comment = fmt::format("  // for {} in {}", sl.var, sl.iter_text);
            } else if (l.source_loop < 0) {
                comment = l.block_buffer >= 0 ? fmt::format("  // added by the compiler: {} tiles per block", l.trip)
                                              : "  // loop added by the compiler";
            }
            if (!comment.empty() && !covered(at, at + 1)) edit(at, at, comment);
            int index = static_cast<int>(&l - in_.binding->loops.data());
            auto it = in_loop.find(index);
            if (it != in_loop.end() && !body.kids.empty()) {
                std::string indent = line_indent(k_.stmt(body.kids[0]).range.first);
                edit(at, at, cited_blocks(it->second, indent));
            }
        }
        protocol_comments();
        argument_comments();
    }

    /// The source name of the CB an expression names (`get_compile_time_arg_val(N)` or a CB object).
    std::string_view cb_name_of(ExprId id) const {
        auto at = std::lower_bound(buffer_at_.begin(), buffer_at_.end(), id,
                                   [](const auto& entry, ExprId e) { return entry.first < e; });
        if (at != buffer_at_.end() && at->first == id) return *at->second;
        const Expr& e = k_.expr(id);
        if (e.kind == ExprKind::kName) {
            for (const LocalBinding& lb : in_.binding->locals) {
                if (lb.kind == LocalKind::kCbObject && fn_->locals[lb.local].name == e.text) return lb.buffer;
            }
        }
        return "";
    }

    /// The CB-protocol call a statement makes: ("reserve"|"wait"|"acquire", buffer) or empty
    /// (found once per statement: the comment rules ask for each several times).
    std::pair<std::string_view, std::string_view> protocol(StmtId id) const {
        std::optional<std::pair<std::string_view, std::string_view>>& known = protocol_of_[static_cast<size_t>(id)];
        if (!known) known = find_protocol(id);
        return *known;
    }
    std::pair<std::string_view, std::string_view> find_protocol(StmtId id) const {
        const Stmt& s = k_.stmt(id);
        if (s.kind != StmtKind::kExpr) return {};
        const Expr& call = k_.expr(s.expr);
        if (call.kind != ExprKind::kCall) return {};
        const Expr& callee = k_.expr(k_.kid(call, 0));
        std::string_view name = callee.text;
        bool method = callee.kind == ExprKind::kMember;
        const KernelApiEntry* api = method || callee.kind == ExprKind::kName ? find_kernel_api(name, method) : nullptr;
        if (api != nullptr && (api->verb == CbVerb::kReserve || api->verb == CbVerb::kWait) &&
            (method || call.kids.count == 3)) {
            return {api->verb == CbVerb::kReserve ? "reserve" : "wait",
                    cb_name_of(method ? k_.kid(callee, 0) : k_.kid(call, 1))};
        }
        if (callee.kind == ExprKind::kName && name == "tile_regs_acquire") return {"acquire", ""};
        return {};
    }

    static std::string join_names(const std::vector<std::string>& names) {
        std::string out;
        for (size_t i = 0; i < names.size(); ++i) {
            out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
        }
        return out;
    }

    /// Every line of a thread's docstring, as comment lines (the common indentation removed,
    /// blank lines at either end dropped).
    static std::string docstring_lines(const std::string& doc) {
        std::vector<std::string> lines;
        size_t pos = 0;
        while (pos <= doc.size()) {
            size_t nl = doc.find('\n', pos);
            std::string l = doc.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
            size_t last = l.find_last_not_of(" \t\r");
            lines.push_back(last == std::string::npos ? std::string() : l.substr(0, last + 1));
            if (nl == std::string::npos) break;
            pos = nl + 1;
        }
        size_t indent = std::string::npos;
        for (size_t i = 1; i < lines.size(); ++i) {
            if (!lines[i].empty()) indent = std::min(indent, lines[i].find_first_not_of(' '));
        }
        std::string out;
        bool started = false;
        size_t blank = 0;
        for (size_t i = 0; i < lines.size(); ++i) {
            std::string l = lines[i];
            if (i == 0) {
                size_t first = l.find_first_not_of(" \t");
                l = first == std::string::npos ? "" : l.substr(first);
            } else if (indent != std::string::npos && l.size() >= indent) {
                l = l.substr(indent);
            }
            if (l.empty()) {
                blank += started ? 1 : 0;
                continue;
            }
            for (; blank > 0; --blank) out += "//\n";
            out += "// " + l + "\n";
            started = true;
        }
        return out;
    }

    /// Source comments as comment lines: each block of consecutive lines cited once, at its end.
    static std::string cited_blocks(const std::vector<const PyComment*>& comments, const std::string& indent) {
        std::string out;
        size_t block_start = 0;
        for (size_t i = 0; i < comments.size(); ++i) {
            if (i > 0 && comments[i]->line != comments[i - 1]->line + 1) block_start = i;
            bool last_of_block = i + 1 == comments.size() || comments[i + 1]->line != comments[i]->line + 1;
            std::string cite;
            if (last_of_block) {
                cite = block_start == i
                           ? fmt::format(" (source line {})", comments[i]->line)
                           : fmt::format(" (source lines {}-{})", comments[block_start]->line, comments[i]->line);
            }
            out += fmt::format("\n{}// {}{}", indent, comments[i]->text, cite);
        }
        return out;
    }

    /// The statement-level source map: each `with` line of the thread above the C++ waits and
    /// reserves it made, each `store` and `copy` above the first C++ statement of the work it
    /// made, each followed by the source comments that preceded it there. Matched by evidence:
    /// a run of waits/reserves is the next `with` (in source order) on the same buffers with the
    /// same verbs; its stores (by the `as` names) or copies (in order, one per NoC transfer)
    /// follow. Where nothing matches, the generic comments stay.
    void source_map(const TtlThread& thread) {
        std::set<uint32_t> code_lines;  // lines where a statement of the thread starts
        for (const TtlWith& w : thread.withs) code_lines.insert(w.line);
        for (const TtlCall& c : thread.copies) code_lines.insert(c.line);
        for (const TtlCall& c : thread.stores) code_lines.insert(c.line);
        for (const TtlCall& c : thread.ops) code_lines.insert(c.line);
        for (const TtlLoop& l : thread.loops) code_lines.insert(l.line);
        std::map<uint32_t, const PyComment*> comment_at;
        for (const PyComment& c : thread.comments) comment_at[c.line] = &c;
        // The text for statement line L, in source order: the comment lines just above it, then
        // the statement (with its trailing comment, if any).
        auto text_for = [&](uint32_t line, const std::string& statement) {
            std::vector<std::string> out;
            for (uint32_t l = line - 1; l > thread.line; --l) {
                auto it = comment_at.find(l);
                if (it == comment_at.end() || code_lines.count(l) > 0) break;
                out.insert(out.begin(), it->second->text);
                attached_.insert(l);
            }
            if (!statement.empty()) out.push_back(statement);
            if (comment_at.count(line) > 0 && !statement.empty()) attached_.insert(line);  // trailing, in the text
            return out;
        };
        // The comments just above a source loop go above the C++ loop made from it.
        for (const LoopBinding& l : in_.binding->loops) {
            if (l.source_loop < 0) continue;
            std::vector<std::string> above = text_for(thread.loops[static_cast<size_t>(l.source_loop)].line, "");
            if (!above.empty()) place(l.stmt, above);
        }
        std::vector<bool> with_used(thread.withs.size(), false);
        std::set<size_t> copy_used;
        std::function<void(const Stmt&)> walk = [&](const Stmt& block) {
            for (size_t i = 0; i < block.kids.size(); ++i) {
                const Stmt& s = k_.stmt(block.kids[i]);
                if (s.kind == StmtKind::kBlock) walk(s);
                for (StmtId kid : s.kids) {
                    if (k_.stmt(kid).kind == StmtKind::kBlock) walk(k_.stmt(kid));
                }
                auto [kind, buffer] = protocol(block.kids[i]);
                if (kind.empty() || kind == "acquire") continue;
                if (i > 0 && !protocol(block.kids[i - 1]).first.empty()) continue;
                std::set<std::pair<std::string, std::string>> run;
                size_t end = i;
                for (; end < block.kids.size(); ++end) {
                    auto [k2, b2] = protocol(block.kids[end]);
                    if (k2.empty() || k2 == "acquire") break;
                    run.insert({std::string(b2), std::string(k2)});
                }
                for (size_t w = 0; w < thread.withs.size(); ++w) {
                    if (with_used[w]) continue;
                    std::set<std::pair<std::string, std::string>> items;
                    for (const TtlWithItem& item : thread.withs[w].items) items.insert({item.buffer, item.method});
                    if (items != run) continue;
                    with_used[w] = true;
                    mapped_runs_.insert(block.kids[i]);
                    std::string with = with_statement(thread.withs[w], comment_at);
                    place(block.kids[i], text_for(thread.withs[w].line, with));
                    out_.source_map.push_back({thread.withs[w].line, with});
                    place_work(thread, w, block, end, text_for, copy_used);
                    break;
                }
            }
        };
        walk(k_.stmt(fn_->body));
    }

    /// A `with` statement on one line, rebuilt from its items (the source may spread it over
    /// several), with the comment that trails its first line.
    static std::string with_statement(const TtlWith& w, const std::map<uint32_t, const PyComment*>& comment_at) {
        std::string out = "with ";
        for (size_t i = 0; i < w.items.size(); ++i) {
            const TtlWithItem& item = w.items[i];
            out += (i ? ", " : "") + item.buffer + "." + item.method + "()";
            if (!item.as_name.empty()) out += " as " + item.as_name;
        }
        out += ":";
        if (auto it = comment_at.find(w.line); it != comment_at.end()) out += "  # " + it->second->text;
        return out;
    }

    /// The stores (compute) or copies (data movement) of `with` number `w`, above the C++ they made
    /// in `block` from statement `first` on.
    template <class TextFor>
    void place_work(const TtlThread& thread, size_t w, const Stmt& block, size_t first, TextFor& text_for,
                    std::set<size_t>& copy_used) {
        const TtlWith& with = thread.withs[w];
        uint32_t next_line = thread.end_line + 1;  // the body ends at the next with at the same or an outer level
        for (size_t o = w + 1; o < thread.withs.size(); ++o) {
            if (thread.withs[o].line > with.line) {
                next_line = thread.withs[o].line;
                break;
            }
        }
        auto inside = [&](const TtlCall& c) { return c.line > with.line && c.line < next_line; };
        if (first >= block.kids.size()) return;
        if (in_.binding->role == ThreadRole::kCompute) {
            std::vector<std::string> lines;
            // Stores and math statements with an output argument, in source order.
            std::vector<const TtlCall*> work;
            for (const TtlCall& store : thread.stores) work.push_back(&store);
            for (const TtlCall& op : thread.ops) work.push_back(&op);
            std::sort(work.begin(), work.end(), [](const TtlCall* a, const TtlCall* b) { return a->line < b->line; });
            for (const TtlCall* c : work) {
                if (!inside(*c)) continue;
                for (const std::string& l : text_for(c->line, c->source_line)) lines.push_back(l);
                out_.source_map.push_back({c->line, c->source_line});
            }
            if (!lines.empty()) place(block.kids[first], lines);
            return;
        }
        // Data movement: the k-th copy above the statements that lead to the k-th NoC transfer.
        size_t at = first;
        for (size_t c = 0; c < thread.copies.size() && at < block.kids.size(); ++c) {
            if (!inside(thread.copies[c]) || copy_used.count(c) > 0) continue;
            copy_used.insert(c);
            place(block.kids[at], text_for(thread.copies[c].line, thread.copies[c].source_line));
            out_.source_map.push_back({thread.copies[c].line, thread.copies[c].source_line});
            while (at < block.kids.size() && !is_transfer(block.kids[at])) ++at;
            ++at;  // the statement after the transfer
        }
    }

    /// A NoC read or write (not a barrier).
    bool is_transfer(StmtId id) const {
        const Stmt& s = k_.stmt(id);
        if (s.kind != StmtKind::kExpr) return false;
        const Expr& call = k_.expr(s.expr);
        if (call.kind != ExprKind::kCall) return false;
        std::string_view name = k_.expr(k_.kid(call, 0)).text;
        bool noc =
            name.find("async_read") != std::string_view::npos || name.find("async_write") != std::string_view::npos;
        return noc && name.find("barrier") == std::string_view::npos && name.find("flushed") == std::string_view::npos;
    }

    /// Comment lines above statement `id`, cut at the column limit.
    void place(StmtId id, const std::vector<std::string>& lines) {
        const Stmt& s = k_.stmt(id);
        uint32_t line_start = blanks_before(s.range.first);
        if (covered(line_start, tok(s.range.first).begin)) return;
        std::string indent = line_indent(s.range.first);
        std::string out;
        for (const std::string& l : lines) {
            std::string comment = indent + "// " + l;
            if (comment.size() > kCommentColumns) comment = comment.substr(0, kCommentColumns - 3) + "...";
            out += comment + "\n";
        }
        edit(line_start, line_start, out);
    }
    static constexpr size_t kCommentColumns = 120;

    /// Whether, after the run of waits and reserves at `first`, the same block pushes every
    /// reserved buffer and pops every waited one before its next run: only then may a comment say so.
    bool pushes_and_pops(const Stmt& block, size_t first, const std::vector<std::string>& waits,
                         const std::vector<std::string>& reserves) const {
        std::set<std::string> pushed, popped;
        size_t j = first;
        while (j < block.kids.size() && !protocol(block.kids[j]).first.empty()) ++j;
        for (; j < block.kids.size(); ++j) {
            auto [kind, buffer] = protocol(block.kids[j]);
            if (kind == "wait" || kind == "reserve") break;
            const Stmt& s = k_.stmt(block.kids[j]);
            if (s.kind != StmtKind::kExpr || k_.expr(s.expr).kind != ExprKind::kCall) continue;
            const Expr& call = k_.expr(s.expr);
            const Expr& callee = k_.expr(k_.kid(call, 0));
            bool method = callee.kind == ExprKind::kMember;
            const KernelApiEntry* api = find_kernel_api(callee.text, method);
            if (api == nullptr || (api->verb != CbVerb::kPush && api->verb != CbVerb::kPop)) continue;
            if (!method && call.kids.count < 2) continue;
            std::string_view name = cb_name_of(method ? k_.kid(callee, 0) : k_.kid(call, 1));
            (api->verb == CbVerb::kPush ? pushed : popped).insert(std::string(name));
        }
        for (const std::string& w : waits) {
            if (popped.count(w) == 0) return false;
        }
        for (const std::string& r : reserves) {
            if (pushed.count(r) == 0) return false;
        }
        return true;
    }

    /// One intent comment before each run of CB waits/reserves, and before each DST block.
    void protocol_comments() {
        std::function<void(const Stmt&)> walk = [&](const Stmt& block) {
            for (size_t i = 0; i < block.kids.size(); ++i) {
                const Stmt& s = k_.stmt(block.kids[i]);
                if (s.kind == StmtKind::kBlock) walk(s);
                for (StmtId kid : s.kids) {
                    if (k_.stmt(kid).kind == StmtKind::kBlock) walk(k_.stmt(kid));
                }
                auto [kind, buffer] = protocol(block.kids[i]);
                if (kind.empty() || (i > 0 && !protocol(block.kids[i - 1]).first.empty())) continue;
                if (mapped_runs_.count(block.kids[i]) > 0) continue;  // the source line says it
                std::vector<std::string> waits, reserves;
                bool acquire = kind == "acquire";
                for (size_t j = i; j < block.kids.size(); ++j) {
                    auto [k2, b2] = protocol(block.kids[j]);
                    if (k2.empty() || k2 == "acquire") break;
                    (k2 == "wait" ? waits : reserves).push_back(b2.empty() ? "a circular buffer" : std::string(b2));
                }
                std::string comment;
                if (acquire) {
                    comment = "Compute into the DST registers, then pack the result.";
                } else if (in_.binding->role == ThreadRole::kCompute) {
                    if (waits.empty()) {
                        comment =
                            "Reserve space in " + join_names(reserves) + " for the result; it is pushed once packed.";
                    } else if (reserves.empty()) {
                        comment = "Wait for " + join_names(waits) + "; popped once used.";
                    } else if (pushes_and_pops(block, i, waits, reserves)) {
                        comment = "Wait for " + join_names(waits) + ", reserve space in " + join_names(reserves) +
                                  "; compute, then push the result and pop the inputs.";
                    } else {
                        comment =
                            "Wait for " + join_names(waits) + " and reserve space in " + join_names(reserves) + ".";
                    }
                } else if (!reserves.empty()) {
                    comment = "Reserve space in " + join_names(reserves) + ", read tiles into it, then push.";
                } else {
                    comment = "Wait for " + join_names(waits) + ", write its tiles out, then pop.";
                }
                uint32_t line_start = blanks_before(s.range.first);
                if (covered(line_start, tok(s.range.first).begin)) continue;
                if (!generated_.insert(comment).second) continue;  // said once per kernel
                edit(line_start, line_start, line_indent(s.range.first) + "// " + comment + "\n");
            }
        };
        walk(k_.stmt(fn_->body));
    }

    /// `/*name=*/` before a bare literal argument whose API parameter name is known.
    void argument_comments() {
        auto annotate = [&](std::string_view callee, std::span<const ExprId> args) {
            const KernelApiEntry* api = find_kernel_api(callee, false);
            if (api == nullptr) return;
            for (size_t i = 0; i < args.size() && i < api->param_count(); ++i) {
                const Expr& a = k_.expr(args[i]);
                if (a.kind != ExprKind::kLiteral || api->params[i].name.empty()) continue;
                uint32_t at = tok(a.range.first).begin;
                if (covered(at, tok_end(a.range.last))) continue;
                edit(at, at, fmt::format("/*{}=*/", api->params[i].name));
            }
        };
        for (ExprId id : k_.exprs_of(*fn_)) {
            const Expr& e = k_.expr(id);
            if (e.kind != ExprKind::kCall) continue;
            const Expr& callee = k_.expr(k_.kid(e, 0));
            if (callee.kind == ExprKind::kName) annotate(callee.text, k_.kids(e).subspan(1));
        }
        for (StmtId id : k_.stmts_of(*fn_)) {
            const Stmt& s = k_.stmt(id);
            if (s.kind != StmtKind::kDecl) continue;
            for (const Declarator& d : s.declarators) {
                if (d.init == Declarator::Init::kParen) annotate(s.type.text, k_.ids(d.init_exprs));
            }
        }
    }

    // ---- applying ----
    std::string apply() {
        std::vector<uint32_t> order(edits_.size());  // edits in text order, ties in the order made
        std::iota(order.begin(), order.end(), 0U);
        std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
            const Edit& a = edits_[x];
            const Edit& b = edits_[y];
            return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
        });
        const std::string& text = k_.source->text();
        std::string out;
        out.reserve(text.size() + text.size() / 4);
        uint32_t pos = 0;
        for (uint32_t i : order) {
            const Edit& e = edits_[i];
            if (e.begin < pos) continue;  // overlapping edit: the earlier one wins (never by construction)
            out.append(text, pos, e.begin - pos);
            if (e.local == kNone)
                out += e.text;
            else
                out += name(e.local);
            pos = e.end;
        }
        out.append(text, pos, std::string::npos);
        return out;
    }

    const RewriteInput& in_;
    const KernelFile& k_;
    Rules enabled_;
    const Function* fn_ = nullptr;
    std::set<uint32_t> attached_;  // source comment lines placed with the statement they precede
    std::set<StmtId> mapped_runs_;  // first statements of wait/reserve runs a `with` line explains
    std::set<std::string> generated_;  // generic comments already written in this kernel
    RewriteOutput out_;
    std::vector<Edit> edits_;
    std::deque<std::string> texts_;  // the texts of edits that are not names of the plan
    std::vector<char> edited_;  // per byte of the source: some edit replaces it
    std::vector<const std::string*> new_name_;  // per local: its new name (in the plan), or null
    std::set<int32_t> removed_;
    // per statement: its protocol() once found
    mutable std::vector<std::optional<std::pair<std::string_view, std::string_view>>> protocol_of_;
    // (expression, the CB buffer it names), sorted by expression; the first binding of one wins
    std::vector<std::pair<ExprId, const std::string*>> buffer_at_;
};

}  // namespace

RewriteOutput rewrite_kernel(const RewriteInput& input, Rules enabled) {
    return Rewriter(input, enabled).run();
}

std::string resolve_formatter(const std::string& requested) {
    if (requested == "builtin") return "builtin";
    bool installed = !find_clang_format().empty();
    if (requested == "clang-format") return installed ? "clang-format" : "";
    return installed ? "clang-format" : "builtin";
}

constexpr size_t kReflowColumns = 120;  // tt-metal's clang-format column limit

/// A statement line longer than the column limit, wrapped as clang-format would: after the `=`
/// of a declaration when the rest then fits, else after the opening '(' of its call with the
/// arguments packed on continuation lines (4 more spaces). Only between tokens, never inside a
/// string, a character literal, a comment or template arguments; {} when it cannot.
std::vector<std::string> wrap_long_line(const std::string& line) {
    if (line.size() <= kReflowColumns || line.back() != ';') return {};
    if (line.find('"') != std::string::npos || line.find('\'') != std::string::npos ||
        line.find("//") != std::string::npos || line.find("/*") != std::string::npos) {
        return {};
    }
    size_t first = line.find_first_not_of(' ');
    std::string indent = line.substr(0, first);
    std::string more = indent + "    ";
    // Depths before each character: brackets, and template angles (a '<' right after a name).
    int depth = 0, angle = 0;
    size_t assign = std::string::npos, open = std::string::npos;
    std::vector<size_t> commas;
    for (size_t i = first; i < line.size(); ++i) {
        char c = line[i];
        if (c == '<' && i > 0 && (std::isalnum(static_cast<unsigned char>(line[i - 1])) || line[i - 1] == '_') &&
            i + 1 < line.size() && line[i + 1] != '<' && line[i + 1] != '=') {
            ++angle;
        } else if (c == '>' && angle > 0 && line[i - 1] != '-') {
            --angle;
        } else if (c == '(' || c == '[' || c == '{') {
            if (c == '(' && depth == 0 && angle == 0 && open == std::string::npos) open = i;
            ++depth;
        } else if (c == ')' || c == ']' || c == '}') {
            --depth;
        } else if (c == ',' && depth == 1 && angle == 0 && open != std::string::npos) {
            commas.push_back(i);
        } else if (c == '=' && depth == 0 && angle == 0 && assign == std::string::npos && i + 1 < line.size() &&
                   line[i + 1] == ' ' && line[i - 1] == ' ') {
            assign = i;
        }
    }
    if (assign != std::string::npos) {
        std::string rest = line.substr(assign + 2);
        if (more.size() + rest.size() <= kReflowColumns) return {line.substr(0, assign + 1), more + rest};
    }
    if (open == std::string::npos || line.compare(line.size() - 2, 2, ");") != 0) return {};
    if (open + 1 > kReflowColumns) return {};
    std::vector<std::string> args;
    size_t from = open + 1;
    for (size_t comma : commas) {
        args.push_back(line.substr(from, comma + 1 - from));
        from = comma + 1;
    }
    args.push_back(line.substr(from));  // the last argument and ");"
    std::vector<std::string> out = {line.substr(0, open + 1)};
    std::string current = more;
    for (std::string a : args) {
        a.erase(0, a.find_first_not_of(' '));
        if (current.size() > more.size() && current.size() + 1 + a.size() > kReflowColumns) {
            out.push_back(current);
            current = more;
        }
        current += (current.size() > more.size() ? " " : "") + a;
    }
    out.push_back(current);
    for (const std::string& l : out) {
        if (l.size() > kReflowColumns) return {};  // an argument too long to help
    }
    return out;
}

std::string reindent(std::string text, int indent) {
    // The rewriter's text (already normalized: no carriage return, no BOM) moved in, not copied.
    SourceFile source("reindent.cpp", std::move(text));
    Diagnostics errors;
    uint32_t lines = source.line_count();
    std::vector<int> depth_at(lines + 2, -1);  // brace depth before the line's first token
    std::vector<char> inside(lines + 2, 0);  // the line starts inside a multi-line token
    std::vector<char> directive(lines + 2, 0);
    std::vector<char> closes(lines + 2, 0);  // the line starts with '}'
    std::vector<char> continues(lines + 2, 0);  // the line continues an unfinished statement
    std::vector<char> has_comment(lines + 2, 0);  // a comment starts on the line
    int depth = 0;
    std::string_view last = ";";
    std::string_view before_last;
    std::vector<bool> indents;  // per open brace: whether it indents (namespace bodies do not)
    uint32_t seen = 0;
    LineCursor cursor(source);
    // One walk over the tokens as they are lexed (none is kept), without whitespace, and with
    // keywords read as words: the layout needs neither.
    auto each = [&](const Token& t, uint32_t end) {
        std::string_view txt = std::string_view(source.text()).substr(t.begin, end - t.begin);
        auto is = [](std::string_view word, char c) { return word.size() == 1 && word[0] == c; };
        const bool open = t.kind == TokenKind::kPunct && is(txt, '{');
        const bool close = t.kind == TokenKind::kPunct && is(txt, '}');
        uint32_t line = cursor.line(t.begin);
        // Only comments, directives and literals can span lines (words, numbers and
        // punctuation never do).
        if (t.kind == TokenKind::kComment || t.kind == TokenKind::kPreprocessor || t.kind == TokenKind::kString ||
            t.kind == TokenKind::kChar) {
            uint32_t end_line = cursor.line(end > t.begin ? end - 1 : t.begin);
            for (uint32_t l = line + 1; l <= end_line; ++l) inside[l] = 1;
        }
        if (line != seen) {
            seen = line;
            depth_at[line] = depth;
            directive[line] = t.kind == TokenKind::kPreprocessor;
            closes[line] = close;
            continues[line] = t.kind != TokenKind::kComment && !is(last, ';') && !is(last, '{') && !is(last, '}');
        }
        if (t.kind == TokenKind::kComment) {
            has_comment[line] = 1;
            return;
        }
        if (t.kind == TokenKind::kPreprocessor) {
            last = ";";
            return;
        }
        if (open) {
            bool ns = last == "namespace" || before_last == "namespace";
            indents.push_back(!ns);
            if (!ns) ++depth;
        }
        if (close) {
            bool indented = indents.empty() || indents.back();
            if (!indents.empty()) indents.pop_back();
            if (indented)
                depth = std::max(0, depth - 1);
            else
                closes[line] = 0;  // the line of a namespace's '}' keeps the outer depth
        }
        before_last = last;
        last = txt;
    };
    lex_cpp_each(source, errors, each, LexWalk{.whitespace = false, .keywords = false});
    if (errors.has_errors()) return source.text();
    // Each line re-indented: `indent` spaces, then `body`; `fixed` lines (inside a multi-line
    // token, directives) stay as written. Views into the source, not a string per line.
    struct Line {
        uint32_t indent = 0;
        std::string_view body;  // empty: an empty line
        size_t size() const { return body.empty() ? 0 : indent + body.size(); }
        void append_to(std::string& out) const {
            if (body.empty()) return;
            out.append(indent, ' ');
            out += body;
        }
    };
    std::vector<Line> out_lines(lines + 1);
    std::vector<char> fixed(lines + 2, 0);
    for (uint32_t l = 1; l <= lines; ++l) {
        std::string_view line = source.line_text(l);
        if (inside[l] || depth_at[l] < 0) {
            out_lines[l] = Line{0, line};
            fixed[l] = 1;
            continue;
        }
        size_t first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos) continue;
        size_t last_char = line.find_last_not_of(" \t\r");
        std::string_view body = line.substr(first, last_char - first + 1);
        if (directive[l]) {
            out_lines[l] = Line{0, body};
            fixed[l] = 1;
            continue;
        }
        int level = std::max(0, depth_at[l] - (closes[l] ? 1 : 0));
        out_lines[l] = Line{static_cast<uint32_t>(level * indent + (continues[l] ? 4 : 0)), body};
    }
    // Re-flow: a statement the emitter or clang-format wrapped is joined onto one line when it
    // fits the column limit and no comment sits in it (layout only: the validator ignores it).
    std::string out;
    out.reserve(source.text().size() + source.text().size() / 8);
    std::string joined;
    for (uint32_t l = 1; l <= lines; ++l) {
        uint32_t end = l;
        while (end + 1 <= lines && continues[end + 1] && !fixed[end + 1] && out_lines[end + 1].size() > 0) ++end;
        bool joinable = end > l && !fixed[l] && !has_comment[l];
        joined.clear();
        if (joinable) out_lines[l].append_to(joined);
        for (uint32_t k = l + 1; joinable && k <= end; ++k) {
            if (has_comment[k]) joinable = false;
            std::string_view piece = out_lines[k].body;  // without its indent
            char prev = joined.empty() ? ' ' : joined.back();
            bool tight = prev == '(' || prev == '[' || piece.empty() || piece[0] == ')' || piece[0] == ']' ||
                         piece[0] == ',' || piece[0] == ';';
            if (!tight) joined += ' ';
            joined += piece;
        }
        if (joinable && joined.size() <= kReflowColumns) {
            if (l > 1) out += '\n';
            out += joined;
            l = end;
            continue;
        }
        if (l > 1) out += '\n';
        const Line& line = out_lines[l];
        std::vector<std::string> wrapped;
        if (!fixed[l] && !has_comment[l] && !continues[l] && !(l + 1 <= lines && continues[l + 1]) &&
            line.size() > kReflowColumns) {
            std::string whole;
            line.append_to(whole);
            wrapped = wrap_long_line(whole);
        }
        if (wrapped.empty()) {
            line.append_to(out);
            continue;
        }
        for (size_t w = 0; w < wrapped.size(); ++w) {
            if (w > 0) out += '\n';
            out += wrapped[w];
        }
    }
    if (!source.text().empty() && source.text().back() == '\n' && (out.empty() || out.back() != '\n')) out += '\n';
    return out;
}

}  // namespace ttl

namespace ttl {

std::vector<std::pair<uint32_t, uint32_t>> source_map_lines(const std::string& text,
                                                            const std::vector<SourceMapEntry>& map) {
    std::vector<std::string_view> lines;
    for (size_t pos = 0; pos <= text.size();) {
        size_t nl = text.find('\n', pos);
        lines.push_back(std::string_view(text).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
        if (nl == std::string::npos) break;
        pos = nl + 1;
    }
    auto indent_of = [](std::string_view l) { return l.find_first_not_of(' '); };
    auto is_comment = [&](std::string_view l) {
        size_t i = indent_of(l);
        return i != std::string_view::npos && l.substr(i, 2) == "//";
    };
    std::vector<size_t> comment_line(map.size(), std::string::npos);  // 0-based line of each entry's comment
    size_t from = 0;
    for (size_t e = 0; e < map.size(); ++e) {
        for (size_t i = from; i < lines.size(); ++i) {
            size_t at = indent_of(lines[i]);
            if (at != std::string_view::npos && lines[i].substr(at) == "// " + map[e].statement) {
                comment_line[e] = i;
                from = i + 1;
                break;
            }
        }
    }
    std::vector<char> entry_line(lines.size(), 0);  // the line holds an entry's comment
    for (size_t line : comment_line) {
        if (line != std::string::npos) entry_line[line] = 1;
    }
    std::vector<std::pair<uint32_t, uint32_t>> out;
    for (size_t e = 0; e < map.size(); ++e) {
        if (comment_line[e] == std::string::npos) {
            out.emplace_back(0, 0);
            continue;
        }
        size_t first = comment_line[e] + 1;
        while (first < lines.size() && is_comment(lines[first])) ++first;
        if (first >= lines.size()) {
            out.emplace_back(0, 0);
            continue;
        }
        size_t indent = indent_of(lines[first]);
        size_t last = first;
        for (size_t i = first + 1; i < lines.size(); ++i) {
            size_t at = indent_of(lines[i]);
            if (at == std::string_view::npos) continue;
            if (at < indent) break;  // the block ends
            if (!is_comment(lines[i])) {
                last = i;
                continue;
            }
            // A run of comments that introduces the next mapped statement ends this one.
            size_t j = i;
            bool before_entry = false;
            for (; j < lines.size() && is_comment(lines[j]); ++j) before_entry = before_entry || entry_line[j] != 0;
            if (before_entry) break;
            i = j - 1;
        }
        out.emplace_back(static_cast<uint32_t>(first + 1), static_cast<uint32_t>(last + 1));
    }
    return out;
}

}  // namespace ttl
