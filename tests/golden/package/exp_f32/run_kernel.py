# SPDX-License-Identifier: Apache-2.0
"""Standalone runner for exp_f32.py, exported by ttl-export.

Kernel exp_kernel: compute kernels/compute.cpp, reader kernels/reader.cpp, writer kernels/writer.cpp.
Run with `python run_kernel.py` next to the kernels folder; needs only ttnn and torch.
"""

from pathlib import Path
import torch
import ttnn

KERNEL_DIR = Path(__file__).resolve().parent / "kernels"


# ---- exp_kernel ------------------------------------------------------------

# (columns, rows) of Tensix cores
EXP_KERNEL_GRID = (1, 1)
# tensor parameters, in order
EXP_KERNEL_TENSORS = ["x", "out"]
# compile-time args 0..1 are the circular-buffer indices
EXP_KERNEL_NUM_CB_INDICES = 2
EXP_KERNEL_CIRCULAR_BUFFERS = [
    # (name, index, data format, page size, total size)
    ("x_dfb", 0, ttnn.float32, 4096, 8192),
    ("out_dfb", 1, ttnn.float32, 4096, 8192),
]
EXP_KERNEL_THREADS = [
    # (role, kernel file, tensors passed as common runtime args, in order)
    ("compute", "compute.cpp", []),
    ("reader", "reader.cpp", ["x"]),
    ("writer", "writer.cpp", ["out"]),
]


def run_exp_kernel(x, out):
    """Runs kernel exp_kernel as the compiler built it; returns the last tensor."""
    tensors = [x, out]
    tensor_names = EXP_KERNEL_TENSORS
    circular_buffers = EXP_KERNEL_CIRCULAR_BUFFERS
    columns, rows = EXP_KERNEL_GRID
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
    cb_indices = list(range(EXP_KERNEL_NUM_CB_INDICES))
    kernels = []
    for role, kernel_file, thread_tensors in EXP_KERNEL_THREADS:
        addresses = [address[name] for name in thread_tensors]
        if role == "compute":
            compile_time_args = cb_indices
            config = ttnn.ComputeConfigDescriptor()
            config.fp32_dest_acc_en = True  # a circular buffer holds float32
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


def main():
    device = ttnn.open_device(device_id=0)
    x_torch = torch.rand((32, 96), dtype=torch.float32) * 4 - 2
    x = ttnn.from_torch(
        x_torch, dtype=ttnn.float32, layout=ttnn.TILE_LAYOUT, device=device
    )
    out = ttnn.from_torch(
        torch.zeros((32, 96), dtype=torch.float32),
        dtype=ttnn.float32,
        layout=ttnn.TILE_LAYOUT,
        device=device,
    )
    run_exp_kernel(x, out)
    ok = torch.allclose(ttnn.to_torch(out), torch.exp(x_torch), rtol=1e-3, atol=1e-3)
    print("PASS" if ok else "FAIL")
    ttnn.close_device(device)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
