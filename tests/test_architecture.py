"""The layout's promises: the core needs neither Sphinx nor docutils, and no import circle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "src" / "sphinxcontrib_policybrief"

# A fresh interpreter in which importing sphinx or docutils fails, as on a machine
# that has neither: every core module must still import.
_BLOCKED_IMPORT = """
import importlib, importlib.abc, pkgutil, sys

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("sphinx", "docutils"):
            raise ImportError(f"blocked: {name}")
        return None

sys.meta_path.insert(0, Block())
import sphinxcontrib_policybrief.core as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, "sphinxcontrib_policybrief.core.")]
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("sphinx", "docutils"))
assert not loaded, loaded
print(len(names))
"""


def core_modules() -> list[str]:
    # Subpackages count as modules (as pkgutil lists them); core's own __init__ does not.
    return sorted(
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for p in (PACKAGE / "core").rglob("*.py")
        if p != PACKAGE / "core" / "__init__.py"
    )


def test_every_core_module_imports_without_sphinx_or_docutils() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _BLOCKED_IMPORT], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(core_modules()) >= 10


def _imports(path: Path) -> set[str]:
    """The package modules *path* imports at module level (not under TYPE_CHECKING)."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf8"))
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")
            base = base[: len(base) - node.level + 1]
            target = ".".join([*base, node.module] if node.module else base)
            names = [f"{target}.{alias.name}" for alias in node.names]
            for name in [target, *names]:
                if (PACKAGE.parent / Path(*name.split("."))).with_suffix(".py").exists() or (
                    PACKAGE.parent / Path(*name.split(".")) / "__init__.py"
                ).exists():
                    found.add(name)
    return found


def test_no_import_circle() -> None:
    graph = {
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): {
            name for name in _imports(p)
        }
        for p in PACKAGE.rglob("*.py")
    }
    # Depth-first search for a back edge; the package's own __init__ is excluded since
    # every submodule import passes through it by Python's rules, not by our choice.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt == "sphinxcontrib_policybrief" or nxt == node:
                continue
            if state.get(nxt) == 1:
                raise AssertionError(" -> ".join([*stack[stack.index(nxt) :], nxt]))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_core_never_imports_the_shell() -> None:
    for path in (PACKAGE / "core").rglob("*.py"):
        for name in _imports(path):
            assert name.startswith("sphinxcontrib_policybrief.core"), (path.name, name)
