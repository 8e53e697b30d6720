# SPDX-License-Identifier: Apache-2.0
"""Standalone runner for test_relu.py, exported by ttl-export.

Kernel relu_kernel: compute kernels/compute.cpp, reader kernels/reader.cpp, writer kernels/writer.cpp.
Run with `python run_kernel.py` next to the kernels folder; needs only ttnn and torch.
"""

from pathlib import Path
import sys
import torch
import ttnn

KERNEL_DIR = Path(__file__).resolve().parent / "kernels"


# ---- relu_kernel -----------------------------------------------------------

# (columns, rows) of Tensix cores
RELU_KERNEL_GRID = (1, 1)
# tensor parameters, in order
RELU_KERNEL_TENSORS = ["x", "out"]
# compile-time args 0..1 are the circular-buffer indices
RELU_KERNEL_NUM_CB_INDICES = 2
RELU_KERNEL_CIRCULAR_BUFFERS = [
    # (name, index, data format, page size, total size)
    ("x_cb", 0, ttnn.bfloat16, 2048, 4096),
    ("out_cb", 1, ttnn.bfloat16, 2048, 4096),
]
RELU_KERNEL_THREADS = [
    # (role, kernel file, tensors passed as common runtime args, in order)
    ("compute", "compute.cpp", []),
    ("reader", "reader.cpp", ["x"]),
    ("writer", "writer.cpp", ["out"]),
]


def run_relu_kernel(x, out):
    """Runs kernel relu_kernel as the compiler built it; returns the last tensor."""
    tensors = [x, out]
    tensor_names = RELU_KERNEL_TENSORS
    circular_buffers = RELU_KERNEL_CIRCULAR_BUFFERS
    columns, rows = RELU_KERNEL_GRID
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
    cb_indices = list(range(RELU_KERNEL_NUM_CB_INDICES))
    kernels = []
    for role, kernel_file, thread_tensors in RELU_KERNEL_THREADS:
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


def test_relu(device):
    x_torch = torch.randn((64, 128), dtype=torch.bfloat16)
    x = ttnn.from_torch(
        x_torch, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
    )
    out = ttnn.from_torch(
        torch.zeros((64, 128), dtype=torch.bfloat16),
        dtype=ttnn.bfloat16,
        layout=ttnn.TILE_LAYOUT,
        device=device,
    )
    run_relu_kernel(x, out)
    assert torch.equal(ttnn.to_torch(out), torch.relu(x_torch))


def main():
    """Runs test_relu the way pytest would, with a device, and reports PASS or FAIL."""
    device = ttnn.open_device(device_id=0)
    try:
        test_relu(device=device)
    except AssertionError as error:
        print(f"FAIL: {error}")
        return 1
    finally:
        ttnn.close_device(device)
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
