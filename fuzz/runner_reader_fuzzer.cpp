// libFuzzer target for the emitted-runner reader: never a crash; a failed read says why; a
// successful read has one tensor-index row per kernel and indices below NUM_TENSORS.
#include <cstddef>
#include <cstdint>
#include <string>

#include "read/runner_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > (1U << 20)) return -1;
    std::string text(reinterpret_cast<const char*>(data), size);
    ttl::Diagnostics diagnostics;
    auto runner = ttl::read_runner_text("fuzz_runner.py", text, diagnostics);
    if (!runner) {
        if (!diagnostics.has_errors()) __builtin_trap();
        return 0;
    }
    if (runner->tensor_indices.size() != runner->kernels.size()) __builtin_trap();
    for (const auto& row : runner->tensor_indices) {
        for (int index : row) {
            if (index < 0 || index >= runner->num_tensors) __builtin_trap();
        }
    }
    (void)ttl::dump_runner(*runner);
    return 0;
}
