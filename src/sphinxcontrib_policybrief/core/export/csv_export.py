"""``policybrief-claims.csv``, ``-actors.csv``, ``-events.csv``, ``-sources.csv``: the brief
in a spreadsheet.

The files are UTF-8 with a byte-order mark (Excel reads UTF-8 without one as the local
code page and garbles every dash and accent; LibreOffice, pandas and R skip the mark),
one header row, and RFC 4180 quoting with CRLF line ends, so commas, quotes and line
breaks inside a cell survive. A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return is prefixed with a single quote so that no spreadsheet runs it as
a formula (CSV injection); the quote is visible in the cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ..model import Actor, Claim, Kind, PolicyObject, Source, TimelineEvent
from ..sources import citing, resting_on
from .brief import Brief, number

#: Prepended to the file: the UTF-8 byte-order mark, as text.
BOM = "\ufeff"
#: Separator of several values in one cell (ids, tags, aliases).
LIST_SEPARATOR = "; "

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """*value* as cell text that a spreadsheet shows as text, never evaluates."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a BOM and a header row; every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return BOM + out.getvalue()


def _joined(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def _number(value: float | None) -> str:
    shown = number(value)
    return "" if shown is None else str(shown)


def _claim_relations(brief: Brief) -> list[str]:
    # One column per relation a claim can have, besides actors (a column of its own).
    return [
        rel.name
        for rel in brief.graph.relations.values()
        if Kind.CLAIM in rel.sources and rel.name != "actors"
    ]


def claims_csv(brief: Brief) -> str:
    """One row per claim, in reading order."""
    relations = _claim_relations(brief)
    header = [
        "id",
        "statement",
        "kind",
        "likelihood",
        "likelihood_scale",
        "likelihood_low",
        "likelihood_high",
        "confidence",
        "status",
        "tags",
        "actors",
        *relations,
        "source",
        "summary",
        "docname",
        "url",
    ]
    rows = []
    for claim in brief.in_reading_order(Kind.CLAIM):
        if not isinstance(claim, Claim):
            continue
        term = brief.likelihood_term(claim.likelihood)
        rows.append(
            [
                claim.id,
                claim.title,
                claim.claim_kind,
                claim.likelihood,
                brief.likelihood.name if claim.likelihood else "",
                _number(term.low) if term else "",
                _number(term.high) if term else "",
                claim.confidence,
                claim.status,
                _joined(claim.tags),
                _joined(brief.related(claim, "actors")),
                *(_joined(brief.related(claim, name)) for name in relations),
                claim.source,
                brief.summary(claim),
                claim.docname,
                brief.url(claim),
            ]
        )
    return table(header, rows)


def actors_csv(brief: Brief) -> str:
    """One row per actor, in reading order."""
    header = [
        "id",
        "name",
        "kind",
        "role",
        "affiliation",
        "aliases",
        "tags",
        "summary",
        "docname",
        "url",
    ]
    rows = [
        [
            actor.id,
            actor.title,
            actor.actor_kind,
            actor.role,
            _joined(brief.related(actor, "affiliation")),
            _joined(actor.aliases),
            _joined(actor.tags),
            brief.summary(actor),
            actor.docname,
            brief.url(actor),
        ]
        for actor in brief.in_reading_order(Kind.ACTOR)
        if isinstance(actor, Actor)
    ]
    return table(header, rows)


def events_csv(brief: Brief) -> str:
    """One row per event, in time order (undated events last)."""
    header = [
        "id",
        "title",
        "display_date",
        "date_label",
        "edtf",
        "lower",
        "upper",
        "precision",
        "actors",
        "evidence_for",
        "sources",
        "credibility",
        "tags",
        "source",
        "summary",
        "docname",
        "url",
    ]
    events: list[PolicyObject] = brief.in_reading_order(Kind.EVENT)
    dated = [e for e in events if isinstance(e, TimelineEvent)]
    rows = []
    for event in brief.graph.events_in_time_order(dated):
        fuzzy = event.date
        rows.append(
            [
                event.id,
                event.title,
                event.display_date,
                event.date_label,
                fuzzy.edtf if fuzzy else "",
                fuzzy.lower.isoformat() if fuzzy and fuzzy.lower else "",
                fuzzy.upper.isoformat() if fuzzy and fuzzy.upper else "",
                fuzzy.precision.name.lower() if fuzzy else "",
                _joined(brief.related(event, "actors")),
                _joined(brief.related(event, "evidence", incoming=True)),
                _joined(brief.related(event, "sources")),
                event.credibility,
                _joined(event.tags),
                event.source,
                brief.summary(event),
                event.docname,
                brief.url(event),
            ]
        )
    return table(header, rows)


def sources_csv(brief: Brief) -> str:
    """One row per source, in reading order, with its grade and what cites it."""
    header = [
        "id",
        "title",
        "kind",
        "reliability",
        "reliability_wording",
        "edtf",
        "publisher",
        "address",
        "archived",
        "accessed",
        "cite",
        "actors",
        "cited_by",
        "resting_on",
        "tags",
        "summary",
        "docname",
        "url",
    ]
    rows = []
    for source in brief.in_reading_order(Kind.SOURCE):
        if not isinstance(source, Source):
            continue
        grade = brief.reliability.lookup(source.reliability) if source.reliability else None
        rows.append(
            [
                source.id,
                source.title,
                source.source_kind,
                source.reliability,
                grade.wording if grade else "",
                source.date.edtf if source.date else "",
                source.publisher,
                source.url,
                source.archived,
                source.accessed.edtf if source.accessed else "",
                source.cite,
                _joined(brief.related(source, "actors")),
                _joined(citing(brief.graph, source.id)),
                _joined(resting_on(brief.graph, source.id)),
                _joined(source.tags),
                brief.summary(source),
                source.docname,
                brief.url(source),
            ]
        )
    return table(header, rows)
