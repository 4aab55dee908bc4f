"""The serialisers on their own, with no Sphinx: shapes, dates, escaping, CSV safety."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from typing import Any

import jsonschema
import pytest

from sphinxcontrib_policybrief.core.dates import parse_date
from sphinxcontrib_policybrief.core.export.brief import Brief, Project, join_url
from sphinxcontrib_policybrief.core.export.brief_json import (
    SCHEMA_VERSION,
    brief_document,
    dumps,
    load_schema,
)
from sphinxcontrib_policybrief.core.export.csv_export import (
    BOM,
    actors_csv,
    claims_csv,
    events_csv,
    safe_cell,
)
from sphinxcontrib_policybrief.core.export.jsonld import page_graph, script_element
from sphinxcontrib_policybrief.core.export.timelinejs import start_and_end, timeline_document
from sphinxcontrib_policybrief.core.graph import BriefGraph
from sphinxcontrib_policybrief.core.model import (
    BUILTIN_RELATIONS,
    Actor,
    Claim,
    Link,
    Paradox,
    PolicyObject,
    TimelineEvent,
)
from sphinxcontrib_policybrief.core.scales import DEFAULT_CONFIDENCE_LEVELS, ICD_203

HOSTILE = 'Close </script><script>alert("x")</script> & <!-- a, "b"\nline two'


def links(**relations: str) -> tuple[Link, ...]:
    return tuple(Link(rel, t, 1) for rel, ts in relations.items() for t in ts.split(","))


def make_brief(*objs: PolicyObject, base_url: str = "", author: str = "") -> Brief:
    records: dict[str, list[PolicyObject]] = {}
    for obj in objs:
        records.setdefault(obj.docname, []).append(obj)
    return Brief(
        project=Project(
            "A brief", version="2.1", release="2.1.0", author=author, base_url=base_url
        ),
        graph=BriefGraph(records, {}, BUILTIN_RELATIONS),
        likelihood=ICD_203,
        confidence_levels=DEFAULT_CONFIDENCE_LEVELS,
        page_url=lambda docname: f"{docname}.html",
    )


def sample() -> Brief:
    return make_brief(
        Actor(
            id="moscow",
            title="Russia",
            docname="actors",
            lineno=1,
            anchor="moscow",
            actor_kind="state",
            aliases=("Moscow", "the Kremlin"),
        ),
        Actor(
            id="putin",
            title="Vladimir Putin",
            docname="actors",
            lineno=5,
            anchor="putin",
            role="President of Russia",
            links=links(affiliation="moscow"),
        ),
        TimelineEvent(
            id="offer",
            title="The offer",
            docname="events",
            lineno=1,
            anchor="offer",
            date=parse_date("2018-12-13"),
            links=links(actors="putin,moscow"),
            summary=(("Made by ", ""), ("", "putin"), (".", "")),
        ),
        TimelineEvent(
            id="late",
            title="Late 2019",
            docname="events",
            lineno=9,
            anchor="late",
            date=parse_date("2019-35"),
            date_label="late 2019",
        ),
        TimelineEvent(id="undated", title="Undated", docname="events", lineno=20, anchor="undated"),
        Claim(
            id="thesis",
            title="The thesis",
            docname="claims",
            lineno=1,
            anchor="thesis",
            claim_kind="key-judgment",
            likelihood="likely",
            confidence="moderate",
            tags=("strategy",),
            links=links(actors="moscow", evidence="offer"),
        ),
        Claim(
            id="support",
            title="A support",
            docname="claims",
            lineno=9,
            anchor="support",
            links=links(supports="thesis", contradicts="thesis-b"),
        ),
        Claim(id="thesis-b", title="The rival", docname="claims", lineno=20, anchor="thesis-b"),
        Paradox(
            id="tension",
            title="A tension",
            docname="claims",
            lineno=30,
            anchor="tension",
            links=links(claims="support,thesis-b", resolution="thesis"),
        ),
    )


def validate(document: Any) -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator(schema).validate(document)


# -- policybrief.json --------------------------------------------------------------------------


def test_schema_is_a_valid_2020_12_schema() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION


def test_document_shape_and_validity() -> None:
    doc = brief_document(sample(), generator_version="9.9")
    validate(doc)
    assert doc["project"] == {
        "title": "A brief",
        "version": "2.1",
        "release": "2.1.0",
        "author": None,
        "base_url": None,
    }
    assert [c["id"] for c in doc["claims"]] == ["support", "thesis", "thesis-b"]
    thesis = next(c for c in doc["claims"] if c["id"] == "thesis")
    assert thesis["likelihood"] == {"term": "likely", "scale": "icd203", "low": 55, "high": 80}
    assert thesis["url"] == "claims.html#thesis"
    assert thesis["actors"] == ["moscow"]
    assert thesis["relations"]["incoming"] == {"resolution": ["tension"], "supports": ["support"]}
    assert thesis["relations"]["outgoing"] == {"actors": ["moscow"], "evidence": ["offer"]}
    # A symmetric relation reads the same from both ends.
    rival = next(c for c in doc["claims"] if c["id"] == "thesis-b")
    assert rival["relations"]["outgoing"]["contradicts"] == ["support"]
    assert rival["likelihood"] is None and rival["confidence"] is None
    # Schema 1.1: no edition configured, no review dates, no forecasts in this sample.
    assert doc["edition"] is None and doc["as_of"] is None
    assert [c["forecast"] for c in doc["claims"]] == [None, None, None]
    objects = doc["claims"] + doc["actors"] + doc["events"] + doc["paradoxes"]
    assert {o["reviewed"] for o in objects} == {None}
    putin = next(a for a in doc["actors"] if a["id"] == "putin")
    assert putin["affiliation"] == ["moscow"] and putin["role"] == "President of Russia"
    moscow = next(a for a in doc["actors"] if a["id"] == "moscow")
    assert moscow["members"] == ["putin"] and moscow["aliases"] == ["Moscow", "the Kremlin"]
    offer = next(e for e in doc["events"] if e["id"] == "offer")
    assert offer["evidence_for"] == ["thesis"]
    assert offer["summary"] == "Made by Vladimir Putin."
    late = next(e for e in doc["events"] if e["id"] == "late")
    assert late["date"]["lower"] == "2019-07-01" and late["date"]["upper"] == "2019-09-30"
    assert late["date"]["edtf"] == "2019-35" and late["date"]["precision"] == "quarter"
    assert late["display_date"] == "late 2019" and late["date_label"] == "late 2019"
    undated = next(e for e in doc["events"] if e["id"] == "undated")
    assert undated["date"] is None and undated["display_date"] is None
    (tension,) = doc["paradoxes"]
    assert tension["claims"] == ["support", "thesis-b"] and tension["resolution"] == ["thesis"]


def test_open_and_earlier_dates_have_null_bounds() -> None:
    brief = make_brief(
        TimelineEvent(
            id="open", title="o", docname="d", lineno=1, anchor="open", date=parse_date("2012/..")
        ),
        TimelineEvent(
            id="early",
            title="e",
            docname="d",
            lineno=2,
            anchor="early",
            date=parse_date("[..2012]"),
        ),
    )
    doc = brief_document(brief)
    validate(doc)
    dates = {e["id"]: e["date"] for e in doc["events"]}
    assert dates["open"]["upper"] is None and dates["open"]["end"] == "open"
    assert dates["early"]["lower"] is None and dates["early"]["earlier"] is True


def test_dumps_is_stable_text() -> None:
    text = dumps(brief_document(sample()))
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text == dumps(json.loads(text))
    assert "\n  " in text  # indented
    assert "–" in dumps({"dash": "–"})  # UTF-8 as is, not \u2013


def test_hostile_text_round_trips_exactly_in_json() -> None:
    brief = make_brief(Claim(id="c", title=HOSTILE, docname="d", lineno=1, anchor="c"))
    doc = json.loads(dumps(brief_document(brief)))
    validate(doc)
    assert doc["claims"][0]["statement"] == HOSTILE


# -- JSON-LD -----------------------------------------------------------------------------------


def _script_body(element: str) -> str:
    match = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', element, re.S)
    assert match is not None
    return match.group(1)


def test_jsonld_types_and_links() -> None:
    brief = sample()
    objects = brief.graph.sorted_objects()
    data = page_graph(brief, objects, lambda o: f"{o.docname}.html#{o.anchor}", "page.html")
    assert data is not None and data["@context"] == "https://schema.org"
    by_id = {node["identifier"]: node for node in data["@graph"]}
    assert "tension" not in by_id and "thesis" in by_id  # paradoxes have no schema.org type
    assert by_id["thesis"]["@type"] == "Claim"
    assert by_id["thesis"]["text"] == "The thesis"
    assert by_id["thesis"]["appearance"] == {"@type": "WebPage", "url": "page.html"}
    assert by_id["thesis"]["about"] == [{"@id": "actors.html#moscow"}]
    assert "author" not in by_id["thesis"]
    assert by_id["moscow"]["@type"] == "GovernmentOrganization"
    assert by_id["putin"]["@type"] == "Person"
    assert by_id["putin"]["jobTitle"] == "President of Russia"
    assert by_id["putin"]["memberOf"] == [{"@id": "actors.html#moscow"}]
    assert by_id["offer"]["@type"] == "Event"
    assert (by_id["offer"]["startDate"], by_id["offer"]["endDate"]) == ("2018-12-13",) * 2
    assert by_id["late"]["startDate"] == "2019-07-01" and by_id["late"]["endDate"] == "2019-09-30"
    assert "startDate" not in by_id["undated"]


def test_jsonld_author_and_nothing_for_pages_without_objects() -> None:
    brief = make_brief(Claim(id="c", title="C", docname="d", lineno=1, anchor="c"), author="A team")
    data = page_graph(brief, brief.graph.sorted_objects(), lambda o: "#c", "d.html")
    assert data is not None and data["@graph"][0]["author"] == {"name": "A team"}
    assert page_graph(brief, [], lambda o: "", "x.html") is None


def test_jsonld_script_cannot_be_closed_by_a_title() -> None:
    brief = make_brief(Claim(id="c", title=HOSTILE, docname="d", lineno=1, anchor="c"))
    data = page_graph(brief, brief.graph.sorted_objects(), lambda o: "#c", "d.html")
    assert data is not None
    element = script_element(data)
    body = _script_body(element)
    for dangerous in ("<", ">", "&"):
        assert dangerous not in body
    assert "\\u003c/script\\u003e" in body
    assert json.loads(body)["@graph"][0]["text"] == HOSTILE


# -- TimelineJS --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edtf", "start", "end"),
    [
        ("2018-12-13", {"year": 2018, "month": 12, "day": 13}, None),
        ("2019-12", {"year": 2019, "month": 12}, None),
        ("2019", {"year": 2019}, None),
        ("2019~", {"year": 2019}, None),
        ("2019-21", {"year": 2019, "month": 3}, {"year": 2019, "month": 5}),
        ("2019-24", {"year": 2019, "month": 12}, {"year": 2020, "month": 2}),
        ("2019-35", {"year": 2019, "month": 7}, {"year": 2019, "month": 9}),
        ("2019-41", {"year": 2019, "month": 7}, {"year": 2019, "month": 12}),
        ("200X", {"year": 2000}, {"year": 2009}),
        ("2012/2015", {"year": 2012}, {"year": 2015}),
        ("2019-03/2019-06-15", {"year": 2019, "month": 3}, {"year": 2019, "month": 6, "day": 15}),
        ("2012/..", {"year": 2012}, None),
        ("2012-05/", {"year": 2012, "month": 5}, None),
        ("[..2012]", {"year": 2012}, None),
    ],
)
def test_timelinejs_dates_carry_only_their_precision(
    edtf: str, start: dict[str, int], end: dict[str, int] | None
) -> None:
    assert start_and_end(parse_date(edtf)) == (start, end)


def test_timelinejs_document() -> None:
    doc = timeline_document(sample())
    assert doc["title"]["text"]["headline"] == "A brief"
    assert [e["unique_id"] for e in doc["events"]] == ["offer", "late"]  # undated left out
    offer = doc["events"][0]
    assert offer["start_date"] == {"year": 2018, "month": 12, "day": 13}
    assert "end_date" not in offer
    assert offer["display_date"] == "13 December 2018"
    assert offer["text"]["headline"] == "The offer"
    assert "Vladimir Putin, Russia" in offer["text"]["text"]
    assert "href" not in offer["text"]["text"]  # no site address known, no link
    assert doc["events"][1]["display_date"] == "late 2019"


def test_timelinejs_links_to_the_published_site() -> None:
    brief = make_brief(
        TimelineEvent(
            id="e", title="E", docname="sub/d", lineno=1, anchor="e", date=parse_date("2019")
        ),
        base_url="https://brief.example.org/",
    )
    (event,) = timeline_document(brief)["events"]
    assert 'href="https://brief.example.org/sub/d.html#e"' in event["text"]["text"]


def test_timelinejs_text_is_escaped_html() -> None:
    brief = make_brief(
        TimelineEvent(
            id="e",
            title=HOSTILE,
            docname="d",
            lineno=1,
            anchor="e",
            date=parse_date("2019"),
            date_label="<b>late</b> 2019",
            summary=((HOSTILE, ""),),
        )
    )
    (event,) = timeline_document(brief)["events"]
    assert "<" not in event["text"]["headline"] and "<" not in event["display_date"]
    assert unescape(event["text"]["headline"]) == HOSTILE
    assert unescape(event["display_date"]) == "<b>late</b> 2019"
    assert "<script>" not in event["text"]["text"]


# -- CSV ---------------------------------------------------------------------------------------


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM) :], newline="")))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (None, ""),
        (55, "55"),
    ],
)
def test_formula_cells_are_defused(value: object, shown: str) -> None:
    assert safe_cell(value) == shown


def test_csv_headers_and_rows() -> None:
    brief = sample()
    claims = _rows(claims_csv(brief))
    assert [row["id"] for row in claims] == ["thesis", "support", "thesis-b"]  # reading order
    thesis = claims[0]
    assert (thesis["likelihood"], thesis["likelihood_low"], thesis["likelihood_high"]) == (
        "likely",
        "55",
        "80",
    )
    assert thesis["evidence"] == "offer" and thesis["url"] == "claims.html#thesis"
    assert claims[1]["supports"] == "thesis"
    actors = _rows(actors_csv(brief))
    assert actors[0]["aliases"] == "Moscow; the Kremlin"
    events = _rows(events_csv(brief))
    assert [row["id"] for row in events] == ["offer", "late", "undated"]  # time order
    assert events[1]["lower"] == "2019-07-01" and events[1]["display_date"] == "late 2019"
    assert events[0]["evidence_for"] == "thesis"


def test_csv_quoting_round_trips() -> None:
    tricky = 'Comma, "quotes"\nand a new line'
    brief = make_brief(
        Claim(id="c", title=tricky, docname="d", lineno=1, anchor="c", source="=HYPERLINK(1)")
    )
    text = claims_csv(brief)
    assert "\r\n" in text  # RFC 4180 line ends
    (row,) = _rows(text)
    assert row["statement"] == tricky
    assert row["source"] == "'=HYPERLINK(1)"
    encoded = text.encode("utf-8")
    assert encoded.startswith(b"\xef\xbb\xbf")


def test_join_url() -> None:
    assert join_url("", "a.html#x") == "a.html#x"
    assert join_url("https://x.org/brief", "a.html#x") == "https://x.org/brief/a.html#x"
    assert join_url("https://x.org/brief/", "#x") == "https://x.org/brief/#x"
