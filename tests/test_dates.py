"""The EDTF subset: every documented form, its bounds, label and HTML value, and the refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import build
from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_policybrief.core.date_hints import DateHint, nearest_date
from sphinxcontrib_policybrief.core.dates import DateError, FuzzyDate, Precision, parse_date
from sphinxcontrib_policybrief.core.graph import BriefGraph, placement_heading
from sphinxcontrib_policybrief.core.model import BUILTIN_RELATIONS, TimelineEvent

P = Precision
D = date

# value, lower, upper, precision, label, html_datetime
VALID: list[tuple[str, date | None, date | None, Precision, str, str]] = [
    # plain dates
    ("2018-12-13", D(2018, 12, 13), D(2018, 12, 13), P.DAY, "13 December 2018", "2018-12-13"),
    ("2019-12", D(2019, 12, 1), D(2019, 12, 31), P.MONTH, "December 2019", "2019-12"),
    ("2019", D(2019, 1, 1), D(2019, 12, 31), P.YEAR, "2019", "2019"),
    ("2019-02", D(2019, 2, 1), D(2019, 2, 28), P.MONTH, "February 2019", "2019-02"),
    ("2020-02", D(2020, 2, 1), D(2020, 2, 29), P.MONTH, "February 2020", "2020-02"),
    ("2020-02-29", D(2020, 2, 29), D(2020, 2, 29), P.DAY, "29 February 2020", "2020-02-29"),
    ("0001", D(1, 1, 1), D(1, 12, 31), P.YEAR, "1", "0001"),
    ("9999-12-31", D(9999, 12, 31), D(9999, 12, 31), P.DAY, "31 December 9999", "9999-12-31"),
    # qualifiers
    ("2019~", D(2019, 1, 1), D(2019, 12, 31), P.YEAR, "c. 2019", "2019"),
    ("2019?", D(2019, 1, 1), D(2019, 12, 31), P.YEAR, "2019 (uncertain)", "2019"),
    ("2019%", D(2019, 1, 1), D(2019, 12, 31), P.YEAR, "c. 2019 (uncertain)", "2019"),
    ("2019-12~", D(2019, 12, 1), D(2019, 12, 31), P.MONTH, "c. December 2019", "2019-12"),
    ("2019-12?", D(2019, 12, 1), D(2019, 12, 31), P.MONTH, "December 2019 (uncertain)", "2019-12"),
    (
        "2018-12-13%",
        D(2018, 12, 13),
        D(2018, 12, 13),
        P.DAY,
        "c. 13 December 2018 (uncertain)",
        "2018-12-13",
    ),
    # unspecified digits
    ("200X", D(2000, 1, 1), D(2009, 12, 31), P.DECADE, "the 2000s", "2000"),
    ("201X~", D(2010, 1, 1), D(2019, 12, 31), P.DECADE, "c. the 2010s", "2010"),
    ("19XX", D(1900, 1, 1), D(1999, 12, 31), P.CENTURY, "the 1900s", "1900"),
    ("000X", D(1, 1, 1), D(9, 12, 31), P.DECADE, "the 0s", "0001"),
    ("99XX", D(9900, 1, 1), D(9999, 12, 31), P.CENTURY, "the 9900s", "9900"),
    ("2019-XX", D(2019, 1, 1), D(2019, 12, 31), P.YEAR, "2019", "2019"),
    ("2019-XX-XX", D(2019, 1, 1), D(2019, 12, 31), P.YEAR, "2019", "2019"),
    ("2019-12-XX", D(2019, 12, 1), D(2019, 12, 31), P.MONTH, "December 2019", "2019-12"),
    # seasons, quarters, halves
    ("2019-21", D(2019, 3, 1), D(2019, 5, 31), P.SEASON, "spring 2019", "2019"),
    ("2019-22", D(2019, 6, 1), D(2019, 8, 31), P.SEASON, "summer 2019", "2019"),
    ("2019-23", D(2019, 9, 1), D(2019, 11, 30), P.SEASON, "autumn 2019", "2019"),
    ("2019-24", D(2019, 12, 1), D(2020, 2, 29), P.SEASON, "winter 2019–20", "2019"),
    ("2018-24", D(2018, 12, 1), D(2019, 2, 28), P.SEASON, "winter 2018–19", "2018"),
    ("1999-24", D(1999, 12, 1), D(2000, 2, 29), P.SEASON, "winter 1999–2000", "1999"),
    ("2008-24~", D(2008, 12, 1), D(2009, 2, 28), P.SEASON, "c. winter 2008–09", "2008"),
    ("2019-33", D(2019, 1, 1), D(2019, 3, 31), P.QUARTER, "Q1 2019", "2019"),
    ("2019-34", D(2019, 4, 1), D(2019, 6, 30), P.QUARTER, "Q2 2019", "2019"),
    ("2019-35", D(2019, 7, 1), D(2019, 9, 30), P.QUARTER, "Q3 2019", "2019"),
    ("2019-36", D(2019, 10, 1), D(2019, 12, 31), P.QUARTER, "Q4 2019", "2019"),
    ("2019-40", D(2019, 1, 1), D(2019, 6, 30), P.HALF, "first half of 2019", "2019"),
    ("2019-41", D(2019, 7, 1), D(2019, 12, 31), P.HALF, "second half of 2019", "2019"),
    # intervals
    ("2012/2015", D(2012, 1, 1), D(2015, 12, 31), P.YEAR, "2012 – 2015", "2012"),
    (
        "2018-12-13/2019-12-20",
        D(2018, 12, 13),
        D(2019, 12, 20),
        P.DAY,
        "13 December 2018 – 20 December 2019",
        "2018-12-13",
    ),
    ("2012~/2015", D(2012, 1, 1), D(2015, 12, 31), P.YEAR, "c. 2012 – 2015", "2012"),
    ("2012/2015?", D(2012, 1, 1), D(2015, 12, 31), P.YEAR, "2012 – 2015 (uncertain)", "2012"),
    ("2019-03/2019", D(2019, 3, 1), D(2019, 12, 31), P.MONTH, "March 2019 – 2019", "2019-03"),
    ("2019/2019", D(2019, 1, 1), D(2019, 12, 31), P.YEAR, "2019 – 2019", "2019"),
    ("2012/..", D(2012, 1, 1), None, P.YEAR, "2012 – present", "2012"),
    ("2019-12/..", D(2019, 12, 1), None, P.MONTH, "December 2019 – present", "2019-12"),
    ("2012/", D(2012, 1, 1), None, P.YEAR, "2012 – ?", "2012"),
    ("[..2012]", None, D(2012, 12, 31), P.YEAR, "2012 or earlier", "2012"),
    ("[..2012-06~]", None, D(2012, 6, 30), P.MONTH, "c. June 2012 or earlier", "2012-06"),
    # open and unknown starts (EDTF level 1)
    ("../2012", None, D(2012, 12, 31), P.YEAR, "until 2012", "2012"),
    ("../2012-05", None, D(2012, 5, 31), P.MONTH, "until May 2012", "2012-05"),
    ("../2012-05-04~", None, D(2012, 5, 4), P.DAY, "until c. 4 May 2012", "2012-05-04"),
    ("../201X", None, D(2019, 12, 31), P.DECADE, "until the 2010s", "2010"),
    ("/2012", None, D(2012, 12, 31), P.YEAR, "? – 2012", "2012"),
    ("/2012-24", None, D(2013, 2, 28), P.SEASON, "? – winter 2012–13", "2012"),
    # a time of day (EDTF level 0) is read and dropped: timelines are drawn in days
    (
        "2019-12-13T10:00:00",
        D(2019, 12, 13),
        D(2019, 12, 13),
        P.DAY,
        "13 December 2019",
        "2019-12-13",
    ),
    (
        "2019-12-13T23:59:60Z",
        D(2019, 12, 13),
        D(2019, 12, 13),
        P.DAY,
        "13 December 2019",
        "2019-12-13",
    ),
    (
        "2019-12-13T10:00:00+01:00",
        D(2019, 12, 13),
        D(2019, 12, 13),
        P.DAY,
        "13 December 2019",
        "2019-12-13",
    ),
    (
        "2019-12-13T10:00:00-0530/..",
        D(2019, 12, 13),
        None,
        P.DAY,
        "13 December 2019 – present",
        "2019-12-13",
    ),
    # surrounding whitespace
    ("  2019\n", D(2019, 1, 1), D(2019, 12, 31), P.YEAR, "2019", "2019"),
]

INVALID = [
    "",
    "   ",
    "2019-13-01",
    "2019-13",
    "2019-00",
    "2019-02-30",
    "2019-02-29",
    "2019-04-31",
    "2019-12-00",
    "2019-12-32",
    "0000",
    "0000-01-01",
    "2015/2012",
    "2019-12-13/2019-12-01",
    "late 2019",
    "2019-25",
    "2019-20",
    "2019-37",
    "2019-42",
    "2019-21-01",
    "2019--01",
    "abcd",
    "2019/2019-",
    "2019-",
    "-2019",
    "+2019",
    "19",
    "201",
    "20190",
    "2019-1",
    "2019-1-1",
    "2019-01-1",
    "2019~?",
    "~2019",
    "2019 ~",
    "2019-XX-13",
    "20XX-12",
    "2X19",
    "X019",
    "200x",
    "2XXX",
    "XXXX",
    "9999-24",
    "../..",
    "/..",
    "../",
    "/",
    "..",
    "../2019/2020",
    "-0500",
    "-0500-01-01",
    "Y170000002",
    "Y-17E7",
    "2019-12-13T25:00:00",
    "2019-12-13T10:61:00",
    "2019-12T10:00:00",
    "2019-12-13T10:00:00X",
    "2019-12-13T10:00:00+99:00",
    "2019-12-13T10:00:00-05:75",
    "2019-12-13 10:00:00",
    "2012/2013/2014",
    "2012//",
    "2012/...",
    "2012/.",
    "[..2012",
    "..2012]",
    "[2012]",
    "[..]",
    "[..2012/2015]",
    "[..2012]/2015",
    "{2012}",
    "2019-12-13T10:00",
    "2019 12 13",
    "2019\n/2020",
    "[..2012\n]",
    "٢٠١٩",  # Arabic-Indic digits
    "２０１９",  # full-width digits
]


@pytest.mark.parametrize(("text", "lower", "upper", "precision", "label", "html"), VALID)
def test_documented_forms(
    text: str,
    lower: date | None,
    upper: date | None,
    precision: Precision,
    label: str,
    html: str,
) -> None:
    parsed = parse_date(text)
    assert parsed.edtf == text.strip()
    assert (parsed.lower, parsed.upper) == (lower, upper)
    assert parsed.precision is precision
    assert parsed.label == label
    assert parsed.html_datetime == html


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain", "is_interval", "start", "end", "earlier"),
    [
        ("2019", False, False, False, "closed", "closed", False),
        ("2019~", True, False, False, "closed", "closed", False),
        ("2019?", False, True, False, "closed", "closed", False),
        ("2019%", True, True, False, "closed", "closed", False),
        ("2012~/2015", True, False, True, "closed", "closed", False),
        ("2012/2015%", True, True, True, "closed", "closed", False),
        ("2012/..", False, False, True, "closed", "open", False),
        ("2012?/..", False, True, True, "closed", "open", False),
        ("2012/", False, False, True, "closed", "unknown", False),
        ("../2012", False, False, True, "open", "closed", False),
        ("../2012?", False, True, True, "open", "closed", False),
        ("/2012~", True, False, True, "unknown", "closed", False),
        ("[..2012]", False, False, False, "closed", "closed", True),
        ("[..2012~]", True, False, False, "closed", "closed", True),
    ],
)
def test_flags(
    text: str,
    approximate: bool,
    uncertain: bool,
    is_interval: bool,
    start: str,
    end: str,
    earlier: bool,
) -> None:
    parsed = parse_date(text)
    assert parsed.approximate is approximate
    assert parsed.uncertain is uncertain
    assert parsed.is_interval is is_interval
    assert parsed.start == start
    assert parsed.end == end
    assert parsed.earlier is earlier


@pytest.mark.parametrize("text", INVALID)
def test_outside_the_subset_is_refused(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text)
    message = str(info.value)
    assert message and "\n" not in message.replace("\\n", "")
    assert len(message) < 200


def test_error_messages_name_the_problem() -> None:
    with pytest.raises(DateError, match=r"^month 13 is out of range in '2019-13-01'$"):
        parse_date("2019-13-01")
    with pytest.raises(DateError, match="day 30 is out of range for February 2019"):
        parse_date("2019-02-30")
    with pytest.raises(DateError, match="ends before it starts"):
        parse_date("2015/2012")
    with pytest.raises(DateError, match="empty"):
        parse_date("")
    with pytest.raises(DateError, match=r"^years before 1 and after 9999 are not supported"):
        parse_date("-0500")
    with pytest.raises(DateError, match=r"^the time of day is out of range in"):
        parse_date("2019-12-13T25:00:00")
    with pytest.raises(DateError, match=r"^the time zone offset is out of range in"):
        parse_date("2019-12-13T10:00:00+99:00")
    assert parse_date("2019-12-13T10:00:00+14:00").lower == date(2019, 12, 13)
    with pytest.raises(DateError, match=r"START/END, START/\.\., START/, \.\./END or /END$"):
        parse_date("../..")


def test_open_start_is_placed_at_its_end() -> None:
    # "until 2012" has no first day: a chronology lists it under its last year, as it
    # does "2012 or earlier", and before the events of 2012 that start later.
    events = [
        TimelineEvent(id=i, title=i, docname="d", lineno=1, anchor=i, date=parse_date(v))
        for i, v in (("mid", "2012-06"), ("until", "../2012"), ("first", "2011"))
    ]
    graph = BriefGraph({"d": events}, {}, BUILTIN_RELATIONS)
    ordered = graph.events_in_time_order(events)
    assert [e.id for e in ordered] == ["first", "mid", "until"]
    assert [placement_heading(e) for e in ordered] == ["2011", "2012", "2012"]


def test_long_input_is_shortened_in_the_message() -> None:
    with pytest.raises(DateError) as info:
        parse_date("x" * 1000)
    assert len(str(info.value)) < 120


def test_non_text_is_a_date_error() -> None:
    with pytest.raises(DateError):
        parse_date(2019)  # type: ignore[arg-type]


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)


def test_precision_order() -> None:
    assert list(Precision) == sorted(Precision)
    assert Precision.DAY < Precision.MONTH < Precision.SEASON < Precision.YEAR < Precision.CENTURY


def test_sort_key() -> None:
    assert parse_date("2019").sort_key() == (
        D(2019, 1, 1).toordinal(),
        D(2019, 12, 31).toordinal(),
        int(Precision.YEAR),
    )
    assert parse_date("[..2012]").sort_key()[0] == 0
    assert parse_date("2012/..").sort_key()[1] == date.max.toordinal()
    # Same start: the shorter span first, then the finer precision.
    texts = ["2019", "2019-01", "2019-01-01", "2019-33", "2019-40", "201X", "[..2019]", "2019/.."]
    ordered = [d.edtf for d in sorted(map(parse_date, texts), key=FuzzyDate.sort_key)]
    assert ordered == [
        "[..2019]",
        "201X",
        "2019-01-01",
        "2019-01",
        "2019-33",
        "2019-40",
        "2019",
        "2019/..",
    ]


def test_values_are_hashable_and_compare_by_value() -> None:
    assert parse_date("2019~") == parse_date(" 2019~ ")
    assert hash(parse_date("2019~")) == hash(parse_date("2019~"))
    assert parse_date("2019") != parse_date("2019~")


# -- properties ---------------------------------------------------------------------------------

PIECES = (
    *("2019", "200", "19", "X", "XX", "-", "12", "13", "21", "24", "41", "/", "..", "[", "]"),
    *("~", "?", "%", "00", "01", "29", "30", "31", "0000", "9999", " ", "\n"),
)
GRAMMAR = st.text(alphabet="0123456789-/~?%X.[] ", max_size=24)


@st.composite
def grammarish(draw: st.DrawFn) -> str:
    """Strings built from the subset's own pieces, so many of them nearly parse."""
    pieces = st.sampled_from(PIECES)
    return "".join(draw(st.lists(pieces, max_size=8)))


def _check(parsed: FuzzyDate) -> None:
    if parsed.lower is not None and parsed.upper is not None:
        assert parsed.lower <= parsed.upper
    assert parsed.label
    assert not {"~", "%"} & set(parsed.label)
    assert parsed.html_datetime
    assert parsed.edtf == parsed.edtf.strip()


def _parse_or_none(text: str) -> FuzzyDate | None:
    try:
        return parse_date(text)
    except DateError:
        return None


@given(st.text())
def test_any_text_gives_a_date_or_a_date_error(text: str) -> None:
    parsed = _parse_or_none(text)
    if parsed is not None:
        _check(parsed)


@given(st.one_of(GRAMMAR, grammarish()))
def test_date_like_text_gives_a_date_or_a_date_error(text: str) -> None:
    parsed = _parse_or_none(text)
    if parsed is not None:
        _check(parsed)


@given(st.lists(st.one_of(GRAMMAR, grammarish()), max_size=20))
def test_sort_key_is_a_total_preorder(texts: list[str]) -> None:
    parsed = [p for p in map(_parse_or_none, texts) if p is not None]
    once = sorted(parsed, key=lambda p: (p.sort_key(), p.edtf))
    assert sorted(once, key=lambda p: (p.sort_key(), p.edtf)) == once
    assert sorted(reversed(parsed), key=lambda p: (p.sort_key(), p.edtf)) == once
    keys = [p.sort_key() for p in once]
    assert keys == sorted(keys)
    for a in parsed:
        for b in parsed:
            # Totality and antisymmetry of the key comparison.
            assert (a.sort_key() <= b.sort_key()) or (b.sort_key() <= a.sort_key())
            if a.sort_key() <= b.sort_key() <= a.sort_key():
                assert a.sort_key() == b.sort_key()


# what an author wrote, and the nearest valid form a warning offers (None: nothing near)
HINTS: list[tuple[str, DateHint | None]] = [
    ("early 2019", DateHint("2019", "early 2019")),
    ("late 2019", DateHint("2019", "late 2019")),
    ("mid-2000s", DateHint("200X", "mid-2000s")),
    ("the 1990s", DateHint("199X")),
    ("spring 2019", DateHint("2019-21")),
    ("Fall 2019", DateHint("2019-23")),
    ("Q3 2019", DateHint("2019-35")),
    ("2019 Q1", DateHint("2019-33")),
    ("first half of 2019", DateHint("2019-40")),
    ("December 2019", DateHint("2019-12")),
    ("Dec. 2019", DateHint("2019-12")),
    ("13 December 2018", DateHint("2018-12-13")),
    ("December 13, 2018", DateHint("2018-12-13")),
    ("c. 2019", DateHint("2019~")),
    ("circa Dec 2019", DateHint("2019-12~")),
    ("since 2012", DateHint("2012/..")),
    ("since at least 2012", DateHint("[..2012]", "since at least 2012")),
    ("until 2012", DateHint("../2012")),
    ("2012-present", DateHint("2012/..")),
    ("2012 onwards", DateHint("2012/..")),
    ("2012 - 2015", DateHint("2012/2015")),
    ("2012–2015", DateHint("2012/2015")),
    ("2019-1-5", DateHint("2019-01-05")),
    ("2019/12/13", DateHint("2019-12-13")),
    ("13/12/2018", DateHint("2018-12-13")),
    ("[2012..]", DateHint("[..2012]")),
    ("2019 ~", DateHint("2019~")),
    ("200x", DateHint("200X")),
    ("٢٠١٩", DateHint("2019")),
    ("around mid 2019", DateHint("2019", "around mid 2019")),
    # no guess where the reading is ambiguous or the mistake is in the number itself
    ("05/06/2019", None),
    ("2019-13", None),
    ("2019-02-30", None),
    ("2019/2018", None),
    ("sometime", None),
    ("in 2019 or 2020", None),
]


@pytest.mark.parametrize(("written", "hint"), HINTS)
def test_nearest_valid_form(written: str, hint: DateHint | None) -> None:
    assert nearest_date(written) == hint
    if hint is not None:
        parse_date(hint.edtf)  # every hint offered is itself readable


def test_hint_advice_wording() -> None:
    assert DateHint("2019", "early 2019").advice("date") == (
        "did you mean :date: 2019 with :date-label: early 2019?"
    )
    assert DateHint("2019-21").advice("date") == "did you mean :date: 2019-21?"
    assert DateHint("2019", "early 2019").advice("from", label_option="") == (
        "did you mean :from: 2019?"
    )


OPEN_STARTS = """\
# Open starts

:::{timeline-event} The old treaty applies
:id: old-treaty
:date: ../2012-05
:::

:::{timeline-event} Talks of unknown start
:id: talks
:date: /2013
:::

:::{timeline}
:::
"""


@pytest.mark.parametrize("builder", ["html", "latex", "text"])
def test_open_starts_are_drawn_in_every_builder(tmp_path: Path, builder: str) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n'
        'myst_enable_extensions = ["colon_fence"]\n',
        encoding="utf8",
    )
    (src / "index.md").write_text(OPEN_STARTS, encoding="utf8")
    app, warnings = build(src, tmp_path / "build", builder=builder, fresh=True)
    assert warnings == ""
    suffix = {"html": ".html", "latex": ".tex", "text": ".txt"}[builder]
    text = "".join(
        p.read_text(encoding="utf8") for p in Path(app.outdir).iterdir() if p.suffix == suffix
    )
    dash = "\\textendash{}" if builder == "latex" else "–"
    # Each label twice: in the event's own block and in the timeline.
    assert text.count("until May 2012") >= 2
    assert text.count(f"? {dash} 2013") >= 2
