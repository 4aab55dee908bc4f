"""A document's warnings are given again by every build that does not read it again.

Sphinx prints a document's warnings only when it reads it, so a second ``-W`` build of a
project that failed would pass with nothing fixed. The extension keeps the warnings it
gives while reading each document and repeats them for the documents a build leaves
unread: an incremental build warns, and with ``-W`` fails, wherever a clean one does.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import build
from sphinx.util.console import strip_escape_sequences

CONF = (
    'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n'
    'myst_enable_extensions = ["colon_fence"]\nproject = "Repeated"\n'
    'exclude_patterns = ["_part.md"]\n'
)

# Read-time warnings of several kinds, in MyST and in reStructuredText, in a document
# included by another one too; and documents with none.
BAD_MD = """\
# Bad

:::{timeline-event} Talks
:id: talks
:date: 2019-13-45
:::

:::{claim} A claim
:id: a-claim
:confidance: high
:likelihood: quite likely
:::

```{include} _part.md
```

See {claim}`no-such-claim`, and {actor}`a-claim`, which is a claim.
"""
PART_MD = """\
:::{actor} Someone
:id: someone
:kind: planet
:::
"""
BAD_RST = """\
Bad too
=======

.. claim:: Another claim
   :id: another
   :status: maybe
"""
FINE = (
    "# Fine page {n}\n\n:::{{claim}} Fine claim {n}\n:id: fine-{n}\n:::\n\n"
    "See {{claim}}`a-claim`.\n"
)


def _project(root: Path, fine: int = 2) -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf8")
    docs = ["bad", "bad-too", *(f"fine-{n}" for n in range(fine))]
    (root / "index.md").write_text(
        "# Index\n\n```{toctree}\n" + "\n".join(docs) + "\n```\n", encoding="utf8"
    )
    (root / "bad.md").write_text(BAD_MD, encoding="utf8")
    (root / "_part.md").write_text(PART_MD, encoding="utf8")
    (root / "bad-too.rst").write_text(BAD_RST, encoding="utf8")
    for n in range(fine):
        (root / f"fine-{n}.md").write_text(FINE.format(n=n), encoding="utf8")
    return root


def _ours(text: str) -> list[str]:
    lines = strip_escape_sequences(text).splitlines()
    return sorted(line for line in lines if "[policybrief." in line)


def test_an_unchanged_or_partly_changed_project_warns_again(tmp_path: Path) -> None:
    src = _project(tmp_path / "src")
    out = tmp_path / "out"
    _, first = build(src, out, fresh=True)
    clean = _ours(first)
    subtypes = {re.search(r"\[policybrief\.([a-z-]+)\]", w).group(1) for w in clean}  # type: ignore[union-attr]
    assert {"invalid-date", "unknown-option", "scale-term", "option-value"} <= subtypes
    # Dangling roles are reported while pages are written, after intersphinx had its say.
    assert sum("reference to" in w and "unknown-ref" in w for w in clean) == 2, clean
    # The included file's line (the bad option's), as first given.
    assert any("_part.md:3: " in w and "option-value" in w for w in clean), clean
    assert not any("duplicate-id" in w or "anchor-clash" in w for w in clean), clean

    # Nothing changed: nothing is read, and every warning is given again. The page with
    # dangling roles is written again to give theirs; a page whose roles resolve is not.
    written = {
        name: (out / "html" / f"{name}.html").stat().st_mtime_ns for name in ("bad", "fine-1")
    }
    _, again = build(src, out)
    assert _ours(again) == clean
    after = {name: (out / "html" / f"{name}.html").stat().st_mtime_ns for name in written}
    assert after["fine-1"] == written["fine-1"] and after["bad"] != written["bad"]

    # Another document changed: it is read, the bad ones are not, the warnings are the same.
    fine = src / "fine-0.md"
    fine.write_text(fine.read_text(encoding="utf8") + "\nMore text.\n", encoding="utf8")
    _, partly = build(src, out)
    assert _ours(partly) == clean

    # suppress_warnings applies to what is given again as to what is given first.
    _, quiet = build(src, out, conf={"suppress_warnings": ["policybrief.invalid-date"]})
    assert _ours(quiet) == [w for w in clean if "invalid-date" not in w]

    # Fixed: the document is read again, and its warnings are gone for good.
    bad = src / "bad.md"
    bad.write_text(bad.read_text(encoding="utf8").replace("2019-13-45", "2019-12"), "utf8")
    _, fixed = build(src, out)
    assert _ours(fixed) == [w for w in clean if "invalid-date" not in w]
    _, after = build(src, out)
    assert _ours(after) == _ours(fixed)

    # A dangling role's target defined elsewhere: the warning goes, and the page links.
    (src / "fine-1.md").write_text(
        FINE.format(n=1) + "\n:::{claim} Now there is one\n:id: no-such-claim\n:::\n", "utf8"
    )
    _, defined = build(src, out)
    assert not any("'no-such-claim'" in w for w in _ours(defined)), defined
    assert "fine-1.html#no-such-claim" in (out / "html" / "bad.html").read_text("utf8")

    # Removed: nothing of it is left to give.
    (src / "bad-too.rst").unlink()
    _, removed = build(src, out)
    assert not any("bad-too" in w for w in _ours(removed)), removed


def test_warnings_found_by_parallel_readers_are_given_again(tmp_path: Path) -> None:
    # More than five documents to read, so that Sphinx forks readers.
    src = _project(tmp_path / "src", fine=8)
    out = tmp_path / "out"
    app, first = build(src, out, fresh=True, parallel=2)
    assert app.parallel == 2
    clean = _ours(first)
    assert len(clean) >= 5
    _, serial_again = build(src, out)
    assert _ours(serial_again) == clean
    _, parallel_again = build(src, out, parallel=2)
    assert _ours(parallel_again) == clean


@pytest.mark.slow(seconds=6)
def test_a_second_w_build_fails_like_the_first(tmp_path: Path) -> None:
    """What an author runs: ``sphinx-build -W`` twice, nothing fixed in between."""
    src = _project(tmp_path / "src")
    command = [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src)]
    runs = [
        subprocess.run([*command, str(tmp_path / "out")], capture_output=True, text=True)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [1, 1], [r.stderr for r in runs]
    assert _ours(runs[1].stderr) == _ours(runs[0].stderr)
