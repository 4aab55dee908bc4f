"""Shared fixtures: sphinx.testing roots, the builds several modules check, hypothesis' profile.

sphinx.testing roots live in tests/roots/test-<name>. Builds that many tests only read
(the example, the ``basic`` root) are made once per test process by session fixtures;
under pytest-xdist each worker makes its own, in its own temporary directory.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import jinja2
import pytest
from helpers import Built, ExampleBuilds, build
from hypothesis import HealthCheck, settings
from sphinx import jinja2glue
from sphinx.util import logging as sphinx_logging

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"

# One profile for every property test. No example database is left behind, and nothing is
# timed (a busy machine is slow, not wrong); in CI the examples are the same on every run
# and machine, so a red build is never a coin toss.
_SHARED = settings(
    database=None, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("policybrief-dev", _SHARED, derandomize=False)
settings.register_profile("policybrief-ci", _SHARED, derandomize=True)
settings.load_profile("policybrief-ci" if os.environ.get("CI") else "policybrief-dev")


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per test process, not once per build.

    Every HTML build of a test compiles the theme's Jinja templates again, about a third
    of the CPU time of building a small root. Jinja keys each entry by template name and
    file and checks the source's checksum before using it, so a changed template is
    compiled afresh; every build in the suite configures Jinja alike (Sphinx's loader).
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self.compiled.get(bucket.key)
        if found is not None:
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()
_loader_init = jinja2glue.BuiltinTemplateLoader.init


def _init_with_compiled_templates(self: Any, *args: Any, **kwargs: Any) -> None:
    _loader_init(self, *args, **kwargs)
    self.environment.bytecode_cache = _COMPILED


jinja2glue.BuiltinTemplateLoader.init = _init_with_compiled_templates  # type: ignore[method-assign]


_logging_setup = sphinx_logging.setup


def _setup_without_unshown_records(app: Any, *args: Any, **kwargs: Any) -> None:
    """Sphinx's logging, with the logger set to the lowest level a handler shows.

    Sphinx sets its logger to DEBUG and lets each handler drop what the verbosity hides, so
    every debug message (some 900 as an app registers its extensions' nodes, roles and
    config values) is made into a record and filtered: about a tenth of the CPU time of a
    small build. Raising the logger to its handlers' lowest level drops exactly the records
    that no handler would print, before they are made.
    """
    _logging_setup(app, *args, **kwargs)
    logger = logging.getLogger(sphinx_logging.NAMESPACE)
    logger.setLevel(min(handler.level for handler in logger.handlers))


sphinx_logging.setup = _setup_without_unshown_records


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def sphinx_test_tempdir(tmp_path: Path) -> Path:
    # sphinx.testing's own is one directory per session, so two tests of the same root
    # shared a build and could check what the other wrote; each test gets its own.
    return tmp_path


@pytest.fixture(scope="session")
def example_builds(tmp_path_factory: pytest.TempPathFactory) -> ExampleBuilds:
    return ExampleBuilds(tmp_path_factory)


@pytest.fixture(scope="session")
def example_build(example_builds: ExampleBuilds) -> Built:
    """The example, built clean once as HTML with nitpicky on. Read it, never write to it."""
    return example_builds("html")


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
    # The longest tests first, longest of all at the head: pytest-xdist's workers, fed a
    # test or two at a time, then start the long ones at once on different workers and
    # fill in with the short ones, and the run does not wait for a long test started last
    # (longest-processing-time-first scheduling). ``slow(seconds=N)`` says how long a test
    # takes on a quiet two-core machine (default 10); a stable sort, so tests of the same
    # length, and every test not marked slow, keep pytest-randomly's order.
    def length(item: pytest.Item) -> float:
        marker = item.get_closest_marker("slow")
        return 0.0 if marker is None else float(marker.kwargs.get("seconds", 10))

    items.sort(key=length, reverse=True)
