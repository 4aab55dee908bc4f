"""-j builds: forked workers freeze what they inherit, so the collector leaves it shared."""

from __future__ import annotations

import gc
import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_policybrief import worker_memory

ROOT = Path(__file__).parent / "roots" / "test-basic"


def _app(tmp_path: Path, parallel: int) -> SphinxTestApp:
    return SphinxTestApp("html", srcdir=ROOT, builddir=tmp_path, parallel=parallel)


def _frozen_in_child(queue: Any) -> None:
    queue.put(gc.get_freeze_count())


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked only where fork exists")
def test_a_forked_worker_of_a_parallel_build_starts_with_its_inheritance_frozen(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path, parallel=2)
    app.cleanup()
    ctx = multiprocessing.get_context("fork")  # how Sphinx starts its workers
    queue = ctx.Queue()
    child = ctx.Process(target=_frozen_in_child, args=(queue,))
    child.start()
    frozen = queue.get(timeout=60)
    child.join(60)
    # Everything alive at the fork: the app, its environment, the modules.
    assert frozen > 10_000
    assert gc.get_freeze_count() == 0  # the main process collects as before


def test_the_fork_handler_is_registered_once_and_only_for_parallel_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(worker_memory, "_registered", False)
    monkeypatch.setattr(os, "register_at_fork", lambda **kw: calls.append(kw))
    _app(tmp_path / "serial", parallel=0).cleanup()
    assert calls == []
    _app(tmp_path / "j2", parallel=2).cleanup()
    _app(tmp_path / "j4", parallel=4).cleanup()
    assert calls == [{"after_in_child": gc.freeze}]
