// The model of a Python file produced by the tolerant Python reader (read_python): statements
// with their nesting, and expressions parsed enough to see names, attributes, calls with
// keyword arguments, subscripts, tuples, lists and literals. Anything else is kept as an
// opaque expression or statement with its source text, never dropped.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "read/py_lexer.h"
#include "support/diagnostic.h"
#include "support/source.h"

namespace ttl {

using PyId = int32_t;
constexpr PyId kNoPy = -1;

enum class PyExprKind : uint8_t {
    kName,  ///< text = identifier (also `None`, `True`, `False`)
    kNumber,  ///< text = literal
    kString,  ///< text = source of the (concatenated) literal; value = decoded plain text
    kAttribute,  ///< kids[0].text
    kCall,  ///< kids[0](kids[1..]) plus keywords
    kSubscript,  ///< kids[0][kids[1]]
    kTuple,  ///< kids (also the bare `a, b` form)
    kList,
    kDict,  ///< kids alternate key, value
    kSlice,  ///< kids: lower, upper, step (kNoPy when absent)
    kBinary,  ///< text = operator (`//`, `@`, `and`, `not in`, ...)
    kUnary,  ///< text = operator (`-`, `not`, `*` for a starred argument, `**`)
    kOpaque,  ///< anything else (comprehension, lambda, conditional); see text
};

struct PyKeyword {
    std::string name;  ///< empty for `**mapping`
    PyId value = kNoPy;
};

struct PyExpr {
    PyExprKind kind = PyExprKind::kOpaque;
    uint32_t first_token = 0;  ///< token range, inclusive
    uint32_t last_token = 0;
    std::string text;
    std::string value;  ///< kString: the literal's value (escapes kept as written)
    std::vector<PyId> kids;
    std::vector<PyKeyword> keywords;  ///< kCall
    uint32_t depth = 1;  ///< levels of the tree this node heads (the reader bounds it)
};

enum class PyStmtKind : uint8_t {
    kFunctionDef,
    kClassDef,
    kIf,  ///< expr = condition; body; orelse = elif/else statements
    kFor,  ///< target, expr = iterable, body, orelse
    kWhile,
    kWith,  ///< items, body
    kTry,  ///< body; handlers and finally are kept in orelse as opaque text blocks
    kReturn,
    kAssign,  ///< targets = ... = expr
    kAugAssign,  ///< target op= expr (text = operator)
    kExpr,
    kImport,  ///< names: (module, alias)
    kImportFrom,  ///< module; names: (name, alias)
    kPass,
    kOther,  ///< kept as text (`global`, `raise`, `assert`, `del`, ...)
};

struct PyParam {
    std::string name;
    std::string annotation;  ///< source text, may be empty
    std::string default_text;
    std::string prefix;  ///< "*" or "**" for variadic parameters
};

struct PyWithItem {
    PyId context = kNoPy;
    PyId target = kNoPy;  ///< the `as` target, or kNoPy
};

struct PyAlias {
    std::string name;
    std::string alias;  ///< empty when not renamed
};

struct PyStmt {
    PyStmtKind kind = PyStmtKind::kOther;
    uint32_t first_token = 0;
    uint32_t last_token = 0;  ///< the last token of the statement (its NEWLINE or body end)
    uint32_t line = 0;
    uint32_t end_line = 0;
    std::vector<PyId> decorators;
    std::string name;  ///< def/class name, keyword of kOther
    std::vector<PyParam> params;
    std::string docstring;  ///< def/class: the first statement's string value
    std::vector<PyId> targets;  ///< kAssign targets, kFor target, kAugAssign target
    PyId expr = kNoPy;  ///< value, condition, iterable, returned value
    std::vector<PyWithItem> items;  ///< kWith
    std::string module;  ///< kImportFrom
    std::vector<PyAlias> names;  ///< kImport / kImportFrom
    std::vector<PyId> body;
    std::vector<PyId> orelse;
    std::string text;  ///< the statement's first logical line, whitespace folded
};

struct PyComment {
    uint32_t line = 0;
    uint32_t column = 0;
    std::string text;  ///< without the leading '#' and surrounding spaces
};

struct PyModule {
    std::shared_ptr<const SourceFile> source;
    std::vector<PyToken> tokens;
    std::vector<PyExpr> exprs;
    std::vector<PyStmt> stmts;
    std::vector<PyId> body;  ///< top-level statements
    std::vector<PyComment> comments;

    const PyExpr& expr(PyId id) const { return exprs[static_cast<size_t>(id)]; }
    const PyStmt& stmt(PyId id) const { return stmts[static_cast<size_t>(id)]; }
    /// Source text of an expression with line breaks and indentation folded to one space.
    std::string expr_text(PyId id) const;
    /// The same for an inclusive token range (comments inside are dropped).
    std::string expr_text_range(uint32_t first_token, uint32_t last_token) const;
    /// `a.b.c` for a name or attribute chain, empty for anything else.
    std::string dotted_name(PyId id) const;
    /// Comments whose line lies in [first_line, last_line].
    std::vector<PyComment> comments_between(uint32_t first_line, uint32_t last_line) const;
};

/// Reads a Python file. Returns nothing (and adds errors) when it does not tokenize or a
/// statement is malformed beyond what the tolerant parser keeps as text.
std::optional<PyModule> read_python(std::shared_ptr<const SourceFile> source, Diagnostics& diagnostics);
std::optional<PyModule> read_python_text(const std::string& name, const std::string& text, Diagnostics& diagnostics);

/// Test and debug dump: one line per statement, nested by indentation.
std::string dump_python(const PyModule& module);

}  // namespace ttl
