// Stage "emulate": a program described in JSON, with tensors in files, so that other tools
// (our Python `ttnn` stand-in) can drive the emulator: `ttl-export run PROGRAM.json`.
//
//   {"kernels": [{"source": "reader.cpp" | "source_code": "...", "kind": "reader|writer|compute",
//                 "core_ranges": [[[x0, y0], [x1, y1]], ...], "compile_time_args": [...],
//                 "defines": [["NAME", "VALUE"], ...], "runtime_args": [{"core": [x, y], "args": [...]}],
//                 "common_runtime_args": [...], "compute_config": {"fp32_dest_acc_en": false,
//                 "dst_full_sync_en": false, "math_approx_mode": false, "math_fidelity": 4}}],
//    "cbs": [{"index": 0, "format": "bfloat16", "page_size": 2048, "total_size": 4096, "core_ranges": [...]}],
//    "semaphores": [{"id": 0, "core_ranges": [...], "initial_value": 0}],
//    "buffers": [{"name": "a", "address": 268435456, "size": 8192, "page_size": 2048, "dram": true,
//                 "input": "a.bin", "output": "a.out.bin"}]}
//
// Relative paths are relative to the JSON file's directory. "input" holds the buffer's initial
// bytes (tile layout, as on the device); "output" receives its bytes after the run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emulate/program.h"
#include "emulate/runtime.h"

namespace ttl::emu {

struct JsonProgram {
    Program program;
    std::vector<std::pair<size_t, std::string>> outputs;  ///< buffer index -> output file
};

/// Reads a program; on error returns nullopt with a message naming the field ("kernels[1].kind: ...").
std::optional<JsonProgram> read_program_json(const std::string& path, std::string& error);
std::optional<JsonProgram> parse_program_json(const std::string& text, const std::string& base_dir, std::string& error);

/// Writes every buffer that has an output file; returns false with `error` on failure.
bool write_outputs(const JsonProgram& program, const RunResult& result, std::string& error);

}  // namespace ttl::emu
