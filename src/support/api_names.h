// Names that the TT-Metal kernel headers declare or define (functions, classes, macros) and
// that a renamed local must never take, although they may not appear in the file itself.
// Data shared by naming (to avoid them) and the validator (to reject them).
#pragma once

#include <string_view>

namespace ttl {

bool is_reserved_api_name(std::string_view name);

}  // namespace ttl
