"""Shared fixtures: sphinx.testing roots, the builds several modules check, hypothesis' profile.

sphinx.testing roots live in tests/roots/test-<name>. Builds that many tests only read
(the example, the ``basic`` root) are made once per test process by session fixtures;
under pytest-xdist each worker makes its own, in its own temporary directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import Built, build
from hypothesis import HealthCheck, settings

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
EXAMPLE = Path(__file__).parents[1] / "example"

# One profile for every property test. No example database is left behind, and nothing is
# timed (a busy machine is slow, not wrong); in CI the examples are the same on every run
# and machine, so a red build is never a coin toss.
_SHARED = settings(
    database=None, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("policybrief-dev", _SHARED, derandomize=False)
settings.register_profile("policybrief-ci", _SHARED, derandomize=True)
settings.load_profile("policybrief-ci" if os.environ.get("CI") else "policybrief-dev")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def sphinx_test_tempdir(tmp_path: Path) -> Path:
    # sphinx.testing's own is one directory per session, so two tests of the same root
    # shared a build and could check what the other wrote; each test gets its own.
    return tmp_path


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example, built clean once as HTML with nitpicky on. Read it, never write to it."""
    app, warnings = build(
        EXAMPLE, tmp_path_factory.mktemp("example"), fresh=True, conf={"nitpicky": True}
    )
    return Built(app, warnings, Path(app.outdir))


@pytest.fixture(scope="session")
def basic_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The ``basic`` root, built clean once as HTML with nitpicky on. Read it, never write."""
    app, warnings = build(
        ROOTS / "test-basic",
        tmp_path_factory.mktemp("basic"),
        fresh=True,
        conf={"nitpicky": True},
    )
    return Built(app, warnings, Path(app.outdir))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Slow tests first, and the slow tests of one module apart (first each module's first,
    # then each module's second...): the workers of pytest-xdist, fed two tests at a time,
    # then start the longest tests at once on different workers, and the run does not wait
    # for one started last. A stable sort: the rest keeps pytest-randomly's order.
    rank: dict[str, int] = {}
    keys: dict[str, tuple[int, int]] = {}
    for item in items:
        if item.get_closest_marker("slow") is None:
            keys[item.nodeid] = (1, 0)
        else:
            module = item.nodeid.partition("::")[0]
            keys[item.nodeid] = (0, rank.get(module, 0))
            rank[module] = rank.get(module, 0) + 1
    items.sort(key=lambda item: keys[item.nodeid])
