#include "write/program_facts.h"

#include <fmt/format.h>

namespace ttl {

namespace {

/// Threads of a kernel that reserve (produce) or wait on (consume) a buffer, from the source.
std::string threads_using(const TtlKernel& k, const std::string& buffer, const std::string& method) {
    std::string out;
    for (const TtlThread& t : k.threads) {
        bool uses = false;
        for (const TtlWith& w : t.withs) {
            for (const TtlWithItem& item : w.items) uses = uses || (item.buffer == buffer && item.method == method);
        }
        if (uses) out += (out.empty() ? "" : ", ") + t.name;
    }
    return out.empty() ? "-" : out;
}

}  // namespace

std::vector<CbRow> cb_rows(const ExportedKernel& k) {
    std::vector<CbRow> out;
    for (const RunnerCb& cb : k.artifacts.runner.cbs) {
        const TtlBuffer* b =
            cb.index < static_cast<int>(k.source->buffers.size()) ? &k.source->buffers[cb.index] : nullptr;
        CbRow row;
        row.index = cb.index;
        row.name = b != nullptr ? b->name : fmt::format("cb{} (compiler)", cb.index);
        row.line = b != nullptr ? b->line : 0;
        row.present = cb.present;
        if (!cb.present) {
            row.producer = row.consumer = row.page_size = row.total_size = "-";
            row.shape = b != nullptr ? b->shape_text : "-";
            row.block_count = b != nullptr ? b->count_text : "-";
            row.dtype = "unused";
        } else {
            row.producer = b != nullptr ? threads_using(*k.source, b->name, "reserve") : "-";
            row.consumer = b != nullptr ? threads_using(*k.source, b->name, "wait") : "-";
            row.shape =
                cb.shape_known ? fmt::format("({}, {})", cb.rows, cb.cols) : fmt::format("{} tiles", cb.num_tiles);
            row.block_count = std::to_string(cb.block_count);
            row.dtype = cb.dtype;
            row.page_size = std::to_string(cb.page_size);
            row.total_size = std::to_string(cb.total_size);
        }
        out.push_back(std::move(row));
    }
    return out;
}

DataFlow data_flow(const ExportedKernel& k) {
    DataFlow g;
    auto find = [&](const std::string& id) {
        for (size_t i = 0; i < g.nodes.size(); ++i) {
            if (g.nodes[i].id == id) return i;
        }
        return g.nodes.size();
    };
    // The node with n's id, added as `n` when it is new.
    auto node = [&](FlowNode n) {
        size_t i = find(n.id);
        if (i == g.nodes.size()) g.nodes.push_back(std::move(n));
        return i;
    };
    for (const ExportedThread& t : k.threads) {
        node(FlowNode{FlowNode::Kind::kThread, t.thread, t.thread, t.role, true, 0});
    }
    for (const TtlBuffer& b : k.source->buffers) {
        node(FlowNode{FlowNode::Kind::kBuffer, b.name, b.name, ThreadRole::kCompute, false, b.index});
    }
    for (const ExportedThread& t : k.threads) {
        size_t thread = find(t.thread);
        bool writes = t.role == ThreadRole::kWriter;
        for (const std::string& tensor : t.tensors) {
            size_t n = node(FlowNode{FlowNode::Kind::kTensor, "T_" + tensor, tensor});
            g.edges.push_back(writes ? FlowEdge{thread, n} : FlowEdge{n, thread});
        }
    }
    for (const TtlBuffer& b : k.source->buffers) {
        size_t buffer = find(b.name);
        for (const TtlThread& t : k.source->threads) {
            for (const TtlWith& w : t.withs) {
                for (const TtlWithItem& item : w.items) {
                    if (item.buffer != b.name) continue;
                    size_t thread = node(FlowNode{FlowNode::Kind::kThread, t.name, t.name, t.role, false, 0});
                    g.edges.push_back(item.method == "reserve" ? FlowEdge{thread, buffer} : FlowEdge{buffer, thread});
                }
            }
        }
    }
    return g;
}

}  // namespace ttl
