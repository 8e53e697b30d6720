"""A two-layer model over batches: hidden = x + x, then out = hidden + bias.

Inference loop as real model scripts have it: the weights are loaded once, every batch goes
through both kernels in turn (the first kernel's output is the second kernel's input), and the
script prints how many batches matched the float reference.
"""

import torch
import ttl
import ttnn

TILE = 32
WIDTH_TILES = 4
SHAPE = (TILE, WIDTH_TILES * TILE)
BATCHES = 3
TOLERANCE = 2e-2


@ttl.kernel(grid=(1, 1))
def layer1(x, h):
    """h = x + x, a row of tiles."""
    n = x.shape[1] // TILE
    x_cb = ttl.make_circular_buffer_like(x, shape=(1, 1), buffer_factor=2)
    h_cb = ttl.make_circular_buffer_like(h, shape=(1, 1), buffer_factor=2)

    @ttl.compute()
    def l1_compute():
        for i in range(n):
            with x_cb.wait() as a, h_cb.reserve() as b:
                b.store(a + a)

    @ttl.datamovement()
    def l1_read():
        for i in range(n):
            with x_cb.reserve() as a:
                ttl.copy(x[0, i], a).wait()

    @ttl.datamovement()
    def l1_write():
        for i in range(n):
            with h_cb.wait() as b:
                ttl.copy(b, h[0, i]).wait()


@ttl.kernel(grid=(1, 1))
def layer2(h, bias, out):
    """out = h + bias, tile by tile."""
    n = h.shape[1] // TILE
    h_cb = ttl.make_circular_buffer_like(h, shape=(1, 1), buffer_factor=2)
    bias_cb = ttl.make_circular_buffer_like(bias, shape=(1, 1), buffer_factor=2)
    out_cb = ttl.make_circular_buffer_like(out, shape=(1, 1), buffer_factor=2)

    @ttl.compute()
    def l2_compute():
        for i in range(n):
            with h_cb.wait() as a, bias_cb.wait() as b, out_cb.reserve() as c:
                c.store(a + b)

    @ttl.datamovement()
    def l2_read():
        for i in range(n):
            with h_cb.reserve() as a, bias_cb.reserve() as b:
                ttl.copy(h[0, i], a).wait()
                ttl.copy(bias[0, i], b).wait()

    @ttl.datamovement()
    def l2_write():
        for i in range(n):
            with out_cb.wait() as c:
                ttl.copy(c, out[0, i]).wait()


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
        layer1(x, hidden)
        layer2(hidden, bias, out)
        golden = x_torch.float() * 2 + bias_torch.float()
        result = ttnn.to_torch(out).float()
        correct += int(torch.allclose(result, golden, rtol=TOLERANCE, atol=TOLERANCE))
    ttnn.close_device(device)
    print(f"accuracy: {correct}/{BATCHES} batches match the reference")
    print("PASS" if correct == BATCHES else "FAIL")
    return 0 if correct == BATCHES else 1


if __name__ == "__main__":
    raise SystemExit(main())
