// The dump format, documented by example in tests/fixtures/kernels/*/*.dump:
//   item lines     `include 2:1 <cstdint>`, `function 6:1 kernel_main`
//   statements     `decl 7:3 int32_t v1 = 2048`, `for 12:3 (init; cond; step)`, indented bodies
//   expressions    names as written, `call(f, args)`, `member(obj, name)`, `c-cast<T>(x)`,
//                  `(a * b)` for every binary operator, `{.page_id = x}` for init lists
//   locals         `v1 int32_t decl 7:11 uses 13:40 writes - opaque -`
#include "read/kernel_dump.h"

#include <fmt/format.h>

#include "read/kernel_reader.h"

namespace ttl {

namespace {

const char* cast_style_name(CastStyle style) {
    switch (style) {
        case CastStyle::kC: return "c-cast";
        case CastStyle::kStatic: return "static_cast";
        case CastStyle::kReinterpret: return "reinterpret_cast";
        case CastStyle::kConst: return "const_cast";
        case CastStyle::kFunctional: return "functional-cast";
        case CastStyle::kNotCast: break;
    }
    return "cast";
}

class Dumper {
public:
    explicit Dumper(const KernelFile& kernel) : k_(kernel) {}

    std::string run() {
        out_ += fmt::format("file {}\n", k_.source->name());
        out_ += fmt::format("header {}\n", k_.header_name.empty() ? "-" : k_.header_name);
        const char* entry = k_.entry_style == EntryStyle::kKernelMain      ? "kernel_main"
                            : k_.entry_style == EntryStyle::kNamespaceMain ? "namespace-main"
                                                                           : "none";
        out_ += fmt::format("entry {}\n", entry);
        for (const TopItem& item : k_.items) top(item, 0);
        for (const Function& fn : k_.functions) locals(fn);
        return std::move(out_);
    }

    std::string expr(ExprId id) const {
        const Expr& e = k_.expr(id);
        switch (e.kind) {
            case ExprKind::kName: return std::string(e.text) + targs(e);
            case ExprKind::kLiteral: return std::string(e.text);
            case ExprKind::kCall: {
                std::string s = "call(" + expr(k_.kid(e, 0));
                for (size_t i = 1; i < e.kids.count; ++i) s += ", " + expr(k_.kid(e, i));
                return s + ")";
            }
            case ExprKind::kMember:
                return fmt::format("member({}, {}{}{})", expr(k_.kid(e, 0)), e.arrow ? "->" : "", e.text, targs(e));
            case ExprKind::kSubscript: return fmt::format("{}[{}]", expr(k_.kid(e, 0)), expr(k_.kid(e, 1)));
            case ExprKind::kCast:
                return fmt::format("{}<{}>({})", cast_style_name(e.cast_style), e.text, expr(k_.kid(e, 0)));
            case ExprKind::kUnary: return fmt::format("({}{})", e.text, expr(k_.kid(e, 0)));
            case ExprKind::kPostfix: return fmt::format("({}{})", expr(k_.kid(e, 0)), e.text);
            case ExprKind::kBinary: return fmt::format("({} {} {})", expr(k_.kid(e, 0)), e.text, expr(k_.kid(e, 1)));
            case ExprKind::kConditional:
                return fmt::format("({} ? {} : {})", expr(k_.kid(e, 0)), expr(k_.kid(e, 1)), expr(k_.kid(e, 2)));
            case ExprKind::kParen: return fmt::format("paren({})", expr(k_.kid(e, 0)));
            case ExprKind::kInitList: {
                std::string s = "{";
                for (size_t i = 0; i < e.kids.count; ++i) s += (i ? ", " : "") + expr(k_.kid(e, i));
                return s + "}";
            }
            case ExprKind::kDesignated: return fmt::format(".{} = {}", e.text, expr(k_.kid(e, 0)));
            case ExprKind::kType: return "type:" + std::string(e.text);
        }
        return "?";
    }

private:
    std::string targs(const Expr& e) const {
        if (!e.has_template_args) return {};
        std::string s = "<";
        auto args = k_.template_args(e);
        for (size_t i = 0; i < args.size(); ++i) {
            s += (i ? ", " : "") + expr(args[i]);
        }
        return s + ">";
    }

    std::string loc(TokenIndex t) const {
        Location at = k_.location(t);
        return fmt::format("{}:{}", at.line, at.column);
    }
    static std::string indent(int depth) { return std::string(static_cast<size_t>(depth) * 2, ' '); }

    void top(const TopItem& item, int depth) {
        std::string at = loc(item.range.first);
        switch (item.kind) {
            case TopKind::kComment:
                out_ += fmt::format("{}comment {} {}\n", indent(depth), at, first_line(item.value));
                break;
            case TopKind::kInclude:
                out_ += fmt::format("{}include {} {}{}{}\n", indent(depth), at, item.angled ? "<" : "\"", item.name,
                                    item.angled ? ">" : "\"");
                break;
            case TopKind::kDefine:
                out_ += fmt::format("{}define {} {} = {}\n", indent(depth), at, item.name,
                                    item.value.empty() ? "-" : item.value);
                break;
            case TopKind::kDirective:
                out_ += fmt::format("{}directive {} #{} {}\n", indent(depth), at, item.name, item.value);
                break;
            case TopKind::kConditional:
                out_ += fmt::format("{}conditional {} #{}\n", indent(depth), at, item.name);
                for (const TopItem& kid : item.kids) top(kid, depth + 1);
                break;
            case TopKind::kNamespace:
                out_ += fmt::format("{}namespace {} {}\n", indent(depth), at, item.name);
                for (const TopItem& kid : item.kids) top(kid, depth + 1);
                break;
            case TopKind::kFunction: function(k_.functions[item.function], depth); break;
            case TopKind::kOther:
                out_ += fmt::format("{}other {} {}\n", indent(depth), at, first_line(std::string(k_.text(item.range))));
                break;
        }
    }

    static std::string first_line(std::string text) {
        size_t nl = text.find('\n');
        if (nl != std::string::npos) text = text.substr(0, nl) + " ...";
        return text;
    }

    void function(const Function& fn, int depth) {
        std::string params;
        if (fn.params_opaque) {
            params = "(opaque)";
        } else if (fn.has_param_list) {
            params = "(";
            for (size_t i = 0; i < fn.params.size(); ++i) {
                params += (i ? ", " : "") + std::string(fn.params[i].type.text);
                if (!fn.params[i].name.empty()) params += " " + std::string(fn.params[i].name);
            }
            params += ")";
        }
        out_ += fmt::format("{}function {} {} {}{}\n", indent(depth), loc(fn.range.first), fn.return_type.text, fn.name,
                            params);
        for (StmtId kid : k_.stmt(fn.body).kids) stmt(kid, depth + 1);
    }

    std::string decl_text(const Stmt& s) const {
        std::string text(s.type.text);
        for (size_t i = 0; i < s.declarators.size(); ++i) {
            const Declarator& d = s.declarators[i];
            text += (i ? ", " : " ") + std::string(d.name);
            std::string args;
            auto init = k_.ids(d.init_exprs);
            for (size_t j = 0; j < init.size(); ++j) args += (j ? ", " : "") + expr(init[j]);
            switch (d.init) {
                case Declarator::Init::kNoInit: break;
                case Declarator::Init::kAssign: text += " = " + args; break;
                case Declarator::Init::kParen: text += "(" + args + ")"; break;
                case Declarator::Init::kBrace: text += "{" + args + "}"; break;
            }
        }
        return text;
    }

    std::string inline_stmt(StmtId id) const {
        const Stmt& s = k_.stmt(id);
        switch (s.kind) {
            case StmtKind::kDecl: return "decl " + decl_text(s);
            case StmtKind::kExpr: return expr(s.expr);
            case StmtKind::kEmpty: return "";
            default: return "?";
        }
    }

    void stmt(StmtId id, int depth) {
        const Stmt& s = k_.stmt(id);
        std::string at = loc(s.range.first);
        std::string pad = indent(depth);
        switch (s.kind) {
            case StmtKind::kDecl: out_ += fmt::format("{}decl {} {}\n", pad, at, decl_text(s)); break;
            case StmtKind::kExpr: out_ += fmt::format("{}expr {} {}\n", pad, at, expr(s.expr)); break;
            case StmtKind::kReturn:
                out_ += fmt::format("{}return {}{}\n", pad, at, s.expr == kNone ? "" : " " + expr(s.expr));
                break;
            case StmtKind::kBreak: out_ += fmt::format("{}break {}\n", pad, at); break;
            case StmtKind::kContinue: out_ += fmt::format("{}continue {}\n", pad, at); break;
            case StmtKind::kEmpty: out_ += fmt::format("{}empty {}\n", pad, at); break;
            case StmtKind::kOpaque:
                out_ +=
                    fmt::format("{}opaque {} [{}] {}\n", pad, at, s.reason, first_line(std::string(k_.text(s.range))));
                break;
            case StmtKind::kBlock:
                out_ += fmt::format("{}block {}\n", pad, at);
                for (StmtId kid : s.kids) stmt(kid, depth + 1);
                break;
            case StmtKind::kFor:
                out_ += fmt::format("{}for {} ({}; {}; {})\n", pad, at, inline_stmt(s.init),
                                    s.expr == kNone ? "" : expr(s.expr), s.step == kNone ? "" : expr(s.step));
                body(s.kids[0], depth);
                break;
            case StmtKind::kWhile:
                out_ += fmt::format("{}while {} {}\n", pad, at, expr(s.expr));
                body(s.kids[0], depth);
                break;
            case StmtKind::kIf:
                out_ += fmt::format("{}if {} {}\n", pad, at, expr(s.expr));
                body(s.kids[0], depth);
                if (s.kids.size() > 1) {
                    out_ += fmt::format("{}else\n", pad);
                    body(s.kids[1], depth);
                }
                break;
        }
    }

    /// A loop or branch body: a block's statements directly, another statement indented.
    void body(StmtId id, int depth) {
        const Stmt& s = k_.stmt(id);
        if (s.kind == StmtKind::kBlock) {
            for (StmtId kid : s.kids) stmt(kid, depth + 1);
        } else {
            stmt(id, depth + 1);
        }
    }

    std::string token_list(std::span<const TokenIndex> tokens) const {
        if (tokens.empty()) return "-";
        std::string s;
        for (size_t i = 0; i < tokens.size(); ++i) s += (i ? " " : "") + loc(tokens[i]);
        return s;
    }

    void locals(const Function& fn) {
        out_ += fmt::format("locals {}\n", fn.name);
        for (const Local& l : fn.locals) {
            out_ += fmt::format("  {} {} {} {} uses {} writes {}{}{}\n", l.name, l.type.empty() ? "-" : l.type,
                                l.is_param ? "param" : "decl", loc(l.decl_token), token_list(l.uses),
                                token_list(l.writes), l.address_taken ? " address-taken" : "",
                                l.opaque_uses.empty() ? "" : " opaque " + token_list(l.opaque_uses));
        }
    }

    const KernelFile& k_;
    std::string out_;
};

}  // namespace

std::string dump_kernel(const KernelFile& kernel) {
    return Dumper(kernel).run();
}

std::string dump_expr(const KernelFile& kernel, ExprId id) {
    return Dumper(kernel).expr(id);
}

}  // namespace ttl
