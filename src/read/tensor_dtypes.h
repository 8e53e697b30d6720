// The data format a Python program gives each kernel's tensor parameters: `x =
// ttnn.from_torch(..., dtype=ttnn.float32, ...)` and then `KERNEL(x, ...)`. Read from the TT-Lang
// source (pairing an emission by its circular buffers' formats) and from a package's runner
// (`check`: a CB in another format than its tensor). Names assigned two different dtypes, and
// tensors built inside helpers, are left out.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "read/py_model.h"

namespace ttl {

/// kernel -> tensor parameter -> (dtype without `ttnn.`, line of the assignment). A call is
/// `PREFIX + kernel(...)`: "" in a TT-Lang source, "run_" in an exported runner.
using TensorDtypes = std::map<std::string, std::map<std::string, std::pair<std::string, uint32_t>>>;
TensorDtypes tensor_dtypes(const PyModule& module, const std::map<std::string, std::vector<std::string>>& kernel_params,
                           const std::string& call_prefix);

}  // namespace ttl
