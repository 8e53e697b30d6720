// EXPORT.html: highlighted code, the source map as data attributes, the tables and the SVG, and
// a script that only reads the page (no data of ours is inside the script).
#include "write/html_report.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "read/cpp_lexer.h"
#include "read/py_lexer.h"
#include "read/kernel_model.h"
#include "support/parallel.h"
#include "write/html_writer.h"
#include "write/program_facts.h"
#include "read/package_format.h"

namespace ttl {

namespace {

/// The closing tag of an opening one (`<t-b data-cb="0-1">` -> `</t-b>`): a constant, as the
/// page wraps code only in its own `<t-x...>` elements.
std::string_view closing_tag(std::string_view open) {
    static const std::array<std::string, 26> kShort = [] {
        std::array<std::string, 26> tags;
        for (char x = 'a'; x <= 'z'; ++x) tags[static_cast<size_t>(x - 'a')] = std::string("</t-") + x + '>';
        return tags;
    }();
    if (open.empty()) return {};
    if (open.size() >= 5 && open[0] == '<' && open[1] == 't' && open[2] == '-' && open[3] >= 'a' && open[3] <= 'z' &&
        (open[4] == '>' || open[4] == ' ')) {
        return kShort[static_cast<size_t>(open[3] - 'a')];
    }
    throw std::logic_error("the page wraps code only in <t-x> elements, not in " + std::string(open));
}

/// A run of bytes with the opening tag it is wrapped in (empty: plain text) and its closing tag.
struct Span {
    uint32_t begin = 0;
    uint32_t end = 0;
    std::string_view open;  ///< a constant or a string the caller keeps
    std::string_view close;  ///< closing_tag(open)
};

/// Lines of HTML, all in one string: line i is html[starts[i], starts[i + 1]).
struct HtmlLines {
    std::string html;
    std::vector<uint32_t> starts{0};
    size_t size() const { return starts.size() - 1; }
    std::string_view operator[](size_t i) const {
        return std::string_view(html).substr(starts[i], starts[i + 1] - starts[i]);
    }
};

/// The text as HTML lines, each span wrapped in its tag on every line it covers.
HtmlLines render_lines(std::string_view text, const std::vector<Span>& spans) {
    HtmlLines lines;
    lines.starts.reserve(text.size() / 32 + 2);
    const char* p = text.data();
    {
        // About the text and two tags per span (measured: 1,046,726 bytes and 45,757 spans made
        // 1,621,517): room a little beyond that is written once, not reserved twice.
        HtmlWriter w(lines.html, text.size() + text.size() / 32 + spans.size() * 14 + 64);
        auto emit = [&](size_t b, size_t e, std::string_view open, std::string_view close) {
            while (b < e) {
                if (p[b] != '\n') {  // a piece on one line, wrapped in `open`
                    w.put(open);
                    b = w.put_escaped_line(p, b, e);
                    w.put(close);
                }
                if (b < e) {  // at a newline
                    lines.starts.push_back(static_cast<uint32_t>(w.size()));
                    ++b;
                }
            }
        };
        size_t pos = 0;
        for (const Span& s : spans) {
            if (s.begin < pos) continue;
            emit(pos, s.begin, {}, {});
            emit(s.begin, s.end, s.open, s.close);
            pos = s.end;
        }
        emit(pos, text.size(), {}, {});
        lines.starts.push_back(static_cast<uint32_t>(w.size()));
    }
    // A final newline ends the last line; it does not start an empty one.
    if (lines.size() > 1 && lines[lines.size() - 1].empty() && !text.empty() && text.back() == '\n')
        lines.starts.pop_back();
    return lines;
}

/// How an identifier of a kernel is shown: its opening tag (empty: plain), kept by the caller.
using Decorate = std::function<std::string_view(std::string_view)>;

/// `lexed`: the text's tokens when a reader made them already.
HtmlLines highlight_cpp(const std::string& text, const Decorate& decorate, const TokenList* lexed = nullptr) {
    TokenList own;
    if (lexed == nullptr || lexed->empty() || lexed->last_end != text.size()) {
        SourceFile file("kernel.cpp", text);
        Diagnostics ignored;  // the text was read before; a lexing problem only costs colour
        own = lex_cpp(file, ignored);
        lexed = &own;
    }
    const TokenList& tokens = *lexed;
    std::vector<Span> spans;
    spans.reserve(tokens.size());
    struct Tags {
        std::string_view open, close;
    };
    // An identifier the reader interned is decorated once per name, then found by its symbol.
    std::vector<Tags> by_symbol;
    std::vector<char> known;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        uint32_t end = tokens.end_of(i);
        Tags tags;
        switch (t.kind) {
            case TokenKind::kKeyword: tags = {"<t-k>", "</t-k>"}; break;
            case TokenKind::kNumber: tags = {"<t-n>", "</t-n>"}; break;
            case TokenKind::kString:
            case TokenKind::kChar: tags = {"<t-s>", "</t-s>"}; break;
            case TokenKind::kComment: tags = {"<t-c>", "</t-c>"}; break;
            case TokenKind::kPreprocessor: tags = {"<t-p>", "</t-p>"}; break;
            case TokenKind::kIdentifier:
                if (!decorate) break;
                if (t.symbol == Token::kNoSymbol) {
                    tags.open = decorate(tokens.text_of(text, i));
                    tags.close = closing_tag(tags.open);
                    break;
                }
                if (t.symbol >= known.size()) {
                    known.resize(t.symbol + 1, 0);
                    by_symbol.resize(t.symbol + 1);
                }
                if (!known[t.symbol]) {
                    known[t.symbol] = 1;
                    std::string_view tag = decorate(tokens.text_of(text, i));
                    by_symbol[t.symbol] = {tag, closing_tag(tag)};
                }
                tags = by_symbol[t.symbol];
                break;
            default: break;
        }
        if (!tags.open.empty()) spans.push_back(Span{t.begin, end, tags.open, tags.close});
    }
    return render_lines(text, spans);
}

HtmlLines highlight_python(const std::string& text) {
    auto file = std::make_shared<const SourceFile>("source.py", text);
    Diagnostics ignored;
    std::vector<PyToken> tokens = lex_python(*file, ignored);
    std::vector<Span> spans;
    for (const PyToken& t : tokens) {
        if (t.end <= t.begin) continue;
        std::string_view word = py_token_text(*file, t);
        std::string_view open;
        switch (t.kind) {
            case PyTokenKind::kName:
                if (is_python_keyword(word))
                    open = "<t-k>";
                else if (word == "ttl" || word == "ttnn")
                    open = "<t-m>";
                break;
            case PyTokenKind::kNumber: open = "<t-n>"; break;
            case PyTokenKind::kString: open = "<t-s>"; break;
            case PyTokenKind::kComment: open = "<t-c>"; break;
            default: break;
        }
        if (!open.empty()) spans.push_back(Span{t.begin, t.end, open, closing_tag(open)});
    }
    return render_lines(text, spans);
}

/// A code block: one element per line, id `PREFIX-LINE`, with the TT-Lang lines it comes from.
/// Appended to `out`.
void code_block(std::string& out, const std::string& prefix, const HtmlLines& lines,
                const std::map<uint32_t, std::set<uint32_t>>& from_source = {}) {
    HtmlWriter w(out, lines.html.size() + lines.size() * (prefix.size() + 24) + 32);
    w.put("<div class=\"code\">\n");
    auto source = from_source.begin();  // in line order, like the lines
    for (size_t i = 0; i < lines.size(); ++i) {
        uint32_t line = static_cast<uint32_t>(i + 1);
        w.put("<t-l id=\"");
        w.put(prefix);
        w.put("-");
        w.put_number(line);
        w.put("\"");
        while (source != from_source.end() && source->first < line) ++source;
        if (source != from_source.end() && source->first == line) {
            w.put(" data-s=\"");
            for (auto s = source->second.begin(); s != source->second.end(); ++s) {
                if (s != source->second.begin()) w.put(" ");
                w.put_number(*s);
            }
            w.put("\"");
        }
        w.put(">");
        w.put(lines[i]);
        w.put("</t-l>\n");
    }
    w.put("</div>\n");
}

using Panel = HtmlPanel;

/// A line's shape for aligning the compiler's file with the export: comments, blanks and
/// layout dropped, every local's name (old or new) and every CB index read as `$`.
std::string line_key(std::string_view line, const std::set<std::string, std::less<>>& locals) {
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line.compare(first, 2, "//") == 0) {
        return std::string(line.substr(first));  // a comment line matches only itself
    }
    std::string key;
    size_t i = 0;
    while (i < line.size()) {
        char c = line[i];
        if (line.compare(i, 2, "//") == 0) break;
        if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
            continue;
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t j = i;
            while (j < line.size() && (std::isalnum(static_cast<unsigned char>(line[j])) || line[j] == '_')) ++j;
            std::string_view word = line.substr(i, j - i);
            if (word == "get_compile_time_arg_val" && line.compare(j, 1, "(") == 0) {
                size_t close = line.find(')', j);
                key += '$';
                i = close == std::string_view::npos ? line.size() : close + 1;
                continue;
            }
            key += locals.count(word) > 0 ? std::string_view("$") : word;
            i = j;
            continue;
        }
        key += c;
        ++i;
    }
    return key;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> out;
    for (size_t pos = 0; pos < text.size();) {
        size_t nl = text.find('\n', pos);
        out.push_back(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return out;
}

/// The compiler's file beside the exported one, lines aligned greedily in order (the export
/// keeps the order of statements): a pair of lines of the same shape is one row; a line of
/// the compiler's alone was removed (a cast temporary), one of the export alone was added (a
/// comment, a CB name) or changed (a cast removed).
std::string changes_view(const ExportedThread& t, const std::string& compiler, const HtmlLines& old_html,
                         const HtmlLines& new_html, const std::string& new_prefix) {
    std::set<std::string, std::less<>> locals;
    for (const Rename& r : t.naming.renames) {
        locals.insert(r.old_name);
        locals.insert(r.new_name);
    }
    for (const CbName& cb : t.naming.cb_names) locals.insert(cb.name);
    for (const ConstantSplit& cs : t.naming.splits) {
        for (const ConstantSplit::Part& p : cs.parts) locals.insert(p.name);
    }
    std::vector<std::string_view> a = split_lines(compiler);
    std::vector<std::string_view> b = split_lines(t.kernel.text);
    std::vector<std::string> ka, kb;
    for (std::string_view l : a) ka.push_back(line_key(l, locals));
    for (std::string_view l : b) kb.push_back(line_key(l, locals));
    constexpr size_t kWindow = 64;
    std::string rows;
    int renamed = 0, removed = 0, added = 0, comments = 0;
    auto row = [&](const char* cls, size_t i, size_t j) {
        std::string left = i < a.size() ? fmt::format("<td class=\"n\">{}</td><td class=\"c\">{}</td>", i + 1,
                                                      i < old_html.size() ? old_html[i] : std::string_view())
                                        : "<td class=\"n\"></td><td class=\"c\"></td>";
        std::string right =
            j < b.size() ? fmt::format("<td class=\"n\"><a href=\"#{}-{}\">{}</a></td><td class=\"c\">{}</td>",
                                       new_prefix, j + 1, j + 1, j < new_html.size() ? new_html[j] : std::string_view())
                         : "<td class=\"n\"></td><td class=\"c\"></td>";
        rows += fmt::format("<tr class=\"{}\">{}{}</tr>\n", cls, left, right);
    };
    auto is_comment = [](std::string_view l) {
        size_t at = l.find_first_not_of(' ');
        return at == std::string_view::npos || l.compare(at, 2, "//") == 0;
    };
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && ka[i] == kb[j]) {
            bool same = a[i] == b[j];
            renamed += same ? 0 : 1;
            row(same ? "same" : "renamed", i++, j++);
            continue;
        }
        if (j < b.size() && is_comment(b[j]) && (i >= a.size() || !ka[i].empty())) {
            ++comments;
            row("comment", SIZE_MAX, j++);
            continue;
        }
        // The nearest resynchronisation: skip compiler lines or export lines, whichever is fewer.
        size_t skip_a = SIZE_MAX, skip_b = SIZE_MAX;
        for (size_t d = 1; d < kWindow && i + d < a.size() && j < b.size(); ++d) {
            if (ka[i + d] == kb[j]) {
                skip_a = d;
                break;
            }
        }
        for (size_t d = 1; d < kWindow && j + d < b.size() && i < a.size(); ++d) {
            if (kb[j + d] == ka[i]) {
                skip_b = d;
                break;
            }
        }
        if (i < a.size() &&
            (j >= b.size() || (skip_a != SIZE_MAX && skip_a <= skip_b) || (skip_a == SIZE_MAX && skip_b == SIZE_MAX))) {
            if (j < b.size() && skip_a == SIZE_MAX) {  // neither side resynchronises: a changed pair
                ++renamed;
                row("changed", i++, j++);
                continue;
            }
            ++removed;
            row("removed", i++, SIZE_MAX);
        } else {
            ++added;
            row("added", SIZE_MAX, j++);
        }
    }
    const EquivalenceResult& proof = t.kernel.proof;
    std::string verdict =
        proof.equivalent
            ? fmt::format(
                  "<p class=\"ok\">Proven equivalent to the compiler's kernel: {} locals renamed, {} casts "
                  "normalized, {} circular-buffer names.</p>",
                  proof.renamed, proof.casts_normalized, proof.cb_names_undone)
            : fmt::format("<p class=\"bad\">Not proven: {}</p>", html_escape(proof.message));
    return fmt::format(
        "{}<p class=\"legend\">{} lines renamed or changed, {} removed, {} added, {} comment lines. "
        "<span class=\"k renamed\">renamed</span> <span class=\"k changed\">changed</span> "
        "<span class=\"k removed\">removed</span> <span class=\"k added\">added</span> "
        "<span class=\"k comment\">comment</span></p>\n"
        "<table class=\"diff\"><colgroup><col class=\"n\"><col><col class=\"n\"><col></colgroup>\n"
        "<tr><th colspan=\"2\">{}</th><th colspan=\"2\">{}</th></tr>\n{}</table>\n",
        verdict, renamed, removed, added, comments,
        fmt::format("<span title=\"{}\">the compiler's {}</span>", html_escape(t.emitted_path),
                    html_escape(t.emitted_path.substr(t.emitted_path.find_last_of('/') + 1))),
        html_escape(t.file), rows);
}

/// Columns of the data-flow picture: input tensors, readers, their buffers, compute, its
/// buffers, writers, output tensors.
int thread_column(ThreadRole role) {
    return role == ThreadRole::kReader ? 1 : role == ThreadRole::kWriter ? 5 : 3;
}

int flow_column(const DataFlow& g, size_t n) {
    const FlowNode& node = g.nodes[n];
    switch (node.kind) {
        case FlowNode::Kind::kThread: return thread_column(node.role);
        case FlowNode::Kind::kTensor:  // written by a thread: an output
            for (const FlowEdge& e : g.edges) {
                if (e.to == n) return 6;
            }
            return 0;
        case FlowNode::Kind::kBuffer: {  // just after its first producer
            int column = 2;
            bool found = false;
            for (const FlowEdge& e : g.edges) {
                if (e.to != n) continue;
                int c = thread_column(g.nodes[e.from].role) + 1;
                column = found ? std::min(column, c) : c;
                found = true;
            }
            return column;
        }
    }
    return 0;
}

std::string flow_svg(const ExportedKernel& k, size_t kernel_index,
                     const std::map<std::string, std::string>& thread_panel) {
    DataFlow g = data_flow(k);
    std::vector<int> column(g.nodes.size());
    std::set<int> used;
    for (size_t n = 0; n < g.nodes.size(); ++n) used.insert(column[n] = flow_column(g, n));
    std::map<int, int> compact;  // column -> its place among the used ones
    for (int c : used) compact[c] = static_cast<int>(compact.size());
    std::vector<int> row(g.nodes.size());
    std::map<int, int> rows_in;
    for (size_t n = 0; n < g.nodes.size(); ++n) row[n] = rows_in[column[n]]++;
    int max_rows = 1;
    for (const auto& [c, r] : rows_in) max_rows = std::max(max_rows, r);
    // A thread's label is two lines, its name and its role.
    auto role_line = [](const FlowNode& n) {
        return n.kind == FlowNode::Kind::kThread ? fmt::format("({})", role_name(n.role)) : std::string();
    };
    size_t longest = 0;
    for (const FlowNode& n : g.nodes) longest = std::max({longest, n.label.size(), role_line(n).size()});
    const int kW = std::max(110, static_cast<int>(longest) * 7 + 24);  // 12px text: about 7px a character
    const int kH = 34, kDx = kW + 40, kDy = 54, kPad = 12;
    auto x = [&](size_t n) { return kPad + compact[column[n]] * kDx; };
    auto y = [&](size_t n) { return kPad + row[n] * kDy; };
    int width = kPad * 2 + static_cast<int>(compact.size() - 1) * kDx + kW;
    int height = kPad * 2 + (max_rows - 1) * kDy + kH + 24;
    std::string out = fmt::format(
        "<svg class=\"flow\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
        "role=\"img\" aria-label=\"data flow of {}\">\n<defs><marker id=\"arrow{}\" viewBox=\"0 0 10 10\" refX=\"10\" "
        "refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/>"
        "</marker></defs>\n",
        width, height, width, height, html_escape(k.source->name), kernel_index);
    for (const FlowEdge& e : g.edges) {
        int x1 = x(e.from) + kW, y1 = y(e.from) + kH / 2, x2 = x(e.to), y2 = y(e.to) + kH / 2;
        if (x2 > x1) {
            out += fmt::format("<path class=\"edge\" d=\"M{},{} C{},{} {},{} {},{}\" marker-end=\"url(#arrow{})\"/>\n",
                               x1, y1, (x1 + x2) / 2, y1, (x1 + x2) / 2, y2, x2, y2, kernel_index);
        } else {  // backwards (a thread's own intermediate buffer): under the nodes
            int xs = x(e.from) + kW / 2, xe = x(e.to) + kW / 2, yb = std::max(y(e.from), y(e.to)) + kH;
            out += fmt::format("<path class=\"edge\" d=\"M{},{} C{},{} {},{} {},{}\" marker-end=\"url(#arrow{})\"/>\n",
                               xs, yb, xs, yb + 22, xe, yb + 22, xe, yb, kernel_index);
        }
    }
    for (size_t n = 0; n < g.nodes.size(); ++n) {
        const FlowNode& node = g.nodes[n];
        const std::string& first = node.label;
        std::string second = role_line(node);
        std::string go, cls, shape;
        int nx = x(n), ny = y(n);
        switch (node.kind) {
            case FlowNode::Kind::kThread: {
                auto it = thread_panel.find(node.id);
                go = it == thread_panel.end() ? "" : it->second;
                cls = "thread";
                shape = fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\"/>", nx, ny, kW, kH);
                break;
            }
            case FlowNode::Kind::kBuffer: {
                go = fmt::format("cb-{}-{}", kernel_index, node.cb);
                cls = "buffer";
                shape = fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"17\"/>", nx, ny, kW, kH);
                break;
            }
            case FlowNode::Kind::kTensor:
                go = fmt::format("s-{}", k.source->line);
                cls = "tensor";
                shape = fmt::format("<polygon points=\"{},{} {},{} {},{} {},{}\"/>", nx + 10, ny, nx + kW, ny,
                                    nx + kW - 10, ny + kH, nx, ny + kH);
                break;
        }
        std::string text =
            second.empty()
                ? fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", nx + kW / 2, ny + kH / 2 + 4, html_escape(first))
                : fmt::format("<text x=\"{}\" y=\"{}\">{}<tspan class=\"role\" x=\"{}\" dy=\"13\">{}</tspan></text>",
                              nx + kW / 2, ny + kH / 2 - 3, html_escape(first), nx + kW / 2, html_escape(second));
        out += fmt::format("<g class=\"node {}\"{}>{}{}</g>\n", cls,
                           go.empty() ? "" : fmt::format(" data-go=\"{}\"", go), shape, text);
    }
    return out + "</svg>\n";
}

}  // namespace

std::pair<HtmlPanel, HtmlPanel> render_file_tabs(const ExportedThread& t, const std::string& compiler, size_t ki,
                                                 size_t file_index) {
    const std::string id = fmt::format("f{}", file_index);
    std::pair<Panel, Panel> out;
    // Renamed identifiers: the evidence once, in the file's names table; each use of the name
    // is a <t-r> element, which the page looks up there by its text (and shows on hover).
    // CB names open their CB row. Short custom elements keep a page of huge kernels small.
    std::map<std::string, std::string, std::less<>> name_row;  // new name -> row id
    std::map<std::string, std::vector<const Rename*>, std::less<>> renamed;
    for (const Rename& r : t.naming.renames) renamed[r.new_name].push_back(&r);
    std::string names_table =
        "<table class=\"names\"><tr><th>name</th><th>compiler's name</th><th>from</th><th>why</th></tr>\n";
    // A reason as the table shows it: its first 300 characters (the full reasons are in EXPORT.md).
    auto put_why = [](HtmlWriter& w, std::string_view why) {
        constexpr size_t kMax = 300;
        w.put_escaped(why.substr(0, kMax));
        if (why.size() > kMax) w.put(" ...");
    };
    {
        HtmlWriter w(names_table, t.naming.renames.size() * 160);
        for (const auto& [name, rs] : renamed) {
            std::string row = fmt::format("n{}-{}", id, name_row.size());
            name_row[name] = row;
            for (size_t n = 0; n < rs.size(); ++n) {
                const Rename* r = rs[n];
                // One name may stand for several old ones (a `row` per loop): `nf0-3`, `nf0-3-2`, ...
                // Written piece by piece: a large kernel has tens of thousands of rows.
                w.put("<tr id=\"");
                w.put(row);
                if (n > 0) {
                    w.put("-");
                    w.put_number(n + 1);
                }
                w.put("\"><td>");
                w.put_escaped(name);
                w.put("</td><td>");
                w.put_escaped(r->old_name);
                w.put("</td><td>");
                w.put(name_source_name(r->source));
                w.put("</td><td>");
                put_why(w, r->reason);
                w.put("</td></tr>\n");
            }
        }
    }
    std::map<std::string, int, std::less<>> cb_index;
    {
        HtmlWriter w(names_table, t.naming.cb_names.size() * 160 + 16);
        for (const CbName& cb : t.naming.cb_names) {
            cb_index[cb.name] = cb.index;
            w.put("<tr><td>");
            w.put_escaped(cb.name);
            w.put("</td><td>get_compile_time_arg_val(");
            w.put_number(static_cast<size_t>(cb.index));  // a CB index: 0 .. the runner's CB count - 1
            w.put(")</td><td>source</td><td>");
            put_why(w, cb.reason);
            w.put("</td></tr>\n");
        }
        w.put("</table>\n");
    }
    std::unordered_map<std::string_view, std::string> open_tag;  // identifier -> its opening tag (names kept above)
    for (const auto& [name, row] : name_row) open_tag[name] = "<t-r>";  // its row: the names table's by name
    for (const auto& [name, index] : cb_index) open_tag[name] = fmt::format("<t-b data-cb=\"{}-{}\">", ki, index);
    Decorate decorate = [&](std::string_view word) -> std::string_view {
        auto it = open_tag.find(word);
        return it == open_tag.end() ? std::string_view() : std::string_view(it->second);
    };
    HtmlLines exported = highlight_cpp(t.kernel.text, decorate, &t.kernel.tokens);
    std::map<uint32_t, std::set<uint32_t>> from_source;
    const std::vector<SourceMapEntry>& map = t.kernel.stats.source_map;
    std::vector<std::pair<uint32_t, uint32_t>> ranges = source_map_lines(t.kernel.text, map);
    for (size_t e = 0; e < ranges.size(); ++e) {
        if (ranges[e].first == 0) continue;
        for (uint32_t line = ranges[e].first - 1; line <= ranges[e].second; ++line) {
            from_source[line].insert(map[e].source_line);
        }
    }
    std::string body = fmt::format("<h3>{} <small>thread {}, {}</small></h3>\n", html_escape(t.file),
                                   html_escape(t.thread), role_name(t.role));
    code_block(body, id, exported, from_source);
    body += "<h3>Names</h3>\n";
    body += names_table;
    out.first = Panel{"p-" + id, t.file, fmt::format("thread {} ({})", t.thread, role_name(t.role)), std::move(body)};
    // `compute.cpp`, or `add_bias/compute.cpp` when the package has several kernels.
    std::string name = t.file.rfind("kernels/", 0) == 0 ? t.file.substr(8) : t.file;
    // A side-by-side view of a huge file helps nobody and would make the page huge.
    constexpr size_t kMaxChangesLines = 5000;
    std::string changes = exported.size() > kMaxChangesLines
                              ? fmt::format(
                                    "<p class=\"note\">{} has {} lines: too long to show side by side here (compare "
                                    "it with the compiler's {} in a diff tool).</p>\n",
                                    html_escape(t.file), exported.size(), html_escape(t.emitted_path))
                              : changes_view(t, compiler, highlight_cpp(compiler, nullptr), exported, id);
    out.second =
        Panel{"p-d" + std::to_string(file_index), "changes: " + name, "the compiler's file beside the exported one",
              fmt::format("<h3>What changed in {}</h3>\n", html_escape(t.file)) + changes};
    return out;
}

namespace {

const char* kStyle = R"(
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1f2328;background:#fff;height:100vh;display:flex;flex-direction:column}
header{padding:6px 14px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
header h1{font-size:16px;margin:0}
header p{margin:2px 0 0;color:#57606a}
main{flex:1;display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.25fr);min-height:0}
.pane{overflow:auto;min-height:0;border-right:1px solid #d0d7de}
.pane h2{font-size:13px;margin:0;padding:4px 10px;background:#f6f8fa;border-bottom:1px solid #d0d7de;position:sticky;top:0;z-index:1}
#right{display:flex;flex-direction:column;overflow:hidden}
nav{display:flex;flex-wrap:wrap;gap:2px;padding:4px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
nav button{font:12px system-ui,sans-serif;border:1px solid #d0d7de;background:#fff;border-radius:4px;padding:2px 8px;cursor:pointer}
nav button.on{background:#0969da;color:#fff;border-color:#0969da}
nav button.has{box-shadow:inset 0 -3px 0 #bf8700}
.panel{overflow:auto;flex:1;padding:0 0 20px}
.panel[hidden]{display:none}
.panel h3{font-size:14px;margin:12px 10px 4px}
.code{font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;counter-reset:line}
t-l{display:block;position:relative;min-height:1.45em;padding-left:3.6em;white-space:pre;cursor:pointer;counter-increment:line}
t-l::before{content:counter(line);position:absolute;left:0;top:0;bottom:0;width:3.6em;box-sizing:border-box;text-align:right;padding-right:10px;color:#8c959f;user-select:none}
t-l:hover,t-l.hov{background:#f3f0ff}
t-l.sel{background:#fff1c2}
t-l[data-s]::before{color:#57606a;box-shadow:inset -3px 0 #d4a72c}
t-k{color:#cf222e}t-n{color:#0550ae}t-s{color:#0a3069}t-c{color:#6e7781;font-style:italic}t-p{color:#8250df}t-m{color:#953800}
t-r{border-bottom:1px dotted #0969da}t-b{color:#116329;font-weight:600;cursor:pointer;border-bottom:1px dotted #116329}
table{border-collapse:collapse;margin:4px 10px;font-size:12.5px}
th,td{border:1px solid #d0d7de;padding:2px 6px;text-align:left}
tr.sel td{background:#fff1c2}
table.diff{font:12px/1.4 ui-monospace,monospace;margin:4px 0;width:100%;table-layout:fixed}
table.diff col.n{width:3.4em}
table.diff th{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
table.diff td{border:none;white-space:pre-wrap;word-break:break-all;vertical-align:top}
table.diff td.n{color:#8c959f;text-align:right}
tr.renamed td.c,.k.renamed{background:#ddf4ff}tr.changed td.c,.k.changed{background:#fff8c5}
tr.removed td.c,.k.removed{background:#ffebe9}tr.added td.c,.k.added{background:#dafbe1}
tr.comment td.c,.k.comment{background:#f6f8fa}
.k{padding:0 4px;border-radius:3px}
.ok{color:#1a7f37;margin:8px 10px}.bad{color:#cf222e;margin:8px 10px}header .bad{margin:0}.legend{margin:4px 10px;color:#57606a}
svg.flow{margin:6px 10px;max-width:calc(100% - 20px);height:auto}svg.flow .node{cursor:pointer}svg.flow text{font:12px system-ui,sans-serif;text-anchor:middle}svg.flow .role{font-size:10px;fill:#57606a}
svg.flow .thread rect{fill:#ddf4ff;stroke:#0969da}svg.flow .buffer rect{fill:#dafbe1;stroke:#1a7f37}
svg.flow .tensor polygon{fill:#fff8c5;stroke:#9a6700}svg.flow .edge{fill:none;stroke:#57606a;stroke-width:1.3}
svg.flow .node.sel rect,svg.flow .node.sel polygon{stroke-width:3}
p.note{margin:6px 10px;color:#57606a}
)";

// Reads the page only: code lines are <t-l> elements carrying data-s (the TT-Lang lines they
// come from), renamed names <t-r>, CB names <t-b data-cb>, graph nodes data-go.
const char* kScript = R"(
(function () {
  var bySource = {};
  document.querySelectorAll('[data-s]').forEach(function (el) {
    el.getAttribute('data-s').split(' ').forEach(function (s) { (bySource[s] = bySource[s] || []).push(el); });
  });
  function panelOf(el) { return el.closest('.panel'); }
  function centre(el) {  // within its own scrolling pane only
    var pane = el.closest('.panel, .pane');
    if (pane) pane.scrollTop += el.getBoundingClientRect().top - pane.getBoundingClientRect().top - pane.clientHeight / 2;
  }
  function show(id) {
    document.querySelectorAll('.panel').forEach(function (p) { p.hidden = p.id !== id; });
    document.querySelectorAll('nav button').forEach(function (b) { b.classList.toggle('on', b.getAttribute('data-tab') === id); });
  }
  // A renamed name's row in its file's names table (a file's changes tab p-dN uses p-fN's),
  // found by the name: the first row for it, the table read once per file.
  function nameRow(el) {
    var panel = document.getElementById(panelOf(el).id.replace(/^p-d/, 'p-f'));
    if (!panel) return null;
    if (!panel.nameRows) {
      panel.nameRows = {};
      panel.querySelectorAll('table.names tr[id]').forEach(function (tr) {
        var name = tr.cells[0].textContent;
        if (!(name in panel.nameRows)) panel.nameRows[name] = tr;
      });
    }
    return panel.nameRows[el.textContent] || null;
  }
  function clear(cls) { document.querySelectorAll('.' + cls).forEach(function (e) { e.classList.remove(cls); }); }
  function markTabs(els) {
    document.querySelectorAll('nav button').forEach(function (b) { b.classList.remove('has'); });
    els.forEach(function (el) {
      var p = panelOf(el);
      if (p) { var b = document.querySelector('nav button[data-tab="' + p.id + '"]'); if (b) b.classList.add('has'); }
    });
  }
  function selectSource(n, scroll) {
    clear('sel');
    var src = document.getElementById('s-' + n);
    if (src) src.classList.add('sel');
    var els = bySource[n] || [];
    els.forEach(function (e) { e.classList.add('sel'); });
    markTabs(els);
    var current = document.querySelector('.panel:not([hidden])');
    var here = els.filter(function (e) { return panelOf(e) === current; });
    if (!here.length && els.length) { show(panelOf(els[0]).id); here = [els[0]]; }
    if (scroll && src) centre(src);
    if (here.length) centre(here[0]);
  }
  function selectCode(el) {
    clear('sel');
    el.classList.add('sel');
    var lines = (el.getAttribute('data-s') || '').split(' ').filter(Boolean);
    lines.forEach(function (n) {
      var s = document.getElementById('s-' + n);
      if (s) s.classList.add('sel');
      (bySource[n] || []).forEach(function (e) { e.classList.add('sel'); });
    });
    if (lines.length) { var s = document.getElementById('s-' + lines[0]); if (s) centre(s); }
  }
  function go(target) {
    var el = document.getElementById(target);
    if (!el) return;
    if (el.classList.contains('panel')) { show(target); return; }
    if (/^s-/.test(target)) { selectSource(target.slice(2), true); return; }
    var p = panelOf(el);
    if (p) show(p.id);
    clear('sel');
    el.classList.add('sel');
    if (el.hasAttribute('data-s')) selectCode(el);
    centre(el);
  }
  document.querySelectorAll('nav button').forEach(function (b) {
    b.addEventListener('click', function () { show(b.getAttribute('data-tab')); history.replaceState(null, '', '#' + b.getAttribute('data-tab')); });
  });
  document.getElementById('source').addEventListener('click', function (ev) {
    var l = ev.target.closest('t-l');
    if (l) { selectSource(l.id.slice(2), false); history.replaceState(null, '', '#' + l.id); }
  });
  document.getElementById('source').addEventListener('mouseover', function (ev) {
    var l = ev.target.closest('t-l');
    clear('hov');
    if (l) (bySource[l.id.slice(2)] || []).forEach(function (e) { e.classList.add('hov'); });
  });
  document.getElementById('right').addEventListener('mouseover', function (ev) {
    var l = ev.target.closest('t-l[data-s]');
    clear('hov');
    if (l) l.getAttribute('data-s').split(' ').forEach(function (s) {
      var src = document.getElementById('s-' + s);
      if (src) src.classList.add('hov');
    });
    var n = ev.target.closest('t-r');
    if (!n || n.title) return;
    var row = nameRow(n);
    if (row) n.title = 'was ' + row.cells[1].textContent + ' (' + row.cells[2].textContent + ': ' + row.cells[3].textContent + ')';
  });
  document.getElementById('right').addEventListener('click', function (ev) {
    var cb = ev.target.closest('[data-cb]');
    if (cb) { go('cb-' + cb.getAttribute('data-cb')); return; }
    var node = ev.target.closest('[data-go]');
    if (node) { go(node.getAttribute('data-go')); return; }
    var l = ev.target.closest('t-l');
    if (l) { selectCode(l); history.replaceState(null, '', '#' + l.id); }
  });
  show(document.querySelector('.panel').id);
  if (location.hash.length > 1) {
    var target = decodeURIComponent(location.hash.slice(1));
    go(target);
    // Again once loaded: the browser's own jump to the fragment comes after this script.
    window.addEventListener('load', function () { setTimeout(function () { go(target); }, 0); });
  }
})();
)";

}  // namespace

std::string HtmlPage::text() const {
    size_t size = 0;
    for (const std::string& p : parts) size += p.size();
    std::string out;
    out.reserve(size);
    for (const std::string& p : parts) out += p;
    return out;
}

std::string write_html_report(const ExportedProgram& program, const RunnerText& runner,
                              std::vector<std::pair<HtmlPanel, HtmlPanel>> file_tabs) {
    return html_page(program, runner, std::move(file_tabs)).text();
}

HtmlPage html_page(const ExportedProgram& program, const RunnerText& runner,
                   std::vector<std::pair<HtmlPanel, HtmlPanel>> file_tabs) {
    std::string src_name = program.source_path.substr(program.source_path.find_last_of('/') + 1);
    std::vector<Panel> panels;
    std::string overview;
    struct FileJob {
        const ExportedKernel* kernel;
        size_t ki;  ///< the kernel's index
        size_t ti;  ///< the thread's index in it
    };
    std::vector<FileJob> jobs;  // one per kernel file (a thread), in package order
    bool all_proven = true;
    for (size_t ki = 0; ki < program.kernels.size(); ++ki) {
        const ExportedKernel& k = program.kernels[ki];
        std::map<std::string, std::string> kernel_threads;
        for (size_t ti = 0; ti < k.threads.size(); ++ti) {
            kernel_threads[k.threads[ti].thread] = fmt::format("p-f{}", jobs.size());
            all_proven = all_proven && k.threads[ti].kernel.proof.equivalent;
            jobs.push_back(FileJob{&k, ki, ti});
        }
        // The overview: grid, circular buffers, data flow.
        const RunnerModel& r = k.artifacts.runner;
        overview += fmt::format("<h3>Kernel <a href=\"#s-{}\" data-go=\"s-{}\">{}</a>: {} x {} cores</h3>\n",
                                k.source->line, k.source->line, html_escape(k.source->name), r.grid_cols, r.grid_rows);
        overview += flow_svg(k, ki, kernel_threads);
        overview +=
            "<table class=\"cbs\"><tr><th>index</th><th>name</th><th>producer</th><th>consumer</th><th>shape</th>"
            "<th>block count</th><th>dtype</th><th>page size</th><th>total size</th></tr>\n";
        for (const CbRow& row : cb_rows(k)) {
            std::string name = row.line > 0 ? fmt::format("<a href=\"#s-{}\" data-go=\"s-{}\">{}</a>", row.line,
                                                          row.line, html_escape(row.name))
                                            : html_escape(row.name);
            overview += fmt::format(
                "<tr id=\"cb-{}-{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                "<td>{}</td><td>{}</td></tr>\n",
                ki, row.index, row.index, name, html_escape(row.producer), html_escape(row.consumer),
                html_escape(row.shape), html_escape(row.block_count), html_escape(row.dtype),
                html_escape(row.page_size), html_escape(row.total_size));
        }
        overview += "</table>\n";
    }
    overview +=
        "<p class=\"note\">Select a line of the TT-Lang source to mark the C++ it produced in every thread "
        "(tabs with such lines are underlined); select a C++ line for its TT-Lang line. A dotted name was "
        "renamed: hover it for its old name and why. A green name is a circular buffer: select it for its "
        "row.</p>\n";
    // Each file's tabs on their own (highlighting the big ones is most of the page's work).
    std::vector<std::pair<Panel, Panel>> per_file = std::move(file_tabs);
    if (per_file.size() != jobs.size()) {
        per_file.assign(jobs.size(), {});
        parallel_for(jobs.size(), [&](size_t j) {
            const FileJob& job = jobs[j];
            per_file[j] =
                render_file_tabs(job.kernel->threads[job.ti], job.kernel->artifacts.threads[job.ti].text(), job.ki, j);
        });
    }
    panels.push_back(Panel{"p-overview", "overview", "circular buffers and data flow", overview});
    for (auto& p : per_file) panels.push_back(std::move(p.first));
    std::string runner_body = "<h3>run_kernel.py</h3>\n";
    code_block(runner_body, "r", highlight_python(runner.text));
    panels.push_back(Panel{"p-runner", package::kRunnerFile, "the standalone runner", std::move(runner_body)});
    for (auto& p : per_file) panels.push_back(std::move(p.second));

    HtmlPage page;
    std::string out;
    out.reserve(program.source_text.size() * 8 + 65536);
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out +=
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'\">\n";
    out += fmt::format("<title>{}: exported kernels</title>\n<style>{}</style>\n</head>\n<body>\n",
                       html_escape(src_name), kStyle);
    size_t threads = jobs.size();
    out += fmt::format(
        "<header><h1>{} &rarr; TT-Metal kernels</h1><p>{} kernel{}, {} thread{}; {}. Exported by "
        "ttl-export.</p></header>\n<main>\n",
        html_escape(src_name), program.kernels.size(), program.kernels.size() == 1 ? "" : "s", threads,
        threads == 1 ? "" : "s",
        all_proven ? "every kernel proven equivalent to the compiler's output"
                   : "<span class=\"bad\">a kernel file is not proven equivalent to the compiler's output: see its "
                     "changes tab</span>");
    out += fmt::format("<section class=\"pane\" id=\"source\"><h2>{}</h2>\n", html_escape(program.source_path));
    code_block(out, "s", highlight_python(program.source_text));
    out += "</section>\n<section id=\"right\">\n<nav>";
    for (const Panel& p : panels) {
        out += fmt::format("<button data-tab=\"{}\" title=\"{}\">{}</button>", p.id, html_escape(p.title),
                           html_escape(p.label));
    }
    out += "</nav>\n";
    for (Panel& p : panels) {
        out += fmt::format("<div class=\"panel\" id=\"{}\">\n", p.id);
        page.parts.push_back(std::move(out));
        page.parts.push_back(std::move(p.body));
        out = "</div>\n";
    }
    out += fmt::format("</section>\n</main>\n<script>{}</script>\n</body>\n</html>\n", kScript);
    page.parts.push_back(std::move(out));
    return page;
}

}  // namespace ttl
