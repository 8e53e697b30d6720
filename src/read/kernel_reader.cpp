// read_kernel: the three reading steps in order, and the token printer.
#include "read/kernel_reader.h"

#include "read/cpp_lexer.h"

namespace ttl {

std::string_view KernelFile::text(TokenIndex index) const {
    return token_text(*source, tokens[index]);
}

std::string_view KernelFile::text(TokenRange range) const {
    std::string_view all(source->text());
    return all.substr(tokens[range.first].begin, tokens[range.last].end - tokens[range.first].begin);
}

std::optional<KernelFile> read_kernel(std::shared_ptr<const SourceFile> source,
                                      Diagnostics& diagnostics) {
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

std::optional<KernelFile> read_kernel_text(const std::string& name, const std::string& text,
                                           Diagnostics& diagnostics) {
    return read_kernel(std::make_shared<SourceFile>(name, text), diagnostics);
}

std::string print_tokens(const KernelFile& kernel) {
    std::string out;
    out.reserve(kernel.source->text().size());
    for (const Token& token : kernel.tokens) out += token_text(*kernel.source, token);
    return out;
}

}  // namespace ttl
