// The tolerant Python parser: statements by recursive descent over logical lines, expressions
// by precedence climbing. Within brackets an element it cannot parse (a comprehension, a
// lambda, a conditional expression) becomes an opaque expression spanning to the next comma
// or closing bracket, so one odd argument never hides the others. A statement it cannot parse
// is kept as text. Recursion is bounded: deeper nesting than kMaxDepth is an error.
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "read/py_lexer.h"
#include "read/py_model.h"

namespace ttl {

namespace {

constexpr int kMaxDepth = 150;
constexpr uint32_t kMaxExprDepth = 1000;

/// The value of one string literal token: prefix and quotes removed, escapes kept.
std::string string_value(std::string_view literal) {
    size_t i = 0;
    while (i < literal.size() && literal[i] != '"' && literal[i] != '\'') ++i;
    std::string_view body = literal.substr(i);
    size_t q = body.size() >= 6 && (body.substr(0, 3) == "\"\"\"" || body.substr(0, 3) == "'''") ? 3 : 1;
    if (body.size() < 2 * q) return {};
    return std::string(body.substr(q, body.size() - 2 * q));
}

class PyParser {
public:
    PyParser(PyModule& module, Diagnostics& diagnostics) : m_(module), src_(*module.source), diags_(diagnostics) {}

    bool run() {
        for (uint32_t i = 0; i < m_.tokens.size(); ++i) {
            const PyToken& t = m_.tokens[i];
            if (t.kind == PyTokenKind::kComment) {
                std::string_view c = py_token_text(src_, t).substr(1);
                while (!c.empty() && (c.front() == ' ' || c.front() == '\t')) c.remove_prefix(1);
                while (!c.empty() && (c.back() == ' ' || c.back() == '\t' || c.back() == '\r')) c.remove_suffix(1);
                m_.comments.push_back(PyComment{t.line, t.column, std::string(c)});
            } else {
                toks_.push_back(i);
            }
        }
        match_.assign(toks_.size(), -1);
        std::vector<int32_t> stack;
        for (int32_t i = 0; i < static_cast<int32_t>(toks_.size()); ++i) {
            if (is_op(i, "(") || is_op(i, "[") || is_op(i, "{")) stack.push_back(i);
            if ((is_op(i, ")") || is_op(i, "]") || is_op(i, "}")) && !stack.empty()) {
                match_[stack.back()] = i;
                match_[i] = stack.back();
                stack.pop_back();
            }
        }
        m_.body = statements(/*top=*/true);
        return !failed_;
    }

private:
    // ---- tokens ----
    int32_t end() const { return static_cast<int32_t>(toks_.size()); }
    const PyToken& tok(int32_t i) const { return m_.tokens[toks_[std::min(i, end() - 1)]]; }
    PyTokenKind kind(int32_t i) const { return i < end() ? tok(i).kind : PyTokenKind::kEnd; }
    std::string_view text(int32_t i) const { return i < end() ? py_token_text(src_, tok(i)) : ""; }
    bool is_op(int32_t i, std::string_view op) const { return kind(i) == PyTokenKind::kOp && text(i) == op; }
    bool is_name(int32_t i, std::string_view name) const { return kind(i) == PyTokenKind::kName && text(i) == name; }
    bool at_line_end(int32_t i) const {
        PyTokenKind k = kind(i);
        return k == PyTokenKind::kNewline || k == PyTokenKind::kEnd || is_op(i, ";");
    }

    void error(int32_t i, std::string message) {
        if (failed_) return;
        failed_ = true;
        diags_.error(src_, i < end() ? tok(i).begin : static_cast<uint32_t>(src_.text().size()), std::move(message));
    }

    struct Depth {
        PyParser& p;
        bool ok;
        Depth(PyParser& parser, int32_t at) : p(parser), ok(++parser.depth_ <= kMaxDepth) {
            if (!ok) p.error(at, fmt::format("nesting too deep: more than {} levels", kMaxDepth));
        }
        ~Depth() { --p.depth_; }
        Depth(const Depth&) = delete;
        Depth& operator=(const Depth&) = delete;
    };

    PyId add(PyExpr e) {
        // Chains (`a + b + ...`, `f()()...`, `a.b.c...`) are built by loops, but every later
        // walk of an expression recurses: bound the depth of the tree, not only the parser's.
        uint32_t depth = 0;
        for (PyId kid : e.kids) {
            if (kid != kNoPy) depth = std::max(depth, m_.exprs[static_cast<size_t>(kid)].depth);
        }
        for (const PyKeyword& k : e.keywords) {
            if (k.value != kNoPy) depth = std::max(depth, m_.exprs[static_cast<size_t>(k.value)].depth);
        }
        if (depth >= kMaxExprDepth) {
            error(std::max(p_ - 1, 0), fmt::format("nesting too deep: an expression more than {} levels deep (a long "
                                                   "chain of operators, calls or attributes)",
                                                   kMaxExprDepth));
        }
        e.depth = depth + 1;
        m_.exprs.push_back(std::move(e));
        return static_cast<PyId>(m_.exprs.size() - 1);
    }
    PyExpr node(PyExprKind k, int32_t first) const {
        PyExpr e;
        e.kind = k;
        e.first_token = toks_[first];
        return e;
    }
    PyId finish(PyExpr e) {
        e.last_token = toks_[std::max(p_ - 1, 0)];
        return add(std::move(e));
    }

    // ---- expressions ----
    /// An element that could not be parsed: everything up to the next ',' or closing bracket
    /// (or the end of the line) at this bracket depth.
    PyId opaque_from(int32_t start) {
        p_ = start;
        while (p_ < end() && !at_line_end(p_) && !is_op(p_, ",") && !is_op(p_, ")") && !is_op(p_, "]") &&
               !is_op(p_, "}") && !is_op(p_, "=") && !(is_op(p_, ":") && in_brackets_ == 0)) {
            if ((is_op(p_, "(") || is_op(p_, "[") || is_op(p_, "{")) && match_[p_] >= 0) p_ = match_[p_];
            ++p_;
        }
        if (p_ == start) return kNoPy;
        PyExpr e = node(PyExprKind::kOpaque, start);
        e.last_token = toks_[p_ - 1];
        e.text = m_.expr_text_range(e.first_token, e.last_token);
        return add(std::move(e));
    }

    /// `test` in Python's grammar, falling back to an opaque element inside brackets.
    PyId element() {
        int32_t start = p_;
        size_t mark = m_.exprs.size();
        PyId e = test();
        if (failed_) return kNoPy;
        // `for` ends an element too: the display or call around it sees a comprehension.
        bool clean_end = at_line_end(p_) || is_op(p_, ",") || is_op(p_, ")") || is_op(p_, "]") || is_op(p_, "}") ||
                         is_op(p_, "=") || is_op(p_, ":") || is_name(p_, "for") || is_name(p_, "async");
        if (e != kNoPy && clean_end) return e;
        m_.exprs.resize(mark);
        return opaque_from(start);
    }

    PyId test() {
        Depth depth(*this, p_);
        if (!depth.ok) return kNoPy;
        if (is_name(p_, "lambda")) return kNoPy;
        int32_t start = p_;
        PyId e = binary(0);
        if (e == kNoPy) return kNoPy;
        if (is_name(p_, "if")) {
            // `a if c else b`: kept whole as an opaque expression with its parts as kids.
            ++p_;
            PyId c = binary(0);
            if (c == kNoPy || !is_name(p_, "else")) return kNoPy;
            ++p_;
            PyId b = test();
            if (b == kNoPy) return kNoPy;
            PyExpr x = node(PyExprKind::kOpaque, start);
            x.kids = {e, c, b};
            x.last_token = toks_[p_ - 1];
            x.text = m_.expr_text_range(x.first_token, x.last_token);
            return add(std::move(x));
        }
        return e;
    }

    /// Binary operator at p_: (text, precedence, tokens), precedence 0 when none.
    std::tuple<std::string, int, int> binary_op() const {
        if (kind(p_) == PyTokenKind::kName) {
            std::string_view w = text(p_);
            if (w == "or") return {"or", 1, 1};
            if (w == "and") return {"and", 2, 1};
            if (w == "in") return {"in", 4, 1};
            if (w == "not" && is_name(p_ + 1, "in")) return {"not in", 4, 2};
            if (w == "is")
                return is_name(p_ + 1, "not") ? std::make_tuple(std::string("is not"), 4, 2)
                                              : std::make_tuple(std::string("is"), 4, 1);
            return {"", 0, 0};
        }
        if (kind(p_) != PyTokenKind::kOp) return {"", 0, 0};
        std::string_view o = text(p_);
        static const std::pair<std::string_view, int> kOps[] = {{"<", 4},   {">", 4},  {"==", 4}, {">=", 4}, {"<=", 4},
                                                                {"!=", 4},  {"|", 5},  {"^", 6},  {"&", 7},  {"<<", 8},
                                                                {">>", 8},  {"+", 9},  {"-", 9},  {"*", 10}, {"/", 10},
                                                                {"//", 10}, {"%", 10}, {"@", 10}, {"**", 12}};
        for (const auto& [op, prec] : kOps) {
            if (o == op) return {std::string(op), prec, 1};
        }
        return {"", 0, 0};
    }

    PyId binary(int min_prec) {
        Depth depth(*this, p_);
        if (!depth.ok) return kNoPy;
        int32_t start = p_;
        PyId lhs = unary();
        while (lhs != kNoPy) {
            auto [op, prec, len] = binary_op();
            if (prec == 0 || prec < min_prec) break;
            p_ += len;
            // `**` is right-associative; the rest are left-associative.
            PyId rhs = binary(op == "**" ? prec : prec + 1);
            if (rhs == kNoPy) return kNoPy;
            PyExpr e = node(PyExprKind::kBinary, start);
            e.text = op;
            e.kids = {lhs, rhs};
            lhs = finish(std::move(e));
        }
        return lhs;
    }

    PyId unary() {
        Depth depth(*this, p_);
        if (!depth.ok) return kNoPy;
        int32_t start = p_;
        std::string op;
        if (is_op(p_, "-") || is_op(p_, "+") || is_op(p_, "~")) {
            op = std::string(text(p_));
        } else if (is_name(p_, "not")) {
            op = "not";
        } else if (is_name(p_, "await")) {
            op = "await";
        }
        if (op.empty()) return postfix();
        ++p_;
        PyId inner = op == "not" ? binary(3) : unary();
        if (inner == kNoPy) return kNoPy;
        PyExpr e = node(PyExprKind::kUnary, start);
        e.text = op;
        e.kids = {inner};
        return finish(std::move(e));
    }

    PyId postfix() {
        int32_t start = p_;
        PyId base = atom();
        while (base != kNoPy) {
            if (is_op(p_, ".") && kind(p_ + 1) == PyTokenKind::kName) {
                PyExpr e = node(PyExprKind::kAttribute, start);
                e.text = std::string(text(p_ + 1));
                e.kids = {base};
                p_ += 2;
                base = finish(std::move(e));
            } else if (is_op(p_, "(")) {
                base = call(start, base);
            } else if (is_op(p_, "[")) {
                base = subscript(start, base);
            } else {
                break;
            }
        }
        return base;
    }

    PyId call(int32_t start, PyId callee) {
        int32_t close = match_[p_];
        ++p_;
        ++in_brackets_;
        PyExpr e = node(PyExprKind::kCall, start);
        e.kids.push_back(callee);
        while (p_ < close && !failed_) {
            if (kind(p_) == PyTokenKind::kName && is_op(p_ + 1, "=")) {
                std::string name(text(p_));
                p_ += 2;
                PyId v = element();
                if (v == kNoPy) break;
                e.keywords.push_back(PyKeyword{name, v});
            } else if (is_op(p_, "**")) {
                ++p_;
                PyId v = element();
                if (v == kNoPy) break;
                e.keywords.push_back(PyKeyword{"", v});
            } else if (is_op(p_, "*")) {
                int32_t s = p_++;
                PyId v = element();
                if (v == kNoPy) break;
                PyExpr star = node(PyExprKind::kUnary, s);
                star.text = "*";
                star.kids = {v};
                e.kids.push_back(finish(std::move(star)));
            } else {
                int32_t arg_start = p_;
                PyId v = element();
                if (v == kNoPy) break;
                if (is_name(p_, "for") || is_name(p_, "async")) {
                    // A generator argument `f(x for x in y)`: the whole argument is opaque.
                    ++in_brackets_;
                    int32_t saved = p_;
                    p_ = arg_start;
                    while (p_ < close) {
                        if ((is_op(p_, "(") || is_op(p_, "[") || is_op(p_, "{")) && match_[p_] >= 0) p_ = match_[p_];
                        ++p_;
                    }
                    (void)saved;
                    PyExpr gen = node(PyExprKind::kOpaque, arg_start);
                    gen.last_token = toks_[close - 1];
                    gen.text = m_.expr_text_range(gen.first_token, gen.last_token);
                    v = add(std::move(gen));
                    --in_brackets_;
                }
                e.kids.push_back(v);
            }
            if (is_op(p_, ","))
                ++p_;
            else
                break;
        }
        --in_brackets_;
        if (p_ != close) {
            p_ = close;  // generator argument or something odd: keep the call, drop the rest
        }
        p_ = close + 1;
        return finish(std::move(e));
    }

    PyId slice_or_element() {
        int32_t start = p_;
        PyId lower = kNoPy;
        if (!is_op(p_, ":")) {
            lower = element();
            if (!is_op(p_, ":")) return lower;
        }
        PyExpr s = node(PyExprKind::kSlice, start);
        ++p_;  // ':'
        PyId upper = (is_op(p_, ":") || is_op(p_, "]") || is_op(p_, ",")) ? kNoPy : element();
        PyId step = kNoPy;
        if (is_op(p_, ":")) {
            ++p_;
            if (!is_op(p_, "]") && !is_op(p_, ",")) step = element();
        }
        s.kids = {lower, upper, step};
        return finish(std::move(s));
    }

    PyId subscript(int32_t start, PyId base) {
        int32_t close = match_[p_];
        int32_t open = p_;
        ++p_;
        ++in_brackets_;
        std::vector<PyId> items;
        bool tuple = false;
        while (p_ < close && !failed_) {
            PyId item = slice_or_element();
            if (item == kNoPy) break;
            items.push_back(item);
            if (is_op(p_, ",")) {
                tuple = true;
                ++p_;
            } else {
                break;
            }
        }
        --in_brackets_;
        PyId index;
        if (tuple || items.size() != 1) {
            PyExpr t = node(PyExprKind::kTuple, open + 1);
            t.kids = items;
            t.last_token = toks_[std::max(close - 1, open)];
            index = add(std::move(t));
        } else {
            index = items[0];
        }
        p_ = close + 1;
        PyExpr e = node(PyExprKind::kSubscript, start);
        e.kids = {base, index};
        return finish(std::move(e));
    }

    /// Elements of a bracketed display between p_ (after the opening bracket) and `close`.
    /// Returns false for a comprehension.
    bool display(int32_t close, std::vector<PyId>& items, bool& had_comma, bool dict) {
        ++in_brackets_;
        bool ok = true;
        while (p_ < close && !failed_) {
            int32_t s = p_;
            if (is_op(p_, "*") || is_op(p_, "**")) ++p_;
            PyId item = element();
            if (item == kNoPy) {
                ok = false;
                break;
            }
            if (s != p_ && (is_op(s, "*") || is_op(s, "**"))) {
                PyExpr star = node(PyExprKind::kUnary, s);
                star.text = std::string(text(s));
                star.kids = {item};
                item = finish(std::move(star));
            }
            items.push_back(item);
            if (dict && is_op(p_, ":")) {
                ++p_;
                PyId value = element();
                if (value == kNoPy) {
                    ok = false;
                    break;
                }
                items.push_back(value);
            }
            if (is_name(p_, "for") || is_name(p_, "async")) {
                ok = false;
                break;
            }
            if (is_op(p_, ",")) {
                had_comma = true;
                ++p_;
            } else {
                break;
            }
        }
        --in_brackets_;
        return ok && p_ == close;
    }

    PyId atom() {
        int32_t start = p_;
        PyTokenKind k = kind(p_);
        if (k == PyTokenKind::kNumber) {
            PyExpr e = node(PyExprKind::kNumber, start);
            e.text = std::string(text(p_++));
            return finish(std::move(e));
        }
        if (k == PyTokenKind::kString) {
            PyExpr e = node(PyExprKind::kString, start);
            while (kind(p_) == PyTokenKind::kString) e.value += string_value(text(p_++));
            e.last_token = toks_[p_ - 1];
            e.text = m_.expr_text_range(e.first_token, e.last_token);
            return add(std::move(e));
        }
        if (k == PyTokenKind::kName) {
            std::string_view w = text(p_);
            if (is_python_keyword(w) && w != "None" && w != "True" && w != "False") return kNoPy;
            PyExpr e = node(PyExprKind::kName, start);
            e.text = std::string(w);
            ++p_;
            return finish(std::move(e));
        }
        if (is_op(p_, "...")) {
            PyExpr e = node(PyExprKind::kName, start);
            e.text = "...";
            ++p_;
            return finish(std::move(e));
        }
        if (is_op(p_, "(") || is_op(p_, "[") || is_op(p_, "{")) {
            int32_t close = match_[p_];
            char open = text(p_)[0];
            ++p_;
            std::vector<PyId> items;
            bool comma = false;
            bool dict = open == '{';
            bool ok = display(close, items, comma, dict);
            if (!ok) {
                // A comprehension or generator: keep the whole display opaque.
                p_ = close + 1;
                PyExpr e = node(PyExprKind::kOpaque, start);
                e.last_token = toks_[close];
                e.text = m_.expr_text_range(e.first_token, e.last_token);
                return add(std::move(e));
            }
            p_ = close + 1;
            if (open == '(' && items.size() == 1 && !comma) return items[0];  // parentheses
            PyExpr e = node(open == '('   ? PyExprKind::kTuple
                            : open == '[' ? PyExprKind::kList
                                          : PyExprKind::kDict,
                            start);
            e.kids = std::move(items);
            return finish(std::move(e));
        }
        return kNoPy;
    }

    /// `a, b` (a bare tuple) or a single element, at statement level.
    PyId expression_list() {
        int32_t start = p_;
        std::vector<PyId> items;
        bool comma = false;
        while (true) {
            int32_t s = p_;
            bool star = is_op(p_, "*");
            if (star) ++p_;
            PyId e = test();
            if (e == kNoPy) return kNoPy;
            if (star) {
                PyExpr x = node(PyExprKind::kUnary, s);
                x.text = "*";
                x.kids = {e};
                e = finish(std::move(x));
            }
            items.push_back(e);
            if (!is_op(p_, ",")) break;
            comma = true;
            ++p_;
            if (at_line_end(p_) || is_op(p_, "=") || is_op(p_, ":")) break;
        }
        if (!comma) return items[0];
        PyExpr t = node(PyExprKind::kTuple, start);
        t.kids = std::move(items);
        return finish(std::move(t));
    }

    // ---- statements ----
    std::string line_text(int32_t first) const {
        int32_t last = first;
        while (last + 1 < end() && kind(last + 1) != PyTokenKind::kNewline && kind(last + 1) != PyTokenKind::kEnd &&
               kind(last + 1) != PyTokenKind::kIndent && kind(last + 1) != PyTokenKind::kDedent) {
            ++last;
        }
        return m_.expr_text_range(toks_[first], toks_[last]);
    }

    PyId add_stmt(PyStmt s, int32_t first) {
        // The statement ends at its last real token, not at the layout tokens after it.
        int32_t last = std::max(p_ - 1, first);
        while (last > first && (kind(last) == PyTokenKind::kDedent || kind(last) == PyTokenKind::kIndent ||
                                kind(last) == PyTokenKind::kNewline)) {
            --last;
        }
        s.first_token = toks_[first];
        s.last_token = toks_[last];
        s.line = m_.tokens[s.first_token].line;
        s.end_line = m_.tokens[s.last_token].line;
        if (s.text.empty()) s.text = line_text(first);
        m_.stmts.push_back(std::move(s));
        return static_cast<PyId>(m_.stmts.size() - 1);
    }

    /// Skips to just past the NEWLINE ending this logical line.
    void skip_line() {
        while (p_ < end() && kind(p_) != PyTokenKind::kNewline && kind(p_) != PyTokenKind::kEnd) ++p_;
        if (kind(p_) == PyTokenKind::kNewline) ++p_;
    }

    std::vector<PyId> statements(bool top) {
        std::vector<PyId> out;
        while (p_ < end() && !failed_) {
            PyTokenKind k = kind(p_);
            if (k == PyTokenKind::kEnd) break;
            if (k == PyTokenKind::kDedent) {
                if (top) {
                    ++p_;
                    continue;
                }
                break;
            }
            if (k == PyTokenKind::kNewline) {
                ++p_;
                continue;
            }
            if (k == PyTokenKind::kIndent) {
                error(p_, "unexpected indent");
                break;
            }
            for (PyId s : statement()) out.push_back(s);
        }
        return out;
    }

    /// The block after a compound statement's ':'.
    std::vector<PyId> suite() {
        if (!is_op(p_, ":")) return {};
        ++p_;
        if (kind(p_) == PyTokenKind::kNewline) {
            ++p_;
            if (kind(p_) != PyTokenKind::kIndent) {
                error(p_, "expected an indented block");
                return {};
            }
            ++p_;
            std::vector<PyId> body = statements(false);
            if (kind(p_) == PyTokenKind::kDedent) ++p_;
            return body;
        }
        return simple_statements();
    }

    std::vector<PyId> simple_statements() {
        std::vector<PyId> out;
        while (p_ < end() && !failed_) {
            out.push_back(simple_statement());
            if (is_op(p_, ";")) {
                ++p_;
                if (kind(p_) == PyTokenKind::kNewline) {
                    ++p_;
                    break;
                }
                continue;
            }
            if (kind(p_) == PyTokenKind::kNewline) ++p_;
            break;
        }
        return out;
    }

    PyId other_stmt(int32_t start, std::string keyword) {
        p_ = start;
        PyStmt s;
        s.kind = PyStmtKind::kOther;
        s.name = std::move(keyword);
        while (p_ < end() && !at_line_end(p_)) ++p_;
        return add_stmt(std::move(s), start);
    }

    PyId simple_statement() {
        Depth depth(*this, p_);
        if (!depth.ok) return kNoPy;
        int32_t start = p_;
        std::string_view w = kind(p_) == PyTokenKind::kName ? text(p_) : "";
        PyStmt s;
        if (w == "pass") {
            ++p_;
            s.kind = PyStmtKind::kPass;
            return add_stmt(std::move(s), start);
        }
        if (w == "return") {
            ++p_;
            s.kind = PyStmtKind::kReturn;
            if (!at_line_end(p_)) {
                s.expr = expression_list();
                if (s.expr == kNoPy || !at_line_end(p_)) return other_stmt(start, "return");
            }
            return add_stmt(std::move(s), start);
        }
        if (w == "import") {
            ++p_;
            s.kind = PyStmtKind::kImport;
            while (!at_line_end(p_)) {
                PyAlias a;
                while (kind(p_) == PyTokenKind::kName || is_op(p_, ".")) {
                    if (is_name(p_, "as")) break;
                    a.name += text(p_++);
                }
                if (is_name(p_, "as")) {
                    a.alias = std::string(text(p_ + 1));
                    p_ += 2;
                }
                if (a.name.empty()) return other_stmt(start, "import");
                s.names.push_back(std::move(a));
                if (is_op(p_, ","))
                    ++p_;
                else
                    break;
            }
            if (!at_line_end(p_)) return other_stmt(start, "import");
            return add_stmt(std::move(s), start);
        }
        if (w == "from") {
            ++p_;
            s.kind = PyStmtKind::kImportFrom;
            while (kind(p_) == PyTokenKind::kName || is_op(p_, ".") || is_op(p_, "...")) {
                if (is_name(p_, "import")) break;
                s.module += text(p_++);
            }
            if (!is_name(p_, "import")) return other_stmt(start, "from");
            ++p_;
            bool paren = is_op(p_, "(");
            if (paren) ++p_;
            while (kind(p_) == PyTokenKind::kName || is_op(p_, "*")) {
                PyAlias a;
                a.name = std::string(text(p_++));
                if (is_name(p_, "as")) {
                    a.alias = std::string(text(p_ + 1));
                    p_ += 2;
                }
                s.names.push_back(std::move(a));
                if (is_op(p_, ","))
                    ++p_;
                else
                    break;
            }
            if (paren && is_op(p_, ")")) ++p_;
            if (!at_line_end(p_)) return other_stmt(start, "from");
            return add_stmt(std::move(s), start);
        }
        if (w == "global" || w == "nonlocal" || w == "raise" || w == "assert" || w == "del" || w == "break" ||
            w == "continue" || w == "yield") {
            return other_stmt(start, std::string(w));
        }
        // Expression, assignment or augmented assignment.
        size_t mark = m_.exprs.size();
        PyId first = expression_list();
        if (first == kNoPy) {
            m_.exprs.resize(mark);
            return other_stmt(start, "");
        }
        if (is_op(p_, ":") && !is_op(p_ + 1, "=")) {  // annotated assignment `x: T = v`
            ++p_;
            PyId annotation = test();
            (void)annotation;
            s.kind = PyStmtKind::kAssign;
            s.targets.push_back(first);
            if (is_op(p_, "=")) {
                ++p_;
                s.expr = expression_list();
            }
            if (!at_line_end(p_)) return other_stmt(start, "");
            return add_stmt(std::move(s), start);
        }
        if (kind(p_) == PyTokenKind::kOp && text(p_).size() >= 2 && text(p_).back() == '=' && text(p_) != "==" &&
            text(p_) != "<=" && text(p_) != ">=" && text(p_) != "!=") {
            s.kind = PyStmtKind::kAugAssign;
            s.name = std::string(text(p_));
            ++p_;
            s.targets.push_back(first);
            s.expr = expression_list();
            if (s.expr == kNoPy || !at_line_end(p_)) return other_stmt(start, "");
            return add_stmt(std::move(s), start);
        }
        if (is_op(p_, "=")) {
            s.kind = PyStmtKind::kAssign;
            PyId value = first;
            while (is_op(p_, "=")) {
                ++p_;
                s.targets.push_back(value);
                value = expression_list();
                if (value == kNoPy) return other_stmt(start, "");
            }
            s.expr = value;
            if (!at_line_end(p_)) return other_stmt(start, "");
            return add_stmt(std::move(s), start);
        }
        if (!at_line_end(p_)) return other_stmt(start, "");
        s.kind = PyStmtKind::kExpr;
        s.expr = first;
        return add_stmt(std::move(s), start);
    }

    std::vector<PyId> statement() {
        Depth depth(*this, p_);
        if (!depth.ok) return {};
        int32_t start = p_;
        std::vector<PyId> decorators;
        while (is_op(p_, "@")) {
            ++p_;
            PyId d = test();
            if (d == kNoPy || kind(p_) != PyTokenKind::kNewline) {
                error(p_, "expected a decorator expression followed by a new line");
                return {};
            }
            decorators.push_back(d);
            ++p_;
        }
        if (is_name(p_, "async") && (is_name(p_ + 1, "def") || is_name(p_ + 1, "for") || is_name(p_ + 1, "with"))) {
            ++p_;
        }
        std::string_view w = kind(p_) == PyTokenKind::kName ? text(p_) : "";
        if (!decorators.empty() && w != "def" && w != "class") {
            error(p_, "expected 'def' or 'class' after a decorator");
            return {};
        }
        if (w == "def" || w == "class") return {definition(start, std::move(decorators))};
        if (w == "if") return {if_statement(start)};
        if (w == "for") return {for_statement(start)};
        if (w == "while") {
            ++p_;
            PyStmt s;
            s.kind = PyStmtKind::kWhile;
            s.text = line_text(start);
            s.expr = test();
            if (s.expr == kNoPy || !is_op(p_, ":")) return {compound_other(start, "while")};
            s.body = suite();
            s.orelse = else_clause();
            return {add_stmt(std::move(s), start)};
        }
        if (w == "with") return {with_statement(start)};
        // `match x:` and its `case ...:` clauses (Python 3.10; soft keywords, so only a line that
        // ends with the block's colon): kept as text, their bodies read.
        if ((w == "match" || w == "case") && ends_with_colon(p_)) return {compound_other(start, std::string(w))};
        if (w == "try") {
            ++p_;
            PyStmt s;
            s.kind = PyStmtKind::kTry;
            s.text = line_text(start);
            s.body = suite();
            while (is_name(p_, "except") || is_name(p_, "else") || is_name(p_, "finally")) {
                s.orelse.push_back(compound_other(p_, std::string(text(p_))));
            }
            return {add_stmt(std::move(s), start)};
        }
        return simple_statements();
    }

    /// Whether the logical line from `i` ends with a ':' at bracket depth 0 (a block's header).
    bool ends_with_colon(int32_t i) const {
        int32_t last = -1;
        for (; i < end() && kind(i) != PyTokenKind::kNewline && kind(i) != PyTokenKind::kEnd; ++i) {
            if ((is_op(i, "(") || is_op(i, "[") || is_op(i, "{")) && match_[i] >= 0) i = match_[i];
            last = i;
        }
        return last >= 0 && is_op(last, ":");
    }

    /// A compound statement whose header did not parse: kept as text, its body still read.
    PyId compound_other(int32_t start, std::string keyword) {
        p_ = start;
        PyStmt s;
        s.kind = PyStmtKind::kOther;
        s.name = std::move(keyword);
        s.text = line_text(start);
        int32_t colon = p_;
        // The header ends at the last ':' of the logical line at bracket depth 0.
        for (int32_t i = p_; i < end() && kind(i) != PyTokenKind::kNewline && kind(i) != PyTokenKind::kEnd; ++i) {
            if ((is_op(i, "(") || is_op(i, "[") || is_op(i, "{")) && match_[i] >= 0)
                i = match_[i];
            else if (is_op(i, ":"))
                colon = i;
        }
        p_ = colon;
        if (is_op(p_, ":")) {
            s.body = suite();
        } else {
            skip_line();
        }
        return add_stmt(std::move(s), start);
    }

    std::vector<PyId> else_clause() {
        if (!is_name(p_, "else")) return {};
        ++p_;
        return suite();
    }

    PyId definition(int32_t start, std::vector<PyId> decorators) {
        bool is_class = is_name(p_, "class");
        int32_t header = p_;
        ++p_;
        PyStmt s;
        s.kind = is_class ? PyStmtKind::kClassDef : PyStmtKind::kFunctionDef;
        s.decorators = std::move(decorators);
        s.text = line_text(header);
        if (kind(p_) != PyTokenKind::kName) {
            error(p_, fmt::format("expected a name after '{}'", is_class ? "class" : "def"));
            return kNoPy;
        }
        s.name = std::string(text(p_++));
        if (is_op(p_, "(")) {
            int32_t close = match_[p_];
            ++p_;
            if (!is_class) params(close, s.params);
            p_ = close + 1;
        }
        if (is_op(p_, "->")) {
            ++p_;
            test();
        }
        if (!is_op(p_, ":")) {
            error(p_, "expected ':' to end the definition header");
            return kNoPy;
        }
        s.body = suite();
        if (!s.body.empty() && s.body[0] != kNoPy) {  // kNoPy: a statement that failed to parse
            const PyStmt& first = m_.stmt(s.body[0]);
            if (first.kind == PyStmtKind::kExpr && first.expr != kNoPy &&
                m_.expr(first.expr).kind == PyExprKind::kString) {
                s.docstring = m_.expr(first.expr).value;
            }
        }
        return add_stmt(std::move(s), start);
    }

    void params(int32_t close, std::vector<PyParam>& out) {
        while (p_ < close) {
            PyParam param;
            if (is_op(p_, "*") || is_op(p_, "**")) param.prefix = std::string(text(p_++));
            if (is_op(p_, "/") || (param.prefix == "*" && is_op(p_, ","))) {  // markers
                if (is_op(p_, "/")) ++p_;
                if (is_op(p_, ",")) ++p_;
                continue;
            }
            if (kind(p_) != PyTokenKind::kName) break;
            param.name = std::string(text(p_++));
            if (is_op(p_, ":")) {
                ++p_;
                int32_t a = p_;
                PyId ann = element();
                if (ann != kNoPy) param.annotation = m_.expr_text_range(toks_[a], toks_[p_ - 1]);
            }
            if (is_op(p_, "=")) {
                ++p_;
                int32_t a = p_;
                PyId def = element();
                if (def != kNoPy) param.default_text = m_.expr_text_range(toks_[a], toks_[p_ - 1]);
            }
            out.push_back(std::move(param));
            if (is_op(p_, ","))
                ++p_;
            else
                break;
        }
    }

    PyId if_statement(int32_t start) {
        ++p_;  // 'if' or 'elif'
        PyStmt s;
        s.kind = PyStmtKind::kIf;
        s.text = line_text(start);
        s.expr = test();
        if (s.expr == kNoPy || !is_op(p_, ":")) return compound_other(start, "if");
        s.body = suite();
        if (is_name(p_, "elif")) {
            s.orelse.push_back(if_statement(p_));
        } else {
            s.orelse = else_clause();
        }
        return add_stmt(std::move(s), start);
    }

    PyId for_statement(int32_t start) {
        ++p_;
        PyStmt s;
        s.kind = PyStmtKind::kFor;
        s.text = line_text(start);
        int32_t t = p_;
        // The target list ends at 'in'.
        std::vector<PyId> targets;
        while (!is_name(p_, "in") && !at_line_end(p_)) {
            PyId e = postfix();
            if (e == kNoPy) break;
            targets.push_back(e);
            if (is_op(p_, ","))
                ++p_;
            else
                break;
        }
        if (!is_name(p_, "in") || targets.empty()) return compound_other(start, "for");
        if (targets.size() == 1) {
            s.targets.push_back(targets[0]);
        } else {
            PyExpr tuple = node(PyExprKind::kTuple, t);
            tuple.kids = targets;
            tuple.last_token = toks_[p_ - 1];
            s.targets.push_back(add(std::move(tuple)));
        }
        ++p_;
        s.expr = expression_list();
        if (s.expr == kNoPy || !is_op(p_, ":")) return compound_other(start, "for");
        s.body = suite();
        s.orelse = else_clause();
        return add_stmt(std::move(s), start);
    }

    PyId with_statement(int32_t start) {
        ++p_;
        PyStmt s;
        s.kind = PyStmtKind::kWith;
        s.text = line_text(start);
        bool paren = is_op(p_, "(") && match_[p_] >= 0 && is_op(match_[p_] + 1, ":");
        if (paren) ++p_;
        while (true) {
            PyWithItem item;
            item.context = test();
            if (item.context == kNoPy) return compound_other(start, "with");
            if (is_name(p_, "as")) {
                ++p_;
                item.target = postfix();
                if (item.target == kNoPy) return compound_other(start, "with");
            }
            s.items.push_back(item);
            if (!is_op(p_, ",")) break;
            ++p_;
            if (paren && is_op(p_, ")")) break;
        }
        if (paren && is_op(p_, ")")) ++p_;
        if (!is_op(p_, ":")) return compound_other(start, "with");
        s.body = suite();
        return add_stmt(std::move(s), start);
    }

    PyModule& m_;
    const SourceFile& src_;
    Diagnostics& diags_;
    std::vector<uint32_t> toks_;  // indices of non-comment tokens
    std::vector<int32_t> match_;
    int32_t p_ = 0;
    int depth_ = 0;
    int in_brackets_ = 0;
    bool failed_ = false;
};

}  // namespace

std::optional<PyModule> read_python(std::shared_ptr<const SourceFile> source, Diagnostics& diagnostics) {
    PyModule module;
    module.source = std::move(source);
    Diagnostics local;
    module.tokens = lex_python(*module.source, local);
    bool ok = !local.has_errors() && PyParser(module, local).run();
    for (const Diagnostic& d : local.items()) diagnostics.add(d);
    if (!ok) return std::nullopt;
    return module;
}

std::optional<PyModule> read_python_text(const std::string& name, const std::string& text, Diagnostics& diagnostics) {
    return read_python(std::make_shared<SourceFile>(name, text), diagnostics);
}

}  // namespace ttl
