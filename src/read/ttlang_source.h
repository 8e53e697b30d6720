// Stage "read": the model of a TT-Lang program, built from its Python text (never run).
//
// For every `@ttl.kernel` / `@ttl.operation` function: its decorator arguments and grid, tensor
// parameters, buffers in creation order (= circular-buffer index), thread functions in
// definition order with their loops, `with` blocks, `ttl.copy` and `.store` calls, captured
// tensors and buffers, comments and docstrings; and the program's `main()` (or the test that
// calls the kernels). Any import spelling of the ttl API is understood.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "read/thread_role.h"
#include "read/py_model.h"
#include "support/diagnostic.h"

namespace ttl {

/// A circular buffer (older API) or dataflow buffer (newer API).
struct TtlBuffer {
    std::string name;  ///< the Python variable
    int index = 0;  ///< creation order = CB index
    std::string api;  ///< "make_circular_buffer_like" or "make_dataflow_buffer_like"
    std::string like;  ///< the tensor it is shaped like (first argument)
    std::string shape_text;  ///< e.g. "(1, 1)"
    std::vector<int> shape;  ///< when the shape is a literal tuple of integers
    std::string count_text;  ///< buffer_factor / block_count as written
    int count = 0;  ///< when literal, else 0
    uint32_t line = 0;
};

struct TtlLoop {
    std::string var;  ///< the loop variable as written (`row`, `_`, `r, c`)
    std::string iter_text;  ///< `range(rows)`
    std::vector<std::string> range_args;  ///< arguments of `range(...)`, empty otherwise
    int parent = -1;  ///< index of the enclosing loop in the thread, or -1
    int depth = 0;  ///< 0 for outermost
    uint32_t line = 0;
    uint32_t end_line = 0;  ///< last line of the loop's body
};

struct TtlWithItem {
    std::string buffer;  ///< `lhs_cb` in `lhs_cb.wait()`
    std::string method;  ///< "wait" or "reserve"
    std::string as_name;  ///< `l` in `as l`, may be empty
};

struct TtlWith {
    std::vector<TtlWithItem> items;
    int loop = -1;  ///< innermost enclosing loop, or -1
    uint32_t line = 0;
    std::string source_line;  ///< the `with ...:` line as written, trimmed (its first line only)
};

struct TtlCall {
    std::string text;  ///< the whole call as written
    std::vector<std::string> args;
    std::string target;  ///< `tx` in `tx = ttl.copy(...)`, or the receiver of `.store`
    int loop = -1;
    uint32_t line = 0;
    std::string source_line;  ///< the statement's line as written, trimmed (its first line only)
};

struct TtlThread {
    std::string name;
    ThreadRole role = ThreadRole::kCompute;
    uint32_t line = 0;
    uint32_t end_line = 0;
    std::string docstring;
    std::vector<PyComment> comments;
    std::vector<std::string> captured_tensors;  ///< sorted (ASCII), as CPython orders free vars
    std::vector<std::string> captured_buffers;  ///< sorted
    std::vector<TtlLoop> loops;  ///< in source order (pre-order)
    std::vector<TtlWith> withs;
    std::vector<TtlCall> copies;
    std::vector<TtlCall> stores;
    /// Statements that are a `ttl.math.*` call with an output argument (`ttl.math.matmul(a, b, acc)`).
    std::vector<TtlCall> ops;
};

/// `x, y = ttl.core(dims=2)` / `ttl.node(...)`.
struct TtlCoreBinding {
    std::vector<std::string> names;
    std::string api;  ///< "core" or "node"
    std::string args_text;
    std::string thread;  ///< empty when bound in the kernel body
    uint32_t line = 0;
};

/// A plain assignment in the kernel body, e.g. `rows = lhs.shape[0] // ttl.TILE_SHAPE[0]`.
struct TtlLocal {
    std::string name;
    std::string value_text;
    uint32_t line = 0;
};

struct TtlKernel {
    std::string name;
    std::string decorator;  ///< "kernel" or "operation"
    std::vector<std::pair<std::string, std::string>> decorator_args;  ///< name -> source text
    bool grid_auto = false;
    std::vector<int> grid;  ///< explicit `grid=(x, y)`; empty when absent or not literal
    std::vector<std::string> params;
    std::string docstring;
    std::vector<PyComment> comments;  ///< comments in the kernel body outside threads
    uint32_t line = 0;
    uint32_t end_line = 0;
    std::vector<TtlBuffer> buffers;
    std::vector<TtlThread> threads;
    std::vector<TtlLocal> locals;
    std::vector<TtlCoreBinding> cores;

    int param_index(const std::string& tensor) const;
    const TtlBuffer* buffer(const std::string& buffer_name) const;
};

struct TtlKernelCall {
    std::string kernel;
    std::vector<std::string> args;
    uint32_t line = 0;
};

/// The function that runs the kernels: `main()`, a pytest test, or module-level code.
struct TtlProgram {
    std::string function;  ///< empty for module-level code
    uint32_t line = 0;
    uint32_t end_line = 0;
    std::vector<PyId> body;  ///< statements of the function in the module
    std::vector<TtlKernelCall> calls;
};

struct TtlSource {
    std::shared_ptr<const PyModule> module;
    std::vector<TtlKernel> kernels;
    std::optional<TtlProgram> program;

    const TtlKernel* kernel(const std::string& kernel_name) const;
};

/// Builds the model. Errors: the file does not read as Python, or it defines no kernel.
std::optional<TtlSource> read_ttlang_source(std::shared_ptr<const SourceFile> source, Diagnostics& diagnostics);
std::optional<TtlSource> read_ttlang_text(const std::string& name, const std::string& text, Diagnostics& diagnostics);

/// Test and debug dump of the whole model.
std::string dump_ttlang_source(const TtlSource& source);

}  // namespace ttl
