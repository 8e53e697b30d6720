# Test driver, run with `ttl-export run drive_emitted_runner.py`: loads a compiler-emitted runner as
# it is, points its KERNEL_PATHS at the emitted folder (the runner names the compiler's /tmp files),
# runs it on NUM_TENSORS seeded ROWS x COLS tensors of the first CB's dtype and prints the output's
# sum. Configuration: drive_emitted_runner.json beside this file:
#   {"runner": PATH, "emitted": DIR, "rows": ROWS, "cols": COLS}
import importlib.util
import json
import os
import sys

import torch
import ttnn

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "drive_emitted_runner.json")) as f:
    config = json.load(f)
runner_path, emitted_dir, rows, cols = config["runner"], config["emitted"], config["rows"], config["cols"]
spec = importlib.util.spec_from_file_location("emitted_runner", runner_path)
runner = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runner)
runner.KERNEL_PATHS = [(os.path.join(emitted_dir, os.path.basename(k)), t) for k, t in runner.KERNEL_PATHS]
dtype = next(c for c in runner.CB_CONFIGS if isinstance(c, tuple) and hasattr(c[2], "name"))[2]
device = ttnn.open_device(device_id=0)
torch.manual_seed(0)
tensors = [ttnn.from_torch(torch.rand((rows, cols)).to(dtype.torch_dtype), dtype=dtype, layout=ttnn.TILE_LAYOUT,
                           device=device) for _ in range(runner.NUM_TENSORS)]
runner.run(tensors)
print("OUTPUT SUM", float(ttnn.to_torch(tensors[-1]).float().sum()))
ttnn.close_device(device)
