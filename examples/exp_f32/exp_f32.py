# SPDX-License-Identifier: Apache-2.0
"""Element-wise exp of a float32 tensor (newer API): the compute config needs fp32_dest_acc_en."""

import torch
import ttnn
import ttl


@ttl.operation(grid=(1, 1))
def exp_kernel(x, out):
    n_tiles = x.shape[1] // ttl.TILE_SHAPE[1]
    x_dfb = ttl.make_dataflow_buffer_like(x, shape=(1, 1), block_count=2)
    out_dfb = ttl.make_dataflow_buffer_like(out, shape=(1, 1), block_count=2)

    @ttl.compute()
    def exp_compute():
        for _ in range(n_tiles):
            with x_dfb.wait() as xb, out_dfb.reserve() as ob:
                ob.store(ttl.math.exp(xb))

    @ttl.datamovement()
    def exp_read():
        for t in range(n_tiles):
            with x_dfb.reserve() as xb:
                ttl.copy(x[0, t], xb).wait()

    @ttl.datamovement()
    def exp_write():
        for t in range(n_tiles):
            with out_dfb.wait() as ob:
                ttl.copy(ob, out[0, t]).wait()


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
    exp_kernel(x, out)
    ok = torch.allclose(ttnn.to_torch(out), torch.exp(x_torch), rtol=1e-3, atol=1e-3)
    print("PASS" if ok else "FAIL")
    ttnn.close_device(device)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
