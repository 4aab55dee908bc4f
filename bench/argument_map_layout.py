"""Layout time of an argument map of N generated claims (500 by default), and its size.

The claims form a random but reproducible argument: each supports one earlier claim,
and some attack or contradict another, so the map has long edges, loops of attacks and
several connected parts, as a large real brief would. Prints the time of selecting the
subgraph, of the layered layout, and of drawing SVG and TikZ, best of ``--repeat`` runs.

Usage::

    python bench/argument_map_layout.py --claims 500 --repeat 3 --seed 1
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import TypeVar

from sphinxcontrib_policybrief.core.argument_map import layout, select_scope
from sphinxcontrib_policybrief.core.argument_map_svg import render_svg
from sphinxcontrib_policybrief.core.argument_map_tikz import render_tikz
from sphinxcontrib_policybrief.core.graph import BriefGraph
from sphinxcontrib_policybrief.core.model import BUILTIN_RELATIONS, Claim, Link, PolicyObject

T = TypeVar("T")

_WORDS = [
    "integration",
    "sovereignty",
    "subsidy",
    "energy",
    "price",
    "treaty",
    "pressure",
    "loans",
    "tax",
    "base",
    "market",
    "union",
    "roadmap",
    "military",
    "border",
    "customs",
    "oil",
    "gas",
    "refinery",
    "ally",
    "leverage",
    "negotiation",
]


def generate(count: int, seed: int) -> BriefGraph:
    rng = random.Random(seed)
    claims: list[PolicyObject] = []
    for i in range(count):
        links: list[Link] = []
        if i:
            links.append(Link("supports", f"c{rng.randrange(max(0, i - 40), i)}", 1))
        if i > 2 and rng.random() < 0.25:
            links.append(Link("attacks", f"c{rng.randrange(i)}", 1))
        if i > 2 and rng.random() < 0.05:
            links.append(Link("contradicts", f"c{rng.randrange(i)}", 1))
        title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 16)))
        claims.append(
            Claim(
                id=f"c{i}",
                title=title.capitalize(),
                docname=f"doc{i // 25}",
                lineno=i,
                anchor=f"c{i}",
                links=tuple(links),
                confidence=rng.choice(("", "low", "moderate", "high")),
            )
        )
    records: dict[str, list[PolicyObject]] = {}
    for claim in claims:
        records.setdefault(claim.docname, []).append(claim)
    return BriefGraph(records, {}, BUILTIN_RELATIONS)


def best_of(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    times = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    graph = generate(args.claims, args.seed)
    select_time, selection = best_of(args.repeat, lambda: select_scope(graph))
    layout_time, placed = best_of(args.repeat, lambda: layout(selection))
    svg_time, svg = best_of(
        args.repeat,
        lambda: render_svg(placed, href=lambda i: f"#{i}", title="Benchmark"),
    )
    tikz_time, _ = best_of(args.repeat, lambda: render_tikz(placed))
    print(f"claims: {len(selection.nodes)}, edges: {len(selection.edges)}")
    print(f"map size: {placed.width:.0f} x {placed.height:.0f} px")
    print(f"select: {select_time * 1000:.1f} ms")
    print(f"layout: {layout_time * 1000:.1f} ms")
    print(f"svg:    {svg_time * 1000:.1f} ms ({len(str(svg)) // 1024} KiB)")
    print(f"tikz:   {tikz_time * 1000:.1f} ms")


if __name__ == "__main__":
    main()
