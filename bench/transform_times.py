"""Wall time of every transform and event listener of one build, without a profiler.

cProfile charges each Python call a fixed overhead, so code that makes many small calls
(walking a doctree, building nodes) looks costlier under it than it is. This runs one
clean serial build of a flavour of the benchmark corpus in this process with two
measuring wrappers only: around each docutils/Sphinx transform (post-transforms
included) and around each event listener. It prints the total and the entries that took
longest, each with its share of the build, so that the share of, say, sphinx-design's
post-transforms in our build can be read directly.

Usage::

    python bench/transform_times.py --size 100x20 --flavour ours
    python bench/transform_times.py --size 100x20 --flavour plain --sidebars
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections import Counter, defaultdict
from operator import attrgetter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import EXTRA_FLAVOURS, FLAVOURS, THEMES, build_corpus, render, write_tree
from run import parse_size

HERE = Path(__file__).resolve().parent

SECONDS: defaultdict[str, float] = defaultdict(float)
CALLS: Counter[str] = Counter()


def _owner(obj: Any) -> str:
    return str(getattr(obj, "__module__", "?")).split(".")[0]


def install() -> None:
    """Wrap docutils' transform loop and Sphinx's event dispatch with timers."""
    from docutils import transforms
    from sphinx import events

    def apply_transforms(self: Any) -> None:
        # docutils' own loop (Transformer.apply_transforms), with a timer around each.
        self.document.reporter.attach_observer(self.document.note_transform_message)
        while self.transforms:
            if not self.sorted:
                self.transforms.sort(reverse=True)
                self.sorted = True
            priority, transform_class, pending, kwargs = self.transforms.pop()
            transform = transform_class(self.document, startnode=pending)
            started = time.perf_counter()
            transform.apply(**kwargs)
            key = f"transform {_owner(transform_class)}.{transform_class.__name__}"
            SECONDS[key] += time.perf_counter() - started
            CALLS[key] += 1
            self.applied.append((priority, transform_class, pending, kwargs))
        self.document.reporter.detach_observer(self.document.note_transform_message)

    def emit(self: Any, name: str, *args: Any, allowed_exceptions: tuple[Any, ...] = ()) -> Any:
        # Sphinx's EventManager.emit without its debug logging and exception wrapping.
        results = []
        for listener in sorted(self.listeners[name], key=attrgetter("priority")):
            handler = listener.handler
            started = time.perf_counter()
            results.append(handler(self._app, *args))
            key = f"{name} {_owner(handler)}.{getattr(handler, '__qualname__', handler)}"
            SECONDS[key] += time.perf_counter() - started
            CALLS[key] += 1
        return results

    transforms.Transformer.apply_transforms = apply_transforms  # type: ignore[method-assign]
    events.EventManager.emit = emit  # type: ignore[method-assign]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=(100, 20), help="BRIEFSxOBJECTS")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--flavour", choices=FLAVOURS + EXTRA_FLAVOURS, default="ours")
    parser.add_argument("--theme", choices=THEMES, default="alabaster")
    parser.add_argument("--sidebars", action="store_true", help="keep the theme's sidebars")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "transform-times")
    args = parser.parse_args(argv)

    briefs, objects = args.size
    root = args.out.resolve() / f"{args.flavour}-{briefs}x{objects}"
    src, html = root / "src", root / "html"
    write_tree(
        src,
        render(build_corpus(briefs, objects, args.seed), args.flavour, args.sidebars, args.theme),
    )
    shutil.rmtree(html, ignore_errors=True)
    install()
    from sphinx.cmd.build import build_main

    started = time.perf_counter()
    status = build_main(["-b", "html", "-q", str(src), str(html)])
    total = time.perf_counter() - started
    print(f"clean serial build of {args.flavour} {briefs}x{objects}: exit {status}, {total:.2f} s")
    by_owner: defaultdict[str, float] = defaultdict(float)
    for key, seconds in SECONDS.items():
        by_owner[key.split(" ", 1)[1].split(".", 1)[0]] += seconds
    print("\nby package (transforms and listeners only):")
    for owner, seconds in sorted(by_owner.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds:8.2f} s  {100 * seconds / total:5.1f} %  {owner}")
    print(f"\ntop {args.top}:")
    for key, seconds in sorted(SECONDS.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {seconds:8.3f} s  {100 * seconds / total:5.1f} %  {CALLS[key]:6d} x  {key}")
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
