"""Draws each object's header, metadata and project-wide connections at write time."""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes

from ..config import settings_from
from ..core.graph import BriefGraph
from ..core.labels import kind_label
from ..core.model import Actor, Claim, Kind, PolicyObject, TimelineEvent
from ..locale import _, translated
from .analysis import AnalysisRenderer
from .blocks import Linker, badge, claim_badges, field, field_list, tag_badges
from .forecasts import forecast_fields, reviewed_field
from .nodes import pb_connections, pb_connections_box, pb_header, pb_object_header


class ObjectRenderer:
    """Fills the placeholders that the object directives left in one document."""

    def __init__(self, linker: Linker, analysis: AnalysisRenderer | None = None) -> None:
        self.linker = linker
        self.analysis = analysis or AnalysisRenderer(linker)
        self.graph: BriefGraph = linker.graph
        self.scale = settings_from(linker.builder.config).likelihood

    def header(self, node: pb_header, home: str) -> None:
        obj = self.graph.objects.get(node["pb_id"])
        if obj is not None and obj.docname != home:
            obj = None  # a duplicate id: the winner lives elsewhere; show this one bare
        title_para = cast(nodes.paragraph, node.children[0])
        title = nodes.paragraph(
            "", "", nodes.strong("", "", *title_para.children), classes=["pb-title"]
        )
        source = [
            c
            for c in node.children[1:]
            if isinstance(c, nodes.Element) and "pb-source" in c.get("classes", ())
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
        actors = graph.related(obj.id, "actors", incoming=False)
        if actors:
            fields.append(field(_("Actors"), link.object_list(actors)))
        if obj.tags:
            fields.append(field(_("Tags"), tag_badges(obj.tags)))
        if isinstance(obj, Claim):
            fields += forecast_fields(obj, link)
        fields += reviewed_field(obj, link)
        return fields

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
        graph, link = self.graph, self.linker
        fields: list[nodes.field] = []
        if isinstance(obj, Actor):
            members = graph.members(obj.id)
            if members:
                fields.append(field(_("Members"), link.object_list(members)))
            events = graph.events_in_time_order(
                cast(TimelineEvent, graph.objects[i]) for i in graph.involving(obj.id, Kind.EVENT)
            )
            if events:
                fields.append(field(_("Events"), [self._event_list(events)]))
            for kind, label in ((Kind.CLAIM, _("Claims")), (Kind.PARADOX, _("Paradoxes"))):
                idents = graph.involving(obj.id, kind)
                if idents:
                    fields.append(field(label, link.object_list(idents)))
            return fields
        if isinstance(obj, Claim) or obj.kind is Kind.PARADOX:
            if obj.kind is Kind.PARADOX:
                fields.append(field(_("Claims in tension"), [self._side_by_side(obj)]))
                resolution = graph.related(obj.id, "resolution", incoming=False)
                if resolution:
                    fields.append(field(_("Resolution"), link.object_list(resolution)))
                return fields
            for rel in graph.relations.values():
                if rel.name in ("actors", "affiliation", "claims", "resolution"):
                    continue
                outgoing = graph.related(obj.id, rel.name, incoming=False)
                if outgoing:
                    fields.append(field(translated(rel.outgoing), link.object_list(outgoing)))
                if not rel.symmetric:
                    incoming = graph.related(obj.id, rel.name, incoming=True)
                    if incoming:
                        fields.append(field(translated(rel.incoming), link.object_list(incoming)))
            for rel_name, label in (("claims", _("Paradoxes")), ("resolution", _("Resolves"))):
                found = graph.related(obj.id, rel_name, incoming=True)
                if found:
                    fields.append(field(label, link.object_list(found)))
            return fields
        # A timeline event: what it is evidence for.
        backed = graph.evidence_for(obj.id)
        if backed:
            fields.append(field(_("Evidence for"), link.object_list(backed)))
        return fields

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
