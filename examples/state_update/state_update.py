"""State update for a recurrent model: new_state = prev + upd, one tile at a time.

Compile-only: running this file emits the kernels (TTLANG_COMPILE_ONLY) and copies the newest
emission of each thread into ./emitted. It checks no result; the math is described only here.
"""

from __future__ import annotations

import glob
import os
import shutil

import torch
import ttl
import ttnn

TILE = 32
ROWS = 4
COLS = 4
STATE_SHAPE = (ROWS * TILE, COLS * TILE)
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "emitted")


@ttl.kernel(grid=(1, 1))
def state_update(Prev: ttnn.Tensor, Upd: ttnn.Tensor, Out: ttnn.Tensor):
    prev_cb = ttl.make_circular_buffer_like(Prev, shape=(1, 1), buffer_factor=2)
    upd_cb = ttl.make_circular_buffer_like(Upd, shape=(1, 1), buffer_factor=2)
    out_cb = ttl.make_circular_buffer_like(Out, shape=(1, 1), buffer_factor=2)

    @ttl.compute()
    def state_compute():
        """new_state = prev + upd."""
        for row in range(ROWS):
            for col in range(COLS):
                with prev_cb.wait() as p, upd_cb.wait() as u, out_cb.reserve() as o:
                    o.store(p + u)

    @ttl.datamovement()
    def state_read():
        for row in range(ROWS):
            for col in range(COLS):
                with prev_cb.reserve() as p, upd_cb.reserve() as u:
                    tx_p = ttl.copy(Prev[row, col], p)
                    tx_u = ttl.copy(Upd[row, col], u)
                    tx_p.wait()
                    tx_u.wait()

    @ttl.datamovement()
    def state_write():
        for row in range(ROWS):
            for col in range(COLS):
                with out_cb.wait() as o:
                    tx = ttl.copy(o, Out[row, col])
                    tx.wait()


def _host_tile_zeros(shape):
    """A host-only tiled bfloat16 tensor of zeros (no device needed to compile)."""
    return ttnn.from_torch(
        torch.zeros(shape, dtype=torch.bfloat16),
        dtype=ttnn.bfloat16,
        layout=ttnn.TILE_LAYOUT,
    )


def main():
    os.environ.setdefault("TTLANG_COMPILE_ONLY", "1")
    os.environ["TTLANG_EMIT_RUNNER"] = "1"
    prev = _host_tile_zeros(STATE_SHAPE)
    upd = _host_tile_zeros(STATE_SHAPE)
    out = _host_tile_zeros(STATE_SHAPE)
    state_update(prev, upd, out)
    user = os.environ.get("USER", "unknown")
    for thread in ("state_compute", "state_read", "state_write"):
        files = glob.glob(f"/tmp/{user}/ttlang_kernel_{thread}_*.cpp")
        if files:
            shutil.copy(max(files, key=os.path.getmtime), OUT_DIR)


if __name__ == "__main__":
    main()
