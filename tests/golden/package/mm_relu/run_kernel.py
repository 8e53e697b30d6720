# SPDX-License-Identifier: Apache-2.0
"""Standalone runner for mm_relu.py, exported by ttl-export.

Kernel mm_relu: compute kernels/compute.cpp, reader kernels/reader.cpp, writer kernels/writer.cpp.
Run with `python run_kernel.py` next to the kernels folder; needs only ttnn and torch.
"""

from pathlib import Path
import torch
import ttnn

KERNEL_DIR = Path(__file__).resolve().parent / "kernels"


# ---- mm_relu ---------------------------------------------------------------

# (columns, rows) of Tensix cores
MM_RELU_GRID = (1, 1)
# tensor parameters, in order
MM_RELU_TENSORS = ["a", "b", "out"]
# compile-time args 0..3 are the circular-buffer indices
MM_RELU_NUM_CB_INDICES = 4
MM_RELU_CIRCULAR_BUFFERS = [
    # (name, index, data format, page size, total size)
    ("a_cb", 0, ttnn.bfloat16, 2048, 4096),
    ("b_cb", 1, ttnn.bfloat16, 2048, 4096),
    ("mm_cb", 2, ttnn.bfloat16, 2048, 4096),
    ("out_cb", 3, ttnn.bfloat16, 2048, 4096),
]
MM_RELU_THREADS = [
    # (role, kernel file, tensors passed as common runtime args, in order)
    ("compute", "compute.cpp", []),
    ("reader", "reader.cpp", ["a", "b"]),
    ("writer", "writer.cpp", ["out"]),
]


def run_mm_relu(a, b, out):
    """Runs kernel mm_relu as the compiler built it; returns the last tensor."""
    tensors = [a, b, out]
    tensor_names = MM_RELU_TENSORS
    circular_buffers = MM_RELU_CIRCULAR_BUFFERS
    columns, rows = MM_RELU_GRID
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
    cb_indices = list(range(MM_RELU_NUM_CB_INDICES))
    kernels = []
    for role, kernel_file, thread_tensors in MM_RELU_THREADS:
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


def main():
    device = ttnn.open_device(device_id=0)
    a_torch = torch.randn((64, 128), dtype=torch.bfloat16)
    b_torch = torch.randn((128, 64), dtype=torch.bfloat16)
    a = ttnn.from_torch(
        a_torch, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
    )
    b = ttnn.from_torch(
        b_torch, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
    )
    out = ttnn.from_torch(
        torch.zeros((64, 64), dtype=torch.bfloat16),
        dtype=ttnn.bfloat16,
        layout=ttnn.TILE_LAYOUT,
        device=device,
    )
    run_mm_relu(a, b, out)
    result = ttnn.to_torch(out).float()
    golden = torch.relu(a_torch.float() @ b_torch.float())
    ok = torch.allclose(result, golden, rtol=5e-2, atol=5e-1)
    print("PASS" if ok else "FAIL")
    ttnn.close_device(device)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
