// read_kernel: the three reading steps in order, and the token printer.
#include "read/kernel_reader.h"

#include "read/cpp_lexer.h"

namespace ttl {

std::string_view KernelFile::text(TokenIndex index) const {
    return token_text(*source, tokens, index);
}

std::string_view KernelFile::text(TokenRange range) const {
    std::string_view all(source->text());
    return all.substr(tokens[range.first].begin, tokens.end_of(range.last) - tokens[range.first].begin);
}

const Declarator* KernelFile::declarator_of(const Local& local) const {
    if (local.decl_stmt == kNone) return nullptr;
    for (const Declarator& d : stmt(local.decl_stmt).declarators) {
        if (d.name_token == local.decl_token) return &d;
    }
    return nullptr;
}

ExprId KernelFile::initializer_of(const Local& local) const {
    const Declarator* d = declarator_of(local);
    if (d == nullptr || d->init_exprs.count != 1) return kNone;
    return ids(d->init_exprs)[0];
}

int32_t KernelFile::local_of(const Function& f, ExprId id) const {
    const Expr& e = expr(id);
    if (e.kind != ExprKind::kName || e.has_template_args || e.range.first != e.range.last) return kNone;
    return f.local_at(e.name_token);
}

std::optional<KernelFile> read_kernel(std::shared_ptr<const SourceFile> source, Diagnostics& diagnostics) {
    KernelFile kernel;
    kernel.source = std::move(source);
    Diagnostics local;
    kernel.tokens = lex_cpp(*kernel.source, local);
    bool ok = !local.has_errors() && parse_kernel(kernel, local);
    for (const Diagnostic& d : local.items()) diagnostics.add(d);
    if (!ok) return std::nullopt;
    resolve_locals(kernel);
    return kernel;
}

std::optional<KernelFile> read_kernel_text(const std::string& name, const std::string& text, Diagnostics& diagnostics) {
    return read_kernel(std::make_shared<SourceFile>(name, text), diagnostics);
}

std::string print_tokens(const KernelFile& kernel) {
    std::string out;
    out.reserve(kernel.source->text().size());
    for (size_t i = 0; i < kernel.tokens.size(); ++i) out += token_text(*kernel.source, kernel.tokens, i);
    return out;
}

}  // namespace ttl
