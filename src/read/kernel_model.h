// The model of one emitted kernel file, produced by the kernel reader (read_kernel) and used by
// every later stage to bind, rename, rewrite and validate.
//
// All positions are indices into `tokens` (which hold every byte of the file), so a later
// stage can edit exactly the tokens it means and leave every other byte as it was. Nodes live
// in arenas (`exprs`, `stmts`) and refer to each other by index.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "read/cpp_token.h"
#include "support/name_table.h"
#include "support/source.h"

namespace ttl {

using TokenIndex = uint32_t;
using ExprId = int32_t;
using StmtId = int32_t;
constexpr int32_t kNone = -1;

/// An inclusive range of token indices [first, last]; both are significant tokens.
struct TokenRange {
    TokenIndex first = 0;
    TokenIndex last = 0;
};

/// A type as written, e.g. `int32_t`, `experimental::CircularBuffer`, `CoreLocalMem<uint32_t>`.
struct TypeRef {
    TokenRange range;
    std::string_view text;  ///< tokens joined with single spaces only between words
};

/// A run of ids in KernelFile::expr_ids (children of an expression, template arguments).
struct IdSpan {
    uint32_t first = 0;
    uint32_t count = 0;
};

enum class ExprKind : uint8_t {
    kName,  ///< `v1`, `PoolType::MAX`, `TensorAccessorArgs<3, 0>` (text + template args)
    kLiteral,  ///< number, string, char, `true`, `false`, `nullptr`
    kCall,  ///< callee(args): kids[0] = callee, kids[1..] = arguments
    kMember,  ///< object.member or object->member: kids[0] = object; text = member
    kSubscript,  ///< kids[0][kids[1]]
    kCast,  ///< `(T) x`, `static_cast<T>(x)`: text = T (as a TypeRef's text), kids[0] = operand
    kUnary,  ///< prefix operator: text = operator, kids[0] = operand
    kPostfix,  ///< `x++`, `x--`: text = operator, kids[0] = operand
    kBinary,  ///< text = operator (assignments included): kids[0] op kids[1]
    kConditional,  ///< kids[0] ? kids[1] : kids[2]
    kParen,  ///< (kids[0])
    kInitList,  ///< `{a, .field = b}`: kids are elements (kDesignated for `.f = x`)
    kDesignated,  ///< `.text = kids[0]`
    kType,  ///< a type used as a template argument: text = the type (as a TypeRef's text)
};

enum class CastStyle : uint8_t { kNotCast, kC, kStatic, kReinterpret, kConst, kFunctional };

/// An expression node (40 bytes). Plain data without ownership: its text views the source or
/// KernelFile::strings, its children are spans of KernelFile::expr_ids (see KernelFile::kids).
/// Template arguments (at most 255) are stored in expr_ids just before the children (see
/// KernelFile::template_args).
struct Expr {
    ExprKind kind = ExprKind::kLiteral;
    CastStyle cast_style = CastStyle::kNotCast;
    bool arrow : 1 = false;  ///< kMember via `->`
    bool has_template_args : 1 = false;  ///< kName / kMember written with `<...>`
    uint8_t template_count = 0;  ///< kName / kMember: how many template arguments
    TokenIndex name_token = 0;  ///< kName: the last identifier; kMember/kDesignated: the member
    TokenRange range;
    std::string_view text;  ///< name (qualified), operator, member, literal or type text
    IdSpan kids;
};
static_assert(sizeof(Expr) == 40);

/// One declared name in a declaration statement: `v1 = 2`, `noc0(0)`, `x{1}`.
struct Declarator {
    enum class Init : uint8_t { kNoInit, kAssign, kParen, kBrace };
    TokenIndex name_token = 0;
    std::string_view name;
    Init init = Init::kNoInit;
    IdSpan init_exprs;  ///< one for kAssign, the arguments for kParen/kBrace (KernelFile::ids)
};

enum class StmtKind : uint8_t {
    kDecl,  ///< type + declarators
    kExpr,  ///< expr;
    kFor,  ///< for (init; cond; step) body
    kIf,  ///< if (cond) kids[0] [else kids[1]]
    kWhile,  ///< while (cond) kids[0]
    kBlock,  ///< { kids... }
    kReturn,  ///< return [expr];
    kBreak,
    kContinue,
    kEmpty,  ///< ;
    kOpaque,  ///< anything the reader does not model; kept verbatim, never rewritten
};

/// A statement. Plain data without ownership: `declarators` and `kids` view the arenas
/// KernelFile::declarators and KernelFile::stmt_ids, so they stay valid as long as the file
/// (moving a KernelFile keeps them; it cannot be copied); `reason` is a literal or one of
/// KernelFile::strings.
struct Stmt {
    StmtKind kind = StmtKind::kEmpty;
    TokenRange range;
    TypeRef type;  ///< kDecl
    std::span<const Declarator> declarators;  ///< kDecl
    ExprId expr = kNone;  ///< kExpr, kReturn, kIf/kWhile condition, kFor condition
    StmtId init = kNone;  ///< kFor: a kDecl, kExpr or kEmpty statement
    ExprId step = kNone;  ///< kFor
    std::span<const StmtId> kids;  ///< kBlock: statements; kFor/kWhile: body; kIf: then, else
    const char* reason = "";  ///< kOpaque: why the reader did not model it
};

struct Param {
    TypeRef type;
    TokenIndex name_token = 0;  ///< 0 when unnamed
    std::string_view name;
};

/// A local variable or parameter of one function, with every place it occurs. The token
/// lists view Function::occurrences (valid as long as the KernelFile), in source order.
struct Local {
    std::string_view name;
    std::string_view type;  ///< declared type text
    TokenIndex decl_token = 0;  ///< the name in its declaration
    StmtId decl_stmt = kNone;  ///< kNone for parameters
    bool is_param = false;
    bool address_taken = false;  ///< `&x` somewhere (may be written through a pointer)
    uint32_t depth = 0;  ///< block nesting depth of the declaration (0 = function)
    TokenIndex scope_end = 0;  ///< the last token where the name is in scope
    std::span<const TokenIndex> uses;  ///< every later occurrence that refers to it
    std::span<const TokenIndex> writes;  ///< occurrences assigned, incremented or decremented
    std::span<const TokenIndex> opaque_uses;  ///< occurrences inside opaque statements
    bool written_after_init() const { return !writes.empty() || address_taken; }
};

/// A half-open run of arena ids: the expressions or statements of one function.
struct IdRun {
    int32_t first = 0;
    int32_t stop = 0;  ///< one past the last
    struct Iterator {
        int32_t id;
        int32_t operator*() const { return id; }
        Iterator& operator++() {
            ++id;
            return *this;
        }
        bool operator==(const Iterator&) const = default;
    };
    Iterator begin() const { return {first}; }
    Iterator end() const { return {stop}; }
};

struct Function {
    std::string_view name;
    TokenIndex name_token = 0;
    TokenRange range;
    TypeRef return_type;
    bool has_param_list = true;  ///< false for `void MAIN { ... }` (MAIN is a macro)
    bool params_opaque = false;  ///< the parameter list could not be read; kept as written
    std::vector<Param> params;
    StmtId body = kNone;  ///< a kBlock
    std::vector<Local> locals;  ///< parameters first, then in declaration order
    std::vector<TokenIndex> occurrences;  ///< the token lists of all locals (Local::uses, ...)
    IdRun expr_ids;  ///< the expressions read inside the function (KernelFile::exprs)
    IdRun stmt_ids;  ///< the statements read inside the function (KernelFile::stmts)
    /// Per token of `range`: the local its declaration, use or opaque use names, or kNone.
    std::vector<int32_t> token_locals;
    /// The local (index into `locals`) that token `t` declares or names, or kNone.
    int32_t local_at(TokenIndex t) const {
        if (t < range.first || t > range.last || token_locals.empty()) return kNone;
        return token_locals[t - range.first];
    }
    bool contains(TokenRange r) const { return r.first >= range.first && r.last <= range.last; }
    Function() = default;
    Function(Function&&) = default;
    Function& operator=(Function&&) = default;
    Function(const Function&) = delete;  // locals view `occurrences`; a copy would share them
    Function& operator=(const Function&) = delete;
};

enum class TopKind : uint8_t {
    kComment,
    kInclude,  ///< name = path, angled = <...>
    kDefine,  ///< name, value = replacement text
    kConditional,  ///< `#ifndef NAME` ... `#endif`: name = condition text, kids = items inside
    kDirective,  ///< any other directive (`#pragma`, `#else`, `#undef`)
    kFunction,  ///< function = index into functions
    kNamespace,  ///< name, kids
    kOther,  ///< declarations the reader does not model, kept verbatim
};

struct TopItem {
    TopKind kind = TopKind::kOther;
    TokenRange range;
    std::string name;
    std::string value;
    bool angled = false;
    int32_t function = kNone;
    std::vector<TopItem> kids;
};

enum class EntryStyle : uint8_t {
    kNoEntry,  ///< no `kernel_main` found
    kKernelMain,  ///< `void kernel_main() {...}` at file scope
    kNamespaceMain,  ///< `namespace NAMESPACE { void kernel_main() {...} void MAIN {...} }`
};

struct KernelFile {
    std::shared_ptr<const SourceFile> source;
    TokenList tokens;  ///< every byte, in order
    std::vector<TopItem> items;  ///< top-level structure
    std::vector<Function> functions;  ///< every function definition, in file order
    std::vector<Expr> exprs;
    std::vector<Stmt> stmts;
    std::vector<ExprId> expr_ids;  ///< the children lists of all expressions
    std::vector<Declarator> declarators;  ///< the declarator lists of all statements
    std::vector<StmtId> stmt_ids;  ///< the children lists of all statements
    std::deque<std::string> strings;  ///< texts that are not a slice of the source (stable addresses)
    std::string header_name;  ///< `read_inputs` from a first line `// read_inputs`
    EntryStyle entry_style = EntryStyle::kNoEntry;
    int32_t entry_function = kNone;  ///< index of `kernel_main` in functions
    /// Words of preprocessor lines (macro names and bodies), sorted and distinct: a new name
    /// must not collide with them either (see has_identifier).
    std::vector<std::string_view> macro_words;
    /// Identifier texts interned once: symbol(i) is the symbol of identifier token i
    /// (kNoSymbol for other tokens) and symbols.name(s) its text. Lets the reader compare and
    /// look up names by integer.
    NameTable symbols;
    static constexpr uint32_t kNoSymbol = NameTable::kMissing;
    uint32_t symbol(TokenIndex index) const {
        uint32_t s = tokens[index].symbol;
        return s == Token::kNoSymbol ? kNoSymbol : s;
    }

    /// True when `name` occurs in the file as an identifier or a word of a directive.
    bool has_identifier(std::string_view name) const {
        return symbols.find(name) != kNoSymbol || std::binary_search(macro_words.begin(), macro_words.end(), name);
    }

    std::string_view text(TokenIndex index) const;
    std::string_view text(TokenRange range) const;
    KernelFile() = default;
    KernelFile(KernelFile&&) = default;
    KernelFile& operator=(KernelFile&&) = default;
    KernelFile(const KernelFile&) = delete;  // texts view `strings`; copying would dangle
    KernelFile& operator=(const KernelFile&) = delete;

    const Expr& expr(ExprId id) const { return exprs[static_cast<size_t>(id)]; }
    std::span<const ExprId> kids(const Expr& e) const { return {expr_ids.data() + e.kids.first, e.kids.count}; }
    std::span<const ExprId> template_args(const Expr& e) const {
        return {expr_ids.data() + e.kids.first - e.template_count, e.template_count};
    }
    std::span<const ExprId> ids(IdSpan span) const { return {expr_ids.data() + span.first, span.count}; }
    /// The i-th child of `e`.
    ExprId kid(const Expr& e, size_t i) const { return expr_ids[e.kids.first + i]; }
    /// Keeps `text` alive as long as the file and returns a view of it.
    std::string_view keep(std::string text) {
        strings.push_back(std::move(text));
        return strings.back();
    }
    const Stmt& stmt(StmtId id) const { return stmts[static_cast<size_t>(id)]; }
    /// The ids of the expressions and statements read inside function `f`.
    IdRun exprs_of(const Function& f) const { return f.expr_ids; }
    IdRun stmts_of(const Function& f) const { return f.stmt_ids; }
    /// The declarator that declares `local` (nullptr for a parameter).
    const Declarator* declarator_of(const Local& local) const;
    /// The single initializer of `local` (`= x`, `(x)` or `{x}`), or kNone.
    ExprId initializer_of(const Local& local) const;
    /// The local of `f` that a plain name expression (`v1`, not `a::b` or `x<1>`) refers to, or kNone.
    int32_t local_of(const Function& f, ExprId id) const;
    Location location(TokenIndex index) const { return source->location(tokens[index].begin); }
};

}  // namespace ttl
