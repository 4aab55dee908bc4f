"""Nothing stale: after an edit in one document, every page that shows it is rewritten."""

from __future__ import annotations

from pathlib import Path

from helpers import build, copy_root, diff_names, snapshot

ROOT = Path(__file__).parent / "roots" / "test-basic"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf8")


def _assert_same_as_clean(src: Path, tmp: Path, incremental_out: Path) -> None:
    clean = tmp / "clean"
    build(src, clean, fresh=True)
    # Sphinx leaves the pages of deleted documents in place; compare what a clean build makes.
    fresh = snapshot(clean / "html")
    kept = {k: v for k, v in snapshot(incremental_out).items() if k in fresh}
    differing = diff_names(kept, fresh)
    assert differing == [], f"incremental output differs from a clean build: {differing}"


def test_edit_event_date_and_claim_likelihood(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    out = tmp_path / "inc"
    build(src, out)
    views = (out / "html" / "views.html").read_text(encoding="utf8")
    assert 'datetime="2018-12-13"' in views
    _edit(src / "analysis.md", ":date: 2018-12-13", ":date: 2018-11-02")
    _edit(
        src / "analysis.md",
        ":likelihood: likely\n:confidence: moderate\n:actors: russia",
        ":likelihood: very likely\n:confidence: moderate\n:actors: russia",
    )
    build(src, out)
    html = out / "html"
    views = (html / "views.html").read_text(encoding="utf8")
    actors = (html / "actors.html").read_text(encoding="utf8")
    # Timeline, claim index, key judgments (views.md) and actor pages were rewritten.
    assert 'datetime="2018-11-02"' in views and 'datetime="2018-12-13"' not in views
    assert "very likely" in views
    assert "2 November 2018" in actors and "13 December 2018" not in actors
    _assert_same_as_clean(src, tmp_path, html)


def test_add_rename_move_delete(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    out = tmp_path / "inc"
    build(src, out)
    # Add a document with a new claim that supports the thesis.
    (src / "extra.md").write_text(
        "# Extra\n\n:::{claim} A late addition\n:id: late\n:supports: thesis-main\n:::\n",
        encoding="utf8",
    )
    _edit(src / "index.md", "views\n```", "views\nextra\n```")
    build(src, out)
    analysis = (out / "html" / "analysis.html").read_text(encoding="utf8")
    assert "extra.html#late" in analysis
    _assert_same_as_clean(src, tmp_path / "a", out / "html")
    # Rename an id: references to the old one now warn.
    _edit(src / "actors.md", ":id: medvedev\n", ":id: dmitry-medvedev\n")
    _, warnings = build(src, out)
    assert "medvedev" in warnings and "policybrief.unknown-ref" in warnings
    _edit(src / "actors.md", ":id: dmitry-medvedev\n", ":id: medvedev\n")
    # Move an object to another document: links elsewhere follow it.
    _edit(
        src / "extra.md",
        ":supports: thesis-main\n:::\n",
        ":supports: thesis-main\n:::\n\n:::{actor} Belarus\n:id: belarus\n:kind: state\n:::\n",
    )
    _edit(src / "actors.md", ":::{actor} Belarus\n:id: belarus\n:kind: state\n:::\n", "")
    build(src, out)
    analysis = (out / "html" / "analysis.html").read_text(encoding="utf8")
    assert "extra.html#belarus" in analysis and "actors.html#belarus" not in analysis
    _assert_same_as_clean(src, tmp_path / "b", out / "html")
    # Delete a document: what it defined disappears from every list.
    (src / "extra.md").unlink()
    _edit(src / "index.md", "views\nextra\n```", "views\n```")
    _edit(
        src / "actors.md",
        "# Actors\n",
        "# Actors\n\n:::{actor} Belarus\n:id: belarus\n:kind: state\n:::\n",
    )
    build(src, out)
    analysis = (out / "html" / "analysis.html").read_text(encoding="utf8")
    assert "extra.html" not in analysis
    _assert_same_as_clean(src, tmp_path / "c", out / "html")
