# SPDX-License-Identifier: Apache-2.0
"""Standalone runner for batch_loop.py, exported by ttl-export.

Kernel layer1: compute kernels/layer1/compute.cpp, reader kernels/layer1/reader.cpp, writer kernels/layer1/writer.cpp.
Kernel layer2: compute kernels/layer2/compute.cpp, reader kernels/layer2/reader.cpp, writer kernels/layer2/writer.cpp.
Run with `python run_kernel.py` next to the kernels folder; needs only ttnn and torch.
"""

from pathlib import Path
import torch
import ttnn

KERNEL_DIR = Path(__file__).resolve().parent / "kernels"


# ---- layer1 ----------------------------------------------------------------

# (columns, rows) of Tensix cores
LAYER1_GRID = (1, 1)
# tensor parameters, in order
LAYER1_TENSORS = ["x", "h"]
# compile-time args 0..1 are the circular-buffer indices
LAYER1_NUM_CB_INDICES = 2
LAYER1_CIRCULAR_BUFFERS = [
    # (name, index, data format, page size, total size)
    ("x_cb", 0, ttnn.bfloat16, 2048, 4096),
    ("h_cb", 1, ttnn.bfloat16, 2048, 4096),
]
LAYER1_THREADS = [
    # (role, kernel file, tensors passed as common runtime args, in order)
    ("compute", "layer1/compute.cpp", []),
    ("reader", "layer1/reader.cpp", ["x"]),
    ("writer", "layer1/writer.cpp", ["h"]),
]


def run_layer1(x, h):
    """Runs kernel layer1 as the compiler built it; returns the last tensor."""
    tensors = [x, h]
    tensor_names = LAYER1_TENSORS
    circular_buffers = LAYER1_CIRCULAR_BUFFERS
    columns, rows = LAYER1_GRID
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
    cb_indices = list(range(LAYER1_NUM_CB_INDICES))
    kernels = []
    for role, kernel_file, thread_tensors in LAYER1_THREADS:
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


# ---- layer2 ----------------------------------------------------------------

# (columns, rows) of Tensix cores
LAYER2_GRID = (1, 1)
# tensor parameters, in order
LAYER2_TENSORS = ["h", "bias", "out"]
# compile-time args 0..2 are the circular-buffer indices
LAYER2_NUM_CB_INDICES = 3
LAYER2_CIRCULAR_BUFFERS = [
    # (name, index, data format, page size, total size)
    ("h_cb", 0, ttnn.bfloat16, 2048, 4096),
    ("bias_cb", 1, ttnn.bfloat16, 2048, 4096),
    ("out_cb", 2, ttnn.bfloat16, 2048, 4096),
]
LAYER2_THREADS = [
    # (role, kernel file, tensors passed as common runtime args, in order)
    ("compute", "layer2/compute.cpp", []),
    ("reader", "layer2/reader.cpp", ["bias", "h"]),
    ("writer", "layer2/writer.cpp", ["out"]),
]


def run_layer2(h, bias, out):
    """Runs kernel layer2 as the compiler built it; returns the last tensor."""
    tensors = [h, bias, out]
    tensor_names = LAYER2_TENSORS
    circular_buffers = LAYER2_CIRCULAR_BUFFERS
    columns, rows = LAYER2_GRID
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
    cb_indices = list(range(LAYER2_NUM_CB_INDICES))
    kernels = []
    for role, kernel_file, thread_tensors in LAYER2_THREADS:
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
WIDTH_TILES = 4
SHAPE = (TILE, WIDTH_TILES * TILE)
BATCHES = 3
TOLERANCE = 2e-2


def load_weights():
    """The bias of layer 2 (made here: a real script reads it from a file)."""
    generator = torch.Generator().manual_seed(7)
    return torch.rand(SHAPE, generator=generator).to(torch.bfloat16)


def batches():
    generator = torch.Generator().manual_seed(11)
    for _ in range(BATCHES):
        yield torch.rand(SHAPE, generator=generator).to(torch.bfloat16)


def main():
    device = ttnn.open_device(device_id=0)

    def on_device(t):
        return ttnn.from_torch(
            t, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
        )

    bias_torch = load_weights()
    bias = on_device(bias_torch)
    correct = 0
    for x_torch in batches():
        x = on_device(x_torch)
        hidden = on_device(torch.zeros(SHAPE, dtype=torch.bfloat16))
        out = on_device(torch.zeros(SHAPE, dtype=torch.bfloat16))
        run_layer1(x, hidden)
        run_layer2(hidden, bias, out)
        golden = x_torch.float() * 2 + bias_torch.float()
        result = ttnn.to_torch(out).float()
        correct += int(torch.allclose(result, golden, rtol=TOLERANCE, atol=TOLERANCE))
    ttnn.close_device(device)
    print(f"accuracy: {correct}/{BATCHES} batches match the reference")
    print("PASS" if correct == BATCHES else "FAIL")
    return 0 if correct == BATCHES else 1


if __name__ == "__main__":
    raise SystemExit(main())
