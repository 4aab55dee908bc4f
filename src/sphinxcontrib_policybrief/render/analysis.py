"""Draws the analysis directives: argument maps, ACH matrices, the key assumptions check,
and the ACH lines of an object's connections. Nodes only; the writers' visitors decide
how each looks."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ..config import settings_from
from ..core.ach import RATING_FILLS, AchMatrix, Rating, matrices_with, matrix_table, score
from ..core.argument_map import ArgumentMapRequest, OutlineItem, layout, outline, select
from ..core.assumptions import load_of
from ..core.model import Claim, PolicyObject, ViewRequest
from ..links import object_uri
from ..locale import _, ngettext, translated
from .blocks import Linker, claim_badges, field
from .nodes import pb_ach_matrix, pb_ach_slot, pb_argument_map, pb_map_slot, pb_view_box

#: The deepest the outline of a map nests its lists.
OUTLINE_DEPTH = 4


def rating_words() -> dict[Rating, str]:
    """Each rating's words in the reader's language."""
    return {
        Rating.VERY_CONSISTENT: _("very consistent"),
        Rating.CONSISTENT: _("consistent"),
        Rating.NEUTRAL: _("neutral"),
        Rating.INCONSISTENT: _("inconsistent"),
        Rating.VERY_INCONSISTENT: _("very inconsistent"),
        Rating.NOT_APPLICABLE: _("not applicable"),
    }


class AnalysisRenderer:
    """Replaces the placeholders of argument maps and ACH matrices in one document."""

    def __init__(self, linker: Linker, matrices: Sequence[AchMatrix] = ()) -> None:
        self.linker = linker
        self.graph = linker.graph
        self.matrices = tuple(matrices)
        self.scale = settings_from(linker.builder.config).likelihood

    # -- argument maps ------------------------------------------------------------------

    def argument_map(self, node: pb_map_slot, request: ArgumentMapRequest) -> None:
        selection, _problems = select(self.graph, request)  # reported in checks.py
        box = pb_view_box(classes=node["classes"], pb_view="argument-map")
        if not selection.nodes:
            box += nodes.paragraph(
                "", _("Nothing in this brief matches this map yet."), classes=["pb-empty"]
            )
            node.replace_self(box)
            return
        drawn = layout(selection)
        root = self.graph.objects.get(request.root) if request.root else None
        title = _("Argument map") + (f": {root.title}" if root is not None else "")
        relations = self.graph.relations
        box += pb_argument_map(
            pb_layout=drawn,
            pb_hrefs={n.id: self._href(n.id) for n in selection.nodes},
            pb_labels={n.id: self._label(n.id) for n in selection.nodes},
            pb_relation_labels={
                name: translated(relations[name].outgoing)
                for name in drawn.relations
                if name in relations
            },
            pb_title=title,
            pb_description=_("The outline below gives the same map as a list."),
            pb_name=f"{request.docname}-map{request.serial}",
        )
        box += nodes.paragraph("", _("The map as an outline:"), classes=["pb-map-outline-title"])
        box += self._outline(outline(selection, self.graph))
        node.replace_self(box)

    def _outline(
        self, items: Sequence[OutlineItem], level: int = 1, parent: str = ""
    ) -> nodes.bullet_list:
        """Nested lists down to :data:`OUTLINE_DEPTH` levels; below that the items go on
        in the deepest list, each naming the item it hangs from (print allows four levels
        of lists, and deeper indents leave no room for the titles)."""
        listing = nodes.bullet_list(classes=["pb-map-outline"])
        for entry in self._outline_entries(items, level, parent):
            listing += entry
        return listing

    def _outline_entries(
        self, items: Sequence[OutlineItem], level: int, parent: str
    ) -> list[nodes.list_item]:
        out: list[nodes.list_item] = []
        for item in items:
            para = nodes.paragraph()
            if item.relation:
                relation = translated(item.relation)
                if parent:
                    relation = _("%(relation)s (%(parent)s)") % {
                        "relation": relation,
                        "parent": parent,
                    }
                para += nodes.emphasis("", relation)
                para += nodes.Text(": ")
            para += self.linker.to_object(item.id)
            if item.repeated:
                para += nodes.Text(" " + _("(see above)"))
            entry = nodes.list_item("", para)
            out.append(entry)
            if not item.children:
                continue
            if level < OUTLINE_DEPTH:
                entry += self._outline(item.children, level + 1)
            else:
                out += self._outline_entries(item.children, level, item.title)
        return out

    def _href(self, ident: str) -> str:
        obj = self.graph.objects[ident]
        if obj.docname == self.linker.docname:
            return f"#{obj.anchor}"
        try:
            return object_uri(self.linker.builder, self.linker.docname, obj.docname, obj.anchor)
        except Exception:
            return ""

    def _label(self, ident: str) -> str:
        obj = self.graph.objects[ident]
        return f"{obj.docname}:{obj.anchor}"

    # -- ACH matrices -------------------------------------------------------------------

    def ach_matrix(self, node: pb_ach_slot, matrix: AchMatrix) -> None:
        table_data = matrix_table(matrix)
        words = rating_words()
        cols = len(table_data.hypotheses) + 1
        table = pb_ach_matrix(
            classes=["pb-ach-matrix", *node["classes"]],
            pb_fills={f"pb-ach-{r.value.lower()}": fill for r, fill in RATING_FILLS.items()},
        )
        table += nodes.title("", matrix.title)
        group = nodes.tgroup(cols=cols)
        table += group
        group += nodes.colspec(colwidth=40)
        for _h in table_data.hypotheses:
            group += nodes.colspec(colwidth=max(12, 60 // max(1, cols - 1)))
        head = nodes.thead()
        group += head
        head_row = nodes.row()
        head_row += _entry([nodes.Text(_("Evidence"))])
        for hypothesis in table_data.hypotheses:
            head_row += _entry([self.linker.to_object(hypothesis)], "pb-ach-hypothesis")
        head += head_row
        body = nodes.tbody()
        group += body
        for row in table_data.rows:
            line = nodes.row(classes=["pb-ach-flat"] if row.non_diagnostic else [])
            label: list[nodes.Node] = [self.linker.to_object(row.evidence)]
            if row.non_diagnostic:
                label += [
                    nodes.Text(" "),
                    nodes.inline("", _("(non-diagnostic)"), classes=["pb-ach-flag"]),
                ]
            line += _entry(label, "pb-ach-evidence")
            for cell in row.cells:
                text = nodes.abbreviation("", cell.text, explanation=words[cell.rating])
                line += _entry([text], "pb-ach-cell", cell.css_class)
            body += line
        total = nodes.row(classes=["pb-ach-score-row"])
        total += _entry([nodes.strong("", _("Inconsistency score"))], "pb-ach-score-label")
        for value, least in zip(table_data.scores, table_data.least_inconsistent, strict=True):
            content: list[nodes.Node] = [nodes.strong("", str(value))]
            if least:
                content += [
                    nodes.Text(" "),
                    nodes.inline("", _("least inconsistent"), classes=["pb-ach-least-mark"]),
                ]
            line_classes = ["pb-ach-score", "pb-ach-least"] if least else ["pb-ach-score"]
            total += _entry(content, *line_classes)
        body += total
        key = " · ".join(f"{r.value} {words[r]}" for r in Rating)
        note = nodes.paragraph(
            "",
            _(
                "Ratings: %(key)s. The inconsistency score counts I as 1 and II as 2; "
                "the hypothesis with the lowest score fits the evidence best."
            )
            % {"key": key},
            classes=["pb-ach-key"],
        )
        box = pb_view_box(classes=["pb-view", "pb-ach"], pb_view="ach-matrix")
        box += table
        box += note
        node.replace_self(box)

    def ach_fields(self, obj: PolicyObject) -> list[nodes.field]:
        """An object's ACH lines: as a hypothesis, each matrix and its score; as evidence,
        each matrix and its ratings."""
        as_hypothesis: list[nodes.Node] = []
        as_evidence: list[nodes.Node] = []
        words = rating_words()
        for matrix in matrices_with(self.matrices, obj.id):
            link = self.linker.to_place(
                matrix.docname, matrix.anchor, nodes.inline("", matrix.title), None
            )
            if obj.id in matrix.hypotheses:
                scores = score(matrix)
                value = scores.score(obj.id) or 0
                if as_hypothesis:
                    as_hypothesis.append(nodes.Text("; "))
                text = _("inconsistency score %d") % value
                if obj.id in scores.least_inconsistent:
                    text += ", " + _("least inconsistent")
                as_hypothesis += [link, nodes.Text(f" ({text})")]
            row = matrix.row_for(obj.id)
            if row is not None:
                if as_evidence:
                    as_evidence.append(nodes.Text("; "))
                as_evidence += [link, nodes.Text(": ")]
                for i, (hypothesis, rating) in enumerate(
                    zip(matrix.hypotheses, row.ratings, strict=True)
                ):
                    if i:
                        as_evidence.append(nodes.Text(", "))
                    as_evidence += [
                        nodes.abbreviation("", rating.value, explanation=words[rating]),
                        nodes.Text(" " + _("for") + " "),
                        self.linker.to_object(hypothesis),
                    ]
        fields: list[nodes.field] = []
        if as_hypothesis:
            fields.append(field(_("Tested in"), as_hypothesis))
        if as_evidence:
            fields.append(field(_("Rated in"), as_evidence))
        return fields

    # -- the key assumptions check ----------------------------------------------------------

    def assumptions(self, request: ViewRequest, found: list[PolicyObject]) -> list[nodes.Node]:
        listing = nodes.enumerated_list(
            enumtype="arabic", prefix="", suffix=".", classes=["pb-assumptions"]
        )
        for claim in found:
            load = load_of(self.graph, claim.id)
            head = nodes.paragraph(
                "",
                "",
                nodes.strong("", "", self.linker.to_object(claim.id)),
                classes=["pb-assumption-title"],
            )
            if isinstance(claim, Claim):
                badges = claim_badges(claim, self.scale)
                if badges:
                    head += [nodes.Text(" "), *badges]
            entry = nodes.list_item("", head)
            counts = ngettext(
                "%d claim rests on it", "%d claims rest on it", len(load.dependents)
            ) % len(load.dependents)
            if load.key_judgments:
                counts += ", " + ngettext(
                    "%d key judgment", "%d key judgments", len(load.key_judgments)
                ) % len(load.key_judgments)
            entry += nodes.paragraph("", counts, classes=["pb-assumption-load"])
            if load.direct:
                entry += nodes.paragraph(
                    "",
                    "",
                    nodes.Text(_("Directly: ")),
                    *self.linker.object_list(load.direct),
                    classes=["pb-assumption-direct"],
                )
            if load.chains:
                chains = nodes.bullet_list(classes=["pb-assumption-chains"])
                for chain in load.chains:
                    para = nodes.paragraph()
                    for i, ident in enumerate(chain[1:]):
                        if i:
                            para += nodes.Text(" → ")
                        para += self.linker.to_object(ident)
                    chains += nodes.list_item("", para)
                entry += nodes.paragraph("", _("Up to the key judgments:"))
                entry += chains
            elif not load.dependents:
                entry += nodes.paragraph(
                    "", _("Nothing in this brief rests on it."), classes=["pb-assumption-unused"]
                )
            listing += entry
        return [listing] if found else []


def _entry(content: list[nodes.Node], *classes: str) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", *content), classes=list(classes))
