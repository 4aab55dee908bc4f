"""Forecasts and editions on the page: a claim's forecast fields, the ``forecast-record``
and ``edition-changes`` views, the edition line of the key judgments.

The numbers come from the core (``core/forecast.py``, ``core/editions.py``); this module
only turns them into nodes with translated labels.
"""

from __future__ import annotations

from docutils import nodes

from ..core.calibration_svg import CalibrationBar
from ..core.dates import FuzzyDate, parse_date
from ..core.editions import ChangeKind, ClaimChange, EditionChanges, EventChange
from ..core.forecast import ForecastRecord, Verdict, brier_score, format_brier, verdict
from ..core.labels import humanise
from ..core.model import Claim, Forecast, Outcome, PolicyObject, ProbabilitySource
from ..core.settings import Settings
from ..locale import _, date_label, ngettext, translated
from .blocks import Linker, badge, field
from .nodes import pb_calibration_chart

# The tone of each verdict: a right call is never drawn as a failure, whatever :status:
# says about the statement.
VERDICT_TONE = {
    Verdict.RIGHT: "success",
    Verdict.MISSED: "danger",
    Verdict.PENDING: "secondary",
    Verdict.AMBIGUOUS: "warning",
    Verdict.UNSCORED: "secondary",
}


def verdict_label(value: Verdict) -> str:
    labels = {
        Verdict.RIGHT: _("right call"),
        Verdict.MISSED: _("missed"),
        Verdict.PENDING: _("pending"),
        Verdict.AMBIGUOUS: _("ambiguous"),
        Verdict.UNSCORED: _("not scored"),
    }
    return str(labels[value])


def outcome_label(value: Outcome) -> str:
    labels = {
        Outcome.HAPPENED: _("happened"),
        Outcome.DID_NOT_HAPPEN: _("did not happen"),
        Outcome.AMBIGUOUS: _("ambiguous"),
        Outcome.PENDING: _("pending"),
    }
    return str(labels[value])


def percent(probability: float) -> str:
    """0.675 → "67.5 %": at most one decimal, as the scales write their ranges."""
    return f"{round(probability * 100, 1):g} %"


def verdict_badge(forecast: Forecast) -> nodes.Node:
    found = verdict(forecast)
    return badge(
        verdict_label(found), VERDICT_TONE[found], "pb-verdict", f"pb-verdict-{_slug(found)}"
    )


def _slug(value: Verdict) -> str:
    return value.value.replace(" ", "-")


def probability_text(claim: Claim) -> str:
    forecast = claim.forecast
    if forecast is None or forecast.probability is None:
        return ""
    shown = percent(forecast.probability)
    if forecast.probability_source is ProbabilitySource.MIDPOINT:
        return str(
            _("%(probability)s (midpoint of “%(term)s”)")
            % {"probability": shown, "term": translated(claim.likelihood)}
        )
    return str(_("%s (stated)") % shown)


def _date(value: FuzzyDate, linker: Linker) -> str:
    return date_label(value, linker.language)


def forecast_fields(claim: Claim, linker: Linker) -> list[nodes.field]:
    """The fields of a claim's block that say what it forecasts and how it turned out."""
    forecast = claim.forecast
    if forecast is None:
        return []
    fields: list[nodes.field] = []
    shown = probability_text(claim)
    if shown:
        fields.append(field(_("Probability"), [nodes.Text(shown)]))
    if forecast.resolves_by is not None:
        fields.append(field(_("Resolves by"), [nodes.Text(_date(forecast.resolves_by, linker))]))
    if forecast.criteria:
        fields.append(field(_("Criteria"), [nodes.Text(forecast.criteria)]))
    outcome = outcome_label(forecast.outcome)
    if forecast.outcome_date is not None:
        outcome += f" ({_date(forecast.outcome_date, linker)})"
    fields.append(field(_("Outcome"), [nodes.Text(outcome)]))
    # The verdict is a badge in the kicker, beside the likelihood.
    score = brier_score(forecast)
    if score is not None:
        fields.append(field(_("Brier score"), [nodes.Text(format_brier(score))]))
    return fields


def reviewed_field(obj: PolicyObject, linker: Linker) -> list[nodes.field]:
    if obj.reviewed is None:
        return []
    return [field(_("Reviewed"), [nodes.Text(_date(obj.reviewed, linker))])]


def edition_line(settings: Settings, linker: Linker) -> list[nodes.Node]:
    """ "Edition 2020-01 · as of 20 December 2019", for the key judgments; [] if neither."""
    parts: list[str] = []
    if settings.edition:
        parts.append(str(_("Edition %s") % settings.edition))
    if settings.as_of is not None:
        parts.append(str(_("as of %s") % _date(settings.as_of, linker)))
    if not parts:
        return []
    return [nodes.paragraph("", " · ".join(parts), classes=["pb-edition"])]


# -- forecast-record ----------------------------------------------------------------------


def calibration_bars(record: ForecastRecord) -> list[CalibrationBar]:
    bars = []
    for row in record.calibration:
        label = translated(row.term.term)
        if row.term.range_label:
            label += f" ({row.term.range_label})"
        if row.count:
            count = str(
                ngettext(
                    "%(happened)d of %(count)d happened",
                    "%(happened)d of %(count)d happened",
                    row.count,
                )
                % {"happened": row.happened, "count": row.count}
            )
            frequency = row.frequency
            assert frequency is not None
            count += f" ({percent(frequency)})"
        else:
            frequency = None
            count = str(_("no resolved forecasts"))
        bars.append(CalibrationBar(label, row.term.low, row.term.high, frequency, count))
    return bars


def forecast_record_view(record: ForecastRecord, linker: Linker, name: str) -> list[nodes.Node]:
    """The record: resolved forecasts and their mean Brier score, calibration, open ones.

    *name* names the chart's image file where a builder needs one (EPUB)."""
    out: list[nodes.Node] = []
    out.append(nodes.rubric("", _("Resolved forecasts"), classes=["pb-group"]))
    if record.scored:
        listing = nodes.bullet_list(classes=["pb-forecast-list"])
        for scored in record.scored:
            assert scored.claim.forecast is not None
            para = nodes.paragraph("", "", nodes.strong("", "", linker.to_object(scored.claim.id)))
            para += nodes.Text(" — ")
            para += nodes.Text(
                _("p %(probability)s · %(outcome)s · Brier %(brier)s")
                % {
                    "probability": percent(scored.probability),
                    "outcome": outcome_label(scored.claim.forecast.outcome),
                    "brier": format_brier(scored.brier),
                }
            )
            para += [nodes.Text(" "), verdict_badge(scored.claim.forecast)]
            listing += nodes.list_item("", para)
        out.append(listing)
        mean = record.mean_brier
        assert mean is not None
        out.append(
            nodes.paragraph(
                "",
                "",
                nodes.strong(
                    "",
                    ngettext(
                        "Mean Brier score %(mean)s over %(count)d forecast",
                        "Mean Brier score %(mean)s over %(count)d forecasts",
                        record.count,
                    )
                    % {"mean": format_brier(mean), "count": record.count},
                ),
                nodes.Text(" " + _("(0 is perfect; a constant fifty-fifty forecast scores 0.250)")),
                classes=["pb-brier-mean"],
            )
        )
    else:
        out.append(nodes.paragraph("", _("No forecast has resolved yet."), classes=["pb-empty"]))
    for claims, heading in (
        (record.ambiguous, _("Ambiguous, not scored")),
        (record.unscored, _("Resolved, without a probability to score")),
    ):
        if claims:
            out.append(
                nodes.paragraph(
                    "",
                    "",
                    nodes.Text(f"{heading}: "),
                    *linker.object_list([c.id for c in claims]),
                    classes=["pb-forecast-unscored"],
                )
            )
    out.append(nodes.rubric("", _("Calibration"), classes=["pb-group"]))
    out.append(
        pb_calibration_chart(
            pb_bars=calibration_bars(record),
            pb_label=str(_("Calibration: stated range against how often it happened")),
            pb_name=name,
        )
    )
    out.append(nodes.rubric("", _("Open forecasts"), classes=["pb-group"]))
    if record.pending:
        listing = nodes.bullet_list(classes=["pb-forecast-open"])
        for claim in record.pending:
            para = nodes.paragraph("", "", nodes.strong("", "", linker.to_object(claim.id)))
            due = claim.forecast.resolves_by if claim.forecast else None
            para += nodes.Text(
                " — "
                + (
                    _("resolves by %s") % _date(due, linker)
                    if due is not None
                    else _("no resolves-by date")
                )
            )
            shown = probability_text(claim)
            if shown:
                para += nodes.Text(f" · {shown}")
            listing += nodes.list_item("", para)
        out.append(listing)
    else:
        out.append(nodes.paragraph("", _("No open forecasts."), classes=["pb-empty"]))
    return out


# -- edition-changes ----------------------------------------------------------------------


def _field_name(name: str) -> str:
    labels = {
        "title": _("statement"),
        "kind": _("kind"),
        "likelihood": _("likelihood"),
        "confidence": _("confidence"),
        "status": _("status"),
        "outcome": _("outcome"),
    }
    return str(labels.get(name, name))


def _value(name: str, value: str | None) -> str:
    if value is None:
        return "—"
    if name == "title":
        return f"“{value}”"
    if name == "outcome":
        try:
            return outcome_label(Outcome(value))
        except ValueError:
            return value
    if name == "kind":
        return translated(humanise(value))
    return translated(value)


def _change_label(change: ChangeKind) -> str:
    labels = {
        ChangeKind.CHANGED: _("changed"),
        ChangeKind.ADDED: _("added"),
        ChangeKind.REMOVED: _("removed"),
        ChangeKind.REDATED: _("re-dated"),
    }
    return str(labels[change])


_CHANGE_TONE = {
    ChangeKind.CHANGED: "info",
    ChangeKind.ADDED: "success",
    ChangeKind.REMOVED: "secondary",
    ChangeKind.REDATED: "info",
}


def _name(ident: str, title: str, linker: Linker) -> nodes.Node:
    # A removed object has no block to link to: its title as the old edition had it.
    if ident in linker.graph.objects:
        return linker.to_object(ident)
    return nodes.inline("", title, classes=["pb-removed"])


def _claim_item(change: ClaimChange, linker: Linker) -> nodes.list_item:
    para = nodes.paragraph(
        "",
        "",
        badge(_change_label(change.change), _CHANGE_TONE[change.change], "pb-change"),
        nodes.Text(" "),
    )
    if change.key_judgment:
        para += [badge(translated("Key judgment"), "dark", "pb-kind"), nodes.Text(" ")]
    para += nodes.strong("", "", _name(change.id, change.title, linker))
    if change.fields:
        parts = [
            f"{_field_name(f.field)}: {_value(f.field, f.old)} → {_value(f.field, f.new)}"
            for f in change.fields
        ]
        para += nodes.Text(" — " + "; ".join(parts))
    return nodes.list_item("", para)


def _event_item(change: EventChange, linker: Linker) -> nodes.list_item:
    para = nodes.paragraph(
        "",
        "",
        badge(_change_label(change.change), _CHANGE_TONE[change.change], "pb-change"),
        nodes.Text(" "),
        nodes.strong("", "", _name(change.id, change.title, linker)),
    )
    old = _event_date(change.old_date, change.old_label, linker)
    new = _event_date(change.new_date, change.new_label, linker)
    if change.change is ChangeKind.REDATED:
        para += nodes.Text(f" — {old} → {new}")
    elif new or old:
        para += nodes.Text(f" — {new or old}")
    return nodes.list_item("", para)


def _event_date(edtf: str | None, shown: str | None, linker: Linker) -> str:
    if edtf is None:
        return shown or ""
    try:
        return date_label(parse_date(edtf), linker.language)
    except ValueError:
        return shown or edtf


def edition_changes_view(changes: EditionChanges, linker: Linker) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    if changes.problems:
        out.append(
            nodes.paragraph(
                "",
                _("No previous edition could be read: nothing to compare."),
                classes=["pb-empty"],
            )
        )
        return out
    against: list[str] = []
    if changes.previous_edition:
        against.append(str(_("edition %s") % changes.previous_edition))
    if changes.previous_as_of:
        try:
            against.append(
                str(_("as of %s") % date_label(parse_date(changes.previous_as_of), linker.language))
            )
        except ValueError:
            against.append(str(_("as of %s") % changes.previous_as_of))
    if against:
        out.append(
            nodes.paragraph(
                "", _("Compared with %s.") % ", ".join(against), classes=["pb-edition-against"]
            )
        )
    if changes.unchanged:
        out.append(
            nodes.paragraph("", _("No changes since the previous edition."), classes=["pb-empty"])
        )
        return out
    sections: list[tuple[str, list[nodes.list_item]]] = [
        (str(_("Claims")), [_claim_item(c, linker) for c in changes.claims]),
        (str(_("Events")), [_event_item(e, linker) for e in changes.events]),
    ]
    for heading, items in sections:
        if not items:
            continue
        out.append(nodes.rubric("", f"{heading} ({len(items)})", classes=["pb-group"]))
        listing = nodes.bullet_list(classes=["pb-change-list"])
        listing += items
        out.append(listing)
    return out
