"""The suite's own rules: snapshots fail when missing or changed, our warnings are errors."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from helpers import check_snapshot

FRAGMENT = '<div class="pb-claim" id="x">A claim</div>\n'


def test_a_missing_snapshot_fails_and_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "claim.html"
    with pytest.raises(AssertionError, match=r"snapshot claim\.html is missing"):
        check_snapshot(path, FRAGMENT, update=False)
    assert not path.exists()


def test_a_changed_fragment_fails_and_leaves_the_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "claim.html"
    path.write_text(FRAGMENT, encoding="utf8")
    changed = FRAGMENT.replace("A claim", "Another claim")
    with pytest.raises(AssertionError, match=r"claim\.html changed"):
        check_snapshot(path, changed, update=False)
    assert path.read_text(encoding="utf8") == FRAGMENT


def test_an_equal_fragment_passes(tmp_path: Path) -> None:
    path = tmp_path / "claim.html"
    path.write_text(FRAGMENT, encoding="utf8")
    check_snapshot(path, FRAGMENT, update=False)


@pytest.mark.parametrize("existing", [None, "<p>old</p>\n"])
def test_updating_writes_the_fragment(tmp_path: Path, existing: str | None) -> None:
    path = tmp_path / "claim.html"
    if existing is not None:
        path.write_text(existing, encoding="utf8")
    check_snapshot(path, FRAGMENT, update=True)
    assert path.read_text(encoding="utf8") == FRAGMENT
    check_snapshot(path, FRAGMENT, update=False)


def test_a_python_warning_from_our_package_fails_the_test() -> None:
    with pytest.raises(UserWarning, match="ours"):
        warnings.warn_explicit(
            "ours", UserWarning, "ids.py", 1, module="sphinxcontrib_policybrief.core.ids"
        )


def test_myst_parsers_deprecations_are_not_reported() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.warn_explicit(
            "deprecated", PendingDeprecationWarning, "mocking.py", 1, module="myst_parser.mocking"
        )
    assert caught == []
