# SPDX-License-Identifier: Apache-2.0
"""Two kernels whose threads have the same names (compute, dm_read, dm_write), as in tt-lang's
own MNIST example: their emissions differ only in content (tensor count, circular buffers).
The compiler output here is in dialect A (the compute kernel in a NAMESPACE wrapper).
"""

import torch
import ttnn
import ttl


@ttl.kernel(grid=(1, 1))
def double_it(x, y):
    """y = x + x over a row of 4 tiles."""
    n = x.shape[1] // 32
    x_cb = ttl.make_circular_buffer_like(x, shape=(1, 1), buffer_factor=2)
    y_cb = ttl.make_circular_buffer_like(y, shape=(1, 1), buffer_factor=2)

    @ttl.compute()
    def compute():
        for i in range(n):
            with x_cb.wait() as a, y_cb.reserve() as b:
                b.store(a + a)

    @ttl.datamovement()
    def dm_read():
        for i in range(n):
            with x_cb.reserve() as a:
                ttl.copy(x[0, i], a).wait()

    @ttl.datamovement()
    def dm_write():
        for i in range(n):
            with y_cb.wait() as b:
                ttl.copy(b, y[0, i]).wait()


@ttl.kernel(grid=(1, 1))
def add_bias(y, bias, z):
    """z = y + bias, tile by tile."""
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
    double_it(x, y)
    add_bias(y, bias, z)
    golden = x_torch.float() * 2 + bias_torch.float()
    ok = torch.allclose(ttnn.to_torch(z).float(), golden, rtol=2e-2, atol=2e-2)
    print("PASS" if ok else "FAIL")
    ttnn.close_device(device)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
