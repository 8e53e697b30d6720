# SPDX-License-Identifier: Apache-2.0
"""ttl-export's stand-in for ttnn: runs TT-Metal programs on the ttl-export CPU emulator.

It provides the part of the ttnn API that exported runners (run_kernel.py), the TT-Lang
compiler's emitted runners and typical TT-Lang main() functions use: devices, tensors,
program descriptors and generic_op. generic_op writes the program and its tensors to a
temporary directory and runs `ttl-export run program.json`; the outputs come back into the
tensors. Anything else raises NotImplementedError naming the call.

It is only on the path when `ttl-export run` puts it there; a real ttnn is never shadowed.
"""

import enum
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import weakref

import torch

__version__ = "ttl-export-emulator"

TILE_SIZE = 32
_TILE = TILE_SIZE * TILE_SIZE


def __getattr__(name):
    raise NotImplementedError(f"ttnn.{name} is not provided by the ttl-export emulator")


# ---- data types, layouts, memory configs -------------------------------------------------


class DataType:
    def __init__(self, name, torch_dtype, element_size):
        self.name = name
        self.torch_dtype = torch_dtype
        self.element_size = element_size

    def __repr__(self):
        return f"DataType.{self.name.upper()}"

    def _check(self, call):
        if self.torch_dtype is None:
            raise NotImplementedError(f"{call}: ttnn.{self.name} is not emulated (use bfloat16 or float32)")


bfloat16 = DataType("bfloat16", torch.bfloat16, 2)
float32 = DataType("float32", torch.float32, 4)
int32 = DataType("int32", torch.int32, 4)
uint32 = DataType("uint32", torch.int32, 4)  # stored as 32-bit words
uint16 = DataType("uint16", torch.int16, 2)
uint8 = DataType("uint8", torch.uint8, 1)
bfloat8_b = DataType("bfloat8_b", None, 0)
bfloat4_b = DataType("bfloat4_b", None, 0)
_BY_TORCH = {torch.bfloat16: bfloat16, torch.float32: float32, torch.int32: int32, torch.uint8: uint8}


class Layout(enum.Enum):
    ROW_MAJOR = 0
    TILE = 1


ROW_MAJOR_LAYOUT = Layout.ROW_MAJOR
TILE_LAYOUT = Layout.TILE


class BufferType(enum.Enum):
    DRAM = 0
    L1 = 1


class TensorMemoryLayout(enum.Enum):
    INTERLEAVED = 0


class MemoryConfig:
    def __init__(self, memory_layout=TensorMemoryLayout.INTERLEAVED, buffer_type=BufferType.DRAM, shard_spec=None):
        if shard_spec is not None or memory_layout != TensorMemoryLayout.INTERLEAVED:
            raise NotImplementedError("ttnn.MemoryConfig: sharded tensors are not emulated")
        self.memory_layout = memory_layout
        self.buffer_type = buffer_type

    def __repr__(self):
        return f"MemoryConfig({self.buffer_type.name})"


DRAM_MEMORY_CONFIG = MemoryConfig(buffer_type=BufferType.DRAM)
L1_MEMORY_CONFIG = MemoryConfig(buffer_type=BufferType.L1)


class MathFidelity(enum.IntEnum):
    LoFi = 0
    HiFi2 = 2
    HiFi3 = 3
    HiFi4 = 4


# ---- devices and tensors -----------------------------------------------------------------


class CoreCoord:
    def __init__(self, x, y):
        self.x = int(x)
        self.y = int(y)

    def __repr__(self):
        return f"CoreCoord({self.x}, {self.y})"

    def __eq__(self, other):
        return isinstance(other, CoreCoord) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))


class Device:
    """One emulated device: allocates interleaved buffers in its own address space."""

    def __init__(self, device_id):
        self.device_id = device_id
        self._next_address = 0x10000000
        self._tensors = weakref.WeakSet()
        self._open = True

    def id(self):
        return self.device_id

    def compute_with_storage_grid_size(self):
        return CoreCoord(8, 8)

    def worker_core_from_logical_core(self, core):
        return CoreCoord(core.x, core.y)  # the emulator's NoC coordinates are the logical ones

    def _allocate(self, size):
        address = self._next_address
        self._next_address += (size + 0xFFFF) & ~0xFFFF
        if self._next_address >= 0x80000000:
            raise RuntimeError("ttnn (emulator): out of device memory")
        return address


def open_device(device_id=0, **kwargs):
    return Device(device_id)


CreateDevice = open_device


def close_device(device):
    device._open = False


CloseDevice = close_device


def _tiled_rows_cols(shape):
    dims = list(shape)
    if len(dims) == 0:
        dims = [1, 1]
    if len(dims) == 1:
        dims = [1] + dims
    rows = 1
    for d in dims[:-1]:
        rows *= d
    return rows, dims[-1]


def _pad(n):
    return (n + TILE_SIZE - 1) // TILE_SIZE * TILE_SIZE


def _tilize(values, rows, cols):
    """[rows, cols] -> tiles in row-major tile order, each tile in face order, flattened."""
    r, c = _pad(rows), _pad(cols)
    padded = torch.zeros((r, c), dtype=values.dtype)
    padded[:rows, :cols] = values.reshape(rows, cols)
    t = padded.reshape(r // 32, 32, c // 32, 32).permute(0, 2, 1, 3)  # [tr, tc, 32, 32]
    t = t.reshape(r // 32, c // 32, 2, 16, 2, 16).permute(0, 1, 2, 4, 3, 5)  # faces
    return t.reshape(-1)


def _untilize(flat, rows, cols):
    r, c = _pad(rows), _pad(cols)
    t = flat.reshape(r // 32, c // 32, 2, 2, 16, 16).permute(0, 1, 2, 4, 3, 5)
    t = t.reshape(r // 32, c // 32, 32, 32).permute(0, 2, 1, 3).reshape(r, c)
    return t[:rows, :cols]


class Tensor:
    def __init__(self, data, dtype, layout, device, memory_config):
        self._data = data  # torch tensor in the ttnn dtype's torch type, logical shape
        self._dtype = dtype
        self._layout = layout
        self._device = device
        self._memory_config = memory_config
        self._address = None
        if device is not None:
            if layout != TILE_LAYOUT:
                raise NotImplementedError("ttnn (emulator): device tensors must use ttnn.TILE_LAYOUT")
            rows, cols = _tiled_rows_cols(data.shape)
            self._size = _pad(rows) * _pad(cols) * dtype.element_size
            self._address = device._allocate(self._size)
            device._tensors.add(self)

    @property
    def shape(self):
        return self._data.shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def layout(self):
        return self._layout

    def device(self):
        return self._device

    def memory_config(self):
        return self._memory_config

    def buffer_address(self):
        if self._address is None:
            raise RuntimeError("ttnn (emulator): buffer_address() of a tensor that is not on a device")
        return self._address

    def is_allocated(self):
        return True

    def cpu(self):
        return Tensor(self._data.clone(), self._dtype, self._layout, None, None)

    def to_torch(self):
        return to_torch(self)

    def __repr__(self):
        return f"ttnn.Tensor(shape={list(self.shape)}, dtype={self._dtype.name}, emulated)"

    # bytes as the device holds them
    def _page_bytes(self):
        rows, cols = _tiled_rows_cols(self._data.shape)
        tiles = _tilize(self._data.reshape(rows, cols), rows, cols).contiguous()
        return bytes(tiles.view(torch.uint8).tolist())

    def _load_page_bytes(self, data):
        rows, cols = _tiled_rows_cols(self._data.shape)
        flat = torch.frombuffer(bytearray(data), dtype=self._dtype.torch_dtype)
        self._data = _untilize(flat, rows, cols).reshape(self._data.shape).clone()


def _as_dtype(dtype, fallback):
    if dtype is None:
        return fallback
    if isinstance(dtype, DataType):
        return dtype
    if dtype in _BY_TORCH:
        return _BY_TORCH[dtype]
    raise NotImplementedError(f"ttnn (emulator): data type {dtype!r} is not emulated")


def from_torch(tensor, dtype=None, layout=ROW_MAJOR_LAYOUT, device=None, memory_config=None, **kwargs):
    dtype = _as_dtype(dtype, _BY_TORCH.get(tensor.dtype, float32))
    dtype._check("ttnn.from_torch")
    for name in kwargs:
        if name not in ("tile", "pad_value", "mesh_mapper", "cq_id"):
            raise NotImplementedError(f"ttnn.from_torch: argument '{name}' is not emulated")
    data = tensor.detach().to(dtype.torch_dtype).clone()
    return Tensor(data, dtype, layout, device, memory_config or DRAM_MEMORY_CONFIG)


def to_torch(tensor, **kwargs):
    return tensor._data.clone()


def _filled(call, shape, dtype, layout, device, memory_config, fill):
    dtype = _as_dtype(dtype, bfloat16)
    dtype._check(call)
    data = fill(tuple(shape)).to(dtype.torch_dtype)
    return Tensor(data, dtype, layout, device, memory_config or DRAM_MEMORY_CONFIG)


def zeros(shape, dtype=None, layout=ROW_MAJOR_LAYOUT, device=None, memory_config=None):
    return _filled("ttnn.zeros", shape, dtype, layout, device, memory_config, torch.zeros)


def ones(shape, dtype=None, layout=ROW_MAJOR_LAYOUT, device=None, memory_config=None):
    return _filled("ttnn.ones", shape, dtype, layout, device, memory_config, torch.ones)


def empty(shape, dtype=None, layout=ROW_MAJOR_LAYOUT, device=None, memory_config=None):
    return _filled("ttnn.empty", shape, dtype, layout, device, memory_config, torch.zeros)


def rand(shape, dtype=None, layout=ROW_MAJOR_LAYOUT, device=None, memory_config=None, low=0, high=1, **kwargs):
    return _filled("ttnn.rand", shape, dtype, layout, device, memory_config,
                   lambda s: torch.rand(s) * (high - low) + low)


# ---- program descriptors -----------------------------------------------------------------


class CoreRange:
    def __init__(self, start, end):
        self.start = start
        self.end = end

    def grid_size(self):
        return CoreCoord(self.end.x - self.start.x + 1, self.end.y - self.start.y + 1)

    def _json(self):
        return [[self.start.x, self.start.y], [self.end.x, self.end.y]]


class CoreRangeSet:
    def __init__(self, ranges):
        if isinstance(ranges, CoreRange):
            ranges = [ranges]
        self.ranges_ = list(ranges)

    def ranges(self):
        return list(self.ranges_)

    def bounding_box(self):
        xs0 = min(r.start.x for r in self.ranges_)
        ys0 = min(r.start.y for r in self.ranges_)
        xs1 = max(r.end.x for r in self.ranges_)
        ys1 = max(r.end.y for r in self.ranges_)
        return CoreRange(CoreCoord(xs0, ys0), CoreCoord(xs1, ys1))

    def num_cores(self):
        return sum((r.end.x - r.start.x + 1) * (r.end.y - r.start.y + 1) for r in self.ranges_)

    def _json(self):
        return [r._json() for r in self.ranges_]


def _core_ranges(value, call):
    if isinstance(value, CoreRangeSet):
        return value
    if isinstance(value, CoreRange):
        return CoreRangeSet([value])
    raise TypeError(f"{call}: core_ranges must be a ttnn.CoreRangeSet, got {type(value).__name__}")


class CBFormatDescriptor:
    def __init__(self, buffer_index, data_format, page_size, tile=None):
        self.buffer_index = buffer_index
        self.data_format = data_format
        self.page_size = page_size
        if tile is not None:
            raise NotImplementedError("ttnn.CBFormatDescriptor: custom tile shapes are not emulated")


class CBDescriptor:
    def __init__(self, total_size, core_ranges, format_descriptors, address_offset=None, **kwargs):
        self.total_size = total_size
        self.core_ranges = _core_ranges(core_ranges, "ttnn.CBDescriptor")
        self.format_descriptors = list(format_descriptors)
        if address_offset or kwargs:
            raise NotImplementedError("ttnn.CBDescriptor: address offsets and globally allocated CBs are not emulated")


class ReaderConfigDescriptor:
    pass


class WriterConfigDescriptor:
    pass


class DataMovementProcessor(enum.IntEnum):
    RISCV_0 = 0
    RISCV_1 = 1


class NOC(enum.IntEnum):
    RISCV_0_default = 0
    RISCV_1_default = 1
    NOC_0 = 0
    NOC_1 = 1


class DataMovementConfigDescriptor:
    def __init__(self, processor=DataMovementProcessor.RISCV_1, noc=NOC.RISCV_1_default, noc_mode=None):
        self.processor = processor
        self.noc = noc
        self.noc_mode = noc_mode


class ComputeConfigDescriptor:
    def __init__(self, math_fidelity=MathFidelity.HiFi4, fp32_dest_acc_en=False, dst_full_sync_en=False,
                 math_approx_mode=False, bfp8_pack_precise=False, unpack_to_dest_mode=None):
        self.math_fidelity = math_fidelity
        self.fp32_dest_acc_en = fp32_dest_acc_en
        self.dst_full_sync_en = dst_full_sync_en
        self.math_approx_mode = math_approx_mode
        self.bfp8_pack_precise = bfp8_pack_precise
        self.unpack_to_dest_mode = unpack_to_dest_mode


class _SourceType(enum.Enum):
    FILE_PATH = 0
    SOURCE_CODE = 1


class RuntimeArgs:
    """`rt[x][y] = [args]`."""

    def __init__(self):
        self._by_core = {}

    def __getitem__(self, x):
        args = self

        class _Column:
            def __setitem__(self, y, values):
                args._by_core[(x, y)] = list(values)

            def __getitem__(self, y):
                return args._by_core.setdefault((x, y), [])

        return _Column()


class KernelDescriptor:
    SourceType = _SourceType

    def __init__(self, kernel_source, source_type=_SourceType.FILE_PATH, core_ranges=None, compile_time_args=(),
                 named_compile_time_args=(), defines=(), runtime_args=(), common_runtime_args=(), config=None,
                 **kwargs):
        if named_compile_time_args:
            raise NotImplementedError("ttnn.KernelDescriptor: named compile-time args are not emulated")
        for name in kwargs:
            if name not in ("opt_level", "compiler_include_paths"):
                raise NotImplementedError(f"ttnn.KernelDescriptor: argument '{name}' is not emulated")
        self.kernel_source = kernel_source
        self.source_type = source_type
        self.core_ranges = _core_ranges(core_ranges, "ttnn.KernelDescriptor")
        self.compile_time_args = [int(a) for a in compile_time_args]
        self.defines = list(defines)
        self.runtime_args = runtime_args
        self.common_runtime_args = [int(a) for a in common_runtime_args]
        self.config = config


class SemaphoreDescriptor:
    def __init__(self, id=0, core_type=None, core_ranges=None, initial_value=0):
        self.id = id
        self.core_ranges = _core_ranges(core_ranges, "ttnn.SemaphoreDescriptor")
        self.initial_value = initial_value


class ProgramDescriptor:
    def __init__(self, kernels=(), cbs=(), semaphores=(), custom_program_hash=None):
        self.kernels = list(kernels)
        self.cbs = list(cbs)
        self.semaphores = list(semaphores)


class TensorAccessorArgs:
    def __init__(self, tensor):
        if tensor.device() is None:
            raise RuntimeError("ttnn.TensorAccessorArgs: the tensor is not on a device")
        self._tensor = tensor

    def get_compile_time_args(self):
        # ArgsConfig of an interleaved buffer: bit 1 = IsDram (one word, as the pinned tt-metal).
        # The C++ side of the same layout: src/read/compile_time_args.h (ct_args::accessor_word).
        return [2 if self._tensor.memory_config().buffer_type == BufferType.DRAM else 0]

    def get_common_runtime_args(self):
        return []


# ---- generic_op: the emulator run --------------------------------------------------------


def _resolve_kernel(path):
    """Kernel files resolve as tt-metal resolves them: as given (absolute or relative to the
    current directory), then relative to TT_METAL_HOME."""
    candidates = [pathlib.Path(path)]
    home = os.environ.get("TT_METAL_HOME")
    if home and not os.path.isabs(path):
        candidates.append(pathlib.Path(home) / path)
    for c in candidates:
        if c.is_file():
            return str(c.resolve())
    where = f" (cwd {os.getcwd()}" + (f", TT_METAL_HOME {home})" if home else ")")
    raise RuntimeError(f"Kernel file {path} doesn't exist{where}")


def _kind(config, path):
    if isinstance(config, ComputeConfigDescriptor):
        return "compute", config
    if isinstance(config, ReaderConfigDescriptor):
        return "reader", None
    if isinstance(config, WriterConfigDescriptor):
        return "writer", None
    if isinstance(config, DataMovementConfigDescriptor):
        return ("reader" if int(config.processor) == 1 else "writer"), None
    raise TypeError(f"ttnn.KernelDescriptor for {path}: config must be a Reader/Writer/DataMovement/Compute "
                    f"config descriptor, got {type(config).__name__}")


def _runtime_args(value):
    """Per-core runtime args from the forms ttnn accepts: [x][y][args] nested lists,
    [(CoreCoord, [args]), ...], or a ttnn.RuntimeArgs."""
    out = []
    if isinstance(value, RuntimeArgs):
        for (x, y), args in value._by_core.items():
            out.append({"core": [x, y], "args": [int(a) for a in args]})
        return out
    value = list(value)
    if value and isinstance(value[0], (tuple, list)) and len(value[0]) == 2 and isinstance(value[0][0], CoreCoord):
        for core, args in value:
            out.append({"core": [core.x, core.y], "args": [int(a) for a in args]})
        return out
    for x, column in enumerate(value):
        for y, args in enumerate(column):
            if args:
                out.append({"core": [x, y], "args": [int(a) for a in args]})
    return out


def _ttl_export():
    return os.environ.get("TTL_EXPORT_BINARY", "ttl-export")


# A CB_CONFIGS row for a circular buffer no thread uses (the compiler writes `None`): the launcher
# (ttl_emu_run.py) puts this in its place, and generic_op drops the descriptors built from it.
_UNUSED = object()
_UNUSED_CB = ((1, 1), 1, _UNUSED, 0, 0)
_warned_fp32 = False
_ops_run = 0


def _dump_outputs(io_tensors, program):
    """With TTL_EMU_DUMP_DIR set (verify --emulator), every tensor of every generic_op call is
    written there after the run, as its device bytes, and indexed in index.txt:
    `OP TENSOR FILE KERNEL_SOURCE...` (the call's number from 0, the tensor's place in io_tensors)."""
    global _ops_run
    where = os.environ.get("TTL_EMU_DUMP_DIR")
    if not where:
        return
    os.makedirs(where, exist_ok=True)
    sources = [_resolve_kernel(k.kernel_source) if k.source_type != _SourceType.SOURCE_CODE else "<inline>"
               for k in program.kernels]
    with open(os.path.join(where, "index.txt"), "a") as index:
        for i, t in enumerate(io_tensors):
            name = f"op{_ops_run}_tensor{i}.bin"
            with open(os.path.join(where, name), "wb") as f:
                f.write(t._page_bytes())
            index.write(" ".join([str(_ops_run), str(i), name] + [str(s) for s in sources]) + "\n")
    _ops_run += 1


def _warn_fp32_without_fp32_dest(program, cbs):
    """float32 CBs with a compute kernel whose config leaves fp32_dest_acc_en off: on the device
    DST then holds 16-bit values and float32 results lose precision (the emulator's DST is
    float32 either way, so the run cannot show it)."""
    global _warned_fp32
    float32 = sorted({cb["index"] for cb in cbs if cb["format"] == "float32"})
    if _warned_fp32 or not float32:
        return
    for k in program.kernels:
        kind, compute = _kind(k.config, k.kernel_source)
        if compute is not None and not compute.fp32_dest_acc_en:
            _warned_fp32 = True
            print(f"warning: circular buffer{'s' if len(float32) > 1 else ''} {', '.join(map(str, float32))} "
                  f"{'are' if len(float32) > 1 else 'is'} float32 but the compute kernel's "
                  "ComputeConfigDescriptor leaves fp32_dest_acc_en off: on the device DST holds 16-bit values "
                  "and the results lose precision (pass fp32_dest_acc_en=True)", file=sys.stderr)
            return


def generic_op(io_tensors, program):
    if len(io_tensors) < 2:
        raise RuntimeError("ttnn.generic_op: at least two tensors (inputs and the output) are needed")
    device = None
    for t in io_tensors:
        if t.device() is None:
            raise RuntimeError("ttnn.generic_op: every tensor must be on the device")
        device = device or t.device()
    with tempfile.TemporaryDirectory(prefix="ttnn-emu-") as tmp:
        buffers = []
        tensors = sorted(device._tensors, key=lambda t: t._address)
        for i, t in enumerate(tensors):
            name = f"buffer{i}"
            with open(os.path.join(tmp, name + ".in"), "wb") as f:
                f.write(t._page_bytes())
            buffers.append({"name": f"tensor at 0x{t._address:x}", "address": t._address, "size": t._size,
                            "page_size": _TILE * t.dtype.element_size,
                            "dram": t.memory_config().buffer_type == BufferType.DRAM,
                            "input": name + ".in", "output": name + ".out"})
        kernels = []
        for k in program.kernels:
            kind, compute = _kind(k.config, k.kernel_source)
            entry = {"kind": kind, "core_ranges": k.core_ranges._json(), "compile_time_args": k.compile_time_args,
                     "common_runtime_args": k.common_runtime_args,
                     "runtime_args": _runtime_args(k.runtime_args),
                     "defines": [[str(n), str(v)] for n, v in k.defines]}
            if k.source_type == _SourceType.SOURCE_CODE:
                entry["source_code"] = k.kernel_source
                entry["source"] = f"<inline {kind} kernel>"
            else:
                entry["source"] = _resolve_kernel(k.kernel_source)
            if compute is not None:
                entry["compute_config"] = {"fp32_dest_acc_en": bool(compute.fp32_dest_acc_en),
                                           "dst_full_sync_en": bool(compute.dst_full_sync_en),
                                           "math_approx_mode": bool(compute.math_approx_mode),
                                           "math_fidelity": int(compute.math_fidelity)}
            kernels.append(entry)
        cbs = []
        for cb in program.cbs:
            for fmt in cb.format_descriptors:
                if fmt.data_format is _UNUSED:
                    continue
                data_format = _as_dtype(fmt.data_format, None)
                data_format._check("ttnn.CBFormatDescriptor")
                cbs.append({"index": fmt.buffer_index, "format": data_format.name, "page_size": fmt.page_size,
                            "total_size": cb.total_size, "core_ranges": cb.core_ranges._json()})
        _warn_fp32_without_fp32_dest(program, cbs)
        semaphores = [{"id": s.id, "core_ranges": s.core_ranges._json(), "initial_value": s.initial_value}
                      for s in program.semaphores]
        with open(os.path.join(tmp, "program.json"), "w") as f:
            json.dump({"kernels": kernels, "cbs": cbs, "semaphores": semaphores, "buffers": buffers}, f, indent=1)
        run = subprocess.run([_ttl_export(), "run", "-q", os.path.join(tmp, "program.json")],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if run.returncode != 0:
            how = (f"killed by signal {-run.returncode}" if run.returncode < 0
                   else f"exit status {run.returncode}")
            output = run.stdout.rstrip() or "(it printed nothing)"
            raise RuntimeError(f"ttnn.generic_op (emulator): the program failed ({how}):\n" + output)
        for i, t in enumerate(tensors):
            with open(os.path.join(tmp, f"buffer{i}.out"), "rb") as f:
                t._load_page_bytes(f.read())
    _dump_outputs(io_tensors, program)
    return io_tensors[-1]
