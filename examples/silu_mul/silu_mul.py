# SPDX-License-Identifier: Apache-2.0
"""Fused SiLU gate: out = silu(x) * gate, two tiles per block (newer TT-Lang API)."""

import torch
import ttnn
from ttl.ttl import operation, compute, datamovement
import ttl.ttl as tt


@operation(grid=(1, 1))
def silu_mul(x, gate, out):
    """Processes a row of 8 tiles as 4 blocks of (1, 2) tiles."""
    n_blocks = x.shape[1] // (2 * tt.TILE_SHAPE[1])
    x_dfb = tt.make_dataflow_buffer_like(x, shape=(1, 2), block_count=2)
    gate_dfb = tt.make_dataflow_buffer_like(gate, shape=(1, 2), block_count=2)
    out_dfb = tt.make_dataflow_buffer_like(out, shape=(1, 2), block_count=2)

    @compute()
    def fused_compute():
        for _ in range(n_blocks):
            with x_dfb.wait() as xb, gate_dfb.wait() as gb, out_dfb.reserve() as ob:
                ob.store(tt.math.silu(xb) * gb)  # SFPU silu, then SFPU multiply

    @datamovement()
    def fused_read():
        for blk in range(n_blocks):
            with x_dfb.reserve() as xb, gate_dfb.reserve() as gb:
                tt.copy(x[0, blk * 2 : blk * 2 + 2], xb).wait()
                tt.copy(gate[0, blk * 2 : blk * 2 + 2], gb).wait()

    @datamovement()
    def fused_write():
        for blk in range(n_blocks):
            with out_dfb.wait() as ob:
                tt.copy(ob, out[0, blk * 2 : blk * 2 + 2]).wait()


def main():
    device = ttnn.open_device(device_id=0)
    x_torch = torch.randn((32, 256), dtype=torch.bfloat16)
    gate_torch = torch.randn((32, 256), dtype=torch.bfloat16)
    x = ttnn.from_torch(
        x_torch, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
    )
    gate = ttnn.from_torch(
        gate_torch, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
    )
    out = ttnn.from_torch(
        torch.zeros((32, 256), dtype=torch.bfloat16),
        dtype=ttnn.bfloat16,
        layout=ttnn.TILE_LAYOUT,
        device=device,
    )
    silu_mul(x, gate, out)
    result = ttnn.to_torch(out).float()
    golden = torch.nn.functional.silu(x_torch.float()) * gate_torch.float()
    ok = torch.allclose(result, golden, rtol=5e-2, atol=5e-2)
    print("PASS" if ok else "FAIL")
    ttnn.close_device(device)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
