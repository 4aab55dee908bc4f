"""Building whole projects from a test: clean, incremental and parallel, and comparing outputs."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp

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
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app, warnings.getvalue()


def snapshot(outdir: Path) -> dict[str, bytes]:
    """Every output file but the doctree cache, by relative path."""
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name not in _VOLATILE and ".doctrees" not in p.parts
    }


def diff_names(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def copy_root(root: Path, dest: Path) -> Path:
    shutil.copytree(root, dest)
    return dest
