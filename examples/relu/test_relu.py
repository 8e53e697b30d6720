# SPDX-License-Identifier: Apache-2.0
"""ReLU over a 64x128 bfloat16 tensor, written as a pytest test (tt-metal's copy of the kernels)."""

import pytest
import torch
import ttnn
from ttl import ttl


@ttl.kernel(grid=(1, 1))
def relu_kernel(x, out):
    rows = x.shape[0] // 32
    cols = x.shape[1] // 32
    x_cb = ttl.make_circular_buffer_like(x, shape=(1, 1), buffer_factor=2)
    out_cb = ttl.make_circular_buffer_like(out, shape=(1, 1), buffer_factor=2)

    @ttl.compute()
    def relu_compute():
        for r in range(rows):
            for c in range(cols):
                with x_cb.wait() as xb, out_cb.reserve() as ob:
                    ob.store(ttl.math.relu(xb))

    @ttl.datamovement()
    def relu_read():
        for r in range(rows):
            for c in range(cols):
                with x_cb.reserve() as xb:
                    ttl.copy(x[r, c], xb).wait()

    @ttl.datamovement()
    def relu_write():
        for r in range(rows):
            for c in range(cols):
                with out_cb.wait() as ob:
                    ttl.copy(ob, out[r, c]).wait()


@pytest.fixture
def device():
    dev = ttnn.open_device(device_id=0)
    yield dev
    ttnn.close_device(dev)


def test_relu(device):
    x_torch = torch.randn((64, 128), dtype=torch.bfloat16)
    x = ttnn.from_torch(
        x_torch, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
    )
    out = ttnn.from_torch(
        torch.zeros((64, 128), dtype=torch.bfloat16),
        dtype=ttnn.bfloat16,
        layout=ttnn.TILE_LAYOUT,
        device=device,
    )
    relu_kernel(x, out)
    assert torch.equal(ttnn.to_torch(out), torch.relu(x_torch))
