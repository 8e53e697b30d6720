"""Runs a runner script (a package's run_kernel.py, a compiler-emitted runner, or a script that
imports runners) as __main__ with the emulator's ttnn, changing one thing only, in the script and
in every module it imports from outside the system's Python: a `None` entry of a top-level
`CB_CONFIGS` list (a circular buffer no thread uses, which the compiler still numbers) becomes
`ttnn._UNUSED_CB`, a row that builds descriptors the emulated generic_op drops, as the device never
sees the buffer. Emitted runners that unpack every row without checking for None crash on it.

With TTL_EMU_SEED set, Python's and torch's generators are seeded with it before the script runs.

usage: python3 ttl_emu_run.py SCRIPT [ARGS...]   (the script's file is not changed)
"""
import ast
import sys
import types


class _NoneRows(ast.NodeTransformer):
    def visit_Module(self, module):
        for statement in module.body:
            targets = statement.targets if isinstance(statement, ast.Assign) else []
            if any(isinstance(t, ast.Name) and t.id == "CB_CONFIGS" for t in targets) and isinstance(
                statement.value, (ast.List, ast.Tuple)
            ):
                rows = statement.value.elts
                for i, row in enumerate(rows):
                    if isinstance(row, ast.Constant) and row.value is None:
                        unused = ast.parse("__import__('ttnn')._UNUSED_CB", mode="eval").body
                        rows[i] = ast.copy_location(unused, row)
        return ast.fix_missing_locations(module)


def _code(source, path):
    """The module's code, None rows of CB_CONFIGS replaced (line numbers kept)."""
    return compile(_NoneRows().visit(ast.parse(source, filename=path)), path, "exec", dont_inherit=True)


def _hook_imports():
    """Modules with a CB_CONFIGS from outside the system's Python are compiled by _code, whatever
    bytecode is cached for them; everything else loads as usual."""
    from importlib import _bootstrap_external as external

    system = tuple({sys.prefix, sys.base_prefix, "/usr/"})
    original = external.SourceLoader.get_code

    def get_code(self, fullname):
        path = self.get_filename(fullname)
        if path.endswith(".py") and not path.startswith(system):
            data = self.get_data(path)
            if b"CB_CONFIGS" in data:
                return _code(data, path)
        return original(self, fullname)

    external.SourceLoader.get_code = get_code


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    with open(path, "rb") as f:
        source = f.read()
    code = _code(source, path)
    _hook_imports()
    seed = __import__("os").environ.get("TTL_EMU_SEED")
    if seed:  # verify --emulator: both runs draw the same inputs
        __import__("random").seed(int(seed))
        __import__("torch").manual_seed(int(seed))
    sys.argv = sys.argv[1:]
    sys.path[0] = __import__("os").path.dirname(__import__("os").path.abspath(path))
    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__builtins__ = __builtins__
    sys.modules["__main__"] = module
    exec(code, module.__dict__)


if __name__ == "__main__":
    main()
