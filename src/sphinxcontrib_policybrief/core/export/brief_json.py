"""``policybrief.json``: every object of the brief, its relations and URLs, in one file.

The shape is described by ``schema/policybrief.schema.json`` (JSON Schema 2020-12),
shipped with the package; :data:`SCHEMA_VERSION` changes whenever that shape does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from typing import Any

from ..ach import AchMatrix, score
from ..dates import FuzzyDate
from ..forecast import brier_score, verdict
from ..model import Actor, Claim, Forecast, Kind, Paradox, PolicyObject, Source, TimelineEvent
from ..scales import GradeScale
from ..sources import citing, evidence_base, resting_on
from .brief import Brief, number, text_or_none

SCHEMA_VERSION = "1.2"
#: Versions whose files :mod:`..editions` reads as previous editions (1.0: no editions,
#: forecasts or review dates; 1.1: no sources).
READABLE_SCHEMA_VERSIONS = ("1.0", "1.1", "1.2")
SCHEMA_FILE = "policybrief.schema.json"
GENERATOR = "sphinxcontrib-policybrief"

JSONValue = Any


def load_schema() -> dict[str, JSONValue]:
    """The JSON Schema of :func:`brief_document`'s output, as shipped in the package."""
    text = resources.files("sphinxcontrib_policybrief").joinpath("schema", SCHEMA_FILE)
    schema: dict[str, JSONValue] = json.loads(text.read_text(encoding="utf8"))
    return schema


def dumps(document: JSONValue) -> str:
    """Stable text: sorted keys, two-space indent, UTF-8 as is, a final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def brief_document(brief: Brief, *, generator_version: str = "") -> dict[str, JSONValue]:
    """The whole brief as plain JSON data; objects listed by id so that diffs stay small."""
    project = brief.project
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": GENERATOR, "version": generator_version or None},
        "edition": text_or_none(project.edition),
        "as_of": _optional_date(project.as_of),
        "project": {
            "title": project.title,
            "version": text_or_none(project.version),
            "release": text_or_none(project.release),
            "author": text_or_none(project.author),
            "base_url": text_or_none(project.base_url),
        },
        "likelihood_scale": {
            "name": brief.likelihood.name,
            "terms": [
                {
                    "term": row.term,
                    "low": number(row.low),
                    "high": number(row.high),
                    "synonyms": list(row.synonyms),
                }
                for row in brief.likelihood.terms
            ],
        },
        "confidence_levels": list(brief.confidence_levels),
        "relations": [
            {
                "name": rel.name,
                "outgoing": rel.outgoing,
                "incoming": rel.incoming,
                "symmetric": rel.symmetric,
                "sources": sorted(k.value for k in rel.sources),
                "targets": sorted(k.value for k in rel.targets),
            }
            for rel in brief.graph.relations.values()
        ],
        "claims": [_claim(brief, o) for o in brief.objects(Kind.CLAIM) if isinstance(o, Claim)],
        "actors": [_actor(brief, o) for o in brief.objects(Kind.ACTOR) if isinstance(o, Actor)],
        "events": [
            _event(brief, o) for o in brief.objects(Kind.EVENT) if isinstance(o, TimelineEvent)
        ],
        "paradoxes": [
            _paradox(brief, o) for o in brief.objects(Kind.PARADOX) if isinstance(o, Paradox)
        ],
        "ach": ach_entries(brief.matrices),
        "sources": [_source(brief, o) for o in brief.objects(Kind.SOURCE) if isinstance(o, Source)],
    }


def ach_entries(matrices: Iterable[AchMatrix]) -> list[dict[str, JSONValue]]:
    """The ``ach`` list: one entry per matrix, sorted by id; empty without matrices."""
    entries: list[dict[str, JSONValue]] = []
    for matrix in sorted(matrices, key=lambda m: m.id):
        scores = score(matrix)
        entries.append(
            {
                "id": matrix.id,
                "title": matrix.title,
                "hypotheses": list(matrix.hypotheses),
                "rows": {row.evidence: [r.value for r in row.ratings] for row in matrix.rows},
                "scores": dict(scores.inconsistency),
                "least_inconsistent": list(scores.least_inconsistent),
                "non_diagnostic": list(scores.non_diagnostic),
            }
        )
    return entries


def _common(brief: Brief, obj: PolicyObject, title_key: str) -> dict[str, JSONValue]:
    return {
        "id": obj.id,
        title_key: obj.title,
        "short": text_or_none(obj.short),
        "summary": text_or_none(brief.summary(obj)),
        "tags": list(obj.tags),
        "source": text_or_none(obj.source),
        "docname": obj.docname,
        "anchor": obj.anchor,
        "url": brief.url(obj),
        "relations": _relations(brief, obj),
        "reviewed": _optional_date(obj.reviewed),
    }


def _optional_date(date: FuzzyDate | None) -> dict[str, JSONValue] | None:
    return date_record(date) if date is not None else None


def _relations(brief: Brief, obj: PolicyObject) -> dict[str, dict[str, list[str]]]:
    """Every resolved relation, both ways: ``{"outgoing": {name: [ids]}, "incoming": ...}``."""
    out: dict[str, dict[str, list[str]]] = {"outgoing": {}, "incoming": {}}
    for name in sorted({edge.relation.name for edge in brief.graph.edges(obj.id)}):
        for direction, incoming in (("outgoing", False), ("incoming", True)):
            ids = brief.related(obj, name, incoming=incoming)
            if ids:
                out[direction][name] = ids
    return out


def _claim(brief: Brief, claim: Claim) -> dict[str, JSONValue]:
    term = brief.likelihood_term(claim.likelihood)
    likelihood = None
    if claim.likelihood:
        likelihood = {
            "term": claim.likelihood,
            "scale": brief.likelihood.name,
            "low": number(term.low) if term else None,
            "high": number(term.high) if term else None,
        }
    return {
        **_common(brief, claim, "statement"),
        "kind": claim.claim_kind,
        "likelihood": likelihood,
        "confidence": text_or_none(claim.confidence),
        "status": claim.status,
        "actors": brief.related(claim, "actors"),
        "forecast": _forecast(claim.forecast) if claim.forecast is not None else None,
        **_cited(brief, claim),
        "evidence_base": _evidence_base(brief, claim),
    }


def _forecast(forecast: Forecast) -> dict[str, JSONValue]:
    return {
        "probability": forecast.probability,
        "probability_source": forecast.probability_source.value,
        "resolves_by": _optional_date(forecast.resolves_by),
        "criteria": text_or_none(forecast.criteria),
        "outcome": forecast.outcome.value,
        "outcome_date": _optional_date(forecast.outcome_date),
        "verdict": verdict(forecast).value,
        "brier_score": brier_score(forecast),
    }


def _actor(brief: Brief, actor: Actor) -> dict[str, JSONValue]:
    return {
        **_common(brief, actor, "name"),
        "kind": actor.actor_kind,
        "role": text_or_none(actor.role),
        "aliases": list(actor.aliases),
        "affiliation": brief.related(actor, "affiliation"),
        "members": brief.related(actor, "affiliation", incoming=True),
    }


def _event(brief: Brief, event: TimelineEvent) -> dict[str, JSONValue]:
    return {
        **_common(brief, event, "title"),
        "date": date_record(event.date) if event.date is not None else None,
        "date_label": text_or_none(event.date_label),
        "display_date": text_or_none(event.display_date),
        "actors": brief.related(event, "actors"),
        "evidence_for": brief.related(event, "evidence", incoming=True),
        **_cited(brief, event),
    }


def _paradox(brief: Brief, paradox: Paradox) -> dict[str, JSONValue]:
    return {
        **_common(brief, paradox, "title"),
        "claims": brief.related(paradox, "claims"),
        "resolution": brief.related(paradox, "resolution"),
        "actors": brief.related(paradox, "actors"),
    }


# -- sources ---------------------------------------------------------------------------------


def grade_record(code: str, scale: GradeScale) -> dict[str, JSONValue] | None:
    grade = scale.lookup(code) if code else None
    return {"code": grade.code, "wording": grade.wording} if grade is not None else None


def _cited(brief: Brief, obj: PolicyObject) -> dict[str, JSONValue]:
    return {
        "sources": brief.related(obj, "sources"),
        "credibility": grade_record(obj.credibility, brief.credibility),
    }


def _evidence_base(brief: Brief, claim: Claim) -> dict[str, JSONValue]:
    base = evidence_base(brief.graph, claim.id, brief.reliability)
    return {
        "sources": list(base.sources),
        "count": base.count,
        "best": text_or_none(base.best),
        "worst": text_or_none(base.worst),
    }


def _source(brief: Brief, source: Source) -> dict[str, JSONValue]:
    return {
        **_common(brief, source, "title"),
        "kind": source.source_kind,
        "reliability": grade_record(source.reliability, brief.reliability),
        "date": _optional_date(source.date),
        "publisher": text_or_none(source.publisher),
        "address": text_or_none(source.url),  # "url" is the object's own page
        "archived": text_or_none(source.archived),
        "accessed": _optional_date(source.accessed),
        "cite": text_or_none(source.cite),
        "actors": brief.related(source, "actors"),
        "cited_by": citing(brief.graph, source.id),
        "resting_on": resting_on(brief.graph, source.id),
    }


def date_record(date: FuzzyDate) -> dict[str, JSONValue]:
    """An EDTF date with its sortable ISO bounds; a missing bound is open or unknown."""
    return {
        "edtf": date.edtf,
        "lower": date.lower.isoformat() if date.lower else None,
        "upper": date.upper.isoformat() if date.upper else None,
        "precision": date.precision.name.lower(),
        "approximate": date.approximate,
        "uncertain": date.uncertain,
        "interval": date.is_interval,
        "end": date.end,
        "earlier": date.earlier,
        "label": date.label,
    }
