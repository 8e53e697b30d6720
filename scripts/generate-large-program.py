#!/usr/bin/env python3
"""Writes a large TT-Lang-style program for the export benchmark: one kernel whose three
threads are each about LINES lines of emitted C++ (dialect B), with its source and R1 runner."""
import hashlib
import os
import sys

out, lines = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(out, "emitted"), exist_ok=True)


def reader_body(role, cbs):
    body = ["  int32_t v1 = 2048;", "  int32_t v2 = 1;", "  size_t v3 = 4;", "  size_t v4 = 1;", "  size_t v5 = 0;"]
    n = 6
    while len(body) < lines:
        a = list(range(n, n + 9))
        wait = "cb_reserve_back" if role == "read" else "cb_wait_front"
        push = "cb_push_back" if role == "read" else "cb_pop_front"
        ptr = "get_write_ptr" if role == "read" else "get_read_ptr"
        noc = "noc_async_read_tile" if role == "read" else "noc_async_write_tile"
        bar = "noc_async_read_barrier" if role == "read" else "noc_async_write_barrier"
        cb = 0 if role == "read" else 1
        t = 0 if role == "read" else 1
        body += [
            f"  for (size_t i{a[0]} = v5; i{a[0]} < v3; i{a[0]} += v4) {{",
            f"    {wait}(get_compile_time_arg_val({cb}), v2);",
            f"    int32_t v{a[1]} = get_common_arg_val<uint32_t>(v5);",
            f"    auto tensor_accessor_args_{a[2]} = TensorAccessorArgs<tensor_accessor::detail::get_tensor_accessor_args_cta_offset<{t}, 2>(), 0>();",
            f"    TensorAccessor v{a[3]} = TensorAccessor(tensor_accessor_args_{a[2]}, v{a[1]}, v1);",
            f"    size_t v{a[4]} = i{a[0]} * v3;",
            f"    size_t v{a[5]} = v{a[4]} + i{a[0]};",
            f"    ptrdiff_t v{a[6]} = (ptrdiff_t) v{a[5]};",
            f"    int32_t v{a[7]} = (int32_t) v{a[6]};",
            f"    int32_t v{a[8]} = {ptr}(get_compile_time_arg_val({cb}));",
            f"    {noc}(v{a[7]}, v{a[3]}, v{a[8]});",
            f"    {bar}();",
            f"    {push}(get_compile_time_arg_val({cb}), v2);",
            "  }",
        ]
        n += 9
    return body


def compute_body():
    body = ["  int32_t v1 = 1;", "  size_t v2 = 4;", "  size_t v3 = 1;", "  size_t v4 = 0;"]
    n = 5
    while len(body) < lines:
        body += [
            f"  for (size_t i{n} = v4; i{n} < v2; i{n} += v3) {{",
            "    cb_wait_front(get_compile_time_arg_val(0), v1);",
            "    cb_reserve_back(get_compile_time_arg_val(1), v1);",
            "    tile_regs_acquire();",
            "    copy_tile_init(get_compile_time_arg_val(0));",
            "    copy_tile(get_compile_time_arg_val(0), v4, v4);",
            "    exp_tile_init();",
            "    exp_tile(v4);",
            "    tile_regs_commit();",
            "    tile_regs_wait();",
            "    pack_tile<true>(v4, get_compile_time_arg_val(1), v4);",
            "    tile_regs_release();",
            "    cb_push_back(get_compile_time_arg_val(1), v1);",
            "    cb_pop_front(get_compile_time_arg_val(0), v1);",
            "  }",
        ]
        n += 1
    return body


paths = []
for name, body in [("big_compute", compute_body()), ("big_read", reader_body("read", 2)), ("big_write", reader_body("write", 2))]:
    text = f"// {name}\n#include <cstdint>\n#include \"api/dataflow/dataflow_api.h\"\nvoid kernel_main() {{\n" + "\n".join(body) + "\n  return;\n}\n\n"
    h = hashlib.md5(text.encode()).hexdigest()[:8]
    path = os.path.join(out, "emitted", f"ttlang_kernel_{name}_{h}.cpp")
    open(path, "w").write(text)
    paths.append(path)

kinds = ["compute", "noc", "noc"]
runner = "import ttnn\nGRID_COLS = 1\nGRID_ROWS = 1\nNUM_TENSORS = 2\nKERNEL_PATHS = [\n"
runner += "".join(f"    ('{p}', '{k}'),\n" for p, k in zip(paths, kinds))
runner += "]\nKERNEL_TENSOR_INDICES = [[], [0], [1]]\nCB_CONFIGS = [((1, 1), 2, ttnn.bfloat16, 2048, 4096), ((1, 1), 2, ttnn.bfloat16, 2048, 4096)]\n"
open(os.path.join(out, "emitted", os.path.basename(paths[0])[:-4] + "_runner.py"), "w").write(runner)
source = '''import ttl

@ttl.kernel(grid=(1, 1))
def big(x, y):
    x_cb = ttl.make_circular_buffer_like(x, shape=(1, 1), buffer_factor=2)
    y_cb = ttl.make_circular_buffer_like(y, shape=(1, 1), buffer_factor=2)

    @ttl.compute()
    def big_compute():
        with x_cb.wait() as a, y_cb.reserve() as b:
            b.store(ttl.math.exp(a))

    @ttl.datamovement()
    def big_read():
        with x_cb.reserve() as a:
            ttl.copy(x[0, 0], a).wait()

    @ttl.datamovement()
    def big_write():
        with y_cb.wait() as b:
            ttl.copy(b, y[0, 0]).wait()
'''
open(os.path.join(out, "large.py"), "w").write(source)
