# SPDX-License-Identifier: Apache-2.0
"""Two kernels with the same circular-buffer tables and thread names: one adds, one multiplies.

Only the compute thread's operation and the reader's tensor order tell their emissions apart.
"""

import torch
import ttnn
import ttl


@ttl.kernel(grid=(1, 1))
def with_bias(y, bias, z):
    """z = y + bias over a row of 4 tiles."""
    n = y.shape[1] // 32
    y_cb = ttl.make_circular_buffer_like(y, shape=(1, 1), buffer_factor=2)
    bias_cb = ttl.make_circular_buffer_like(bias, shape=(1, 1), buffer_factor=2)
    z_cb = ttl.make_circular_buffer_like(z, shape=(1, 1), buffer_factor=2)

    @ttl.compute()
    def compute():
        for i in range(n):
            with y_cb.wait() as a, bias_cb.wait() as b, z_cb.reserve() as c:
                c.store(a + b)

    @ttl.datamovement()
    def dm_read():
        for i in range(n):
            with y_cb.reserve() as a, bias_cb.reserve() as b:
                ttl.copy(y[0, i], a).wait()
                ttl.copy(bias[0, i], b).wait()

    @ttl.datamovement()
    def dm_write():
        for i in range(n):
            with z_cb.wait() as c:
                ttl.copy(c, z[0, i]).wait()


@ttl.kernel(grid=(1, 1))
def product(a, b, out):
    """out = a * b, tile by tile."""
    rows = a.shape[0] // 32
    cols = a.shape[1] // 32
    a_cb = ttl.make_circular_buffer_like(a, shape=(1, 1), buffer_factor=2)
    b_cb = ttl.make_circular_buffer_like(b, shape=(1, 1), buffer_factor=2)
    out_cb = ttl.make_circular_buffer_like(out, shape=(1, 1), buffer_factor=2)

    @ttl.compute()
    def compute():
        for row in range(rows):
            for col in range(cols):
                with a_cb.wait() as x, b_cb.wait() as y, out_cb.reserve() as o:
                    o.store(x * y)

    @ttl.datamovement()
    def dm_read():
        for row in range(rows):
            for col in range(cols):
                with a_cb.reserve() as x, b_cb.reserve() as y:
                    tx_x = ttl.copy(a[row, col], x)
                    tx_y = ttl.copy(b[row, col], y)
                    tx_x.wait()
                    tx_y.wait()

    @ttl.datamovement()
    def dm_write():
        for row in range(rows):
            for col in range(cols):
                with out_cb.wait() as o:
                    tx = ttl.copy(o, out[row, col])
                    tx.wait()


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
    with_bias(on_device(y_torch), on_device(bias_torch), z)
    square = (128, 128)
    a_torch = torch.rand(square, dtype=torch.bfloat16)
    b_torch = torch.rand(square, dtype=torch.bfloat16)
    out = on_device(torch.zeros(square, dtype=torch.bfloat16))
    product(on_device(a_torch), on_device(b_torch), out)
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
