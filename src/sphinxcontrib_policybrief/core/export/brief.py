"""What every export reads: the merged graph, the project's metadata, and where objects live."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..ach import AchMatrix
from ..dates import FuzzyDate
from ..graph import BriefGraph
from ..model import Kind, PolicyObject
from ..scales import (
    ADMIRALTY_CREDIBILITY,
    ADMIRALTY_RELIABILITY,
    GradeScale,
    LikelihoodScale,
    LikelihoodTerm,
)


@dataclass(frozen=True, slots=True)
class Project:
    """The project's own metadata, as set in ``conf.py``; empty strings when not set."""

    title: str
    version: str = ""
    release: str = ""
    author: str = ""
    base_url: str = ""  # ``html_baseurl``: where the published site lives
    edition: str = ""  # ``policybrief_edition``
    as_of: FuzzyDate | None = None  # ``policybrief_as_of``


@dataclass(frozen=True, slots=True)
class Brief:
    """One project's objects and everything needed to describe them outside Sphinx."""

    project: Project
    graph: BriefGraph
    likelihood: LikelihoodScale
    confidence_levels: tuple[str, ...]
    #: The URL of a document's page, relative to the output directory.
    page_url: Callable[[str], str]
    #: The project's ACH matrices (``ach-matrix`` directives), in any order.
    matrices: tuple[AchMatrix, ...] = ()
    #: The grading scales of sources (reliability) and of information (credibility).
    reliability: GradeScale = ADMIRALTY_RELIABILITY
    credibility: GradeScale = ADMIRALTY_CREDIBILITY

    def url(self, obj: PolicyObject) -> str:
        """The permanent URL of *obj*, relative to the output directory."""
        return f"{self.page_url(obj.docname)}#{obj.anchor}"

    def absolute_url(self, obj: PolicyObject) -> str:
        """The URL of *obj* on the published site, or the relative one when unknown."""
        return join_url(self.project.base_url, self.url(obj))

    def objects(self, kind: Kind) -> list[PolicyObject]:
        """Every object of *kind* that links and indexes use (duplicates left out), by id."""
        return sorted(self.graph.sorted_objects(kind), key=lambda o: o.id)

    def in_reading_order(self, kind: Kind) -> list[PolicyObject]:
        """Every object of *kind*, as a reader meets them: document, then line."""
        return self.graph.sorted_objects(kind)

    def summary(self, obj: PolicyObject) -> str:
        """The object's summary as plain text ("" if the graph cannot say)."""
        try:
            return " ".join(self.graph.summary_text(obj.id).split())
        except (AttributeError, KeyError, TypeError, ValueError):
            return ""

    def related(self, obj: PolicyObject, relation: str, *, incoming: bool = False) -> list[str]:
        try:
            return list(self.graph.related(obj.id, relation, incoming=incoming))
        except KeyError:
            return []

    def likelihood_term(self, word: str) -> LikelihoodTerm | None:
        return self.likelihood.lookup(word) if word else None


def join_url(base: str, relative: str) -> str:
    """*relative* on the site at *base*; *relative* alone when there is no base."""
    if not base:
        return relative
    return base.rstrip("/") + "/" + relative.lstrip("/")


def number(value: float | None) -> int | float | None:
    """A percentage as JSON shows it best: 55, not 55.0."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def text_or_none(value: object) -> str | None:
    text = value if isinstance(value, str) else ""
    return text or None
