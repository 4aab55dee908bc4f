"""Build-time benchmark: plain MyST, sphinx-needs and sphinxcontrib-policybrief.

For each corpus size and each flavour made by ``generate.py``, with the theme's
sidebars on and off, this measures

* a clean serial build,
* a clean ``-j N`` build (``--jobs``, 2 by default),
* an incremental build after changing one event's date and one claim's title,

each as wall time, CPU time (user + system of the build and every process it waited
for, from ``os.wait4``, the figure ``/usr/bin/time`` reports) and peak memory (the sum
of the PSS of the whole process tree, sampled with psutil; plus the largest single
process's maximum RSS from ``os.wait4``, which is what ``/usr/bin/time -v`` prints, so
that tool is not needed). Each figure is the median of ``--repeat``
runs, flavours interleaved within a run so that drift of the machine hits them alike.

It also checks that the incremental build's HTML equals a clean build of the edited
corpus, and that the ``-j`` build's HTML equals the serial one's, byte for byte.

Results: a markdown table on stdout and in ``bench/out/results.md``, every figure in
``bench/out/results.json``, and each build's log under ``bench/out/<size>/``.

Usage::

    python bench/run.py --sizes 50x10,200x20 --repeat 3
    python bench/run.py --smoke          # 5x3, one repeat: a check of the harness
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import EXTRA_FLAVOURS, FLAVOURS, Corpus, build_corpus, edited, render, write_tree

try:
    import psutil
except ImportError:  # the harness still runs, with the largest process's RSS only
    psutil = None

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"
KINDS = ("serial", "parallel", "incremental")
PACKAGES = (
    "sphinx",
    "docutils",
    "myst-parser",
    "alabaster",
    "sphinx-design",
    "sphinx-needs",
    "sphinxcontrib-policybrief",
    "psutil",
)
_WARNING = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE)\b")


# --------------------------------------------------------------------------- measuring


@dataclass(slots=True)
class Measure:
    """One build's figures."""

    wall: float
    cpu: float
    peak_mb: float  # PSS summed over the process tree, sampled (RSS without psutil)
    peak_rss_sum_mb: float  # RSS summed over the process tree, sampled
    max_rss_mb: float  # the largest single process's maximum RSS, from the kernel
    returncode: int
    warnings: int
    pages_written: int | None = None


class _TreeSampler(threading.Thread):
    """Polls the memory of a process and all its descendants; keeps the largest sums.

    PSS (proportional set size) is the headline figure: the ``-j`` workers are forked
    and share most of their pages with the parent, which a sum of RSS counts twice.
    """

    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_rss = 0
        self.peak_pss = 0
        self._halt = threading.Event()

    def run(self) -> None:
        assert psutil is not None
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._halt.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            rss = pss = 0
            for p in procs:
                try:
                    info = p.memory_full_info()
                except psutil.Error:
                    # A -j worker that exited between listing and reading: its memory
                    # is already gone, so it does not count towards this sample.
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_measured(cmd: list[str], log: Path, interval: float = 0.05) -> Measure:
    """Run *cmd* with its output in *log*, and measure it."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as fh:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT)
        sampler = _TreeSampler(proc.pid, interval) if psutil is not None else None
        if sampler is not None:
            sampler.start()
        # wait4 rather than Popen.wait: its rusage covers the build and every process
        # it reaped (the -j workers), which is the CPU time a user pays for.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler is not None:
            sampler.stop()
    max_rss = usage.ru_maxrss / 1024  # KiB on Linux
    # A build shorter than one sampling interval may never be sampled: the kernel's
    # figure for the largest process is then the best there is.
    pss = sampler.peak_pss / 2**20 if sampler is not None else 0.0
    rss_sum = sampler.peak_rss / 2**20 if sampler is not None else 0.0
    text = log.read_text(encoding="utf-8", errors="replace")
    warnings = sum(1 for line in text.splitlines() if _WARNING.search(line))
    return Measure(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mb=pss or max_rss,
        peak_rss_sum_mb=max(rss_sum, max_rss),
        max_rss_mb=max_rss,
        returncode=proc.returncode,
        warnings=warnings,
    )


def sphinx_cmd(src: Path, out: Path, jobs: int = 1) -> list[str]:
    # -T: a full traceback in the log if a build crashes; it costs nothing otherwise.
    jobs_args = ["-j", str(jobs)] if jobs > 1 else []
    return [sys.executable, "-m", "sphinx", "-b", "html", "-T", *jobs_args, str(src), str(out)]


# --------------------------------------------------------------------------- comparing


def html_files(root: Path) -> dict[str, Path]:
    """Every HTML page of a build, by path relative to the output directory."""
    return {
        p.relative_to(root).as_posix(): p
        for p in root.rglob("*.html")
        if ".doctrees" not in p.parts and "_static" not in p.parts
    }


# sphinx-needs gives each need's container an id from uuid4 on every build, so no two
# of its builds are ever equal; that id, and nothing else, is masked for that flavour.
_NEEDS_RANDOM_ID = re.compile(rb"SNCB-[0-9a-f]{8}")


def normaliser(flavour: str) -> Callable[[bytes], bytes]:
    if flavour == "needs":
        return lambda data: _NEEDS_RANDOM_ID.sub(b"SNCB-xxxxxxxx", data)
    return lambda data: data


def compare_html(
    left: Path,
    right: Path,
    normalise: Callable[[bytes], bytes] = lambda d: d,
    max_diff_lines: int = 40,
) -> list[str]:
    """Differences between two builds' HTML, as human-readable lines (empty: equal)."""
    a, b = html_files(left), html_files(right)
    problems: list[str] = []
    for rel in sorted(a.keys() - b.keys()):
        problems.append(f"only in {left.name}: {rel}")
    for rel in sorted(b.keys() - a.keys()):
        problems.append(f"only in {right.name}: {rel}")
    shown = 0
    for rel in sorted(a.keys() & b.keys()):
        da, db = normalise(a[rel].read_bytes()), normalise(b[rel].read_bytes())
        if da == db:
            continue
        problems.append(f"differs: {rel}")
        if shown < max_diff_lines:
            diff = difflib.unified_diff(
                da.decode("utf-8", "replace").splitlines(),
                db.decode("utf-8", "replace").splitlines(),
                f"{left.name}/{rel}",
                f"{right.name}/{rel}",
                n=0,
                lineterm="",
            )
            for line in diff:
                if shown >= max_diff_lines:
                    break
                problems.append("    " + line[:200])
                shown += 1
    return problems


def mtimes(root: Path) -> dict[str, int]:
    return {rel: p.stat().st_mtime_ns for rel, p in html_files(root).items()}


# --------------------------------------------------------------------------- running


@dataclass(slots=True)
class Cell:
    """Everything measured for one size, sidebar setting and flavour."""

    size: str
    briefs: int
    objects: int
    sidebars: bool
    flavour: str
    runs: dict[str, list[Measure]] = field(default_factory=lambda: {k: [] for k in KINDS})
    failed: str | None = None
    edited_files: list[str] = field(default_factory=list)
    incremental_equals_clean: bool | None = None
    parallel_equals_serial: bool | None = None
    incremental_diff: list[str] = field(default_factory=list)
    parallel_diff: list[str] = field(default_factory=list)
    warning_lines: list[str] = field(default_factory=list)

    def median(self, kind: str, attr: str) -> float | None:
        values = [getattr(m, attr) for m in self.runs[kind]]
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None


def parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*[x×]\s*(\d+)\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"size {text!r} is not BRIEFSxOBJECTS, e.g. 50x10")
    return int(m.group(1)), int(m.group(2))


class Bench:
    """Runs every build of one invocation and collects the cells."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.out: Path = args.out
        self.cells: list[Cell] = []

    def log(self, msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    def build(self, cell: Cell, kind: str, cmd: list[str], log: Path) -> Measure | None:
        m = run_measured(cmd, log)
        self.log(
            f"  {cell.size} sidebars={'on' if cell.sidebars else 'off'} {cell.flavour:5} "
            f"{kind:11} {m.wall:7.2f} s  cpu {m.cpu:7.2f} s  peak {m.peak_mb:6.0f} MB"
            f"  warnings {m.warnings}"
        )
        if m.returncode != 0:
            tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
            cell.failed = f"{kind} build exited {m.returncode}; see {log}\n" + "\n".join(tail)
            self.log("    FAILED: " + cell.failed)
            return None
        return m

    def run_size(self, briefs: int, objects: int, sidebars: bool) -> None:
        a = self.args
        size = f"{briefs}x{objects}"
        corpus: Corpus = build_corpus(briefs, objects, a.seed)
        changed: Corpus = edited(corpus)
        base = self.out / size / ("sidebars" if sidebars else "no-sidebars")
        cells = {f: Cell(size, briefs, objects, sidebars, f) for f in a.flavours}
        for r in range(a.repeat):
            last = r == a.repeat - 1
            for flavour, cell in cells.items():
                if cell.failed:
                    continue
                root = base / flavour
                src = root / "src"
                write_tree(src, render(corpus, flavour, sidebars))
                serial, parallel = root / "serial", root / "parallel"
                shutil.rmtree(serial, ignore_errors=True)
                shutil.rmtree(parallel, ignore_errors=True)
                logs = root / "logs"
                m = self.build(cell, "serial", sphinx_cmd(src, serial), logs / f"serial-{r}.log")
                if m is None:
                    continue
                cell.runs["serial"].append(m)
                if r == 0:
                    cell.warning_lines = [
                        line
                        for line in (logs / "serial-0.log").read_text("utf-8").splitlines()
                        if _WARNING.search(line)
                    ]
                m = self.build(
                    cell, "parallel", sphinx_cmd(src, parallel, a.jobs), logs / f"parallel-{r}.log"
                )
                if m is None:
                    continue
                cell.runs["parallel"].append(m)
                if last and a.check:
                    cell.parallel_diff = compare_html(serial, parallel, normaliser(flavour))
                    cell.parallel_equals_serial = not cell.parallel_diff
                before = mtimes(serial)
                cell.edited_files = write_tree(src, render(changed, flavour, sidebars))
                m = self.build(
                    cell, "incremental", sphinx_cmd(src, serial), logs / f"incremental-{r}.log"
                )
                if m is None:
                    continue
                after = mtimes(serial)
                m.pages_written = sum(1 for k, v in after.items() if before.get(k) != v)
                cell.runs["incremental"].append(m)
        if a.check:
            for flavour, cell in cells.items():
                if cell.failed:
                    continue
                root = base / flavour
                check = root / "clean-after-edit"
                shutil.rmtree(check, ignore_errors=True)
                # The source still holds the edited corpus: this is the reference the
                # incremental build must equal.
                m = self.build(
                    cell, "check", sphinx_cmd(root / "src", check), root / "logs" / "check.log"
                )
                if m is None:
                    continue
                cell.incremental_diff = compare_html(root / "serial", check, normaliser(flavour))
                cell.incremental_equals_clean = not cell.incremental_diff
        self.cells.extend(cells.values())

    def warm_up(self) -> None:
        """One tiny build per flavour, so that no measured build pays for cold caches."""
        corpus = build_corpus(3, 2, self.args.seed)
        for flavour in self.args.flavours:
            root = self.out / "warm-up" / flavour
            write_tree(root / "src", render(corpus, flavour, False))
            shutil.rmtree(root / "html", ignore_errors=True)
            run_measured(sphinx_cmd(root / "src", root / "html"), root / "build.log")


# --------------------------------------------------------------------------- reporting


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
    }
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    if psutil is not None:
        info["memory_gib"] = round(psutil.virtual_memory().total / 2**30, 1)
    else:
        meminfo = Path("/proc/meminfo")
        if meminfo.exists():
            kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
            info["memory_gib"] = round(kb / 2**20, 1)
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    info["versions"] = versions
    return info


def _fmt(v: float | None, digits: int = 2) -> str:
    return "–" if v is None else f"{v:.{digits}f}"


def _ratio(v: float | None, ref: float | None) -> str:
    if v is None or not ref:
        return "–"
    return f"{v / ref:.2f}×"


def _same(equal: bool | None, diff: list[str]) -> str:
    if equal is None:
        return "–"
    if equal:
        return "yes"
    pages = sum(1 for line in diff if not line.startswith("    "))
    return f"**NO** ({pages} page{'s' if pages != 1 else ''})"


def report(cells: list[Cell], info: dict[str, Any], args: argparse.Namespace) -> str:
    v = info["versions"]
    lines = [
        "# Build-time benchmark",
        "",
        f"Machine: {info.get('nproc')} cores ({info.get('cpu', 'unknown CPU')}), "
        f"{info.get('memory_gib', '?')} GiB; Python {info['python']}; "
        f"Sphinx {v['sphinx']}, docutils {v['docutils']}, myst-parser {v['myst-parser']}, "
        f"alabaster {v['alabaster']}, sphinx-needs {v['sphinx-needs']}, "
        f"sphinx-design {v['sphinx-design']}, sphinxcontrib-policybrief "
        f"{v['sphinxcontrib-policybrief']}.",
        "",
        f"Median of {args.repeat} run(s), seed {args.seed}, parallel builds with "
        f"`-j {args.jobs}`. Ratios are to plain MyST measured in the same run. "
        "Peak memory: the largest sum of the PSS of the build's process tree, sampled "
        "every 50 ms (PSS, not RSS, so that pages the -j workers share with the parent "
        "count once); largest process: the kernel's maximum RSS of the biggest single "
        "process, the figure `/usr/bin/time -v` prints.",
    ]
    for sidebars in (True, False):
        group = [c for c in cells if c.sidebars is sidebars]
        if not group:
            continue
        lines += ["", f"## Sidebars {'on' if sidebars else 'off'}", "", "### Time", ""]
        lines += [
            "| briefs × objects | flavour | serial s | ×plain | s / brief | serial CPU s "
            f"| -j {args.jobs} s | ×plain | -j CPU s | incremental s | ×plain "
            "| pages rewritten | incremental = clean | -j = serial | warnings |",
            "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|--:|",
        ]
        plain = {c.size: c for c in group if c.flavour == "plain"}
        for c in group:
            ref = plain.get(c.size)
            if c.failed:
                lines.append(
                    f"| {c.briefs} × {c.objects} | {c.flavour} | FAILED: "
                    f"{c.failed.splitlines()[0]} |" + " |" * 12
                )
                continue

            def med(kind: str, attr: str, cell: Cell | None = c) -> float | None:
                return cell.median(kind, attr) if cell is not None else None

            serial = med("serial", "wall")
            lines.append(
                "| "
                + " | ".join(
                    [
                        f"{c.briefs} × {c.objects}",
                        c.flavour,
                        _fmt(serial),
                        _ratio(serial, med("serial", "wall", ref)),
                        _fmt(serial / c.briefs if serial else None, 3),
                        _fmt(med("serial", "cpu")),
                        _fmt(med("parallel", "wall")),
                        _ratio(med("parallel", "wall"), med("parallel", "wall", ref)),
                        _fmt(med("parallel", "cpu")),
                        _fmt(med("incremental", "wall")),
                        _ratio(med("incremental", "wall"), med("incremental", "wall", ref)),
                        _fmt(med("incremental", "pages_written"), 0),
                        _same(c.incremental_equals_clean, c.incremental_diff),
                        _same(c.parallel_equals_serial, c.parallel_diff),
                        str(len(c.warning_lines)),
                    ]
                )
                + " |"
            )
        lines += [
            "",
            "### Memory (MB)",
            "",
            f"| briefs × objects | flavour | serial peak | ×plain | -j {args.jobs} peak | ×plain "
            "| incremental peak | ×plain | largest process, serial | largest process, -j |",
            "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for c in group:
            if c.failed:
                continue
            ref = plain.get(c.size)

            def mem(kind: str, attr: str = "peak_mb", cell: Cell | None = c) -> float | None:
                return cell.median(kind, attr) if cell is not None else None

            lines.append(
                "| "
                + " | ".join(
                    [
                        f"{c.briefs} × {c.objects}",
                        c.flavour,
                        _fmt(mem("serial"), 0),
                        _ratio(mem("serial"), mem("serial", cell=ref)),
                        _fmt(mem("parallel"), 0),
                        _ratio(mem("parallel"), mem("parallel", cell=ref)),
                        _fmt(mem("incremental"), 0),
                        _ratio(mem("incremental"), mem("incremental", cell=ref)),
                        _fmt(mem("serial", "max_rss_mb"), 0),
                        _fmt(mem("parallel", "max_rss_mb"), 0),
                    ]
                )
                + " |"
            )
    notes: list[str] = []
    for c in cells:
        tag = f"{c.size}, sidebars {'on' if c.sidebars else 'off'}, {c.flavour}"
        if c.failed:
            notes += [f"### {tag}: build failed", "", "```", c.failed, "```", ""]
        if c.incremental_diff:
            notes += [f"### {tag}: incremental build differs from a clean build", "", "```"]
            notes += [*c.incremental_diff[:60], "```", ""]
        if c.parallel_diff:
            notes += [f"### {tag}: -j build differs from the serial build", "", "```"]
            notes += [*c.parallel_diff[:60], "```", ""]
        if c.warning_lines and c.sidebars:
            notes += [f"### {tag}: {len(c.warning_lines)} warning(s) in the clean build", ""]
            notes += ["```", *c.warning_lines[:20], "```", ""]
    if notes:
        lines += ["", "## Findings", "", *notes]
    lines += [
        "",
        "Incremental build: after the first clean serial build, one event's date and one "
        "claim's title are changed (plain MyST also rewrites the two static tables); "
        "'pages rewritten' counts the HTML files whose mtime changed. "
        "'incremental = clean' compares every HTML page of the incremental output with a "
        "clean build of the edited corpus, byte for byte (for sphinx-needs only, the "
        "random `SNCB-` container ids it draws on every build are masked); only "
        "non-HTML files (search index, _static, objects.inv) are left out.",
    ]
    return "\n".join(lines) + "\n"


def to_json(cells: list[Cell], info: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    out: list[dict[str, Any]] = []
    for c in cells:
        d = asdict(c)
        d["median"] = {
            kind: {
                attr: c.median(kind, attr)
                for attr in (
                    "wall",
                    "cpu",
                    "peak_mb",
                    "peak_rss_sum_mb",
                    "max_rss_mb",
                    "pages_written",
                )
            }
            for kind in KINDS
        }
        out.append(d)
    return {
        "machine": info,
        "settings": {
            "sizes": args.sizes,
            "repeat": args.repeat,
            "seed": args.seed,
            "jobs": args.jobs,
            "flavours": args.flavours,
            "sidebars": args.sidebars,
        },
        "cells": out,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50x10", help="comma-separated BRIEFSxOBJECTS")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="-j of the parallel build")
    parser.add_argument(
        "--flavours",
        default=",".join(FLAVOURS),
        help=f"comma-separated, of {', '.join(FLAVOURS + EXTRA_FLAVOURS)} (bare: plain "
        "without its two tables, the floor under any listing page's cost)",
    )
    parser.add_argument("--sidebars", choices=("both", "on", "off"), default="both")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--no-check",
        dest="check",
        action="store_false",
        help="skip the HTML comparisons (and the extra clean build they need)",
    )
    parser.add_argument("--no-warm-up", dest="warm_up", action="store_false")
    parser.add_argument("--smoke", action="store_true", help="same as --sizes 5x3 --repeat 1")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes, args.repeat = "5x3", 1
    args.flavours = [f.strip() for f in args.flavours.split(",") if f.strip()]
    unknown = set(args.flavours) - set(FLAVOURS + EXTRA_FLAVOURS)
    if unknown:
        parser.error(f"unknown flavour(s): {', '.join(sorted(unknown))}")
    if "plain" not in args.flavours:
        print("note: without the plain flavour there are no ratios", file=sys.stderr)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    sidebars = {"both": (True, False), "on": (True,), "off": (False,)}[args.sidebars]
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)

    bench = Bench(args)
    info = machine()
    started = time.perf_counter()
    if args.warm_up:
        bench.warm_up()
    for briefs, objects in sizes:
        for sb in sidebars:
            bench.run_size(briefs, objects, sb)
    text = report(bench.cells, info, args)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    data = to_json(bench.cells, info, args)
    data["elapsed_s"] = time.perf_counter() - started
    (args.out / "results.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(text)
    print(f"(results in {args.out}; {data['elapsed_s']:.0f} s in all)", file=sys.stderr)
    broken = [c for c in bench.cells if c.failed]
    # Only our own flavour's and plain's staleness is an error: sphinx-needs' is a
    # known limitation the benchmark exists to show.
    stale = [
        c
        for c in bench.cells
        if c.flavour in ("plain", "bare", "ours")
        and (c.incremental_equals_clean is False or c.parallel_equals_serial is False)
    ]
    return 1 if broken or stale else 0


if __name__ == "__main__":
    sys.exit(main())
