# SPDX-License-Identifier: Apache-2.0
"""exp(x) * g in two compute steps through an intermediate buffer (tt-metal's copy of the kernels)."""

import torch
import ttnn
from ttl import ttl


@ttl.kernel(grid=(1, 1))
def gated_exp(x, g, out):
    rows = x.shape[0] // 32
    cols = x.shape[1] // 32
    x_cb = ttl.make_circular_buffer_like(x, shape=(1, 1), buffer_factor=2)
    g_cb = ttl.make_circular_buffer_like(g, shape=(1, 1), buffer_factor=2)
    e_cb = ttl.make_circular_buffer_like(x, shape=(1, 1), buffer_factor=2)
    out_cb = ttl.make_circular_buffer_like(out, shape=(1, 1), buffer_factor=2)

    @ttl.compute()
    def gate_compute():
        """Two groups per tile.

        First exp(x) into the intermediate e_cb, then the product with the gate into out_cb;
        the intermediate never leaves L1.
        """
        for _ in range(rows * cols):
            # step 1: the exponential,
            # kept in its own buffer for the second step
            with x_cb.wait() as xv, e_cb.reserve() as ev:
                ev.store(ttl.math.exp(xv))
            # step 2: gate it
            with e_cb.wait() as ev2, g_cb.wait() as gv, out_cb.reserve() as ov:
                ov.store(ev2 * gv)  # FPU multiply

    @ttl.datamovement()
    def gate_read():
        for t in range(rows * cols):
            with x_cb.reserve() as xv, g_cb.reserve() as gv:
                # both tiles of step t
                tx = ttl.copy(x[t // cols, t % cols], xv)
                tg = ttl.copy(g[t // cols, t % cols], gv)
                tx.wait()
                tg.wait()

    @ttl.datamovement()
    def gate_write():
        for t in range(rows * cols):
            with out_cb.wait() as ov:
                ttl.copy(ov, out[t // cols, t % cols]).wait()


def main():
    device = ttnn.open_device(device_id=0)
    x_torch = torch.rand((64, 64), dtype=torch.bfloat16) - 0.5
    g_torch = torch.rand((64, 64), dtype=torch.bfloat16)
    x = ttnn.from_torch(
        x_torch, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
    )
    g = ttnn.from_torch(
        g_torch, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
    )
    out = ttnn.from_torch(
        torch.zeros((64, 64), dtype=torch.bfloat16),
        dtype=ttnn.bfloat16,
        layout=ttnn.TILE_LAYOUT,
        device=device,
    )
    gated_exp(x, g, out)
    result = ttnn.to_torch(out).float()
    golden = torch.exp(x_torch.float()) * g_torch.float()
    ok = torch.allclose(result, golden, rtol=5e-2, atol=5e-2)
    print("PASS" if ok else "FAIL")
    ttnn.close_device(device)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
