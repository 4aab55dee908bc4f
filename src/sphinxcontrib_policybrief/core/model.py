"""The data model: one small frozen record per object, and the typed relations between them.

Records are what the domain stores and pickles; each carries the document and line it
came from so that every later warning can point back at the source.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .dates import FuzzyDate
from .messages import gettext_noop as N_


class Kind(enum.StrEnum):
    """The kinds of object; they share one id namespace."""

    CLAIM = "claim"
    ACTOR = "actor"
    EVENT = "event"
    PARADOX = "paradox"
    SOURCE = "source"

    @property
    def label(self) -> str:
        # English message ids; computed_messages() lists them for the catalog.
        return "Timeline event" if self is Kind.EVENT else self.value.capitalize()


@dataclass(frozen=True, slots=True)
class RelationType:
    """A typed link: its option name, how each end reads it, and what it may join."""

    name: str
    outgoing: str
    incoming: str
    sources: frozenset[Kind]
    targets: frozenset[Kind]
    symmetric: bool = False
    # Relations whose loops are a logical error (a claim that ends up supporting itself).
    acyclic: bool = False


def _kinds(*kinds: Kind) -> frozenset[Kind]:
    return frozenset(kinds)


ANY_NON_ACTOR = _kinds(Kind.CLAIM, Kind.EVENT, Kind.PARADOX, Kind.SOURCE)

#: The built-in relations, in the order their options are documented and rendered.
BUILTIN_RELATIONS: tuple[RelationType, ...] = (
    RelationType(
        "supports",
        N_("Supports"),
        N_("Supported by"),
        _kinds(Kind.CLAIM),
        _kinds(Kind.CLAIM),
        acyclic=True,
    ),
    RelationType(
        "attacks", N_("Attacks"), N_("Attacked by"), _kinds(Kind.CLAIM), _kinds(Kind.CLAIM)
    ),
    RelationType(
        "contradicts",
        N_("Contradicts"),
        N_("Contradicts"),
        _kinds(Kind.CLAIM),
        _kinds(Kind.CLAIM),
        symmetric=True,
    ),
    RelationType(
        "evidence",
        N_("Evidence"),
        N_("Evidence for"),
        _kinds(Kind.CLAIM),
        _kinds(Kind.EVENT, Kind.CLAIM, Kind.SOURCE),
        acyclic=True,
    ),
    RelationType(
        "assumes", N_("Assumes"), N_("Assumed by"), _kinds(Kind.CLAIM), _kinds(Kind.CLAIM)
    ),
    RelationType("actors", N_("Actors"), N_("Involved in"), ANY_NON_ACTOR, _kinds(Kind.ACTOR)),
    RelationType(
        "affiliation",
        N_("Affiliation"),
        N_("Members"),
        _kinds(Kind.ACTOR),
        _kinds(Kind.ACTOR),
        acyclic=True,
    ),
    RelationType(
        "claims", N_("Claims in tension"), N_("Paradoxes"), _kinds(Kind.PARADOX), _kinds(Kind.CLAIM)
    ),
    RelationType(
        "resolution", N_("Resolution"), N_("Resolves"), _kinds(Kind.PARADOX), _kinds(Kind.CLAIM)
    ),
    # Sources: what a claim or an event was read in or heard from.
    RelationType(
        "sources",
        N_("Sources"),
        N_("Cited by"),
        _kinds(Kind.CLAIM, Kind.EVENT),
        _kinds(Kind.SOURCE),
    ),
)


@dataclass(frozen=True, slots=True)
class Link:
    """One outgoing relation as the author wrote it (the target may not exist)."""

    relation: str
    target: str
    lineno: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyObject:
    """What every object has; subclasses add their kind's own fields."""

    id: str
    title: str
    docname: str
    lineno: int
    anchor: str
    tags: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    # The first paragraph of the body as (text, target-id) parts: a part with a target is
    # a reference, drawn as a link wherever the summary is shown (timeline, indexes).
    summary: tuple[tuple[str, str], ...] = ()
    # The title as the same (text, target-id) parts: the merged view shows a role in a
    # title as its target's title, as the page itself does (see ``BriefGraph``).
    title_parts: tuple[tuple[str, str], ...] = ()
    source_parts: tuple[tuple[str, str], ...] = ()  # ``:source:`` read the same way
    source: str = ""
    short: str = ""  # link text for unlabelled roles; the title when empty
    # The included file (relative to the source directory) that holds the directive, "" for
    # the document's own file; lineno counts lines of that file, so warnings point into it.
    srcfile: str = ""
    # When the author last checked the object still holds (``:reviewed:``, EDTF).
    reviewed: FuzzyDate | None = None
    # How credible the information is, on the credibility scale (``:credibility:``, claims
    # and events): with each cited source's reliability it makes a grade such as "C3".
    credibility: str = ""

    @property
    def link_text(self) -> str:
        return self.short or self.title

    @property
    def kind(self) -> Kind:
        raise NotImplementedError

    def targets(self, relation: str) -> tuple[str, ...]:
        return tuple(link.target for link in self.links if link.relation == relation)


class Outcome(enum.StrEnum):
    """How a forecast resolved, as written in ``:outcome:``; no option means pending."""

    HAPPENED = "happened"
    DID_NOT_HAPPEN = "did-not-happen"
    AMBIGUOUS = "ambiguous"
    PENDING = "pending"


class ProbabilitySource(enum.StrEnum):
    """Where a forecast's probability comes from, so pages can say so."""

    STATED = "stated"  # the author's ``:probability:``
    MIDPOINT = "midpoint"  # the middle of the likelihood term's range on the scale
    NONE = "none"  # neither: no probability, so the forecast cannot be scored


@dataclass(frozen=True, slots=True, kw_only=True)
class Forecast:
    """What makes a claim a forecast that can resolve: see ``core/forecast.py``."""

    probability: float | None = None  # effective, 0..1; see probability_source
    probability_source: ProbabilitySource = ProbabilitySource.NONE
    resolves_by: FuzzyDate | None = None
    criteria: str = ""
    outcome: Outcome = Outcome.PENDING
    outcome_date: FuzzyDate | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim(PolicyObject):
    claim_kind: str = "assessment"
    likelihood: str = ""
    confidence: str = ""
    status: str = "open"
    # Set for a ``:kind: forecast`` claim and for any claim with forecast options.
    forecast: Forecast | None = None

    @property
    def kind(self) -> Kind:
        return Kind.CLAIM


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor(PolicyObject):
    actor_kind: str = "person"
    role: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def kind(self) -> Kind:
        return Kind.ACTOR


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEvent(PolicyObject):
    date: FuzzyDate | None = None
    date_label: str = ""

    @property
    def kind(self) -> Kind:
        return Kind.EVENT

    @property
    def display_date(self) -> str:
        if self.date_label:
            return self.date_label
        return self.date.label if self.date else ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Paradox(PolicyObject):
    @property
    def kind(self) -> Kind:
        return Kind.PARADOX


@dataclass(frozen=True, slots=True, kw_only=True)
class Source(PolicyObject):
    """A publication, statement, interview ... that claims and events rest on."""

    source_kind: str = "publication"
    reliability: str = ""  # a code of the reliability scale ("C"); "" when not graded
    date: FuzzyDate | None = None
    publisher: str = ""
    url: str = ""
    archived: str = ""
    accessed: FuzzyDate | None = None
    cite: str = ""  # a sphinxcontrib-bibtex key

    @property
    def kind(self) -> Kind:
        return Kind.SOURCE


@dataclass(frozen=True, slots=True)
class Mention:
    """A role or MyST link in a document that points at an object."""

    target: str
    docname: str
    lineno: int
    anchor: str  # nearest section id, so a back-link lands where the mention is
    section: str  # that section's title, for the link text
    page: str = ""  # the document's title, when the section is not the page itself


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewRequest:
    """A timeline or index directive: which objects it shows, decided after all are read."""

    view: str  # "timeline", "claim-index", "key-judgments", "actor-index", "paradox-index"
    docname: str
    lineno: int
    srcfile: str = ""  # as for objects: the included file holding the directive, if any
    serial: int  # position among this document's views, to find its placeholder again
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    confidence: tuple[str, ...] = ()
    likelihood: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    date_from: FuzzyDate | None = None
    date_to: FuzzyDate | None = None
    group_by: str = ""
    scope: str = "document"
    options: tuple[tuple[str, str], ...] = field(default=())
