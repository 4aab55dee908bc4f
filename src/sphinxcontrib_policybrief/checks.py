"""env-check-consistency: problems visible only across documents, reported once.

Found on the merged view in the main process, so serial and parallel builds warn alike.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .config import settings_from
from .core.lint import LintContext, LintLevel, run_lint
from .core.model import Kind, ViewRequest
from .core.problems import WARNING_TYPE, Problem
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
    # Analytic lint, off unless policybrief_lint turns rules on (ACH matrices join the
    # context when their directive records them).
    for finding in run_lint(settings.lint, LintContext(graph, reliability=settings.reliability)):
        where, problem = _where(env, finding.problem), finding.problem
        if finding.level is LintLevel.WARNING:
            warn(problem.subtype, problem.message, where)
        else:
            logger.info(f"{problem.message} [{WARNING_TYPE}.{problem.subtype}]", location=where)


def _where(env: BuildEnvironment, found: Problem | ViewRequest) -> tuple[str, int] | str:
    return location(env.srcdir, found.docname, found.lineno, found.srcfile)
