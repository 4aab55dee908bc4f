"""The timeline overview, drawn at build time as SVG: a time axis fitted to the events,
labelled marks, clusters where labels do not fit, the densest period drawn again at a
larger scale, and a legend of the encodings the drawing uses.

The same events are drawn twice: across (for a wide column) and down (for a phone),
and the page shows one of them. Each is a picture with a name (``<title>``) and a
description (``<desc>``), and links nowhere: the list of events below it holds the links.
Each mark is a ``<g class="pb-tl-m">`` whose ``data-pb-events`` names the anchors of the
events it stands for and whose classes are those of the events' entries in the list
(``pb-a-<actor>``, ``pb-t-<tag>``), so that a filter of the list can hide it too.

The drawing is built as an element tree and written by ``xml.etree.ElementTree``, which
escapes every text and attribute: nothing here escapes by hand. What is removed by hand is
what XML cannot carry at all (control characters, lone surrogates). No font is measured:
text widths are estimated generously, so labels never run into each other.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from bisect import bisect_right, insort
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Literal
from xml.etree.ElementTree import Element, SubElement, tostring

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton

from .date_format import babel_locale, format_fuzzy_date
from .dates import DateError, FuzzyDate, Precision, parse_date
from .messages import ENGLISH, Translations, gettext_noop
from .plurals import plural_samples

__all__ = ["Overview", "TimelineMark", "dense_window", "draw_overview", "render_overview"]

# C0 and C1 controls other than tab and newline, lone surrogates and the two non-characters
# XML 1.0 forbids: any of them makes the SVG invalid or smuggles terminal escapes into it.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Browsers drop tabs, newlines and leading spaces or controls when they read a URL's scheme,
# so "java\tscript:" runs as script; compare with all of those removed.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\s]+")
_UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")

_SVG_NS = "http://www.w3.org/2000/svg"

Layout = Literal["horizontal", "vertical"]
_WIDTH: dict[str, int] = {"horizontal": 680, "vertical": 300}
# In user units. The page scales each drawing to its column and shows the horizontal one
# only where that is at least 640px wide (the stylesheet's container query), so its
# 13-unit text is never under 12px; the vertical one, at most 384px wide, keeps it between
# 12 and 16.6px in columns from 277px up (a 360px phone's).
_FONT = 13.0
_LINE = 16.0  # one line of text
_MARGIN = 22.0  # half a year label, or a fade or an arrow, beyond either end of an axis
_LANE = 22.0  # one lane of the horizontal drawing
_BAR = 14.0  # the thickness of a bar (text fits inside it)
_RADIUS = 5.0  # a day
_DECO = 18.0  # the length of a fade or an arrow
_MIN_BAR = 4.0
_GAP = 6.0  # between two marks, or a mark and a label, sharing a lane
_PAD = 4.0  # between a label and what it labels
_SAFETY = 1.04  # on estimated text widths (see _text_width)
_BOLD = 1.12
_LABEL_MAX = 190.0  # a label longer than this is shortened
_MIN_LABEL = 4  # characters before the ellipsis, or no label at all
_TOOLTIP_LINES = 12  # events a cluster's tooltip names; it counts the rest
_SAME_DATE_ROUNDS = 3
_TITLE_WORTH = 24  # characters of a label that count for legibility
_CLUSTER_WORTH = 10
_BARE_COST = 8  # tries at drawing events of one date together, to label more
_LANES_MAIN = 7
_LANES_DETAIL = 8
_FUNNEL = 34.0  # between the overview and its enlarged period

# The vertical drawing, left to right: tick labels, the axis, columns of marks, labels.
_V_TICK_X = 40.0
_V_AXIS_X = 45.0
_V_COL0 = 50.0
_V_COL = 10.0
_V_THICK = 6.0
_V_COLUMNS = 5
_V_ROW = 18.0  # one label
_V_SHIFT = 5.0  # rows a label may sit away from its mark before marks are drawn together

_DETAIL_MIN_EVENTS = 5  # fewer events need no enlarged period
_DETAIL_MIN_ZOOM = 3.0  # nor does a period of more than a third of the whole
_DETAIL_MIN_SHARE = 0.2
_DETAIL_MIN_DENSITY = 2.0

_FADE_STEPS = (0.5, 0.3, 0.15)
_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
_MONTH_STEPS = (1, 2, 3, 6)
_DAY_STEPS: dict[int, tuple[int, ...]] = {
    1: tuple(range(1, 32)),
    2: tuple(range(1, 28, 2)),
    5: (1, 6, 11, 16, 21, 26),
    10: (1, 11, 21),
    15: (1, 16),
}
_MAX_PADDING = 0.12  # of the span, at either end, before the axis ends between labels

# Words of the drawing, in the reader's language through the caller's catalog.
_LEGEND = {
    "point": gettext_noop("Day"),
    "span": gettext_noop("Period or interval"),
    "approx": gettext_noop("Approximate or uncertain"),
    "approx-point": gettext_noop("Approximate or uncertain"),
    "arrow-after": gettext_noop("Still going"),
    "arrow-before": gettext_noop("No fixed start"),
    "fade-before": gettext_noop("May be earlier"),
    "fade-after": gettext_noop("End not known"),
    "cluster": gettext_noop("Several events (their number)"),
}
_ENLARGED = gettext_noop("%(period)s, enlarged")


# A cluster's label counts its events; the functions below give the catalog's text for a
# count, unformatted, so that the page script can count again under a filter (see
# ``_Words.recount``).
def _events_at_text(tr: Translations, count: int) -> str:
    return tr.ngettext("%(count)d event, %(date)s", "%(count)d events, %(date)s", count)


def _enlarged_below_text(tr: Translations, count: int) -> str:
    return tr.ngettext("%(count)d event, enlarged below", "%(count)d events, enlarged below", count)


def _events_text(tr: Translations, count: int) -> str:
    return tr.ngettext("%d event", "%d events", count)


def _events_at(tr: Translations, count: int, when: str) -> str:
    return _events_at_text(tr, count) % {"count": count, "date": when}


def _enlarged_below(tr: Translations, count: int) -> str:
    return _enlarged_below_text(tr, count) % {"count": count}


def _around_count(template: str, count: int, **values: str) -> list[str]:
    """*template* filled in, as the text before its count and the text after it; the
    whole text alone when it shows no number (a language may spell "one" out)."""
    named = {"count": count} | values
    before, mark, after = template.partition("%(count)d")
    if mark:
        return [before % values, after % named]
    before, mark, after = template.partition("%d")
    if mark:
        return [before % (), after % ()]
    return [template % named]


def _fill(parts: list[str], count: int) -> str:
    """The text of :func:`_around_count`'s *parts* with *count* put in."""
    return f"{parts[0]}{count}{parts[1]}" if len(parts) == 2 else parts[0]


def _and_more_text(tr: Translations, count: int) -> str:
    return tr.ngettext("… and %(count)d more", "… and %(count)d more", count)


def _enlarged_period_below_text(tr: Translations, count: int) -> str:
    return tr.ngettext(
        "%(count)d event, %(period)s, enlarged below",
        "%(count)d events, %(period)s, enlarged below",
        count,
    )


def _enlarged_period_below(tr: Translations, count: int, period: str) -> str:
    return _enlarged_period_below_text(tr, count) % {"count": count, "period": period}


# -- what the caller gives --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineMark:
    """One event to draw: its title, its date, and what ties it to its entry in the list."""

    title: str
    date: FuzzyDate
    label: str = ""  # the date as the reader sees it (the author's wording); generated if ""
    short: str = ""  # the text of its label in the drawing; the title when empty
    anchor: str = ""  # the HTML id of the event, named in the mark's ``data-pb-events``
    keys: tuple[str, ...] = ()  # the filter classes of its entry: ``pb-a-<id>``, ``pb-t-<tag>``


@dataclass(frozen=True, slots=True)
class Overview:
    """Both drawings of one set of events, and the sentence that describes them."""

    horizontal: str
    vertical: str
    description: str


# -- text that XML can hold ---------------------------------------------------------------------


def _clean(text: str) -> str:
    """*text* without the characters XML 1.0 cannot hold."""
    return _CONTROL.sub("", text)


def _attribute(text: str) -> str:
    # A parser reads a literal tab or newline in an attribute as a space; the serialiser
    # would keep them as character references instead, so say what a reader gets.
    return _clean(text).replace("\t", " ").replace("\n", " ")


def _one_line(text: str) -> str:
    return " ".join(_clean(text).split())


def _safe_href(href: str) -> str:
    """The link target to write, or "" when there is none or it could run script.

    The overview links nowhere; the argument map's drawing uses this for its nodes."""
    kept = _CONTROL.sub("", href).replace("\t", "").replace("\n", "").strip()
    compact = _URL_IGNORED.sub("", href).lower()
    if compact.startswith(_UNSAFE_SCHEMES):
        return ""
    return kept


def _token(text: str) -> str:
    """*text* as one token of a space-separated attribute."""
    return "".join(_clean(text).split())


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


@cache
def _char_em(char: str) -> float:
    """A generous width of *char* in ems: wide sans-serif fonts (DejaVu) are the measure."""
    if char in " .,:;'!|il`’‘ïíìj":
        return 0.32
    if char in 'frtI()[]-/"“”«»':
        return 0.45
    if char in "mwMWЖШЩжшщМмЮю—…%@":
        return 1.02
    if char.isdigit():
        return 0.64
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if unicodedata.combining(char):
        return 0.0
    if char.isupper():
        return 0.76
    return 0.62


def _text_width(text: str, size: float = _FONT, bold: bool = False) -> float:
    # Measured against DejaVu Sans and Serif, the widest fallbacks a browser is likely to
    # pick: within a few per cent; Arial-like fonts come out some 15 % narrower.
    return sum(map(_char_em, text)) * size * (_BOLD if bold else _SAFETY)


def _fit(text: str, room: float) -> str:
    """*text*, or as much of it as fits in *room* units with an ellipsis, or ""."""
    if _text_width(text) <= room:
        return text
    budget = room - _text_width("…")
    kept, used = [], 0.0
    for char in text:
        used += _char_em(char) * _FONT * _SAFETY
        if used > budget:
            break
        kept.append(char)
    short = "".join(kept)
    # End on a word when that keeps most of what fits: "Russia withholds…", not "Russia wi…".
    if len(short) < len(text) and not text[len(short)].isspace():
        cut = short.rfind(" ")
        if cut >= max(_MIN_LABEL, int(len(short) * 0.6)):
            short = short[:cut]
    short = short.rstrip(" ,;:–—-")
    return short + "…" if len(short) >= _MIN_LABEL else ""


# A label worth placing after a mark rather than before it, and the shortest one shown.
_SHORT_LABEL = _text_width("abcdefgh…")
_SHORTEST_LABEL = _text_width("abcd…")


# -- where a date is drawn ------------------------------------------------------------------


Deco = Literal["", "fade", "arrow"]


@dataclass(frozen=True, slots=True)
class _Shape:
    """The known part of a date in days, and what is drawn beyond it.

    An open end ("2012/..", still going) or an open start ("../2012") is an arrow from
    the known end; an unknown end ("2012/") or start ("/2012") and "or earlier"
    ("[..2012]") fade out from it. Neither reaches the end of the axis: how far the
    event goes on is not known, and the build date must not decide it.
    """

    lo: int  # the first day of the known part (an ordinal)
    hi: int  # one past its last day
    point: bool  # a single day
    approx: bool  # approximate or uncertain
    before: Deco = ""
    after: Deco = ""
    first: FuzzyDate | None = None  # the known start, for sentences ("from 2014")
    last: FuzzyDate | None = None  # the known end

    @property
    def centre(self) -> float:
        return (self.lo + self.hi) / 2


def _part(text: str, whole: FuzzyDate) -> FuzzyDate:
    try:
        return parse_date(text)
    except DateError:  # pragma: no cover - the whole value was read, so its parts read too
        return whole


def _shape(fd: FuzzyDate) -> _Shape | None:
    """Where *fd* is drawn, or None for a date without any bound."""
    before: Deco = ""
    after: Deco = ""
    start_text, _, end_text = fd.edtf.partition("/")
    if fd.earlier:
        known = _part(fd.edtf.strip()[3:-1], fd)
        first, last = fd, known
        before = "fade"
    elif fd.is_interval and fd.start != "closed":
        known = first = last = _part(end_text, fd)
        before = "arrow" if fd.start == "open" else "fade"
    elif fd.is_interval and fd.end != "closed":
        known = first = last = _part(start_text, fd)
        after = "arrow" if fd.end == "open" else "fade"
    elif fd.is_interval:
        known, first, last = fd, _part(start_text, fd), _part(end_text, fd)
    else:
        known = first = last = fd
    if known.lower is None or known.upper is None:
        return None
    return _Shape(
        known.lower.toordinal(),
        known.upper.toordinal() + 1,
        known.precision is Precision.DAY and not known.is_interval and not known.earlier,
        fd.approximate or fd.uncertain,
        before,
        after,
        first,
        last,
    )


@dataclass(frozen=True, slots=True)
class _Item:
    """A mark: one event, or several drawn together (a cluster), or the enlarged period."""

    marks: tuple[TimelineMark, ...]
    shape: _Shape
    band: bool = False

    @property
    def cluster(self) -> bool:
        return self.band or len(self.marks) > 1

    def key(self) -> tuple[int, int, int, str, str, str]:
        mark = self.marks[0]
        return (
            self.shape.lo,
            self.shape.hi,
            len(self.marks),
            mark.date.edtf,
            mark.title,
            mark.anchor,
        )


def _merge(*items: _Item) -> _Item:
    """One cluster of the events of *items*, over the period they span."""
    marks = tuple(sorted((m for i in items for m in i.marks), key=_mark_key))
    shape = _Shape(
        min(i.shape.lo for i in items),
        max(i.shape.hi for i in items),
        False,
        all(i.shape.approx for i in items),
    )
    return _Item(marks, shape)


def _mark_key(mark: TimelineMark) -> tuple[tuple[int, int, int], str, str, str]:
    return (mark.date.sort_key(), mark.date.edtf, mark.title, mark.anchor)


# -- words -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Words:
    """The reader's language: the catalog for our words and Babel's locale for dates."""

    locale: Locale
    tr: Translations
    # Labels already written, by mark: layouts ask for the same ones again and again.
    known: dict[_Item, str] = field(default_factory=dict, compare=False, repr=False)
    dates: dict[FuzzyDate, str] = field(default_factory=dict, compare=False, repr=False)

    def date_text(self, fd: FuzzyDate) -> str:
        found = self.dates.get(fd)
        if found is None:
            found = self.dates[fd] = format_fuzzy_date(fd, self.locale, self.tr)
        return found

    def shown(self, mark: TimelineMark) -> str:
        return _one_line(mark.label) or self.date_text(mark.date)

    def period(self, lo: int, hi: int, short: bool = False) -> str:
        """The days *lo* to *hi* (exclusive) as briefly as their bounds allow; *short*
        abbreviates the months."""
        first, last = date.fromordinal(lo), date.fromordinal(hi - 1)
        after = date.fromordinal(min(hi, date.max.toordinal()))
        if first.month == 1 and first.day == 1 and after.month == 1 and after.day == 1:
            skeleton = "y"
        elif first.day == 1 and (after.day == 1 or hi > date.max.toordinal()):
            skeleton = "yMMM" if short else "yMMMM"
        else:
            skeleton = "yMMMd" if short else "yMMMMd"
        if first == last:
            text = format_skeleton(skeleton, first, locale=self.locale)
        else:
            text = format_interval(first, last, skeleton, locale=self.locale)
        return text.replace("\u202f", "\u00a0")

    def month(self, day: date) -> str:
        return format_date(day, "LLL", locale=self.locale)

    def month_year(self, day: date) -> str:
        return format_skeleton("yMMM", day, locale=self.locale).replace("\u202f", "\u00a0")

    def label(self, item: _Item) -> str:
        """The text beside a mark."""
        found = self.known.get(item)
        if found is None:
            found = self.known[item] = self._label(item)
        return found

    def _label(self, item: _Item) -> str:
        if item.band:
            return _enlarged_below(self.tr, len(item.marks))
        if item.cluster:
            return _events_at(self.tr, len(item.marks), self.when(item))
        mark = item.marks[0]
        return _one_line(mark.short) or _one_line(mark.title)

    def fit(self, item: _Item, room: float) -> str:
        """The label of *item* in *room* units: whole; for a cluster, its count alone
        rather than a date cut short; else shortened."""
        text = self.label(item)
        if _text_width(text) <= room:
            return text
        if item.cluster and not item.band:
            count = _events_text(self.tr, len(item.marks)) % len(item.marks)
            if _text_width(count) <= room:
                return count
        return _fit(text, room)

    def recount(self, item: _Item, text: str, period: str = "") -> str:
        """For a cluster labelled *text* (as ``fit`` gave it, or, for the enlarged period
        across the page, naming its *period*), the label with its count left out, in each
        plural form of the language, as JSON: ``{"one": ["", " event, 2015"], ...}``; ""
        for a label that shows no count (one event's, or one cut short before it).

        A filter that shows some of a cluster's events has the page script put their
        number in, in the form the language gives it (``Intl.PluralRules``). A label cut
        short is cut short in every form, to no more than the width it was drawn at."""
        if not item.cluster or not text:
            return ""
        n = len(item.marks)
        variants: list[Callable[[int], list[str]]] = []
        if item.band:
            variants.append(lambda k: _around_count(_enlarged_below_text(self.tr, k), k))
            variants.append(
                lambda k: _around_count(_enlarged_period_below_text(self.tr, k), k, period=period)
            )
        else:
            when = self.when(item)
            variants.append(lambda k: _around_count(_events_at_text(self.tr, k), k, date=when))
            variants.append(lambda k: _around_count(_events_text(self.tr, k), k))
        room = _text_width(text) + 0.5  # the width it was drawn at (less than any letter more)
        for parts_of in variants:
            whole = _fill(parts_of(n), n)
            if whole == text:
                forms = {c: parts_of(k) for c, k in plural_samples(self.locale).items()}
            elif _fit(whole, room) == text:
                forms = {}
                for category, k in plural_samples(self.locale).items():
                    parts = parts_of(k)
                    if len(parts) == 1:
                        forms[category] = [_fit(parts[0], room)]
                        continue
                    # Fitted with the drawn count, which has the most digits a filter shows.
                    head = f"{parts[0]}{n}"
                    cut = _fit(head + parts[1], room)
                    if not cut.startswith(head):
                        return ""
                    forms[category] = [parts[0], cut[len(head) :]]
            else:
                continue
            return json.dumps(forms, ensure_ascii=False, separators=(",", ":"))
        return ""

    def tooltip_forms(self, item: _Item) -> str:
        """For a cluster, what its tooltip is made of, as JSON, so that the page's filter
        can name the events it shows and count them: the heading and the "… and N more"
        line around their counts in each plural form (as ``recount`` gives them), every
        event's line by its anchor, in drawing order, and how many lines are named before
        the rest are counted. "" for a mark that is not a cluster."""
        if not item.cluster:
            return ""
        samples = plural_samples(self.locale)
        if item.band:
            period = self.period(item.shape.lo, item.shape.hi)
            head = {
                c: _around_count(_enlarged_period_below_text(self.tr, k), k, period=period)
                for c, k in samples.items()
            }
        else:
            when = self.when(item)
            head = {
                c: _around_count(_events_at_text(self.tr, k), k, date=when)
                for c, k in samples.items()
            }
        more = {c: _around_count(_and_more_text(self.tr, k), k) for c, k in samples.items()}
        lines = [[_token(m.anchor), self._tooltip_line(m)] for m in item.marks]
        if not all(anchor for anchor, _ in lines):
            return ""  # the filter cannot tell whether an event without an anchor shows
        found = {"head": head, "lines": lines, "max": _TOOLTIP_LINES, "more": more}
        return json.dumps(found, ensure_ascii=False, separators=(",", ":"))

    def _tooltip_line(self, mark: TimelineMark) -> str:
        return " — ".join(t for t in (_clean(mark.title), self.shown(mark)) if t)

    def when(self, item: _Item) -> str:
        """The date of a cluster: the one its events share, as written or generated, or
        the period they span."""
        shown = {self.shown(m) for m in item.marks}
        if len(shown) == 1:
            return shown.pop()
        if len({m.date.edtf for m in item.marks}) == 1:
            return self.date_text(item.marks[0].date)
        return self.period(item.shape.lo, item.shape.hi)

    def tooltip(self, item: _Item) -> str:
        shown = item.marks[:_TOOLTIP_LINES] if len(item.marks) > _TOOLTIP_LINES + 1 else item.marks
        lines = [self._tooltip_line(m) for m in shown]
        if len(shown) < len(item.marks):
            more = len(item.marks) - len(shown)
            lines.append(_and_more_text(self.tr, more) % {"count": more})
        if item.cluster:
            head = (
                _enlarged_period_below(
                    self.tr, len(item.marks), self.period(item.shape.lo, item.shape.hi)
                )
                if item.band
                else _events_at(self.tr, len(item.marks), self.when(item))
            )
            lines.insert(0, head)
        return "\n".join(lines)


# -- the time axis ----------------------------------------------------------------------------


def _ordinal(year: int, month: int = 1, day: int = 1) -> int:
    """The ordinal of a day; the first day after 9999 is one past the last there is."""
    if year > date.max.year:
        return date.max.toordinal() + 1
    return date(max(year, 1), month, day).toordinal()


def _month_ordinal(index: int) -> int:
    """The first day of month *index* (year * 12 + month - 1)."""
    return _ordinal(index // 12, index % 12 + 1)


def _month_index(day: int) -> int:
    d = date.fromordinal(min(day, date.max.toordinal()))
    return d.year * 12 + d.month - 1


@dataclass(frozen=True, slots=True)
class _Step:
    """The distance between two labelled ticks: so many days, months or years."""

    unit: Literal["day", "month", "year"]
    size: int

    @property
    def min_days(self) -> int:
        return {"day": 1, "month": 28, "year": 365}[self.unit] * self.size

    def boundaries(self, lo: int, hi: int) -> list[int]:
        """The tick days from *lo* to *hi*, both included."""
        out: list[int] = []
        day = self.ceil(lo)
        while day <= hi:
            out.append(day)
            if day > date.max.toordinal():
                break
            day = self.ceil(day + 1)
        return out

    def floor(self, day: int) -> int:
        """The last tick day on or before *day*."""
        if day > date.max.toordinal():
            return day
        d = date.fromordinal(day)
        if self.unit == "year":
            return _ordinal(d.year - d.year % self.size)
        if self.unit == "month":
            index = _month_index(day)
            return _month_ordinal(index - index % self.size)
        return _ordinal(d.year, d.month, max(k for k in _DAY_STEPS[self.size] if k <= d.day))

    def ceil(self, day: int) -> int:
        """The first tick day on or after *day*."""
        if day > date.max.toordinal() or self.floor(day) == day:
            return day
        d = date.fromordinal(day)
        if self.unit == "year":
            return _ordinal(d.year - d.year % self.size + self.size)
        if self.unit == "month":
            index = _month_index(day)
            return _month_ordinal(index - index % self.size + self.size)
        later = [k for k in _DAY_STEPS[self.size] if k > d.day]
        month_end = _month_ordinal(_month_index(day) + 1) - 1
        if later and _ordinal(d.year, d.month, 1) + later[0] - 1 <= month_end:
            return _ordinal(d.year, d.month, later[0])
        return month_end + 1


_STEPS = (
    *(_Step("day", s) for s in _DAY_STEPS),
    *(_Step("month", s) for s in _MONTH_STEPS),
    *(_Step("year", s) for s in _YEAR_STEPS),
)


@dataclass(frozen=True, slots=True)
class _Tick:
    day: int
    text: str  # the label next to a horizontal axis: a year, a month, a day of the month
    outer: str = ""  # a second line further out: the year of a month, the month of a day
    down: str = ""  # the one label beside a vertical axis


@dataclass(frozen=True, slots=True)
class _Axis:
    lo: int
    hi: int  # exclusive
    start: float  # where lo is drawn, in units along the time direction
    stop: float
    ticks: tuple[_Tick, ...]
    minor: tuple[int, ...]

    def at(self, day: float) -> float:
        return self.start + (self.stop - self.start) * (day - self.lo) / (self.hi - self.lo)

    def moved(self, offset: float) -> _Axis:
        return _Axis(
            self.lo, self.hi, self.start + offset, self.stop + offset, self.ticks, self.minor
        )

    @property
    def rows(self) -> int:
        return 2 if any(t.outer for t in self.ticks) else 1


def _tick_rooms(words: _Words, across: bool) -> dict[str, float]:
    """Room one tick label needs along the axis, by unit."""
    if not across:
        return dict.fromkeys(("day", "month", "year"), _FONT + 6.0)
    months = max(_text_width(words.month(date(2001, m, 1))) for m in range(1, 13))
    named = max(_text_width(words.month_year(date(2001, m, 1)), bold=True) for m in range(1, 13))
    return {
        "day": _text_width("00") + 8.0,
        "month": months + 10.0,
        "year": _text_width("0000") + 12.0,
        # Day ticks name each month on a second line ("Feb 2019"): the shortest month
        # must hold that name, or months go unnamed and read as "1 16 1 16".
        "named-month": named + 10.0,
    }


def _fit_axis(
    lo: int, hi: int, start: float, stop: float, words: _Words, across: bool, pad: bool
) -> _Axis:
    """An axis from *lo* to *hi* with the finest ticks whose labels do not touch; with
    *pad*, widened to the nearest labelled ticks, or to whole units where those are far."""
    a, b = lo, max(hi, lo + 1)
    chosen = _STEPS[-1]
    rooms = _tick_rooms(words, across)
    for _ in range(4):
        per_day = (stop - start) / (b - a)
        chosen = next(
            (
                s
                for s in _STEPS
                if s.min_days * per_day >= rooms[s.unit]
                and (s.unit != "day" or 28 * per_day >= rooms.get("named-month", 0.0))
            ),
            _STEPS[-1],
        )
        if not pad:
            break
        span = hi - lo
        finer = _Step(chosen.unit, 1)
        new_a, new_b = chosen.floor(lo), chosen.ceil(hi)
        if lo - new_a > _MAX_PADDING * span:
            new_a = finer.floor(lo)
        if new_b - hi > _MAX_PADDING * span:
            new_b = finer.ceil(hi)
        if (new_a, new_b) == (a, b):
            break
        a, b = new_a, new_b
    per_day = (stop - start) / (b - a)
    return _Axis(
        a, b, start, stop, _ticks(a, b, chosen, words, per_day), _minor(a, b, chosen, per_day)
    )


def _ticks(lo: int, hi: int, step: _Step, words: _Words, per_day: float) -> tuple[_Tick, ...]:
    out: list[_Tick] = []
    for i, ordinal in enumerate(step.boundaries(lo, hi)):
        if ordinal > date.max.toordinal():
            year = str(date.max.year + 1) if step.unit == "year" else ""
            out.append(_Tick(ordinal, year, "", year))
            continue
        day = date.fromordinal(ordinal)
        if step.unit == "year":
            out.append(_Tick(ordinal, str(day.year), "", str(day.year)))
        elif step.unit == "month":
            month = words.month(day)
            new = day.month == 1 or i == 0
            # Down the page the year stands in for January; the heading names the rest.
            down = str(day.year) if day.month == 1 else month
            out.append(_Tick(ordinal, month, str(day.year) if new else "", down))
        else:
            new = day.day == 1 or i == 0
            outer = words.month_year(day) if new else ""
            out.append(
                _Tick(ordinal, str(day.day), outer, words.month(day) if new else str(day.day))
            )
    # Outer lines start at their tick: each keeps clear of the one before and of the end.
    # The first gives way to the next where they would touch.
    end = (hi - lo) * per_day + _MARGIN
    kept: list[int] = []
    for i, tick in enumerate(out):
        if not tick.outer:
            continue
        x, width = (tick.day - lo) * per_day, _text_width(tick.outer, bold=True)
        if kept and len(kept) == 1 and kept[0] == 0:
            previous = out[0]
            if (tick.day - previous.day) * per_day < _text_width(previous.outer, bold=True) + 10:
                kept.pop()
        if kept:
            previous = out[kept[-1]]
            if (tick.day - previous.day) * per_day < _text_width(previous.outer, bold=True) + 10:
                continue
        if x + width <= end:
            kept.append(i)
    return tuple(
        t if not t.outer or i in kept else _Tick(t.day, t.text, "", t.down)
        for i, t in enumerate(out)
    )


def _minor(lo: int, hi: int, step: _Step, per_day: float) -> tuple[int, ...]:
    finer = _Step(step.unit, 1)
    if finer == step or finer.min_days * per_day < 4.0:
        return ()
    major = set(step.boundaries(lo, hi))
    return tuple(d for d in finer.boundaries(lo, hi) if d not in major)


# -- the densest period -----------------------------------------------------------------------


def _month_floor(day: int) -> int:
    if day > date.max.toordinal():
        return day  # one past the last day there is (an event ending with 9999)
    d = date.fromordinal(day)
    return _ordinal(d.year, d.month)


def _month_ceil(day: int) -> int:
    if day > date.max.toordinal():
        return day
    floor = _month_floor(day)
    if floor == day:
        return day
    d = date.fromordinal(floor)
    return _ordinal(d.year + 1, 1) if d.month == 12 else _ordinal(d.year, d.month + 1)


def dense_window(spans: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The period of whole months worth drawing again at a larger scale, or None.

    *spans* are the known parts of the events' dates as (first day, one past the last
    day) ordinals. Of the periods that start where some event starts and end where some
    event ends, no longer than a third of the whole, holding at least five events and a
    fifth of them, at least twice as densely as the whole, the one with the greatest
    *count × ln(zoom)*: many events, much enlarged. Ties go to the earlier, then the
    shorter, period.
    """
    n = len(spans)
    if n < _DETAIL_MIN_EVENTS:
        return None
    lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
    whole = hi - lo
    need = max(_DETAIL_MIN_EVENTS, math.ceil(n * _DETAIL_MIN_SHARE))
    stops = sorted({_month_ceil(s[1]) for s in spans})
    by_start = sorted(spans, reverse=True)
    ends: list[int] = []  # the ends of the spans starting at or after the start considered
    best: tuple[float, int, int] | None = None
    index = 0
    for start in sorted({_month_floor(s[0]) for s in spans}, reverse=True):
        while index < n and by_start[index][0] >= start:
            insort(ends, by_start[index][1])
            index += 1
        for stop in stops[bisect_right(stops, start) :]:
            length = stop - start
            if length * _DETAIL_MIN_ZOOM > whole:
                break
            count = bisect_right(ends, stop)
            # Enough events, and at least twice as dense as the whole.
            if count < need or count * whole < _DETAIL_MIN_DENSITY * n * length:
                continue
            score = count * math.log(whole / length)
            candidate = (score, -start, -length)
            if best is None or candidate > best:
                best = candidate
    if best is None:
        return None
    return -best[1], -best[1] - best[2]


# -- a plan both drawings follow ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Plan:
    items: tuple[_Item, ...]  # every event that can be placed, in order
    window: tuple[int, int] | None  # the enlarged period, if it helps
    inside: tuple[_Item, ...] = ()  # the events drawn in it
    outside: tuple[_Item, ...] = ()

    @property
    def lo(self) -> int:
        return min(i.shape.lo for i in self.items)

    @property
    def hi(self) -> int:
        return max(i.shape.hi for i in self.items)


def _plan(marks: Sequence[TimelineMark], words: _Words) -> _Plan:
    items = []
    for mark in marks:
        shape = _shape(mark.date)
        if shape is not None:
            items.append(_Item((mark,), shape))
    items.sort(key=_Item.key)
    if not items:
        return _Plan((), None)
    window = dense_window([(i.shape.lo, i.shape.hi) for i in items])
    if window is None:
        return _Plan(tuple(items), None)
    inside = [i for i in items if window[0] <= i.shape.lo and i.shape.hi <= window[1]]
    taken = {id(i) for i in inside}
    outside = [i for i in items if id(i) not in taken]
    # Worth it only where the whole view would draw some of them together or unlabelled.
    width = _WIDTH["horizontal"]
    axis = _fit_axis(
        min(i.shape.lo for i in items),
        max(i.shape.hi for i in items),
        _MARGIN,
        width - _MARGIN,
        words,
        across=True,
        pad=True,
    )
    within = {id(m) for i in inside for m in i.marks}
    thinned = _thin(items, axis, _LANES_MAIN * width // 40, 20.0)
    crowded = any(
        (p.item.cluster or not p.label) and any(id(m) in within for m in p.item.marks)
        for p in _lanes_once(thinned, axis, _LANES_MAIN, words, width)
    )
    if not crowded:
        return _Plan(tuple(items), None)
    return _Plan(tuple(items), window, tuple(inside), tuple(outside))


def _band(plan: _Plan) -> _Item:
    assert plan.window is not None
    lo, hi = plan.window
    marks = tuple(m for i in plan.inside for m in i.marks)
    return _Item(marks, _Shape(lo, hi, False, False), band=True)


# -- laying out marks in lanes (horizontal) ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Placed:
    item: _Item
    lane: int  # a lane (horizontal) or a column (vertical)
    t0: float  # the shape along the time direction
    t1: float
    label: str = ""
    label_at: float = 0.0  # where the label starts (or ends, when anchor is "end")
    anchor: Literal["start", "end", "inside"] = "start"
    label_y: float = 0.0  # vertical drawing: the centre of the label's row


def _along(item: _Item, axis: _Axis) -> tuple[float, float]:
    """The shape's extent along the time direction."""
    s = item.shape
    if item.cluster and not item.band:
        t0, t1 = axis.at(s.lo), axis.at(s.hi)
        need = _text_width(str(len(item.marks)), bold=True) + 12.0
        if t1 - t0 < need:
            middle = (t0 + t1) / 2
            t0, t1 = middle - need / 2, middle + need / 2
        return t0, t1
    if s.point:
        middle = axis.at(s.lo + 0.5)
        return middle - _RADIUS, middle + _RADIUS
    t0 = axis.at(s.lo)
    return t0, max(axis.at(s.hi), t0 + _MIN_BAR)


def _reach(item: _Item, t0: float, t1: float) -> tuple[float, float]:
    """The extent with its fade or arrow."""
    return (t0 - _DECO if item.shape.before else t0, t1 + _DECO if item.shape.after else t1)


def _thin(items: Sequence[_Item], axis: _Axis, most: int, step: float) -> list[_Item]:
    """At most about *most* marks: where there are more, those whose middles fall in one
    stretch of *step* units (then twice that, ...) are drawn together, three or more at
    a time. Linear, so that a timeline of thousands of events is laid out quickly; the
    layouts then draw together what still does not fit."""
    current = sorted(items, key=_Item.key)
    while len(current) > most:
        bins: dict[int, list[int]] = {}
        for k, item in enumerate(current):
            if not item.band:
                bins.setdefault(int(axis.at(item.shape.centre) // step), []).append(k)
        groups = list(range(len(current)))
        for members in bins.values():
            if len(members) > 2:
                for k in members:
                    groups[k] = members[0]
        current = _gather(current, groups)
        step *= 2
    return current


def _lanes(
    items: Sequence[_Item], axis: _Axis, max_lanes: int, words: _Words, width: int
) -> list[_Placed]:
    """Marks in lanes with labels (:func:`_lanes_once`); while some mark is left without
    a label, events of one date are drawn together, most first, where that labels more
    (:func:`_legibility`)."""
    items = _thin(items, axis, max_lanes * width // 40, 20.0)
    placed = _lanes_once(items, axis, max_lanes, words, width)
    for _ in range(_SAME_DATE_ROUNDS):
        if all(p.label for p in placed):
            break
        current = [p.item for p in placed]
        better = None
        for group in _same_dates(current)[:_SAME_DATE_ROUNDS]:
            grouped = {id(i) for i in group}
            rest = [i for i in current if id(i) not in grouped]
            trial = _lanes_once([*rest, _merge(*group)], axis, max_lanes, words, width)
            if _legibility(trial) > _legibility(placed):
                better = trial
                break
        if better is None:
            break
        placed = better
    return placed


def _legibility(placed: Iterable[_Placed]) -> float:
    """How much a layout tells in words: the characters of each event's label (up to a
    title's worth), a cluster's label counting as a short one; a mark left without a
    label counts against it."""
    total = 0.0
    for p in placed:
        if not p.label:
            total -= _BARE_COST
        else:
            total += _CLUSTER_WORTH if p.item.cluster else min(len(p.label), _TITLE_WORTH)
    return total


def _same_dates(items: Sequence[_Item]) -> list[list[_Item]]:
    """Groups of two or more marks whose events are all drawn alike (single events, or
    clusters of such), the most events (then the earliest) first."""
    groups: dict[tuple[int, int, bool, str, str], list[_Item]] = {}
    for item in items:
        if item.band:
            continue
        shapes = {_drawn_alike(m) for m in item.marks}
        if len(shapes) == 1:
            key = shapes.pop()
            if key is not None:
                groups.setdefault(key, []).append(item)
    found = [g for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda g: (-sum(len(i.marks) for i in g), g[0].key()))


def _drawn_alike(mark: TimelineMark) -> tuple[int, int, bool, str, str] | None:
    shape = _shape(mark.date)
    if shape is None:  # pragma: no cover - marks without a bound are never placed
        return None
    return (shape.lo, shape.hi, shape.point, shape.before, shape.after)


class _Crowd:
    """The marks of one strip at one scale: where each is drawn and what its label needs.

    ``rooms`` is the room kept for each label in the lanes: after the mark, or (negative)
    before it where the drawing ends too soon after; none for a label inside its bar.
    """

    def __init__(self, items: Sequence[_Item], axis: _Axis, words: _Words, width: int) -> None:
        self.items = items
        self.width = width
        self.words = words
        self.geometry = [_along(i, axis) for i in items]
        self.reach = [_reach(i, *g) for i, g in zip(items, self.geometry, strict=True)]
        self.texts = [words.label(i) for i in items]
        self.widths = [_text_width(t) for t in self.texts]
        self.inside = [
            not i.cluster and not i.shape.point and w <= g[1] - g[0] - 2 * _PAD
            for i, w, g in zip(items, self.widths, self.geometry, strict=True)
        ]
        self.rooms = [self._room(k) for k in range(len(items))]
        self.order = sorted(range(len(items)), key=lambda k: (self.reach[k][0], items[k].key()))

    def _room(self, k: int) -> float:
        if self.inside[k]:
            return 0.0
        wanted = min(_LABEL_MAX, self.widths[k])
        left, right = self.reach[k]
        after = self.width - _MARGIN / 2 - right - _PAD
        if after >= min(wanted, _SHORT_LABEL):
            return min(wanted, after)
        return -min(wanted, max(0.0, left - _PAD - _MARGIN / 2))

    def pack(self, max_lanes: int, labels: bool = True) -> tuple[list[int], list[int]]:
        """A lane for each mark (first fit, left to right) with its label's room; and the
        marks that find none, in that order."""
        edges: list[float] = []
        lanes = [-1] * len(self.items)
        overflow: list[int] = []
        for k in self.order:
            left, right = self.reach[k]
            room = self.rooms[k] if labels else 0.0
            if room > 0:
                right += _PAD + room
            elif room < 0:
                left += room - _PAD
            lane = next((i for i, edge in enumerate(edges) if edge + _GAP <= left), len(edges))
            if lane >= max_lanes:
                overflow.append(k)
                continue
            if lane == len(edges):
                edges.append(right)
            else:
                edges[lane] = right
            lanes[k] = lane
        return lanes, overflow

    def make_room(self, lanes: Sequence[int], blocked: int) -> bool:
        """Let *blocked* into a lane by cutting back some label's room: that of a mark
        before it whose room (not the mark) is in the way, keeping at least a short
        label, the one left with the most; else the room *blocked* keeps before itself,
        to what a lane has free; else such a mark's room to nothing. False when no room
        is in the way."""
        rooms = self.rooms
        left = self.reach[blocked][0]
        wanted = left + min(rooms[blocked], 0.0) - (_PAD if rooms[blocked] < 0 else 0.0)
        in_the_way: list[tuple[float, int]] = []
        for j in range(len(self.items)):
            if lanes[j] < 0 or rooms[j] <= 0:
                continue
            right = self.reach[j][1]
            if right + _GAP <= wanted < right + _PAD + rooms[j] + _GAP:
                in_the_way.append((wanted - _GAP - right - _PAD, j))
        kept = [(r, j) for r, j in in_the_way if r >= _SHORTEST_LABEL]
        if kept:
            remaining, j = max(kept, key=lambda o: (o[0], -o[1]))
            rooms[j] = remaining
            return True
        if rooms[blocked] < 0:
            edges: dict[int, float] = {}
            for j in range(len(self.items)):
                if lanes[j] >= 0 and self.geometry[j][0] < self.geometry[blocked][0]:
                    right = self.reach[j][1] + (_PAD + rooms[j] if rooms[j] > 0 else 0.0)
                    edges[lanes[j]] = max(edges.get(lanes[j], -math.inf), right)
            free = max((left - _PAD - edge - _GAP for edge in edges.values()), default=0.0)
            rooms[blocked] = -free if _SHORTEST_LABEL <= free < -rooms[blocked] else 0.0
            return True
        if in_the_way:
            _, j = min(in_the_way, key=lambda o: (-o[0], o[1]))
            rooms[j] = 0.0
            return True
        return False


def _merge_many(
    items: Sequence[_Item], geometry: Sequence[tuple[float, float]], overflow: Sequence[int]
) -> list[_Item]:
    """*items* with each mark of *overflow* drawn together with its nearest neighbour:
    one it overlaps if any, a cluster before a single mark (so that marks of one date
    gather in one cluster, not in pairs). The enlarged period joins none."""
    reach = [_reach(i, *g) for i, g in zip(items, geometry, strict=True)]
    group = list(range(len(items)))

    def find(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    sizes = [len(i.marks) for i in items]
    centres = [(g[0] + g[1]) / 2 for g in geometry]
    for index in overflow:
        if items[index].band:
            continue
        left, right = reach[index]
        mine = find(index)
        best: tuple[float, float, bool, int] | None = None
        for j, other in enumerate(items):
            theirs = find(j)
            if theirs == mine or other.band:
                continue
            apart = max(reach[j][0] - right, left - reach[j][1], 0.0)
            near = round(abs(centres[j] - centres[index]), 3)
            candidate = (apart, near, sizes[theirs] < 2, j)
            if best is None or candidate < best:
                best = candidate
        if best is None:  # pragma: no cover - a crowd has neighbours
            continue
        theirs = find(best[3])
        group[mine] = theirs
        sizes[theirs] += sizes[mine]
    return _gather(items, [find(i) for i in range(len(items))])


def _gather(items: Sequence[_Item], groups: Sequence[int]) -> list[_Item]:
    """One mark for each group of *items* (``groups[i]`` names item i's), in order."""
    members: dict[int, list[_Item]] = {}
    for item, name in zip(items, groups, strict=True):
        members.setdefault(name, []).append(item)
    merged = [
        together[0] if len(together) == 1 else _merge(*together) for together in members.values()
    ]
    return sorted(merged, key=_Item.key)


def _lanes_once(
    items: Sequence[_Item], axis: _Axis, max_lanes: int, words: _Words, width: int
) -> list[_Placed]:
    """Marks in lanes, then labels in the room each lane leaves.

    Marks are packed first-fit, each keeping room for its whole label after it. Where a
    mark then finds no lane, the room kept by a mark before it is cut back to what
    lets it in; only where the marks themselves need more than *max_lanes* lanes are
    overlapping neighbours drawn together, and everything is packed again.
    """
    current = sorted(items, key=_Item.key)
    while True:
        crowd = _Crowd(current, axis, words, width)
        # Marks that find no lane even without labels are drawn together first.
        _, overflow = crowd.pack(max_lanes, labels=False)
        if overflow:
            current = _merge_many(current, crowd.geometry, overflow)
            continue
        for _ in range(len(current) + 8):
            lanes, overflow = crowd.pack(max_lanes)
            # Every mark that found no lane asks for room (a list: all of them ask).
            if not overflow or not any([crowd.make_room(lanes, k) for k in overflow]):
                break
        if not overflow:
            return _label(crowd, lanes)
        current = _merge_many(current, crowd.geometry, overflow)


def _label(crowd: _Crowd, lanes: Sequence[int]) -> list[_Placed]:
    """Each mark with the longest label that fits: inside its bar, after it, or before it."""
    items, geometry, texts, width = crowd.items, crowd.geometry, crowd.texts, crowd.width
    words = crowd.words
    placed: list[_Placed] = []
    by_lane: dict[int, list[int]] = {}
    for k in sorted(range(len(items)), key=lambda k: (geometry[k][0], items[k].key())):
        by_lane.setdefault(lanes[k], []).append(k)
    for lane, members in sorted(by_lane.items()):
        end = _MARGIN / 2  # where the lane is taken up to, labels included
        for position, k in enumerate(members):
            item, text, (t0, t1) = items[k], texts[k], geometry[k]
            left, right = crowd.reach[k]
            following = (
                crowd.reach[members[position + 1]][0]
                if position + 1 < len(members)
                else width - _MARGIN / 2 + _GAP
            )
            options: list[tuple[str, float, Literal["start", "end", "inside"], float]] = []
            if crowd.inside[k]:
                options.append((text, t0 + _PAD, "inside", right))
            after = words.fit(item, min(_LABEL_MAX, following - _GAP - right - _PAD))
            if after:
                x = right + _PAD
                options.append((after, x, "start", x + _text_width(after)))
            if not item.cluster and not item.shape.point:
                shortened = _fit(text, t1 - t0 - 2 * _PAD)
                if shortened:
                    options.append((shortened, t0 + _PAD, "inside", right))
            before = words.fit(item, min(_LABEL_MAX, left - _PAD - end - _GAP))
            if before:
                options.append((before, left - _PAD, "end", right))
            # The longest, a shortened one counting less; ties keep the order above.
            options.sort(key=lambda o: -len(o[0]) * (0.6 if o[0].endswith("…") else 1.0))
            shown, x, anchor, taken = options[0] if options else ("", 0.0, "start", right)
            placed.append(_Placed(item, lane, t0, t1, shown, x, anchor))
            end = max(end, taken)
    return placed


# -- laying out marks in columns, labels beside them (vertical) ----------------------------------


def _stack(ideals: Sequence[float], row: float, top: float) -> list[tuple[int, int, float]]:
    """Labels one *row* high for marks at *ideals* (ascending), none overlapping, none
    above *top*: runs of touching labels, each centred on its marks, as (first index,
    count, centre of the first)."""
    blocks: list[tuple[int, int, float]] = []
    sums: list[float] = []  # per block: the sum of ideal - row * (place in the block)
    for i, ideal in enumerate(ideals):
        blocks.append((i, 1, max(ideal, top)))
        sums.append(ideal)
        while len(blocks) > 1:
            (first, count, centre), (_, more, following) = blocks[-2], blocks[-1]
            if centre + count * row <= following + 1e-6:
                break
            total = sums[-2] + sums[-1] - more * count * row
            blocks[-2:] = [(first, count + more, max(total / (count + more), top))]
            sums[-2:] = [total]
    return blocks


def _columns(
    items: Sequence[_Item], axis: _Axis
) -> tuple[list[tuple[_Item, int, float, float]], list[int]]:
    """First-fit columns by extent along the axis; the band takes none."""
    geometry = [_along(i, axis) for i in items]
    order = sorted(
        range(len(items)), key=lambda k: (_reach(items[k], *geometry[k])[0], items[k].key())
    )
    ends: list[float] = []
    out: list[tuple[_Item, int, float, float]] = []
    overflow: list[int] = []
    for k in order:
        item = items[k]
        t0, t1 = geometry[k]
        if item.band:
            out.append((item, -1, t0, t1))
            continue
        top, bottom = _reach(item, t0, t1)
        column = next((c for c, end in enumerate(ends) if end + 3.0 <= top), len(ends))
        if column >= _V_COLUMNS:
            overflow.append(k)
            continue
        if column == len(ends):
            ends.append(bottom)
        else:
            ends[column] = bottom
        out.append((item, column, t0, t1))
    return out, overflow


def _ideal(t0: float, t1: float) -> float:
    """Where a mark's label would best sit: level with its middle."""
    return (t0 + t1) / 2


def _rows(items: Sequence[_Item], axis: _Axis) -> list[_Placed]:
    """The vertical layout of one section: columns, then label rows with leaders; where
    a label would sit too far from its mark, the nearest marks are drawn together."""
    current = _thin(items, axis, int((axis.stop - axis.start) / _V_ROW) * 2, _V_ROW)
    while True:
        columns, overflow = _columns(current, axis)
        if overflow:
            current = _merge_many(current, [_along(i, axis) for i in current], overflow)
            continue
        columns.sort(key=lambda c: (_ideal(c[2], c[3]), c[0].key()))
        ideals = [_ideal(t0, t1) for _, _, t0, t1 in columns]
        blocks = _stack(ideals, _V_ROW, axis.start)
        centres = [centre + k * _V_ROW for _, count, centre in blocks for k in range(count)]
        # In each run of labels that strays too far, the two closest marks go together.
        groups = list(range(len(columns)))
        for first, count, _ in blocks:
            run = range(first, first + count)
            if max(abs(centres[k] - ideals[k]) for k in run) <= _V_SHIFT * _V_ROW:
                continue
            pairs = [
                (ideals[k + 1] - ideals[k], k)
                for k in run[:-1]
                if not columns[k][0].band and not columns[k + 1][0].band
            ]
            if pairs:
                k = min(pairs)[1]
                groups[k + 1] = k
        if groups != list(range(len(columns))):
            current = _gather([c[0] for c in columns], groups)
            continue
        return [
            _Placed(item, column, t0, t1, "", 0.0, "start", y)
            for (item, column, t0, t1), y in zip(columns, centres, strict=True)
        ]


# -- drawing ---------------------------------------------------------------------------------


class _Canvas:
    """Draws along a time direction: across (x is time) or down (y is time)."""

    def __init__(self, vertical: bool) -> None:
        self.vertical = vertical

    def box(self, t0: float, t1: float, c0: float, c1: float) -> dict[str, str]:
        if self.vertical:
            return {"x": _num(c0), "y": _num(t0), "width": _num(c1 - c0), "height": _num(t1 - t0)}
        return {"x": _num(t0), "y": _num(c0), "width": _num(t1 - t0), "height": _num(c1 - c0)}

    def point(self, t: float, c: float) -> tuple[float, float]:
        return (c, t) if self.vertical else (t, c)

    def shape(
        self, parent: Element, item: _Item, t0: float, t1: float, c: float, thick: float
    ) -> None:
        """A mark: a dot, a bar or a cluster's pill, with its fade or arrow."""
        s = item.shape
        half = thick / 2
        if item.cluster:
            attrs = {
                "class": "pb-tl-mark pb-tl-cluster",
                **self.box(t0, t1, c - half - 1, c + half + 1),
                "rx": _num(half + 1),
                "fill": "currentColor",
                "fill-opacity": "0.15",
                "stroke": "currentColor",
                "stroke-width": "1.5",
            }
            SubElement(parent, "rect", attrs)
            return
        classes = ["pb-tl-mark", "pb-tl-point" if s.point else "pb-tl-span"]
        if s.approx:
            classes.append("pb-tl-approx")
        attrs = {"class": " ".join(classes), "fill": "currentColor", "stroke": "currentColor"}
        if s.approx:
            attrs |= {"stroke-dasharray": "3 2" if s.point else "4 3"}
        if s.point:
            x, y = self.point((t0 + t1) / 2, c)
            attrs |= {"cx": _num(x), "cy": _num(y), "r": _num(_RADIUS)}
            attrs |= {"fill-opacity": "0.25"} if s.approx else {}
            SubElement(parent, "circle", attrs)
        else:
            attrs |= self.box(t0, t1, c - half, c + half)
            attrs |= {
                "rx": "2",
                "fill-opacity": "0.12" if s.approx else "0.3",
                "stroke-width": "1.5",
            }
            SubElement(parent, "rect", attrs)
        edge0 = t0 if not s.point else (t0 + t1) / 2 - _RADIUS
        edge1 = t1 if not s.point else (t0 + t1) / 2 + _RADIUS
        if s.before == "fade":
            self.fade(parent, edge0, c, half, backwards=True)
        elif s.before == "arrow":
            self.arrow(parent, edge0, c, half, backwards=True)
        if s.after == "fade":
            self.fade(parent, edge1, c, half, backwards=False)
        elif s.after == "arrow":
            self.arrow(parent, edge1, c, half, backwards=False)

    def fade(self, parent: Element, t: float, c: float, half: float, backwards: bool) -> None:
        """Steps of falling opacity (no gradient: it would need an id on the page)."""
        step = _DECO / len(_FADE_STEPS)
        for i, opacity in enumerate(_FADE_STEPS):
            a = t - (i + 1) * step if backwards else t + i * step
            SubElement(
                parent,
                "rect",
                {
                    "class": "pb-tl-fade",
                    **self.box(a, a + step, c - half, c + half),
                    "fill": "currentColor",
                    "fill-opacity": str(opacity),
                },
            )

    def arrow(self, parent: Element, t: float, c: float, half: float, backwards: bool) -> None:
        sign = -1.0 if backwards else 1.0
        tip = t + sign * _DECO
        head = tip - sign * 5.0
        wing = max(half, 4.0)
        points = [self.point(head, c - wing), self.point(tip, c), self.point(head, c + wing)]
        line = [self.point(t, c), self.point(tip, c)]
        SubElement(
            parent,
            "polyline",
            {
                "class": "pb-tl-arrow",
                "points": " ".join(f"{_num(x)},{_num(y)}" for x, y in line),
                "fill": "none",
                "stroke": "currentColor",
                "stroke-width": "2",
            },
        )
        SubElement(
            parent,
            "polyline",
            {
                "class": "pb-tl-arrow",
                "points": " ".join(f"{_num(x)},{_num(y)}" for x, y in points),
                "fill": "none",
                "stroke": "currentColor",
                "stroke-width": "2",
            },
        )


def _text(
    parent: Element, x: float, y: float, text: str, cls: str, anchor: str = "start", **extra: str
) -> Element:
    attrs = {"class": cls, "x": _num(x), "y": _num(y)}
    if anchor != "start":
        attrs["text-anchor"] = anchor
    element = SubElement(parent, "text", attrs | extra)
    element.text = text
    return element


def _mark_label(
    group: Element,
    p: _Placed,
    x: float,
    y: float,
    words: _Words,
    filterable: bool,
    anchor: str = "start",
) -> None:
    """A mark's label; a cluster's carries its count's forms for the page's filter."""
    forms = words.recount(p.item, p.label) if filterable else ""
    extra = {"data-pb-forms": forms} if forms else {}
    _text(group, x, y, p.label, "pb-tl-label", anchor, **extra)


def _baseline(centre: float) -> float:
    """The baseline that centres a line of text on *centre* (no dominant-baseline: not
    every SVG renderer of an e-book reader knows it)."""
    return centre + _FONT * 0.35


def _group(parent: Element, item: _Item, words: _Words, filterable: bool) -> Element:
    attrs = {"class": "pb-tl-m"}
    if filterable:
        # Classes and anchors are ids (no spaces); anything else is removed, not split.
        keys = sorted({_token(k) for m in item.marks for k in m.keys} - {""})
        attrs["class"] = " ".join(["pb-tl-m", *keys])
        anchors = dict.fromkeys(_token(m.anchor) for m in item.marks)
        attrs["data-pb-events"] = " ".join(a for a in anchors if a)
    group = SubElement(parent, "g", attrs)
    forms = words.tooltip_forms(item) if filterable else ""
    title = SubElement(group, "title", {"data-pb-tooltip": forms} if forms else {})
    title.text = words.tooltip(item)
    return group


def _line(
    parent: Element, cls: str, x1: float, y1: float, x2: float, y2: float, **extra: str
) -> None:
    SubElement(
        parent,
        "line",
        {
            "class": cls,
            "x1": _num(x1),
            "y1": _num(y1),
            "x2": _num(x2),
            "y2": _num(y2),
            "stroke": "currentColor",
        }
        | extra,
    )


def _svg(label: str, description: str, width: int, height: float, layout: Layout) -> Element:
    # The namespace as a plain attribute: ElementTree then writes it as given, without
    # inventing a prefix (and without registering one process-wide).
    root = Element(
        "svg",
        {
            "xmlns": _SVG_NS,
            "class": f"pb-tl-svg pb-tl-{'h' if layout == 'horizontal' else 'v'}",
            "role": "img",
            "aria-label": _attribute(label),
            "viewBox": f"0 0 {width} {_num(height)}",
            "width": "100%",
            "font-size": _num(_FONT),
            "fill": "currentColor",
        },
    )
    SubElement(root, "title").text = _clean(label)
    if description:
        SubElement(root, "desc").text = _clean(description)
    return root


# -- the legend ------------------------------------------------------------------------------


_LEGEND_ORDER = tuple(_LEGEND)


def _encodings(placed: Iterable[_Placed]) -> list[str]:
    used: set[str] = set()
    for p in placed:
        item = p.item
        if item.band:
            continue
        if item.cluster:
            used.add("cluster")
            continue
        s = item.shape
        if s.approx:
            used.add("approx-point" if s.point else "approx")
        else:
            used.add("point" if s.point else "span")
        if s.before:
            used.add(f"{s.before}-before")
        if s.after:
            used.add(f"{s.after}-after")
    if "approx" in used:
        used.discard("approx-point")  # one sample says it: a dashed bar
    return [k for k in _LEGEND_ORDER if k in used]


def _legend_sample(key: str) -> _Item:
    mark = TimelineMark("", parse_date("2000"))
    span = _Shape(0, 1, False, False)
    shapes = {
        "point": _Shape(0, 1, True, False),
        "span": span,
        "approx": _Shape(0, 1, False, True),
        "approx-point": _Shape(0, 1, True, True),
        "arrow-after": _Shape(0, 1, False, False, after="arrow"),
        "arrow-before": _Shape(0, 1, False, False, before="arrow"),
        "fade-before": _Shape(0, 1, False, False, before="fade"),
        "fade-after": _Shape(0, 1, False, False, after="fade"),
    }
    if key == "cluster":
        return _Item((mark, mark, mark), span)
    return _Item((mark,), shapes[key])


def _legend(
    root: Element, keys: Sequence[str], words: _Words, width: int, top: float, vertical: bool
) -> float:
    """The legend as rows of samples and words from *top*; returns where it ends."""
    if not keys:
        return top
    group = SubElement(root, "g", {"class": "pb-tl-legend"})
    canvas = _Canvas(vertical)
    row = 30.0 if vertical else 20.0
    x, y = _MARGIN / 2, top
    for key in keys:
        text = words.tr.gettext(_LEGEND[key])
        item = _legend_sample(key)
        s = item.shape
        decorated = bool(s.before or s.after)
        if key in ("point", "approx-point"):
            core = 2 * _RADIUS
        elif vertical:
            core = 6.0 if decorated else 16.0
        else:
            core = 10.0 if decorated else 22.0
        sample = core + (_DECO if s.before else 0.0) + (_DECO if s.after else 0.0)
        extent = (_V_THICK + 4 if vertical else sample) + _PAD + _text_width(text) + 16.0
        if x + extent > width - _MARGIN / 2 and x > _MARGIN / 2:
            x, y = _MARGIN / 2, y + row
        middle = y + row / 2
        if vertical:
            t0 = middle - sample / 2 + (_DECO if s.before else 0.0)
            canvas.shape(group, item, t0, t0 + core, x + _V_THICK / 2, _V_THICK)
            text_x = x + _V_THICK + 4 + _PAD
        else:
            t0 = x + (_DECO if s.before else 0.0)
            canvas.shape(group, item, t0, t0 + core, middle, 10.0)
            text_x = x + sample + _PAD
        if key == "cluster":
            count_x = (t0 + t0 + core) / 2 if not vertical else x + _V_THICK / 2
            if not vertical:
                _text(
                    group,
                    count_x,
                    _baseline(middle),
                    "3",
                    "pb-tl-count",
                    "middle",
                    **{"font-weight": "bold"},
                )
        _text(group, text_x, _baseline(middle), text, "pb-tl-legend-label")
        x = text_x + _text_width(text) + 16.0
    return y + row + 4.0


# -- the horizontal drawing ------------------------------------------------------------------


def _draw_axis_across(root: Element, axis: _Axis, y: float, bottom: float) -> None:
    _line(root, "pb-tl-axis", axis.start, y, axis.stop, y)
    for tick in axis.ticks:
        x = axis.at(tick.day)
        _line(root, "pb-tl-tick", x, y - 5, x, bottom, **{"stroke-opacity": "0.25"})
        if tick.text:
            _text(root, x, y - 7, tick.text, "pb-tl-tick-label", "middle")
        if tick.outer:  # the year or month that starts here: written from the tick on
            _text(
                root,
                x,
                y - 7 - _LINE,
                tick.outer,
                "pb-tl-tick-label pb-tl-tick-outer",
                **{"font-weight": "bold"},
            )
    for day in axis.minor:
        x = axis.at(day)
        _line(root, "pb-tl-tick pb-tl-minor", x, y - 2, x, y + 2, **{"stroke-opacity": "0.5"})


def _draw_lanes_across(
    root: Element, placed: Sequence[_Placed], top: float, words: _Words, filterable: bool
) -> None:
    canvas = _Canvas(vertical=False)
    for p in sorted(placed, key=lambda p: (p.lane, p.t0, p.item.key())):
        middle = top + p.lane * _LANE + _LANE / 2
        group = _group(root, p.item, words, filterable)
        canvas.shape(group, p.item, p.t0, p.t1, middle, _BAR)
        if p.item.cluster:
            _text(
                group,
                (p.t0 + p.t1) / 2,
                _baseline(middle),
                str(len(p.item.marks)),
                "pb-tl-count",
                "middle",
                **{"font-weight": "bold"},
            )
        if p.label:
            anchor = "end" if p.anchor == "end" else "start"
            _mark_label(group, p, p.label_at, _baseline(middle), words, filterable, anchor)


def _strip(
    items: Sequence[_Item],
    period: tuple[int, int],
    pad: bool,
    max_lanes: int,
    words: _Words,
    width: int,
) -> tuple[_Axis, list[_Placed]]:
    """One horizontal axis and its lanes. Where the last marks would go unlabelled or cut
    short (there is no room after them, and the lanes before them are full), the axis
    stops short to leave their labels room after it, if that tells more."""
    axis = _fit_axis(*period, _MARGIN, width - _MARGIN, words, across=True, pad=pad)
    placed = _lanes(items, axis, max_lanes, words, width) if items else []
    near_end = axis.stop - 0.15 * (axis.stop - axis.start)
    short = [
        p
        for p in placed
        if p.t1 >= near_end and len(p.label) < min(len(words.label(p.item)), _TITLE_WORTH)
    ]
    if not short:
        return axis, placed
    tail = min(max(_text_width(words.label(p.item)) for p in short), 150.0, width * 0.25)
    shorter = _fit_axis(*period, _MARGIN, width - _MARGIN - tail, words, across=True, pad=pad)
    trial = _lanes(items, shorter, max_lanes, words, width)
    if _legibility(trial) > _legibility(placed):
        return shorter, trial
    return axis, placed


def _horizontal(
    plan: _Plan, words: _Words, label: str, description: str, width: int, filterable: bool
) -> Element:
    main_items = list(plan.outside) if plan.window else list(plan.items)
    axis, main = _strip(main_items, (plan.lo, plan.hi), True, _LANES_MAIN, words, width)
    detail: list[_Placed] = []
    detail_axis = None
    if plan.window:
        detail_axis, detail = _strip(plan.inside, plan.window, False, _LANES_DETAIL, words, width)
    keys = _encodings([*main, *detail])

    # Heights first: the root's viewBox needs the total.
    legend_rows = _legend(Element("g"), keys, words, width, 0.0, vertical=False)
    axis_y = legend_rows + 6.0 + axis.rows * _LINE
    lanes_top = axis_y + 6.0
    main_bottom = lanes_top + (max((p.lane for p in main), default=-1) + 1) * _LANE
    height = main_bottom + 4.0
    detail_top = detail_axis_y = detail_lanes = 0.0
    if detail_axis is not None:
        main_bottom = max(main_bottom, lanes_top + _LANE / 2)
        detail_top = main_bottom + _FUNNEL
        detail_axis_y = detail_top + 6.0 + detail_axis.rows * _LINE
        detail_lanes = detail_axis_y + 6.0
        height = detail_lanes + (max((p.lane for p in detail), default=-1) + 1) * _LANE + 6.0

    root = _svg(label, description, width, height, "horizontal")
    _legend(root, keys, words, width, 2.0, vertical=False)
    if detail_axis is not None:
        assert plan.window is not None
        band = _band(plan)
        group = _group(root, band, words, filterable)
        b0, b1 = axis.at(plan.window[0]), axis.at(plan.window[1])
        SubElement(
            group,
            "rect",
            {
                "class": "pb-tl-band",
                "x": _num(b0),
                "y": _num(axis_y - 3),
                "width": _num(max(b1 - b0, 2.0)),
                "height": _num(main_bottom - axis_y + 3),
                "fill": "currentColor",
                "fill-opacity": "0.12",
            },
        )
        corners = [
            (b0, main_bottom),
            (b1, main_bottom),
            (width - 2.0, detail_top),
            (2.0, detail_top),
        ]
        SubElement(
            group,
            "polygon",
            {
                "class": "pb-tl-funnel",
                "points": " ".join(f"{_num(x)},{_num(y)}" for x, y in corners),
                "fill": "currentColor",
                "fill-opacity": "0.06",
                "stroke": "currentColor",
                "stroke-opacity": "0.35",
            },
        )
        SubElement(
            group,
            "rect",
            {
                "class": "pb-tl-detail",
                "x": "2.0",
                "y": _num(detail_top),
                "width": _num(width - 4.0),
                "height": _num(height - detail_top - 1.0),
                "rx": "4",
                "fill": "currentColor",
                "fill-opacity": "0.06",
                "stroke": "currentColor",
                "stroke-opacity": "0.35",
            },
        )
        period = words.period(*plan.window)
        text = _fit(_enlarged_period_below(words.tr, len(band.marks), period), width - 2 * _MARGIN)
        forms = words.recount(band, text, period) if filterable else ""
        _text(
            group,
            width / 2,
            _baseline(main_bottom + _FUNNEL / 2),
            text,
            "pb-tl-label pb-tl-band-label",
            "middle",
            **({"data-pb-forms": forms} if forms else {}),
        )
    _draw_axis_across(root, axis, axis_y, main_bottom)
    _draw_lanes_across(root, main, lanes_top, words, filterable)
    if detail_axis is not None:
        _draw_axis_across(root, detail_axis, detail_axis_y, height - 2.0)
        _draw_lanes_across(root, detail, detail_lanes, words, filterable)
    return root


# -- the vertical drawing --------------------------------------------------------------------


def _section_length(count: int) -> float:
    return min(max(count * _V_ROW * 1.5, 8 * _V_ROW), 45 * _V_ROW)


def _draw_axis_down(root: Element, axis: _Axis, right: float) -> None:
    _line(root, "pb-tl-axis", _V_AXIS_X, axis.start, _V_AXIS_X, axis.stop)
    for tick in axis.ticks:
        y = axis.at(tick.day)
        _line(root, "pb-tl-tick", _V_AXIS_X - 4, y, right, y, **{"stroke-opacity": "0.2"})
        if tick.down:
            bold = {"font-weight": "bold"} if tick.outer else {}
            _text(root, _V_TICK_X, _baseline(y), tick.down, "pb-tl-tick-label", "end", **bold)
    for day in axis.minor:
        y = axis.at(day)
        _line(
            root,
            "pb-tl-tick pb-tl-minor",
            _V_AXIS_X - 2,
            y,
            _V_AXIS_X + 2,
            y,
            **{"stroke-opacity": "0.5"},
        )


def _draw_section_down(
    root: Element,
    placed: Sequence[_Placed],
    label_x: float,
    words: _Words,
    filterable: bool,
    width: int,
) -> None:
    canvas = _Canvas(vertical=True)
    for p in placed:
        group = _group(root, p.item, words, filterable)
        if p.item.band:
            SubElement(
                group,
                "rect",
                {
                    "class": "pb-tl-band",
                    "x": _num(_V_AXIS_X - 4),
                    "y": _num(p.t0),
                    "width": _num(width - _V_AXIS_X + 2),
                    "height": _num(max(p.t1 - p.t0, 2.0)),
                    "fill": "currentColor",
                    "fill-opacity": "0.12",
                },
            )
            mark_x = _V_AXIS_X + 3
        else:
            middle = _V_COL0 + p.lane * _V_COL + _V_COL / 2
            canvas.shape(group, p.item, p.t0, p.t1, middle, _V_THICK)
            mark_x = middle + _V_THICK / 2 + 1
        ideal = _ideal(p.t0, p.t1)
        points = [
            (mark_x, ideal),
            (label_x - 10.0, ideal),
            (label_x - 5.0, p.label_y),
            (label_x - 2.0, p.label_y),
        ]
        SubElement(
            group,
            "polyline",
            {
                "class": "pb-tl-leader",
                "points": " ".join(f"{_num(x)},{_num(y)}" for x, y in points),
                "fill": "none",
                "stroke": "currentColor",
                "stroke-opacity": "0.45",
            },
        )
        if p.label:
            _mark_label(group, p, label_x, _baseline(p.label_y), words, filterable)


def _vertical(
    plan: _Plan, words: _Words, label: str, description: str, width: int, filterable: bool
) -> Element:
    sections: list[tuple[list[_Item], tuple[int, int], bool]] = []
    if plan.window:
        sections.append(([*plan.outside, _band(plan)], (plan.lo, plan.hi), True))
        sections.append((list(plan.inside), plan.window, False))
    else:
        sections.append((list(plan.items), (plan.lo, plan.hi), True))

    # Lay out every section from y=0, then move each below the one before.
    laid: list[tuple[_Axis, list[_Placed], float, float]] = []
    for items, (lo, hi), whole in sections:
        length = _section_length(len(items))
        axis = _fit_axis(lo, hi, 0.0, length, words, across=False, pad=whole)
        placed = _rows(items, axis)
        # How far marks with a fade or an arrow, and labels, reach beyond the axis.
        reach = [_reach(p.item, p.t0, p.t1) for p in placed]
        top = min([-_FONT / 2, *(r[0] for r in reach), *(p.label_y - _V_ROW / 2 for p in placed)])
        bottom = max(
            [
                axis.stop + _FONT / 2,
                *(r[1] for r in reach),
                *(p.label_y + _V_ROW / 2 for p in placed),
            ]
        )
        laid.append((axis, placed, top, bottom))
    keys = _encodings(p for _, placed, _, _ in laid for p in placed)
    legend_end = _legend(Element("g"), keys, words, width, 0.0, vertical=True)
    # Labels start after the columns the marks take, the same in every section.
    columns = max((p.lane + 1 for _, placed, _, _ in laid for p in placed), default=1)
    label_x = _V_COL0 + max(columns, 1) * _V_COL + 12.0
    room = width - label_x - _PAD

    offsets: list[float] = []
    y = legend_end + 4.0
    for index, (_, _, top, bottom) in enumerate(laid):
        if index:
            y += _LINE + 10.0  # the enlarged period's heading
        offsets.append(y - top)
        y += bottom - top + 8.0
    height = y

    root = _svg(label, description, width, height, "vertical")
    _legend(root, keys, words, width, 2.0, vertical=True)
    for index, ((axis, placed, top, bottom), offset) in enumerate(zip(laid, offsets, strict=True)):
        moved = axis.moved(offset)
        shifted = [
            _Placed(
                p.item,
                p.lane,
                p.t0 + offset,
                p.t1 + offset,
                words.fit(p.item, room),
                p.label_at,
                p.anchor,
                p.label_y + offset,
            )
            for p in placed
        ]
        if index:
            assert plan.window is not None
            box_top = offset + top - _LINE - 10.0
            SubElement(
                root,
                "rect",
                {
                    "class": "pb-tl-detail",
                    "x": "2.0",
                    "y": _num(box_top),
                    "width": _num(width - 4.0),
                    "height": _num(offset + bottom - box_top + 4.0),
                    "rx": "4",
                    "fill": "currentColor",
                    "fill-opacity": "0.06",
                    "stroke": "currentColor",
                    "stroke-opacity": "0.35",
                },
            )
            period = words.period(*plan.window, short=True)
            heading = _fit(words.tr.gettext(_ENLARGED) % {"period": period}, width - 16.0)
            _text(root, 8.0, box_top + _LINE, heading, "pb-tl-heading", **{"font-weight": "bold"})
        _draw_axis_down(root, moved, width - 4.0)
        _draw_section_down(root, shifted, label_x, words, filterable, width)
    return root


# -- the description ----------------------------------------------------------------------------


def _describe(plan: _Plan, words: _Words, undated: int) -> str:
    tr = words.tr
    parts: list[str] = []
    if plan.items:
        count = len(plan.items)
        first_item = min(plan.items, key=lambda i: (i.shape.lo, i.key()))
        last_item = max(plan.items, key=lambda i: (i.shape.hi, i.key()))
        first = words.date_text(first_item.shape.first or first_item.marks[0].date)
        last = words.date_text(last_item.shape.last or last_item.marks[0].date)
        if count == 1:
            parts.append(_events_at(tr, 1, words.date_text(plan.items[0].marks[0].date)) + ".")
        elif first == last:
            parts.append(_events_at(tr, count, first) + ".")
        else:
            parts.append(
                tr.ngettext(
                    "%(count)d event from %(first)s to %(last)s.",
                    "%(count)d events from %(first)s to %(last)s.",
                    count,
                )
                % {"count": count, "first": first, "last": last}
            )
        if plan.window:
            inside = len(plan.inside)
            parts.append(
                tr.ngettext(
                    "%(count)d of them, %(period)s, is drawn again below at a larger scale.",
                    "%(count)d of them, %(period)s, are drawn again below at a larger scale.",
                    inside,
                )
                % {"count": inside, "period": words.period(*plan.window)}
            )
    if undated:
        parts.append(
            tr.ngettext(
                "%(count)d event without a date is not drawn.",
                "%(count)d events without a date are not drawn.",
                undated,
            )
            % {"count": undated}
        )
    # A date that ends in a full stop ("2021 г.") ends its sentence too.
    return " ".join(re.sub(r"\.\.$", ".", part) for part in parts)


# -- entry points -------------------------------------------------------------------------------


def _empty(label: str, empty: str, width: int, layout: Layout) -> str:
    root = _svg(label, _clean(empty), width, 24.0, layout)
    _text(root, _MARGIN / 2, 16.0, _clean(empty), "pb-tl-empty")
    return _serialise(root)


def render_overview(
    marks: Sequence[TimelineMark],
    *,
    layout: Layout = "horizontal",
    width: int | None = None,
    label: str = "Timeline overview",
    empty: str = "No events",
    language: str | None = None,
    translations: Translations = ENGLISH,
    undated: int = 0,
    filterable: bool = True,
) -> str:
    """The SVG markup (no XML prolog) of one drawing of *marks*; the same input gives
    the same bytes, whatever the order of *marks*.

    *label* names the drawing; its description says how many events it shows over which
    period, and *undated* how many more have no date. Words are in *language* through
    *translations* (a gettext catalog). Marks whose dates have no bound are left out;
    with none left, the drawing says *empty*. Without *filterable*, marks carry no
    anchors and filter classes (an image file needs none). Raises ``ValueError`` for a
    *width* under 300.
    """
    words = _Words(babel_locale(language), translations)
    plan = _plan(marks, words)
    return _render(plan, words, layout, width, label, empty, undated, filterable)


def draw_overview(
    marks: Sequence[TimelineMark],
    *,
    label: str = "Timeline overview",
    empty: str = "No events",
    language: str | None = None,
    translations: Translations = ENGLISH,
    undated: int = 0,
    filterable: bool = True,
) -> Overview:
    """Both drawings of *marks* and their description, from one plan (see
    :func:`render_overview`)."""
    words = _Words(babel_locale(language), translations)
    plan = _plan(marks, words)
    return Overview(
        _render(plan, words, "horizontal", None, label, empty, undated, filterable),
        _render(plan, words, "vertical", None, label, empty, undated, filterable),
        _describe(plan, words, undated) or _clean(empty),
    )


def _render(
    plan: _Plan,
    words: _Words,
    layout: Layout,
    width: int | None,
    label: str,
    empty: str,
    undated: int,
    filterable: bool,
) -> str:
    size = _WIDTH[layout] if width is None else width
    if size < 300:
        raise ValueError(f"width must be at least 300, not {size}")
    if not plan.items:
        return _empty(label, empty, size, layout)
    description = _describe(plan, words, undated)
    draw = _horizontal if layout == "horizontal" else _vertical
    return _serialise(draw(plan, words, label, description, size, filterable))


def _serialise(root: Element) -> str:
    # short_empty_elements writes <line ... /> rather than <line ...></line>.
    return tostring(root, encoding="unicode", short_empty_elements=True)
