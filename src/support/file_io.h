// Reading files for the stages, with errors as diagnostics instead of exceptions.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "support/diagnostic.h"
#include "support/source.h"

namespace ttl {

/// Files larger than this are refused (64 MiB; the largest emitted kernel seen is under 1 MB).
constexpr uint64_t kDefaultMaxInputBytes = 64ull << 20;
/// The limit for this process (the CLI sets it from $TTL_EXPORT_MAX_INPUT_MB).
void set_max_input_bytes(uint64_t bytes);
uint64_t max_input_bytes();

/// The offset of the first byte that does not start or continue a valid UTF-8 sequence, or npos.
size_t first_invalid_utf8(std::string_view text);

/// The bytes of a whole regular file, as they are; nullopt with `why` set when it cannot be read
/// (a directory, a FIFO or device, too large, an i/o error).
std::optional<std::string> read_file_bytes(const std::string& path, std::string& why);

/// Reads a whole regular file of UTF-8 text, normalized (SourceFile). On failure adds "cannot
/// read: REASON" (a directory, a FIFO or device, too large, an i/o error, a byte that is not
/// UTF-8 with its offset) and returns nullptr.
std::shared_ptr<const SourceFile> read_source_file(const std::string& path, Diagnostics& diagnostics);

}  // namespace ttl
