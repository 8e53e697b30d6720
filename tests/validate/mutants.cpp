#include "validate/mutants.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "read/cpp_lexer.h"

namespace ttl::test {
namespace {

/// Replaces the bytes of token `t` of `k` with `text`.
std::string replace_token(const KernelFile& k, TokenIndex t, const std::string& text) {
    std::string s = k.source->text();
    return s.substr(0, k.tokens[t].begin) + text + s.substr(k.tokens.end_of(t));
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) {
            out.push_back(text.substr(pos));
            break;
        }
        out.push_back(text.substr(pos, nl - pos));
        pos = nl + 1;
    }
    return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
    return out;
}

}  // namespace

std::map<std::string, std::vector<std::string>> mutants(const KernelFile& k) {
    std::map<std::string, std::vector<std::string>> out;
    const Function& fn = k.functions[k.entry_function];
    auto in_fn = [&](TokenIndex t) { return t > fn.range.first && t < fn.range.last; };
    // Literals (not those of dead constants: no use reads them) and operators.
    std::set<TokenIndex> dead_literals;
    for (const Local& l : fn.locals) {
        if (!l.uses.empty() || l.decl_stmt == kNone) continue;
        const Stmt& s = k.stmt(l.decl_stmt);
        for (TokenIndex t = s.range.first; t <= s.range.last; ++t) dead_literals.insert(t);
    }
    for (TokenIndex t = 0; t < k.tokens.size(); ++t) {
        if (!in_fn(t) || dead_literals.count(t) > 0) continue;
        std::string_view s = k.text(t);
        if (k.tokens[t].kind == TokenKind::kNumber) {
            out["change a literal"].push_back(replace_token(k, t, std::string(s) + "1"));
        }
        if (k.tokens[t].kind == TokenKind::kPunct) {
            static const std::map<std::string, std::string> kSwap = {{"*", "+"}, {"+", "-"}, {"<", "<="}, {"+=", "-="}};
            auto it = kSwap.find(std::string(s));
            if (it != kSwap.end()) out["change an operator"].push_back(replace_token(k, t, it->second));
        }
    }
    // Swapped call arguments (two constants of one type and value are the same argument).
    std::map<std::string, std::string> constant_value;  // name -> "type=literal"
    for (const Local& l : fn.locals) {
        if (l.decl_stmt == kNone) continue;
        const Stmt& s = k.stmt(l.decl_stmt);
        auto init = s.declarators.size() == 1 ? k.ids(s.declarators[0].init_exprs) : std::span<const ExprId>();
        if (init.size() == 1 && k.expr(init[0]).kind == ExprKind::kLiteral) {
            std::string type(s.type.text);
            if (type.rfind("constexpr ", 0) == 0) type = type.substr(10);
            constant_value[std::string(l.name)] = type + "=" + std::string(k.expr(init[0]).text);
        }
    }
    auto same_value = [&](std::string_view a, std::string_view b) {
        auto x = constant_value.find(std::string(a));
        auto y = constant_value.find(std::string(b));
        return x != constant_value.end() && y != constant_value.end() && x->second == y->second;
    };
    for (const Expr& e : k.exprs) {
        if (e.kind != ExprKind::kCall || e.kids.count < 3 || e.range.first < fn.range.first) continue;
        auto kids = k.kids(e);
        for (size_t i = 1; i + 1 < kids.size(); ++i) {
            const Expr& a = k.expr(kids[i]);
            const Expr& b = k.expr(kids[i + 1]);
            if (k.text(a.range) == k.text(b.range) || same_value(k.text(a.range), k.text(b.range))) continue;
            std::string s = k.source->text();
            uint32_t ab = k.tokens[a.range.first].begin, ae = k.tokens.end_of(a.range.last);
            uint32_t bb = k.tokens[b.range.first].begin, be = k.tokens.end_of(b.range.last);
            out["swap two arguments"].push_back(s.substr(0, ab) + s.substr(bb, be - bb) + s.substr(ae, bb - ae) +
                                                s.substr(ab, ae - ab) + s.substr(be));
        }
    }
    // Reordered adjacent statements and deleted synchronization.
    std::vector<std::string> lines = lines_of(k.source->text());
    for (size_t i = 0; i + 1 < lines.size(); ++i) {
        // Two of our constexpr CB names in another order are the same program (each is a
        // constant read of a compile-time argument): not a semantic mutant, so not generated.
        // Nor are two constant declarations (a literal initializer) in another order.
        auto constant_decl = [](const std::string& l) {
            size_t eq = l.find(" = ");
            if (eq == std::string::npos) return false;
            std::string rhs = l.substr(eq + 3);
            return !rhs.empty() && std::isdigit(static_cast<unsigned char>(rhs[0])) && rhs.find('(') == std::string::npos;
        };
        auto statement = [&](const std::string& l) {
            size_t first = l.find_first_not_of(' ');
            if (first != std::string::npos && l.compare(first, 2, "//") == 0) return false;  // a comment line
            return l.find(';') != std::string::npos && l.find("constexpr uint32_t") == std::string::npos && !constant_decl(l) && l.find("for (") == std::string::npos && l.find('{') == std::string::npos &&
                   l.find("return") == std::string::npos;
        };
        if (statement(lines[i]) && statement(lines[i + 1]) && lines[i] != lines[i + 1]) {
            std::vector<std::string> swapped = lines;
            std::swap(swapped[i], swapped[i + 1]);
            out["reorder two statements"].push_back(join_lines(swapped));
        }
        for (const char* sync : {"barrier", "push_back", "pop_front", "wait_front", "reserve_back", "tile_regs_"}) {
            if (lines[i].find(sync) != std::string::npos && lines[i].find("//") == std::string::npos) {
                std::vector<std::string> dropped = lines;
                dropped.erase(dropped.begin() + static_cast<std::ptrdiff_t>(i));
                out["delete a barrier, push or pop"].push_back(join_lines(dropped));
                break;
            }
        }
    }
    // Renames: one occurrence only; onto another local in scope; onto an API name.
    for (size_t i = 0; i < fn.locals.size(); ++i) {
        const Local& l = fn.locals[i];
        if (l.uses.empty()) continue;
        out["rename one occurrence only"].push_back(replace_token(k, l.uses.back(), std::string(l.name) + "_x"));
        auto rename_all = [&](const std::string& to) {
            std::string s = k.source->text();
            std::vector<TokenIndex> toks(l.uses.begin(), l.uses.end());
            toks.push_back(l.decl_token);
            std::sort(toks.rbegin(), toks.rend());
            for (TokenIndex t : toks) s = s.substr(0, k.tokens[t].begin) + to + s.substr(k.tokens.end_of(t));
            return s;
        };
        for (size_t j = 0; j < fn.locals.size(); ++j) {
            if (j != i && fn.locals[j].depth == 0 && l.depth == 0) {
                out["rename to a name that captures another"].push_back(rename_all(std::string(fn.locals[j].name)));
                break;
            }
        }
        out["rename to an API name"].push_back(rename_all(i % 2 ? "noc_async_read" : "get_write_ptr"));
    }
    // Declarations that move code between statement slots: `for (...) const int32_t x = 0; {...}`
    // makes the declaration the loop body and runs the block once after the loop.
    {
        std::vector<std::string> all = lines_of(k.source->text());
        for (size_t i = 0; i < all.size(); ++i) {
            const std::string& l = all[i];
            bool control = l.find("for (") != std::string::npos || l.find("if (") != std::string::npos;
            size_t open = l.rfind(") {");
            if (!control || open == std::string::npos) continue;
            std::vector<std::string> changed = all;
            changed[i] = l.substr(0, open) + ") const int32_t slot_filler = 0; {" + l.substr(open + 3);
            out["a declaration as a loop or if body"].push_back(join_lines(changed));
        }
    }
    // Casts on what is written: `static_cast<T>(i) += step` writes a temporary (or does not compile).
    for (TokenIndex t = 0; t + 1 < k.tokens.size(); ++t) {
        if (k.tokens[t].kind != TokenKind::kIdentifier) continue;
        TokenIndex next = t + 1;
        while (next < k.tokens.size() && !k.tokens[next].significant()) ++next;
        if (next >= k.tokens.size() || k.text(next) != "+=") continue;
        int32_t l = fn.local_at(t);
        if (l == kNone) continue;
        std::string type(fn.locals[static_cast<size_t>(l)].type);
        out["a cast on the left of an assignment"].push_back(
            replace_token(k, t, "static_cast<" + type + ">(" + std::string(k.text(t)) + ")"));
    }
    // Renames onto names the build, the profiler's macros or the C library give a meaning.
    {
        static const char* kCaptured[] = {"hash", "zone", "__LINE__", "NOC_INDEX", "memcpy", "_Tmp"};
        size_t n = 0;
        for (const Local& l : fn.locals) {
            if (l.uses.empty() || l.is_param) continue;
            std::string s = k.source->text();
            std::vector<TokenIndex> toks(l.uses.begin(), l.uses.end());
            toks.push_back(l.decl_token);
            std::sort(toks.rbegin(), toks.rend());
            std::string to = kCaptured[n++ % std::size(kCaptured)];
            for (TokenIndex tok : toks) s = s.substr(0, k.tokens[tok].begin) + to + s.substr(k.tokens.end_of(tok));
            out["rename to a predefined, build or library name"].push_back(s);
        }
    }
    // Types, casts and constants.
    std::set<TokenIndex> call_argument;  // name tokens that are a whole argument of a call
    for (const Expr& e : k.exprs) {
        if (e.kind != ExprKind::kCall) continue;
        for (ExprId a : k.kids(e).subspan(1)) {
            if (k.expr(a).kind == ExprKind::kName && k.expr(a).range.first == k.expr(a).range.last) {
                call_argument.insert(k.expr(a).range.first);
            }
        }
    }
    for (const Local& l : fn.locals) {
        if (l.decl_stmt == kNone) continue;
        const Stmt& s = k.stmt(l.decl_stmt);
        if ((s.type.text == "size_t" || s.type.text == "int32_t") && !l.uses.empty()) {
            out["change a type so a value changes"].push_back(replace_token(k, s.type.range.first, "uint8_t"));
        }
        for (const Declarator& d : s.declarators) {
            auto init = k.ids(d.init_exprs);
            if (d.name_token != l.decl_token || init.size() != 1) continue;
            const Expr& e = k.expr(init[0]);
            if (e.kind == ExprKind::kName && (s.type.text == "int32_t" || s.type.text == "size_t")) {
                std::string t = k.source->text();
                uint32_t b = k.tokens[e.range.first].begin;
                out["change a cast chain through a narrower type"].push_back(t.substr(0, b) + "(int16_t)(uint8_t) " + t.substr(b));
            }
            if (e.kind == ExprKind::kLiteral && !l.uses.empty() && s.type.text != "int32_t") {
                // Inline the constant as a literal of another type where it is passed on as it
                // is: `f(0)` (an int) for `f(zero)` (a size_t) may call another overload.
                for (TokenIndex use : l.uses) {
                    if (call_argument.count(use) > 0) {
                        out["pass a constant of another type"].push_back(replace_token(k, use, std::string(e.text)));
                        break;
                    }
                }
            }
        }
    }
    return out;
}

/// Harmless edits: comments, whitespace, a consistent rename to fresh names.
std::vector<std::string> harmless(const KernelFile& k) {
    std::vector<std::string> out;
    std::string text = k.source->text();
    out.push_back("// a new first line\n" + text);
    std::string spaced;
    for (char c : text) spaced += c == '\n' ? std::string("  \n") : std::string(1, c);
    out.push_back(spaced);
    std::string commented;
    for (const std::string& l : lines_of(text)) commented += l + (l.find(';') != std::string::npos ? "  // note\n" : "\n");
    out.push_back(commented);
    const Function& fn = k.functions[k.entry_function];
    std::string renamed = text;
    std::vector<std::pair<TokenIndex, std::string>> edits;
    for (size_t i = 0; i < fn.locals.size(); ++i) {
        const Local& l = fn.locals[i];
        std::string to = "fresh_" + std::to_string(i);
        edits.emplace_back(l.decl_token, to);
        for (TokenIndex t : l.uses) edits.emplace_back(t, to);
    }
    std::sort(edits.rbegin(), edits.rend());
    for (const auto& [t, to] : edits) renamed = renamed.substr(0, k.tokens[t].begin) + to + renamed.substr(k.tokens.end_of(t));
    out.push_back(renamed);
    // The hand procedure's edits: a CB name as `const int32_t`; token spacing inside a #define
    // body; literal constants declared in another order.
    std::vector<std::string> lines = lines_of(text);
    std::vector<std::string> procedure = lines;
    bool changed = false;
    for (std::string& l : procedure) {
        size_t at = l.find("constexpr uint32_t ");
        if (at != std::string::npos && l.find("= get_compile_time_arg_val(") != std::string::npos) {
            l.replace(at, 19, "const int32_t ");
            changed = true;
        }
        if (l.rfind("#define ", 0) == 0) {
            size_t name_end = l.find_first_of(" (", 8);
            if (name_end != std::string::npos && l[name_end] == ' ') {
                std::string body = l.substr(name_end);
                for (size_t p = body.find("()"); p != std::string::npos; p = body.find("()", p + 4)) body.replace(p, 2, " ( )");
                l = l.substr(0, name_end) + body;
                changed = true;
            }
        }
    }
    for (size_t i = 0; i + 1 < procedure.size(); ++i) {
        auto literal_constant = [](const std::string& l) {
            return l.find("constexpr size_t ") != std::string::npos && l.find(" = ") != std::string::npos &&
                   l.find('(') == std::string::npos;
        };
        if (literal_constant(procedure[i]) && literal_constant(procedure[i + 1])) {
            std::swap(procedure[i], procedure[i + 1]);
            changed = true;
            ++i;
        }
    }
    if (changed) out.push_back(join_lines(procedure));
    // Literal constants inlined where they meet a variable of integer type under an operator
    // (`row < 4` for `row < rows`): the operation converts both alike.
    std::set<TokenIndex> beside_variable;
    for (const Expr& e : k.exprs) {
        if (e.kind != ExprKind::kBinary || e.kids.count != 2) continue;
        static const std::set<std::string_view> kOps = {"<", "<=", ">", ">=", "==", "!=", "+", "-", "*", "+="};
        if (kOps.count(e.text) == 0) continue;
        const Expr& a = k.expr(k.kid(e, 0));
        const Expr& b = k.expr(k.kid(e, 1));
        auto integer_local = [&](const Expr& x) {
            if (x.kind != ExprKind::kName || x.range.first != x.range.last) return false;
            int32_t l = fn.local_at(x.range.first);
            if (l == kNone) return false;
            std::string_view type = fn.locals[static_cast<size_t>(l)].type;
            return type == "size_t" || type == "int32_t" || type == "uint32_t";
        };
        if (integer_local(a) && b.kind == ExprKind::kName) beside_variable.insert(b.range.first);
    }
    std::vector<std::pair<TokenIndex, std::string>> inlines;
    for (const Local& l : fn.locals) {
        const Declarator* d = l.decl_stmt == kNone ? nullptr : k.declarator_of(l);
        if (d == nullptr || d->init_exprs.count != 1 || l.written_after_init()) continue;
        const Expr& init = k.expr(k.initializer_of(l));
        std::string_view type = k.stmt(l.decl_stmt).type.text;
        if (init.kind != ExprKind::kLiteral || (type != "size_t" && type != "constexpr size_t")) continue;
        for (TokenIndex use : l.uses) {
            if (beside_variable.count(use) > 0) inlines.emplace_back(use, std::string(init.text));
        }
    }
    if (!inlines.empty()) {
        std::sort(inlines.rbegin(), inlines.rend());
        std::string inlined = text;
        for (const auto& [t, lit] : inlines) inlined = inlined.substr(0, k.tokens[t].begin) + lit + inlined.substr(k.tokens.end_of(t));
        out.push_back(inlined);
    }
    return out;
}

/// Harmless edits of the compiler's own kernel: the cast to a declared type dropped
/// (`int32_t v11 = (int32_t) v10;` -> `int32_t v11 = v10;`).
std::vector<std::string> harmless_on_compiler_output(const std::string& text) {
    std::vector<std::string> lines = lines_of(text);
    bool changed = false;
    for (std::string& l : lines) {
        for (const char* type : {"int32_t", "uint32_t", "size_t"}) {
            std::string decl = std::string(type) + " v";
            std::string cast = std::string("= (") + type + ") ";
            size_t at = l.find(cast);
            if (at != std::string::npos && l.find(decl) != std::string::npos && l.find(decl) < at) {
                l.erase(at + 2, cast.size() - 2);
                changed = true;
            }
        }
    }
    return changed ? std::vector<std::string>{join_lines(lines)} : std::vector<std::string>{};
}

bool harmful_only_sometimes(const std::string& kind) {
    return kind == "change a type so a value changes" || kind == "change a cast chain through a narrower type" ||
           kind == "pass a constant of another type" || kind == "rename to a predefined, build or library name";
}

}  // namespace ttl::test
