"""-j builds: what a forked worker inherits is frozen, so the collector leaves it shared."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_policybrief import worker_memory

ROOT = Path(__file__).parent / "roots" / "test-basic"

pytestmark = pytest.mark.skipif(
    not hasattr(os, "register_at_fork"), reason="workers are forked only where fork exists"
)


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    yield
    gc.unfreeze()  # whatever a failing test left frozen, the next test starts thawed


def _app(tmp_path: Path, parallel: int) -> SphinxTestApp:
    return SphinxTestApp("html", srcdir=ROOT, builddir=tmp_path, parallel=parallel)


def _count(queue: Any) -> None:
    queue.put(gc.get_freeze_count())


def _frozen_in_a_worker() -> int:
    """Fork a process the way Sphinx starts its workers; what it finds frozen."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_count, args=(queue,))
    child.start()
    frozen = int(queue.get(timeout=60))
    child.join(60)
    return frozen


def test_a_worker_forked_during_a_parallel_build_inherits_everything_frozen(
    tmp_path: Path,
) -> None:
    app = _app(tmp_path, parallel=2)
    try:
        in_worker = _frozen_in_a_worker()
        in_main = gc.get_freeze_count()
        app.build()
    finally:
        app.cleanup()
    # Everything alive at the fork: the app, its environment, the modules.
    assert in_worker > 10_000
    assert in_main > 10_000  # kept frozen while the build may fork more workers
    # When the build has finished, the main process collects as before, and later forks
    # are left alone.
    assert gc.get_freeze_count() == 0
    assert _frozen_in_a_worker() == 0


def test_the_fork_handler_is_registered_once_and_only_for_parallel_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(
        worker_memory, "_state", {"registered": False, "active": False, "frozen": False}
    )
    monkeypatch.setattr(os, "register_at_fork", lambda **kw: calls.append(kw))
    _app(tmp_path / "serial", parallel=0).cleanup()
    assert calls == [] and not worker_memory._state["active"]
    _app(tmp_path / "j2", parallel=2).cleanup()
    _app(tmp_path / "j4", parallel=4).cleanup()
    assert calls == [{"before": worker_memory._before_fork}]
    assert worker_memory._state["active"]
