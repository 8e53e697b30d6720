# A dialect-D program on two cores (written for the tests in the emitter's newest style: Noc
# objects, CoreLocalMem, CircularBuffer objects, designated initializers): each core takes two of
# the four tiles of x (by its logical x), the compute thread applies exp, and the result is
# compared with torch. Exit 0 and PASS when it matches.
from pathlib import Path

import torch
import ttnn

KERNELS = Path(__file__).resolve().parent / "kernels"


def main():
    device = ttnn.open_device(device_id=0)
    torch.manual_seed(7)
    x_torch = torch.rand((32, 128), dtype=torch.bfloat16) * 2 - 1
    x = ttnn.from_torch(x_torch, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device)
    y = ttnn.from_torch(torch.zeros((32, 128), dtype=torch.bfloat16), dtype=ttnn.bfloat16,
                        layout=ttnn.TILE_LAYOUT, device=device)
    cores = ttnn.CoreRangeSet([ttnn.CoreRange(ttnn.CoreCoord(0, 0), ttnn.CoreCoord(1, 0))])
    cbs = [ttnn.CBDescriptor(total_size=4096, core_ranges=cores,
                             format_descriptors=[ttnn.CBFormatDescriptor(buffer_index=i, data_format=ttnn.bfloat16,
                                                                         page_size=2048)])
           for i in range(2)]
    accessors = ttnn.TensorAccessorArgs(x).get_compile_time_args() + ttnn.TensorAccessorArgs(y).get_compile_time_args()
    kernels = [
        ttnn.KernelDescriptor(kernel_source=str(KERNELS / "reader.cpp"), core_ranges=cores,
                              compile_time_args=[0, 1] + accessors, common_runtime_args=[x.buffer_address()],
                              config=ttnn.ReaderConfigDescriptor()),
        ttnn.KernelDescriptor(kernel_source=str(KERNELS / "compute.cpp"), core_ranges=cores,
                              compile_time_args=[0, 1], config=ttnn.ComputeConfigDescriptor()),
        ttnn.KernelDescriptor(kernel_source=str(KERNELS / "writer.cpp"), core_ranges=cores,
                              compile_time_args=[0, 1] + accessors, common_runtime_args=[y.buffer_address()],
                              config=ttnn.WriterConfigDescriptor()),
    ]
    ttnn.generic_op([x, y], ttnn.ProgramDescriptor(kernels=kernels, cbs=cbs, semaphores=[]))
    result = ttnn.to_torch(y).float()
    golden = torch.exp(x_torch.float())
    ok = torch.allclose(result, golden, rtol=2e-2, atol=2e-2)
    print("PASS" if ok else f"FAIL: max error {(result - golden).abs().max().item()}")
    ttnn.close_device(device)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
