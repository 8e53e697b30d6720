# SPDX-License-Identifier: Apache-2.0
"""relu(a @ b): the matmul's tiles feed a second compute group (older TT-Lang API)."""

import torch
import ttnn
import ttl

TILE = 32


@ttl.kernel(grid=(1, 1))
def mm_relu(a, b, out):
    """relu(a @ b) on one core, through an intermediate buffer."""
    Mt = a.shape[0] // TILE
    Kt = a.shape[1] // TILE
    Nt = b.shape[1] // TILE
    a_cb = ttl.make_circular_buffer_like(a, shape=(1, 1), buffer_factor=2)
    b_cb = ttl.make_circular_buffer_like(b, shape=(1, 1), buffer_factor=2)
    mm_cb = ttl.make_circular_buffer_like(out, shape=(1, 1), buffer_factor=2)
    out_cb = ttl.make_circular_buffer_like(out, shape=(1, 1), buffer_factor=2)

    @ttl.compute()
    def mm_compute():
        """One output tile at a time.

        The product is accumulated over k in DST, packed to mm_cb, then read back for the relu.
        """
        for m in range(Mt):
            for n in range(Nt):
                with mm_cb.reserve() as acc:
                    # accumulate a[m, k] @ b[k, n] over k in DST
                    for k in range(Kt):
                        with a_cb.wait() as a_blk, b_cb.wait() as b_blk:
                            ttl.math.matmul(a_blk, b_blk, acc)
                # the second group reads the product back
                with mm_cb.wait() as p, out_cb.reserve() as o:
                    o.store(ttl.math.relu(p))  # SFPU relu

    @ttl.datamovement()
    def mm_read():
        for m in range(Mt):
            for n in range(Nt):
                for k in range(Kt):
                    with a_cb.reserve() as a_blk, b_cb.reserve() as b_blk:
                        tx_a = ttl.copy(a[m, k], a_blk)
                        tx_b = ttl.copy(b[k, n], b_blk)
                        tx_a.wait()
                        tx_b.wait()

    @ttl.datamovement()
    def mm_write():
        for m in range(Mt):
            for n in range(Nt):
                with out_cb.wait() as blk:
                    tx = ttl.copy(blk, out[m, n])
                    tx.wait()


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
    mm_relu(a, b, out)
    result = ttnn.to_torch(out).float()
    golden = torch.relu(a_torch.float() @ b_torch.float())
    ok = torch.allclose(result, golden, rtol=5e-2, atol=5e-1)
    print("PASS" if ok else "FAIL")
    ttnn.close_device(device)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
