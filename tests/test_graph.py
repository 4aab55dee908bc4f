"""The merged view on its own, with no Sphinx: problems, ordering, titles, page digests."""

from __future__ import annotations

from dataclasses import replace

from sphinxcontrib_policybrief.core.dates import parse_date
from sphinxcontrib_policybrief.core.graph import BriefGraph
from sphinxcontrib_policybrief.core.model import (
    BUILTIN_RELATIONS,
    Actor,
    Claim,
    Link,
    Mention,
    Paradox,
    PolicyObject,
    TimelineEvent,
)
from sphinxcontrib_policybrief.core.problems import Subtype
from sphinxcontrib_policybrief.core.staleness import page_digest, page_reads


def claim(ident: str, doc: str = "a", line: int = 1, **links: str) -> Claim:
    return Claim(
        id=ident,
        title=ident.upper(),
        docname=doc,
        lineno=line,
        anchor=ident,
        links=tuple(Link(rel, t.strip(), line) for rel, ts in links.items() for t in ts.split(",")),
    )


def event(ident: str, date: str, doc: str = "a", line: int = 1) -> TimelineEvent:
    return TimelineEvent(
        id=ident, title=ident, docname=doc, lineno=line, anchor=ident, date=parse_date(date)
    )


def graph(*objs: PolicyObject, mentions: tuple[Mention, ...] = ()) -> BriefGraph:
    records: dict[str, list[PolicyObject]] = {}
    for obj in objs:
        records.setdefault(obj.docname, []).append(obj)
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.docname, []).append(m)
    return BriefGraph(records, by_doc, BUILTIN_RELATIONS)


def subtypes(g: BriefGraph) -> list[Subtype]:
    return [p.subtype for p in g.problems]


def test_relations_both_ways_and_symmetric() -> None:
    g = graph(claim("a", supports="b", contradicts="c"), claim("b"), claim("c"))
    assert g.problems == []
    assert g.related("b", "supports", incoming=True) == ["a"]
    assert g.related("a", "contradicts", incoming=False) == ["c"]
    assert g.related("c", "contradicts", incoming=False) == ["a"]


def test_duplicates_first_in_reading_order_wins_whatever_the_input_order() -> None:
    late, early = claim("x", doc="b", line=3), claim("x", doc="a", line=9)
    for order in ((late, early), (early, late)):
        g = graph(*order)
        assert g.objects["x"] is early
        assert subtypes(g) == [Subtype.DUPLICATE_ID]
        assert (g.problems[0].docname, g.problems[0].lineno) == ("b", 3)


def test_unknown_wrong_kind_and_self_reference() -> None:
    actor = Actor(id="who", title="Who", docname="a", lineno=5, anchor="who")
    g = graph(claim("a", supports="nobody,who,a"), actor)
    assert subtypes(g) == [Subtype.UNKNOWN_REF, Subtype.WRONG_KIND, Subtype.SELF_REFERENCE]
    assert "must name a claim" in g.problems[1].message


def test_cycles_reported_once_per_loop() -> None:
    g = graph(claim("a", supports="b"), claim("b", supports="c"), claim("c", supports="a"))
    assert subtypes(g) == [Subtype.CYCLE]
    assert "a → b → c → a" in g.problems[0].message
    loop = Actor(
        id="x", title="X", docname="a", lineno=1, anchor="x", links=(Link("affiliation", "y", 1),)
    )
    back = replace(loop, id="y", anchor="y", links=(Link("affiliation", "x", 2),))
    assert subtypes(graph(loop, back)) == [Subtype.CYCLE]


def test_paradox_needs_two_claims() -> None:
    p = Paradox(
        id="p", title="P", docname="a", lineno=2, anchor="p", links=(Link("claims", "a", 2),)
    )
    assert subtypes(graph(claim("a"), p)) == [Subtype.PARADOX]


def test_events_in_time_order() -> None:
    events = [
        event("day", "2019-06-15"),
        event("year", "2019"),
        event("month", "2019-06"),
        event("earlier", "[..2012]"),
        event("open", "2012/.."),
        event("decade", "201X"),
    ]
    g = graph(*events)
    order = [e.id for e in g.events_in_time_order(events)]
    # "or earlier" sits at its known end; same start: shorter first, then finer.
    assert order == ["decade", "open", "earlier", "year", "month", "day"]


def _digest(g: BriefGraph, page: str = "b") -> str:
    records = [o for o in g.sorted_objects() if o.docname == page]
    return page_digest(g, records, (), (), lambda docname: docname.upper())


def test_a_page_digest_changes_with_a_neighbour() -> None:
    base = graph(claim("a", supports="b"), claim("b", doc="b"))
    before = _digest(base)
    renamed = graph(claim("a", supports="b"), replace(claim("b", doc="b"), title="New"))
    edited = graph(replace(claim("a", supports="b"), title="Changed"), claim("b", doc="b"))
    mentioned = graph(
        claim("a", supports="b"),
        claim("b", doc="b"),
        mentions=(Mention("b", "c", 3, "intro", "Intro"),),
    )
    assert _digest(renamed) != before
    assert _digest(edited) != before
    assert _digest(mentioned) != before
    assert _digest(graph(claim("a", supports="b"), claim("b", doc="b"))) == before


def test_a_page_reads_what_its_summaries_and_titles_link_to() -> None:
    linked = claim("c", doc="c")
    shown = replace(
        claim("b", doc="b"), summary=(("see ", ""), ("", "c")), title_parts=(("", "gone"),)
    )
    g = graph(shown, linked)
    reads = page_reads(g, [shown], (), ())
    # No relation joins b to c, and "gone" is no object: both are still read.
    assert {"b", "c", "gone"} <= reads.ids
    assert _digest(g) != _digest(graph(shown, replace(linked, short="C.")))


def test_titles_show_their_targets_titles() -> None:
    karsa = replace(claim("karsa"), title="Karsa Orlong")
    talks = replace(
        claim("talks"),
        title="Talks with karsa",
        title_parts=(("Talks with ", ""), ("", "karsa"), (" and ", ""), ("", "talks")),
    )
    g = graph(karsa, talks)
    # A title that names itself shows the id rather than looping.
    assert g.objects["talks"].title == "Talks with Karsa Orlong and talks"
    assert g.is_winner(talks) and not g.is_winner(replace(talks, lineno=99))
