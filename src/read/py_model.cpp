// PyModule helpers (folded source text, dotted names, comment lookup) and the test dump.
#include <fmt/format.h>

#include "read/py_model.h"

namespace ttl {

std::string PyModule::expr_text_range(uint32_t first, uint32_t last) const {
    std::string out;
    std::string_view all(source->text());
    const PyToken* prev = nullptr;
    for (uint32_t i = first; i <= last && i < tokens.size(); ++i) {
        const PyToken& t = tokens[i];
        if (t.kind == PyTokenKind::kComment || t.begin == t.end) continue;
        if (prev != nullptr) {
            std::string_view gap = all.substr(prev->end, t.begin - prev->end);
            if (gap.find('\n') == std::string_view::npos) {
                out += gap;
            } else {
                // A line break inside brackets: one space, none after an opening bracket or
                // before a closing one.
                char p = all[prev->end - 1];
                char c = all[t.begin];
                bool tight = p == '(' || p == '[' || p == '{' || c == ')' || c == ']' || c == '}';
                if (!tight) out += ' ';
            }
        }
        out += all.substr(t.begin, t.end - t.begin);
        prev = &t;
    }
    return out;
}

std::string PyModule::expr_text(PyId id) const {
    const PyExpr& e = expr(id);
    return expr_text_range(e.first_token, e.last_token);
}

std::string PyModule::dotted_name(PyId id) const {
    const PyExpr& e = expr(id);
    if (e.kind == PyExprKind::kName) return e.text;
    if (e.kind == PyExprKind::kAttribute) {
        std::string base = dotted_name(e.kids[0]);
        return base.empty() ? std::string() : base + "." + e.text;
    }
    return {};
}

std::vector<PyComment> PyModule::comments_between(uint32_t first_line, uint32_t last_line) const {
    std::vector<PyComment> out;
    for (const PyComment& c : comments) {
        if (c.line >= first_line && c.line <= last_line) out.push_back(c);
    }
    return out;
}

namespace {

const char* kind_name(PyStmtKind kind) {
    switch (kind) {
        case PyStmtKind::kFunctionDef: return "def";
        case PyStmtKind::kClassDef: return "class";
        case PyStmtKind::kIf: return "if";
        case PyStmtKind::kFor: return "for";
        case PyStmtKind::kWhile: return "while";
        case PyStmtKind::kWith: return "with";
        case PyStmtKind::kTry: return "try";
        case PyStmtKind::kReturn: return "return";
        case PyStmtKind::kAssign: return "assign";
        case PyStmtKind::kAugAssign: return "augassign";
        case PyStmtKind::kExpr: return "expr";
        case PyStmtKind::kImport: return "import";
        case PyStmtKind::kImportFrom: return "from";
        case PyStmtKind::kPass: return "pass";
        case PyStmtKind::kOther: return "other";
    }
    return "?";
}

class PyDumper {
public:
    explicit PyDumper(const PyModule& m) : m_(m) {}

    std::string expr(PyId id) const {
        if (id == kNoPy) return "-";
        const PyExpr& e = m_.expr(id);
        switch (e.kind) {
            case PyExprKind::kName:
            case PyExprKind::kNumber: return e.text;
            case PyExprKind::kString: return "str(" + e.value + ")";
            case PyExprKind::kAttribute: return expr(e.kids[0]) + "." + e.text;
            case PyExprKind::kCall: {
                std::string s = "call(" + expr(e.kids[0]);
                for (size_t i = 1; i < e.kids.size(); ++i) s += ", " + expr(e.kids[i]);
                for (const PyKeyword& k : e.keywords)
                    s += ", " + (k.name.empty() ? "**" : k.name + "=") + expr(k.value);
                return s + ")";
            }
            case PyExprKind::kSubscript: return expr(e.kids[0]) + "[" + expr(e.kids[1]) + "]";
            case PyExprKind::kTuple: return "tuple(" + list(e.kids) + ")";
            case PyExprKind::kList: return "list(" + list(e.kids) + ")";
            case PyExprKind::kDict: return "dict(" + list(e.kids) + ")";
            case PyExprKind::kSlice: return "slice(" + list(e.kids) + ")";
            case PyExprKind::kBinary: return "(" + expr(e.kids[0]) + " " + e.text + " " + expr(e.kids[1]) + ")";
            case PyExprKind::kUnary: return "(" + e.text + (e.text == "not" ? " " : "") + expr(e.kids[0]) + ")";
            case PyExprKind::kOpaque: return "opaque[" + e.text + "]";
        }
        return "?";
    }

    std::string run() {
        for (PyId id : m_.body) stmt(id, 0);
        for (const PyComment& c : m_.comments) out_ += fmt::format("comment {}:{} {}\n", c.line, c.column, c.text);
        return std::move(out_);
    }

private:
    std::string list(const std::vector<PyId>& ids) const {
        std::string s;
        for (size_t i = 0; i < ids.size(); ++i) s += (i ? ", " : "") + expr(ids[i]);
        return s;
    }

    void stmt(PyId id, int depth) {
        const PyStmt& s = m_.stmt(id);
        std::string pad(static_cast<size_t>(depth) * 2, ' ');
        std::string detail;
        switch (s.kind) {
            case PyStmtKind::kFunctionDef:
            case PyStmtKind::kClassDef: {
                detail = s.name + "(";
                for (size_t i = 0; i < s.params.size(); ++i) {
                    const PyParam& p = s.params[i];
                    detail += (i ? ", " : "") + p.prefix + p.name;
                    if (!p.annotation.empty()) detail += ": " + p.annotation;
                    if (!p.default_text.empty()) detail += " = " + p.default_text;
                }
                detail += ")";
                for (PyId d : s.decorators) detail += " @" + expr(d);
                if (!s.docstring.empty()) detail += " doc=" + fmt::format("{:?}", s.docstring.substr(0, 40));
                break;
            }
            case PyStmtKind::kFor: detail = expr(s.targets[0]) + " in " + expr(s.expr); break;
            case PyStmtKind::kWith:
                for (const PyWithItem& item : s.items) {
                    detail += (detail.empty() ? "" : ", ") + expr(item.context);
                    if (item.target != kNoPy) detail += " as " + expr(item.target);
                }
                break;
            case PyStmtKind::kAssign:
                for (PyId t : s.targets) detail += expr(t) + " = ";
                detail += expr(s.expr);
                break;
            case PyStmtKind::kAugAssign: detail = expr(s.targets[0]) + " " + s.name + " " + expr(s.expr); break;
            case PyStmtKind::kImport:
            case PyStmtKind::kImportFrom:
                detail = s.module.empty() ? "" : s.module + ":";
                for (const PyAlias& a : s.names) detail += " " + a.name + (a.alias.empty() ? "" : " as " + a.alias);
                break;
            case PyStmtKind::kOther: detail = s.text; break;
            default: detail = s.expr == kNoPy ? "" : expr(s.expr); break;
        }
        out_ += fmt::format("{}{} {}-{} {}\n", pad, kind_name(s.kind), s.line, s.end_line, detail);
        for (PyId b : s.body) stmt(b, depth + 1);
        if (!s.orelse.empty()) {
            out_ += pad + "else\n";
            for (PyId b : s.orelse) stmt(b, depth + 1);
        }
    }

    const PyModule& m_;
    std::string out_;
};

}  // namespace

std::string dump_python(const PyModule& module) {
    return PyDumper(module).run();
}

}  // namespace ttl
