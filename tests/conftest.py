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
from hypothesis import settings

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
EXAMPLE = Path(__file__).parents[1] / "example"

# One profile for every property test. No example database is left behind; in CI the
# examples are the same on every run and machine, so a red build is never a coin toss.
settings.register_profile("policybrief-dev", database=None, deadline=None, print_blob=True)
settings.register_profile(
    "policybrief-ci", database=None, deadline=None, print_blob=True, derandomize=True
)
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
    # Slow tests first: under pytest-xdist they start at once, on both workers, and the run
    # does not wait for one started last. A stable sort, so the rest keeps pytest-randomly's
    # order.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
