// libFuzzer target for the kernel reader. Properties checked on every input:
//  - reading never crashes, hangs or trips a sanitizer (deep nesting is an error, not recursion);
//  - when the read succeeds, printing the tokens gives the normalized input back byte for byte;
//  - the dump of a successful read can be produced.
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/kernel_dump.h"
#include "read/kernel_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > (1U << 20)) return -1;  // larger inputs add time, not coverage
    std::string text(reinterpret_cast<const char*>(data), size);
    ttl::Diagnostics diagnostics;
    auto kernel = ttl::read_kernel_text("fuzz.cpp", text, diagnostics);
    if (kernel) {
        // The tokens give back the text as the compiler reads it (BOM dropped, CRLF and CR as LF).
        if (ttl::print_tokens(*kernel) != ttl::normalize_text(text)) __builtin_trap();
        (void)ttl::dump_kernel(*kernel);
    } else if (!diagnostics.has_errors()) {
        __builtin_trap();  // a failed read must say why
    }
    (void)diagnostics.render_all();
    return 0;
}
