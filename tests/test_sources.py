"""Sources: the grading scales, evidence bases, the source directive in every builder,
objects.inv, the lint rules, staleness and the exports."""

from __future__ import annotations

import csv
import io
import json
import re
import zlib
from pathlib import Path

import jsonschema
import pytest
from helpers import build, copy_root, diff_names, snapshot

from sphinxcontrib_policybrief.core.citations import cite_keys, cite_target, cite_text, is_cite
from sphinxcontrib_policybrief.core.export.brief_json import load_schema
from sphinxcontrib_policybrief.core.graph import BriefGraph
from sphinxcontrib_policybrief.core.model import (
    BUILTIN_RELATIONS,
    Claim,
    Link,
    PolicyObject,
    Source,
    TimelineEvent,
)
from sphinxcontrib_policybrief.core.scales import (
    ADMIRALTY_CREDIBILITY,
    ADMIRALTY_RELIABILITY,
    ScaleError,
    build_grade_scale,
)
from sphinxcontrib_policybrief.core.settings import build_settings
from sphinxcontrib_policybrief.core.sources import citing, evidence_base, resting_on

ROOT = Path(__file__).parent / "roots" / "test-sources"


# -- core ----------------------------------------------------------------------------------


def test_admiralty_scales_and_custom_lists() -> None:
    assert ADMIRALTY_RELIABILITY.codes == ("A", "B", "C", "D", "E", "F")
    assert ADMIRALTY_CREDIBILITY.lookup("3").wording == "possibly true"  # type: ignore[union-attr]
    assert ADMIRALTY_RELIABILITY.lookup("c").code == "C"  # type: ignore[union-attr]
    assert ADMIRALTY_RELIABILITY.lookup("G") is None
    custom = build_grade_scale(["H", {"code": "L", "label": "low"}], ADMIRALTY_RELIABILITY)
    assert custom.codes == ("H", "L") and custom.grades[1].wording == "low"
    for bad in ("nato", [], ["A", "a"], [{"label": "x"}], ["A B"]):
        with pytest.raises(ScaleError):
            build_grade_scale(bad, ADMIRALTY_RELIABILITY)


def test_bad_scale_settings_fall_back_with_a_message() -> None:
    values = {"policybrief_reliability_scale": "nato", "policybrief_source_kinds": []}

    def lookup(name: str) -> object:
        if name in values:
            return values[name]
        from sphinxcontrib_policybrief.config import _VALUES

        return _VALUES[name][0]

    settings, problems = build_settings(lookup)
    assert settings.reliability == ADMIRALTY_RELIABILITY
    assert settings.source_kinds[0] == "publication"
    assert any("policybrief_reliability_scale" in p for p in problems)
    assert any("policybrief_source_kinds" in p for p in problems)


def _obj(cls: type[PolicyObject], ident: str, line: int, *links: tuple[str, str], **kw: object):  # type: ignore[no-untyped-def]
    return cls(
        id=ident,
        title=ident,
        docname="d",
        lineno=line,
        anchor=ident,
        links=tuple(Link(rel, target, line) for rel, target in links),
        **kw,
    )


def _graph() -> BriefGraph:
    objects = [
        _obj(Source, "s-a", 1, reliability="B"),
        _obj(Source, "s-b", 2, reliability="D"),
        _obj(Source, "s-c", 3, reliability="C"),
        _obj(Source, "s-unused", 4, reliability="A"),
        _obj(TimelineEvent, "ev", 5, ("sources", "s-a"), credibility="2"),
        _obj(Claim, "sub", 6, ("sources", "s-b"), ("evidence", "s-c"), ("supports", "kj")),
        _obj(Claim, "kj", 7, ("evidence", "ev"), ("sources", "s-a"), claim_kind="key-judgment"),
        _obj(Claim, "lonely", 8),
    ]
    return BriefGraph({"d": objects}, {}, BUILTIN_RELATIONS)


def test_evidence_base_follows_evidence_sources_and_supporting_claims() -> None:
    graph = _graph()
    base = evidence_base(graph, "kj", ADMIRALTY_RELIABILITY)
    # s-a twice (directly and through the event) counts once; s-b and s-c through "sub".
    assert base.sources == ("s-a", "s-b", "s-c")
    assert (base.count, base.best, base.worst, base.reliability_range) == (3, "B", "D", "B–D")
    assert evidence_base(graph, "lonely", ADMIRALTY_RELIABILITY).count == 0
    assert evidence_base(graph, "sub", ADMIRALTY_RELIABILITY).reliability_range == "C–D"
    assert citing(graph, "s-a") == ["ev", "kj"]
    assert resting_on(graph, "s-b") == ["sub", "kj"]
    assert resting_on(graph, "s-unused") == []


# -- builds --------------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "text", "latex", "epub", "singlehtml"])
def test_the_issue_syntax_builds_clean_in_every_builder(tmp_path: Path, builder: str) -> None:
    _, warnings = build(ROOT, tmp_path, builder=builder, fresh=True)
    assert warnings == ""


def test_grades_and_evidence_bases_are_shown(tmp_path: Path) -> None:
    app, _ = build(ROOT, tmp_path, fresh=True)
    html = Path(app.outdir, "judgments.html").read_text(encoding="utf8")
    # The grade of each cited source, the full wording in the tooltip.
    assert re.search(
        r'<span class="[^"]*pb-grade[^"]*" title="fairly reliable / probably true">C2</span>', html
    )
    assert "2 sources, reliability B–C" in html
    key_judgments = html[html.index("pb-key-judgments-box") :]
    assert "2 sources, reliability B–C" in key_judgments and "no sources" in key_judgments
    sources = Path(app.outdir, "sources.html").read_text(encoding="utf8")
    assert 'title="fairly reliable">C</span>' in sources
    assert 'href="https://example.org/zvo/2019-1"' in sources
    assert "Nothing cites it yet." in sources  # the source-index on an uncited source


def test_text_and_latex_write_the_wording_out(tmp_path: Path) -> None:
    app, _ = build(ROOT, tmp_path / "t", builder="text", fresh=True)
    text = " ".join(Path(app.outdir, "judgments.txt").read_text(encoding="utf8").split())
    assert "[C3] (fairly reliable / possibly true)" in text
    app, _ = build(ROOT, tmp_path / "l", builder="latex", fresh=True)
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf8")
    assert "(fairly reliable / possibly true)" in tex


def _inventory(path: Path) -> str:
    data = path.read_bytes()
    body = data.split(b"\n", 4)[4]
    return zlib.decompress(body).decode()


def test_objects_inv_and_search_list_sources(tmp_path: Path) -> None:
    app, _ = build(ROOT, tmp_path, fresh=True)
    inventory = _inventory(Path(app.outdir, "objects.inv"))
    assert re.search(r"^zvo-2019 pb:source 1 sources\.html#\$ ", inventory, re.M)
    search = Path(app.outdir, "searchindex.js").read_text(encoding="utf8")
    assert '["pb","source",' in search and "Annual forecast by the GRU" in search


def test_a_source_role_links(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    page = src / "judgments.md"
    page.write_text(
        page.read_text(encoding="utf8") + "\nSee {source}`zvo-2019` and {source}`kj-bare`.\n",
        encoding="utf8",
    )
    app, warnings = build(src, tmp_path / "out", fresh=True)
    html = Path(app.outdir, "judgments.html").read_text(encoding="utf8")
    assert 'href="sources.html#zvo-2019"' in html
    # A source role naming a claim is a dangling reference.
    assert "kj-bare" in warnings and "policybrief.unknown-ref" in warnings


def _lint(tmp_path: Path, **conf: object) -> list[str]:
    _, warnings = build(ROOT, tmp_path, builder="dummy", fresh=True, conf=conf)
    return re.findall(r"\[policybrief\.(lint-[a-z-]+)\]", warnings)


def test_sources_lint_fires_and_is_silenced(tmp_path: Path) -> None:
    assert _lint(tmp_path / "off") == []
    assert _lint(tmp_path / "rec", policybrief_lint="recommended") == [
        "lint-key-judgment-evidence",
        "lint-single-source",
        "lint-weak-sources",
    ]
    assert "lint-uncited-source" in _lint(tmp_path / "all", policybrief_lint="all")
    assert _lint(
        tmp_path / "some",
        policybrief_lint={"single-source": "warning", "weak-sources": "off"},
    ) == ["lint-single-source"]


def test_a_source_edited_elsewhere_rewrites_the_key_judgments(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    out = tmp_path / "inc"
    app, _ = build(src, out)
    assert "2 sources, reliability B–C" in Path(app.outdir, "judgments.html").read_text("utf8")
    page = src / "sources.md"
    text = page.read_text(encoding="utf8")
    page.write_text(text.replace(":reliability: B\n", ":reliability: D\n", 1), encoding="utf8")
    app, _ = build(src, out)
    judgments = Path(app.outdir, "judgments.html").read_text(encoding="utf8")
    assert "2 sources, reliability C–D" in judgments
    clean_app, _ = build(src, tmp_path / "clean", fresh=True)
    fresh = snapshot(Path(clean_app.outdir))
    kept = {k: v for k, v in snapshot(Path(app.outdir)).items() if k in fresh}
    assert diff_names(kept, fresh) == []


def test_exports_validate_and_carry_the_sources(tmp_path: Path) -> None:
    app, _ = build(ROOT, tmp_path, fresh=True)
    out = Path(app.outdir)
    document = json.loads((out / "policybrief.json").read_text(encoding="utf8"))
    jsonschema.Draft202012Validator(load_schema()).validate(document)
    assert document["schema_version"] == "1.2"
    sources = {s["id"]: s for s in document["sources"]}
    assert sources["zvo-2019"]["reliability"] == {"code": "C", "wording": "fairly reliable"}
    assert sources["zvo-2019"]["cited_by"] == ["gru-forecast", "frames-threat"]
    claim = next(c for c in document["claims"] if c["id"] == "frames-threat")
    assert claim["sources"] == ["zvo-2019", "naryshkin-2019"]
    assert claim["credibility"] == {"code": "2", "wording": "probably true"}
    assert claim["evidence_base"] == {
        "sources": ["zvo-2019", "naryshkin-2019"],
        "count": 2,
        "best": "B",
        "worst": "C",
    }
    rows = list(
        csv.DictReader(io.StringIO((out / "policybrief-sources.csv").read_text("utf-8-sig")))
    )
    assert [r["id"] for r in rows] == ["zvo-2019", "naryshkin-2019", "rumour", "hearsay", "unread"]
    assert rows[0]["reliability"] == "C" and rows[0]["reliability_wording"] == "fairly reliable"
    ld = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        (out / "sources.html").read_text(encoding="utf8"),
        re.S,
    )
    assert ld is not None
    graph = json.loads(ld.group(1))["@graph"]
    work = next(n for n in graph if n.get("identifier") == "zvo-2019")
    assert work["@type"] == "CreativeWork" and work["sameAs"] == "https://example.org/zvo/2019-1"
    ld = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        (out / "judgments.html").read_text(encoding="utf8"),
        re.S,
    )
    assert ld is not None
    claim_ld = next(
        n for n in json.loads(ld.group(1))["@graph"] if n.get("identifier") == "frames-threat"
    )
    assert len(claim_ld["citation"]) == 2


def test_cite_without_bibtex_is_a_typed_warning(tmp_path: Path) -> None:
    src = copy_root(ROOT, tmp_path / "src")
    page = src / "sources.md"
    page.write_text(
        page.read_text(encoding="utf8").replace(
            ":actors: afanasiev\n", ":actors: afanasiev\n:cite: afanasiev2019\n", 1
        ),
        encoding="utf8",
    )
    _, warnings = build(src, tmp_path / "out", fresh=True)
    assert "sphinxcontrib.bibtex" in warnings and "[policybrief.cite]" in warnings


def test_cite_with_bibtex_formats_the_entry_and_lists_it(tmp_path: Path) -> None:
    pytest.importorskip("sphinxcontrib.bibtex")
    root = Path(__file__).parent / "roots" / "test-sources-bibtex"
    app, warnings = build(root, tmp_path, fresh=True)
    assert warnings == ""
    for page in ("index.html", "rst.html"):
        html = Path(app.outdir, page).read_text(encoding="utf8")
        field = html[html.index("Citation<span") :][:1200]
        # bibtex's own label, linked to the entry, the formatted reference as its title.
        assert 'class="bibtex-citation"' in field and "Afa19" in field
        assert "Military-strategic realities of the international situation" in field
        # The formatted reference is written out too, not only a tooltip.
        assert '<span class="pb-cite-reference">Sergei Afanasiev. Military-strategic' in field
    index = Path(app.outdir, "index.html").read_text(encoding="utf8")
    assert 'role="doc-biblioentry"' in index  # the entry is in the bibliography


def test_citation_parts_read_as_labels_or_keys() -> None:
    target = cite_target("p", "afanasiev2019,{see }naryshkin2019")
    assert is_cite(target) and not is_cite("zvo-2019")
    assert cite_keys(target) == ["afanasiev2019", "naryshkin2019"]
    assert cite_text(target, {"afanasiev2019": "Afa19"}) == "[Afa19, naryshkin2019]"
    assert cite_text(cite_target("p", "afanasiev2019"), {}) == "[afanasiev2019]"


def test_citations_in_titles_and_summaries_with_bibtex(tmp_path: Path) -> None:
    """MyST (views.md) and rST (rst-views.rst): a citation in a summary is bibtex's own
    citation in views, and its label in brackets in every export."""
    pytest.importorskip("sphinxcontrib.bibtex")
    root = Path(__file__).parent / "roots" / "test-sources-bibtex"
    app, warnings = build(root, tmp_path, fresh=True)
    assert warnings == ""
    out = Path(app.outdir)
    for page in ("views.html", "rst-views.html"):
        html = (out / page).read_text(encoding="utf8")
        for summary in ("The forecast ", "The rST forecast "):
            at = html.index(f'class="pb-tl-summary">{summary}')
            timeline = html[at:][:400]
            assert '<span class="bibtex-citation">[<a class="reference internal"' in timeline
            assert ">Afa19</a>]" in timeline and "afanasiev2019" not in timeline
    data = json.loads((out / "policybrief.json").read_text(encoding="utf8"))
    events = {e["id"]: e for e in data["events"]}
    assert events["cited-event"]["title"] == "The forecast [Afa19] is published"
    assert events["cited-event"]["summary"] == "The forecast [Afa19] names Western pressure."
    assert events["cited-event"]["source"] == "GRU deputy chief [Afa19]"
    assert events["cited-event-rst"]["summary"] == "The rST forecast [Afa19] is cited."
    claims = {c["id"]: c for c in data["claims"]}
    assert claims["cited-claim"]["summary"] == "Argued in [Afa19]."
    events_csv = (out / "policybrief-events.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(events_csv)))
    assert {r["id"]: r for r in rows}["cited-event"]["title"] == "The forecast [Afa19] is published"
    assert "[Afa19]" in (out / "policybrief-timeline.json").read_text(encoding="utf8")
    views = (out / "views.html").read_text(encoding="utf8")
    assert '"description":"The forecast [Afa19] names Western pressure."' in views  # JSON-LD
    assert "afanasiev2019]" not in views


def test_an_unknown_cite_key_is_bibtex_s_warning_and_the_source_still_renders(
    tmp_path: Path,
) -> None:
    pytest.importorskip("sphinxcontrib.bibtex")
    src = copy_root(Path(__file__).parent / "roots" / "test-sources-bibtex", tmp_path / "src")
    for name in ("index.md", "rst.rst", "views.md", "rst-views.rst"):
        page = src / name
        page.write_text(
            page.read_text(encoding="utf8").replace("afanasiev2019", "nosuchkey"),
            encoding="utf8",
        )
    app, warnings = build(src, tmp_path / "out", fresh=True)
    lines = [line for line in warnings.splitlines() if "WARNING" in line]
    assert lines and all('could not find bibtex key "nosuchkey"' in line for line in lines)
    # Once per role the author wrote (two :cite:, four in titles, summaries and :source:,
    # ...), never again for the copies drawn in views.
    assert len(lines) == len(set(lines))
    html = Path(app.outdir, "index.html").read_text(encoding="utf8")
    assert 'id="zvo-2019"' in html and "Citation<span" in html
    data = json.loads(Path(app.outdir, "policybrief.json").read_text(encoding="utf8"))
    events = {e["id"]: e for e in data["events"]}
    assert events["cited-event"]["summary"] == "The forecast [nosuchkey] names Western pressure."
