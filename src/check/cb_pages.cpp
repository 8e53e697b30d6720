// A circular buffer's page holds one tile of its data format.
#include <map>

#include <fmt/format.h>

#include "check/checks.h"

namespace ttl::check {

namespace {

int tile_bytes(const std::string& dtype) {
    static const std::map<std::string, int> kBytes = {{"bfloat16", 2048}, {"float32", 4096}, {"uint32", 4096},
                                                      {"int32", 4096},    {"uint16", 2048},  {"bfloat8_b", 1088},
                                                      {"bfloat4_b", 576}, {"uint8", 1024}};
    auto it = kBytes.find(dtype);
    return it == kBytes.end() ? 0 : it->second;
}

}  // namespace

void check_cb_pages(const Package& package, const CheckKernel& kernel, const Units&, Report& report) {
    for (const CheckCb& cb : kernel.cbs()) {
        int bytes = tile_bytes(cb.dtype);
        if (bytes == 0 || cb.page == bytes) continue;
        report.at_line(*package.runner, cb.line,
                       fmt::format("circular buffer '{}' has pages of {} bytes, but a {} tile is {} bytes", cb.name,
                                   cb.page, cb.dtype, bytes),
                       fmt::format("use a page size of {} for {}", bytes, cb.dtype));
    }
}

}  // namespace ttl::check
