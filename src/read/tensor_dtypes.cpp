#include "read/tensor_dtypes.h"

#include <set>

namespace ttl {

TensorDtypes tensor_dtypes(const PyModule& module, const std::map<std::string, std::vector<std::string>>& kernel_params,
                           const std::string& call_prefix) {
    std::map<std::string, std::pair<std::string, uint32_t>> var_dtype;
    std::set<std::string> ambiguous;
    for (const PyStmt& s : module.stmts) {
        if (s.kind != PyStmtKind::kAssign || s.targets.size() != 1 || s.expr == kNoPy) continue;
        const PyExpr& target = module.expr(s.targets[0]);
        const PyExpr& value = module.expr(s.expr);
        if (target.kind != PyExprKind::kName || value.kind != PyExprKind::kCall) continue;
        for (const PyKeyword& kw : value.keywords) {
            if (kw.name != "dtype") continue;
            std::string dotted = module.dotted_name(kw.value);
            if (dotted.rfind("ttnn.", 0) != 0) continue;
            std::string dtype = dotted.substr(5);
            auto [it, added] = var_dtype.try_emplace(target.text, dtype, s.line);
            if (!added && it->second.first != dtype) ambiguous.insert(target.text);
        }
    }
    TensorDtypes out;
    for (const PyExpr& e : module.exprs) {
        if (e.kind != PyExprKind::kCall || e.kids.empty()) continue;
        std::string callee = module.dotted_name(e.kids[0]);
        if (callee.rfind(call_prefix, 0) != 0) continue;
        auto params = kernel_params.find(callee.substr(call_prefix.size()));
        if (params == kernel_params.end()) continue;
        for (size_t i = 1; i < e.kids.size() && i - 1 < params->second.size(); ++i) {
            const PyExpr& arg = module.expr(e.kids[i]);
            if (arg.kind != PyExprKind::kName || ambiguous.count(arg.text) > 0) continue;
            auto d = var_dtype.find(arg.text);
            if (d != var_dtype.end()) out[params->first][params->second[i - 1]] = d->second;
        }
    }
    return out;
}

}  // namespace ttl
