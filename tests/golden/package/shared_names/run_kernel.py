# SPDX-License-Identifier: Apache-2.0
"""Standalone runner for shared_names.py, exported by ttl-export.

Kernel double_it: compute kernels/double_it/compute.cpp, reader kernels/double_it/reader.cpp, writer kernels/double_it/writer.cpp.
Kernel add_bias: compute kernels/add_bias/compute.cpp, reader kernels/add_bias/reader.cpp, writer kernels/add_bias/writer.cpp.
Run with `python run_kernel.py` next to the kernels folder; needs only ttnn and torch.
"""

from pathlib import Path
import torch
import ttnn

KERNEL_DIR = Path(__file__).resolve().parent / "kernels"


# ---- double_it -------------------------------------------------------------

# (columns, rows) of Tensix cores
DOUBLE_IT_GRID = (1, 1)
# tensor parameters, in order
DOUBLE_IT_TENSORS = ["x", "y"]
# compile-time args 0..1 are the circular-buffer indices
DOUBLE_IT_NUM_CB_INDICES = 2
DOUBLE_IT_CIRCULAR_BUFFERS = [
    # (name, index, data format, page size, total size)
    ("x_cb", 0, ttnn.bfloat16, 2048, 4096),
    ("y_cb", 1, ttnn.bfloat16, 2048, 4096),
]
DOUBLE_IT_THREADS = [
    # (role, kernel file, tensors passed as common runtime args, in order)
    ("compute", "double_it/compute.cpp", []),
    ("reader", "double_it/reader.cpp", ["x"]),
    ("writer", "double_it/writer.cpp", ["y"]),
]


def run_double_it(x, y):
    """Runs kernel double_it as the compiler built it; returns the last tensor."""
    tensors = [x, y]
    tensor_names = DOUBLE_IT_TENSORS
    circular_buffers = DOUBLE_IT_CIRCULAR_BUFFERS
    columns, rows = DOUBLE_IT_GRID
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
    cb_indices = list(range(DOUBLE_IT_NUM_CB_INDICES))
    kernels = []
    for role, kernel_file, thread_tensors in DOUBLE_IT_THREADS:
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


# ---- add_bias --------------------------------------------------------------

# (columns, rows) of Tensix cores
ADD_BIAS_GRID = (1, 1)
# tensor parameters, in order
ADD_BIAS_TENSORS = ["y", "bias", "z"]
# compile-time args 0..2 are the circular-buffer indices
ADD_BIAS_NUM_CB_INDICES = 3
ADD_BIAS_CIRCULAR_BUFFERS = [
    # (name, index, data format, page size, total size)
    ("y_cb", 0, ttnn.bfloat16, 2048, 4096),
    ("bias_cb", 1, ttnn.bfloat16, 2048, 4096),
    ("z_cb", 2, ttnn.bfloat16, 2048, 4096),
]
ADD_BIAS_THREADS = [
    # (role, kernel file, tensors passed as common runtime args, in order)
    ("compute", "add_bias/compute.cpp", []),
    ("reader", "add_bias/reader.cpp", ["bias", "y"]),
    ("writer", "add_bias/writer.cpp", ["z"]),
]


def run_add_bias(y, bias, z):
    """Runs kernel add_bias as the compiler built it; returns the last tensor."""
    tensors = [y, bias, z]
    tensor_names = ADD_BIAS_TENSORS
    circular_buffers = ADD_BIAS_CIRCULAR_BUFFERS
    columns, rows = ADD_BIAS_GRID
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
    cb_indices = list(range(ADD_BIAS_NUM_CB_INDICES))
    kernels = []
    for role, kernel_file, thread_tensors in ADD_BIAS_THREADS:
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
    shape = (32, 128)
    x_torch = torch.rand(shape, dtype=torch.bfloat16)
    bias_torch = torch.rand(shape, dtype=torch.bfloat16)

    def on_device(t):
        return ttnn.from_torch(
            t, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
        )

    x = on_device(x_torch)
    y = on_device(torch.zeros(shape, dtype=torch.bfloat16))
    bias = on_device(bias_torch)
    z = on_device(torch.zeros(shape, dtype=torch.bfloat16))
    run_double_it(x, y)
    run_add_bias(y, bias, z)
    golden = x_torch.float() * 2 + bias_torch.float()
    ok = torch.allclose(ttnn.to_torch(z).float(), golden, rtol=2e-2, atol=2e-2)
    print("PASS" if ok else "FAIL")
    ttnn.close_device(device)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
