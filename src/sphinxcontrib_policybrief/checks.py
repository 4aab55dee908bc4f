"""env-updated: problems visible only across documents, reported once per build.

Found on the merged view in the main process, so serial and parallel builds warn alike;
reported on every build, even one that reads no document, so an incremental ``-W`` build
fails where a clean one does.
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .config import settings_from
from .core.ach import graph_problems, id_problems
from .core.argument_map import select as select_map
from .core.lint import LintContext, LintLevel, run_lint
from .core.model import Kind, ViewRequest
from .core.problems import WARNING_TYPE, Problem
from .core.review import build_date
from .core.suggest import closest_ids, with_suggestion
from .core.views import filter_problems
from .diagnostics import Subtype, location, logger, warn
from .domain import pb_domain


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
                    message = f"{request.view}: :actors: names {actor!r}, which is not defined"
                    near = closest_ids(actor, graph.objects.values(), (Kind.ACTOR,))
                    warn(
                        Subtype.UNKNOWN_REF,
                        with_suggestion(message, near),
                        _where(env, request),
                    )
            for message in filter_problems(request, settings):
                warn(Subtype.VIEW_OPTION, message, _where(env, request))
    # Argument maps and ACH matrices: what only the merged project can tell.
    for docname in sorted(domain.maps):
        for map_request in domain.maps[docname]:
            for problem in select_map(graph, map_request)[1]:
                warn(problem.subtype, problem.message, _where(env, problem))
    labels = env.get_domain("std").anonlabels  # type: ignore[attr-defined]
    for problem in id_problems(domain.matrices, graph, labels):
        warn(problem.subtype, problem.message, _where(env, problem))
    for matrix in domain.matrices:
        for problem in graph_problems(matrix, graph):
            warn(problem.subtype, problem.message, _where(env, problem))
    report_edition_problems(app, env)
    # Analytic lint, off unless policybrief_lint turns rules on.
    today, date_problems = build_date(os.environ)
    if dict(settings.lint).get("forecast-overdue", LintLevel.OFF) is not LintLevel.OFF:
        for message in date_problems:
            warn(Subtype.CONFIG, message)
    context = LintContext(
        graph,
        domain.matrices,
        today=today,
        as_of=settings.as_of,
        review_after=settings.review_after,
        reliability=settings.reliability,
        views=tuple(v for docname in sorted(domain.views) for v in domain.views[docname]),
        maps=tuple(m for docname in sorted(domain.maps) for m in domain.maps[docname]),
    )
    for finding in run_lint(settings.lint, context):
        where, problem = _where(env, finding.problem), finding.problem
        if finding.level is LintLevel.WARNING:
            warn(problem.subtype, problem.message, where)
        else:
            logger.info(f"{problem.message} [{WARNING_TYPE}.{problem.subtype}]", location=where)


def report_edition_problems(app: Sphinx, env: BuildEnvironment) -> None:
    """An edition-changes view whose previous edition is unset or cannot be read."""
    requests = [
        request
        for docname in sorted(pb_domain(env).views)
        for request in pb_domain(env).views[docname]
        if request.view == "edition-changes"
    ]
    if not requests:
        return
    # Imported here: the export hooks import the renderers, which import this package.
    from .export_hooks import compare_with_previous

    changes = compare_with_previous(app.builder)
    if changes is None:
        messages = [
            "edition-changes: policybrief_previous_edition is not set, so there is nothing "
            "to compare with; set it to the policybrief.json of the previous edition"
        ]
    else:
        messages = [f"edition-changes: {problem}" for problem in changes.problems]
    for message in messages:
        warn(Subtype.EDITION, message, _where(env, requests[0]))


def _where(env: BuildEnvironment, found: Problem | ViewRequest) -> tuple[str, int] | str:
    return location(env.srcdir, found.docname, found.lineno, found.srcfile)
