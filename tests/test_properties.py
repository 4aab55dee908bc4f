"""Properties that hold for any input: dates, ids, option lists, chronological order.

Example-based tests of each format live with their modules; these look for the inputs
nobody thought of.
"""

from __future__ import annotations

import calendar
import contextlib
import json
import re
import unicodedata
from datetime import date
from io import StringIO
from pathlib import Path

from helpers import SWITCHES
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_policybrief import config as config_values
from sphinxcontrib_policybrief.config import settings_from
from sphinxcontrib_policybrief.core.dates import DateError, FuzzyDate, Precision, parse_date
from sphinxcontrib_policybrief.core.editions import compare_with_text
from sphinxcontrib_policybrief.core.forecast import ForecastError, parse_probability
from sphinxcontrib_policybrief.core.graph import BriefGraph, placement_key
from sphinxcontrib_policybrief.core.ids import (
    MAX_ID_LENGTH,
    derive_id,
    is_valid_id,
    normalise_id,
    split_list,
)
from sphinxcontrib_policybrief.core.model import BUILTIN_RELATIONS, TimelineEvent
from sphinxcontrib_policybrief.core.scales import PRESETS, ScaleError, build_scale
from sphinxcontrib_policybrief.directives import LenientOptionSpec, UnknownOption, repeated_options

# -- strategies -------------------------------------------------------------------------------

EDTF_ALPHABET = "0123456789-X~?%/[]. "
years = st.integers(min_value=1, max_value=9998)
qualifiers = st.sampled_from(["", "~", "?", "%"])


@st.composite
def days(draw: st.DrawFn) -> tuple[str, date]:
    year, month = draw(years), draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return f"{year:04d}-{month:02d}-{day:02d}", date(year, month, day)


@st.composite
def points(draw: st.DrawFn) -> str:
    """One valid endpoint of any precision, with a qualifier."""
    year = draw(years)
    form = draw(st.sampled_from(["day", "month", "year", "period", "decade", "century"]))
    if form == "day":
        text = draw(days())[0]
    elif form == "month":
        text = f"{year:04d}-{draw(st.integers(1, 12)):02d}"
    elif form == "period":
        text = f"{year:04d}-{draw(st.sampled_from([21, 22, 23, 24, 33, 34, 35, 36, 40, 41]))}"
    elif form == "decade":
        text = f"{year // 10:03d}X"
    elif form == "century":
        text = f"{year // 100:02d}XX"
    else:
        text = f"{year:04d}"
    return text + draw(qualifiers)


@st.composite
def valid_dates(draw: st.DrawFn) -> str:
    shape = draw(
        st.sampled_from(
            ["point", "interval", "open", "unknown", "open-start", "unknown-start", "earlier"]
        )
    )
    if shape == "point":
        return draw(points())
    if shape == "open":
        return f"{draw(points())}/.."
    if shape == "unknown":
        return f"{draw(points())}/"
    if shape == "open-start":
        return f"../{draw(points())}"
    if shape == "unknown-start":
        return f"/{draw(points())}"
    if shape == "earlier":
        return f"[..{draw(points())}]"
    first, second = draw(points()), draw(points())
    start, end = sorted((first, second), key=lambda p: parse_date(p).lower or date.min)
    assume((parse_date(end).upper or date.max) >= (parse_date(start).lower or date.min))
    return f"{start}/{end}"


# -- the date parser ----------------------------------------------------------------------------


@given(st.text())
def test_any_text_parses_or_raises_date_error(text: str) -> None:
    with contextlib.suppress(DateError):
        parse_date(text)


@given(st.text(alphabet=EDTF_ALPHABET, max_size=24))
@example("/0001")  # an interval whose start is unknown has no lower bound (found in CI)
@example("../2012")
def test_date_like_text_parses_or_raises_date_error(text: str) -> None:
    try:
        parsed = parse_date(text)
    except DateError as exc:
        assert str(exc)  # a reason the author can act on
    else:
        _assert_consistent(parsed)


def _assert_consistent(parsed: FuzzyDate) -> None:
    assert parsed.label and parsed.label == parsed.label.strip()
    if parsed.lower is not None and parsed.upper is not None:
        assert parsed.lower <= parsed.upper
    # No lower bound only for "before ...", and for an interval open or unknown at its start.
    assert parsed.lower is not None or parsed.earlier or parsed.start != "closed"
    assert parsed.upper is not None or parsed.is_interval
    assert ("c. " in parsed.label) == parsed.approximate or parsed.is_interval
    assert ("(uncertain)" in parsed.label) == parsed.uncertain or parsed.is_interval
    # The machine-readable form is an ISO prefix of the lower (or only known) bound.
    known = parsed.lower or parsed.upper
    assert known is not None
    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", parsed.html_datetime)
    if parsed.lower is None and parsed.is_interval:
        # Open or unknown at its start: the machine-readable form is its end's, as that
        # date is written ("../2019-24" is "2019", a winter that ends in 2020).
        assert parsed.html_datetime == parse_date(parsed.edtf.rsplit("/", 1)[-1]).html_datetime
    elif parsed.precision is not Precision.CENTURY and parsed.precision is not Precision.DECADE:
        assert known.isoformat().startswith(parsed.html_datetime) or parsed.earlier


@given(valid_dates())
@example("../0001-24")  # a winter ends in the next year (found by a random run)
@example("/2019-24")
def test_valid_dates_parse_and_their_parts_agree(text: str) -> None:
    parsed = parse_date(text)
    assert parsed.edtf == text
    _assert_consistent(parsed)
    assert parse_date(f"  {text} ") == parsed  # surrounding spaces do not matter
    assert parse_date(parsed.edtf) == parsed  # the stored form reads back the same


@given(days())
def test_a_day_is_exact_and_labelled_with_its_parts(found: tuple[str, date]) -> None:
    text, day = found
    parsed = parse_date(text)
    assert parsed.lower == parsed.upper == day
    assert parsed.precision is Precision.DAY
    assert parsed.html_datetime == day.isoformat()
    assert parsed.label == f"{day.day} {calendar.month_name[day.month]} {day.year}"


@given(days())
def test_a_day_lies_inside_its_month_and_year(found: tuple[str, date]) -> None:
    text, day = found
    for coarser in (text[:7], text[:4]):
        outer = parse_date(coarser)
        assert outer.lower is not None and outer.upper is not None
        assert outer.lower <= day <= outer.upper


@given(years, st.integers(1, 12), st.integers(min_value=0, max_value=99))
def test_impossible_days_are_refused(year: int, month: int, day: int) -> None:
    assume(not 1 <= day <= calendar.monthrange(year, month)[1])
    try:
        parse_date(f"{year:04d}-{month:02d}-{day:02d}")
    except DateError as exc:
        assert "out of range" in str(exc)
    else:
        raise AssertionError("accepted a day that does not exist")


# -- chronological order: a total order, whatever order events come in -----------------------------


def _event(ident: str, text: str | None) -> TimelineEvent:
    return TimelineEvent(
        id=ident,
        title=ident,
        docname="d",
        lineno=1,
        anchor=ident,
        date=parse_date(text) if text is not None else None,
    )


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.none(), valid_dates()), min_size=1, max_size=12),
    st.randoms(use_true_random=False),
)
def test_time_order_is_total_and_independent_of_input_order(
    dates: list[str | None], rng: object
) -> None:
    events = [_event(f"e{i:02d}", text) for i, text in enumerate(dates)]
    graph = BriefGraph({}, {}, BUILTIN_RELATIONS)
    ordered = graph.events_in_time_order(events)
    shuffled = list(events)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert graph.events_in_time_order(shuffled) == ordered
    # Undated events last; otherwise never an earlier start after a later one.
    dated = [e for e in ordered if e.date is not None]
    assert ordered[: len(dated)] == dated
    keys = [(*placement_key(e), e.id) for e in ordered]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


@given(st.lists(valid_dates(), min_size=2, max_size=8, unique=True))
def test_sort_keys_order_dates_like_their_lower_bounds(texts: list[str]) -> None:
    parsed = [parse_date(t) for t in texts]
    ordered = sorted(parsed, key=FuzzyDate.sort_key)
    lowers = [p.lower or date.min for p in ordered]
    assert lowers == sorted(lowers)


# -- ids ----------------------------------------------------------------------------------------


@given(st.text())
def test_normalising_is_idempotent(text: str) -> None:
    once = normalise_id(text)
    assert normalise_id(once) == once


@given(st.text())
def test_composed_and_decomposed_spellings_are_one_id(text: str) -> None:
    assert normalise_id(unicodedata.normalize("NFD", text)) == normalise_id(
        unicodedata.normalize("NFC", text)
    )


@given(st.text())
def test_a_derived_id_is_valid_or_empty(title: str) -> None:
    derived = derive_id(title)
    assert derived == "" or is_valid_id(derived)
    assert len(derived) <= MAX_ID_LENGTH
    if derived:
        assert derive_id(derived) == derived


@given(st.text(alphabet=st.characters(categories=["L", "Nd"]), min_size=1, max_size=40))
def test_a_title_with_letters_always_gives_an_id(word: str) -> None:
    assert derive_id(f"  {word} ...") != ""


@given(st.text())
def test_validity_is_decided_without_error(text: str) -> None:
    valid = is_valid_id(normalise_id(text))
    if valid:
        assert not re.search(r"[\s,:<>\"'`]", normalise_id(text))


_LETTERS = st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo"])
_MARKS = st.characters(categories=["Mn", "Mc", "Me"])


@st.composite
def marked_words(draw: st.DrawFn) -> str:
    """A word of letters of any script, each perhaps followed by combining marks."""
    clusters = draw(
        st.lists(st.tuples(_LETTERS, st.text(alphabet=_MARKS, max_size=3)), min_size=1, max_size=8)
    )
    return "".join(letter + marks for letter, marks in clusters)


@given(marked_words(), st.sampled_from(["NFC", "NFD"]))
def test_letters_with_marks_of_any_script_are_an_id(word: str, form: str) -> None:
    typed = unicodedata.normalize(form, word)
    ident = normalise_id(typed)
    assert is_valid_id(ident)
    # Derived from a title of that word, the id is the word itself: no mark is cut out.
    assert derive_id(typed) == ident
    assert unicodedata.is_normalized("NFC", ident)


@given(st.lists(marked_words(), min_size=1, max_size=4), st.sampled_from(["NFC", "NFD"]))
def test_a_title_of_marked_words_gives_them_joined_by_dashes(words: list[str], form: str) -> None:
    title = unicodedata.normalize(form, " ".join(words))
    assert derive_id(title) == "-".join(normalise_id(w) for w in words)


@given(st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "Z"])))
def test_composed_and_decomposed_titles_derive_one_id(title: str) -> None:
    composed, decomposed = (unicodedata.normalize(f, title) for f in ("NFC", "NFD"))
    assert derive_id(composed) == derive_id(decomposed)
    assert is_valid_id(normalise_id(composed)) == is_valid_id(normalise_id(decomposed))


@given(_MARKS, marked_words())
def test_an_id_never_starts_with_a_mark(mark: str, word: str) -> None:
    assert not is_valid_id(normalise_id(mark + word))
    derived = derive_id(mark + word)
    assert derived == "" or unicodedata.category(derived[0])[0] in "LN"


# -- option values and option blocks -----------------------------------------------------------


@given(st.one_of(st.none(), st.text()))
def test_list_options_never_yield_empty_or_padded_items(raw: str | None) -> None:
    items = split_list(raw)
    for item in items:
        assert item and item == item.strip() and "," not in item and "\n" not in item
    # Written back tidily, the list reads the same.
    assert split_list(", ".join(items)) == items


@given(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), max_size=6))
def test_stray_commas_and_spaces_change_nothing(ids: list[str]) -> None:
    messy = " ,, ".join(f"  {i} " for i in ids) + " ,"
    assert split_list(messy) == tuple(ids)


option_names = st.sampled_from(["id", "kind", "likelihood", "tags", "date", "source", "x-y"])


@given(st.lists(st.tuples(option_names, st.text(alphabet="abc ,<>'\"", max_size=10))))
def test_repeated_options_are_exactly_those_given_twice(
    options: list[tuple[str, str]],
) -> None:
    block = ":::{claim} Title\n" + "".join(f":{n}: {v}\n" for n, v in options) + "\nBody\n:::"
    counts: dict[str, int] = {}
    for name, _ in options:
        counts[name] = counts.get(name, 0) + 1
    assert set(repeated_options(block)) == {n for n, c in counts.items() if c > 1}
    assert len(repeated_options(block)) == len(set(repeated_options(block)))


@given(st.text())
def test_any_option_block_is_read_without_error(text: str) -> None:
    repeated_options(text)
    repeated_options(":::{claim}\n---\n" + text)


@given(st.text(min_size=1))
def test_any_option_name_is_accepted_by_the_lenient_spec(name: str) -> None:
    spec = LenientOptionSpec({"id": str})
    assert name in spec
    converted = spec[name]("value") if name != "id" else None
    if name != "id":
        assert isinstance(converted, UnknownOption)


@given(st.sampled_from(sorted(PRESETS)), st.text())
def test_any_likelihood_word_is_looked_up_without_error(preset: str, word: str) -> None:
    scale = PRESETS[preset]
    term = scale.lookup(word)
    assert term is None or term in scale.terms


_json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)
_term_specs = st.lists(
    st.one_of(
        st.text(max_size=8),
        st.fixed_dictionaries(
            {"term": st.text(max_size=8)},
            optional={"low": _json_like, "high": _json_like, "synonyms": _json_like},
        ),
        _json_like,
    ),
    max_size=5,
)


@given(st.one_of(_json_like, _term_specs))
def test_any_configured_scale_is_accepted_or_refused_with_a_reason(spec: object) -> None:
    """conf.py may hold anything; a bad scale is a config warning, never a crash."""
    try:
        build_scale(spec)
    except ScaleError as exc:
        assert str(exc)


# -- the directives themselves, given arbitrary option values -------------------------------

_safe_value = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Zl", "Zp"], blacklist_characters="\n\r`"),
    max_size=30,
).map(lambda s: s.strip())


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_safe_value,
    values=st.fixed_dictionaries(
        {
            name: _safe_value
            for name in ("id", "kind", "likelihood", "confidence", "supports", "tags", "date")
        }
    ),
)
def test_any_option_values_give_typed_warnings_never_a_crash(
    tmp_path_factory: object, title: str, values: dict[str, str]
) -> None:
    tmp: Path = tmp_path_factory.mktemp("opts")  # type: ignore[attr-defined]
    src = tmp / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n'
        'myst_enable_extensions = ["colon_fence"]\n',
        encoding="utf8",
    )
    claim_options = "".join(f":{k}: {v}\n" for k, v in values.items() if k != "date")
    (src / "index.md").write_text(
        f"# Index\n\n::::{{claim}} {title}\n{claim_options}::::\n\n"
        f"::::{{timeline-event}} An event\n:date: {values['date']}\n::::\n\nEnd.\n",
        encoding="utf8",
    )
    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=src, builddir=tmp / "build", warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    text = warnings.getvalue()
    assert "Traceback" not in text and "Exception" not in text, text
    for line in text.splitlines():
        if "WARNING" in line and "policybrief" in line:
            assert re.search(r"index\.md:\d+: WARNING: .*\[policybrief\.[a-z-]+\]", line), line
    assert "End." in (Path(app.outdir) / "index.html").read_text(encoding="utf8")


# -- configuration: conf.py may hold anything ----------------------------------------------------


class _Config:
    """Stands in for sphinx.config.Config: attributes, and a __dict__ for the cache."""

    def __init__(self, **values: object) -> None:
        # Every registered value at its default, whatever values the extension adds.
        defaults = {name: default for name, (default, _) in config_values._VALUES.items()}
        self.__dict__.update({**defaults, **values})


_relation_specs = st.lists(
    st.one_of(
        _json_like,
        st.fixed_dictionaries(
            {
                "name": st.one_of(
                    st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
                    st.sampled_from(
                        ["short", "supports", "Refutes", "date", "probability", "reviewed"]
                    ),
                    _json_like,
                )
            },
            optional={
                "targets": _json_like,
                "incoming": _json_like,
                "outgoing": _json_like,
                "acyclic": _json_like,
                "colour": _json_like,
            },
        ),
    ),
    max_size=4,
)


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "policybrief_claim_kinds": _json_like,
            "policybrief_default_claim_kind": _json_like,
            "policybrief_actor_kinds": _json_like,
            "policybrief_likelihood_scale": st.one_of(_json_like, _term_specs),
            "policybrief_confidence_levels": _json_like,
            "policybrief_relations": st.one_of(_json_like, _relation_specs),
            "policybrief_export_formats": _json_like,
            "policybrief_edition": _json_like,
            "policybrief_as_of": st.one_of(_json_like, st.from_regex(r"[0-9X./~?%\[\]-]{0,12}")),
            "policybrief_previous_edition": _json_like,
            "policybrief_review_after": st.one_of(_json_like, st.integers(min_value=1)),
            **dict.fromkeys(SWITCHES, _json_like),
            "policybrief_lint": st.one_of(
                _json_like,
                st.dictionaries(
                    st.sampled_from(["key-judgment-scales", "ach-size", "nope"]), _json_like
                ),
            ),
        },
    )
)
def test_any_configuration_gives_settings(values: dict[str, object]) -> None:
    settings = settings_from(_Config(**values))  # type: ignore[arg-type]
    assert settings.claim_kinds and settings.default_claim_kind in settings.claim_kinds
    assert isinstance(settings.edition, str) and settings.review_after >= 1
    assert settings.as_of is None or not (settings.as_of.is_interval or settings.as_of.earlier)
    names = [rel.name for rel in settings.relations]
    assert len(names) == len(set(names))
    for rel in settings.relations:
        assert isinstance(rel.outgoing, str) and rel.outgoing.strip()
        assert isinstance(rel.incoming, str) and rel.incoming.strip()
        assert isinstance(rel.acyclic, bool) and rel.targets
    assert all(t.term for t in settings.likelihood.terms)
    for name in SWITCHES:
        assert isinstance(getattr(settings, name.removeprefix("policybrief_")), bool)


# -- forecasts and editions ---------------------------------------------------------------


@given(st.one_of(st.text(max_size=12), st.from_regex(r"[0-9.% ]{0,8}", fullmatch=True)))
def test_any_probability_text_is_read_or_refused(text: str) -> None:
    try:
        value = parse_probability(text)
    except ForecastError as exc:
        assert str(exc)
    else:
        assert 0.0 <= value <= 1.0


@given(
    st.one_of(
        st.text(max_size=40),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=6),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(
                    st.sampled_from(["schema_version", "claims", "events", "id", "date", "x"]),
                    inner,
                )
            ),
            max_leaves=10,
        ).map(json.dumps),
    )
)
def test_any_previous_edition_text_gives_changes_or_a_message(text: str) -> None:
    current = {"schema_version": "1.1", "claims": [], "events": []}
    changes = compare_with_text(current, text, "prev.json")
    if changes.problems:
        assert changes.unchanged and "'prev.json'" in changes.problems[0]
    else:  # only a policybrief.json of a readable version gets this far
        assert json.loads(text)["schema_version"] in ("1.0", "1.1")
