#include "emulate/program.h"

namespace ttl::emu {

uint32_t element_size(DataFormat format) {
    switch (format) {
        case DataFormat::kFloat32:
        case DataFormat::kInt32:
        case DataFormat::kUInt32: return 4;
        case DataFormat::kBfloat16:
        case DataFormat::kUInt16: return 2;
        case DataFormat::kUInt8: return 1;
    }
    return 0;
}

const char* format_name(DataFormat format) {
    switch (format) {
        case DataFormat::kFloat32: return "float32";
        case DataFormat::kBfloat16: return "bfloat16";
        case DataFormat::kInt32: return "int32";
        case DataFormat::kUInt32: return "uint32";
        case DataFormat::kUInt16: return "uint16";
        case DataFormat::kUInt8: return "uint8";
    }
    return "unknown";
}

std::optional<DataFormat> format_from_name(const std::string& name) {
    for (DataFormat f : {DataFormat::kFloat32, DataFormat::kBfloat16, DataFormat::kInt32, DataFormat::kUInt32,
                         DataFormat::kUInt16, DataFormat::kUInt8}) {
        if (name == format_name(f)) return f;
    }
    return std::nullopt;
}

bool contains(const CoreRangeSet& set, CoreCoord c) {
    for (const CoreRange& r : set) {
        if (r.contains(c)) return true;
    }
    return false;
}

}  // namespace ttl::emu
