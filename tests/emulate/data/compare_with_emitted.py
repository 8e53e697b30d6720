# Test driver, run with `ttl-export run`: runs an exported package's main() and, at each
# ttnn.generic_op call, also runs the compiler's emitted runner (with the emitted kernels) on
# copies of the same input tensors, then compares the two results byte for byte.
# Configuration: compare_with_emitted.json beside this file:
#   {"package": DIR, "runners": [emitted runner paths, in generic_op call order], "cwd": DIR (optional)}
import importlib.util
import json
import os
import sys

import ttnn


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "compare_with_emitted.json")) as f:
    config = json.load(f)
runners = []
for i, path in enumerate(config["runners"]):
    runner = load(path, f"emitted_runner_{i}")
    # The runner names the compiler's /tmp files; the same files are beside it.
    emitted_dir = os.path.dirname(path)
    runner.KERNEL_PATHS = [(os.path.join(emitted_dir, os.path.basename(k)), t) for k, t in runner.KERNEL_PATHS]
    runners.append(runner)

original = ttnn.generic_op
results = []


def generic_op_and_compare(tensors, program):
    copies = [ttnn.from_torch(ttnn.to_torch(t), dtype=t.dtype, layout=ttnn.TILE_LAYOUT, device=t.device(),
                              memory_config=t.memory_config()) for t in tensors]
    out = original(tensors, program)
    ttnn.generic_op = original  # the emitted runner calls generic_op itself
    try:
        runners[len(results)].run(copies)
    finally:
        ttnn.generic_op = generic_op_and_compare
    same = all(a._page_bytes() == b._page_bytes() for a, b in zip(tensors, copies))
    print(f"generic_op {len(results)}: package and emitted runner outputs are", "identical" if same else "DIFFERENT")
    results.append(same)
    return out


ttnn.generic_op = generic_op_and_compare
if "cwd" in config:
    os.chdir(config["cwd"])  # where the program finds its data files
runner_path = os.path.join(config["package"], "run_kernel.py")
package = load(runner_path, "run_kernel")
if hasattr(package, "main"):
    status = package.main()
else:
    # The entry point is the program's own `if __name__ == "__main__":` block.
    import runpy

    try:
        runpy.run_path(runner_path, run_name="__main__")
        status = 0
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
ok = status == 0 and len(results) == len(runners) and all(results)
print("COMPARED", len(results), "programs:", "ALL IDENTICAL" if ok else "MISMATCH")
sys.exit(0 if ok else 1)
