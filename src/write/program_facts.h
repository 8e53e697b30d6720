// What the package's reports say about one exported kernel, computed once for EXPORT.md and
// EXPORT.html alike: the circular-buffer table and the data-flow graph.
#pragma once

#include <string>
#include <vector>

#include "write/exported_program.h"

namespace ttl {

/// One row of the circular-buffer table, every cell as shown.
struct CbRow {
    int index = 0;
    std::string name;  ///< the source's buffer variable, or `cbN (compiler)`
    bool present = true;  ///< false: the runner leaves the CB out (unused)
    std::string producer, consumer, shape, block_count, dtype, page_size, total_size;
    uint32_t line = 0;  ///< where the source creates the buffer; 0 for a compiler CB
};

std::vector<CbRow> cb_rows(const ExportedKernel& kernel);

/// The data-flow graph: tensors -> reader -> buffers -> compute -> buffers -> writer -> tensors.
struct FlowNode {
    enum class Kind { kTensor, kThread, kBuffer } kind = Kind::kThread;
    std::string id;  ///< unique in the kernel: the thread or buffer name, `T_<tensor>` for a tensor
    std::string label;  ///< the thread, buffer or tensor name
    ThreadRole role = ThreadRole::kCompute;  ///< a thread's
    bool has_file = false;  ///< a thread with a kernel file (a source thread may have none)
    int cb = 0;  ///< a buffer's CB index
};
struct FlowEdge {
    size_t from = 0;  ///< node indices
    size_t to = 0;
};
struct DataFlow {
    std::vector<FlowNode> nodes;  ///< threads, then buffers, then tensors in order of first use
    std::vector<FlowEdge> edges;  ///< tensor edges thread by thread, then buffer edges buffer by buffer
};

DataFlow data_flow(const ExportedKernel& kernel);

}  // namespace ttl
