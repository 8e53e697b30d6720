// libFuzzer target for the Python tokenizer, the tolerant parser and the TT-Lang model:
// never a crash, hang or sanitizer report; a failed read always says why.
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/py_model.h"
#include "read/ttlang_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > (1U << 20)) return -1;
    std::string text(reinterpret_cast<const char*>(data), size);
    ttl::Diagnostics diagnostics;
    auto module = ttl::read_python_text("fuzz.py", text, diagnostics);
    if (!module && !diagnostics.has_errors()) __builtin_trap();
    if (module) (void)ttl::dump_python(*module);
    ttl::Diagnostics d2;
    auto source = ttl::read_ttlang_text("fuzz.py", text, d2);
    if (!source && !d2.has_errors()) __builtin_trap();
    if (source) (void)ttl::dump_ttlang_source(*source);
    (void)d2.render_all();
    return 0;
}
