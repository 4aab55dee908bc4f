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
from html import escape as html_escape
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import (
    EXTRA_FLAVOURS,
    FLAVOURS,
    THEMES,
    Corpus,
    build_corpus,
    edited,
    render,
    write_tree,
)

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
    "furo",
    "sphinx-design",
    "sphinx-needs",
    "sphinxcontrib-policybrief",
    "psutil",
)
_WARNING = re.compile(r"\b(WARNING|ERROR|CRITICAL|SEVERE)\b")


# --------------------------------------------------------------------------- setups


@dataclass(frozen=True, slots=True)
class Setup:
    """A theme and whether its sidebars are on: what every page of a build carries."""

    name: str
    theme: str
    sidebars: bool

    @property
    def title(self) -> str:
        return f"{self.theme}, sidebars on" if self.sidebars else "sidebars off"


#: ``--setups`` names: each theme with its default sidebars, and ``off`` (alabaster with
#: ``html_sidebars = {"**": []}``, which isolates the extensions' own cost).
SETUPS: dict[str, Setup] = {
    **{theme: Setup(theme, theme, True) for theme in THEMES},
    "off": Setup("off", "alabaster", False),
}


def loadavg() -> tuple[float, float, float] | None:
    try:
        return os.getloadavg()
    except OSError:
        return None


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


def pages_showing(root: Path, text: str) -> set[str]:
    """The HTML pages of a build whose text includes *text* (as HTML escapes it)."""
    needle = html_escape(text, quote=False).encode()
    return {rel for rel, path in html_files(root).items() if needle in path.read_bytes()}


def mtimes(root: Path) -> dict[str, int]:
    return {rel: p.stat().st_mtime_ns for rel, p in html_files(root).items()}


# --------------------------------------------------------------------------- running


@dataclass(slots=True)
class Cell:
    """Everything measured for one size, sidebar setting and flavour."""

    size: str
    briefs: int
    objects: int
    setup: str
    theme: str
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
    # The edited claim's new title: pages of the clean build after the edit that show it,
    # and whether the last incremental build wrote every one of them again.
    title_pages: int | None = None
    title_pages_rewritten: bool | None = None
    title_pages_missed: list[str] = field(default_factory=list)
    load: list[tuple[float, float, float] | None] = field(default_factory=list)

    def median(self, kind: str, attr: str) -> float | None:
        values = [getattr(m, attr) for m in self.runs[kind]]
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None


@dataclass(slots=True)
class ScalePoint:
    """Clean serial builds of plain and ours at one size of the scaling series."""

    briefs: int
    objects: int
    walls: dict[str, list[float]] = field(default_factory=lambda: {"plain": [], "ours": []})
    cpus: dict[str, list[float]] = field(default_factory=lambda: {"plain": [], "ours": []})
    load: list[tuple[float, float, float] | None] = field(default_factory=list)
    failed: str | None = None

    def per_brief(self, flavour: str, cpu: bool = False) -> float | None:
        values = (self.cpus if cpu else self.walls)[flavour]
        return statistics.median(values) / self.briefs if values else None


def parse_size(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*[x×]\s*(\d+)\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"size {text!r} is not BRIEFSxOBJECTS, e.g. 50x10")
    return int(m.group(1)), int(m.group(2))


@dataclass(frozen=True, slots=True)
class SizeSpec:
    """One entry of ``--sizes``: ``BRIEFSxOBJECTS``, optionally followed by ``:serial``
    (clean serial builds only), ``:rN`` (N runs instead of ``--repeat``) and
    ``:SETUP+SETUP`` (these setups instead of ``--setups``), so that one invocation can
    measure a small size fully and a large one only where the targets need it."""

    briefs: int
    objects: int
    serial_only: bool = False
    repeat: int | None = None
    setups: tuple[str, ...] = ()


def runs_phrase(args: argparse.Namespace) -> str:
    """How many runs each figure of the report is the median of, for what was measured."""
    parts = []
    if any(size.strip() for size in args.sizes.split(",")):
        parts.append(
            f"sizes: median of {args.repeat} run(s) (a size given as `SIZE:rN` in `--sizes`: of N)"
        )
    if args.scaling:
        parts.append(f"scaling series: median of {args.scaling_repeat or args.repeat} run(s)")
    text = "; ".join(parts) or "nothing measured"
    return text[0].upper() + text[1:]


def parse_size_spec(text: str) -> SizeSpec:
    size, *options = text.split(":")
    briefs, objects = parse_size(size)
    serial_only, repeat, setups = False, None, ()
    for option in (o.strip() for o in options):
        if option == "serial":
            serial_only = True
        elif re.fullmatch(r"r\d+", option) and int(option[1:]) > 0:
            repeat = int(option[1:])
        elif option and all(name in SETUPS for name in option.split("+")):
            setups = tuple(option.split("+"))
        else:
            raise argparse.ArgumentTypeError(
                f"{text!r}: {option!r} is not 'serial', 'rN' or setups joined by '+' "
                f"(of {', '.join(SETUPS)})"
            )
    return SizeSpec(briefs, objects, serial_only, repeat, setups)


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
            f"  {cell.size} {cell.setup:9} {cell.flavour:5} "
            f"{kind:11} {m.wall:7.2f} s  cpu {m.cpu:7.2f} s  peak {m.peak_mb:6.0f} MB"
            f"  warnings {m.warnings}"
        )
        if m.returncode != 0:
            tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
            cell.failed = f"{kind} build exited {m.returncode}; see {log}\n" + "\n".join(tail)
            self.log("    FAILED: " + cell.failed)
            return None
        return m

    def run_size(self, spec: SizeSpec, setup: Setup) -> None:
        a = self.args
        briefs, objects = spec.briefs, spec.objects
        serial_only = a.serial_only or spec.serial_only
        check = a.check and not serial_only
        repeat = spec.repeat or a.repeat
        size = f"{briefs}x{objects}"
        sidebars, theme = setup.sidebars, setup.theme
        corpus: Corpus = build_corpus(briefs, objects, a.seed)
        changed: Corpus = edited(corpus)
        base = self.out / size / setup.name
        cells = {f: Cell(size, briefs, objects, setup.name, theme, sidebars, f) for f in a.flavours}
        rewritten: dict[str, set[str]] = {}
        for r in range(repeat):
            last = r == repeat - 1
            for flavour, cell in cells.items():
                if cell.failed:
                    continue
                cell.load.append(loadavg())
                root = base / flavour
                src = root / "src"
                write_tree(src, render(corpus, flavour, sidebars, theme))
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
                if serial_only:
                    continue
                m = self.build(
                    cell, "parallel", sphinx_cmd(src, parallel, a.jobs), logs / f"parallel-{r}.log"
                )
                if m is None:
                    continue
                cell.runs["parallel"].append(m)
                if last and check:
                    cell.parallel_diff = compare_html(serial, parallel, normaliser(flavour))
                    cell.parallel_equals_serial = not cell.parallel_diff
                before = mtimes(serial)
                cell.edited_files = write_tree(src, render(changed, flavour, sidebars, theme))
                m = self.build(
                    cell, "incremental", sphinx_cmd(src, serial), logs / f"incremental-{r}.log"
                )
                if m is None:
                    continue
                after = mtimes(serial)
                rewritten[flavour] = {k for k, v in after.items() if before.get(k) != v}
                m.pages_written = len(rewritten[flavour])
                cell.runs["incremental"].append(m)
        if check:
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
                if changed.edit_claim is not None:
                    title = changed.objects[changed.edit_claim].title
                    showing = pages_showing(check, title)
                    missed = sorted(showing - rewritten.get(flavour, set()))
                    cell.title_pages = len(showing)
                    cell.title_pages_missed = missed
                    cell.title_pages_rewritten = bool(showing) and not missed
        self.cells.extend(cells.values())

    def warm_up(self, setups: list[Setup]) -> None:
        """One tiny build per flavour and theme, so that no measured build pays for cold
        caches."""
        corpus = build_corpus(3, 2, self.args.seed)
        for theme in sorted({s.theme for s in setups}):
            for flavour in self.args.flavours:
                root = self.out / "warm-up" / theme / flavour
                write_tree(root / "src", render(corpus, flavour, True, theme))
                shutil.rmtree(root / "html", ignore_errors=True)
                run_measured(sphinx_cmd(root / "src", root / "html"), root / "build.log")

    def run_scaling(self, sizes: list[int], objects: int) -> list[ScalePoint]:
        """Clean serial builds of plain and ours at each size, sidebars off, interleaved."""
        a = self.args
        setup = SETUPS["off"]
        points = {n: ScalePoint(n, objects) for n in sizes}
        for r in range(a.scaling_repeat or a.repeat):
            for n in sizes:
                corpus = build_corpus(n, objects, a.seed)
                for flavour in ("plain", "ours"):
                    root = self.out / "scaling" / f"{n}x{objects}" / flavour
                    write_tree(root / "src", render(corpus, flavour, False, setup.theme))
                    html = root / "serial"
                    shutil.rmtree(html, ignore_errors=True)
                    load = loadavg()
                    m = run_measured(sphinx_cmd(root / "src", html), root / f"serial-{r}.log")
                    self.log(
                        f"  scaling {n}x{objects} {flavour:5} serial {m.wall:8.2f} s"
                        f"  ({m.wall / n:.3f} s / brief)  load {load[0] if load else '?'}"
                    )
                    if m.returncode != 0:
                        points[n].failed = f"{flavour} exited {m.returncode}; see {root}"
                        continue
                    points[n].walls[flavour].append(m.wall)
                    points[n].cpus[flavour].append(m.cpu)
                    points[n].load.append(load)
        return list(points.values())


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


def _load(values: list[tuple[float, float, float] | None]) -> str:
    ones = [v[0] for v in values if v is not None]
    if not ones:
        return "?"
    return f"{min(ones):.1f}–{max(ones):.1f}" if min(ones) != max(ones) else f"{ones[0]:.1f}"


@dataclass(slots=True)
class Target:
    """One target of the performance page, with the figure measured for it."""

    what: str
    figure: float | None
    limit: float
    note: str = ""
    #: The same ratio in CPU time (user + system, the build and its workers): what the
    #: build costs whatever else the machine runs, where wall time also counts waiting.
    cpu: float | None = None

    def row(self) -> str:
        cpu = f"{self.cpu:.2f}×" if self.cpu is not None else "–"
        if self.figure is None:
            return f"| {self.what} | – | {cpu} | ≤ {self.limit:.2f}× | not measured |"
        met = "yes" if self.figure <= self.limit else "**no**"
        note = f" ({self.note})" if self.note else ""
        return f"| {self.what} | {self.figure:.2f}×{note} | {cpu} | ≤ {self.limit:.2f}× | {met} |"


def targets(cells: list[Cell], points: list[ScalePoint]) -> list[Target]:
    """The issue's targets, as ratios of ours to plain measured in the same run."""
    out: list[Target] = []
    by = {(c.size, c.setup, c.flavour): c for c in cells if not c.failed}

    def ratio(size: str, setup: str, kind: str, attr: str) -> float | None:
        ours, plain = by.get((size, setup, "ours")), by.get((size, setup, "plain"))
        if ours is None or plain is None:
            return None
        a, b = ours.median(kind, attr), plain.median(kind, attr)
        return a / b if a is not None and b else None

    sizes = list(dict.fromkeys(c.size for c in cells))
    on = [s for s in dict.fromkeys(c.setup for c in cells) if SETUPS[s].sidebars]
    for size in sizes:
        for setup in on:
            what = f"clean serial, {SETUPS[setup].title}, {size.replace('x', ' × ')}"
            cpu = ratio(size, setup, "serial", "cpu")
            out.append(Target(what, ratio(size, setup, "serial", "wall"), 1.10, cpu=cpu))
    for size in sizes:
        for setup in [*on, "off"]:
            ours = by.get((size, setup, "ours"))
            if ours is None:
                continue
            note = ""
            if ours.title_pages is not None:
                shown = "all" if ours.title_pages_rewritten else "**not all**"
                note = f"{shown} {ours.title_pages} pages showing the title rewritten"
                if ours.incremental_equals_clean is not None:
                    note += ", = clean" if ours.incremental_equals_clean else ", **≠ clean**"
            what = f"incremental after a one-claim edit, {SETUPS[setup].title}, {size}"
            wall, cpu = (ratio(size, setup, "incremental", a) for a in ("wall", "cpu"))
            out.append(Target(what, wall, 1.5, note, cpu))
    for size in sizes:
        for setup in on:
            for kind, label in (("serial", "serial"), ("parallel", "-j")):
                what = f"peak memory, {label}, {SETUPS[setup].title}, {size}"
                out.append(Target(what, ratio(size, setup, kind, "peak_mb"), 1.15))
    good = [p for p in points if p.per_brief("plain") and p.per_brief("ours")]
    if len(good) >= 2:
        first, last = good[0], good[-1]

        def growth(flavour: str, cpu: bool) -> float:
            return (last.per_brief(flavour, cpu) or 0) / (first.per_brief(flavour, cpu) or 1)

        plain_growth, ours_growth = growth("plain", False), growth("ours", False)
        out.append(
            Target(
                f"growth of s / brief, {first.briefs} → {last.briefs} briefs, ours ÷ plain's",
                ours_growth / plain_growth,
                1.0,
                f"plain ×{plain_growth:.2f}, ours ×{ours_growth:.2f}",
                growth("ours", True) / growth("plain", True),
            )
        )
    return out


def report(
    cells: list[Cell],
    points: list[ScalePoint],
    layout: str,
    info: dict[str, Any],
    args: argparse.Namespace,
) -> str:
    v = info["versions"]
    lines = [
        "# Build-time benchmark",
        "",
        f"Machine: {info.get('nproc')} cores ({info.get('cpu', 'unknown CPU')}), "
        f"{info.get('memory_gib', '?')} GiB; Python {info['python']}; "
        f"Sphinx {v['sphinx']}, docutils {v['docutils']}, myst-parser {v['myst-parser']}, "
        f"alabaster {v['alabaster']}, furo {v['furo']}, sphinx-needs {v['sphinx-needs']}, "
        f"sphinx-design {v['sphinx-design']}, sphinxcontrib-policybrief "
        f"{v['sphinxcontrib-policybrief']}.",
        "",
        f"Load average (1 min) at the start of each build: {info.get('load', '?')} "
        f"(before the run {info.get('load_before', '?')}, after it {info.get('load_after', '?')}).",
        "",
        f"{runs_phrase(args)}, invoked as "
        f"`{' '.join(args.argv)}`; seed {args.seed}, parallel builds with "
        f"`-j {args.jobs}`. Ratios are to plain MyST measured in the same run. "
        "Peak memory: the largest sum of the PSS of the build's process tree, sampled "
        "every 50 ms (PSS, not RSS, so that pages the -j workers share with the parent "
        "count once); largest process: the kernel's maximum RSS of the biggest single "
        "process, the figure `/usr/bin/time -v` prints.",
    ]
    found = targets(cells, points)
    if found:
        lines += ["", "## Targets", ""]
        lines += ["| target | ours ÷ plain (wall) | (CPU) | limit | met (wall)? |"]
        lines += ["|---|--:|--:|--:|---|", *(t.row() for t in found)]
    for setup in dict.fromkeys(c.setup for c in cells):
        group = [c for c in cells if c.setup == setup]
        lines += ["", f"## {SETUPS[setup].title.capitalize()}", "", "### Time", ""]
        lines += [
            "| briefs × objects | flavour | serial s | ×plain | s / brief | serial CPU s "
            f"| -j {args.jobs} s | ×plain | -j CPU s | incremental s | ×plain "
            "| pages rewritten | title pages rewritten | incremental = clean | -j = serial "
            "| warnings |",
            "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|---|--:|",
        ]
        plain = {c.size: c for c in group if c.flavour == "plain"}
        for c in group:
            ref = plain.get(c.size)
            if c.failed:
                lines.append(
                    f"| {c.briefs} × {c.objects} | {c.flavour} | FAILED: "
                    f"{c.failed.splitlines()[0]} |" + " |" * 13
                )
                continue

            def med(kind: str, attr: str, cell: Cell | None = c) -> float | None:
                return cell.median(kind, attr) if cell is not None else None

            serial = med("serial", "wall")
            titles = "–"
            if c.title_pages is not None:
                titles = (
                    f"all {c.title_pages}"
                    if c.title_pages_rewritten
                    else f"**NO**: {len(c.title_pages_missed)} of {c.title_pages} not"
                )
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
                        titles,
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
    if points:
        first = points[0]
        lines += [
            "",
            "## Scaling (sidebars off, clean serial builds)",
            "",
            "| briefs × objects | plain s | plain s / brief | ×first | ours s | ours s / brief "
            "| ×first | ours ÷ plain | CPU s / brief, plain | ours | ours ÷ plain (CPU) | load |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for p in points:
            row = [f"{p.briefs} × {p.objects}"]
            for flavour in ("plain", "ours"):
                walls = p.walls[flavour]
                wall = statistics.median(walls) if walls else None
                per, base = p.per_brief(flavour), first.per_brief(flavour)
                row += [_fmt(wall), _fmt(per, 4), _ratio(per, base)]
            row.append(_ratio(p.per_brief("ours"), p.per_brief("plain")))
            row += [_fmt(p.per_brief("plain", True), 4), _fmt(p.per_brief("ours", True), 4)]
            row.append(_ratio(p.per_brief("ours", True), p.per_brief("plain", True)))
            row.append(_load(p.load))
            failed = f" FAILED: {p.failed}" if p.failed else ""
            lines.append("| " + " | ".join(row) + failed + " |")
    if layout:
        lines += ["", "## Argument map layout", "", "```", layout.strip(), "```"]
    notes: list[str] = []
    for c in cells:
        tag = f"{c.size}, {SETUPS[c.setup].title}, {c.flavour}"
        if c.failed:
            notes += [f"### {tag}: build failed", "", "```", c.failed, "```", ""]
        if c.incremental_diff:
            notes += [f"### {tag}: incremental build differs from a clean build", "", "```"]
            notes += [*c.incremental_diff[:60], "```", ""]
        if c.parallel_diff:
            notes += [f"### {tag}: -j build differs from the serial build", "", "```"]
            notes += [*c.parallel_diff[:60], "```", ""]
        if c.title_pages_missed:
            notes += [f"### {tag}: pages showing the new title not rewritten", "", "```"]
            notes += [*c.title_pages_missed[:40], "```", ""]
        if c.warning_lines and c.sidebars:
            notes += [f"### {tag}: {len(c.warning_lines)} warning(s) in the clean build", ""]
            notes += ["```", *c.warning_lines[:20], "```", ""]
    if notes:
        lines += ["", "## Findings", "", *notes]
    if cells:  # a run of the scaling series alone has no incremental builds
        lines += [
            "",
            "Incremental build: after the first clean serial build, one claim's title is "
            "changed (plain MyST also rewrites its static claims table, as its author would "
            "have to); 'pages rewritten' counts the HTML files whose mtime changed; 'title "
            "pages rewritten' says whether every page of a clean build of the edited corpus "
            "that shows the new title was among them. "
            "'incremental = clean' compares every HTML page of the incremental output with a "
            "clean build of the edited corpus, byte for byte (for sphinx-needs only, the "
            "random `SNCB-` container ids it draws on every build are masked); only "
            "non-HTML files (search index, _static, objects.inv) are left out.",
        ]
    return "\n".join(lines) + "\n"


def to_json(
    cells: list[Cell],
    points: list[ScalePoint],
    layout: str,
    info: dict[str, Any],
    args: argparse.Namespace,
) -> dict[str, Any]:
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
            "setups": args.setups,
            "scaling": args.scaling,
        },
        "cells": out,
        "scaling": [asdict(p) for p in points],
        "targets": [asdict(t) for t in targets(cells, points)],
        "argument_map_layout": layout,
    }


def argument_map_layout(claims: int) -> str:
    """The output of ``argument_map_layout.py`` for *claims* claims (empty when 0)."""
    if claims <= 0:
        return ""
    script = HERE / "argument_map_layout.py"
    done = subprocess.run(
        [sys.executable, str(script), "--claims", str(claims), "--repeat", "3"],
        capture_output=True,
        text=True,
    )
    return done.stdout if done.returncode == 0 else f"failed:\n{done.stderr[-2000:]}"


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
    parser.add_argument(
        "--setups",
        default=",".join(SETUPS),
        help=f"comma-separated, of {', '.join(SETUPS)}: a theme with its default sidebars, "
        "or 'off' (alabaster without sidebars)",
    )
    parser.add_argument(
        "--scaling",
        default="",
        help="comma-separated numbers of briefs for the scaling series (plain and ours, "
        "sidebars off, clean serial builds), e.g. 50,200,500,1000,2000",
    )
    parser.add_argument("--scaling-objects", type=int, default=20, help="objects per brief")
    parser.add_argument(
        "--scaling-repeat",
        type=int,
        default=0,
        help="runs of each scaling size (default: --repeat)",
    )
    parser.add_argument(
        "--argument-map",
        type=int,
        default=500,
        help="claims of the argument map whose layout is timed (0: skip)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--no-check",
        dest="check",
        action="store_false",
        help="skip the HTML comparisons (and the extra clean build they need)",
    )
    parser.add_argument(
        "--serial-only",
        action="store_true",
        help="clean serial builds only (no -j, no incremental build, no checks): for sizes "
        "too large to measure fully in the time at hand",
    )
    parser.add_argument("--no-warm-up", dest="warm_up", action="store_false")
    parser.add_argument("--smoke", action="store_true", help="same as --sizes 5x3 --repeat 1")
    args = parser.parse_args(argv)
    args.argv = ["bench/run.py", *(sys.argv[1:] if argv is None else argv)]
    if args.smoke:
        args.sizes, args.repeat = "5x3", 1
    if args.serial_only:
        args.check = False
    args.flavours = [f.strip() for f in args.flavours.split(",") if f.strip()]
    unknown = set(args.flavours) - set(FLAVOURS + EXTRA_FLAVOURS)
    if unknown:
        parser.error(f"unknown flavour(s): {', '.join(sorted(unknown))}")
    args.setups = [s.strip() for s in args.setups.split(",") if s.strip()]
    unknown = set(args.setups) - set(SETUPS)
    if unknown:
        parser.error(f"unknown setup(s): {', '.join(sorted(unknown))}")
    if "plain" not in args.flavours:
        print("note: without the plain flavour there are no ratios", file=sys.stderr)
    try:
        sizes = [parse_size_spec(s) for s in args.sizes.split(",") if s.strip()]
    except argparse.ArgumentTypeError as err:
        parser.error(str(err))
    scaling = [int(n) for n in args.scaling.split(",") if n.strip()]
    setups = [SETUPS[s] for s in args.setups]
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)

    bench = Bench(args)
    info = machine()
    info["load_before"] = _load([loadavg()])
    started = time.perf_counter()
    if args.warm_up:
        used = {s.name for s in setups} | {n for spec in sizes for n in spec.setups}
        bench.warm_up([SETUPS[n] for n in sorted(used)])
    for spec in sizes:
        for setup in [SETUPS[s] for s in spec.setups] if spec.setups else setups:
            bench.run_size(spec, setup)
    points = bench.run_scaling(scaling, args.scaling_objects) if scaling else []
    layout = argument_map_layout(args.argument_map)
    info["load_after"] = _load([loadavg()])
    loads = [v for c in bench.cells for v in c.load] + [v for p in points for v in p.load]
    info["load"] = _load(loads)
    text = report(bench.cells, points, layout, info, args)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    data = to_json(bench.cells, points, layout, info, args)
    data["elapsed_s"] = time.perf_counter() - started
    (args.out / "results.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(text)
    print(f"(results in {args.out}; {data['elapsed_s']:.0f} s in all)", file=sys.stderr)
    broken = [c for c in bench.cells if c.failed] + [p for p in points if p.failed]
    # Only our own flavour's and plain's staleness is an error: sphinx-needs' is a
    # known limitation the benchmark exists to show.
    stale = [
        c
        for c in bench.cells
        if c.flavour in ("plain", "bare", "ours")
        and (
            c.incremental_equals_clean is False
            or c.parallel_equals_serial is False
            or (c.flavour == "ours" and c.title_pages_rewritten is False)
        )
    ]
    return 1 if broken or stale else 0


if __name__ == "__main__":
    sys.exit(main())
