// The validator: each side is turned into a normalized token stream (deletions and
// substitutions decided from that side's own model and declared types), then the two streams
// are compared token by token under a bijection of locals.
#include "validate/equivalence.h"

#include <algorithm>
#include <climits>
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

constexpr int32_t kNotLocal = -1;

/// The locals of a file numbered across its functions: local l of function f has the key
/// base(f) + l, so that one flat table can say something about every local of a file.
class LocalKeys {
public:
    explicit LocalKeys(const KernelFile& file) : file_(file) {
        for (size_t f = 0; f < file.functions.size(); ++f) {
            base_.push_back(static_cast<int32_t>(function_of_.size()));
            function_of_.insert(function_of_.end(), file.functions[f].locals.size(), static_cast<uint32_t>(f));
        }
    }
    int32_t key(size_t function, size_t local) const { return base_[function] + static_cast<int32_t>(local); }
    /// The function that holds the local with this key.
    size_t function(int32_t key) const { return function_of_[static_cast<size_t>(key)]; }
    const Local& local(int32_t key) const {
        size_t f = function(key);
        return file_.functions[f].locals[static_cast<size_t>(key - base_[f])];
    }
    size_t count() const { return function_of_.size(); }

private:
    const KernelFile& file_;
    std::vector<int32_t> base_;  // per function: the key of its first local
    std::vector<uint32_t> function_of_;  // per key
};

/// A token of the normal form, 16 bytes: its text is `size` bytes at `at` in the file's text,
/// or, with kPooled set in `size`, in the texts the normal form made up (Texts::pool).
struct NTok {
    static constexpr uint32_t kPooled = 0x80000000U;
    uint32_t at = 0;
    uint32_t size = 0;
    int32_t local = kNotLocal;  ///< LocalKeys key
    TokenIndex origin = 0;  ///< token it came from (for locations)
};

/// A token whose text the normal form makes up: `text`, appended to `pool`.
NTok pooled(std::string& pool, std::string_view text, TokenIndex origin) {
    NTok n{static_cast<uint32_t>(pool.size()), static_cast<uint32_t>(text.size()) | NTok::kPooled, kNotLocal, origin};
    pool += text;
    return n;
}

/// Where the texts of one normal form's tokens are.
struct Texts {
    std::string_view file;
    const std::string* pool;
    std::string_view operator()(const NTok& t) const {
        return (t.size & NTok::kPooled) != 0 ? std::string_view(*pool).substr(t.at, t.size & ~NTok::kPooled)
                                             : file.substr(t.at, t.size);
    }
};

/// The normal form of one file.
class Normalizer {
public:
    /// Texts the normal form makes up (directives' token forms, constants) are appended to
    /// `pool`, which must outlive the tokens.
    Normalizer(const KernelFile& file, bool undo_cb_names, std::string& pool)
        : k_(file), keys_(file), undo_cb_(undo_cb_names), pool_(pool) {}

    /// Decides what the normal form deletes and replaces (emit gives its tokens).
    void normalize(int& casts, int& cb_names) {
        deleted_.assign(k_.tokens.size(), 0);
        replaced_.assign(k_.tokens.size(), 0);
        for (size_t f = 0; f < k_.functions.size(); ++f) {
            fn_ = &k_.functions[f];
            fidx_ = f;
            if (fn_->body == kNone) continue;
            if (undo_cb_) cb_names += undo_cb_names();
            casts += collapse_chains(k_.stmt(fn_->body));
            casts += drop_redundant_casts();
            fold_constants();
            convert_constants();
        }
    }

    /// The normal form's tokens in order, each passed to `sink` until it returns false (so a
    /// comparison needs no copy of them).
    template <class Sink>
    void emit(Sink&& sink) {
        size_t f = 0;  // the function that holds or follows token i (functions are in file order)
        for (TokenIndex i = 0; i < k_.tokens.size(); ++i) {
            while (f < k_.functions.size() && k_.functions[f].range.last < i) ++f;
            const Token& t = k_.tokens[i];
            if (!t.significant() || deleted_[i] != 0) continue;
            if (uint32_t r = replaced_[i]; r != 0) {
                const Replacement& span = spans_[r - 1];
                for (uint32_t j = span.first; j < span.first + span.count; ++j) {
                    if (!sink(replacements_[j])) return;
                }
                continue;
            }
            NTok n = t.kind == TokenKind::kPreprocessor ? made(directive_tokens(k_.text(i)), i) : of_token(i);
            if (t.kind == TokenKind::kIdentifier && f < k_.functions.size()) {
                int32_t l = k_.functions[f].local_at(i);
                if (l != kNone) n.local = keys_.key(f, static_cast<size_t>(l));
            }
            if (!sink(n)) return;
        }
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
    int32_t key(const Local& l) const { return keys_.key(fidx_, static_cast<size_t>(&l - fn_->locals.data())); }
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
                replace(use, {literal("get_compile_time_arg_val", use), literal("(", use), literal(arg.text, use),
                              literal(")", use)});
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
            if (s.kind != StmtKind::kDecl || s.declarators.empty() || deleted_[s.range.first] != 0) continue;
            const Declarator& d = s.declarators[0];
            auto init = k_.ids(d.init_exprs);
            if (d.init != Declarator::Init::kAssign || init.size() != 1) continue;
            const Expr& lit = k_.expr(init[0]);
            if (lit.kind != ExprKind::kLiteral) continue;
            // A declaration that looks like a constant; when it is not one, why (for the message
            // at its tokens, which then stay in the normal form).
            auto refuse = [&](std::string why) { not_constants_.emplace(s.range.first, std::move(why)); };
            if (s.declarators.size() != 1) {
                refuse("it is declared together with another name (one declaration per constant)");
                continue;
            }
            if (slot[static_cast<size_t>(id)] != 0) {
                refuse("its declaration is the body of a for, while or if (a statement slot)");
                continue;
            }
            std::string_view type = unqualified(s.type.text);
            auto value = integer_value(lit.text);
            if (!integer_type(type)) {
                refuse(fmt::format("its type '{}' is not an integer type", type));
                continue;
            }
            if (!value) {
                refuse(fmt::format("'{}' is not a plain integer literal (no suffix: the declared type gives the type)",
                                   lit.text));
                continue;
            }
            const Local* found = declared_at(d.name_token);
            if (found == nullptr) continue;
            const Local& l = *found;
            if (l.written_after_init() || !l.opaque_uses.empty()) {
                refuse(fmt::format("'{}' {}", l.name,
                                   !l.writes.empty() ? fmt::format("is written at line {}", line_of(l.writes[0]))
                                   : l.address_taken ? std::string("has its address taken")
                                                     : fmt::format("is used at line {}, in a statement the "
                                                                   "validator does not model",
                                                                   line_of(l.opaque_uses[0]))));
                continue;
            }
            delete_range(s.range);
            constants_.push_back({std::string(l.name), key(l)});
            NTok canonical = made(fmt::format("$const<{}>({})", type, *value), 0);
            auto index = static_cast<int32_t>(constant_values_.size());
            constant_values_.emplace_back(type, *value);
            for (TokenIndex use : l.uses) {
                if (replaced(use)) continue;
                canonical.origin = use;
                replace(use, {canonical}, index);
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
        } else if (constant.kind == ExprKind::kName && constant_of(c) != kNone) {
            constant_type = constant_values_[static_cast<size_t>(constant_of(c))].first;
            value = constant_values_[static_cast<size_t>(constant_of(c))].second;
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
                    made(fmt::format("$value<{}|{}>", shown(converted->first), shown(converted->second)), 0);
        }
        if (!cached->second) return false;
        NTok value_token = *cached->second;
        value_token.origin = c;
        replace(c, {value_token}, constant_of(c));
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
            NTok name = literal(x->name, tok);
            name.local = key(*x);
            replace(tok, {name});
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
        // (cast expression, the local it initializes), sorted by expression
        std::vector<std::pair<ExprId, const Local*>> initializes;
        for (const Local& l : fn_->locals) {
            const Declarator* d = k_.declarator_of(l);
            if (d != nullptr && d->init == Declarator::Init::kAssign && d->init_exprs.count == 1) {
                initializes.emplace_back(k_.initializer_of(l), &l);
            }
        }
        std::sort(initializes.begin(), initializes.end(),
                  [](const auto& x, const auto& y) { return x.first < y.first; });
        for (ExprId id : k_.exprs_of(*fn_)) {
            const Expr& e = k_.expr(id);
            if (e.kind != ExprKind::kCast) continue;
            if (deleted_[e.range.first] != 0) continue;
            if (e.cast_style == CastStyle::kReinterpret || e.cast_style == CastStyle::kConst) continue;
            if (lvalue[static_cast<size_t>(id)] != 0) continue;
            const Local* x = operand(e);
            if (x == nullptr) continue;
            auto it = std::lower_bound(initializes.begin(), initializes.end(), id,
                                       [](const auto& entry, ExprId key) { return entry.first < key; });
            std::string_view declared =
                it != initializes.end() && it->first == id ? it->second->type : std::string_view();
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
    std::vector<std::pair<std::string, int32_t>> cb_names_;
    /// The constants folded, with their local keys (their names are checked the same way).
    std::vector<std::pair<std::string, int32_t>> constants_;
    /// Declarations with a literal initializer that were not folded, by their first token: why.
    std::unordered_map<TokenIndex, std::string> not_constants_;

private:
    uint32_t line_of(TokenIndex t) const { return k_.source->location(k_.tokens[t].begin).line; }
    /// The token as written.
    NTok of_token(TokenIndex i) const {
        const Token& t = k_.tokens[i];
        return NTok{t.begin, k_.tokens.end_of(i) - t.begin, kNotLocal, i};
    }
    /// A text the normal form makes up, kept in the pool.
    NTok made(std::string_view text, TokenIndex origin) { return pooled(pool_, text, origin); }
    /// The same, kept once for every use.
    NTok literal(std::string_view text, TokenIndex origin) {
        auto it = literals_.find(text);
        if (it == literals_.end()) it = literals_.emplace(std::string(text), made(text, 0)).first;
        NTok n = it->second;
        n.origin = origin;
        return n;
    }

    const KernelFile& k_;
    LocalKeys keys_;
    bool undo_cb_;
    std::string& pool_;
    const Function* fn_ = nullptr;
    size_t fidx_ = 0;
    std::vector<char> deleted_;  // per token: dropped from the normal form
    struct Replacement {
        uint32_t first = 0;  ///< into replacements_
        uint32_t count = 0;
        int32_t constant = kNone;  ///< the token is a use of constant_values_[constant]
    };
    std::vector<uint32_t> replaced_;  // per token: 0, or 1 + the index in spans_ of what stands for it
    std::vector<Replacement> spans_;
    std::vector<NTok> replacements_;
    bool replaced(TokenIndex t) const { return replaced_[t] != 0; }
    /// The folded constant whose use token `t` is (kNone: none), kept when the use is converted.
    int32_t constant_of(TokenIndex t) const { return replaced_[t] == 0 ? kNone : spans_[replaced_[t] - 1].constant; }
    void replace(TokenIndex t, std::initializer_list<NTok> with, int32_t constant = kNone) {
        spans_.push_back(
            Replacement{static_cast<uint32_t>(replacements_.size()), static_cast<uint32_t>(with.size()), constant});
        replaced_[t] = static_cast<uint32_t>(spans_.size());
        replacements_.insert(replacements_.end(), with);
    }
    std::map<TokenIndex, const Local*> alias_;
    std::map<std::string, NTok, std::less<>> literals_;
    std::vector<std::pair<std::string_view, long long>> constant_values_;  // folded constants' (type, value)
    // A constant's converted form, by (variable type, constant type, value, conversion): one
    // text per distinct value, not per use (none when it does not convert).
    using ConversionKey = std::tuple<std::string_view, std::string_view, long long, Conversion>;
    std::map<ConversionKey, std::optional<NTok>> converted_;
};

Diagnostic location(const KernelFile& file, const NTok* t, std::string message) {
    uint32_t at = t != nullptr ? file.tokens[t->origin].begin : static_cast<uint32_t>(file.source->text().size());
    return make_diagnostic(Severity::kNote, *file.source, at, std::move(message));
}

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
/// literal constant of that type takes (its text appended to `pool`, which `texts` reads).
std::vector<NTok> fold_cb_args(const std::vector<NTok>& tokens, const Texts& texts, int cb_count, std::string& pool) {
    std::vector<NTok> out;
    out.reserve(tokens.size());
    for (size_t i = 0; i < tokens.size(); ++i) {
        if (texts(tokens[i]) == "get_compile_time_arg_val" && i + 3 < tokens.size() && texts(tokens[i + 1]) == "(" &&
            texts(tokens[i + 3]) == ")") {
            std::string_view arg = texts(tokens[i + 2]);
            auto value = integer_literal_value(arg);
            if (value && *value >= 0 && *value < cb_count &&
                arg.find_first_not_of("0123456789") == std::string_view::npos) {
                out.push_back(pooled(pool, fmt::format("$const<uint32_t>({})", *value), tokens[i].origin));
                i += 3;
                continue;
            }
        }
        out.push_back(tokens[i]);
    }
    return out;
}

}  // namespace

struct NormalForm::Data {
    const KernelFile& file;
    LocalKeys keys;
    std::string pool;  ///< texts the tokens view that the file does not hold
    std::vector<NTok> tokens;
    int casts = 0;  ///< casts the normal form removed
    std::unordered_map<TokenIndex, std::string> not_constants;  ///< see Normalizer::not_constants_

    explicit Data(const KernelFile& f) : file(f), keys(f) {
        int cb_names = 0;  // only AFTER's are reported
        Normalizer normalizer(f, true, pool);
        normalizer.normalize(casts, cb_names);
        // Room for the significant tokens (what the normal form emits: fewer where it folds casts
        // away; it grows if a replacement ever adds some): a third less memory touched than room
        // for every token, whitespace included.
        tokens.reserve(static_cast<size_t>(
            std::count_if(f.tokens.begin(), f.tokens.end(), [](const Token& t) { return t.significant(); })));
        normalizer.emit([this](const NTok& t) {
            tokens.push_back(t);
            return true;
        });
        find_non_local();
        not_constants = std::move(normalizer.not_constants_);
    }
    Texts texts() const { return Texts{file.source->text(), &pool}; }

    /// Whether `name` has a meaning in the file other than a local's: an identifier of the
    /// normal form that is not a local, a name no local has, or a word of a directive that
    /// no local has. A renamed local must not take it.
    bool non_local(std::string_view name) const {
        uint32_t s = file.symbols.find(name);
        return (s != NameTable::kMissing && non_local_symbol[s] != 0) || non_local_other.count(name) > 0;
    }

private:
    std::vector<char> non_local_symbol;  // per symbol of the file
    std::unordered_set<std::string_view> non_local_other;  // made-up identifiers and directive words

    void find_non_local() {
        std::vector<char> local_name(file.symbols.size(), 0);
        for (const Function& fn : file.functions) {
            for (const Local& l : fn.locals) {
                uint32_t s = file.symbols.find(l.name);
                if (s != NameTable::kMissing) local_name[s] = 1;
            }
        }
        non_local_symbol.assign(file.symbols.size(), 0);
        for (size_t s = 0; s < local_name.size(); ++s) non_local_symbol[s] = local_name[s] == 0 ? 1 : 0;
        Texts text = texts();
        for (const NTok& t : tokens) {
            if (t.local != kNotLocal) continue;
            if ((t.size & NTok::kPooled) != 0) {
                std::string_view made = text(t);
                if (!made.empty() && (std::isalpha(static_cast<unsigned char>(made[0])) || made[0] == '_'))
                    non_local_other.insert(made);
                continue;
            }
            // A token as written: its own text (keywords are refused by name elsewhere).
            uint32_t s = file.symbol(t.origin);
            if (s != KernelFile::kNoSymbol) non_local_symbol[s] = 1;
        }
        for (std::string_view word : file.macro_words) {
            uint32_t s = file.symbols.find(word);
            if (s == NameTable::kMissing || local_name[s] == 0) non_local_other.insert(word);
        }
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
    const LocalKeys& before_keys = bf.keys;
    const LocalKeys after_keys(after);
    std::string pool;  // AFTER's made-up texts
    r.casts_normalized = bf.casts;
    Normalizer after_normalizer(after, true, pool);
    after_normalizer.normalize(r.casts_normalized, r.cb_names_undone);
    Texts ta = bf.texts();
    Texts tb{after.source->text(), &pool};
    const std::vector<NTok>* a = &bf.tokens;
    // With the runner's word on the CB indices, both sides' CB arguments fold (in copies).
    std::string folded_pool;
    std::vector<NTok> folded_before, folded_after;
    if (options.cb_count > 0) {
        folded_pool = bf.pool;
        folded_before = fold_cb_args(bf.tokens, ta, options.cb_count, folded_pool);
        ta.pool = &folded_pool;
        a = &folded_before;
        std::vector<NTok> b;
        after_normalizer.emit([&](const NTok& t) {
            b.push_back(t);
            return true;
        });
        folded_after = fold_cb_args(b, tb, options.cb_count, pool);
    }

    // The bijection of locals, BEFORE -> AFTER and back, by key (kNotLocal: not yet mapped).
    std::vector<int32_t> forward(before_keys.count(), kNotLocal), backward(after_keys.count(), kNotLocal);
    size_t i = 0;  // the position in both normal forms
    bool diverged = false;
    auto diverge = [&](std::string rule, std::string message, const NTok* y) {
        diverged = true;
        r.equivalent = false;
        r.rule = std::move(rule);
        r.message = std::move(message);
        r.before_location = location(before, i < a->size() ? &(*a)[i] : nullptr, "BEFORE has this");
        r.after_location = location(after, y, "AFTER has this");
        return false;
    };
    // One token of AFTER's normal form against BEFORE's at the same position: false once they differ.
    auto step = [&](const NTok& y) {
        if (i >= a->size()) {
            return diverge("tokens", fmt::format("AFTER continues with '{}' where BEFORE ends", tb(y)), &y);
        }
        const NTok& x = (*a)[i];
        std::string_view xt = ta(x), yt = tb(y);
        if (x.local != kNotLocal || y.local != kNotLocal) {
            if (x.local == kNotLocal || y.local == kNotLocal) {
                return diverge("renaming",
                               fmt::format("'{}' and '{}' do not correspond: one is a local variable, the "
                                           "other is not (a rename that captures or is captured)",
                                           xt, yt),
                               &y);
            }
            int32_t f = forward[static_cast<size_t>(x.local)];
            int32_t g = backward[static_cast<size_t>(y.local)];
            if (f == kNotLocal && g == kNotLocal) {
                forward[static_cast<size_t>(x.local)] = y.local;
                backward[static_cast<size_t>(y.local)] = x.local;
                if (xt != yt) {
                    ++r.renamed;
                    if (bf.non_local(yt) || is_reserved_api_name(yt) || is_cpp_keyword(yt)) {
                        return diverge("renaming",
                                       fmt::format("'{}' is renamed to '{}', a name that already has "
                                                   "another meaning (a global, macro, keyword or "
                                                   "TT-Metal API name)",
                                                   xt, yt),
                                       &y);
                    }
                }
            } else if (f != y.local || g != x.local) {
                std::string was = f != kNotLocal ? std::string(after_keys.local(f).name) : "another name";
                return diverge("renaming",
                               fmt::format("'{}' is '{}' here but '{}' elsewhere: the renaming is not "
                                           "one consistent bijection",
                                           xt, yt, was),
                               &y);
            }
        } else if (xt != yt) {
            // Say it as written: a directive's own text, not its token form.
            auto shown = [](const KernelFile& k, const NTok& t, std::string_view text) {
                return k.tokens[t.origin].kind == TokenKind::kPreprocessor ? folded(k.text(t.origin))
                                                                           : std::string(text);
            };
            std::string message = fmt::format("expected '{}', got '{}'", shown(before, x, xt), shown(after, y, yt));
            bool cb_constant = (xt.rfind("get_compile_time_arg_val", 0) == 0 && yt.rfind("$const<", 0) == 0) ||
                               (yt.rfind("get_compile_time_arg_val", 0) == 0 && xt.rfind("$const<", 0) == 0);
            if (cb_constant && options.cb_count == 0) {
                message += " (if this is a circular-buffer index, pass the runner: --runner FILE)";
            }
            // A declaration that would be a constant but is not one stays as written: say why.
            if (auto it = after_normalizer.not_constants_.find(y.origin); it != after_normalizer.not_constants_.end()) {
                message += fmt::format("; AFTER's declaration here is not a constant: {}", it->second);
            } else if (auto jt = bf.not_constants.find(x.origin); jt != bf.not_constants.end()) {
                message += fmt::format("; BEFORE's declaration here is not a constant: {}", jt->second);
            }
            return diverge("tokens", message, &y);
        }
        ++i;
        return true;
    };
    if (options.cb_count > 0) {
        for (const NTok& y : folded_after) {
            if (!step(y)) break;
        }
    } else {
        after_normalizer.emit(step);
    }
    if (diverged) return r;
    if (i < a->size()) {
        diverge("tokens", fmt::format("AFTER ends where BEFORE continues with '{}'", ta((*a)[i])), nullptr);
        return r;
    }
    // Folded constants of AFTER are new locals too: no name with another meaning.
    for (const auto& [name, key] : after_normalizer.constants_) {
        bool taken = bf.non_local(name) || is_reserved_api_name(name) || is_cpp_keyword(name);
        if (!taken) continue;
        r.equivalent = false;
        r.rule = "constants";
        r.message = fmt::format(
            "the constant '{}' has a name that already has another meaning (a global, macro, "
            "keyword or TT-Metal API name)",
            name);
        r.after_location =
            make_diagnostic(Severity::kNote, *after.source, after.tokens[after_keys.local(key).decl_token].begin, "");
        r.before_location = make_file_diagnostic(Severity::kNote, before.source->name(), "");
        return r;
    }

    // A circular buffer's constexpr name is a new local of AFTER: it must not take a name
    // with another meaning, nor the name of another local of its function.
    for (const auto& [cb_name, key] : after_normalizer.cb_names_) {
        const Local& cb_local = after_keys.local(key);
        bool taken = bf.non_local(cb_name) || is_reserved_api_name(cb_name) || is_cpp_keyword(cb_name);
        for (const Local& other : after.functions[after_keys.function(key)].locals) {
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
    auto scope = [&](int32_t key) {
        const Local& l = after_keys.local(key);
        return std::make_pair(l.decl_token, l.scope_end);
    };
    std::unordered_map<std::string_view, std::vector<int32_t>> by_name;
    for (size_t f = 0; f < after.functions.size(); ++f) {
        for (size_t l = 0; l < after.functions[f].locals.size(); ++l) {
            by_name[after.functions[f].locals[l].name].push_back(after_keys.key(f, l));
        }
    }
    // In name order, so that the first finding reported does not depend on hashing.
    std::vector<std::pair<std::string_view, std::vector<int32_t>>> names;
    names.reserve(by_name.size());
    for (auto& [name, keys] : by_name) names.emplace_back(name, std::move(keys));
    std::sort(names.begin(), names.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (auto& [name, keys] : names) {
        // Scopes are nested or disjoint: sweep them in order of start with a stack of the open
        // ones; everything on the stack contains the current scope.
        std::sort(keys.begin(), keys.end(), [&](int32_t x, int32_t y) {
            return std::make_pair(after_keys.function(x), scope(x).first) <
                   std::make_pair(after_keys.function(y), scope(y).first);
        });
        std::vector<int32_t> open;
        for (int32_t key : keys) {
            auto here = scope(key);
            while (!open.empty() && (after_keys.function(open.back()) != after_keys.function(key) ||
                                     scope(open.back()).second < here.first)) {
                open.pop_back();
            }
            for (int32_t outer : open) {
                int32_t bo = backward[static_cast<size_t>(outer)];
                int32_t bk = backward[static_cast<size_t>(key)];
                if (bo == kNotLocal || bk == kNotLocal) {
                    // A local without a counterpart (a constant or a CB name) shares a name in scope.
                    r.equivalent = false;
                    r.rule = "renaming";
                    r.message = fmt::format("'{}' is declared twice in overlapping scopes", name);
                    r.after_location = make_diagnostic(Severity::kNote, *after.source,
                                                       after.tokens[after_keys.local(key).decl_token].begin, "");
                    r.before_location = make_file_diagnostic(Severity::kNote, before.source->name(), "");
                    return r;
                }
                const Local& bi = before_keys.local(bo);
                const Local& bj = before_keys.local(bk);
                if (bi.name == bj.name) continue;
                r.equivalent = false;
                r.rule = "renaming";
                r.message = fmt::format(
                    "'{}' and '{}' both become '{}' in overlapping scopes: the new name hides or "
                    "redeclares the other",
                    bi.name, bj.name, name);
                r.after_location = make_diagnostic(Severity::kNote, *after.source,
                                                   after.tokens[after_keys.local(key).decl_token].begin, "");
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
