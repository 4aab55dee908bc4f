"""Editions with no Sphinx: the edition settings, the new export fields, and what changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sphinxcontrib_policybrief import config as config_values
from sphinxcontrib_policybrief.core.dates import parse_date
from sphinxcontrib_policybrief.core.editions import (
    ChangeKind,
    FieldChange,
    compare_documents,
    compare_with_file,
    compare_with_text,
    previous_edition_path,
)
from sphinxcontrib_policybrief.core.export.brief import Brief, Project
from sphinxcontrib_policybrief.core.export.brief_json import (
    SCHEMA_VERSION,
    brief_document,
    dumps,
    load_schema,
)
from sphinxcontrib_policybrief.core.graph import BriefGraph
from sphinxcontrib_policybrief.core.model import (
    BUILTIN_RELATIONS,
    Claim,
    Forecast,
    Outcome,
    PolicyObject,
    ProbabilitySource,
    TimelineEvent,
)
from sphinxcontrib_policybrief.core.scales import DEFAULT_CONFIDENCE_LEVELS, ICD_203
from sphinxcontrib_policybrief.core.settings import DEFAULT_REVIEW_AFTER, build_settings


def brief(*objs: PolicyObject, edition: str = "", as_of: str = "") -> Brief:
    records: dict[str, list[PolicyObject]] = {}
    for obj in objs:
        records.setdefault(obj.docname, []).append(obj)
    return Brief(
        project=Project("A brief", edition=edition, as_of=parse_date(as_of) if as_of else None),
        graph=BriefGraph(records, {}, BUILTIN_RELATIONS),
        likelihood=ICD_203,
        confidence_levels=DEFAULT_CONFIDENCE_LEVELS,
        page_url=lambda docname: f"{docname}.html",
    )


def claim(ident: str, line: int = 1, **fields: Any) -> Claim:
    return Claim(
        id=ident,
        title=fields.pop("title", ident.upper()),
        docname="c",
        lineno=line,
        anchor=ident,
        **fields,
    )


def event(ident: str, date: str, line: int = 1) -> TimelineEvent:
    return TimelineEvent(
        id=ident, title=ident.title(), docname="e", lineno=line, anchor=ident, date=parse_date(date)
    )


def validate(document: Any) -> None:
    jsonschema.Draft202012Validator(load_schema()).validate(document)


def settings_with(**values: object) -> tuple[Any, list[str]]:
    defaults = {name: default for name, (default, _) in config_values._VALUES.items()}
    merged = {**defaults, **values}
    return build_settings(merged.__getitem__)


# -- settings ----------------------------------------------------------------------------------


def test_edition_settings_defaults() -> None:
    settings, problems = settings_with()
    assert problems == []
    assert (settings.edition, settings.as_of, settings.previous_edition) == ("", None, None)
    assert settings.review_after == DEFAULT_REVIEW_AFTER == 365


def test_edition_settings_read() -> None:
    settings, problems = settings_with(
        policybrief_edition=" 2020-01 ",
        policybrief_as_of="2019-12-20",
        policybrief_previous_edition=Path("editions/2019-06/policybrief.json"),
        policybrief_review_after=180,
    )
    assert problems == []
    assert settings.edition == "2020-01"
    assert settings.as_of is not None and settings.as_of.edtf == "2019-12-20"
    assert settings.previous_edition == "editions/2019-06/policybrief.json"
    assert settings.review_after == 180


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("policybrief_edition", 2020, "policybrief_edition must be text"),
        ("policybrief_as_of", "late 2019", "policybrief_as_of: 'late 2019' is not a date"),
        ("policybrief_as_of", "2019/2020", "must be one date"),
        ("policybrief_as_of", 20191220, "must be an EDTF date"),
        ("policybrief_previous_edition", ["a.json"], "must be the path of a policybrief.json"),
        ("policybrief_review_after", 0, "using 365"),
        ("policybrief_review_after", "365", "whole number of days"),
        ("policybrief_review_after", True, "whole number of days"),
    ],
)
def test_bad_edition_settings_are_reported_and_defaulted(
    name: str, value: object, fragment: str
) -> None:
    settings, problems = settings_with(**{name: value})
    (problem,) = problems
    assert fragment in problem
    assert settings.edition == "" and settings.as_of is None
    assert settings.previous_edition is None and settings.review_after == 365


def test_previous_edition_path_is_relative_to_confdir(tmp_path: Path) -> None:
    assert previous_edition_path(tmp_path, "editions/x.json") == tmp_path / "editions" / "x.json"


# -- the export's new fields ---------------------------------------------------------------


def test_document_carries_edition_as_of_review_and_forecast() -> None:
    forecast = Forecast(
        probability=0.65,
        probability_source=ProbabilitySource.STATED,
        resolves_by=parse_date("2020-12-31"),
        criteria="Both sign some roadmaps.",
        outcome=Outcome.HAPPENED,
        outcome_date=parse_date("2020"),
    )
    doc = brief_document(
        brief(
            claim(
                "half-deal",
                claim_kind="forecast",
                likelihood="likely",
                forecast=forecast,
                reviewed=parse_date("2019-12-20"),
            ),
            claim("plain"),
            edition="2020-01",
            as_of="2019-12-20",
        )
    )
    validate(doc)
    assert doc["schema_version"] == SCHEMA_VERSION
    assert doc["edition"] == "2020-01" and doc["as_of"]["edtf"] == "2019-12-20"
    half, plain = doc["claims"]
    assert half["reviewed"]["upper"] == "2019-12-20"
    assert half["forecast"] == {
        "probability": 0.65,
        "probability_source": "stated",
        "resolves_by": half["forecast"]["resolves_by"],
        "criteria": "Both sign some roadmaps.",
        "outcome": "happened",
        "outcome_date": half["forecast"]["outcome_date"],
        "verdict": "right call",
        "brier_score": pytest.approx((0.65 - 1) ** 2),
    }
    assert half["forecast"]["resolves_by"]["edtf"] == "2020-12-31"
    assert half["forecast"]["outcome_date"]["precision"] == "year"
    assert plain["forecast"] is None and plain["reviewed"] is None


def test_unconfigured_edition_is_null() -> None:
    doc = brief_document(brief(claim("a")))
    validate(doc)
    assert doc["edition"] is None and doc["as_of"] is None


# -- comparing editions ----------------------------------------------------------------------


def earlier_and_now() -> tuple[dict[str, Any], dict[str, Any]]:
    previous = brief_document(
        brief(
            claim(
                "thesis", 1, claim_kind="key-judgment", likelihood="likely", confidence="moderate"
            ),
            claim("dropped", 2, title="A dropped claim"),
            claim("steady", 3, likelihood="unlikely"),
            claim("call", 4, claim_kind="forecast", forecast=Forecast(probability=0.3)),
            claim("old-id", 5),
            event("offer", "2018-12"),
            event("gone", "2019"),
            event("same", "2019-06"),
            edition="2019-06",
            as_of="2019-06-30",
        )
    )
    current = brief_document(
        brief(
            claim(
                "thesis",
                1,
                claim_kind="key-judgment",
                likelihood="very likely",
                confidence="high",
                title="The thesis, sharpened",
            ),
            claim("steady", 3, likelihood="unlikely"),
            claim(
                "call",
                4,
                claim_kind="forecast",
                forecast=Forecast(probability=0.3, outcome=Outcome.DID_NOT_HAPPEN),
            ),
            claim("new-id", 5),
            claim("fresh-kj", 6, claim_kind="key-judgment"),
            event("offer", "2018-12-13"),
            event("same", "2019-06"),
            event("new", "2020"),
            edition="2020-01",
        )
    )
    return previous, current


def test_changes_between_editions() -> None:
    previous, current = earlier_and_now()
    changes = compare_documents(current, previous)
    assert changes.problems == ()
    assert (changes.previous_edition, changes.previous_as_of) == ("2019-06", "2019-06-30")
    listed = [(c.change, c.id) for c in changes.claims]
    assert listed == [
        (ChangeKind.CHANGED, "thesis"),  # key judgments first
        (ChangeKind.ADDED, "fresh-kj"),
        (ChangeKind.CHANGED, "call"),
        (ChangeKind.ADDED, "new-id"),  # a changed id is one added ...
        (ChangeKind.REMOVED, "dropped"),
        (ChangeKind.REMOVED, "old-id"),  # ... and one removed
    ]
    thesis = changes.claims[0]
    assert thesis.key_judgment and thesis.title == "The thesis, sharpened"
    assert thesis.fields == (
        FieldChange("title", "THESIS", "The thesis, sharpened"),
        FieldChange("likelihood", "likely", "very likely"),
        FieldChange("confidence", "moderate", "high"),
    )
    call = next(c for c in changes.claims if c.id == "call")
    assert call.fields == (FieldChange("outcome", None, "did-not-happen"),)
    dropped = next(c for c in changes.claims if c.id == "dropped")
    assert dropped.title == "A dropped claim" and dropped.fields == ()
    events = [(e.change, e.id, e.old_date, e.new_date) for e in changes.events]
    assert events == [
        (ChangeKind.REDATED, "offer", "2018-12", "2018-12-13"),
        (ChangeKind.ADDED, "new", None, "2020"),
        (ChangeKind.REMOVED, "gone", "2019", None),
    ]
    assert changes.events[0].old_label == "December 2018"


def test_a_kind_change_out_of_key_judgment_still_counts_as_one() -> None:
    previous = brief_document(brief(claim("a", claim_kind="key-judgment")))
    current = brief_document(brief(claim("a", claim_kind="assessment")))
    (change,) = compare_documents(current, previous).claims
    assert change.key_judgment and change.fields == (
        FieldChange("kind", "key-judgment", "assessment"),
    )


def test_identical_editions_have_no_changes() -> None:
    _, current = earlier_and_now()
    changes = compare_with_text(current, dumps(current), "same.json")
    assert changes.unchanged and changes.problems == ()


def test_a_previous_file_of_schema_1_0_is_read(tmp_path: Path) -> None:
    previous, current = earlier_and_now()
    # What version 1.0 wrote: no edition, as_of, reviewed or forecast keys.
    for key in ("edition", "as_of"):
        del previous[key]
    for item in previous["claims"] + previous["events"]:
        item.pop("reviewed")
        item.pop("forecast", None)
    previous["schema_version"] = "1.0"
    path = tmp_path / "policybrief.json"
    path.write_text(json.dumps(previous), encoding="utf-8")
    changes = compare_with_file(current, path)
    assert changes.problems == ()
    assert changes.previous_edition is None
    thesis = next(c for c in changes.claims if c.id == "thesis")
    assert FieldChange("likelihood", "likely", "very likely") in thesis.fields
    call = next(c for c in changes.claims if c.id == "call")
    assert call.fields == (FieldChange("outcome", None, "did-not-happen"),)


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("{not json", ["'prev.json' is not valid JSON (line 1, column 2: "]),
        ("[1, 2]", ["not a JSON object"]),
        ('{"claims": []}', ["has no schema_version"]),
        (
            '{"schema_version": "2.0", "claims": [], "events": []}',
            ["schema version '2.0'", f"(schema version {SCHEMA_VERSION}) cannot read"],
        ),
        ('{"schema_version": "1.1", "claims": {}, "events": []}', ["'claims' is not a list"]),
        ('{"schema_version": "1.0", "claims": [{"id": 3}], "events": []}', ["'claims'"]),
        ('{"schema_version": "1.0", "claims": []}', ["has no 'events' list"]),
        ("[" * 100_000, ["not valid JSON"]),
    ],
)
def test_unusable_previous_text_gives_a_message_and_no_changes(
    text: str, fragments: list[str]
) -> None:
    _, current = earlier_and_now()
    changes = compare_with_text(current, text, "prev.json")
    assert changes.unchanged
    (problem,) = changes.problems
    assert "'prev.json'" in problem and problem.endswith("no changes are listed")
    for fragment in fragments:
        assert fragment in problem


def test_unreadable_previous_files(tmp_path: Path) -> None:
    _, current = earlier_and_now()
    missing = compare_with_file(current, tmp_path / "nope.json")
    assert missing.unchanged and "does not exist" in missing.problems[0]
    assert "nope.json" in missing.problems[0]
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"x": "\xe9"}')
    assert "not UTF-8" in compare_with_file(current, latin).problems[0]
    folder = compare_with_file(current, tmp_path)
    assert folder.unchanged and str(tmp_path) in folder.problems[0]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        # A schema_version that is there but not a string is not missing.
        (
            '{"schema_version": 1, "claims": [], "events": []}',
            "has schema_version 1, which is not a string",
        ),
        ('{"schema_version": null}', "has schema_version null, which is not a string"),
        ('{"schema_version": "", "claims": [], "events": []}', "has schema version '', which"),
        ('{"schema_version": "1.1", "events": []}', "has no 'claims' list"),
        ('{"schema_version": "1.1", "claims": {}, "events": []}', "'claims' is not a list"),
        (
            '{"schema_version": "1.1", "claims": [{"id": "a"}, {"id": 3}], "events": []}',
            "item 2 of 'claims' is not an object with a string id",
        ),
    ],
)
def test_previous_edition_messages_say_what_is_wrong(text: str, fragment: str) -> None:
    _, current = earlier_and_now()
    (problem,) = compare_with_text(current, text, "prev.json").problems
    assert fragment in problem
    assert "has no schema_version" not in problem  # each of them has one
