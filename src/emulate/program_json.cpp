#include "emulate/program_json.h"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/file_io.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace ttl::emu {

namespace {

/// A field error: the path of the field and what was expected.
struct FieldError {
    std::string message;
};

[[noreturn]] void bad(const std::string& where, const std::string& what) {
    throw FieldError{where + ": " + what};
}

const json& field(const json& object, const char* name, const std::string& where) {
    if (!object.is_object()) bad(where, "expected an object");
    auto it = object.find(name);
    if (it == object.end()) bad(where, fmt::format("missing \"{}\"", name));
    return *it;
}

uint32_t u32(const json& v, const std::string& where) {
    if (!v.is_number_integer() && !v.is_number_unsigned()) bad(where, "expected a non-negative integer");
    if (v.is_number_integer() && v.get<int64_t>() < 0) bad(where, "expected a non-negative integer");
    uint64_t x = v.get<uint64_t>();
    if (x > 0xffffffffULL) bad(where, "does not fit in 32 bits");
    return static_cast<uint32_t>(x);
}

std::vector<uint32_t> u32_list(const json& v, const std::string& where) {
    if (!v.is_array()) bad(where, "expected a list of integers");
    std::vector<uint32_t> out;
    for (size_t i = 0; i < v.size(); ++i) out.push_back(u32(v[i], fmt::format("{}[{}]", where, i)));
    return out;
}

CoreCoord coord(const json& v, const std::string& where) {
    if (!v.is_array() || v.size() != 2) bad(where, "expected [x, y]");
    return {u32(v[0], where + "[0]"), u32(v[1], where + "[1]")};
}

CoreRangeSet ranges(const json& v, const std::string& where) {
    if (!v.is_array() || v.empty()) bad(where, "expected a non-empty list of [[x0, y0], [x1, y1]]");
    CoreRangeSet out;
    for (size_t i = 0; i < v.size(); ++i) {
        std::string w = fmt::format("{}[{}]", where, i);
        if (!v[i].is_array() || v[i].size() != 2) bad(w, "expected [[x0, y0], [x1, y1]]");
        CoreRange r{coord(v[i][0], w + "[0]"), coord(v[i][1], w + "[1]")};
        if (r.end.x < r.start.x || r.end.y < r.start.y) bad(w, "the end corner comes before the start corner");
        out.push_back(r);
    }
    return out;
}

bool flag(const json& object, const char* name, const std::string& where) {
    auto it = object.find(name);
    if (it == object.end()) return false;
    if (!it->is_boolean()) bad(where + "." + name, "expected true or false");
    return it->get<bool>();
}

std::string text(const json& v, const std::string& where) {
    if (!v.is_string()) bad(where, "expected a string");
    return v.get<std::string>();
}

std::string resolve(const std::string& base, const std::string& path) {
    if (path.empty() || fs::path(path).is_absolute()) return path;
    return (fs::path(base) / path).lexically_normal().string();
}

std::string read_bytes(const std::string& path, const std::string& where) {
    std::string why;
    std::optional<std::string> text = read_file_bytes(path, why);
    if (!text) bad(where, fmt::format("cannot read '{}': {}", path, why));
    return std::move(*text);
}

KernelSpec kernel(const json& k, const std::string& base, const std::string& where) {
    KernelSpec spec;
    if (k.contains("source_code")) {
        spec.source_code = text(k["source_code"], where + ".source_code");
        spec.source_path = k.contains("source") ? text(k["source"], where + ".source") : where;
    } else {
        spec.source_path = resolve(base, text(field(k, "source", where), where + ".source"));
    }
    std::string kind = text(field(k, "kind", where), where + ".kind");
    if (auto role = parse_thread_role(kind)) {
        spec.kind = *role;
    } else {
        bad(where + ".kind", fmt::format("expected \"reader\", \"writer\" or \"compute\", got \"{}\"", kind));
    }
    spec.cores = ranges(field(k, "core_ranges", where), where + ".core_ranges");
    if (k.contains("compile_time_args"))
        spec.compile_time_args = u32_list(k["compile_time_args"], where + ".compile_time_args");
    if (k.contains("common_runtime_args")) {
        spec.common_runtime_args = u32_list(k["common_runtime_args"], where + ".common_runtime_args");
    }
    if (k.contains("defines")) {
        const json& d = k["defines"];
        if (!d.is_array()) bad(where + ".defines", "expected a list of [name, value]");
        for (size_t i = 0; i < d.size(); ++i) {
            std::string w = fmt::format("{}.defines[{}]", where, i);
            if (!d[i].is_array() || d[i].size() != 2) bad(w, "expected [name, value]");
            spec.defines.emplace_back(text(d[i][0], w + "[0]"), text(d[i][1], w + "[1]"));
        }
    }
    if (k.contains("runtime_args")) {
        const json& r = k["runtime_args"];
        if (!r.is_array()) bad(where + ".runtime_args", "expected a list of {\"core\": [x, y], \"args\": [...]}");
        for (size_t i = 0; i < r.size(); ++i) {
            std::string w = fmt::format("{}.runtime_args[{}]", where, i);
            CoreCoord c = coord(field(r[i], "core", w), w + ".core");
            if (!contains(spec.cores, c))
                bad(w + ".core", fmt::format("core ({}, {}) is not in the kernel's core ranges", c.x, c.y));
            spec.runtime_args[c] = u32_list(field(r[i], "args", w), w + ".args");
        }
    }
    if (k.contains("compute_config")) {
        const json& c = k["compute_config"];
        std::string w = where + ".compute_config";
        if (!c.is_object()) bad(w, "expected an object");
        spec.compute.fp32_dest_acc_en = flag(c, "fp32_dest_acc_en", w);
        spec.compute.dst_full_sync_en = flag(c, "dst_full_sync_en", w);
        spec.compute.math_approx_mode = flag(c, "math_approx_mode", w);
        if (c.contains("math_fidelity")) spec.compute.math_fidelity = u32(c["math_fidelity"], w + ".math_fidelity");
    }
    return spec;
}

}  // namespace

std::optional<JsonProgram> parse_program_json(const std::string& source, const std::string& base_dir,
                                              std::string& error) {
    json doc = json::parse(source, nullptr, false);
    if (doc.is_discarded()) {
        error = "the program is not valid JSON";
        return std::nullopt;
    }
    JsonProgram out;
    try {
        const json& kernels = field(doc, "kernels", "program");
        if (!kernels.is_array() || kernels.empty()) bad("kernels", "expected a non-empty list");
        for (size_t i = 0; i < kernels.size(); ++i)
            out.program.kernels.push_back(kernel(kernels[i], base_dir, fmt::format("kernels[{}]", i)));
        if (doc.contains("cbs")) {
            const json& cbs = doc["cbs"];
            if (!cbs.is_array()) bad("cbs", "expected a list");
            for (size_t i = 0; i < cbs.size(); ++i) {
                std::string w = fmt::format("cbs[{}]", i);
                CbSpec cb;
                cb.index = u32(field(cbs[i], "index", w), w + ".index");
                std::string format = text(field(cbs[i], "format", w), w + ".format");
                auto f = format_from_name(format);
                if (!f)
                    bad(w + ".format",
                        fmt::format(
                            "\"{}\" is not an emulated format (bfloat16, float32, int32, uint32, uint16, uint8)",
                            format));
                cb.format = *f;
                cb.page_size = u32(field(cbs[i], "page_size", w), w + ".page_size");
                cb.total_size = u32(field(cbs[i], "total_size", w), w + ".total_size");
                cb.cores = ranges(field(cbs[i], "core_ranges", w), w + ".core_ranges");
                out.program.cbs.push_back(cb);
            }
        }
        if (doc.contains("semaphores")) {
            const json& sems = doc["semaphores"];
            if (!sems.is_array()) bad("semaphores", "expected a list");
            for (size_t i = 0; i < sems.size(); ++i) {
                std::string w = fmt::format("semaphores[{}]", i);
                SemaphoreSpec s;
                s.id = u32(field(sems[i], "id", w), w + ".id");
                s.cores = ranges(field(sems[i], "core_ranges", w), w + ".core_ranges");
                if (sems[i].contains("initial_value"))
                    s.initial_value = u32(sems[i]["initial_value"], w + ".initial_value");
                out.program.semaphores.push_back(s);
            }
        }
        if (doc.contains("buffers")) {
            const json& buffers = doc["buffers"];
            if (!buffers.is_array()) bad("buffers", "expected a list");
            for (size_t i = 0; i < buffers.size(); ++i) {
                std::string w = fmt::format("buffers[{}]", i);
                const json& b = buffers[i];
                BufferSpec spec;
                spec.name = b.contains("name") ? text(b["name"], w + ".name") : w;
                spec.address = u32(field(b, "address", w), w + ".address");
                spec.size = u32(field(b, "size", w), w + ".size");
                spec.page_size = b.contains("page_size") ? u32(b["page_size"], w + ".page_size") : 0;
                spec.dram = b.contains("dram") ? flag(b, "dram", w) : true;
                if (b.contains("input")) {
                    std::string data = read_bytes(resolve(base_dir, text(b["input"], w + ".input")), w + ".input");
                    if (data.size() > spec.size)
                        bad(w + ".input",
                            fmt::format("holds {} bytes, more than the buffer's {}", data.size(), spec.size));
                    spec.data.assign(data.begin(), data.end());
                }
                if (b.contains("output"))
                    out.outputs.emplace_back(i, resolve(base_dir, text(b["output"], w + ".output")));
                out.program.buffers.push_back(std::move(spec));
            }
        }
    } catch (const FieldError& e) {
        error = e.message;
        return std::nullopt;
    }
    return out;
}

std::optional<JsonProgram> read_program_json(const std::string& path, std::string& error) {
    std::string why;
    std::optional<std::string> text = read_file_bytes(path, why);
    if (!text) {
        error = fmt::format("{}: error: cannot read: {}", path, why);
        return std::nullopt;
    }
    auto program = parse_program_json(*text, fs::absolute(path).parent_path().string(), error);
    if (!program) error = fmt::format("{}: error: {}", path, error);
    return program;
}

bool write_outputs(const JsonProgram& program, const RunResult& result, std::string& error) {
    for (const auto& [index, path] : program.outputs) {
        if (index >= result.buffers.size()) continue;
        const std::vector<uint8_t>& data = result.buffers[index].data;
        std::string partial = path + ".part";
        {
            std::ofstream out(partial, std::ios::binary);
            out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
            if (!out) {
                error = fmt::format("cannot write '{}'", path);
                return false;
            }
        }
        std::error_code ec;
        fs::rename(partial, path, ec);
        if (ec) {
            error = fmt::format("cannot write '{}': {}", path, ec.message());
            return false;
        }
    }
    return true;
}

}  // namespace ttl::emu
