"""Small builders of nodes shared by the object and view renderers: links, badges, dates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.errors import NoUri

from ..core.citations import cite_keys, is_cite, parse_cite
from ..core.forecast import Verdict, verdict
from ..core.graph import BriefGraph
from ..core.model import Claim, PolicyObject, TimelineEvent
from ..core.scales import LikelihoodScale
from ..core.settings import Settings
from ..core.sources import EvidenceBase
from ..core.tags import TagPages
from ..links import object_refnode, with_anchor
from ..locale import _, date_label, event_date_label, ngettext, translated
from .nodes import pb_badge, pb_date

# Badge tones by meaning, so a reader learns them once (each writer gives a tone its look).
_LIKELIHOOD_STYLE = ("danger", "danger", "warning", "secondary", "info", "primary", "primary")
_CONFIDENCE_STYLE = {"low": "warning", "moderate": "info", "high": "success"}
_STATUS_STYLE = {"confirmed": "success", "refuted": "danger", "superseded": "secondary"}


class Linker:
    """Makes links to objects and places for one document being written."""

    def __init__(
        self,
        builder: Builder,
        graph: BriefGraph,
        docname: str,
        document: nodes.document | None = None,
        citation_labels: dict[str, str] | None = None,
    ) -> None:
        self.builder = builder
        # sphinxcontrib-bibtex's labels by key (``citations.bibtex_labels``), empty without it.
        self.citation_labels = citation_labels or {}
        # Key -> bibtex's formatted reference as text (``citations.bibtex_references``).
        self.citation_references: dict[str, str] = {}
        self.graph = graph
        self.docname = docname
        self.language: str | None = builder.config.language
        self.document = document
        self._ids: set[str] | None = None
        # Relative URIs by (from, to) document; None where the builder has none (NoUri).
        self._uris: dict[tuple[str, str], str | None] = {}
        # What the drawing read: ids of objects shown and documents whose titles are shown.
        # ``rewrite.page_reads`` must predict a superset of it (tests compare the two).
        self.objects_read: set[str] = set()
        self.titles_read: set[str] = set()
        # Tag pages, when this builder writes them (None: tags stay badges), and the
        # document whose timeline each actor links to (empty: no such links).
        self.tag_pages: TagPages | None = None
        self.timelines: Mapping[str, str] = {}
        # What the drawing read of those: tags whose page it linked (or would have), whether
        # it linked the tags index, and (actor, document) of each timeline link.
        self.tags_read: set[str] = set()
        self.tag_index_read = False
        self.timelines_read: set[tuple[str, str]] = set()

    def unique_id(self, wanted: str) -> str:
        """An HTML id for an element the renderer adds, used nowhere else in the doctree.

        In singlehtml and LaTeX the doctree holds every document, so a year heading of one
        document's timeline must not take the id of another's.
        """
        if self._ids is None:
            found = self.document.findall(nodes.Element) if self.document is not None else ()
            self._ids = {i for node in found for i in node["ids"]}
        ident, n = wanted, 1
        while ident in self._ids:
            n += 1
            ident = f"{wanted}-{n}"
        self._ids.add(ident)
        return ident

    def document_title(self, docname: str) -> str:
        self.titles_read.add(docname)
        title = self.builder.env.titles.get(docname)
        return title.astext() if title else docname

    def to_object(self, ident: str, text: str | None = None) -> nodes.Node:
        self.objects_read.add(ident)
        obj = self.graph.objects.get(ident)
        label = text if text is not None else (obj.title if obj else ident)
        inner = nodes.inline("", label, classes=["pb-ref", f"pb-{obj.kind.value}" if obj else ""])
        if obj is None:
            return inner
        return self.to_place(
            obj.docname, obj.anchor, inner, f"{translated(obj.kind.label)}: {obj.title}"
        )

    def to_place(
        self, docname: str, anchor: str, child: nodes.Node, title: str | None = None
    ) -> nodes.Node:
        if docname == self.docname and anchor:
            return object_refnode(self.builder, self.docname, docname, anchor, child, title)
        # What make_refnode builds, with the builder's relative URI asked once for each
        # pair of documents: a claims page links a thousand times into a hundred pages.
        key = (self.docname, docname)
        if key in self._uris:
            uri = self._uris[key]
        else:
            try:
                uri = self.builder.get_relative_uri(self.docname, docname)
            except NoUri:
                uri = None
            self._uris[key] = uri
        if uri is None:
            return child
        node = nodes.reference("", "", internal=True)
        node["refuri"] = with_anchor(self.builder, docname, uri, anchor)
        if title:
            node["reftitle"] = title
        node += child
        return node

    def summary(self, obj: PolicyObject) -> list[nodes.Node]:
        """An object's summary with its references as links."""
        out: list[nodes.Node] = []
        self.objects_read.add(obj.id)
        for text, target in obj.summary:
            if is_cite(target):
                out.append(self.citation(text, target))
                continue
            if target:
                self.objects_read.add(target)
            if not target:
                out.append(nodes.Text(text))
            elif target in self.graph.objects:
                out.append(self.to_object(target, text or self.graph.objects[target].link_text))
            elif ":" in target:
                out.append(self._foreign_reference(text, target))
            else:
                out.append(nodes.Text(text or target))
        return out

    def citation(self, text: str, target: str) -> nodes.Node:
        """A sphinxcontrib-bibtex citation drawn again: a new cross-reference that bibtex
        resolves as it did the author's, when it knows every key; *text* otherwise (the
        author's role has already warned about an unknown key)."""
        keys = cite_keys(target)
        if not keys or any(key not in self.citation_labels for key in keys):
            return nodes.Text(text)
        reftype, reftarget = parse_cite(target)
        return addnodes.pending_xref(
            "",
            nodes.inline("", text),
            refdomain="cite",
            reftype=reftype,
            reftarget=reftarget,
            refexplicit=False,
            refdoc=self.docname,
            refwarn=False,
            pb_summary=True,
        )

    def _foreign_reference(self, text: str, target: str) -> nodes.Node:
        # "project:id" names an object of another project: left to Sphinx's resolver, which
        # runs after this and lets intersphinx link it. The original role already warned if
        # it dangles, so this copy stays silent (see ``warn_missing_reference``).
        ref = addnodes.pending_xref(
            "",
            nodes.inline("", text or target.split(":", 1)[1]),
            refdomain="",
            reftype="any",
            reftarget=target,
            refexplicit=bool(text),
            refdoc=self.docname,
            refwarn=False,
            pb_summary=True,
        )
        return ref

    def object_list(self, idents: Sequence[str], sep: str = ", ") -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for i, ident in enumerate(idents):
            if i:
                out.append(nodes.Text(sep))
            out.append(self.to_object(ident))
        return out

    def tags(self, tags: Sequence[str]) -> list[nodes.Node]:
        """Tag badges, each a link to its tag's page where the builder writes tag pages."""
        out: list[nodes.Node] = []
        for tag in tags:
            node: nodes.Node = badge(tag, "plain", "pb-tag")
            self.tags_read.add(tag)
            page = self.tag_pages.page(tag) if self.tag_pages is not None else None
            if page is not None:
                node = nodes.reference(
                    "",
                    "",
                    node,
                    internal=True,
                    refuri=self.builder.get_relative_uri(self.docname, page),
                    reftitle=str(_("Everything tagged %s")) % tag,
                    classes=["pb-tag-link"],
                )
            out.append(node)
        return _spaced(out)

    def tags_index(self) -> str | None:
        """The relative URI of the page listing every tag; None when there is none."""
        self.tag_index_read = True
        if self.tag_pages is None or not self.tag_pages.index:
            return None
        return self.builder.get_relative_uri(self.docname, self.tag_pages.index)

    def actor_timeline(self, actor: str) -> nodes.Node | None:
        """ "Events on the timeline": the timeline an actor's events are on, filtered to the
        actor by the fragment ``#filter=actor:<id>`` (read by policybrief.js; without
        JavaScript the whole timeline shows)."""
        docname = self.timelines.get(actor)
        if docname is None:
            return None
        self.timelines_read.add((actor, docname))
        text = nodes.inline("", _("Events on the timeline"))
        fragment = "filter=actor:" + quote(actor, safe="")
        return self.to_place(docname, fragment, text)

    def date(self, event: TimelineEvent) -> pb_date:
        label = event_date_label(event, self.language) or str(_("date unknown"))
        if event.date is None:
            return pb_date("", label, classes=["pb-date", "pb-date-unknown"], pb_unknown=True)
        classes = ["pb-date"]
        uncertain = event.date.approximate or event.date.uncertain
        if uncertain:
            classes.append("pb-date-uncertain")
        return pb_date(
            "",
            label,
            classes=classes,
            pb_datetime=event.date.html_datetime,
            pb_tooltip=f"{date_label(event.date, self.language)} ({event.date.edtf})",
            pb_uncertain=uncertain,
        )


def badge(text: str, tone: str, *extra: str) -> pb_badge:
    return pb_badge("", text, classes=["pb-badge", *extra], pb_tone=tone)


def claim_badges(claim: Claim, scale: LikelihoodScale) -> list[nodes.Node]:
    """Likelihood (with its range), confidence and a non-default status, as badges."""
    out: list[nodes.Node] = []
    if claim.likelihood:
        term = scale.lookup(claim.likelihood)
        text = translated(claim.likelihood)
        style = "secondary"
        if term is not None:
            if term.range_label:
                text += f" ({term.range_label})"
            position = (
                scale.rank(term) * (len(_LIKELIHOOD_STYLE) - 1) // max(len(scale.terms) - 1, 1)
            )
            style = _LIKELIHOOD_STYLE[position]
        out.append(badge(text, style, "pb-likelihood"))
    if claim.confidence:
        style = _CONFIDENCE_STYLE.get(claim.confidence, "secondary")
        out.append(badge(_("%s confidence") % translated(claim.confidence), style, "pb-confidence"))
    if claim.forecast is not None:
        # Imported here: forecasts.py builds on this module.
        from .forecasts import verdict_badge

        out.append(verdict_badge(claim.forecast))
    if claim.status != "open":
        tone = _STATUS_STYLE.get(claim.status, "secondary")
        if claim.forecast is not None and verdict(claim.forecast) is Verdict.RIGHT:
            # :status: says whether the statement is true; beside a right call (an
            # "unlikely" that did not happen) a red "refuted" would read as a miss.
            tone = "secondary"
        out.append(badge(translated(claim.status), tone, "pb-status"))
    return _spaced(out)


def _spaced(items: Iterable[nodes.Node]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for item in items:
        if out:
            out.append(nodes.Text(" "))
        out.append(item)
    return out


def field(name: str, body: Sequence[nodes.Node]) -> nodes.field:
    # Inline runs go into paragraphs; block nodes (lists, containers) stand on their own,
    # since a <div> or <ul> inside a <p> is invalid HTML that browsers re-nest.
    content = nodes.field_body()
    run: list[nodes.Node] = []
    for node in body:
        if isinstance(node, nodes.Text | nodes.Inline):
            run.append(node)
            continue
        if run:
            content += nodes.paragraph("", "", *run)
            run = []
        content += node
    if run or not content.children:
        content += nodes.paragraph("", "", *run)
    return nodes.field("", nodes.field_name("", name), content)


def field_list(fields: Sequence[nodes.field], *classes: str) -> list[nodes.Node]:
    if not fields:
        return []
    return [nodes.field_list("", *fields, classes=list(classes))]


# -- sources and grades -------------------------------------------------------------------


def grade_badge(
    reliability: str, credibility: str, settings: Settings, *extra: str
) -> pb_badge | None:
    """ "C3": a source's reliability and the item's credibility, the wording as a tooltip.

    Either half may be missing ("C", "3"); None when neither is graded.
    """
    words: list[str] = []
    for code, scale in ((reliability, settings.reliability), (credibility, settings.credibility)):
        grade = scale.lookup(code) if code else None
        if grade is not None:
            words.append(translated(grade.wording))
    code = f"{reliability}{credibility}"
    if not code:
        return None
    tone = _RELIABILITY_TONE.get(reliability, "secondary")
    node = badge(code, tone, "pb-grade")
    node["pb_tooltip"] = " / ".join(words)
    return node


# Badge tones by the Admiralty letter: a reader sees weak sources at a glance.
_RELIABILITY_TONE = {"A": "success", "B": "success", "C": "info", "D": "warning", "E": "danger"}


def evidence_base_text(base: EvidenceBase) -> str:
    """ "4 sources, reliability B–D"; "no sources" when the base is empty."""
    if not base.count:
        return str(_("no sources"))
    text = ngettext("%d source", "%d sources", base.count) % base.count
    if base.reliability_range:
        text += ", " + str(_("reliability %s")) % base.reliability_range
    return text
