"""Building whole projects from a test: clean, incremental and parallel, and comparing outputs."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_policybrief import config as config_values


@dataclass(frozen=True)
class Built:
    """A finished build: the app (after cleanup), its warnings and its output directory."""

    app: SphinxTestApp
    warnings: str
    outdir: Path


EXAMPLE = Path(__file__).parents[1] / "example"

#: The on/off settings (a bool default), in the order they are registered.
SWITCHES = tuple(
    name for name, (default, _) in config_values._VALUES.items() if isinstance(default, bool)
)


class ExampleBuilds:
    """The example built clean with nitpicky on, once per test process for each builder
    (and for ``-j 4``), whichever test asks first. Read them, never write to them."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self._factory = factory
        self._made: dict[tuple[str, int], Built] = {}

    def __call__(self, builder: str = "html", *, parallel: int = 0) -> Built:
        key = (builder, parallel)
        if key not in self._made:
            name = f"example-{builder}" + (f"-j{parallel}" if parallel else "")
            where = self._factory.mktemp(name)
            app, warnings = build(
                EXAMPLE,
                where,
                builder=builder,
                parallel=parallel,
                fresh=True,
                conf={"nitpicky": True},
            )
            self._made[key] = Built(app, warnings, Path(app.outdir))
        return self._made[key]


# Files that legitimately differ between builds of the same sources.
_VOLATILE = {".buildinfo"}


def build(
    srcdir: Path,
    builddir: Path,
    *,
    builder: str = "html",
    parallel: int = 0,
    fresh: bool = False,
    conf: dict[str, Any] | None = None,
    tags: tuple[str, ...] = (),
) -> tuple[SphinxTestApp, str]:
    """Build *srcdir* into *builddir*/<builder>; returns the app and its warnings."""
    warnings = StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=builddir,
        freshenv=fresh,
        confoverrides=conf or {},
        warning=warnings,
        parallel=parallel,
        tags=tags,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app, warnings.getvalue()


def snapshot(outdir: Path) -> dict[str, bytes]:
    """Every output file but the doctree cache, by relative path."""
    return {
        str(p.relative_to(outdir)): _normalised(p)
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name not in _VOLATILE and ".doctrees" not in p.parts
    }


def _normalised(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name != "searchindex.js":
        return data
    # Sphinx itself keeps the words of deleted documents as empty lists in an incremental
    # search index; they match nothing. Drop them so only real differences count.
    text = data.decode("utf8")
    start, end = text.index("(") + 1, text.rindex(")")
    index = json.loads(text[start:end])
    for key in ("terms", "titleterms"):
        index[key] = {k: v for k, v in index.get(key, {}).items() if v != []}
    return json.dumps(index, sort_keys=True).encode()


def diff_names(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def copy_root(root: Path, dest: Path) -> Path:
    shutil.copytree(root, dest)
    return dest


def check_snapshot(path: Path, fragment: str, *, update: bool) -> None:
    """Compare *fragment* with the snapshot at *path*; write it instead only when *update*.

    A missing snapshot is a failure like a changed one, so deleting a file cannot make a
    test pass. ``make snapshots`` sets ``UPDATE_SNAPSHOTS=1`` to rewrite them all.
    """
    if update:
        path.write_text(fragment, encoding="utf8")
        return
    hint = "run `make snapshots` and review the diff"
    if not path.exists():
        raise AssertionError(f"snapshot {path.name} is missing; if the fragment is right, {hint}")
    assert fragment == path.read_text(encoding="utf8"), f"{path.name} changed; if intended, {hint}"
