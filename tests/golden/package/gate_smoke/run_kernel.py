# SPDX-License-Identifier: Apache-2.0
"""Standalone runner for gate_smoke.py, exported by ttl-export.

Kernel __gate_op: compute kernels/compute.cpp, reader kernels/reader.cpp, writer kernels/writer.cpp.
Run with `python run_kernel.py` next to the kernels folder; needs only ttnn and torch.
"""

from __future__ import annotations

from pathlib import Path
import os
import sys
import torch
import ttnn

KERNEL_DIR = Path(__file__).resolve().parent / "kernels"


# ---- __gate_op -------------------------------------------------------------

# (columns, rows) of Tensix cores
__GATE_OP_GRID = (1, 1)
# tensor parameters, in order
__GATE_OP_TENSORS = ["X", "Y", "OUT"]
# compile-time args 0..2 are the circular-buffer indices
__GATE_OP_NUM_CB_INDICES = 3
__GATE_OP_CIRCULAR_BUFFERS = [
    # (name, index, data format, page size, total size)
    ("x_cb", 0, ttnn.bfloat16, 2048, 4096),
    ("y_cb", 1, ttnn.bfloat16, 2048, 4096),
    ("out_cb", 2, ttnn.bfloat16, 2048, 4096),
]
__GATE_OP_THREADS = [
    # (role, kernel file, tensors passed as common runtime args, in order)
    ("compute", "compute.cpp", []),
    ("reader", "reader.cpp", ["X", "Y"]),
    ("writer", "writer.cpp", ["OUT"]),
]


def run___gate_op(X, Y, OUT):
    """Runs kernel __gate_op as the compiler built it; returns the last tensor."""
    tensors = [X, Y, OUT]
    tensor_names = __GATE_OP_TENSORS
    circular_buffers = __GATE_OP_CIRCULAR_BUFFERS
    columns, rows = __GATE_OP_GRID
    corner = ttnn.CoreCoord(columns - 1, rows - 1)
    core_ranges = ttnn.CoreRangeSet([ttnn.CoreRange(ttnn.CoreCoord(0, 0), corner)])
    accessor_args = []
    for tensor in tensors:
        accessor_args.extend(ttnn.TensorAccessorArgs(tensor).get_compile_time_args())
    cbs = []
    for _, index, data_format, page_size, total_size in circular_buffers:
        cb_format = ttnn.CBFormatDescriptor(
            buffer_index=index, data_format=data_format, page_size=page_size
        )
        cbs.append(
            ttnn.CBDescriptor(
                total_size=total_size,
                core_ranges=core_ranges,
                format_descriptors=[cb_format],
            )
        )
    address = {name: t.buffer_address() for name, t in zip(tensor_names, tensors)}
    cb_indices = list(range(__GATE_OP_NUM_CB_INDICES))
    kernels = []
    for role, kernel_file, thread_tensors in __GATE_OP_THREADS:
        addresses = [address[name] for name in thread_tensors]
        if role == "compute":
            compile_time_args = cb_indices
            config = ttnn.ComputeConfigDescriptor()
        else:
            compile_time_args = cb_indices + accessor_args
            if role == "reader":
                config = ttnn.ReaderConfigDescriptor()
            else:
                config = ttnn.WriterConfigDescriptor()
        kernels.append(
            ttnn.KernelDescriptor(
                kernel_source=str(KERNEL_DIR / kernel_file),
                core_ranges=core_ranges,
                compile_time_args=compile_time_args,
                common_runtime_args=addresses,
                config=config,
            )
        )
    program = ttnn.ProgramDescriptor(kernels=kernels, cbs=cbs, semaphores=[])
    return ttnn.generic_op(tensors, program)


# ---- carried over from the TT-Lang program

TILE_SIZE = 32
ROWS = 4
COLS = 4
SHAPE = (ROWS * TILE_SIZE, COLS * TILE_SIZE)
DEFAULT_DATA = "gate_data.bin"  # bytes 0..127, repeated to fill the tensor


def _load(path):
    """The data file as a bfloat16 tensor of SHAPE (its bytes, repeated)."""
    with open(path, "rb") as f:
        data = f.read()
    values = torch.tensor(list(data), dtype=torch.float32)
    count = SHAPE[0] * SHAPE[1]
    values = values.repeat(count // len(values) + 1)[:count]
    return values.reshape(SHAPE).to(torch.bfloat16)


def _to_device(tensor, device):
    return ttnn.from_torch(
        tensor, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
    )


def run_on_device(path, device):
    x_torch = _load(path)
    y_torch = torch.full(SHAPE, 3.0, dtype=torch.bfloat16)
    x = _to_device(x_torch, device)
    y = _to_device(y_torch, device)
    out = _to_device(torch.zeros(SHAPE, dtype=torch.bfloat16), device)
    run___gate_op(x, y, out)
    return x_torch, y_torch, ttnn.to_torch(out)


def _smoke_test(path):
    device = ttnn.open_device(device_id=0)
    try:
        x, y, out = run_on_device(path, device)
    finally:
        ttnn.close_device(device)
    assert torch.equal(out.float(), (x.float() + y.float())), "gate sum differs"
    print(f"PASS: {SHAPE[0]}x{SHAPE[1]} gate sum is exact")


if __name__ == "__main__":
    data = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DATA
    if not os.path.exists(data):
        print(f"no data file: {data}")
        sys.exit(2)
    _smoke_test(data)
