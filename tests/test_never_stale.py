"""Never stale: after each kind of edit, an incremental build equals a clean build.

The project (tests/roots/test-every-view) uses every view, and its summaries and titles
link to objects that are no relation of the object shown, so only what the renderer
reads, not the relations, tells which pages to write again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import build, copy_root, diff_names, snapshot

from sphinxcontrib_policybrief.core.staleness import page_reads
from sphinxcontrib_policybrief.render import transform

ROOT = Path(__file__).parent / "roots" / "test-every-view"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf8")


Edit = Callable[[Path], None]


def _replace(name: str, old: str, new: str) -> Edit:
    return lambda src: _edit(src / name, old, new)


def _move_treaty(src: Path) -> None:
    _edit(
        src / "_inc" / "shared.md",
        ":::{timeline-event} The treaty\n:id: treaty\n:date: 2021\n:::\n",
        "",
    )
    (src / "people.md").write_text(
        (src / "people.md").read_text(encoding="utf8")
        + "\n:::{timeline-event} The treaty\n:id: treaty\n:date: 2021\n:::\n",
        encoding="utf8",
    )


def _add_document(src: Path) -> None:
    (src / "late.md").write_text(
        "# Late\n\n:::{claim} A late claim about {actor}`teblor`\n:id: late\n"
        ":kind: key-judgment\n:supports: walls-hold\n:::\n",
        encoding="utf8",
    )
    _edit(src / "index.md", "timeline\n```", "timeline\nlate\n```")


def _delete_document(src: Path) -> None:
    _add_document(src)
    build(src, src.parent / "inc", builder="text")
    (src / "late.md").unlink()
    _edit(src / "index.md", "timeline\nlate\n```", "timeline\n```")


_NEW_TIMELINE = "# Claims about the war\n\n:::{timeline}\n:::\n"

#: (name, edit, build options): each edit is made after a first build of the project.
EDITS: list[tuple[str, Edit, dict[str, Any]]] = [
    # An actor linked from summaries and a title, but in no relation of theirs.
    (
        "title-of-object-linked-from-summaries",
        _replace("people.md", "Karsa Orlong", "Karsa the Toblakai"),
        {},
    ),
    ("short-added", _replace("people.md", ":kind: person\n", ":kind: person\n:short: Karsa\n"), {}),
    (
        "short-of-linked-object",
        _replace("claims.md", ":short: the fall\n", ":short: its fall\n"),
        {},
    ),
    ("short-removed", _replace("claims.md", ":short: the fall\n", ""), {}),
    ("id-renamed", _replace("people.md", ":id: karsa\n", ":id: karsa-orlong\n"), {}),
    ("object-removed", _replace("claims.md", ":::{claim} The harbour falls", ":::{note}"), {}),
    ("document-title", _replace("claims.md", "# Claims about the war", "# Claims, revised"), {}),
    ("section-title-in-ref", _replace("people.md", "## The harbour", "## The old harbour"), {}),
    ("aliases", _replace("people.md", ":aliases: the Toblakai\n", ":aliases: Toblakai, K.\n"), {}),
    ("only-tag-toggled", lambda src: None, {"tags": ("extra",)}),
    ("included-file", _replace("_inc/shared.md", ":date: 2021\n", ":date: 2022-02\n"), {}),
    ("config-output-value", lambda src: None, {"conf": {"policybrief_timeline_overview": False}}),
    (
        "config-read-value",
        lambda src: None,
        {"conf": {"policybrief_default_claim_kind": "finding"}},
    ),
    (
        "likelihood-shown-in-paradox",
        _replace("claims.md", ":likelihood: unlikely\n", ":likelihood: very likely\n"),
        {},
    ),
    ("date-of-evidence", _replace("events.md", ":date: 2019-03-02\n", ":date: 2018-01\n"), {}),
    ("affiliation", _replace("people.md", ":affiliation: teblor\n", ""), {}),
    ("object-moved-out-of-include", _move_treaty, {}),
    ("document-added", _add_document, {}),
    ("document-deleted", _delete_document, {}),
    ("claim-kind", _replace("claims.md", ":kind: assessment\n", ":kind: key-judgment\n"), {}),
    (
        "body-role-target-retitled",
        _replace("claims.md", "The harbour falls\n", "The harbour gives way\n"),
        {},
    ),
    # Tags: shown on the timelines of other pages (and, in HTML, linked to tag pages).
    ("tag-added", _replace("events.md", ":tags: war, river\n", ":tags: war, river, ford\n"), {}),
    ("tag-removed", _replace("events.md", ":tags: war, river\n", ":tags: river\n"), {}),
    # The brief's first source, cited by nothing: the key judgments box now shows each
    # judgment's evidence base ("no sources"), on a page that shows no source.
    (
        "first-source-added",
        lambda src: (src / "events.md").write_text(
            (src / "events.md").read_text(encoding="utf8")
            + "\n:::{source} A chronicle\n:id: chronicle\n:::\n",
            encoding="utf8",
        ),
        {},
    ),
    # A whole timeline before timeline.md in reading order: the actors' links move to it.
    ("timeline-added", _replace("claims.md", "# Claims about the war\n", _NEW_TIMELINE), {}),
]


@pytest.mark.parametrize(("name", "edit", "options"), EDITS, ids=[e[0] for e in EDITS])
def test_incremental_equals_clean(
    name: str, edit: Edit, options: dict[str, Any], tmp_path: Path
) -> None:
    # The text builder, the quickest: what a page shows is decided before any writer runs.
    # HTML incremental builds, which write only the pages that change, are checked in
    # test_html_incremental.py.
    src = copy_root(ROOT, tmp_path / "src")
    inc = tmp_path / "inc"
    build(src, inc, fresh=True, builder="text")
    edit(src)
    build(src, inc, builder="text", **options)
    build(src, tmp_path / "clean", fresh=True, builder="text", **options)
    fresh = snapshot(tmp_path / "clean" / "text")
    # Sphinx leaves the pages of deleted documents in place; compare what a clean build makes.
    kept = {k: v for k, v in snapshot(inc / "text").items() if k in fresh}
    assert diff_names(kept, fresh) == [], f"{name}: stale pages"


def test_edits_cover_every_kind_asked_for() -> None:
    assert len(EDITS) >= 15


def test_the_renderer_reads_only_what_the_prediction_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the drawing code really reads is within :func:`page_reads`, for every page."""
    recorded: dict[str, Any] = {}
    original = transform.Linker

    class RecordingLinker(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            recorded[self.docname] = self

    monkeypatch.setattr(transform, "Linker", RecordingLinker)
    src = copy_root(ROOT, tmp_path / "src")
    app, _ = build(src, tmp_path / "out", fresh=True)
    assert {"views", "events", "claims", "people"} <= set(recorded)
    domain: Any = app.env.get_domain("pb")
    for docname, linker in recorded.items():
        reads = page_reads(
            domain.graph,
            domain.records.get(docname, ()),
            [m.target for m in domain.mentions.get(docname, ())],
            domain.views.get(docname, ()),
            domain.actor_timelines(),
        )
        objects, titles = linker.objects_read, linker.titles_read
        assert objects <= reads.ids, (docname, objects - reads.ids)
        assert titles <= reads.docnames, (docname, titles - reads.docnames)
        assert linker.tags_read <= reads.tags, (docname, linker.tags_read - reads.tags)
        assert reads.tag_index or not linker.tag_index_read, docname
        assert linker.timelines_read <= reads.timelines, docname
    assert recorded["views"].titles_read, "claim-index :group-by: document reads no title"
    # The prediction is tested where there is something to predict.
    assert recorded["events"].tags_read == {"war", "river"}
    assert recorded["views"].tag_index_read
    assert recorded["people"].timelines_read == {
        ("teblor", "timeline"),
        ("harbour-master", "timeline"),
    }
