// Reading the emitted runner: top-level constant assignments are evaluated as Python literals
// (ints, strings, None, tuples, lists, `ttnn.<name>` symbols and keyword calls such as
// `PhysicalDFBConfig(...)`), then checked and mapped into RunnerModel.
#include "read/runner_model.h"

#include <map>

#include <fmt/format.h>

namespace ttl {

namespace {

/// A Python literal value, as far as runners use them.
struct Value {
    enum class Kind { kInt, kStr, kNone, kBool, kSeq, kSymbol, kCall, kOther } kind = Kind::kOther;
    long long integer = 0;
    std::string text;  // kStr value, kSymbol dotted name, kCall callee
    char quote = 0;  // kStr: the quote character used
    std::vector<Value> items;  // kSeq items, kCall positional arguments
    std::map<std::string, Value> keywords;  // kCall
    uint32_t line = 0;
};

class Evaluator {
public:
    explicit Evaluator(const PyModule& m) : m_(m) {}

    Value eval(PyId id, int depth = 0) const {
        Value v;
        if (id == kNoPy || depth > 64) return v;
        const PyExpr& e = m_.expr(id);
        v.line = m_.tokens[e.first_token].line;
        switch (e.kind) {
            case PyExprKind::kNumber: {
                v.kind = Value::Kind::kInt;
                std::string digits;
                for (char c : e.text) {
                    if (c != '_') digits += c;
                }
                try {
                    size_t used = 0;
                    v.integer = std::stoll(digits, &used, 0);
                    if (used != digits.size()) v.kind = Value::Kind::kOther;
                } catch (...) {
                    v.kind = Value::Kind::kOther;
                }
                return v;
            }
            case PyExprKind::kString:
                v.kind = Value::Kind::kStr;
                v.text = e.value;
                v.quote = py_token_text(*m_.source, m_.tokens[e.first_token]).back();
                return v;
            case PyExprKind::kName:
                if (e.text == "None")
                    v.kind = Value::Kind::kNone;
                else if (e.text == "True" || e.text == "False") {
                    v.kind = Value::Kind::kBool;
                    v.integer = e.text == "True";
                } else {
                    v.kind = Value::Kind::kSymbol;
                    v.text = e.text;
                }
                return v;
            case PyExprKind::kAttribute:
                v.kind = Value::Kind::kSymbol;
                v.text = m_.dotted_name(id);
                if (v.text.empty()) v.kind = Value::Kind::kOther;
                return v;
            case PyExprKind::kUnary:
                if (e.text == "-") {
                    v = eval(e.kids[0], depth + 1);
                    if (v.kind == Value::Kind::kInt)
                        v.integer = -v.integer;
                    else
                        v.kind = Value::Kind::kOther;
                }
                return v;
            case PyExprKind::kTuple:
            case PyExprKind::kList:
                v.kind = Value::Kind::kSeq;
                for (PyId k : e.kids) v.items.push_back(eval(k, depth + 1));
                return v;
            case PyExprKind::kCall:
                v.kind = Value::Kind::kCall;
                v.text = m_.dotted_name(e.kids[0]);
                for (size_t i = 1; i < e.kids.size(); ++i) v.items.push_back(eval(e.kids[i], depth + 1));
                for (const PyKeyword& k : e.keywords) v.keywords[k.name] = eval(k.value, depth + 1);
                return v;
            case PyExprKind::kDict:
                v.kind = Value::Kind::kSeq;  // only emptiness matters for dicts
                for (PyId k : e.kids) v.items.push_back(eval(k, depth + 1));
                return v;
            default: return v;
        }
    }

private:
    const PyModule& m_;
};

bool is_empty_value(const Value& v) {
    if (v.kind == Value::Kind::kNone) return true;
    if (v.kind == Value::Kind::kInt || v.kind == Value::Kind::kBool) return v.integer == 0;
    if (v.kind == Value::Kind::kSeq) {
        for (const Value& item : v.items) {
            if (!is_empty_value(item)) return false;
        }
        return true;
    }
    return false;
}

class RunnerReader {
public:
    RunnerReader(const PyModule& m, Diagnostics& diagnostics) : m_(m), eval_(m), diags_(diagnostics) {}

    std::optional<RunnerModel> run() {
        bool imports_ttl = false;
        for (PyId id : m_.body) {
            const PyStmt& s = m_.stmt(id);
            if (s.kind == PyStmtKind::kAssign && s.targets.size() == 1 &&
                m_.expr(s.targets[0]).kind == PyExprKind::kName) {
                constants_[m_.expr(s.targets[0]).text] = eval_.eval(s.expr);
                lines_[m_.expr(s.targets[0]).text] = s.line;
            }
            if (s.kind == PyStmtKind::kImportFrom && (s.module == "ttl" || s.module.rfind("ttl.", 0) == 0))
                imports_ttl = true;
            if (s.kind == PyStmtKind::kImport) {
                for (const PyAlias& a : s.names)
                    imports_ttl = imports_ttl || a.name == "ttl" || a.name.rfind("ttl.", 0) == 0;
            }
        }
        RunnerModel r;
        r.path = m_.source->name();
        bool r3 = has("OPERATION_NAME") || has("NUM_DFB_RESETS") || has("KERNEL_LOGICAL_IDENTITIES");
        bool r2 =
            r3 || has("PROGRAM_HASH") || has("KERNEL_NOC_INDICES") || has("MESH_PROGRAM_PLACEMENTS") || imports_ttl;
        r.format = r3 ? "R3" : r2 ? "R2" : "R1";
        if (!unsupported_features()) return std::nullopt;
        if (!integer("GRID_COLS", r.grid_cols) || !integer("GRID_ROWS", r.grid_rows) ||
            !integer("NUM_TENSORS", r.num_tensors) || !kernel_paths(r) || !tensor_indices(r) || !cb_configs(r)) {
            return std::nullopt;
        }
        if (r.tensor_indices.size() != r.kernels.size()) {
            error("KERNEL_TENSOR_INDICES", fmt::format("'KERNEL_TENSOR_INDICES' has {} rows but 'KERNEL_PATHS' "
                                                       "names {} kernels; expected one row per kernel",
                                                       r.tensor_indices.size(), r.kernels.size()));
            return std::nullopt;
        }
        for (size_t k = 0; k < r.tensor_indices.size(); ++k) {
            for (int index : r.tensor_indices[k]) {
                if (index < 0 || index >= r.num_tensors) {
                    error("KERNEL_TENSOR_INDICES",
                          fmt::format("'KERNEL_TENSOR_INDICES' row {} names tensor {}, but 'NUM_TENSORS' is {}", k,
                                      index, r.num_tensors));
                    return std::nullopt;
                }
            }
        }
        return r;
    }

private:
    bool has(const std::string& name) const { return constants_.count(name) > 0; }

    void error(const std::string& constant, std::string message) {
        auto it = lines_.find(constant);
        if (it == lines_.end()) {
            diags_.add(make_file_diagnostic(Severity::kError, m_.source->name(), std::move(message)));
            return;
        }
        // Point at the constant's name on its line.
        uint32_t offset = 0;
        for (const PyToken& t : m_.tokens) {
            if (t.line == it->second && t.kind == PyTokenKind::kName) {
                offset = t.begin;
                break;
            }
        }
        diags_.error(*m_.source, offset, std::move(message));
    }

    bool missing(const std::string& name, const char* expected) {
        diags_.add(
            make_file_diagnostic(Severity::kError, m_.source->name(),
                                 fmt::format("not an emitted runner: missing '{}' (expected {})", name, expected)));
        return false;
    }

    bool integer(const std::string& name, int& out) {
        if (!has(name)) return missing(name, "an integer");
        const Value& v = constants_.at(name);
        if (v.kind != Value::Kind::kInt || v.integer < 0 || v.integer > 1000000) {
            error(name, fmt::format("'{}' must be a non-negative integer literal", name));
            return false;
        }
        out = static_cast<int>(v.integer);
        return true;
    }

    bool kernel_paths(RunnerModel& r) {
        if (!has("KERNEL_PATHS")) return missing("KERNEL_PATHS", "a list of (path, 'compute' or 'noc')");
        const Value& list = constants_.at("KERNEL_PATHS");
        if (list.kind != Value::Kind::kSeq) {
            error("KERNEL_PATHS", "'KERNEL_PATHS' must be a list of (path, 'compute' or 'noc') tuples");
            return false;
        }
        int noc = 0;
        for (const Value& entry : list.items) {
            if (entry.kind != Value::Kind::kSeq || entry.items.size() != 2 ||
                entry.items[0].kind != Value::Kind::kStr || entry.items[1].kind != Value::Kind::kStr ||
                (entry.items[1].text != "compute" && entry.items[1].text != "noc")) {
                error("KERNEL_PATHS", "'KERNEL_PATHS' must be a list of (path, 'compute' or 'noc') tuples");
                return false;
            }
            RunnerKernel k;
            k.path = entry.items[0].text;
            k.line = entry.line;
            if (r.quoting.empty()) r.quoting = entry.items[1].quote == '\'' ? "single" : "double";
            parse_kernel_file_name(k.path, k.thread, k.hash);
            if (k.thread.empty()) {
                // Not the emitter's naming: use the file stem as the thread name.
                std::string base = k.path.substr(k.path.find_last_of('/') + 1);
                k.thread = base.substr(0, base.rfind('.'));
            }
            if (entry.items[1].text == "compute") {
                k.role = ThreadRole::kCompute;
            } else {
                k.role = data_movement_role(noc);
                ++noc;
            }
            r.kernels.push_back(std::move(k));
        }
        if (noc > 2) {
            error("KERNEL_PATHS", fmt::format("'KERNEL_PATHS' has {} data-movement kernels; a Tensix core "
                                              "runs at most two (reader and writer)",
                                              noc));
            return false;
        }
        return true;
    }

    bool tensor_indices(RunnerModel& r) {
        if (!has("KERNEL_TENSOR_INDICES")) return missing("KERNEL_TENSOR_INDICES", "a list of integer lists");
        const Value& list = constants_.at("KERNEL_TENSOR_INDICES");
        bool ok = list.kind == Value::Kind::kSeq;
        for (const Value& row : list.items) {
            ok = ok && row.kind == Value::Kind::kSeq;
            std::vector<int> indices;
            for (const Value& v : row.items) {
                ok = ok && v.kind == Value::Kind::kInt;
                indices.push_back(static_cast<int>(v.integer));
            }
            r.tensor_indices.push_back(std::move(indices));
        }
        if (!ok) error("KERNEL_TENSOR_INDICES", "'KERNEL_TENSOR_INDICES' must be a list of integer lists");
        return ok;
    }

    static std::string dtype_name(const Value& v) {
        if (v.kind != Value::Kind::kSymbol) return {};
        std::string s = v.text;
        size_t dot = s.rfind('.');
        return dot == std::string::npos ? s : s.substr(dot + 1);
    }

    bool cb_configs(RunnerModel& r) {
        if (!has("CB_CONFIGS")) return missing("CB_CONFIGS", "a list of circular-buffer tuples or None");
        const Value& list = constants_.at("CB_CONFIGS");
        if (list.kind != Value::Kind::kSeq) {
            error("CB_CONFIGS", "'CB_CONFIGS' must be a list");
            return false;
        }
        for (size_t i = 0; i < list.items.size(); ++i) {
            const Value& v = list.items[i];
            RunnerCb cb;
            cb.index = static_cast<int>(i);
            cb.line = v.line;
            if (v.kind == Value::Kind::kNone) {
                r.cbs.push_back(cb);
                continue;
            }
            cb.present = true;
            if (v.kind == Value::Kind::kSeq && v.items.size() == 5) {
                // ((rows, cols), block_count, ttnn.<dtype>, page_size, total_size)
                const Value& shape = v.items[0];
                bool ok = shape.kind == Value::Kind::kSeq && shape.items.size() == 2 &&
                          shape.items[0].kind == Value::Kind::kInt && shape.items[1].kind == Value::Kind::kInt &&
                          v.items[1].kind == Value::Kind::kInt && !dtype_name(v.items[2]).empty() &&
                          v.items[3].kind == Value::Kind::kInt && v.items[4].kind == Value::Kind::kInt;
                if (!ok) return bad_cb(i);
                cb.shape_known = true;
                cb.rows = static_cast<int>(shape.items[0].integer);
                cb.cols = static_cast<int>(shape.items[1].integer);
                cb.num_tiles = cb.rows * cb.cols;
                cb.block_count = static_cast<int>(v.items[1].integer);
                cb.dtype = dtype_name(v.items[2]);
                cb.page_size = static_cast<int>(v.items[3].integer);
                cb.total_size = static_cast<int>(v.items[4].integer);
            } else if (v.kind == Value::Kind::kCall && v.text.find("PhysicalDFBConfig") != std::string::npos) {
                auto get = [&](const char* key, int& out) {
                    auto it = v.keywords.find(key);
                    if (it == v.keywords.end() || it->second.kind != Value::Kind::kInt) return false;
                    out = static_cast<int>(it->second.integer);
                    return true;
                };
                int dfb_index = static_cast<int>(i);
                get("dfb_index", dfb_index);
                auto fmt_it = v.keywords.find("data_format");
                bool ok = get("num_tiles", cb.num_tiles) && get("block_count", cb.block_count) &&
                          get("page_size", cb.page_size) && fmt_it != v.keywords.end() &&
                          !dtype_name(fmt_it->second).empty() && dfb_index == static_cast<int>(i);
                if (!ok) return bad_cb(i);
                auto seg = v.keywords.find("storage_segments");
                if (seg != v.keywords.end() && seg->second.kind == Value::Kind::kSeq && seg->second.items.size() > 1) {
                    error("CB_CONFIGS", fmt::format("'CB_CONFIGS' entry {} splits its storage into {} segments, "
                                                    "which a standalone runner cannot express",
                                                    i, seg->second.items.size()));
                    return false;
                }
                cb.dtype = dtype_name(fmt_it->second);
                cb.total_size = cb.page_size * cb.num_tiles * cb.block_count;
            } else {
                return bad_cb(i);
            }
            r.cbs.push_back(cb);
        }
        return true;
    }

    bool bad_cb(size_t i) {
        error("CB_CONFIGS", fmt::format("'CB_CONFIGS' entry {} is not ((rows, cols), block_count, "
                                        "ttnn.<dtype>, page_size, total_size), None, or PhysicalDFBConfig(...)",
                                        i));
        return false;
    }

    /// R2/R3 features a standalone R1-style runner cannot express.
    bool unsupported_features() {
        struct Feature {
            const char* constant;
            const char* what;
        };
        static constexpr Feature kFeatures[] = {
            {"NUM_PIPE_SYNC_SEMAPHORES", "pipes"},
            {"NUM_PIPE_GLOBAL_SEMAPHORES", "pipes"},
            {"PIPE_SRAM_SCRATCH_BYTES", "pipes"},
            {"PIPE_GLOBAL_SEMAPHORE_CACHE", "pipes"},
            {"KERNEL_PIPE_COMPUTED_ADDRESS_DFB_INDICES", "pipes"},
            {"MESH_PROGRAM_PLACEMENTS", "mesh placements"},
            {"KERNEL_FABRIC_ROUTES", "fabric routes"},
            {"NUM_DFB_RESETS", "dataflow-buffer resets"},
            {"KERNEL_EXTRA_COMMON_RUNTIME_ARGS", "extra common runtime arguments"},
            {"KERNEL_LOCAL_TENSOR_INDICES", "L1-local tensors"},
            {"TENSOR_CONFIGURATIONS", "sharded or L1 tensor configurations"},
        };
        for (const Feature& f : kFeatures) {
            auto it = constants_.find(f.constant);
            if (it == constants_.end() || is_empty_value(it->second)) continue;
            error(f.constant, fmt::format("the program uses {} ('{}' is set), which a standalone runner "
                                          "cannot express; ttl-export exports only programs whose runner "
                                          "needs nothing beyond ttnn.generic_op",
                                          f.what, f.constant));
            return false;
        }
        return true;
    }

    const PyModule& m_;
    Evaluator eval_;
    Diagnostics& diags_;
    std::map<std::string, Value> constants_;
    std::map<std::string, uint32_t> lines_;
};

}  // namespace

bool parse_kernel_file_name(const std::string& path, std::string& thread, std::string& hash) {
    std::string base = path.substr(path.find_last_of('/') + 1);
    const std::string prefix = "ttlang_kernel_";
    const std::string suffix = ".cpp";
    if (base.size() < prefix.size() + suffix.size() + 10 || base.rfind(prefix, 0) != 0 ||
        base.compare(base.size() - suffix.size(), suffix.size(), suffix) != 0) {
        return false;
    }
    std::string middle = base.substr(prefix.size(), base.size() - prefix.size() - suffix.size());
    if (middle.size() < 10 || middle[middle.size() - 9] != '_') return false;
    std::string h = middle.substr(middle.size() - 8);
    for (char c : h) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    thread = middle.substr(0, middle.size() - 9);
    hash = h;
    return !thread.empty();
}

bool looks_like_runner(const std::string& text) {
    return text.find("KERNEL_PATHS") != std::string::npos;
}

std::optional<RunnerModel> read_runner(std::shared_ptr<const SourceFile> source, Diagnostics& diagnostics) {
    auto module = read_python(std::move(source), diagnostics);
    if (!module) return std::nullopt;
    return RunnerReader(*module, diagnostics).run();
}

std::optional<RunnerModel> read_runner_text(const std::string& name, const std::string& text,
                                            Diagnostics& diagnostics) {
    return read_runner(std::make_shared<SourceFile>(name, text), diagnostics);
}

std::string dump_runner(const RunnerModel& r) {
    std::string out = fmt::format("runner {} format {} quoting {}\ngrid {}x{} tensors {}\n", r.path, r.format,
                                  r.quoting, r.grid_cols, r.grid_rows, r.num_tensors);
    for (size_t i = 0; i < r.kernels.size(); ++i) {
        const RunnerKernel& k = r.kernels[i];
        std::string indices;
        for (int t : r.tensor_indices[i]) indices += (indices.empty() ? "" : ", ") + std::to_string(t);
        out += fmt::format("kernel {} {} {} thread {} hash {} tensors [{}]\n", i,
                           is_data_movement(k.role) ? "noc" : "compute", role_name(k.role), k.thread,
                           k.hash.empty() ? "-" : k.hash, indices);
    }
    for (const RunnerCb& cb : r.cbs) {
        if (!cb.present) {
            out += fmt::format("cb {} none\n", cb.index);
            continue;
        }
        out += fmt::format("cb {} {} tiles {} blocks {} {} page {} total {}\n", cb.index,
                           cb.shape_known ? fmt::format("shape {}x{}", cb.rows, cb.cols) : "shape ?", cb.num_tiles,
                           cb.block_count, cb.dtype, cb.page_size, cb.total_size);
    }
    return out;
}

}  // namespace ttl
