"""Nothing lost, nothing stale, on a generated brief of 100+ documents.

A ``-j 4`` build gives the same bytes as a serial one (the project is large enough that
Sphinx really forks reader processes, several chunks each), and after each kind of edit an
incremental build gives the same bytes as a clean build of the edited sources. The edits
need the variety of the generated objects, not a hundred chapters: they run on the same
generator with fewer chapters (``EDITED_CHAPTERS``), which makes eleven builds affordable.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import build, diff_names, snapshot
from sphinx.util.parallel import parallel_available

pytestmark = pytest.mark.slow

CHAPTERS = 100
EDITED_CHAPTERS = 28  # more than 25: the edits below name chapters up to 25
ACTOR_DOCS = 6
KINDS = ("key-judgment", "assessment", "finding", "assumption", "forecast")
TERMS = ("almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely")
LEVELS = ("low", "moderate", "high")


def _date(i: int) -> str:
    year = 2010 + i % 10
    forms = (
        f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        f"{year}-{1 + i % 12:02d}",
        f"{year}~",
        f"{year}-{21 + i % 4}",
        f"{year}/{year + 1}",
        f"[..{year}]",
    )
    return forms[i % len(forms)]


def _actor(i: int) -> str:
    return f"act-{i % (ACTOR_DOCS * 4):02d}"


def chapter(i: int, n: int = CHAPTERS) -> str:
    parts = [
        f"# Chapter {i}\n",
        f":::{{timeline-event}} Event {i}\n:id: ev-{i:03d}\n:date: {_date(i)}\n"
        f":actors: {_actor(i)}, {_actor(i * 7 + 1)}\n:tags: t{i % 5}\n\n"
        f"Event {i} follows {{event}}`ev-{(i - 1) % n:03d}`.\n:::\n",
        f":::{{claim}} Claim {i}\n:id: cl-{i:03d}\n:kind: {KINDS[i % 5]}\n"
        f":likelihood: {TERMS[i % 5]}\n:confidence: {LEVELS[i % 3]}\n"
        + (f":supports: cl-{i // 2:03d}\n" if i else "")
        + f":evidence: ev-{(i * 13) % n:03d}\n:actors: {_actor(i + 3)}\n\n"
        f"Because of {{claim}}`cl-{(i + n // 2) % n:03d}` and [the event](#ev-{(i + 1) % n:03d}).\n"
        ":::\n",
        f":::{{claim}} Counter-claim {i}\n:id: cc-{i:03d}\n:attacks: cl-{i:03d}\n"
        f":contradicts: cl-{(i + 1) % n:03d}\n:::\n",
    ]
    if i % 10 == 0:
        parts.append(
            f":::{{paradox}} Paradox {i}\n:id: px-{i:03d}\n"
            f":claims: cl-{i:03d}, cc-{(i + 5) % n:03d}\n:resolution: cl-{(i + 1) % n:03d}\n\n"
            f"Why {{claim}}`cl-{i:03d}` and {{claim}}`cc-{(i + 5) % n:03d}` clash.\n:::\n"
        )
    if i % 7 == 0:
        parts.append(f":::{{timeline}}\n:actors: {_actor(i)}\n:::\n")
    if i % 25 == 0:
        parts.append(f":::{{claim-index}}\n:group-by: actor\n:actors: {_actor(i)}\n:::\n")
    return "\n".join(parts)


def actors(k: int) -> str:
    state = f"act-{k * 4:02d}"
    parts = [f"# Actors {k}\n", f":::{{actor}} State {k}\n:id: {state}\n:kind: state\n:::\n"]
    for j in range(1, 4):
        parts.append(
            f":::{{actor}} Person {k}.{j}\n:id: act-{k * 4 + j:02d}\n:kind: person\n"
            f":affiliation: {state}\n:aliases: P{k}{j}\n:::\n"
        )
    return "\n".join(parts)


VIEWS = """\
# Views

:::{key-judgments}
:scope: project
:::

:::{timeline}
:::

:::{claim-index}
:group-by: kind
:::

:::{actor-index}
:::

:::{paradox-index}
:::
"""


def make_project(root: Path, chapters: int = CHAPTERS) -> Path:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n'
        'myst_enable_extensions = ["colon_fence"]\nproject = "Generated brief"\n',
        encoding="utf8",
    )
    (root / "index.md").write_text(
        "# Generated brief\n\n```{toctree}\n:glob:\n\nviews\nactors/*\nchapters/*\n```\n",
        encoding="utf8",
    )
    (root / "views.md").write_text(VIEWS, encoding="utf8")
    (root / "chapters").mkdir()
    (root / "actors").mkdir()
    for i in range(chapters):
        (root / "chapters" / f"ch-{i:03d}.md").write_text(chapter(i, chapters), encoding="utf8")
    for k in range(ACTOR_DOCS):
        (root / "actors" / f"actors-{k}.md").write_text(actors(k), encoding="utf8")
    # Problems that only show across documents, so that both builds must warn alike.
    with (root / "chapters" / f"ch-{chapters - 1:03d}.md").open("a", encoding="utf8") as f:
        f.write("\n:::{claim} A second claim zero\n:id: cl-000\n:::\n\nSee {claim}`cl-nowhere`.\n")
    return root


def _warnings(text: str, srcdir: Path) -> list[str]:
    lines = [line.replace(str(srcdir), "") for line in text.splitlines() if "WARNING" in line]
    return sorted(lines)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("generated") / "src")


@pytest.mark.slow(seconds=16)
def test_parallel_build_equals_serial_build(project: Path, tmp_path: Path) -> None:
    assert len(list(project.rglob("*.md"))) >= 100
    serial_app, serial_warnings = build(project, tmp_path / "serial", fresh=True)
    parallel_app, parallel_warnings = build(project, tmp_path / "parallel", parallel=4, fresh=True)
    # Sphinx really forked: it can, and every extension allowed it.
    assert parallel_available and parallel_app.parallel == 4
    assert parallel_app.is_parallel_allowed("read") and parallel_app.is_parallel_allowed("write")
    serial = snapshot(Path(serial_app.outdir))
    parallel = snapshot(Path(parallel_app.outdir))
    assert len(serial) > 100
    assert diff_names(serial, parallel) == []
    # The same problems, found once on the merged view, whichever way the sources were read.
    assert _warnings(serial_warnings, project) == _warnings(parallel_warnings, project)
    assert "duplicate id 'cl-000'" in serial_warnings
    assert "'cl-nowhere'" in serial_warnings
    # The duplicate is reported at the second definition, whichever process read it.
    assert re.search(r"ch-099\.md:\d+: WARNING: duplicate id 'cl-000'", parallel_warnings)


# -- incremental builds ---------------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf8")


def _same_as_clean(src: Path, outdir: Path, clean_dir: Path) -> None:
    clean_app, _ = build(src, clean_dir, fresh=True)
    fresh = snapshot(Path(clean_app.outdir))
    # Sphinx leaves the pages of deleted documents in place: compare what a clean build makes.
    kept = {k: v for k, v in snapshot(outdir).items() if k in fresh}
    assert set(fresh) <= set(kept)
    assert diff_names(kept, fresh) == []


@pytest.mark.slow(seconds=20)
def test_incremental_builds_equal_clean_builds(tmp_path: Path) -> None:
    n = EDITED_CHAPTERS
    src = make_project(tmp_path / "src", chapters=n)
    inc = tmp_path / "inc"
    app, _ = build(src, inc, fresh=True)
    outdir = Path(app.outdir)
    chapters = src / "chapters"

    # 1. Edit objects: an event's date and a claim's title and likelihood.
    _edit(chapters / "ch-025.md", f":date: {_date(25)}\n", ":date: 2031-07-04\n")
    _edit(chapters / "ch-010.md", "Claim 10\n", "Claim ten, retitled\n")
    _edit(chapters / "ch-010.md", f":likelihood: {TERMS[0]}\n", ":likelihood: very likely\n")
    build(src, inc)
    views = (outdir / "views.html").read_text(encoding="utf8")
    assert 'datetime="2031-07-04"' in views and "Claim ten, retitled" in views
    # A page that only links to the claim shows the new title too.
    assert "Claim ten, retitled" in (outdir / "chapters" / "ch-020.html").read_text("utf8")
    _same_as_clean(src, outdir, tmp_path / "clean-1")

    # 2. Rename an id: what named the old one now warns, where it names it.
    _edit(chapters / "ch-005.md", ":id: cl-005\n", ":id: cl-005-renamed\n")
    _, warnings = build(src, inc)
    renamed = r"ch-010\.md:\d+: WARNING: claim 'cl-010': :supports: names 'cl-005'"
    assert re.search(renamed, warnings)
    # The chapter whose text names cl-005 (chapter i names claim (i + n/2) mod n).
    naming = (5 - n // 2) % n
    named = rf"ch-{naming:03d}\.md:\d+: WARNING: \{{claim\}} reference to 'cl-005'"
    assert re.search(named, warnings)
    _same_as_clean(src, outdir, tmp_path / "clean-2")

    # 3. Move an object to another document: links elsewhere follow it.
    moved = ":::{actor} Person 1.2\n:id: act-06\n:kind: person\n:affiliation: act-04\n"
    moved += ":aliases: P12\n:::\n"
    _edit(src / "actors" / "actors-1.md", moved, "")
    _edit(src / "actors" / "actors-2.md", "# Actors 2\n", f"# Actors 2\n\n{moved}")
    build(src, inc)
    chapter6 = (outdir / "chapters" / "ch-006.html").read_text(encoding="utf8")
    assert "actors-2.html#act-06" in chapter6 and "actors-1.html#act-06" not in chapter6
    _same_as_clean(src, outdir, tmp_path / "clean-3")

    # 4. Delete a document: what it defined leaves every list, and what named it warns.
    (chapters / "ch-015.md").unlink()
    _, warnings = build(src, inc)
    assert "'ev-015'" in warnings
    assert "ch-015.html" not in (outdir / "views.html").read_text(encoding="utf8")
    _same_as_clean(src, outdir, tmp_path / "clean-4")

    # 5. Add a document: its objects join the views and the pages they point at.
    (chapters / f"ch-{n:03d}.md").write_text(
        chapter(n, n).replace(f"Chapter {n}", "Chapter the last"), encoding="utf8"
    )
    build(src, inc)
    added = f"ch-{n:03d}.html#cl-{n:03d}"
    assert added in (outdir / "views.html").read_text(encoding="utf8")
    # It supports claim n/2, whose page lists it among its support.
    assert added in (outdir / "chapters" / f"ch-{n // 2:03d}.html").read_text("utf8")
    _same_as_clean(src, outdir, tmp_path / "clean-5")
