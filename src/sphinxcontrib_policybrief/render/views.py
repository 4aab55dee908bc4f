"""Draws the view directives: timeline, claim index, key judgments, actor and paradox indexes."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable

from docutils import nodes

from ..core.forecast import forecast_record
from ..core.graph import BriefGraph, placement_heading
from ..core.labels import kind_label
from ..core.model import Actor, Claim, Kind, PolicyObject, Source, TimelineEvent, ViewRequest
from ..core.plurals import plural_forms, script_language
from ..core.settings import Settings
from ..core.sources import citing, evidence_base, resting_on
from ..core.timeline_svg import TimelineMark
from ..core.views import WHOLE_PROJECT_VIEWS, select
from ..locale import _, date_label, event_date_label, ngettext, translated, translations
from .analysis import AnalysisRenderer
from .blocks import Linker, badge, claim_badges, evidence_base_text, grade_badge
from .forecasts import edition_changes_view, edition_line, forecast_record_view
from .nodes import (
    pb_key_judgments,
    pb_timeline,
    pb_timeline_event,
    pb_timeline_jump,
    pb_timeline_overview,
    pb_timeline_year,
    pb_view,
    pb_view_box,
)


class ViewRenderer:
    """Replaces each ``pb_view`` placeholder of one document with its content."""

    def __init__(
        self, linker: Linker, settings: Settings, analysis: AnalysisRenderer | None = None
    ) -> None:
        self.linker = linker
        self.analysis = analysis or AnalysisRenderer(linker)
        self.graph: BriefGraph = linker.graph
        self.settings = settings
        self.draw: dict[str, Callable[[ViewRequest, list[PolicyObject]], list[nodes.Node]]] = {
            "timeline": self.timeline,
            "claim-index": self.claim_index,
            "key-judgments": self.key_judgments,
            "actor-index": self.actor_index,
            "paradox-index": self.paradox_index,
            # Forecasts and editions.
            "forecast-record": self.forecast_record,
            "edition-changes": self.edition_changes,
            # Analysis: the key assumptions check.
            "assumptions": self.analysis.assumptions,
            "source-index": self.source_index,
        }

    def render(self, node: pb_view, request: ViewRequest) -> None:
        found = select(self.graph, request)
        body = self.draw[request.view](request, found)
        box = pb_view_box(classes=node["classes"], pb_view=request.view)
        box += body
        if request.view == "timeline":
            # What the filter script needs (policybrief.js): labels and actors' names.
            box["pb_data"] = {"pb-filter": self._filter_data(found)}
        if not found and request.view not in WHOLE_PROJECT_VIEWS:
            box += nodes.paragraph(
                "", _("Nothing in this brief matches this list yet."), classes=["pb-empty"]
            )
        node.replace_self(box)

    # -- timeline -----------------------------------------------------------------------

    def timeline(self, request: ViewRequest, found: list[PolicyObject]) -> list[nodes.Node]:
        events = [o for o in found if isinstance(o, TimelineEvent)]
        prefix = f"pb-tl{request.serial}"
        out: list[nodes.Node] = []
        # The drawing links nowhere (the list below does); each mark names its events'
        # anchors and carries their entries' filter classes, so a filter hides both.
        marks = [
            TimelineMark(
                title=e.title,
                date=e.date,
                label=event_date_label(e, self.linker.language),
                short=e.short,
                anchor=e.anchor,
                keys=tuple(self._filter_classes(e)),
            )
            for e in events
            if e.date is not None
        ]
        if self.settings.timeline_overview and marks:
            out.append(
                pb_timeline_overview(
                    pb_marks=marks,
                    pb_label=str(_("Overview of the timeline")),
                    pb_undated=len(events) - len(marks),
                    pb_name=f"{self.linker.docname}-tl{request.serial}",
                    # Its words repeat the list's: the search index skips it.
                    classes=["no-search"],
                )
            )
        timeline = pb_timeline()
        # Grouped by the English heading, which names the anchor in every language.
        years: dict[str, list[TimelineEvent]] = defaultdict(list)
        for event in events:
            years[placement_heading(event)].append(event)
        shown = {key: placement_heading(items[0], translations()) for key, items in years.items()}
        anchors = {year: self.linker.unique_id(f"{prefix}-{year.lower()}") for year in years}
        if len(years) > 1:
            jump = pb_timeline_jump(classes=["pb-tl-jump"])
            for i, year in enumerate(years):
                if i:
                    jump += nodes.Text(" · ")
                jump += nodes.reference("", shown[year], refid=anchors[year], internal=True)
            timeline += jump
        for year, items in years.items():
            timeline += pb_timeline_year(
                "", shown[year], classes=["pb-tl-year"], ids=[anchors[year]]
            )
            listing = nodes.container(classes=["pb-tl-list"])
            for event in items:
                listing += self._timeline_entry(event)
            timeline += listing
        if events:
            out.append(timeline)
        return out

    def _filter_data(self, found: list[PolicyObject]) -> str:
        """The filter script's words in the reader's language, and the names of the actors
        the entries carry (their classes hold only ids), as JSON for a data attribute."""
        names: dict[str, str] = {}
        for event in found:
            if not isinstance(event, TimelineEvent):
                continue
            for ident in self.graph.related(event.id, "actors", incoming=False):
                self.linker.objects_read.add(ident)
                names[ident] = self.graph.objects[ident].title
        language = self.linker.language

        def count(n: int) -> str:
            # Placeholders the script fills; the form follows the total ("1 of 21 события").
            text = ngettext("%(shown)s of %(total)s event", "%(shown)s of %(total)s events", n)
            return text % {"shown": "{shown}", "total": "{total}"}

        data = {
            "lang": script_language(language),
            "count": plural_forms(language, count),
            "actors": str(_("Actors")),
            "tags": str(_("Tags")),
            "actorGroup": str(_("Show only the events of one actor")),
            "tagGroup": str(_("Show only the events with one tag")),
            "filter": str(_("Filter the timeline")),
            "showAll": str(_("Show all")),
            "names": dict(sorted(names.items())),
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def _filter_classes(self, event: TimelineEvent) -> list[str]:
        """The classes a filter of the timeline selects an event by: its actors and tags."""
        actors = self.graph.related(event.id, "actors", incoming=False)
        return [f"pb-a-{a}" for a in actors] + [f"pb-t-{t}" for t in event.tags]

    def _timeline_entry(self, event: TimelineEvent) -> nodes.Node:
        entry = pb_timeline_event(classes=["pb-tl-event"])
        # The event's anchor: the overview's marks name their events by it (filtering).
        entry["pb_data"] = {"pb-event": event.anchor}
        entry["classes"] += self._filter_classes(event)
        entry += nodes.paragraph("", "", self.linker.date(event), classes=["pb-tl-date"])
        entry += nodes.paragraph(
            "", "", nodes.strong("", "", self.linker.to_object(event.id)), classes=["pb-tl-title"]
        )
        if event.summary:
            entry += nodes.paragraph("", "", *self.linker.summary(event), classes=["pb-tl-summary"])
        details: list[nodes.Node] = []
        actors = self.graph.related(event.id, "actors", incoming=False)
        # Each part starts with its label, so that print can put it in a column of its own.
        if actors:
            details.append(
                nodes.inline(
                    "",
                    "",
                    nodes.Text(_("Actors: ")),
                    *self.linker.object_list(actors),
                    classes=["pb-tl-actors"],
                )
            )
        backed = self.graph.evidence_for(event.id)
        if backed:
            if details:
                details.append(nodes.Text(" · "))
            details.append(
                nodes.inline(
                    "",
                    "",
                    nodes.Text(_("Evidence for: ")),
                    *self.linker.object_list(backed),
                    classes=["pb-tl-evidence"],
                )
            )
        if event.tags:
            if details:
                details.append(nodes.Text(" "))
            details += self.linker.tags(event.tags)
        if details:
            entry += nodes.paragraph("", "", *details, classes=["pb-tl-details"])
        return entry

    # -- claims -------------------------------------------------------------------------

    def claim_index(self, request: ViewRequest, found: list[PolicyObject]) -> list[nodes.Node]:
        claims = [o for o in found if isinstance(o, Claim)]
        groups = self._group(claims, request.group_by)
        out: list[nodes.Node] = []
        for heading, items in groups:
            if heading:
                out.append(nodes.rubric("", f"{heading} ({len(items)})", classes=["pb-group"]))
            listing = nodes.bullet_list(classes=["pb-claim-list"])
            for claim in items:
                listing += nodes.list_item("", *self._claim_entry(claim))
            out.append(listing)
        out += self._index_link("pb-claims", _("Index of all claims"))
        return out

    def _index_link(self, index: str, label: str) -> list[nodes.Node]:
        """Links to one of our domain index pages, where the HTML builder writes it
        (``html_domain_indices`` may leave it out; print has it as an appendix), and to
        the page of every tag, where there are tag pages."""
        builder = self.linker.builder
        written = {entry[0] for entry in getattr(builder, "domain_indices", ())}
        links: list[nodes.Node] = []
        if builder.name in ("html", "dirhtml") and index in written:
            uri = builder.get_relative_uri(self.linker.docname, index)
            links.append(nodes.reference("", label, internal=True, refuri=uri))
        tags = self.linker.tags_index()
        if tags is not None:
            if links:
                links.append(nodes.Text(" · "))
            links.append(nodes.reference("", _("All tags"), internal=True, refuri=tags))
        return [nodes.paragraph("", "", *links, classes=["pb-index-link"])] if links else []

    def _group(self, claims: list[Claim], by: str) -> list[tuple[str, list[Claim]]]:
        if by in ("", "none"):
            return [("", claims)]
        groups: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            if by == "kind":
                groups[translated(kind_label(claim))].append(claim)
            elif by == "document":
                groups[self.linker.document_title(claim.docname)].append(claim)
            else:
                actors = self.graph.related(claim.id, "actors", incoming=False) or [""]
                for actor in actors:
                    name = self.graph.objects[actor].title if actor else _("No actor named")
                    groups[name].append(claim)
        if by == "kind":
            order = [
                translated(
                    kind_label(
                        Claim(id="", title="", docname="", lineno=0, anchor="", claim_kind=k)
                    )
                )
                for k in self.settings.claim_kinds
            ]
            return [(k, groups[k]) for k in order if k in groups]
        return sorted(groups.items()) if by == "actor" else list(groups.items())

    def _claim_entry(self, claim: Claim) -> list[nodes.Node]:
        head = nodes.paragraph(
            "", "", nodes.strong("", "", self.linker.to_object(claim.id)), classes=["pb-claim-line"]
        )
        badges: list[nodes.Node] = [badge(translated(kind_label(claim)), "dark", "pb-kind")]
        badges += [nodes.Text(" "), *claim_badges(claim, self.scale)]
        # Each fact a group of nodes, joined with " · "; a count of zero says nothing.
        groups: list[list[nodes.Node]] = []
        supporting = self.graph.count(claim.id, "supports", incoming=True)
        attacking = self.graph.count(claim.id, "attacks", incoming=True)
        if supporting:
            groups.append([nodes.Text(_("%(count)d supporting") % {"count": supporting})])
        if attacking:
            groups.append([nodes.Text(_("%(count)d attacking") % {"count": attacking})])
        evidence = self.graph.related(claim.id, "evidence", incoming=False)
        if evidence:
            groups.append([nodes.Text(_("Evidence: ")), *self.linker.object_list(evidence)])
        # Page titles as recorded with the mentions, which the staleness digests cover.
        places: dict[str, str] = {}
        for mention in self.graph.mentions.get(claim.id, []):
            places.setdefault(mention.docname, mention.page or mention.section or mention.docname)
        if places:
            where: list[nodes.Node] = [nodes.Text(_("Referenced in: "))]
            for i, docname in enumerate(sorted(places)):
                if i:
                    where.append(nodes.Text(", "))
                text = places[docname]
                where.append(self.linker.to_place(docname, "", nodes.inline("", text)))
            groups.append(where)
        facts: list[nodes.Node] = []
        for group in groups:
            if facts:
                facts.append(nodes.Text(" · "))
            facts += group
        entry: list[nodes.Node] = [
            head,
            nodes.paragraph("", "", *badges, classes=["pb-claim-badges"]),
        ]
        if facts:
            entry.append(nodes.paragraph("", "", *facts, classes=["pb-claim-facts"]))
        return entry

    @property
    def scale(self):  # type: ignore[no-untyped-def]
        return self.settings.likelihood

    def key_judgments(self, request: ViewRequest, found: list[PolicyObject]) -> list[nodes.Node]:
        box = pb_key_judgments(classes=["pb-key-judgments-box"])
        box += nodes.title("", _("Key judgments"))
        box += edition_line(self.settings, self.linker)
        items = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        # Each judgment's sources, once the brief grades any: in a brief without source
        # blocks, "no sources" after every judgment would say nothing about any of them.
        graded = bool(self.graph.sorted_objects(Kind.SOURCE))
        for claim in found:
            assert isinstance(claim, Claim)
            para = nodes.paragraph("", "", nodes.strong("", "", self.linker.to_object(claim.id)))
            badges = claim_badges(claim, self.scale)
            if badges:
                para += [nodes.Text(" "), *badges]
            if graded:
                base = evidence_base(self.graph, claim.id, self.settings.reliability)
                text = " · " + evidence_base_text(base)
                para += nodes.inline("", text, classes=["pb-evidence-base"])
            items += nodes.list_item("", para)
        if found:
            box += items
        return [box]

    # -- actors and paradoxes -----------------------------------------------------------------

    def actor_index(self, request: ViewRequest, found: list[PolicyObject]) -> list[nodes.Node]:
        actors = [o for o in found if isinstance(o, Actor)]
        by_kind: dict[str, list[Actor]] = defaultdict(list)
        for actor in actors:
            by_kind[actor.actor_kind].append(actor)
        out: list[nodes.Node] = []
        kinds = [k for k in self.settings.actor_kinds if k in by_kind]
        for kind in kinds:
            members = sorted(by_kind[kind], key=lambda a: (a.title.casefold(), a.id))
            out.append(
                nodes.rubric(
                    "",
                    f"{translated(kind_label(members[0]))} ({len(members)})",
                    classes=["pb-group"],
                )
            )
            listing = nodes.bullet_list(classes=["pb-actor-list"])
            for actor in members:
                para = nodes.paragraph(
                    "", "", nodes.strong("", "", self.linker.to_object(actor.id))
                )
                n_claims, n_events, n_paradoxes = (
                    len(self.graph.involving(actor.id, kind))
                    for kind in (Kind.CLAIM, Kind.EVENT, Kind.PARADOX)
                )
                if actor.role:
                    para += nodes.Text(f" — {actor.role}")
                if actor.aliases:
                    para += nodes.inline(
                        "",
                        " (" + _("also: %s") % ", ".join(actor.aliases) + ")",
                        classes=["pb-aliases"],
                    )
                counts = [
                    text % n
                    for text, n in (
                        (ngettext("%d claim", "%d claims", n_claims), n_claims),
                        (ngettext("%d event", "%d events", n_events), n_events),
                        (ngettext("%d paradox", "%d paradoxes", n_paradoxes), n_paradoxes),
                    )
                    if n
                ]
                if counts:
                    para += nodes.inline("", " · " + ", ".join(counts), classes=["pb-counts"])
                listing += nodes.list_item("", para)
            out.append(listing)
        out += self._index_link("pb-actors", _("Index of all actors"))
        return out

    def paradox_index(self, request: ViewRequest, found: list[PolicyObject]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for paradox in found:
            box = nodes.container(classes=["pb-paradox-entry"])
            box += nodes.paragraph(
                "",
                "",
                nodes.strong("", "", self.linker.to_object(paradox.id)),
                classes=["pb-paradox-title"],
            )
            if paradox.summary:
                box += nodes.paragraph(
                    "", "", *self.linker.summary(paradox), classes=["pb-paradox-summary"]
                )
            row = nodes.container(classes=["pb-tension"])
            for ident in self.graph.related(paradox.id, "claims", incoming=False):
                side = nodes.container(classes=["pb-tension-side"])
                side += nodes.paragraph("", "", self.linker.to_object(ident))
                claim = self.graph.objects[ident]
                if isinstance(claim, Claim):
                    badges = claim_badges(claim, self.scale)
                    if badges:
                        side += nodes.paragraph("", "", *badges)
                row += side
            box += row
            resolution = self.graph.related(paradox.id, "resolution", incoming=False)
            if resolution:
                box += nodes.paragraph(
                    "",
                    "",
                    nodes.strong("", _("Resolution:")),
                    nodes.Text(" "),
                    *self.linker.object_list(resolution),
                    classes=["pb-resolution"],
                )
            out.append(box)
        return out

    # -- forecasts and editions ---------------------------------------------------------------

    def forecast_record(self, request: ViewRequest, found: list[PolicyObject]) -> list[nodes.Node]:
        # Resolved, open and calibration from the claims the view's filters keep.
        record = forecast_record(self.graph, self.scale, {o.id for o in found})
        return forecast_record_view(record, self.linker, f"{request.docname}-cal{request.serial}")

    def edition_changes(self, request: ViewRequest, found: list[PolicyObject]) -> list[nodes.Node]:
        # Imported here: the export hooks import the domain, which imports this package.
        from ..export_hooks import compare_with_previous

        changes = compare_with_previous(self.linker.builder)
        if changes is None:
            return [
                nodes.paragraph(
                    "",
                    _("No previous edition is configured (policybrief_previous_edition)."),
                    classes=["pb-empty"],
                )
            ]
        return edition_changes_view(changes, self.linker)

    # -- sources ------------------------------------------------------------------------------

    def source_index(self, request: ViewRequest, found: list[PolicyObject]) -> list[nodes.Node]:
        """Sources by kind: grade, date, what cites each one and what rests on it."""
        by_kind: dict[str, list[Source]] = defaultdict(list)
        for source in found:
            if isinstance(source, Source):
                by_kind[source.source_kind].append(source)
        out: list[nodes.Node] = []
        for kind in (k for k in self.settings.source_kinds if k in by_kind):
            members = by_kind[kind]
            out.append(
                nodes.rubric(
                    "",
                    f"{translated(kind_label(members[0]))} ({len(members)})",
                    classes=["pb-group"],
                )
            )
            listing = nodes.bullet_list(classes=["pb-source-list"])
            for source in members:
                listing += nodes.list_item("", *self._source_entry(source))
            out.append(listing)
        return out

    def _source_entry(self, source: Source) -> list[nodes.Node]:
        head = nodes.paragraph("", "", nodes.strong("", "", self.linker.to_object(source.id)))
        grade = grade_badge(source.reliability, "", self.settings, "pb-reliability")
        if grade is not None:
            head += [nodes.Text(" "), grade]
        if source.date is not None:
            head += nodes.Text(f" · {date_label(source.date, self.linker.language)}")
        out: list[nodes.Node] = [head]
        cited_by = citing(self.graph, source.id)
        resting = resting_on(self.graph, source.id)
        for label, idents in ((_("Cited by: "), cited_by), (_("Rests on it: "), resting)):
            if idents:
                out.append(
                    nodes.paragraph(
                        "",
                        "",
                        nodes.Text(str(label)),
                        *self.linker.object_list(idents),
                        classes=["pb-source-facts"],
                    )
                )
        if not cited_by:
            out.append(nodes.paragraph("", _("Nothing cites it yet."), classes=["pb-source-facts"]))
        return out
