"""cProfile of one build of the benchmark corpus, to find the extension's hot spots.

Builds our flavour of the corpus serially, in this process, under cProfile, then prints
the total time, the time spent in the extension's own code (the sum of the self time
of its functions) and the top entries by cumulative time restricted to
``sphinxcontrib_policybrief``, then the top entries by self time. The raw profile is
saved as ``bench/out/profile/<flavour>-<size>[-incremental].prof`` for any pstats
viewer.

With ``--incremental``, a clean build is made first (not profiled), then the
benchmark's edit (one event's date, one claim's title) is applied and the incremental
build is profiled.

Usage::

    python bench/profile_build.py --size 200x20
    python bench/profile_build.py --size 200x20 --incremental --top 40
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import EXTRA_FLAVOURS, FLAVOURS, build_corpus, edited, render, write_tree
from run import parse_size, sphinx_cmd

HERE = Path(__file__).resolve().parent
PACKAGE = "sphinxcontrib_policybrief"


class GcTimer:
    """Time spent in the garbage collector, by generation.

    cProfile charges a collection to whatever function happened to allocate when it
    started, so on a large heap a trivial function can look hot; this says how much
    of the self times above is really the collector's.
    """

    def __init__(self) -> None:
        self.seconds = [0.0, 0.0, 0.0]
        self.counts = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            gen = info["generation"]
            self.seconds[gen] += time.perf_counter() - self._started
            self.counts[gen] += 1

    def __enter__(self) -> GcTimer:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


def own_time(stats: pstats.Stats, pattern: str) -> float:
    """Self time of every function whose file matches *pattern*: no double counting."""
    entries = stats.stats  # type: ignore[attr-defined]
    return sum(tt for (filename, _, _), (_, _, tt, _, _) in entries.items() if pattern in filename)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=(50, 10), help="BRIEFSxOBJECTS")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--flavour", choices=FLAVOURS + EXTRA_FLAVOURS, default="ours")
    parser.add_argument(
        "--restrict",
        default=PACKAGE,
        help="show only entries whose file path matches this regular expression",
    )
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument(
        "--sidebars",
        action="store_true",
        help="keep the theme's sidebars (off by default: they hide the extension's cost)",
    )
    parser.add_argument("--incremental", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "profile")
    args = parser.parse_args(argv)

    briefs, objects = args.size
    size = f"{briefs}x{objects}"
    corpus = build_corpus(briefs, objects, args.seed)
    root = args.out.resolve() / f"{args.flavour}-{size}"
    src, html = root / "src", root / "html"
    write_tree(src, render(corpus, args.flavour, args.sidebars))
    shutil.rmtree(html, ignore_errors=True)
    if args.incremental:
        # The clean build runs in a child process: only the incremental one is profiled.
        done = subprocess.run(sphinx_cmd(src, html), capture_output=True, text=True)
        if done.returncode:
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
            return done.returncode
        write_tree(src, render(edited(corpus), args.flavour, args.sidebars))

    from sphinx.cmd.build import build_main

    profiler = cProfile.Profile()
    started = time.perf_counter()
    with GcTimer() as gc_timer:
        status = profiler.runcall(build_main, ["-b", "html", "-q", "-T", str(src), str(html)])
    elapsed = time.perf_counter() - started
    name = f"{args.flavour}-{size}{'-incremental' if args.incremental else ''}.prof"
    prof_path = args.out.resolve() / name
    profiler.dump_stats(prof_path)

    stats = pstats.Stats(profiler, stream=io.StringIO())
    total = stats.total_tt  # type: ignore[attr-defined]
    own = own_time(stats, args.restrict)
    kind = "incremental" if args.incremental else "clean serial"
    print(f"{kind} build of {args.flavour} {size}: exit {status}, {elapsed:.2f} s wall")
    print(
        f"profiled time {total:.2f} s; self time in {args.restrict!r}: {own:.2f} s "
        f"({100 * own / total if total else 0:.1f} %)"
    )
    gens = ", ".join(
        f"gen {g}: {gc_timer.seconds[g]:.2f} s in {gc_timer.counts[g]}" for g in range(3)
    )
    print(f"garbage collection {sum(gc_timer.seconds):.2f} s ({gens}); cProfile charges it")
    print("to whichever function was allocating, so read small self times with care")
    print(f"profile saved to {prof_path}\n")

    for order, title in (("cumulative", "by cumulative time"), ("tottime", "by self time")):
        out = io.StringIO()
        stats.stream = out  # type: ignore[attr-defined]
        stats.sort_stats(order).print_stats(args.restrict, args.top)
        body = out.getvalue()
        # pstats opens with a banner of totals already printed above: keep the table.
        start = body.find("   ncalls")
        print(f"== top {args.top} {title}, restricted to {args.restrict!r} ==")
        print(body[start:] if start >= 0 else body)
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
