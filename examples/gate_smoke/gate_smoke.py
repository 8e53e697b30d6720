"""Gate smoke test: out = x + y, tile by tile, on integer data carried in bfloat16.

Written after the shape of real TT-Lang model kernels: a ttl bootstrap that rebinds the
package, module constants in the grid and the shapes, a private kernel with capitalised
parameters, threads with several-line docstrings, and an entry point that is an
``if __name__ == "__main__":`` block reading a data file named on the command line.
"""

from __future__ import annotations

import os
import sys

import ttl as _ttl_pkg
from ttl.ttl import compute, copy, datamovement, make_circular_buffer_like
from ttl.ttl import operation
import torch
import ttnn

_ttl_pkg.operation = operation
_ttl_pkg.compute = compute
ttl = _ttl_pkg  # noqa: F841 (used in kernel source text)

TILE_SIZE = 32
ROWS = 4
COLS = 4
GRID_X = 1
GRID_Y = 1
SHAPE = (ROWS * TILE_SIZE, COLS * TILE_SIZE)
DEFAULT_DATA = "gate_data.bin"  # bytes 0..127, repeated to fill the tensor


@ttl.operation(grid=(GRID_X, GRID_Y))
def __gate_op(
    X: ttnn.Tensor,
    Y: ttnn.Tensor,
    OUT: ttnn.Tensor,
):
    x_cb = ttl.make_circular_buffer_like(X, shape=(1, 1), buffer_factor=2)
    y_cb = ttl.make_circular_buffer_like(Y, shape=(1, 1), buffer_factor=2)
    out_cb = ttl.make_circular_buffer_like(OUT, shape=(1, 1), buffer_factor=2)

    @ttl.compute()
    def gate_compute():
        """Adds the gate input to the data.

        Both operands are integers below 128 carried in bfloat16, so the sum is exact.
        """
        for row in range(ROWS):
            for col in range(COLS):
                # one tile of each operand in, one tile of the sum out
                with (
                    x_cb.wait() as x,
                    y_cb.wait() as y,
                    out_cb.reserve() as o,
                ):
                    o.store(x + y)  # FPU add

    @ttl.datamovement()
    def gate_read():
        """Streams tile (row, col) of X and Y."""
        for row in range(ROWS):
            for col in range(COLS):
                with x_cb.reserve() as x, y_cb.reserve() as y:
                    tx_x = ttl.copy(X[row, col], x)
                    tx_y = ttl.copy(Y[row, col], y)
                    tx_x.wait()
                    tx_y.wait()

    @ttl.datamovement()
    def gate_write():
        """Writes tile (row, col) of the sum."""
        for row in range(ROWS):
            for col in range(COLS):
                with out_cb.wait() as o:
                    tx = ttl.copy(o, OUT[row, col])
                    tx.wait()


def _load(path):
    """The data file as a bfloat16 tensor of SHAPE (its bytes, repeated)."""
    with open(path, "rb") as f:
        data = f.read()
    values = torch.tensor(list(data), dtype=torch.float32)
    count = SHAPE[0] * SHAPE[1]
    values = values.repeat(count // len(values) + 1)[:count]
    return values.reshape(SHAPE).to(torch.bfloat16)


def _to_device(tensor, device):
    return ttnn.from_torch(
        tensor, dtype=ttnn.bfloat16, layout=ttnn.TILE_LAYOUT, device=device
    )


def run_on_device(path, device):
    x_torch = _load(path)
    y_torch = torch.full(SHAPE, 3.0, dtype=torch.bfloat16)
    x = _to_device(x_torch, device)
    y = _to_device(y_torch, device)
    out = _to_device(torch.zeros(SHAPE, dtype=torch.bfloat16), device)
    __gate_op(x, y, out)
    return x_torch, y_torch, ttnn.to_torch(out)


def _smoke_test(path):
    device = ttnn.open_device(device_id=0)
    try:
        x, y, out = run_on_device(path, device)
    finally:
        ttnn.close_device(device)
    assert torch.equal(out.float(), (x.float() + y.float())), "gate sum differs"
    print(f"PASS: {SHAPE[0]}x{SHAPE[1]} gate sum is exact")


if __name__ == "__main__":
    data = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DATA
    if not os.path.exists(data):
        print(f"no data file: {data}")
        sys.exit(2)
    _smoke_test(data)
