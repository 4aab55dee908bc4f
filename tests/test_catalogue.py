"""The catalogue of bad input: every file in tests/catalogue is built alone, with -W.

Each case is one small document. A header of comment lines at its top says what the
build must report and what must survive it (see tests/catalogue/README.md):

``expect: <subtype> <line>``
    one warning, ``policybrief.<subtype>``, located at that line of the case file
    (``<file>:<line>`` for another file, e.g. an included one); repeat for each warning.
    A subtype with a dot (``myst.xref_missing``) is another package's warning type.
``expect: nothing``
    the input is fine: no warning at all, and the ``-W`` build succeeds.
``renders: <id>, ...``
    objects of the case page that must still be drawn, with their anchors.
``linkable: <id>, ...``
    objects that must be registered and reachable: the index page links to each.
``include: <path>, ...``
    helper files from tests/catalogue/_include, for the ``include`` directive.
``build: parallel``
    the case is read twice, as itself and as ``zz-<name>-copy``, in two reader processes.
``build: alone``
    no fixture document: the case is the whole project besides its index.
``build: no-colon-fence``
    the project does not enable MyST's ``colon_fence`` (combine with ``alone``: the
    fixture is written with colon fences).
``conf: <name> = <value>``
    a line added to the case's conf.py (a setting the case is about); repeat for more.
``xfail: <reason>``
    a known gap, kept as a strict expected failure.

Every case ends with the sentinel paragraph, which must appear in the page's HTML.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import dataclass
from html import escape
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx.util.parallel import make_chunks

CATALOGUE = Path(__file__).parent / "catalogue"
SENTINEL = "The page goes on."
_HEADER = re.compile(r"^(?:%|\.\.) (?P<key>[a-z]+): (?P<value>.*)$")
_KEYS = {"expect", "renders", "linkable", "include", "build", "xfail", "conf"}
_CONF = """\
extensions = ["myst_parser", "sphinxcontrib_policybrief"]
myst_enable_extensions = ["colon_fence"]
project = "Catalogue case"
exclude_patterns = ["_build", "_include"]
"""


@dataclass(frozen=True)
class Expected:
    """One warning: its full type, and where it points (path relative to the project)."""

    type: str
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line} [{self.type}]"


@dataclass(frozen=True)
class Case:
    """One catalogue file and what its header promises."""

    path: Path
    expected: tuple[Expected, ...]
    renders: tuple[str, ...]
    linkable: tuple[str, ...]
    includes: tuple[str, ...]
    build: str
    xfail: str
    conf: tuple[str, ...] = ()

    @property
    def docname(self) -> str:
        return self.path.stem

    @property
    def copy_name(self) -> str:
        return f"zz-{self.path.stem}-copy{self.path.suffix}"


def _items(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def load_case(path: Path) -> Case:
    header: dict[str, list[str]] = {key: [] for key in _KEYS}
    for line in path.read_text(encoding="utf8").splitlines():
        match = _HEADER.match(line)
        if not match:
            break
        assert match["key"] in _KEYS, f"{path.name}: unknown header key {match['key']!r}"
        header[match["key"]].append(match["value"].strip())
    expected: list[Expected] = []
    for value in header["expect"]:
        if value == "nothing":
            continue
        subtype, where = value.split()
        file, _, line = where.rpartition(":")
        full = subtype if "." in subtype else f"policybrief.{subtype}"
        expected.append(Expected(full, file or path.name, int(line)))
    assert expected or header["expect"] == ["nothing"], f"{path.name}: no expect: line"
    return Case(
        path=path,
        expected=tuple(expected),
        renders=tuple(i for v in header["renders"] for i in _items(v)),
        linkable=tuple(i for v in header["linkable"] for i in _items(v)),
        includes=tuple(i for v in header["include"] for i in _items(v)),
        build=" ".join(header["build"]),
        xfail=" ".join(header["xfail"]),
        conf=tuple(header["conf"]),
    )


CASES = [
    load_case(p)
    for p in sorted(CATALOGUE.iterdir())
    if p.suffix in (".md", ".rst") and not p.name.startswith("_") and p.name != "README.md"
]


def _params() -> list[object]:
    return [
        pytest.param(
            case,
            id=case.path.name,
            marks=[pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else [],
        )
        for case in CASES
    ]


@dataclass(frozen=True)
class Reported:
    """One warning as Sphinx printed it."""

    level: str
    file: str
    line: int
    type: str
    text: str


_RECORD_START = re.compile(r"^(?P<loc>[^\n]*?)(?P<level>WARNING|ERROR|CRITICAL): ", re.M)
_TYPE = re.compile(r"\[(?P<type>[\w.-]+)\]\s*$")


def parse_warnings(text: str, srcdir: Path) -> list[Reported]:
    """Sphinx's warning stream as records, one per warning, with paths made relative."""
    starts = list(_RECORD_START.finditer(text))
    out = []
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        record = text[match.start() : end].strip()
        loc = match["loc"].rstrip(": ")
        path, _, line = loc.rpartition(":")
        if not line.isdigit():
            path, line = loc, "0"
        path = path.removeprefix(str(srcdir)).lstrip("/\\").replace("\\", "/")
        typed = _TYPE.search(record)
        out.append(
            Reported(match["level"], path, int(line), typed["type"] if typed else "", record)
        )
    return out


def _make_project(case: Case, src: Path) -> None:
    src.mkdir()
    conf = _CONF
    if "no-colon-fence" in case.build.split():
        conf = conf.replace('myst_enable_extensions = ["colon_fence"]\n', "")
    conf += "".join(f"{line}\n" for line in case.conf)
    (src / "conf.py").write_text(conf, encoding="utf8")
    documents = [case.docname]
    if "alone" not in case.build.split():
        shutil.copy(CATALOGUE / "_fixture.md", src / "_fixture.md")
        documents.insert(0, "_fixture")
    shutil.copy(case.path, src / case.path.name)
    if case.build == "parallel":
        shutil.copy(case.path, src / case.copy_name)
        documents.append(Path(case.copy_name).stem)
    for name in case.includes:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CATALOGUE / name, src / name)
    links = "".join(f"- [](#{ident})\n" for ident in case.linkable)
    toctree = "\n".join(documents)
    (src / "index.md").write_text(
        f"# Catalogue case\n\n```{{toctree}}\n{toctree}\n```\n\n{links}", encoding="utf8"
    )


def _build(case: Case, tmp: Path) -> tuple[SphinxTestApp, str, str]:
    src = tmp / "src"
    _make_project(case, src)
    warnings, status = StringIO(), StringIO()
    app = SphinxTestApp(
        "html",
        srcdir=src,
        builddir=tmp / "build",
        freshenv=True,
        status=status,
        warning=warnings,
        warningiserror=True,
        parallel=2 if case.build == "parallel" else 0,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return (
        app,
        strip_escape_sequences(warnings.getvalue()),
        strip_escape_sequences(status.getvalue()),
    )


@pytest.mark.parametrize("case", _params())
def test_case(case: Case, tmp_path: Path) -> None:
    app, warning_text, status_text = _build(case, tmp_path)
    srcdir = tmp_path / "src"

    # Never a crash, whatever the input.
    for marker in ("Traceback", "Exception occurred", "Sphinx error"):
        assert marker not in warning_text + status_text, warning_text

    # Exactly the expected warnings, each typed and located.
    found = Counter(Expected(w.type, w.file, w.line) for w in parse_warnings(warning_text, srcdir))
    wanted = Counter(case.expected)
    assert found == wanted, (
        f"missing: {sorted(map(str, wanted - found))}\n"
        f"unexpected: {sorted(map(str, found - wanted))}\n{warning_text}"
    )

    # -W turns any warning into a failed build, and a clean case builds clean.
    assert app.statuscode == (1 if case.expected else 0), warning_text

    # The rest of the page is still there.
    html = (Path(app.outdir) / f"{case.docname}.html").read_text(encoding="utf8")
    assert SENTINEL in html, "the page stops at the bad block"
    for ident in case.renders:
        assert f'id="{escape(ident)}"' in html, f"{ident} is not drawn on the page"
    ids = re.findall(r'\sid="([^"]*)"', html)
    assert [i for i, n in Counter(ids).items() if n > 1] == [], "an HTML id twice on the page"

    # Objects that must be registered can be linked to from another page.
    domain = app.env.get_domain("pb")
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf8")
    for ident in case.linkable:
        assert ident in domain.graph.objects, f"{ident} is not registered"  # type: ignore[attr-defined]
        assert f'href="{escape(case.docname)}.html#{escape(ident)}"' in index, ident


def test_parallel_case_is_read_by_two_processes() -> None:
    """The parallel duplicate really lands in two reader chunks (so two processes)."""
    for case in CASES:
        if case.build != "parallel":
            continue
        docnames = sorted(["index", "_fixture", case.docname, Path(case.copy_name).stem])
        chunks = make_chunks(docnames, 2)
        owner = {doc: i for i, chunk in enumerate(chunks) for doc in chunk}
        assert owner[case.docname] != owner[Path(case.copy_name).stem]


def test_catalogue_is_complete_and_listed() -> None:
    assert len(CASES) >= 40
    readme = (CATALOGUE / "README.md").read_text(encoding="utf8")
    listed = set(re.findall(r"`([\w.-]+\.(?:md|rst))`", readme))
    names = {case.path.name for case in CASES}
    assert names - listed == set(), "cases missing from the README"
    assert (
        listed - names - {"_fixture.md"} - {p.name for p in (CATALOGUE / "_include").iterdir()}
        == set()
    ), "the README lists cases that do not exist"
    for case in CASES:
        source = case.path.read_text(encoding="utf8")
        assert source.rstrip().endswith(SENTINEL), f"{case.path.name}: no sentinel at the end"
        assert case.renders or "alone" in case.build.split(), f"{case.path.name}: nothing to render"
