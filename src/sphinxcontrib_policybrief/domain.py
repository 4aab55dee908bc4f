"""The ``pb`` domain: the one store of every object, and how Sphinx resolves references to them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence, Set
from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, Index, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole

from .config import settings_from
from .core.ach import AchMatrix
from .core.argument_map import ArgumentMapRequest
from .core.graph import BriefGraph
from .core.ids import normalise_id
from .core.model import Kind, Mention, PolicyObject, ViewRequest
from .core.tags import TagPages, tag_pages
from .core.views import actor_timelines
from .indices import ActorIndex, ClaimIndex
from .links import object_refnode
from .locale import _, translated

#: Role name for each kind (the event role is shorter than its directive).
ROLE_FOR_KIND: dict[Kind, str] = {
    Kind.CLAIM: "claim",
    Kind.ACTOR: "actor",
    Kind.EVENT: "event",
    Kind.PARADOX: "paradox",
    Kind.SOURCE: "source",
}
KIND_FOR_ROLE = {role: kind for kind, role in ROLE_FOR_KIND.items()}
# Authors reach for the directive's name too.
KIND_FOR_ROLE["timeline-event"] = Kind.EVENT

#: Domain.data keys of the analysis directives (argument maps, ACH matrices).
_ANALYSIS_KEYS = ("maps", "ach")
#: Domain.data key of the warnings given while each document was read (read_warnings.py).
READ_WARNINGS = "warned"
#: Domain.data key of each document's pb roles (rewrite.py rewrites a page whose roles
#: dangle on every build, so that their warnings are given again).
ROLES = "roles"


class PolicyBriefDomain(Domain):
    """Claims, actors, timeline events and paradoxes, in one id namespace."""

    name = "pb"
    label = _("Policy brief")
    object_types: ClassVar[dict[str, ObjType]] = {
        "claim": ObjType(_("claim"), "claim", searchprio=1),
        "actor": ObjType(_("actor"), "actor", searchprio=1),
        "event": ObjType(_("timeline event"), "event", "timeline-event", searchprio=1),
        "paradox": ObjType(_("paradox"), "paradox", searchprio=1),
        "source": ObjType(_("source"), "source", searchprio=1),
    }
    roles: ClassVar[dict[str, Any]] = {
        # Inline, not literal: these links sit in prose.
        role: XRefRole(warn_dangling=True, lowercase=True, innernodeclass=nodes.inline)
        for role in KIND_FOR_ROLE
    }
    indices: ClassVar[list[type[Index]]] = [ClaimIndex, ActorIndex]  # type: ignore[misc]
    # Directives are added per project on config-inited (they depend on configured relations).
    initial_data: ClassVar[dict[str, Any]] = {
        "records": {},  # docname -> [PolicyObject]
        "mentions": {},  # docname -> [Mention]
        "views": {},  # docname -> [ViewRequest]
        "digests": {},  # docname -> digest of what its objects and views last showed
        # Analysis (argument maps, ACH matrices)
        "maps": {},  # docname -> [ArgumentMapRequest]
        "ach": {},  # docname -> [AchMatrix]
        # docname -> the warnings given while it was read (read_warnings.py)
        READ_WARNINGS: {},
        # docname -> its pb roles as (role, id), whether they resolve or not
        ROLES: {},
    }
    # 2: records and views carry the included file they come from; 3: mentions, page title;
    # 4: claims carry a forecast, every object a review date; 5: dates carry how an
    # interval starts (FuzzyDate.start); 6: title and source parts, anchors that may
    # differ from the id
    # 7: argument maps and ACH matrices; 8: sources, and a credibility on every object;
    # 9: an ACH slot names its matrix by its anchor (pb_anchor), unique on its page;
    # 10: each document's warnings, given again by builds that do not read it, and its
    # roles
    data_version = 10

    _graph: BriefGraph | None = None

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # The documents this build read again or removed (read_warnings.py repeats the
        # warnings of the others): none yet, as Sphinx makes a new domain each build.
        self.cleared: set[str] = set()

    # Derived from the graph (and the project's documents), computed once per graph.
    _tag_pages: tuple[BriefGraph, frozenset[str], TagPages] | None = None
    _timelines: tuple[BriefGraph, dict[str, str]] | None = None

    # -- the store ------------------------------------------------------------------

    @property
    def records(self) -> dict[str, list[PolicyObject]]:
        return self.data["records"]  # type: ignore[no-any-return]

    @property
    def mentions(self) -> dict[str, list[Mention]]:
        return self.data["mentions"]  # type: ignore[no-any-return]

    @property
    def views(self) -> dict[str, list[ViewRequest]]:
        return self.data["views"]  # type: ignore[no-any-return]

    @property
    def digests(self) -> dict[str, str]:
        return self.data["digests"]  # type: ignore[no-any-return]

    def note_object(self, obj: PolicyObject) -> None:
        self.records.setdefault(obj.docname, []).append(obj)
        self._graph = None

    def note_view(self, view: ViewRequest) -> None:
        self.views.setdefault(view.docname, []).append(view)
        self._graph = None

    def set_mentions(self, docname: str, found: list[Mention]) -> None:
        if found:
            self.mentions[docname] = found
        else:
            self.mentions.pop(docname, None)
        self._graph = None

    @property
    def role_uses(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """docname -> its pb roles as (role, id); not ``roles``, the domain's own."""
        return self.data.setdefault(ROLES, {})  # type: ignore[no-any-return]

    def set_role_uses(self, docname: str, found: list[tuple[str, str]]) -> None:
        if found:
            self.role_uses[docname] = tuple(dict.fromkeys(found))
        else:
            self.role_uses.pop(docname, None)

    def dangling_roles(self) -> set[str]:
        """The documents with a role naming no object of its kind: the page is written
        again on every build, so that its warning (given while it is written, after
        intersphinx had its chance) is given again, as on a clean build."""
        objects = self.graph.objects
        found = set()
        for docname, uses in self.role_uses.items():
            for role, target in uses:
                obj = objects.get(target)
                wanted = KIND_FOR_ROLE.get(role)
                if obj is None or (wanted is not None and obj.kind is not wanted):
                    found.add(docname)
                    break
        return found

    # -- analysis: argument maps and ACH matrices -------------------------------------

    @property
    def maps(self) -> dict[str, list[ArgumentMapRequest]]:
        return self.data.setdefault("maps", {})  # type: ignore[no-any-return]

    @property
    def ach(self) -> dict[str, list[AchMatrix]]:
        return self.data.setdefault("ach", {})  # type: ignore[no-any-return]

    def note_map(self, request: ArgumentMapRequest) -> None:
        self.maps.setdefault(request.docname, []).append(request)

    def note_matrix(self, matrix: AchMatrix) -> None:
        self.ach.setdefault(matrix.docname, []).append(matrix)

    @property
    def matrices(self) -> tuple[AchMatrix, ...]:
        """Every ACH matrix of the project, in reading order (document, then line)."""
        return tuple(m for docname in sorted(self.ach) for m in self.ach[docname])

    def matrix(self, docname: str, anchor: str) -> AchMatrix | None:
        """The matrix of *docname* with the HTML id *anchor* (unique on its page)."""
        return next((m for m in self.ach.get(docname, ()) if m.anchor == anchor), None)

    def settle_matrix_labels(self, env: BuildEnvironment) -> None:
        """Of matrices sharing an id, the first in reading order owns the label, as in a
        serial build; a ``-j`` build merges its readers' labels in the order they finish."""
        std = env.get_domain("std")
        mine = {(m.docname, m.anchor): m for docname in self.ach for m in self.ach[docname]}
        owners: dict[str, AchMatrix] = {}
        for matrix in self.matrices:
            owners.setdefault(matrix.id, matrix)
        for ident, matrix in owners.items():
            held = std.anonlabels.get(ident)  # type: ignore[attr-defined]
            if (
                held is not None
                and tuple(held) in mine
                and tuple(held)
                != (
                    matrix.docname,
                    matrix.anchor,
                )
            ):
                std.anonlabels[ident] = (matrix.docname, matrix.anchor)  # type: ignore[attr-defined]
                std.labels[ident] = (  # type: ignore[attr-defined]
                    matrix.docname,
                    matrix.anchor,
                    matrix.title or matrix.id,
                )

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        # Each matrix is a label of the standard domain, so {ref}`ach-motive` links to it,
        # unless a label already has its name: a section's label of this page (noted by
        # the standard domain just before) or of a page read earlier, or an earlier matrix.
        # Sphinx would say "duplicate label" without a type or a place; checks.py reports
        # the clash as ours instead, on every build.
        std = env.get_domain("std")
        for matrix in self.ach.get(docname, ()):
            if matrix.id not in std.anonlabels:  # type: ignore[attr-defined]
                std.note_hyperlink_target(  # type: ignore[attr-defined]
                    matrix.id, docname, matrix.anchor, matrix.title or matrix.id
                )

    def clear_doc(self, docname: str) -> None:
        # Sphinx clears every document it is about to read again, or that was removed.
        self.cleared.add(docname)
        for key in (*_ANALYSIS_KEYS, READ_WARNINGS, ROLES):
            self.data.setdefault(key, {}).pop(docname, None)
        for key in ("records", "mentions", "views"):
            self.data[key].pop(docname, None)
        self._graph = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in (*_ANALYSIS_KEYS, READ_WARNINGS, ROLES):
            for docname, items in otherdata.get(key, {}).items():
                if docname in docnames:
                    self.data.setdefault(key, {})[docname] = items
        for key in ("records", "mentions", "views"):
            for docname, items in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = items
        self._graph = None

    @property
    def graph(self) -> BriefGraph:
        """The merged view, rebuilt after any change to the store."""
        if self._graph is None:
            relations = settings_from(self.env.config).relations
            labels = self.env.domaindata.get("std", {}).get("labels", {})
            sections = {name: entry[2] for name, entry in labels.items() if entry[2]}
            self._graph = BriefGraph(self.records, self.mentions, relations, sections)
        return self._graph

    def tag_pages(self) -> TagPages:
        """Each tag's page name, none of them a document's or one of Sphinx's own pages."""
        graph = self.graph
        taken = frozenset(self.env.found_docs) | _reserved_pages(self.env)
        cached = self._tag_pages
        if cached is None or cached[0] is not graph or cached[1] != taken:
            tags = (tag for obj in graph.objects.values() for tag in obj.tags)
            cached = self._tag_pages = (graph, taken, tag_pages(tags, taken))
        return cached[2]

    def actor_timelines(self) -> dict[str, str]:
        """Actor id -> the document whose timeline its block links to, filtered to it."""
        graph = self.graph  # rebuilt whenever a view is noted or a document cleared
        if self._timelines is None or self._timelines[0] is not graph:
            requests = [v for docname in sorted(self.views) for v in self.views[docname]]
            self._timelines = (graph, actor_timelines(graph, requests))
        return self._timelines[1]

    # -- what Sphinx asks -----------------------------------------------------------

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for obj in self.graph.sorted_objects():
            yield obj.id, obj.title, obj.kind.value, obj.docname, obj.anchor, 1

    def get_full_qualified_name(self, node: Element) -> str | None:
        target = node.get("reftarget")
        return normalise_id(target) if isinstance(target, str) else None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        obj = self.graph.objects.get(normalise_id(target))
        wanted = KIND_FOR_ROLE.get(typ)
        if obj is None or (wanted is not None and obj.kind is not wanted):
            return None
        return self._refnode(builder, fromdocname, obj, node, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        obj = self.graph.objects.get(normalise_id(target))
        if obj is None:
            return []
        role = f"pb:{ROLE_FOR_KIND[obj.kind]}"
        return [(role, self._refnode(builder, fromdocname, obj, node, contnode))]

    def _refnode(
        self,
        builder: Builder,
        fromdocname: str,
        obj: PolicyObject,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference:
        # An unlabelled reference shows the object's title, as :ref: shows a section's.
        if not node.get("refexplicit") or not contnode.astext():
            contnode = nodes.inline(
                "", obj.link_text, classes=["xref", "pb", f"pb-{obj.kind.value}"]
            )
        return object_refnode(
            builder,
            fromdocname,
            obj.docname,
            obj.anchor,
            contnode,
            f"{translated(obj.kind.label)}: {obj.title}",
        )

    def objects_in(self, docnames: Iterable[str]) -> list[PolicyObject]:
        wanted = set(docnames)
        return [o for o in self.graph.sorted_objects() if o.docname in wanted]


def short_role(role: str) -> Any:
    """The unqualified ``{claim}`` etc.: the domain's role, called under its full name."""
    xref = PolicyBriefDomain.roles[role]

    def run(
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Any,
        options: dict[str, Any] | None = None,
        content: Sequence[str] = (),
    ) -> Any:
        return xref(f"pb:{role}", rawtext, text, lineno, inliner, options or {}, list(content))

    return run


def _reserved_pages(env: BuildEnvironment) -> frozenset[str]:
    """Pages HTML builders write besides the documents: indices, search, conf.py's own."""
    names = {"genindex", "genindex-all", "search", "opensearch"}
    names.update(str(name) for name in getattr(env.config, "html_additional_pages", {}) or {})
    for name in sorted(env.domains):
        domain = env.get_domain(name)
        names.update(f"{domain.name}-{index.name}" for index in domain.indices)
    return frozenset(names)


def pb_domain(env: BuildEnvironment) -> PolicyBriefDomain:
    return cast(PolicyBriefDomain, env.get_domain("pb"))


def settle_matrix_labels(app: Sphinx, env: BuildEnvironment) -> None:
    """env-updated: see :meth:`PolicyBriefDomain.settle_matrix_labels`."""
    pb_domain(env).settle_matrix_labels(env)
