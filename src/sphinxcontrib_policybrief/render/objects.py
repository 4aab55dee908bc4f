"""Draws each object's header, metadata and project-wide connections at write time."""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes

from ..config import settings_from
from ..core.graph import BriefGraph
from ..core.labels import kind_label
from ..core.model import Actor, Claim, Kind, PolicyObject, Source, TimelineEvent
from ..core.sources import citing, evidence_base, resting_on
from ..locale import _, date_label, translated
from .analysis import AnalysisRenderer
from .blocks import (
    Linker,
    badge,
    claim_badges,
    evidence_base_text,
    field,
    field_list,
    grade_badge,
)
from .forecasts import forecast_fields, reviewed_field
from .nodes import (
    pb_connections,
    pb_connections_box,
    pb_fold,
    pb_header,
    pb_object_header,
    pb_object_title,
)


class ObjectRenderer:
    """Fills the placeholders that the object directives left in one document."""

    def __init__(self, linker: Linker, analysis: AnalysisRenderer | None = None) -> None:
        self.linker = linker
        self.analysis = analysis or AnalysisRenderer(linker)
        self.graph: BriefGraph = linker.graph
        self.settings = settings_from(linker.builder.config)
        self._cite_nodes: list[nodes.Node] = []
        self.scale = self.settings.likelihood

    def header(self, node: pb_header, home: str) -> None:
        obj = self.graph.objects.get(node["pb_id"])
        if obj is not None and obj.docname != home:
            obj = None  # a duplicate id: the winner lives elsewhere; show this one bare
        title_para = cast(nodes.paragraph, node.children[0])
        title = pb_object_title(
            "",
            "",
            nodes.strong("", "", *title_para.children),
            classes=["pb-title"],
            pb_anchor=obj.anchor if obj else "",
            pb_link_title=_("Link to this object"),
        )
        source = [
            c
            for c in node.children[1:]
            if isinstance(c, nodes.Element) and "pb-source" in c.get("classes", ())
        ]
        # A source's citation as sphinxcontrib-bibtex formats it (see SourceDirective).
        self._cite_nodes = [
            child
            for c in node.children[1:]
            if isinstance(c, nodes.Element) and "pb-cite" in c.get("classes", ())
            for child in c.children
        ]
        out = pb_object_header()
        kicker: list[nodes.Node] = [
            badge(
                translated(kind_label(obj) if obj else Kind(node["pb_kind"]).label),
                "dark",
                "pb-kind",
            )
        ]
        if isinstance(obj, Claim):
            kicker += [nodes.Text(" "), *claim_badges(obj, self.scale)]
        if isinstance(obj, TimelineEvent):
            kicker += [nodes.Text(" "), self.linker.date(obj)]
        if isinstance(obj, Source):
            grade = grade_badge(obj.reliability, "", self.settings, "pb-reliability")
            if grade is not None:
                kicker += [nodes.Text(" "), grade]
        out += nodes.paragraph("", "", *kicker, classes=["pb-kicker"])
        out += title
        fields = self._meta_fields(obj) if obj else []
        if source:
            fields.append(field(_("Source"), source[0].children))
        out += field_list(fields, "pb-meta")
        node.replace_self(out)

    def _meta_fields(self, obj: PolicyObject) -> list[nodes.field]:
        fields: list[nodes.field] = []
        graph, link = self.graph, self.linker
        if isinstance(obj, Actor):
            if obj.role:
                fields.append(field(_("Role"), [nodes.Text(obj.role)]))
            affiliation = graph.related(obj.id, "affiliation", incoming=False)
            if affiliation:
                fields.append(field(_("Affiliation"), link.object_list(affiliation)))
            if obj.aliases:
                fields.append(field(_("Also known as"), [nodes.Text(", ".join(obj.aliases))]))
        if isinstance(obj, Source):
            fields += self._source_fields(obj)
        actors = graph.related(obj.id, "actors", incoming=False)
        if actors:
            fields.append(field(_("Actors"), link.object_list(actors)))
        fields += self._graded_fields(obj)
        if obj.tags:
            fields.append(field(_("Tags"), self.linker.tags(obj.tags)))
        if isinstance(obj, Claim):
            fields += forecast_fields(obj, link)
        fields += reviewed_field(obj, link)
        return fields

    # -- sources ----------------------------------------------------------------------

    def _source_fields(self, obj: Source) -> list[nodes.field]:
        fields: list[nodes.field] = []
        language = self.linker.language
        if obj.date is not None:
            fields.append(field(_("Date"), [nodes.Text(date_label(obj.date, language))]))
        if obj.publisher:
            fields.append(field(_("Publisher"), [nodes.Text(obj.publisher)]))
        for label, url in ((_("Address"), obj.url), (_("Archived copy"), obj.archived)):
            if url:
                fields.append(field(label, [nodes.reference("", url, refuri=url)]))
        if obj.accessed is not None:
            fields.append(field(_("Accessed"), [nodes.Text(date_label(obj.accessed, language))]))
        if obj.cite:
            shown = self._cite_nodes or [nodes.literal("", obj.cite)]
            reference = self.linker.citation_references.get(obj.cite)
            if self._cite_nodes and reference:
                # Written out, not only a tooltip: read in print and in plain text too.
                shown = [
                    *shown,
                    nodes.Text(" "),
                    nodes.inline("", reference, classes=["pb-cite-reference"]),
                ]
            fields.append(field(_("Citation"), shown))
        return fields

    def _graded_fields(self, obj: PolicyObject) -> list[nodes.field]:
        """A claim's or event's sources, each with its grade, and a claim's evidence base."""
        fields: list[nodes.field] = []
        cited = self.graph.related(obj.id, "sources", incoming=False)
        if cited:
            fields.append(field(_("Sources"), self.graded_list(obj, cited)))
        elif obj.credibility:
            grade = grade_badge("", obj.credibility, self.settings, "pb-credibility")
            if grade is not None:
                fields.append(field(_("Credibility"), [grade]))
        if isinstance(obj, Claim):
            base = evidence_base(self.graph, obj.id, self.settings.reliability)
            if base.count:
                fields.append(field(_("Evidence base"), [nodes.Text(evidence_base_text(base))]))
        return fields

    def graded_list(self, obj: PolicyObject, cited: list[str]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for ident in cited:
            if out:
                out.append(nodes.Text(", "))
            out.append(self.linker.to_object(ident))
            source = self.graph.objects[ident]
            reliability = source.reliability if isinstance(source, Source) else ""
            grade = grade_badge(reliability, obj.credibility, self.settings)
            if grade is not None:
                out += [nodes.Text(" "), grade]
        return out

    def connections(self, node: pb_connections, home: str) -> None:
        obj = self.graph.objects.get(node["pb_id"])
        if obj is None or obj.docname != home:
            node.parent.remove(node)
            return
        fields = self._connection_fields(obj)
        fields += self.analysis.ach_fields(obj)  # ACH matrices it is tested or rated in
        mentions = self.graph.mentions.get(obj.id, [])
        if mentions:
            fields.append(field(_("Referenced in"), self._mention_links(obj, mentions)))
        if not fields:
            node.parent.remove(node)
            return
        box = pb_connections_box(classes=["pb-connections"])
        box += nodes.rubric("", _("Connections"), classes=["pb-connections-title"])
        box += field_list(fields, "pb-connection-list")
        node.replace_self(box)

    def _connection_fields(self, obj: PolicyObject) -> list[nodes.field]:
        graph = self.graph
        fields: list[nodes.field] = []
        if isinstance(obj, Actor):
            members = graph.members(obj.id)
            if members:
                fields.append(field(_("Members"), self._links(members)))
            events = graph.events_in_time_order(
                cast(TimelineEvent, graph.objects[i]) for i in graph.involving(obj.id, Kind.EVENT)
            )
            if events:
                shown: list[nodes.Node] = [self._event_list(events)]
                timeline = self.linker.actor_timeline(obj.id)
                if timeline is not None:
                    shown.append(nodes.paragraph("", "", timeline, classes=["pb-actor-timeline"]))
                fields.append(field(_("Events"), shown))
            for kind, label in (
                (Kind.CLAIM, _("Claims")),
                (Kind.PARADOX, _("Paradoxes")),
                (Kind.SOURCE, _("Sources")),
            ):
                idents = graph.involving(obj.id, kind)
                if idents:
                    fields.append(field(label, self._links(idents)))
            return fields
        if isinstance(obj, Claim) or obj.kind is Kind.PARADOX:
            if obj.kind is Kind.PARADOX:
                fields.append(field(_("Claims in tension"), [self._side_by_side(obj)]))
                resolution = graph.related(obj.id, "resolution", incoming=False)
                if resolution:
                    fields.append(field(_("Resolution"), self._links(resolution)))
                return fields
            for rel in graph.relations.values():
                if rel.name in ("actors", "affiliation", "claims", "resolution", "sources"):
                    continue
                outgoing = graph.related(obj.id, rel.name, incoming=False)
                if outgoing:
                    fields.append(field(translated(rel.outgoing), self._links(outgoing)))
                if not rel.symmetric:
                    incoming = graph.related(obj.id, rel.name, incoming=True)
                    if incoming:
                        fields.append(field(translated(rel.incoming), self._links(incoming)))
            for rel_name, label in (("claims", _("Paradoxes")), ("resolution", _("Resolves"))):
                found = graph.related(obj.id, rel_name, incoming=True)
                if found:
                    fields.append(field(label, self._links(found)))
            return fields
        if isinstance(obj, Source):
            cited_by = citing(graph, obj.id)
            if cited_by:
                fields.append(field(_("Cited by"), self._links(cited_by)))
            resting = [i for i in resting_on(graph, obj.id) if i not in cited_by]
            if resting:
                fields.append(field(_("Claims resting on it"), self._links(resting)))
            return fields
        # A timeline event: what it is evidence for.
        backed = graph.evidence_for(obj.id)
        if backed:
            fields.append(field(_("Evidence for"), self._links(backed)))
        return fields

    def _links(self, idents: list[str]) -> list[nodes.Node]:
        """Links to *idents*; in HTML, those past ``policybrief_connections_fold`` fold."""
        fold = self.settings.connections_fold
        if not fold or len(idents) <= fold or self.linker.builder.format != "html":
            return self.linker.object_list(idents)
        shown = self.linker.object_list(idents[:fold])
        rest = pb_fold(pb_summary=_("Show all %(count)d") % {"count": len(idents)})
        rest += nodes.paragraph("", "", *self.linker.object_list(idents[fold:]))
        return [*shown, nodes.inline("", ", …", classes=["pb-fold-more"]), rest]

    def _event_list(self, events: list[TimelineEvent]) -> nodes.bullet_list:
        items = nodes.bullet_list(classes=["pb-mini-timeline"])
        for event in events:
            para = nodes.paragraph(
                "", "", self.linker.date(event), nodes.Text(" — "), self.linker.to_object(event.id)
            )
            items += nodes.list_item("", para)
        return items

    def _side_by_side(self, paradox: PolicyObject) -> nodes.container:
        row = nodes.container(classes=["pb-tension"])
        for ident in self.graph.related(paradox.id, "claims", incoming=False):
            claim = self.graph.objects[ident]
            card = nodes.container(classes=["pb-tension-side"])
            card += nodes.paragraph("", "", self.linker.to_object(ident))
            if isinstance(claim, Claim):
                badges = claim_badges(claim, self.scale)
                if badges:
                    card += nodes.paragraph("", "", *badges)
            row += card
        return row

    def _mention_links(self, obj: PolicyObject, mentions: list[Any]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        seen: set[tuple[str, str]] = set()
        for mention in mentions:
            key = (mention.docname, mention.anchor)
            if key in seen:
                continue
            seen.add(key)
            if out:
                out.append(nodes.Text(", "))
            text = mention.section or mention.docname
            if mention.page and mention.page != text:
                text = f"{mention.page} › {text}"  # a section title alone can be ambiguous
            out.append(
                self.linker.to_place(mention.docname, mention.anchor, nodes.inline("", text), None)
            )
        return out
