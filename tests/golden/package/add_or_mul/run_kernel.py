# SPDX-License-Identifier: Apache-2.0
"""Standalone runner for add_or_mul.py, exported by ttl-export.

Kernel with_bias: compute kernels/with_bias/compute.cpp, reader kernels/with_bias/reader.cpp, writer kernels/with_bias/writer.cpp.
Kernel product: compute kernels/product/compute.cpp, reader kernels/product/reader.cpp, writer kernels/product/writer.cpp.
Run with `python run_kernel.py` next to the kernels folder; needs only ttnn and torch.
"""

from pathlib import Path
import torch
import ttnn

KERNEL_DIR = Path(__file__).resolve().parent / "kernels"


# ---- with_bias -------------------------------------------------------------

# (columns, rows) of Tensix cores
WITH_BIAS_GRID = (1, 1)
# tensor parameters, in order
WITH_BIAS_TENSORS = ["y", "bias", "z"]
# compile-time args 0..2 are the circular-buffer indices
WITH_BIAS_NUM_CB_INDICES = 3
WITH_BIAS_CIRCULAR_BUFFERS = [
    # (name, index, data format, page size, total size)
    ("y_cb", 0, ttnn.bfloat16, 2048, 4096),
    ("bias_cb", 1, ttnn.bfloat16, 2048, 4096),
    ("z_cb", 2, ttnn.bfloat16, 2048, 4096),
]
WITH_BIAS_THREADS = [
    # (role, kernel file, tensors passed as common runtime args, in order)
    ("compute", "with_bias/compute.cpp", []),
    ("reader", "with_bias/reader.cpp", ["bias", "y"]),
    ("writer", "with_bias/writer.cpp", ["z"]),
]


def run_with_bias(y, bias, z):
    """Runs kernel with_bias as the compiler built it; returns the last tensor."""
    tensors = [y, bias, z]
    tensor_names = WITH_BIAS_TENSORS
    circular_buffers = WITH_BIAS_CIRCULAR_BUFFERS
    columns, rows = WITH_BIAS_GRID
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
    cb_indices = list(range(WITH_BIAS_NUM_CB_INDICES))
    kernels = []
    for role, kernel_file, thread_tensors in WITH_BIAS_THREADS:
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


# ---- product ---------------------------------------------------------------

# (columns, rows) of Tensix cores
PRODUCT_GRID = (1, 1)
# tensor parameters, in order
PRODUCT_TENSORS = ["a", "b", "out"]
# compile-time args 0..2 are the circular-buffer indices
PRODUCT_NUM_CB_INDICES = 3
PRODUCT_CIRCULAR_BUFFERS = [
    # (name, index, data format, page size, total size)
    ("a_cb", 0, ttnn.bfloat16, 2048, 4096),
    ("b_cb", 1, ttnn.bfloat16, 2048, 4096),
    ("out_cb", 2, ttnn.bfloat16, 2048, 4096),
]
PRODUCT_THREADS = [
    # (role, kernel file, tensors passed as common runtime args, in order)
    ("compute", "product/compute.cpp", []),
    ("reader", "product/reader.cpp", ["a", "b"]),
    ("writer", "product/writer.cpp", ["out"]),
]


def run_product(a, b, out):
    """Runs kernel product as the compiler built it; returns the last tensor."""
    tensors = [a, b, out]
    tensor_names = PRODUCT_TENSORS
    circular_buffers = PRODUCT_CIRCULAR_BUFFERS
    columns, rows = PRODUCT_GRID
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
    cb_indices = list(range(PRODUCT_NUM_CB_INDICES))
    kernels = []
    for role, kernel_file, thread_tensors in PRODUCT_THREADS:
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

    def on_device(t):
        return ttnn.from_torch(
            t, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
        )

    row = (32, 128)
    y_torch = torch.rand(row, dtype=torch.bfloat16)
    bias_torch = torch.rand(row, dtype=torch.bfloat16)
    z = on_device(torch.zeros(row, dtype=torch.bfloat16))
    run_with_bias(on_device(y_torch), on_device(bias_torch), z)
    square = (128, 128)
    a_torch = torch.rand(square, dtype=torch.bfloat16)
    b_torch = torch.rand(square, dtype=torch.bfloat16)
    out = on_device(torch.zeros(square, dtype=torch.bfloat16))
    run_product(on_device(a_torch), on_device(b_torch), out)
    ok_sum = torch.allclose(
        ttnn.to_torch(z).float(),
        y_torch.float() + bias_torch.float(),
        rtol=2e-2,
        atol=2e-2,
    )
    ok_product = torch.allclose(
        ttnn.to_torch(out).float(),
        a_torch.float() * b_torch.float(),
        rtol=2e-2,
        atol=2e-2,
    )
    print("PASS" if ok_sum and ok_product else "FAIL")
    ttnn.close_device(device)
    return 0 if ok_sum and ok_product else 1


if __name__ == "__main__":
    raise SystemExit(main())
