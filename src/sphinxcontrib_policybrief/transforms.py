"""Event handlers and the post-transform: the glue between Sphinx's build phases and the model."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from .build_nodes import Linker
from .config import CLAIM_STATUSES, Settings, settings_from
from .diagnostics import Subtype, location, warn, with_article
from .domain import KIND_FOR_ROLE, PolicyBriefDomain
from .graph import Problem
from .ids import is_valid_id, normalise_id
from .model import Mention, ViewRequest
from .nodes import pb_connections, pb_header, pb_view
from .render_objects import ObjectRenderer
from .render_views import ViewRenderer
from .views import select


def _builder(env: BuildEnvironment) -> Builder:
    # Sphinx 9 deprecates transforms' ``self.app``; 9 keeps the app as ``env._app``,
    # 8.2 as ``env.app``.
    app: Sphinx = getattr(env, "_app", None) or env.app
    return app.builder


def pb_domain(env: BuildEnvironment) -> PolicyBriefDomain:
    return cast(PolicyBriefDomain, env.get_domain("pb"))


class RenderPolicyBrief(SphinxPostTransform):
    """Fills every placeholder from the merged view; runs before references are resolved."""

    default_priority = 5  # ReferencesResolver is 10: our links get resolved like any other

    def run(self, **kwargs: Any) -> None:
        placeholders: list[nodes.Element] = [
            n
            for n in self.document.findall(nodes.Element)
            if isinstance(n, pb_header | pb_connections | pb_view)
        ]
        if not placeholders:
            return
        domain = pb_domain(self.env)
        docname = self.env.docname
        linker = Linker(_builder(self.env), domain.graph, docname)
        objects = ObjectRenderer(linker)
        views = ViewRenderer(linker, settings_from(self.config))
        if linker.builder.format == "latex":
            _labels_for_latex(self.document)
        for node in placeholders:
            # LaTeX and singlehtml assemble many documents into one doctree: each
            # placeholder says which document it came from.
            home = node.get("pb_docname", docname)
            linker.docname = home  # links are relative to the placeholder's own document
            if isinstance(node, pb_header):
                objects.header(node, home)
            elif isinstance(node, pb_connections):
                objects.connections(node, home)
            elif isinstance(node, pb_view):
                request = next(
                    (v for v in domain.views.get(home, []) if v.serial == node["pb_serial"]),
                    None,
                )
                if request is None:
                    node.parent.remove(node)
                else:
                    views.render(node, request)
        if not linker.html:
            _bracket_badges(self.document)


def _bracket_badges(document: nodes.document) -> None:
    # Badges are coloured boxes in HTML; in PDF and plain text brackets mark their edges.
    for badge in list(document.findall(nodes.inline)):
        if "pb-badge" in badge["classes"] and badge.children:
            badge.insert(0, nodes.Text("["))
            badge.append(nodes.Text("]"))


def _labels_for_latex(document: nodes.document) -> None:
    # The LaTeX writer labels targets and sections, not containers: give each object a
    # leading target so that links to it resolve in the PDF.
    for container in list(document.findall(nodes.container)):
        if container.get("pb_id") and container["ids"]:
            container.insert(0, nodes.target("", "", ids=container["ids"]))
            container["ids"] = []


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    refresh_records(app.env, doctree)
    collect_mentions(app.env, doctree)


def refresh_records(env: BuildEnvironment, doctree: nodes.document) -> None:
    """Take titles and summaries from the finished doctree (smart quotes applied, roles kept)."""
    domain = pb_domain(env)
    records = domain.records.get(env.docname)
    if not records:
        return
    by_id = {obj.id: i for i, obj in enumerate(records)}
    for container in doctree.findall(nodes.container):
        ident = container.get("pb_id")
        if ident not in by_id:
            continue
        header = next((c for c in container.children if isinstance(c, pb_header)), None)
        body_para = next(
            (
                c
                for c in container.children
                if isinstance(c, nodes.paragraph) and "pb-title" not in c["classes"]
            ),
            None,
        )
        i = by_id.pop(ident)
        obj = records[i]
        title = header[0].astext() if header is not None and header.children else obj.title
        summary = summary_parts(body_para) if body_para is not None else ()
        records[i] = replace(obj, title=" ".join(title.split()) or obj.title, summary=summary)


def summary_parts(para: nodes.Element) -> tuple[tuple[str, str], ...]:
    """A paragraph as (text, target) parts, keeping references to objects as targets."""
    parts: list[tuple[str, str]] = []

    def walk(node: nodes.Node) -> None:
        if isinstance(node, addnodes.pending_xref) and _is_object_ref(node):
            text = node.astext() if node.get("refexplicit") else ""
            parts.append((text, normalise_id(str(node["reftarget"]))))
        elif isinstance(node, nodes.Text):
            parts.append((str(node), ""))
        elif isinstance(node, nodes.Element):
            for child in node.children:
                walk(child)

    walk(para)
    merged: list[tuple[str, str]] = []
    for text, target in parts:
        if not target and merged and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + text, "")
        else:
            merged.append((text, target))
    # Whitespace runs fold to one space; spaces next to a link are kept.
    squashed = [(re.sub(r"\s+", " ", text), target) for text, target in merged]
    if squashed and not squashed[0][1]:
        squashed[0] = (squashed[0][0].lstrip(), "")
    if squashed and not squashed[-1][1]:
        squashed[-1] = (squashed[-1][0].rstrip(), "")
    return tuple(part for part in squashed if part[0] or part[1])


def _is_object_ref(node: addnodes.pending_xref) -> bool:
    return node.get("refdomain") == "pb" or node.get("reftype") in ("myst", "any")


def collect_mentions(env: BuildEnvironment, doctree: nodes.document) -> None:
    """Remember every role or link to an object, for its "referenced in" back-links."""
    found: list[Mention] = []
    top = next(iter(doctree.findall(nodes.section)), None)
    page = top[0].astext() if top is not None and top.children else ""
    for ref in doctree.findall(addnodes.pending_xref):
        if not _is_object_ref(ref) or ref.get("refdomain") == "doc":
            continue
        target = normalise_id(str(ref.get("reftarget", "")))
        if not is_valid_id(target):
            continue
        section = next((a for a in _ancestors(ref) if isinstance(a, nodes.section)), None)
        anchor = section["ids"][0] if section is not None and section["ids"] else ""
        title = section[0].astext() if section is not None and section.children else ""
        found.append(
            Mention(
                target,
                env.docname,
                ref.line or 0,
                anchor,
                title,
                page if section is not top else "",
            )
        )
    # The object pages themselves must not list their own roles as "mentions" twice.
    pb_domain(env).set_mentions(env.docname, _dedupe(found))


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    out = []
    parent = node.parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[str, str]] = set()
    out = []
    for m in mentions:
        if (m.target, m.anchor) not in seen:
            seen.add((m.target, m.anchor))
            out.append(m)
    return out


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Documents whose drawn content changed because of edits elsewhere (never stale).

    Each document's digest covers what its objects, mentions and views show; a document
    whose digest differs from the last build's is written again even though it was not
    re-read.
    """
    domain = pb_domain(env)
    graph = domain.graph
    docnames = set(domain.records) | set(domain.mentions) | set(domain.views)
    fresh: dict[str, str] = {}
    for docname in sorted(docnames):
        digest = hashlib.sha1(usedforsecurity=False)
        for obj in domain.records.get(docname, ()):
            winner = graph.objects.get(obj.id)
            digest.update(graph.fingerprint(obj.id).encode() if winner is obj else b"dup")
        for mention in domain.mentions.get(docname, ()):
            digest.update(graph.summary_key(mention.target).encode())
        for request in domain.views.get(docname, ()):
            digest.update(repr(request).encode())
            for obj in select(graph, request):
                digest.update(graph.fingerprint(obj.id).encode())
                digest.update(repr(sorted(graph.mentions.get(obj.id, ()), key=repr)).encode())
        fresh[docname] = digest.hexdigest()
    previous = domain.digests
    changed = [d for d, value in fresh.items() if previous.get(d) != value and d in env.all_docs]
    domain.data["digests"] = fresh
    return changed


def report_problems(app: Sphinx, env: BuildEnvironment) -> None:
    """Cross-document problems, found once on the merged view: serial and -j warn alike."""
    domain = pb_domain(env)
    graph = domain.graph
    for problem in graph.problems:
        warn(problem.subtype, problem.message, _where(env, problem))
    settings = settings_from(app.config)
    for docname in sorted(domain.views):
        for request in domain.views[docname]:
            for actor in request.actors:
                if actor not in graph.objects:
                    warn(
                        Subtype.UNKNOWN_REF,
                        f"{request.view}: :actors: names {actor!r}, which is not defined",
                        _where(env, request),
                    )
            _check_filter_values(request, settings, _where(env, request))
            if request.view == "key-judgments" and "key-judgment" not in settings.claim_kinds:
                warn(
                    Subtype.VIEW_OPTION,
                    "key-judgments: it lists claims of kind 'key-judgment', which "
                    "policybrief_claim_kinds does not include; the box stays empty",
                    _where(env, request),
                )


def _where(env: BuildEnvironment, found: Problem | ViewRequest) -> tuple[str, int] | str:
    return location(env.srcdir, found.docname, found.lineno, found.srcfile)


def _check_filter_values(
    request: ViewRequest, settings: Settings, where: tuple[str, int] | str
) -> None:
    """A filter value nobody can have would silently empty the list: say so."""
    kinds = settings.actor_kinds if request.view == "actor-index" else settings.claim_kinds
    allowed = {
        "kind": (request.kinds, kinds),
        "confidence": (request.confidence, settings.confidence_levels),
        "likelihood": (request.likelihood, tuple(t.term for t in settings.likelihood.terms)),
        "status": (request.status, CLAIM_STATUSES),
    }
    for option, (given, known) in allowed.items():
        for value in given:
            if value not in known:
                warn(
                    Subtype.VIEW_OPTION,
                    f"{request.view}: :{option}: {value!r} is not one of {', '.join(known)}",
                    where,
                )


def warn_missing_reference(
    app: Sphinx, domain: Domain | None, node: addnodes.pending_xref
) -> bool | None:
    """Report a dangling role as a policybrief warning (after intersphinx had its chance)."""
    if node.get("pb_summary"):
        return True  # a summary's copy of a role that was reported where it is written
    if domain is None or domain.name != "pb":
        return None
    role = str(node["reftype"])
    wanted = KIND_FOR_ROLE.get(role)
    noun = wanted.label.lower() if wanted is not None else role
    found = pb_domain(app.env).graph.objects.get(normalise_id(str(node["reftarget"])))
    if found is not None and found.kind is not wanted:
        # The id exists, under another kind: say which, so the fix is obvious.
        problem = f"it is {with_article(found.kind.label.lower())}, not {with_article(noun)}"
    else:
        problem = f"no such {noun} in the project"
    warn(Subtype.UNKNOWN_REF, f"{{{role}}} reference to {node['reftarget']!r}: {problem}", node)
    return True
