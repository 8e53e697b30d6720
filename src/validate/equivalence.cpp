// The validator: each side is turned into a normalized token stream (deletions and
// substitutions decided from that side's own model and declared types), then the two streams
// are compared token by token under a bijection of locals.
#include "validate/equivalence.h"

#include <algorithm>
#include <climits>
#include <deque>
#include <map>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "read/cpp_lexer.h"
#include "read/kernel_api.h"
#include "support/cpp_types.h"

namespace ttl {

namespace {

constexpr int64_t kNotLocal = -1;

/// A local of a file, as one number: function * 2^32 + the local's index.
int64_t local_key(size_t function, size_t local) {
    return (static_cast<int64_t>(function) << 32) | static_cast<int64_t>(local);
}
size_t key_function(int64_t key) {
    return static_cast<size_t>(key >> 32);
}
size_t key_local(int64_t key) {
    return static_cast<size_t>(key & 0xffffffff);
}

struct NTok {
    std::string_view text;  ///< into the source, a literal, or the normal form's string pool
    int64_t local = kNotLocal;  ///< local_key
    TokenIndex origin = 0;  ///< token it came from (for locations)
};

/// The normal form of one file.
class Normalizer {
public:
    /// Texts the normal form makes up (directives' token forms, constants) live in `pool`, which
    /// must outlive the tokens.
    Normalizer(const KernelFile& file, bool undo_cb_names, std::deque<std::string>& pool)
        : k_(file), undo_cb_(undo_cb_names), pool_(pool) {}

    std::vector<NTok> run(int& casts, int& cb_names) {
        deleted_.assign(k_.tokens.size(), 0);
        replaced_.assign(k_.tokens.size(), Replacement{});
        constant_of_.assign(k_.tokens.size(), kNone);
        for (size_t f = 0; f < k_.functions.size(); ++f) {
            fn_ = &k_.functions[f];
            fidx_ = static_cast<int64_t>(f);
            if (fn_->body == kNone) continue;
            if (undo_cb_) cb_names += undo_cb_names();
            casts += collapse_chains(k_.stmt(fn_->body));
            casts += drop_redundant_casts();
            fold_constants();
            convert_constants();
        }
        std::vector<NTok> out;
        out.reserve(k_.tokens.size());
        size_t f = 0;  // the function that holds or follows token i (functions are in file order)
        for (TokenIndex i = 0; i < k_.tokens.size(); ++i) {
            while (f < k_.functions.size() && k_.functions[f].range.last < i) ++f;
            const Token& t = k_.tokens[i];
            if (!t.significant() || deleted_[i] != 0) continue;
            if (const Replacement& r = replaced_[i]; r.count != 0) {
                out.insert(out.end(), replacements_.begin() + r.first, replacements_.begin() + r.first + r.count);
                continue;
            }
            NTok n;
            n.origin = i;
            n.text = t.kind == TokenKind::kPreprocessor ? intern(directive_tokens(k_.text(i))) : k_.text(i);
            if (t.kind == TokenKind::kIdentifier && f < k_.functions.size()) {
                int32_t l = k_.functions[f].local_at(i);
                if (l != kNone) n.local = local_key(f, static_cast<size_t>(l));
            }
            out.push_back(std::move(n));
        }
        return out;
    }

private:
    /// A directive as the preprocessor sees it: its tokens (phases 2 and 3 applied: line splices
    /// removed, comments become spaces; punctuators by maximal munch; string and character
    /// literals whole), one space apart. `#define F(x)` keeps `F(` together: a space there makes
    /// F object-like. So `__builtin_inff ( )` equals `__builtin_inff()`, but `"a  b"` differs
    /// from `"a b"` and `a+ +b` from `a++b`.
    static std::string directive_tokens(std::string_view raw) {
        std::string text;
        for (size_t i = 0; i < raw.size(); ++i) {  // phase 2: backslash-newline disappears
            if (raw[i] == '\\') {
                size_t j = i + 1;
                while (j < raw.size() && (raw[j] == ' ' || raw[j] == '\t')) ++j;
                if (j < raw.size() && (raw[j] == '\n' || raw[j] == '\r')) {
                    if (raw[j] == '\r' && j + 1 < raw.size() && raw[j + 1] == '\n') ++j;
                    i = j;
                    continue;
                }
            }
            text += raw[i];
        }
        static constexpr std::string_view kPunct[] = {"<<=", ">>=", "...", "->*", "<=>", "::", "->", "++", "--",
                                                      "<<",  ">>",  "<=",  ">=",  "==",  "!=", "&&", "||", "+=",
                                                      "-=",  "*=",  "/=",  "%=",  "&=",  "|=", "^=", "##", ".*"};
        std::vector<std::string> tokens;
        bool space_before = true;
        size_t i = 0;
        while (i < text.size()) {
            char c = text[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
                space_before = true;
                ++i;
                continue;
            }
            if (text.compare(i, 2, "//") == 0) break;
            if (text.compare(i, 2, "/*") == 0) {
                size_t close = text.find("*/", i + 2);
                i = close == std::string::npos ? text.size() : close + 2;
                space_before = true;
                continue;
            }
            size_t j = i + 1;
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
                (c == '.' && j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])))) {
                while (j < text.size() &&
                       (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_' || text[j] == '.' ||
                        ((text[j] == '+' || text[j] == '-') &&
                         (text[j - 1] == 'e' || text[j - 1] == 'E' || text[j - 1] == 'p' || text[j - 1] == 'P') &&
                         std::isdigit(static_cast<unsigned char>(text[i]))))) {
                    ++j;
                }
            } else if (c == '"' || c == '\'') {
                while (j < text.size() && text[j] != c) j += text[j] == '\\' ? 2 : 1;
                j = std::min(j + 1, text.size());
            } else {
                for (std::string_view p : kPunct) {
                    if (text.compare(i, p.size(), p) == 0) {
                        j = i + p.size();
                        break;
                    }
                }
            }
            std::string token = text.substr(i, j - i);
            // `#define NAME(` with no space: a function-like macro; keep the '(' on the name.
            if (token == "(" && !space_before && tokens.size() == 3 && tokens[1] == "define") {
                tokens.back() += "(";
            } else {
                tokens.push_back(std::move(token));
            }
            space_before = false;
            i = j;
        }
        std::string out;
        for (const std::string& t : tokens) out += (out.empty() ? "" : " ") + t;
        return out;
    }

    void delete_range(TokenRange r) {
        for (TokenIndex i = r.first; i <= r.last; ++i) deleted_[i] = 1;
    }

    /// The key of a local of the current function.
    int64_t key(const Local& l) const {
        return local_key(static_cast<size_t>(fidx_), static_cast<size_t>(&l - fn_->locals.data()));
    }
    /// The current function's local declared at `token`, or nullptr.
    const Local* declared_at(TokenIndex token) const {
        int32_t l = fn_->local_at(token);
        return l == kNone ? nullptr : &fn_->locals[static_cast<size_t>(l)];
    }

    const Local* local_of_name_expr(const Expr& e) const {
        if (e.kind != ExprKind::kName || e.has_template_args || e.range.first != e.range.last) return nullptr;
        return declared_at(e.name_token);
    }

    /// Rule 3: `constexpr uint32_t NAME = get_compile_time_arg_val(N);` in the function's
    /// top-level block, undone.
    /// Name tokens passed where the kernel API takes a CB index (a uint32_t parameter): a CB
    /// argument of a call the API table describes, or the argument of a CB object's constructor.
    std::vector<char> cb_argument_tokens() const {
        std::vector<char> out(k_.tokens.size(), 0);
        for (ExprId id : k_.exprs_of(*fn_)) {
            const Expr& e = k_.expr(id);
            if (e.kind != ExprKind::kCall) continue;
            const Expr& callee = k_.expr(k_.kid(e, 0));
            bool method = callee.kind == ExprKind::kMember;
            if (!method && callee.kind != ExprKind::kName) continue;
            auto args = k_.kids(e).subspan(1);
            for (size_t i = 0; i < args.size(); ++i) {
                const Expr& arg = k_.expr(args[i]);
                if (arg.kind == ExprKind::kName && arg.range.first == arg.range.last &&
                    kernel_arg_role(callee.text, method, i, args.size()) == ArgRole::kCb) {
                    out[arg.name_token] = 1;
                }
            }
        }
        for (const Local& l : fn_->locals) {
            bool object = l.type == "CircularBuffer" || l.type == "experimental::CircularBuffer";
            const Declarator* d = k_.declarator_of(l);
            if (!object || d == nullptr || d->init != Declarator::Init::kParen || d->init_exprs.count != 1) continue;
            const Expr& arg = k_.expr(k_.initializer_of(l));
            if (arg.kind == ExprKind::kName && arg.range.first == arg.range.last) out[arg.name_token] = 1;
        }
        return out;
    }

    /// `constexpr uint32_t NAME = get_compile_time_arg_val(N);` (the type of the call itself), or
    /// a NAME of another integer type, `const` or not, used only where the API takes a CB index
    /// (the hand procedure's `const int32_t cb_game = get_compile_time_arg_val(0);` and its
    /// `int32_t cb_lhs = get_compile_time_arg_val(0);`): every CB index fits every integer type,
    /// and a CB parameter converts it back to the same uint32_t. The caller has checked that
    /// NAME is never written after its initialization.
    bool cb_name_declaration(const Stmt& s, std::optional<std::vector<char>>& cb_arguments, const Local* l) const {
        if (s.type.text == "constexpr uint32_t") return true;
        if (!integer_type(unqualified(s.type.text)) || l->uses.empty()) return false;
        if (!cb_arguments) cb_arguments = cb_argument_tokens();  // only for such a declaration
        return std::all_of(l->uses.begin(), l->uses.end(), [&](TokenIndex t) { return (*cb_arguments)[t] != 0; });
    }

    int undo_cb_names() {
        int count = 0;
        std::optional<std::vector<char>> cb_arguments;
        for (StmtId id : k_.stmt(fn_->body).kids) {
            const Stmt& s = k_.stmt(id);
            if (s.kind != StmtKind::kDecl || s.declarators.size() != 1) continue;
            const Declarator& d = s.declarators[0];
            auto init = k_.ids(d.init_exprs);
            if (d.init != Declarator::Init::kAssign || init.size() != 1) continue;
            const Expr& call = k_.expr(init[0]);
            if (call.kind != ExprKind::kCall || call.kids.count != 2) continue;
            const Expr& callee = k_.expr(k_.kid(call, 0));
            const Expr& arg = k_.expr(k_.kid(call, 1));
            if (callee.kind != ExprKind::kName || callee.text != "get_compile_time_arg_val" ||
                callee.has_template_args || arg.kind != ExprKind::kLiteral) {
                continue;
            }
            const Local* l = declared_at(d.name_token);
            if (l == nullptr || l->written_after_init() || !l->opaque_uses.empty()) continue;
            if (!cb_name_declaration(s, cb_arguments, l)) continue;
            delete_range(s.range);
            cb_names_.push_back({std::string(l->name), key(*l)});
            for (TokenIndex use : l->uses) {
                replace(use, {NTok{"get_compile_time_arg_val", kNotLocal, use}, NTok{"(", kNotLocal, use},
                              NTok{arg.text, kNotLocal, use}, NTok{")", kNotLocal, use}});
            }
            ++count;
        }
        return count;
    }

    /// Rule 5: a never-written local of integer type initialised from an integer literal is its
    /// (type, value): each use becomes `$const<T>(V)` and the declaration goes. So constants may
    /// gain `constexpr`/`const`, be split into several, or be dropped when unused, but their
    /// type and value at every use must stay.
    void fold_constants() {
        // A declaration that is itself the body of a for, while or if (or a for's init) is a
        // statement slot: dropping it would move what follows into the slot.
        std::vector<char> slot(k_.stmts.size(), 0);
        for (StmtId id : k_.stmts_of(*fn_)) {
            const Stmt& s = k_.stmt(id);
            if (s.kind != StmtKind::kFor && s.kind != StmtKind::kWhile && s.kind != StmtKind::kIf) continue;
            for (StmtId kid : s.kids) {
                if (k_.stmt(kid).kind != StmtKind::kBlock) slot[static_cast<size_t>(kid)] = 1;
            }
            if (s.kind == StmtKind::kFor && s.init != kNone) slot[static_cast<size_t>(s.init)] = 1;
        }
        for (StmtId id : k_.stmts_of(*fn_)) {
            const Stmt& s = k_.stmt(id);
            if (s.kind != StmtKind::kDecl || s.declarators.size() != 1 || deleted_[s.range.first] != 0) continue;
            if (slot[static_cast<size_t>(id)] != 0) continue;
            const Declarator& d = s.declarators[0];
            auto init = k_.ids(d.init_exprs);
            if (d.init != Declarator::Init::kAssign || init.size() != 1) continue;
            const Expr& lit = k_.expr(init[0]);
            if (lit.kind != ExprKind::kLiteral) continue;
            std::string_view type = unqualified(s.type.text);
            auto value = integer_value(lit.text);
            if (!integer_type(type) || !value) continue;
            const Local* found = declared_at(d.name_token);
            if (found == nullptr) continue;
            const Local& l = *found;
            if (l.written_after_init() || !l.opaque_uses.empty()) continue;
            delete_range(s.range);
            constants_.push_back({std::string(l.name), key(l)});
            std::string_view canonical = intern(fmt::format("$const<{}>({})", type, *value));
            auto index = static_cast<int32_t>(constant_values_.size());
            constant_values_.emplace_back(type, *value);
            for (TokenIndex use : l.uses) {
                if (replaced(use)) continue;
                replace(use, {NTok{canonical, kNotLocal, use}});
                constant_of_[use] = index;
            }
        }
    }

    /// Rule 6: a constant where it meets a variable is the value the operation computes with.
    /// Beside a variable of integer type under a comparison, arithmetic or bitwise operator
    /// (both converted to their common type), assigned to one, or initializing one (converted
    /// to its type), a folded constant or a plain int literal becomes that converted value on
    /// each target (see converted_constant). So `i < 8` stands for `i < n` with `size_t n = 8`
    /// when i is a size_t, and `size_t row = 0` for `size_t row = zero`; where the conversion
    /// differs (i an int32_t against a size_t n) the forms differ.
    void convert_constants() {
        for (ExprId id : k_.exprs_of(*fn_)) {
            const Expr& e = k_.expr(id);
            if (e.kind != ExprKind::kBinary || e.kids.count != 2) continue;
            static constexpr std::string_view kCommon[] = {
                "<", "<=", ">", ">=", "==", "!=", "+",  "-",  "*",  "/",  "%",
                "&", "|",  "^", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^="};
            bool assign = e.text == "=";
            if (!assign && std::find(std::begin(kCommon), std::end(kCommon), e.text) == std::end(kCommon)) continue;
            const Expr& left = k_.expr(k_.kid(e, 0));
            const Expr& right = k_.expr(k_.kid(e, 1));
            Conversion how = assign ? Conversion::kAssignment : Conversion::kCommonType;
            if (!convert(left, right, how) && !assign) convert(right, left, how);
        }
        for (const Local& l : fn_->locals) {
            const Declarator* d = k_.declarator_of(l);
            if (d == nullptr || d->init != Declarator::Init::kAssign || d->init_exprs.count != 1) continue;
            if (deleted_[l.decl_token] != 0) continue;
            convert_to(unqualified(l.type), k_.expr(k_.initializer_of(l)), Conversion::kAssignment);
        }
    }

    static std::string_view unqualified(std::string_view type) {
        for (std::string_view spec : {"constexpr ", "const "}) {
            if (type.substr(0, spec.size()) == spec) type.remove_prefix(spec.size());
        }
        return type;
    }

    /// `variable OP constant`: the constant's token becomes its converted value.
    bool convert(const Expr& variable, const Expr& constant, Conversion how) {
        if (variable.kind != ExprKind::kName || variable.has_template_args ||
            variable.range.first != variable.range.last)
            return false;
        TokenIndex v = variable.name_token;
        const Local* l = declared_at(v);
        if (l == nullptr || replaced(v) || deleted_[v] != 0) return false;
        return convert_to(unqualified(l->type), constant, how);
    }

    bool convert_to(std::string_view type, const Expr& constant, Conversion how) {
        if (constant.range.first != constant.range.last) return false;
        TokenIndex c = constant.range.first;
        if (deleted_[c] != 0) return false;
        std::string_view constant_type;
        long long value = 0;
        if (constant.kind == ExprKind::kLiteral && !replaced(c)) {
            // An unsuffixed literal up to INT32_MAX is an int; with `u` up to UINT32_MAX an
            // unsigned int (the same on every target).
            std::string_view text = constant.text;
            bool is_unsigned = !text.empty() && (text.back() == 'u' || text.back() == 'U');
            if (is_unsigned) text.remove_suffix(1);
            auto v = integer_value(text);
            if (!v || *v > (is_unsigned ? static_cast<long long>(UINT32_MAX) : INT32_MAX)) return false;
            constant_type = is_unsigned ? "unsigned int" : "int";
            value = *v;
        } else if (constant.kind == ExprKind::kName && constant_of_[c] != kNone) {
            constant_type = constant_values_[static_cast<size_t>(constant_of_[c])].first;
            value = constant_values_[static_cast<size_t>(constant_of_[c])].second;
        } else {
            return false;
        }
        auto [cached, fresh] = converted_.try_emplace(ConversionKey{type, constant_type, value, how});
        if (fresh) {
            auto converted = converted_constant(type, constant_type, value, how);
            auto shown = [](const TargetValue& t) {
                return fmt::format("{}{}:{}", t.is_signed ? 'i' : 'u', t.bits, t.pattern);
            };
            if (converted)
                cached->second =
                    intern(fmt::format("$value<{}|{}>", shown(converted->first), shown(converted->second)));
        }
        if (cached->second.empty()) return false;
        replace(c, {NTok{cached->second, kNotLocal, c}});
        return true;
    }

    /// A plain integer literal only (no suffix: the declared type alone gives the type).
    static std::optional<long long> integer_value(std::string_view text) {
        if (text.empty() || std::isalpha(static_cast<unsigned char>(text.back()))) {
            if (text.size() < 3 || (text.substr(0, 2) != "0x" && text.substr(0, 2) != "0X")) return std::nullopt;
        }
        return integer_literal_value(text);
    }

    /// The single-declarator declaration `T name = CAST(U, x)`: returns the cast expression.
    const Expr* cast_decl(const Stmt& s, const Local** declared) const {
        if (s.kind != StmtKind::kDecl || s.declarators.size() != 1) return nullptr;
        const Declarator& d = s.declarators[0];
        auto init = k_.ids(d.init_exprs);
        if (d.init != Declarator::Init::kAssign || init.size() != 1) return nullptr;
        const Expr& e = k_.expr(init[0]);
        if (e.kind != ExprKind::kCast || e.cast_style == CastStyle::kReinterpret || e.cast_style == CastStyle::kConst)
            return nullptr;
        *declared = declared_at(d.name_token);
        return *declared == nullptr ? nullptr : &e;
    }

    /// The single-declarator declaration `T name = x` of a plain name: returns the name expression.
    const Expr* plain_decl(const Stmt& s, const Local** declared) const {
        if (s.kind != StmtKind::kDecl || s.declarators.size() != 1) return nullptr;
        const Declarator& d = s.declarators[0];
        auto init = k_.ids(d.init_exprs);
        if (d.init != Declarator::Init::kAssign || init.size() != 1) return nullptr;
        const Expr& e = k_.expr(init[0]);
        if (local_of_name_expr(e) == nullptr) return nullptr;
        *declared = declared_at(d.name_token);
        return *declared == nullptr ? nullptr : &e;
    }

    /// The local a cast operand names, after earlier chain substitutions.
    const Local* operand(const Expr& cast) const {
        const Expr& inner = k_.expr(k_.kid(cast, 0));
        const Local* l = local_of_name_expr(inner);
        if (l == nullptr) return nullptr;
        auto it = alias_.find(inner.name_token);
        return it == alias_.end() ? l : it->second;
    }

    /// Rule 2c: `U t = (U) x; T v = (W) t;` -> `T v = (W) x;` when t has no other use and the
    /// detour through U changes no value (U at least as wide as W everywhere, or U holds every
    /// value of x's type).
    int collapse_chains(const Stmt& block) {
        int count = 0;
        for (size_t i = 0; i < block.kids.size(); ++i) {
            const Stmt& s = k_.stmt(block.kids[i]);
            for (StmtId kid : s.kids) count += collapse_chains_in(kid);
            if (i + 1 >= block.kids.size()) continue;
            const Local* t = nullptr;
            const Expr* first = cast_decl(s, &t);
            if (first == nullptr || first->text != t->type) continue;
            const Local* x = operand(*first);
            if (x == nullptr) continue;
            if (t->uses.size() != 1 || t->written_after_init() || !t->opaque_uses.empty()) continue;
            // The second step: `T v = (W) t;`, or `T v = t;` (an integer T: the conversion to T).
            const Local* v = nullptr;
            const Stmt& next = k_.stmt(block.kids[i + 1]);
            const Expr* second = cast_decl(next, &v);
            const Expr* plain = second == nullptr ? plain_decl(next, &v) : nullptr;
            if (second == nullptr && (plain == nullptr || !integer_type(v->type))) continue;
            const Expr& use = second != nullptr ? k_.expr(k_.kid(*second, 0)) : *plain;
            if (use.kind != ExprKind::kName || use.name_token != t->uses[0]) continue;
            if (!cast_chain_keeps_value(x->type, t->type, second != nullptr ? second->text : v->type)) continue;
            delete_range(s.range);
            TokenIndex tok = use.name_token;
            replace(tok, {NTok{x->name, key(*x), tok}});
            alias_[tok] = x;
            ++count;
        }
        return count;
    }

    int collapse_chains_in(StmtId id) {
        const Stmt& s = k_.stmt(id);
        if (s.kind == StmtKind::kBlock) return collapse_chains(s);
        int count = 0;
        for (StmtId kid : s.kids) count += collapse_chains_in(kid);
        return count;
    }

    /// Rules 2a and 2b over every cast of a local in the function.
    /// Expressions in a place that writes or addresses them: the left of an assignment, the
    /// operand of ++, --, & or of a member access (a method may mutate its object). A cast there
    /// is not a value conversion (`static_cast<size_t>(i) += v` writes a temporary, or does not
    /// compile), so it is never dropped.
    std::vector<char> lvalue_places() const {
        std::vector<char> out(k_.exprs.size(), 0);
        for (ExprId id : k_.exprs_of(*fn_)) {
            const Expr& e = k_.expr(id);
            bool writes = (e.kind == ExprKind::kBinary && is_assignment(e.text)) || e.kind == ExprKind::kPostfix ||
                          e.kind == ExprKind::kMember ||
                          (e.kind == ExprKind::kUnary && (e.text == "++" || e.text == "--" || e.text == "&"));
            if (writes && e.kids.count > 0) out[static_cast<size_t>(k_.kid(e, 0))] = 1;
        }
        return out;
    }
    static bool is_assignment(std::string_view op) {
        return op == "=" ||
               (op.size() >= 2 && op.back() == '=' && op != "==" && op != "!=" && op != "<=" && op != ">=");
    }

    int drop_redundant_casts() {
        int count = 0;
        const std::vector<char> lvalue = lvalue_places();
        std::unordered_map<ExprId, const Local*> initializes;  // cast expression -> the local it initializes
        for (const Local& l : fn_->locals) {
            const Declarator* d = k_.declarator_of(l);
            if (d != nullptr && d->init == Declarator::Init::kAssign && d->init_exprs.count == 1) {
                initializes[k_.initializer_of(l)] = &l;
            }
        }
        for (ExprId id : k_.exprs_of(*fn_)) {
            const Expr& e = k_.expr(id);
            if (e.kind != ExprKind::kCast) continue;
            if (deleted_[e.range.first] != 0) continue;
            if (e.cast_style == CastStyle::kReinterpret || e.cast_style == CastStyle::kConst) continue;
            if (lvalue[static_cast<size_t>(id)] != 0) continue;
            const Local* x = operand(e);
            if (x == nullptr) continue;
            auto it = initializes.find(id);
            std::string_view declared = it != initializes.end() ? it->second->type : std::string_view();
            if (!cast_is_redundant(e.text, x->type, declared)) continue;
            const Expr& inner = k_.expr(k_.kid(e, 0));
            for (TokenIndex t = e.range.first; t < inner.range.first; ++t) deleted_[t] = 1;
            if (e.cast_style != CastStyle::kC) deleted_[e.range.last] = 1;  // the closing ')'
            ++count;
        }
        return count;
    }

public:
    /// The CB names undone, with their local keys (checked like renamed locals).
    std::vector<std::pair<std::string, int64_t>> cb_names_;
    /// The constants folded, with their local keys (their names are checked the same way).
    std::vector<std::pair<std::string, int64_t>> constants_;

private:
    std::string_view intern(std::string text) {
        pool_.push_back(std::move(text));
        return pool_.back();
    }

    const KernelFile& k_;
    bool undo_cb_;
    std::deque<std::string>& pool_;
    const Function* fn_ = nullptr;
    int64_t fidx_ = 0;
    std::vector<char> deleted_;  // per token: dropped from the normal form
    struct Replacement {
        uint32_t first = 0;  ///< into replacements_
        uint32_t count = 0;  ///< 0: the token is not replaced
    };
    std::vector<Replacement> replaced_;  // per token: the tokens that stand for it
    std::vector<NTok> replacements_;
    bool replaced(TokenIndex t) const { return replaced_[t].count != 0; }
    void replace(TokenIndex t, std::initializer_list<NTok> with) {
        replaced_[t] = Replacement{static_cast<uint32_t>(replacements_.size()), static_cast<uint32_t>(with.size())};
        replacements_.insert(replacements_.end(), with);
    }
    std::map<TokenIndex, const Local*> alias_;
    std::vector<int32_t> constant_of_;  // per token: a folded use of constant_values_[i] (kNone: not)
    std::vector<std::pair<std::string_view, long long>> constant_values_;  // folded constants' (type, value)
    // A constant's converted form, by (variable type, constant type, value, conversion): one
    // string per distinct value, not per use ("" when it does not convert).
    using ConversionKey = std::tuple<std::string_view, std::string_view, long long, Conversion>;
    std::map<ConversionKey, std::string_view> converted_;
};

Diagnostic location(const KernelFile& file, const std::vector<NTok>& toks, size_t i, std::string message) {
    if (i < toks.size()) {
        return make_diagnostic(Severity::kNote, *file.source, file.tokens[toks[i].origin].begin, std::move(message));
    }
    return make_diagnostic(Severity::kNote, *file.source, static_cast<uint32_t>(file.source->text().size()),
                           std::move(message));
}

const Local& local_of_key(const KernelFile& file, int64_t key) {
    return file.functions[key_function(key)].locals[key_local(key)];
}

/// A partial map from the locals of one file (by key) to locals of another.
class LocalMap {
public:
    explicit LocalMap(const KernelFile& file) {
        for (const Function& f : file.functions) to_.emplace_back(f.locals.size(), kNotLocal);
    }
    int64_t get(int64_t key) const { return to_[key_function(key)][key_local(key)]; }
    void set(int64_t key, int64_t value) { to_[key_function(key)][key_local(key)] = value; }

private:
    std::vector<std::vector<int64_t>> to_;  // per function, per local: kNotLocal when unmapped
};

}  // namespace

namespace {

/// Text with each run of whitespace as one space.
std::string folded(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

/// With the runner's word that compile-time arg N (N < cb_count) is N: each
/// `get_compile_time_arg_val(N)` becomes the constant it is, `$const<uint32_t>(N)`, the form a
/// literal constant of that type takes.
void fold_cb_args(std::vector<NTok>& tokens, int cb_count, std::deque<std::string>& pool) {
    if (cb_count <= 0) return;
    std::vector<NTok> out;
    out.reserve(tokens.size());
    for (size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].text == "get_compile_time_arg_val" && i + 3 < tokens.size() && tokens[i + 1].text == "(" &&
            tokens[i + 3].text == ")") {
            auto value = integer_literal_value(tokens[i + 2].text);
            if (value && *value >= 0 && *value < cb_count &&
                tokens[i + 2].text.find_first_not_of("0123456789") == std::string_view::npos) {
                pool.push_back(fmt::format("$const<uint32_t>({})", *value));
                out.push_back(NTok{pool.back(), kNotLocal, tokens[i].origin});
                i += 3;
                continue;
            }
        }
        out.push_back(std::move(tokens[i]));
    }
    tokens = std::move(out);
}

}  // namespace

struct NormalForm::Data {
    const KernelFile& file;
    std::deque<std::string> pool;  ///< texts the tokens view that the file does not hold
    std::vector<NTok> tokens;
    int casts = 0;  ///< casts the normal form removed

    explicit Data(const KernelFile& f) : file(f) {
        int cb_names = 0;  // only AFTER's are reported
        tokens = Normalizer(f, true, pool).run(casts, cb_names);
    }
};

NormalForm::NormalForm(const KernelFile& file) : data_(std::make_unique<Data>(file)) {}
NormalForm::~NormalForm() = default;
NormalForm::NormalForm(NormalForm&&) noexcept = default;

EquivalenceResult check_equivalence(const KernelFile& before, const KernelFile& after,
                                    const EquivalenceOptions& options) {
    return check_equivalence(NormalForm(before), after, options);
}

EquivalenceResult check_equivalence(const NormalForm& before_form, const KernelFile& after,
                                    const EquivalenceOptions& options) {
    EquivalenceResult r;
    // Both sides are normalized alike, so that `equiv X X` holds for an exported X too.
    const NormalForm::Data& bf = before_form.data();
    const KernelFile& before = bf.file;
    std::deque<std::string> pool;  // AFTER's made-up texts and the folded CB arguments
    r.casts_normalized = bf.casts;
    Normalizer after_normalizer(after, true, pool);
    std::vector<NTok> b = after_normalizer.run(r.casts_normalized, r.cb_names_undone);
    std::vector<NTok> folded_before;
    if (options.cb_count > 0) {
        folded_before = bf.tokens;
        fold_cb_args(folded_before, options.cb_count, pool);
    }
    const std::vector<NTok>& a = options.cb_count > 0 ? folded_before : bf.tokens;
    fold_cb_args(b, options.cb_count, pool);

    // Identifiers of BEFORE with a meaning other than a local: a renamed local must not take one.
    std::unordered_set<std::string_view> non_local;
    non_local.reserve(a.size() / 4);
    for (const NTok& t : a) {
        if (t.local == kNotLocal && !t.text.empty() &&
            (std::isalpha(static_cast<unsigned char>(t.text[0])) || t.text[0] == '_'))
            non_local.insert(t.text);
    }
    std::unordered_set<std::string_view> local_names;
    for (const Function& f : before.functions) {
        for (const Local& l : f.locals) local_names.insert(l.name);
    }
    for (const auto& ids : {std::span<const std::string_view>(before.symbols.names()),
                            std::span<const std::string_view>(before.macro_words)}) {
        for (std::string_view id : ids) {
            if (local_names.count(id) == 0) non_local.insert(id);
        }
    }

    LocalMap forward(before), backward(after);  // the bijection of locals, BEFORE -> AFTER and back
    auto diverge = [&](size_t i, std::string rule, std::string message) {
        r.equivalent = false;
        r.rule = std::move(rule);
        r.message = std::move(message);
        r.before_location = location(before, a, i, "BEFORE has this");
        r.after_location = location(after, b, i, "AFTER has this");
        return r;
    };
    size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        const NTok& x = a[i];
        const NTok& y = b[i];
        if (x.local != kNotLocal || y.local != kNotLocal) {
            if (x.local == kNotLocal || y.local == kNotLocal) {
                return diverge(i, "renaming",
                               fmt::format("'{}' and '{}' do not correspond: one is a local variable, the "
                                           "other is not (a rename that captures or is captured)",
                                           x.text, y.text));
            }
            int64_t f = forward.get(x.local);
            int64_t g = backward.get(y.local);
            if (f == kNotLocal && g == kNotLocal) {
                forward.set(x.local, y.local);
                backward.set(y.local, x.local);
                if (x.text != y.text) {
                    ++r.renamed;
                    if (non_local.count(y.text) > 0 || is_reserved_api_name(y.text) || is_cpp_keyword(y.text)) {
                        return diverge(i, "renaming",
                                       fmt::format("'{}' is renamed to '{}', a name that already has "
                                                   "another meaning (a global, macro, keyword or "
                                                   "TT-Metal API name)",
                                                   x.text, y.text));
                    }
                }
                continue;
            }
            if (f != y.local || g != x.local) {
                std::string was = f != kNotLocal ? std::string(local_of_key(after, f).name) : "another name";
                return diverge(i, "renaming",
                               fmt::format("'{}' is '{}' here but '{}' elsewhere: the renaming is not "
                                           "one consistent bijection",
                                           x.text, y.text, was));
            }
            continue;
        }
        if (x.text != y.text) {
            // Say it as written: a directive's own text, not its token form.
            auto shown = [](const KernelFile& k, const NTok& t) {
                return k.tokens[t.origin].kind == TokenKind::kPreprocessor ? folded(k.text(t.origin))
                                                                           : std::string(t.text);
            };
            std::string message = fmt::format("expected '{}', got '{}'", shown(before, x), shown(after, y));
            bool cb_constant = (x.text.rfind("get_compile_time_arg_val", 0) == 0 && y.text.rfind("$const<", 0) == 0) ||
                               (y.text.rfind("get_compile_time_arg_val", 0) == 0 && x.text.rfind("$const<", 0) == 0);
            if (cb_constant && options.cb_count == 0) {
                message += " (if this is a circular-buffer index, pass the runner: --runner FILE)";
            }
            return diverge(i, "tokens", message);
        }
    }
    if (a.size() != b.size()) {
        bool after_shorter = b.size() < a.size();
        return diverge(n, "tokens",
                       after_shorter ? fmt::format("AFTER ends where BEFORE continues with '{}'", a[n].text)
                                     : fmt::format("AFTER continues with '{}' where BEFORE ends", b[n].text));
    }
    // Folded constants of AFTER are new locals too: no name with another meaning.
    for (const auto& [name, key] : after_normalizer.constants_) {
        bool taken = non_local.count(name) > 0 || is_reserved_api_name(name) || is_cpp_keyword(name);
        if (!taken) continue;
        r.equivalent = false;
        r.rule = "constants";
        r.message = fmt::format(
            "the constant '{}' has a name that already has another meaning (a global, macro, "
            "keyword or TT-Metal API name)",
            name);
        r.after_location = make_diagnostic(Severity::kNote, *after.source,
                                           after.tokens[local_of_key(after, key).decl_token].begin, "");
        r.before_location = make_file_diagnostic(Severity::kNote, before.source->name(), "");
        return r;
    }

    // A circular buffer's constexpr name is a new local of AFTER: it must not take a name
    // with another meaning, nor the name of another local of its function.
    for (const auto& [cb_name, key] : after_normalizer.cb_names_) {
        const Local& cb_local = local_of_key(after, key);
        bool taken = non_local.count(cb_name) > 0 || is_reserved_api_name(cb_name) || is_cpp_keyword(cb_name);
        for (const Local& other : after.functions[key_function(key)].locals) {
            if (&other != &cb_local && other.name == cb_name) {
                taken = true;
                break;
            }
        }
        if (!taken) continue;
        r.equivalent = false;
        r.rule = "cb-names";
        r.message = fmt::format(
            "the circular buffer name '{}' already has another meaning (a global, macro, keyword, "
            "TT-Metal API name or another local)",
            cb_name);
        r.after_location = make_diagnostic(Severity::kNote, *after.source, after.tokens[cb_local.decl_token].begin, "");
        r.before_location = make_file_diagnostic(Severity::kNote, before.source->name(), "");
        return r;
    }

    // A consistent renaming can still make one local hide or redeclare another: two locals of
    // AFTER with the same name and overlapping scopes must have had the same name in BEFORE.
    auto scope = [&](int64_t key) {
        const Local& l = local_of_key(after, key);
        return std::make_pair(l.decl_token, l.scope_end);
    };
    std::unordered_map<std::string_view, std::vector<int64_t>> by_name;
    for (size_t f = 0; f < after.functions.size(); ++f) {
        for (size_t i = 0; i < after.functions[f].locals.size(); ++i) {
            by_name[after.functions[f].locals[i].name].push_back(local_key(f, i));
        }
    }
    // In name order, so that the first finding reported does not depend on hashing.
    std::vector<std::pair<std::string_view, std::vector<int64_t>>> names;
    names.reserve(by_name.size());
    for (auto& [name, keys] : by_name) names.emplace_back(name, std::move(keys));
    std::sort(names.begin(), names.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (auto& [name, keys] : names) {
        // Scopes are nested or disjoint: sweep them in order of start with a stack of the open
        // ones; everything on the stack contains the current scope.
        std::sort(keys.begin(), keys.end(), [&](int64_t x, int64_t y) {
            return std::make_pair(key_function(x), scope(x).first) < std::make_pair(key_function(y), scope(y).first);
        });
        std::vector<int64_t> open;
        for (int64_t key : keys) {
            auto here = scope(key);
            while (!open.empty() &&
                   (key_function(open.back()) != key_function(key) || scope(open.back()).second < here.first)) {
                open.pop_back();
            }
            for (int64_t outer : open) {
                int64_t bo = backward.get(outer);
                int64_t bk = backward.get(key);
                if (bo == kNotLocal || bk == kNotLocal) {
                    // A local without a counterpart (a constant or a CB name) shares a name in scope.
                    r.equivalent = false;
                    r.rule = "renaming";
                    r.message = fmt::format("'{}' is declared twice in overlapping scopes", name);
                    r.after_location = make_diagnostic(Severity::kNote, *after.source,
                                                       after.tokens[local_of_key(after, key).decl_token].begin, "");
                    r.before_location = make_file_diagnostic(Severity::kNote, before.source->name(), "");
                    return r;
                }
                const Local& bi = local_of_key(before, bo);
                const Local& bj = local_of_key(before, bk);
                if (bi.name == bj.name) continue;
                r.equivalent = false;
                r.rule = "renaming";
                r.message = fmt::format(
                    "'{}' and '{}' both become '{}' in overlapping scopes: the new name hides or "
                    "redeclares the other",
                    bi.name, bj.name, name);
                r.after_location = make_diagnostic(Severity::kNote, *after.source,
                                                   after.tokens[local_of_key(after, key).decl_token].begin, "");
                r.before_location =
                    make_diagnostic(Severity::kNote, *before.source, before.tokens[bj.decl_token].begin, "");
                return r;
            }
            open.push_back(key);
        }
    }
    r.equivalent = true;
    return r;
}

std::string render_equivalence(const EquivalenceResult& r) {
    if (r.equivalent) return "";
    Diagnostic error = r.after_location;
    error.severity = Severity::kError;
    error.message = fmt::format("not equivalent ({}): {}", r.rule, r.message);
    Diagnostic note = r.before_location;
    note.message = "the compiler's code has this here";
    return render(error) + render(note);
}

}  // namespace ttl
