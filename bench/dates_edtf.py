"""Our EDTF parser against the ``edtf`` package: which forms each reads, and how fast.

Prints two Markdown tables for docs/develop/dates.md: every form of our documented
subset and of EDTF levels 0, 1 and 2 with what each parser makes of it (the bounds, or
"refused"), then the dates per second each parses on this machine. ``edtf`` is not a
dependency of the extension; install it in the virtualenv to run this::

    pip install edtf
    python bench/dates_edtf.py [--rounds 3] [--size 2000]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable
from importlib.metadata import version

import edtf

from sphinxcontrib_policybrief.core.dates import DateError, parse_date

# (group, value): the group says where the form comes from.
FORMS: list[tuple[str, str]] = [
    *(
        ("subset", v)
        for v in (
            "2018-12-13",
            "2019-12",
            "2019",
            "2019~",
            "2019?",
            "2019%",
            "200X",
            "19XX",
            "2019-XX",
            "2019-21",
            "2019-24",
            "2019-33",
            "2019-40",
            "2012/2015",
            "2012/..",
            "2012/",
            "[..2012]",
        )
    ),
    *(("level 0", v) for v in ("2019-12-13T10:00:00", "2019-12-13T10:00:00Z")),
    *(
        ("level 1", v)
        for v in (
            "../2012",
            "../2012-05",
            "/2012",
            "2004-06~/2004-08?",
            "-1985",
            "Y170000002",
        )
    ),
    *(
        ("level 2", v)
        for v in (
            "Y-17E7",
            "1950S2",
            "2004-06~-11",
            "?2004-06-~11",
            "156X-12-25",
            "15XX-12-XX",
            "[1667,1668,1670..1672]",
            "{1960,1961-12}",
            "2019-25",
            "2019-37",
        )
    ),
    *(
        ("invalid", v)
        for v in ("2019-13", "2019-02-30", "0000", "2015/2012", "late 2019", "2019 ~")
    ),
]


def ours(value: str) -> str:
    try:
        parsed = parse_date(value)
    except DateError:
        return "refused"
    low = parsed.lower.isoformat() if parsed.lower else "–"
    high = parsed.upper.isoformat() if parsed.upper else "–"
    return f"{low} … {high}"


def _struct(value: object) -> str:
    if isinstance(value, time.struct_time):
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    return "–" if value in (float("inf"), float("-inf")) else str(value)


def theirs(value: str) -> str:
    try:
        parsed = edtf.parse_edtf(value)
    except Exception:  # the package raises its own and pyparsing's errors
        return "refused"
    try:
        return f"{_struct(parsed.lower_strict())} … {_struct(parsed.upper_strict())}"
    except Exception as exc:  # read, but its bounds cannot be computed
        return f"read, bounds fail ({type(exc).__name__})"


def rate(parse: Callable[[str], object], values: list[str], rounds: int) -> float:
    """The median over *rounds* of dates parsed per second."""
    rates = []
    for _ in range(rounds):
        start = time.perf_counter()
        for value in values:
            parse(value)
        rates.append(len(values) / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", type=int, default=2000)
    args = parser.parse_args()

    print("| form | from | ours | edtf |")
    print("|---|---|---|---|")
    for group, value in FORMS:
        print(f"| `{value}` | {group} | {ours(value)} | {theirs(value)} |")

    subset = [v for g, v in FORMS if g == "subset"]
    values = (subset * (args.size // len(subset) + 1))[: args.size]
    print()
    print(f"{args.size} dates of the subset, median of {args.rounds} rounds,")
    print(f"Python {platform.python_version()}, edtf {version('edtf')}:")
    print()
    print("| parser | dates per second |")
    print("|---|---|")
    print(f"| ours (`parse_date`) | {rate(parse_date, values, args.rounds):,.0f} |")
    print(f"| edtf (`parse_edtf`) | {rate(edtf.parse_edtf, values, args.rounds):,.0f} |")


if __name__ == "__main__":
    main()
