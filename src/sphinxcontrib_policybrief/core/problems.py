"""Problems as plain data: the warning subtypes and the cross-document problems found.

The core only *finds* problems; the Sphinx shell (``diagnostics``) logs them with a
location, so everything in ``core`` stays importable without Sphinx.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

#: The ``type`` of every warning this extension emits; ``suppress_warnings``
#: takes ``"policybrief"`` or ``"policybrief.<subtype>"``.
WARNING_TYPE = "policybrief"


class Subtype(enum.StrEnum):
    """Every warning subtype; the docs' warning reference lists each of them."""

    CONFIG = "config"  #: a ``policybrief_*`` value in conf.py is invalid
    MISSING_ARGUMENT = "missing-argument"  #: a title or a required option is missing
    INVALID_ID = "invalid-id"  #: an ``:id:`` with characters outside the allowed set
    DUPLICATE_ID = "duplicate-id"  #: two objects share an id (ids are one namespace)
    INVALID_DATE = "invalid-date"  #: a ``:date:`` outside the documented EDTF subset
    OPTION_VALUE = "option-value"  #: a kind, status or confidence that is not configured
    SCALE_TERM = "scale-term"  #: a likelihood term that is not on the configured scale
    UNKNOWN_OPTION = "unknown-option"  #: an option the directive does not know
    REPEATED_OPTION = "repeated-option"  #: the same option given twice
    UNKNOWN_REF = "unknown-ref"  #: a relation option or role names an id that does not exist
    WRONG_KIND = "wrong-kind"  #: a relation points at the wrong kind of object
    SELF_REFERENCE = "self-reference"  #: an object relates to itself
    CYCLE = "cycle"  #: support or affiliation relations that loop
    PARADOX = "paradox"  #: a paradox with fewer than two claims in tension
    NESTING = "nesting"  #: an object directive inside another object
    VIEW_OPTION = "view-option"  #: a bad filter in a timeline or index directive
    # Forecasts and editions (core/forecast.py, core/review.py, core/editions.py): the
    # two overdue checks are lint rules (core/lint.py) that warn under these names.
    FORECAST_VALUE = "forecast-value"  #: a bad :probability: or :outcome:
    FORECAST_OVERDUE = "forecast-overdue"  #: a pending forecast past its resolves-by date
    REVIEW_OVERDUE = "review-overdue"  #: a key judgment not reviewed recently enough
    EDITION = "edition"  #: the previous edition's policybrief.json cannot be read
    ACH_ROW = "ach-row"  #: an ACH matrix row: malformed, wrong count, unknown rating, repeated
    ACH_HYPOTHESES = "ach-hypotheses"  #: an ACH matrix lists a hypothesis twice
    # The analytic lint (core/lint.py): one subtype per rule, "lint-<rule name>", so each
    # rule can be silenced on its own; off unless policybrief_lint turns it on.
    LINT_KEY_JUDGMENT_SCALES = "lint-key-judgment-scales"  #: a key judgment lacks a scale
    LINT_CONTRADICTION_WITHOUT_PARADOX = "lint-contradiction-without-paradox"  #: unnamed clash
    LINT_SUPPORTS_AND_ATTACKS = "lint-supports-and-attacks"  #: both supports and attacks one claim
    LINT_ACH_SIZE = "lint-ach-size"  #: an ACH matrix too small to compare hypotheses
    LINT_VIEW_OPTIONS = "lint-view-options"  #: a view's options that leave it (nearly) empty
    # Sources and their grades.
    GRADE = "grade"  #: a reliability or credibility that is not on the configured scale
    SOURCE_URL = "source-url"  #: a source's :url: or :archived: that is not http(s)
    CITE = "cite"  #: a source's :cite: without sphinxcontrib-bibtex loaded
    LINT_KEY_JUDGMENT_EVIDENCE = "lint-key-judgment-evidence"  #: a key judgment with no evidence
    LINT_SINGLE_SOURCE = "lint-single-source"  #: a key judgment resting on one source
    LINT_WEAK_SOURCES = "lint-weak-sources"  #: a key judgment resting only on D-F sources
    LINT_UNCITED_SOURCE = "lint-uncited-source"  #: a source nothing cites
    COLON_FENCE = "colon-fence"  #: ``:::{claim}`` read as text: MyST's colon_fence is off
    ANCHOR_CLASH = "anchor-clash"  #: an object's id is already a section's or label's HTML id
    NAME_CLASH = "name-clash"  #: another extension registers a directive or role of our name
    TAG_PAGE_NAME = "tag-page-name"  #: a document has the name of a tag page (pb-tags, pb-tag-*)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong that is only visible across documents; reported with a location."""

    subtype: Subtype
    message: str
    docname: str
    lineno: int
    srcfile: str = ""  # the included file the line is in, "" for the document's own


def with_article(noun: str) -> str:
    """'a claim', 'an actor': for messages that name a kind."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
