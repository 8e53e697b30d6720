# SPDX-License-Identifier: Apache-2.0
"""Standalone runner for state_update.py, exported by ttl-export.

Kernel state_update: compute kernels/compute.cpp, reader kernels/reader.cpp, writer kernels/writer.cpp.
Run with `python run_kernel.py` next to the kernels folder; needs only ttnn and torch.
"""

from __future__ import annotations

from pathlib import Path
import sys
import torch
import ttnn

KERNEL_DIR = Path(__file__).resolve().parent / "kernels"


# ---- state_update ----------------------------------------------------------

# (columns, rows) of Tensix cores
STATE_UPDATE_GRID = (1, 1)
# tensor parameters, in order
STATE_UPDATE_TENSORS = ["Prev", "Upd", "Out"]
# compile-time args 0..2 are the circular-buffer indices
STATE_UPDATE_NUM_CB_INDICES = 3
STATE_UPDATE_CIRCULAR_BUFFERS = [
    # (name, index, data format, page size, total size)
    ("prev_cb", 0, ttnn.bfloat16, 2048, 4096),
    ("upd_cb", 1, ttnn.bfloat16, 2048, 4096),
    ("out_cb", 2, ttnn.bfloat16, 2048, 4096),
]
STATE_UPDATE_THREADS = [
    # (role, kernel file, tensors passed as common runtime args, in order)
    ("compute", "compute.cpp", []),
    ("reader", "reader.cpp", ["Prev", "Upd"]),
    ("writer", "writer.cpp", ["Out"]),
]


def run_state_update(Prev, Upd, Out):
    """Runs kernel state_update as the compiler built it; returns the last tensor."""
    tensors = [Prev, Upd, Out]
    tensor_names = STATE_UPDATE_TENSORS
    circular_buffers = STATE_UPDATE_CIRCULAR_BUFFERS
    columns, rows = STATE_UPDATE_GRID
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
    cb_indices = list(range(STATE_UPDATE_NUM_CB_INDICES))
    kernels = []
    for role, kernel_file, thread_tensors in STATE_UPDATE_THREADS:
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

TILE = 32
ROWS = 4
COLS = 4
STATE_SHAPE = (ROWS * TILE, COLS * TILE)


def _host_tile_zeros(shape):
    """A host-only tiled bfloat16 tensor of zeros (no device needed to compile)."""
    return ttnn.from_torch(
        torch.zeros(shape, dtype=torch.bfloat16),
        dtype=ttnn.bfloat16,
        layout=ttnn.TILE_LAYOUT,
    )


def _on_device(tensors, outputs, device):
    """The program's tensors on the device: outputs zero, inputs seeded random in [-1, 1)."""
    placed = []
    for index, tensor in enumerate(tensors):
        host = tensor if isinstance(tensor, torch.Tensor) else ttnn.to_torch(tensor)
        dtype = ttnn.bfloat16 if isinstance(tensor, torch.Tensor) else tensor.dtype
        if index in outputs:
            values = torch.zeros(host.shape, dtype=torch.float32)
        else:
            values = torch.rand(host.shape, dtype=torch.float32) * 2 - 1
        placed.append(
            ttnn.from_torch(
                values.to(host.dtype),
                dtype=dtype,
                layout=ttnn.TILE_LAYOUT,
                device=device,
            )
        )
    return placed


def _run_kernels(device):
    """main's statements that build the kernels' inputs, then every kernel call."""
    results = []
    prev = _host_tile_zeros(STATE_SHAPE)
    upd = _host_tile_zeros(STATE_SHAPE)
    out = _host_tile_zeros(STATE_SHAPE)
    placed = _on_device([prev, upd, out], {2}, device)
    run_state_update(*placed)
    results.append(ttnn.to_torch(placed[2]))
    return results


OUTPUTS = ["state_update: Out"]


def _option(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    """The TT-Lang program only compiled its kernels and checked no result. This runs each kernel
    as the program called it, on seeded random inputs of the program's shapes and dtypes, prints
    each output, and does NOT check the values: --save FILE.pt keeps them, --compare FILE.pt
    [--atol A] [--rtol R] compares a later run (or another kernel version) with them."""
    torch.manual_seed(0)
    device = ttnn.open_device(device_id=0)
    try:
        results = _run_kernels(device)
    finally:
        ttnn.close_device(device)
    for name, result in zip(OUTPUTS, results):
        values = result.float()
        print(
            f"{name}: shape {tuple(result.shape)} {result.dtype}, "
            f"mean {values.mean().item():.6g}, min {values.min().item():.6g}, max {values.max().item():.6g}"
        )
    if _option("--save"):
        torch.save(dict(zip(OUTPUTS, results)), _option("--save"))
        print(f"saved {len(results)} outputs to {_option('--save')}")
    if _option("--compare"):
        reference = torch.load(_option("--compare"))
        atol, rtol = float(_option("--atol", "0")), float(_option("--rtol", "0"))
        same = all(
            torch.allclose(
                reference[name].float(), result.float(), atol=atol, rtol=rtol
            )
            for name, result in zip(OUTPUTS, results)
        )
        print(
            "PASS: the outputs match"
            if same
            else "FAIL: the outputs differ from " + _option("--compare")
        )
        return 0 if same else 1
    print("ran every kernel; the TT-Lang program has no result check, so none was made")
    return 0


if __name__ == "__main__":
    sys.exit(main())
