"""The exports in real builds: the example, every builder, config, determinism, hostile text."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html import unescape
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin

import jsonschema
import pytest
from helpers import EXAMPLE, Built, ExampleBuilds, build, copy_root

from sphinxcontrib_policybrief.core.export.brief_json import load_schema
from sphinxcontrib_policybrief.core.model import Kind, TimelineEvent
from sphinxcontrib_policybrief.domain import PolicyBriefDomain

ROOTS = Path(__file__).parent / "roots"
BASIC = ROOTS / "test-basic"
HOSTILE = ROOTS / "test-export-hostile"

DATA_FILES = {
    "policybrief.json",
    "policybrief-timeline.json",
    "policybrief-claims.csv",
    "policybrief-actors.csv",
    "policybrief-events.csv",
    "policybrief-sources.csv",
}
LD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
KEYS = {
    Kind.CLAIM: "claims",
    Kind.ACTOR: "actors",
    Kind.EVENT: "events",
    Kind.PARADOX: "paradoxes",
    Kind.SOURCE: "sources",
}


def validate(path: Path) -> dict[str, Any]:
    data = cast(dict[str, Any], json.loads(path.read_text(encoding="utf8")))
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    return data


def data_files(outdir: Path) -> dict[str, bytes]:
    return {name: (outdir / name).read_bytes() for name in DATA_FILES if (outdir / name).exists()}


def csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def jsonld_blocks(page: Path) -> list[dict[str, Any]]:
    html = page.read_text(encoding="utf8")
    return [json.loads(block) for block in LD_SCRIPT.findall(html)]


# -- the example -------------------------------------------------------------------------------


@pytest.fixture
def example(example_build: Built) -> tuple[PolicyBriefDomain, Path]:
    assert "policybrief" not in example_build.warnings, example_build.warnings
    domain = cast(PolicyBriefDomain, example_build.app.env.get_domain("pb"))
    return domain, example_build.outdir


def test_example_json_validates_and_holds_every_object(
    example: tuple[PolicyBriefDomain, Path],
) -> None:
    domain, outdir = example
    data = validate(outdir / "policybrief.json")
    assert data["project"]["title"] == "Belarus–Russia integration talks, 2018–2019"
    assert data["project"]["version"] == "1.0"
    assert data["project"]["author"] == "Example analysis team"
    for kind, key in KEYS.items():
        expected = sorted(o.id for o in domain.graph.sorted_objects(kind))
        assert [o["id"] for o in data[key]] == expected, key
    assert len(data["claims"]) >= 20 and len(data["events"]) >= 15


def test_example_urls_point_at_anchors(example: tuple[PolicyBriefDomain, Path]) -> None:
    _, outdir = example
    data = validate(outdir / "policybrief.json")
    pages: dict[str, str] = {}
    for key in KEYS.values():
        for obj in data[key]:
            page, _, anchor = obj["url"].partition("#")
            assert page == f"{obj['docname']}.html" and anchor == obj["anchor"]
            if page not in pages:
                pages[page] = (outdir / page).read_text(encoding="utf8")
            assert f'id="{anchor}"' in pages[page], obj["url"]


def test_example_jsonld_in_every_page_with_objects(
    example: tuple[PolicyBriefDomain, Path],
) -> None:
    domain, outdir = example
    graph = domain.graph
    typed = {Kind.CLAIM, Kind.ACTOR, Kind.EVENT, Kind.SOURCE}
    every_id: set[str] = set()
    references: list[str] = []
    for page in sorted(outdir.glob("*.html")):
        docname = page.stem
        expected = {
            o.id for o in graph.sorted_objects() if o.docname == docname and o.kind in typed
        }
        blocks = jsonld_blocks(page)
        if not expected:
            assert blocks == [], page.name
            continue
        (block,) = blocks
        assert block["@context"] == "https://schema.org"
        nodes = block["@graph"]
        assert {n["identifier"] for n in nodes} == expected, page.name
        for node in nodes:
            assert node["@type"] in {
                "Claim",
                "Event",
                "Person",
                "Organization",
                "GovernmentOrganization",
                "CreativeWork",
            }
            every_id.add(urljoin(page.name, node["@id"]))
            if node["@type"] == "Claim":
                assert node["author"] == {"name": "Example analysis team"}
                assert node["appearance"]["url"] == page.name
            references += [
                urljoin(page.name, ref["@id"])
                for ref in node.get("about", [])
                + node.get("memberOf", [])
                + node.get("citation", [])
            ]
    # The same object has the same @id on every page that names it.
    assert references and set(references) <= every_id


def test_example_timeline_and_csv_hold_every_object(
    example: tuple[PolicyBriefDomain, Path],
) -> None:
    domain, outdir = example
    graph = domain.graph
    events = [e for e in graph.sorted_objects(Kind.EVENT) if isinstance(e, TimelineEvent)]
    timeline = json.loads((outdir / "policybrief-timeline.json").read_text(encoding="utf8"))
    in_time_order = [e.id for e in graph.events_in_time_order(events) if e.date is not None]
    assert [s["unique_id"] for s in timeline["events"]] == in_time_order
    for slide in timeline["events"]:
        assert isinstance(slide["start_date"]["year"], int)
    gas_wars = next(s for s in timeline["events"] if s["unique_id"] == "gas-wars")
    assert gas_wars["start_date"] == {"year": 2000} and gas_wars["display_date"] == "mid-2000s"
    for name, kind in (("claims", Kind.CLAIM), ("actors", Kind.ACTOR), ("events", Kind.EVENT)):
        rows = csv_rows(outdir / f"policybrief-{name}.csv")
        assert len(rows) == len(graph.sorted_objects(kind)), name


# -- determinism -------------------------------------------------------------------------------


def test_serial_parallel_clean_and_incremental_write_the_same_bytes(
    example: tuple[PolicyBriefDomain, Path], example_builds: ExampleBuilds, tmp_path: Path
) -> None:
    _, serial_out = example
    serial = data_files(serial_out)
    assert set(serial) == DATA_FILES
    parallel = example_builds("html", parallel=4)
    assert data_files(parallel.outdir) == serial
    # An incremental build with nothing to do leaves the files as they were, untouched: on
    # a copy of the session's -j 4 build (with its environment), which others read.
    shutil.copytree(parallel.outdir.parent, tmp_path / "parallel")
    parallel_out = tmp_path / "parallel" / "html"
    stamps = {n: (parallel_out / n).stat().st_mtime_ns for n in DATA_FILES}
    build(EXAMPLE, tmp_path / "parallel")
    assert data_files(parallel_out) == serial
    assert {n: (parallel_out / n).stat().st_mtime_ns for n in DATA_FILES} == stamps


def test_incremental_edit_updates_the_data_like_a_clean_build(tmp_path: Path) -> None:
    src = copy_root(BASIC, tmp_path / "src")
    build(src, tmp_path / "inc")
    analysis = src / "analysis.md"
    analysis.write_text(
        analysis.read_text(encoding="utf8").replace(":date: 2018-12-13", ":date: 2018-11"),
        encoding="utf8",
    )
    app, _ = build(src, tmp_path / "inc")
    incremental = data_files(Path(app.outdir))
    clean_app, _ = build(src, tmp_path / "clean", fresh=True)
    assert incremental == data_files(Path(clean_app.outdir))
    data = json.loads(incremental["policybrief.json"])
    offer = next(e for e in data["events"] if e["id"] == "medvedev-offer")
    assert offer["date"]["edtf"] == "2018-11" and offer["date"]["upper"] == "2018-11-30"


# -- builders ----------------------------------------------------------------------------------


def test_policybrief_builder_writes_only_the_data(tmp_path: Path) -> None:
    html_app, _ = build(BASIC, tmp_path / "h", fresh=True)
    app, warnings = build(BASIC, tmp_path / "d", builder="policybrief", fresh=True)
    assert "WARNING" not in warnings, warnings
    outdir = Path(app.outdir)
    assert {p.name for p in outdir.iterdir()} == DATA_FILES
    # Same names for pages as the HTML build, so the files can be published beside it.
    assert data_files(outdir) == data_files(Path(html_app.outdir))
    validate(outdir / "policybrief.json")


def test_policybrief_builder_ignores_the_on_off_switch_but_not_the_formats(
    tmp_path: Path,
) -> None:
    conf = {"policybrief_export": False, "policybrief_export_formats": ["json"]}
    app, _ = build(BASIC, tmp_path, builder="policybrief", fresh=True, conf=conf)
    assert {p.name for p in Path(app.outdir).iterdir()} == {"policybrief.json"}


@pytest.mark.parametrize("builder", ["text", "latex", "epub"])
def test_other_builders_write_no_data_quietly(tmp_path: Path, builder: str) -> None:
    app, warnings = build(BASIC, tmp_path, builder=builder, fresh=True)
    outdir = Path(app.outdir)
    assert not [p for p in outdir.rglob("policybrief*") if p.suffix in (".json", ".csv")]
    assert "policybrief" not in warnings and "unknown mimetype" not in warnings, warnings
    for page in outdir.rglob("*.xhtml"):
        assert "application/ld+json" not in page.read_text(encoding="utf8")


def test_dirhtml_urls(tmp_path: Path) -> None:
    app, _ = build(BASIC, tmp_path, builder="dirhtml", fresh=True)
    outdir = Path(app.outdir)
    data = validate(outdir / "policybrief.json")
    thesis = next(c for c in data["claims"] if c["id"] == "thesis-main")
    assert thesis["url"] == "analysis/#thesis-main"
    (block,) = jsonld_blocks(outdir / "actors" / "index.html")
    russia = next(n for n in block["@graph"] if n["identifier"] == "russia")
    assert russia["@id"] == "#russia"
    (analysis,) = jsonld_blocks(outdir / "analysis" / "index.html")
    about = {ref["@id"] for node in analysis["@graph"] for ref in node.get("about", [])}
    assert "../actors/#russia" in about


def test_singlehtml_urls_and_one_graph(tmp_path: Path) -> None:
    app, _ = build(BASIC, tmp_path, builder="singlehtml", fresh=True)
    outdir = Path(app.outdir)
    data = validate(outdir / "policybrief.json")
    assert {c["url"] for c in data["claims"]} == {f"index.html#{c['id']}" for c in data["claims"]}
    (block,) = jsonld_blocks(outdir / "index.html")
    identifiers = {n["identifier"] for n in block["@graph"]}
    assert {c["id"] for c in data["claims"]} <= identifiers
    assert {a["id"] for a in data["actors"]} <= identifiers


# -- configuration -----------------------------------------------------------------------------


def test_export_off(tmp_path: Path) -> None:
    app, _ = build(BASIC, tmp_path, fresh=True, conf={"policybrief_export": False})
    outdir = Path(app.outdir)
    assert data_files(outdir) == {}
    assert not any(jsonld_blocks(page) for page in outdir.glob("*.html"))


def test_some_formats_only_and_unknown_ones_warned(tmp_path: Path) -> None:
    conf = {"policybrief_export_formats": ["csv", "yaml"]}
    app, warnings = build(BASIC, tmp_path, fresh=True, conf=conf)
    outdir = Path(app.outdir)
    assert set(data_files(outdir)) == {n for n in DATA_FILES if n.endswith(".csv")}
    assert not any(jsonld_blocks(page) for page in outdir.glob("*.html"))
    assert "unknown format 'yaml'" in warnings and "policybrief.config" in warnings


def test_base_url_makes_absolute_ids(tmp_path: Path) -> None:
    conf = {"html_baseurl": "https://brief.example.org/v1/"}
    app, _ = build(BASIC, tmp_path, fresh=True, conf=conf)
    outdir = Path(app.outdir)
    data = validate(outdir / "policybrief.json")
    assert data["project"]["base_url"] == "https://brief.example.org/v1/"
    assert data["claims"][0]["url"].startswith(f"{data['claims'][0]['docname']}.html#")
    (block,) = jsonld_blocks(outdir / "analysis.html")
    assert all(n["@id"].startswith("https://brief.example.org/v1/") for n in block["@graph"])
    timeline = json.loads((outdir / "policybrief-timeline.json").read_text(encoding="utf8"))
    texts = [slide["text"]["text"] for slide in timeline["events"]]
    assert all('href="https://brief.example.org/v1/analysis.html#' in t for t in texts)


# -- hostile text ------------------------------------------------------------------------------

BREAKOUT_CLAIM = 'Breakout </script><script>alert("claim")</script> & <!-- done'
BREAKOUT_EVENT = '-2+3 </script><script>alert("event")</script>'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    app, warnings = build(HOSTILE, tmp_path_factory.mktemp("hostile"), fresh=True)
    assert "WARNING" not in warnings, warnings
    return Path(app.outdir)


def test_hostile_jsonld_stays_in_its_script(hostile: Path) -> None:
    html = (hostile / "index.html").read_text(encoding="utf8")
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    # The first "</script>" after the opening tag is ours: the whole body parses.
    body = html[start : html.index("</script>", start)]
    assert "<" not in body and ">" not in body and "&" not in body
    data = json.loads(body)
    texts = {n["identifier"]: n["name"] for n in data["@graph"]}
    assert texts["hostile-claim"] == BREAKOUT_CLAIM
    assert texts["hostile-event"] == BREAKOUT_EVENT
    claim = next(n for n in data["@graph"] if n["identifier"] == "hostile-claim")
    assert claim["author"] == {"name": "An <author>"}


def test_hostile_json_round_trips(hostile: Path) -> None:
    data = validate(hostile / "policybrief.json")
    assert data["project"]["title"] == "Hostile </script> & <!-- project"
    assert data["claims"][0]["statement"] == BREAKOUT_CLAIM
    actor = data["actors"][0]
    assert actor["aliases"] == ['=HYPERLINK("http://evil.example")', 'Ann & "Bo"', "<b>bold</b>"]


def test_hostile_timeline_is_escaped_html(hostile: Path) -> None:
    timeline = json.loads((hostile / "policybrief-timeline.json").read_text(encoding="utf8"))
    assert "<script" not in timeline["title"]["text"]["headline"]
    (slide,) = timeline["events"]
    for text in (slide["text"]["headline"], slide["display_date"]):
        assert "<" not in text
    assert unescape(slide["text"]["headline"]) == BREAKOUT_EVENT
    assert unescape(slide["display_date"]) == '</time><b>spring</b> "2019"'
    assert "</script>" not in slide["text"]["text"] and "<!--" not in slide["text"]["text"]
    assert slide["start_date"] == {"year": 2019, "month": 3}
    assert slide["end_date"] == {"year": 2019, "month": 5}


def test_hostile_csv_is_defused_and_round_trips(hostile: Path) -> None:
    (claim,) = csv_rows(hostile / "policybrief-claims.csv")
    assert claim["statement"] == BREAKOUT_CLAIM
    # Tags are stored id-like, so "=tag" cannot reach the sheet as a formula at all.
    assert claim["tags"] == "tag"
    (actor,) = csv_rows(hostile / "policybrief-actors.csv")
    assert actor["name"] == '\'@SUM(1+1) "Smith, Jr."'
    assert actor["role"] == "'+cmd|' /C calc'!A0"
    assert actor["aliases"].startswith("'=HYPERLINK(")
    (event,) = csv_rows(hostile / "policybrief-events.csv")
    assert event["title"] == "'" + BREAKOUT_EVENT
    # :source: as its page shows it (smart quotes applied), defused all the same.
    assert event["source"] == "'=1+1, \u201cquoted\u201d, and a comma"
    for name in ("claims", "actors", "events"):
        for row in csv_rows(hostile / f"policybrief-{name}.csv"):
            assert not [v for v in row.values() if v[:1] in ("=", "+", "-", "@")]
