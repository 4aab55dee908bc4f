"""Two clean builds of the example give the same bytes: pages, data files, search index.

Each build runs in its own interpreter with its own hash seed, so output that depends on
the iteration order of a set or dict of strings shows up as a difference.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import diff_names, snapshot

EXAMPLE = Path(__file__).parents[1] / "example"


def _clean_build(outdir: Path, hash_seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-E",  # a fresh environment
            "-q",
            "-b",
            "html",
            "-d",
            str(outdir / ".doctrees"),
            str(EXAMPLE),
            str(outdir / "html"),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return snapshot(outdir / "html")


@pytest.mark.slow
def test_two_clean_builds_of_the_example_are_identical(tmp_path: Path) -> None:
    first = _clean_build(tmp_path / "first", hash_seed="0")
    second = _clean_build(tmp_path / "second", hash_seed="4242")
    assert any(name.endswith(".html") for name in first)
    assert diff_names(first, second) == []
