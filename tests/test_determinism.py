"""Two clean builds of the example give the same bytes: pages, data files, search index.

One build is the session's, made in the test process (with Python's random hash seed,
after whatever else that process built); the other runs in a fresh interpreter with a
fixed seed. Output that depends on the iteration order of a set or dict of strings, or on
state a module kept from an earlier build, shows up as a difference.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EXAMPLE, Built, ExampleBuilds, build, copy_root, diff_names, snapshot


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


@pytest.mark.slow(seconds=6)
def test_two_clean_builds_of_the_example_are_identical(
    tmp_path: Path, example_build: Built
) -> None:
    """The session's build (in this process, after whatever it built before) and one in a
    fresh interpreter with another hash seed give the same bytes."""
    seed = "4243" if os.environ.get("PYTHONHASHSEED") == "4242" else "4242"
    fresh = _clean_build(tmp_path / "fresh", hash_seed=seed)
    assert any(name.endswith(".html") for name in fresh)
    assert diff_names(snapshot(example_build.outdir), fresh) == []


@pytest.mark.slow(seconds=14)
def test_example_parallel_and_incremental_equal_serial_clean(
    tmp_path: Path, example_builds: ExampleBuilds
) -> None:
    """On the example itself: -j 4 gives the serial bytes, and after an edit to an event
    and a claim, an incremental build gives the bytes of a clean build. (The -j 4 build is
    the session's, of the example where it is; the serial one is of a copy elsewhere, so
    the output does not depend on where the sources are either.)"""
    src = copy_root(EXAMPLE, tmp_path / "src")
    shutil.rmtree(src / "_build", ignore_errors=True)
    serial, warnings = build(src, tmp_path / "serial", fresh=True)
    assert warnings == "", warnings
    parallel = example_builds("html", parallel=4)
    assert parallel.warnings == "", parallel.warnings
    assert parallel.app.parallel == 4
    assert diff_names(snapshot(Path(serial.outdir)), snapshot(parallel.outdir)) == []

    context = src / "context.md"
    text = context.read_text(encoding="utf8")
    assert text.count(":date: 2018-12-13") == 1
    context.write_text(text.replace(":date: 2018-12-13", ":date: 2018-12-20"), encoding="utf8")
    deal = src / "deal-as-tool.md"
    text = deal.read_text(encoding="utf8")
    deal.write_text(
        text.replace(":likelihood: very likely", ":likelihood: likely", 1), encoding="utf8"
    )
    incremental, _ = build(src, tmp_path / "serial")
    clean, _ = build(src, tmp_path / "clean", fresh=True)
    timeline = (Path(incremental.outdir) / "timeline.html").read_text(encoding="utf8")
    assert 'datetime="2018-12-20"' in timeline and 'datetime="2018-12-13"' not in timeline
    assert diff_names(snapshot(Path(incremental.outdir)), snapshot(Path(clean.outdir))) == []
