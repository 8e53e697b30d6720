// Naming: a preferred base name per local from its binding, then deterministic collision
// resolution against everything the new name could clash with.
#include "bind/naming.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "read/cpp_lexer.h"
#include "read/kernel_api.h"

namespace ttl {

const char* name_source_name(NameSource source) {
    switch (source) {
        case NameSource::kSource: return "source";
        case NameSource::kRole: return "role";
        case NameSource::kGeneric: return "generic";
    }
    return "?";
}

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string value_word(long long v) {
    static const char* kWords[] = {"zero",   "one",      "two",      "three",   "four",   "five",
                                   "six",    "seven",    "eight",    "nine",    "ten",    "eleven",
                                   "twelve", "thirteen", "fourteen", "fifteen", "sixteen"};
    if (v >= 0 && v <= 16) return kWords[v];
    if (v < 0) return fmt::format(FMT_COMPILE("minus_{}"), -v);
    return fmt::format(FMT_COMPILE("k{}"), v);
}

std::string type_abbreviation(std::string_view type) {
    if (type == "int32_t") return "i32";
    if (type == "uint32_t") return "u32";
    if (type == "size_t") return "sz";
    if (type == "ptrdiff_t") return "pd";
    if (type == "int8_t") return "i8";
    if (type == "uint8_t") return "u8";
    if (type == "int64_t") return "i64";
    if (type == "uint64_t") return "u64";
    if (type == "float") return "f";
    if (type == "bool") return "b";
    std::string out;
    for (char c : type) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out.empty() ? "t" : out;
}

/// A usable C++ identifier made from a source name.
std::string identifier(std::string_view name) {
    std::string out;
    for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
    if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "n" + out;
    return out;
}

/// A buffer variable without its `_cb`/`_dfb` suffix, for names derived from it (`lhs_write_ptr`).
std::string stem(std::string_view buffer) {
    std::string name = identifier(buffer);
    for (const char* suffix : {"_cb", "_dfb", "_buf", "_buffer"}) {
        std::string s(suffix);
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
            return name.substr(0, name.size() - s.size());
        }
    }
    return name;
}

/// `n_blocks` -> `block`, `num_tiles` -> `tile`, `rows` -> `row`.
std::string singular(std::string name) {
    for (const char* prefix : {"n_", "num_", "number_of_"}) {
        if (name.rfind(prefix, 0) == 0 && name.size() > std::string(prefix).size())
            name = name.substr(std::string(prefix).size());
    }
    if (name.size() > 2 && name.back() == 's') name.pop_back();
    return name;
}

class Namer {
public:
    Namer(const KernelFile& file, const KernelBinding& binding, const TtlKernel* kernel)
        : k_(file), b_(binding), src_(kernel) {}

    NamingPlan run() {
        if (b_.function == kNone) return std::move(plan_);
        fn_ = &k_.functions[b_.function];
        if (src_ != nullptr && !b_.thread.empty()) {
            for (const TtlThread& t : src_->threads) {
                if (t.name == b_.thread) thread_ = &t;
            }
        }
        compute_indexed();
        compute_page_constants();
        names_.assign(fn_->locals.size(), "");
        for (size_t i = 0; i < fn_->locals.size(); ++i) {
            if (!is_generated_name(fn_->locals[i].name))
                set_name(static_cast<int32_t>(i), std::string(fn_->locals[i].name));
        }
        name_cbs();
        plan_.renames.reserve(fn_->locals.size());
        for (size_t i = 0; i < fn_->locals.size(); ++i) name_local(static_cast<int32_t>(i));
        return std::move(plan_);
    }

private:
    /// The locals that hold one name, by declaration token. Local scopes are nested or disjoint,
    /// so a scope meets [d, e] when one starts inside it or one before it reaches d; `outer` links
    /// a holder to one that encloses it, so the holders before d are searched along one chain of
    /// enclosing scopes, not one by one (many sibling loops share a name like `row`).
    struct Holder {
        int32_t local;
        TokenIndex end;
        TokenIndex outer = kNoOuter;  ///< decl token of a holder enclosing this one
    };
    static constexpr TokenIndex kNoOuter = std::numeric_limits<TokenIndex>::max();
    using Holders = std::map<TokenIndex, Holder>;

    /// The nearest holder declared before `at` whose scope reaches `reach` (>= at), found along
    /// the chain from the last holder before `at` through enclosing ones (any other such holder
    /// encloses that one, hence is on its chain); h.end() if none.
    static Holders::const_iterator reaching(const Holders& h, TokenIndex at, TokenIndex reach) {
        auto it = h.lower_bound(at);
        if (it == h.begin()) return h.end();
        for (it = std::prev(it); it->second.end < reach; it = h.find(it->second.outer)) {
            if (it->second.outer == kNoOuter) return h.end();
        }
        return it;
    }

    /// Whether a holder other than `who` has a scope that meets [d, e]: one starts inside it or
    /// one before it reaches d.
    static bool meets(const Holders& h, TokenIndex d, TokenIndex e, int32_t who) {
        auto it = h.lower_bound(d);
        if (it != h.end() && it->second.local == who) ++it;
        if (it != h.end() && it->first <= e) return true;
        return reaching(h, d, d) != h.end();
    }

    /// Why `name` cannot be used for local `who` (-1: a function-wide CB name), or null.
    const char* conflict(const std::string& name, int32_t who) const {
        if (is_cpp_keyword(name)) return "a C++ keyword";
        if (is_reserved_api_name(name)) return "a TT-Metal API name";
        if (k_.has_identifier(name)) {
            bool own_old_name = who >= 0 && fn_->locals[who].name == name;
            if (!own_old_name) return "an identifier already used in the file";
        }
        for (const CbName& cb : plan_.cb_names) {
            if (cb.name == name) return "a circular buffer's name";
        }
        if (function_names_.count(name) > 0) return "a split constant's name";
        auto same = holders_.find(name);
        if (same != holders_.end()) {
            if (who < 0) {
                if (!same->second.empty()) return "another local in scope";
            } else if (meets(same->second, fn_->locals[who].decl_token, fn_->locals[who].scope_end, who)) {
                return "another local in scope";
            }
        }
        return nullptr;
    }

    std::string choose(const std::vector<std::string>& candidates, int32_t who, std::string& note) {
        for (const std::string& c : candidates) {
            const char* why = conflict(c, who);
            if (why == nullptr) return c;
            if (note.empty()) note = fmt::format(FMT_COMPILE("'{}' is {}"), c, why);
        }
        for (int n = 2;; ++n) {
            std::string c = fmt::format(FMT_COMPILE("{}_{}"), candidates.front(), n);
            if (conflict(c, who) == nullptr) return c;
        }
    }

    void set_name(int32_t local, std::string name) {
        Holders& h = holders_[name];
        const Local& l = fn_->locals[local];
        Holder entry{local, l.scope_end};
        if (auto outer = reaching(h, l.decl_token, l.scope_end); outer != h.end()) entry.outer = outer->first;
        // Holders inside it that had no enclosing holder now have one.
        for (auto it = h.lower_bound(l.decl_token); it != h.end() && it->first <= l.scope_end; ++it) {
            if (it->second.outer == kNoOuter) it->second.outer = l.decl_token;
        }
        h.emplace(l.decl_token, entry);
        names_[local] = std::move(name);
    }

    // ---- circular buffers ----
    void name_cbs() {
        for (const CbBinding& cb : b_.cbs) {
            bool has_object = false;
            for (const LocalBinding& lb : b_.locals)
                has_object = has_object || (lb.kind == LocalKind::kCbObject && lb.cb == cb.index);
            std::string base = identifier(cb.buffer);
            std::vector<std::string> candidates;
            if (has_object) {
                candidates = {base + "_id"};
            } else {
                candidates = {base, base + "_cb", base + "_id"};
            }
            std::string note;
            std::string name = choose(candidates, -1, note);
            std::string reason =
                cb.from_source
                    ? fmt::format(FMT_COMPILE("CB {} is the {} buffer created, '{}'"), cb.index, ordinal(cb.index),
                                  cb.buffer)
                    : fmt::format(FMT_COMPILE("CB {} is not created in the source (a compiler intermediate)"),
                                  cb.index);
            if (!note.empty()) reason += "; " + note;
            plan_.cb_names.push_back(CbName{cb.index, name, reason});
        }
    }

    static std::string ordinal(int index) {
        static const char* kWords[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"};
        return index >= 0 && index < 8 ? kWords[index] : fmt::format(FMT_COMPILE("{}th"), index + 1);
    }

    // ---- locals ----
    struct Proposal {
        std::vector<std::string> candidates;
        NameSource source = NameSource::kRole;
        std::string reason;
    };

    const std::string& name_of(int32_t local) const { return names_[local]; }

    std::string loop_var_name(const LocalBinding& lb, NameSource& source, std::string& reason) const {
        const LoopBinding& loop = b_.loops[lb.loop];
        if (loop.source_loop >= 0 && thread_ != nullptr) {
            const TtlLoop& sl = thread_->loops[loop.source_loop];
            reason = fmt::format(FMT_COMPILE("C++ loop {} is 'for {} in {}' (line {})"), lb.loop, sl.var, sl.iter_text,
                                 sl.line);
            bool plain =
                !sl.var.empty() && sl.var.find(',') == std::string::npos && sl.var.find('[') == std::string::npos;
            if (plain && sl.var != "_") {
                source = NameSource::kSource;
                return identifier(sl.var);
            }
            source = NameSource::kRole;
            // `for _ in range(n_blocks)`: the count names the index (`block`); an expression such as
            // `rows * cols` does not, and is never joined into a name.
            const std::string count = sl.range_args.size() == 1 ? sl.range_args[0] : std::string();
            bool plain_count =
                !count.empty() && std::isalpha(static_cast<unsigned char>(count[0])) && identifier(count) == count;
            return plain_count ? singular(count) : "iteration";
        }
        source = NameSource::kRole;
        reason = fmt::format(FMT_COMPILE("C++ loop {} was {}"), lb.loop, loop.why);
        return "tile";
    }

    /// The source name for a constant that bounds loops, when all of them agree.
    std::string bound_name(const std::vector<ConstantRole>& roles) const {
        std::set<std::string> names;
        for (const ConstantRole& r : roles) {
            if (r.kind != RoleKind::kLoopBound) continue;
            const LoopBinding& l = b_.loops[static_cast<size_t>(r.loop)];
            if (l.source_loop < 0 || thread_ == nullptr) return "";
            const TtlLoop& sl = thread_->loops[l.source_loop];
            if (sl.range_args.size() != 1 || sl.range_args[0].empty() ||
                !std::isalpha(static_cast<unsigned char>(sl.range_args[0][0])) ||
                sl.range_args[0].find_first_of(" .()[]") != std::string::npos) {
                return "";
            }
            names.insert(sl.range_args[0]);
        }
        if (names.empty() || names.size() > 2) return "";
        std::string out;
        for (const std::string& n : names) out += (out.empty() ? "" : "_and_") + n;
        return identifier(out);
    }

    bool literal_bounds(const std::vector<ConstantRole>& roles) const {
        for (const ConstantRole& r : roles) {
            if (r.kind != RoleKind::kLoopBound) continue;
            const LoopBinding& l = b_.loops[static_cast<size_t>(r.loop)];
            if (l.source_loop < 0 || thread_ == nullptr) return false;
            const TtlLoop& sl = thread_->loops[l.source_loop];
            if (sl.range_args.size() != 1 || sl.range_args[0].empty() ||
                !std::isdigit(static_cast<unsigned char>(sl.range_args[0][0]))) {
                return false;
            }
        }
        return true;
    }

    Proposal constant(const LocalBinding& lb) const {
        const Local& l = fn_->locals[lb.local];
        Proposal p;
        std::string abbr = type_abbreviation(l.type);
        static_assert(static_cast<unsigned>(RoleKind::kValue) < 32, "a RoleKind is a bit of `kinds`");
        uint32_t kinds = 0;  // one bit per RoleKind among its roles (a constant can have thousands)
        std::string roles_text;
        for (const ConstantRole& r : lb.roles) {
            kinds |= 1U << static_cast<unsigned>(r.kind);
            if (!roles_text.empty()) roles_text += ", ";
            roles_text += role_kind_name(r.kind);
            if (!r.detail.empty()) {
                roles_text += ' ';
                roles_text += r.detail;
            }
        }
        p.reason = fmt::format(FMT_COMPILE("constant {} with role{} {}"), lb.has_value ? std::to_string(lb.value) : "?",
                               lb.roles.size() == 1 ? "" : "s", roles_text);
        std::string word = lb.has_value ? value_word(lb.value) : "constant";
        auto typed = [&](const std::string& base) { return std::vector<std::string>{base, base + "_" + abbr}; };
        if (std::has_single_bit(kinds)) {
            auto kind = static_cast<RoleKind>(std::countr_zero(kinds));
            if (kind == RoleKind::kDead) {
                p.candidates = typed("unused_" + word);
                return p;
            }
            if (kind == RoleKind::kLoopBound) {
                std::string bound = bound_name(lb.roles);
                if (!bound.empty()) {
                    p.source = NameSource::kSource;
                    p.candidates = typed(bound);
                    return p;
                }
                // The source writes the bound as a literal (`range(3)`): the value is the name.
                p.candidates = typed(literal_bounds(lb.roles) && lb.has_value ? word : "loop_end");
                return p;
            }
            if (kind == RoleKind::kLoopStart)
                p.candidates = typed("start");
            else if (kind == RoleKind::kLoopStep)
                p.candidates = typed("step");
            else if (kind == RoleKind::kCbCount) {
                std::set<std::string> buffers;
                for (const ConstantRole& r : lb.roles) buffers.insert(r.detail);
                p.candidates = buffers.size() == 1 && *buffers.begin() != "?"
                                   ? std::vector<std::string>{"num_tiles", identifier(*buffers.begin()) + "_tiles",
                                                              "num_tiles_" + abbr}
                                   : typed("num_tiles");
            } else if (kind == RoleKind::kRtArgIndex) {
                std::set<std::string> tensors;
                for (const ConstantRole& r : lb.roles) tensors.insert(r.detail);
                p.candidates = tensors.size() == 1 && !tensors.begin()->empty()
                                   ? typed(identifier(*tensors.begin()) + "_arg")
                                   : typed("arg_index");
            } else if (kind == RoleKind::kPageSize)
                p.candidates = typed("page_bytes");
            else if (kind == RoleKind::kDstIndex)
                p.candidates = typed(lb.has_value ? fmt::format(FMT_COMPILE("dst_{}"), lb.value) : "dst_index");
            else if (kind == RoleKind::kTileIndex)
                p.candidates = typed(lb.has_value ? fmt::format(FMT_COMPILE("tile_{}"), lb.value) : "tile_index");
            else if (kind == RoleKind::kTranspose)
                p.candidates = typed("transpose");
            else if (kind == RoleKind::kFillValue)
                p.candidates = typed("fill_value");
            else if (kind == RoleKind::kBlockDim)
                p.candidates = typed("block_dim");
            if (!p.candidates.empty()) return p;
        }
        // Several roles, or one with no role name: the value is true for all of them.
        p.candidates = typed(word);
        return p;
    }

    /// The local an argument names, looking through casts (`static_cast<uint32_t>(x)`).
    int32_t arg_local(ExprId id) const {
        while (k_.expr(id).kind == ExprKind::kCast) id = k_.kid(k_.expr(id), 0);
        const Expr& e = k_.expr(id);
        if (e.kind != ExprKind::kName || e.range.first != e.range.last) return kNone;
        return fn_->local_at(e.name_token);
    }

    /// The tensor a tile index selects pages of, when it indexes exactly one tensor: followed
    /// through casts to `noc_async_read_tile(id, accessor, ...)` or `.page_id = id`.
    std::string indexed_tensor(int32_t index) const {
        auto it = indexed_.find(index);
        return it == indexed_.end() || it->second.size() != 1 ? "" : *it->second.begin();
    }

    /// For every local used as a page index (through casts), the tensors it indexes; computed
    /// once in one pass over the calls of the function.
    void compute_indexed() {
        std::vector<int32_t> origin(b_.locals.size());
        for (size_t i = 0; i < b_.locals.size(); ++i) {
            const LocalBinding& lb = b_.locals[i];
            origin[i] = lb.kind == LocalKind::kCast ? origin[lb.operands[0]] : static_cast<int32_t>(i);
        }
        std::map<int32_t, std::set<std::string>>& tensors_of = indexed_;
        auto record = [&](int32_t index_local, ExprId accessor) {
            int32_t a = arg_local(accessor);
            if (index_local == kNone || a == kNone || b_.locals[a].tensor.empty()) return;
            tensors_of[origin[index_local]].insert(b_.locals[a].tensor);
        };
        for (ExprId id : k_.exprs_of(*fn_)) {
            const Expr& e = k_.expr(id);
            if (e.kind != ExprKind::kCall) continue;
            const Expr& callee = k_.expr(k_.kid(e, 0));
            auto args = k_.kids(e).subspan(1);
            if (callee.kind == ExprKind::kName &&
                (callee.text == "noc_async_read_tile" || callee.text == "noc_async_write_tile") && args.size() == 3) {
                record(arg_local(args[0]), args[1]);
            }
            if (callee.kind == ExprKind::kMember && (callee.text == "async_read" || callee.text == "async_write") &&
                args.size() >= 2) {
                for (ExprId arg : args) {
                    const Expr& list = k_.expr(arg);
                    if (list.kind != ExprKind::kInitList) continue;
                    for (ExprId item : k_.kids(list)) {
                        const Expr& d = k_.expr(item);
                        if (d.kind == ExprKind::kDesignated && d.text == "page_id") {
                            record(arg_local(k_.kid(d, 0)), callee.text == "async_read" ? args[0] : args[1]);
                        }
                    }
                }
            }
        }
    }

    bool pointer_like(int32_t local) const {
        if (local == kNone) return false;
        const LocalBinding& lb = b_.locals[local];
        return (lb.kind == LocalKind::kCbPointer || lb.kind == LocalKind::kCast) && !lb.buffer.empty() && lb.cb >= 0;
    }

    /// A constant with a page-size role (found once per local: a constant can have thousands of
    /// roles, and every product it is a factor of asks).
    bool page_constant(int32_t local) const { return local != kNone && page_constants_[local]; }
    void compute_page_constants() {
        page_constants_.assign(b_.locals.size(), false);
        for (size_t i = 0; i < b_.locals.size(); ++i) {
            const LocalBinding& lb = b_.locals[i];
            page_constants_[i] = lb.kind == LocalKind::kConstant &&
                                 std::any_of(lb.roles.begin(), lb.roles.end(),
                                             [](const ConstantRole& r) { return r.kind == RoleKind::kPageSize; });
        }
    }

    Proposal arith(const LocalBinding& lb) const {
        Proposal p;
        int32_t a = lb.operands.size() > 0 ? lb.operands[0] : kNone;
        int32_t c = lb.operands.size() > 1 ? lb.operands[1] : kNone;
        auto kind = [&](int32_t x) { return x == kNone ? LocalKind::kOther : b_.locals[x].kind; };
        auto nm = [&](int32_t x) { return x == kNone ? std::string() : name_of(x); };
        p.reason = fmt::format(FMT_COMPILE("{} = {}"), fn_->locals[lb.local].name, lb.why);
        if (a == kNone || c == kNone || nm(a).empty() || nm(c).empty()) {
            p.source = NameSource::kGeneric;
            p.candidates = {"tmp"};
            return p;
        }
        const std::string& op = lb.detail;
        if (op == "*") {
            int32_t var = kind(a) == LocalKind::kConstant ? c : a;
            int32_t k = var == a ? c : a;
            if (kind(k) == LocalKind::kConstant && kind(var) != LocalKind::kConstant) {
                p.candidates = {nm(var) + (page_constant(k) ? "_byte_offset" : "_offset")};
                return p;
            }
            p.candidates = {nm(a) + "_times_" + nm(c)};
            return p;
        }
        if (op == "+") {
            bool a_offset = kind(a) == LocalKind::kArith && b_.locals[a].detail == "*";
            bool c_offset = kind(c) == LocalKind::kArith && b_.locals[c].detail == "*";
            if ((a_offset && kind(c) == LocalKind::kLoopVar) || (c_offset && kind(a) == LocalKind::kLoopVar)) {
                p.candidates = {"tile_index"};
                std::string tensor = indexed_tensor(lb.local);
                if (!tensor.empty()) p.candidates.push_back(identifier(tensor) + "_tile_index");
                return p;
            }
            int32_t ptr = pointer_like(a) ? a : pointer_like(c) ? c : kNone;
            if (ptr != kNone) {
                const LocalBinding& pb = b_.locals[ptr];
                std::string dir = "addr";
                for (int32_t x = ptr; x != kNone;) {
                    const LocalBinding& xb = b_.locals[x];
                    if (xb.kind == LocalKind::kCbPointer) {
                        dir = xb.detail + "_addr";
                        break;
                    }
                    x = xb.operands.empty() ? kNone : xb.operands[0];
                }
                p.source = NameSource::kSource;
                p.candidates = {stem(pb.buffer) + "_" + dir, identifier(pb.buffer) + "_" + dir};
                return p;
            }
            p.candidates = {nm(a) + "_plus_" + nm(c)};
            return p;
        }
        static const std::map<std::string, std::string> kWords = {{"-", "_minus_"}, {"/", "_div_"}, {"%", "_mod_"}};
        auto it = kWords.find(op);
        p.candidates = {nm(a) + (it == kWords.end() ? "_op_" : it->second) + nm(c)};
        return p;
    }

    Proposal propose(const LocalBinding& lb) const {
        Proposal p;
        p.source = NameSource::kSource;
        switch (lb.kind) {
            case LocalKind::kConstant: return constant(lb);
            case LocalKind::kLoopVar: {
                std::string reason;
                NameSource source = NameSource::kRole;
                std::string name = loop_var_name(lb, source, reason);
                p.candidates = {name};
                p.source = source;
                p.reason = reason;
                return p;
            }
            case LocalKind::kTensorAddr:
                if (lb.tensor.empty()) break;
                p.candidates = {identifier(lb.tensor) + "_addr"};
                p.reason = lb.why;
                return p;
            case LocalKind::kAccessorArgs:
                if (lb.tensor.empty()) break;
                p.candidates = {identifier(lb.tensor) + "_args"};
                p.reason = lb.why;
                return p;
            case LocalKind::kAccessor:
                if (lb.tensor.empty()) break;
                p.candidates = {identifier(lb.tensor) + "_accessor"};
                p.reason = lb.why;
                return p;
            case LocalKind::kCbPointer:
                p.candidates = {stem(lb.buffer) + "_" + lb.detail + "_ptr",
                                identifier(lb.buffer) + "_" + lb.detail + "_ptr"};
                p.reason = lb.why;
                return p;
            case LocalKind::kCbObject:
                p.candidates = {identifier(lb.buffer), identifier(lb.buffer) + "_cb"};
                p.reason = lb.why;
                return p;
            case LocalKind::kCoreCoord: {
                std::string name = core_name(lb.detail);
                p.source = name.rfind("core_", 0) == 0 ? NameSource::kRole : NameSource::kSource;
                p.candidates = {name};
                p.reason = lb.why;
                return p;
            }
            case LocalKind::kCast: {
                // A chain of casts is named after its origin and the type it ends in.
                int32_t from = lb.operands[0];
                while (b_.locals[from].kind == LocalKind::kCast && is_generated_name(fn_->locals[from].name)) {
                    from = b_.locals[from].operands[0];
                }
                p.candidates = {name_of(from) + "_" + type_abbreviation(lb.detail)};
                p.source = names_source_[from];
                p.reason = lb.why;
                return p;
            }
            case LocalKind::kArith: return arith(lb);
            case LocalKind::kOther: break;
        }
        p.source = NameSource::kGeneric;
        p.candidates = {"tmp"};
        p.reason = lb.why.empty() ? "no role found" : lb.why;
        return p;
    }

    std::string core_name(const std::string& axis) const {
        if (src_ != nullptr) {
            size_t which = axis == "x" ? 0 : 1;
            for (const TtlCoreBinding& c : src_->cores) {
                if (!c.thread.empty() && c.thread != b_.thread) continue;
                if (which < c.names.size() && c.names[which] != "_" && !c.names[which].empty())
                    return identifier(c.names[which]);
            }
        }
        return "core_" + axis;
    }

    void name_local(int32_t i) {
        const Local& l = fn_->locals[i];
        if (!is_generated_name(l.name)) {
            names_source_.push_back(NameSource::kSource);
            return;
        }
        ++plan_.generated;
        const LocalBinding& lb = b_.locals[i];
        Proposal p = propose(lb);
        std::string note;
        std::string name = choose(p.candidates, i, note);
        set_name(i, name);
        names_source_.push_back(p.source);
        switch (p.source) {
            case NameSource::kSource: ++plan_.from_source; break;
            case NameSource::kRole: ++plan_.from_role; break;
            case NameSource::kGeneric: ++plan_.generic; break;
        }
        std::string reason = std::move(p.reason);  // may be long: a constant's reason lists its loops
        if (!note.empty()) reason += "; " + note;
        plan_.renames.push_back(Rename{i, std::string(l.name), std::move(name), p.source, std::move(reason)});
        if (lb.kind == LocalKind::kConstant) split(lb);
    }

    /// The name a constant has in one of its roles.
    std::string role_name(const LocalBinding& lb, const ConstantRole& r) const {
        std::string word = lb.has_value ? value_word(lb.value) : "constant";
        if (r.kind == RoleKind::kLoopBound) {
            std::string bound = bound_name({r});
            if (!bound.empty()) return bound;
            return literal_bounds({r}) && lb.has_value ? word : "loop_end";
        }
        if (r.kind == RoleKind::kLoopStart) return "start";
        if (r.kind == RoleKind::kLoopStep) return "step";
        if (r.kind == RoleKind::kCbCount) return "num_tiles";
        if (r.kind == RoleKind::kRtArgIndex) return r.detail.empty() ? "arg_index" : identifier(r.detail) + "_arg";
        if (r.kind == RoleKind::kPageSize) return "page_bytes";
        if (r.kind == RoleKind::kDstIndex)
            return lb.has_value ? fmt::format(FMT_COMPILE("dst_{}"), lb.value) : "dst_index";
        if (r.kind == RoleKind::kTileIndex)
            return lb.has_value ? fmt::format(FMT_COMPILE("tile_{}"), lb.value) : "tile_index";
        if (r.kind == RoleKind::kTranspose || r.kind == RoleKind::kFillValue || r.kind == RoleKind::kBlockDim) {
            return role_kind_name(r.kind);
        }
        if (r.kind == RoleKind::kMultiplier) return "stride";
        return word;
    }

    /// A constant with several roles becomes one constant per role name (constants rule).
    void split(const LocalBinding& lb) {
        ConstantSplit cs;
        cs.local = lb.local;
        std::vector<std::string> names;  // each role's name, once
        names.reserve(lb.roles.size());
        for (const ConstantRole& role : lb.roles) names.push_back(role_name(lb, role));
        for (const auto& [use, role] : lb.use_roles) {
            const std::string& name = names[role];
            auto it = std::find_if(cs.parts.begin(), cs.parts.end(),
                                   [&](const ConstantSplit::Part& p) { return p.role == name; });
            if (it == cs.parts.end()) {
                cs.parts.push_back(ConstantSplit::Part{name, {}, name});
                it = cs.parts.end() - 1;
            }
            it->uses.push_back(use);
        }
        if (cs.parts.size() < 2) return;
        std::string abbr = type_abbreviation(fn_->locals[lb.local].type);
        for (ConstantSplit::Part& part : cs.parts) {
            std::string note;
            part.name = choose({part.role, part.role + "_" + abbr}, -1, note);
            function_names_.insert(part.name);
        }
        plan_.splits.push_back(std::move(cs));
    }

    const KernelFile& k_;
    const KernelBinding& b_;
    const TtlKernel* src_;
    const TtlThread* thread_ = nullptr;
    const Function* fn_ = nullptr;
    NamingPlan plan_;
    std::vector<std::string> names_;  // current name of each local ("" until named)
    std::vector<NameSource> names_source_;  // parallel, filled in order
    std::unordered_map<std::string, Holders> holders_;  // name -> locals named so
    std::set<std::string> function_names_;  // split constants' names
    std::map<int32_t, std::set<std::string>> indexed_;  // chain origin -> tensors it indexes
    std::vector<bool> page_constants_;  // per local: page_constant
};

}  // namespace

bool is_generated_name(std::string_view name) {
    if (name.size() >= 2 && name[0] == 'v' && all_digits(name.substr(1))) return true;
    if (name.size() >= 2 && name[0] >= 'i' && name[0] <= 't' && all_digits(name.substr(1))) return true;
    if (name.size() >= 2 && name[0] == 'u' && all_digits(name.substr(1))) return true;
    for (std::string_view prefix : {"tensor_accessor_args_", "cb_ctarg_", "cb_arg_"}) {
        if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix &&
            all_digits(name.substr(prefix.size()))) {
            return true;
        }
    }
    return false;
}

NamingPlan plan_names(const KernelFile& file, const KernelBinding& binding, const TtlKernel* kernel) {
    return Namer(file, binding, kernel).run();
}

std::string dump_naming(const NamingPlan& plan) {
    std::string out;
    for (const CbName& cb : plan.cb_names) {
        out += fmt::format(FMT_COMPILE("cb {} -> {}  ({})\n"), cb.index, cb.name, cb.reason);
    }
    for (const Rename& r : plan.renames) {
        out += fmt::format(FMT_COMPILE("{} -> {} [{}]  ({})\n"), r.old_name, r.new_name, name_source_name(r.source),
                           r.reason);
    }
    for (const std::string& k : plan.kept) out += "kept " + k + "\n";
    out += fmt::format(FMT_COMPILE("generated {}: source {}, role {}, generic {}\n"), plan.generated, plan.from_source,
                       plan.from_role, plan.generic);
    return out;
}

}  // namespace ttl
