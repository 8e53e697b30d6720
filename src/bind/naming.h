// Stage "bind": choose a name for every generated identifier of a bound kernel.
//
// Source names first (buffer variables, tensor parameters, loop variables, core coordinates),
// then role names derived from them (`lhs_addr`, `lhs_accessor`, `lhs_write_ptr`,
// `tile_index`, `page_bytes`, `num_tiles`, `dst_2`), then, for a constant with several roles,
// a name true for all of them (its value: `zero`, `one`, `k2048`). No name collides with
// another local whose scope overlaps, a global, a macro, a keyword or an identifier used in the
// file; collisions are resolved deterministically (a type suffix for constants, `_2` last).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bind/binding.h"

namespace ttl {

enum class NameSource : uint8_t {
    kSource,  ///< taken or derived from a TT-Lang identifier
    kRole,  ///< from the value's role in the program
    kGeneric,  ///< a fallback that says little (`tmp`)
};

const char* name_source_name(NameSource source);

struct Rename {
    int32_t local = -1;
    std::string old_name;
    std::string new_name;
    NameSource source = NameSource::kRole;
    std::string reason;
};

/// The `constexpr` name of a circular buffer's compile-time argument.
struct CbName {
    int index = 0;
    std::string name;
    std::string reason;
};

/// A constant that plays several roles, split into one constant per role (`four` used as
/// the bound of `row` and of `col` and as a stride becomes `rows`, `cols`, `stride`).
struct ConstantSplit {
    int32_t local = -1;
    struct Part {
        std::string name;
        std::vector<TokenIndex> uses;
        std::string role;  ///< what the uses have in common
    };
    std::vector<Part> parts;  ///< parts[0] keeps the original declaration
};

struct NamingPlan {
    std::vector<Rename> renames;  ///< one per generated local, in declaration order
    std::vector<CbName> cb_names;  ///< one per CB index referenced
    std::vector<ConstantSplit> splits;  ///< for the constants rule: multi-role constants split
    std::vector<std::string> kept;  ///< generated-looking names left as they are, with why
    int generated = 0;  ///< generated names seen
    int from_source = 0;
    int from_role = 0;
    int generic = 0;
};

/// True for the emitter's generated names: `v12`, `i6`/`j7`/`k8`…, `u3`,
/// `tensor_accessor_args_12`, `cb_ctarg_3`, `cb_arg_3`.
bool is_generated_name(std::string_view name);

/// Chooses the names. `kernel` may be null (names then come from roles only).
NamingPlan plan_names(const KernelFile& file, const KernelBinding& binding, const TtlKernel* kernel);

/// The rename table: `old -> new [source] reason`, then the CB names.
std::string dump_naming(const NamingPlan& plan);

}  // namespace ttl
