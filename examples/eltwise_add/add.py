# SPDX-License-Identifier: Apache-2.0
"""Element-wise addition of two bfloat16 matrices, one tile at a time.

Our own example for ttl-export: the reader streams tiles of `lhs` and `rhs` into circular
buffers, the compute thread adds them, the writer stores the sum into `out`.
"""

import torch
import ttnn
import ttl


@ttl.kernel(grid=(1, 1))
def add_kernel(lhs: ttnn.Tensor, rhs: ttnn.Tensor, out: ttnn.Tensor):
    """out = lhs + rhs, tile by tile."""
    rows = lhs.shape[0] // ttl.TILE_SHAPE[0]
    cols = lhs.shape[1] // ttl.TILE_SHAPE[1]
    lhs_cb = ttl.make_circular_buffer_like(lhs, shape=(1, 1), buffer_factor=2)
    rhs_cb = ttl.make_circular_buffer_like(rhs, shape=(1, 1), buffer_factor=2)
    out_cb = ttl.make_circular_buffer_like(out, shape=(1, 1), buffer_factor=2)

    @ttl.compute()
    def add_compute():
        """Adds one tile of lhs and rhs into out_cb."""
        for row in range(rows):
            for col in range(cols):
                with lhs_cb.wait() as l, rhs_cb.wait() as r, out_cb.reserve() as o:
                    # FPU add of two circular-buffer operands
                    o.store(l + r)

    @ttl.datamovement()
    def read_inputs():
        """Reads tile (row, col) of lhs and rhs."""
        for row in range(rows):
            for col in range(cols):
                with lhs_cb.reserve() as l, rhs_cb.reserve() as r:
                    tx_l = ttl.copy(lhs[row, col], l)
                    tx_r = ttl.copy(rhs[row, col], r)
                    tx_l.wait()
                    tx_r.wait()

    @ttl.datamovement()
    def write_output():
        """Writes tile (row, col) of the sum."""
        for row in range(rows):
            for col in range(cols):
                with out_cb.wait() as o:
                    tx = ttl.copy(o, out[row, col])
                    tx.wait()


def main():
    device = ttnn.open_device(device_id=0)
    shape = (128, 128)
    lhs_torch = torch.rand(shape, dtype=torch.bfloat16)
    rhs_torch = torch.rand(shape, dtype=torch.bfloat16)
    lhs = ttnn.from_torch(
        lhs_torch, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
    )
    rhs = ttnn.from_torch(
        rhs_torch, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
    )
    out = ttnn.from_torch(
        torch.zeros(shape, dtype=torch.bfloat16),
        dtype=ttnn.bfloat16,
        layout=ttnn.TILE_LAYOUT,
        device=device,
    )
    add_kernel(lhs, rhs, out)
    result = ttnn.to_torch(out)
    golden = lhs_torch + rhs_torch
    ok = torch.allclose(result.float(), golden.float(), rtol=1e-2, atol=1e-2)
    print("PASS" if ok else "FAIL")
    ttnn.close_device(device)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
