"""Text typed into a directive never runs as script: HTML, attributes, SVG, data files.

Every payload carries a marker (``alert('t1')`` and so on), so each test can check both
that the payload is not live markup and that its text survived, escaped, rather than
being dropped.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from defusedxml import ElementTree
from helpers import build

SCRIPT = "<script>alert('{m}')</script>"
BREAKOUT = "x\"><img src=x onerror=alert('{m}')>"
CLOSE = "</script><script>alert('{m}')</script>"
JS_URL = "javascript:alert('{m}')"
ATTR = "x\" onmouseover=\"alert('{m}')"
# No line separators (\x85, \x1c-\x1e): both parsers would start a new line there.
CONTROL = "\x01\x08\x1b[31m\x7f\x9b"
# Markdown's character references: text, not markup, once MyST has read them.
ENTITIES = "&lt;/script&gt;&lt;script&gt;alert('{m}')&lt;/script&gt;"


def _p(template: str, marker: str) -> str:
    return template.format(m=marker)


MYST_OBJECTS = f"""\
# Objects

:::{{actor}} Actor {_p(SCRIPT, "t1")} {_p(BREAKOUT, "t2")} {CONTROL}end
:id: evil-actor
:kind: person
:role: Role {_p(CLOSE, "r1")} {_p(BREAKOUT, "r2")} {CONTROL}end
:aliases: Alias {_p(SCRIPT, "a1")}, {_p(JS_URL, "a2")}, {_p(BREAKOUT, "a3")}
:tags: {_p(SCRIPT, "g1")}, {_p(ATTR, "g2")}, ctl{CONTROL}tag
:short: Short {_p(SCRIPT, "s1")}

Body [a link]({_p(JS_URL, "b1")}) and {_p(ATTR, "b2")}.
:::

:::{{timeline-event}} Event {_p(CLOSE, "t3")} {_p(BREAKOUT, "t4")}
:id: evil-event
:date: 2019-12
:date-label: {_p(SCRIPT, "d1")} {_p(BREAKOUT, "d2")} {CONTROL}end
:source: Source {_p(BREAKOUT, "o1")} [link]({_p(JS_URL, "o2")}) <a href="{_p(JS_URL, "o3")}">x</a>
:actors: evil-actor
:tags: {_p(ATTR, "g3")}

Summary {_p(ENTITIES, "b3")} with [a link]({_p(JS_URL, "b4")}).
:::

:::{{timeline-event}} Second event {_p(SCRIPT, "t5")}
:id: evil-event-2
:date: 2018-03~
:date-label: {_p(CLOSE, "d3")}
:actors: evil-actor
:::

:::{{claim}} =HYPERLINK("http://evil.example","t6") {_p(SCRIPT, "t7")}
:id: evil-claim
:kind: key-judgment
:evidence: evil-event
:actors: evil-actor
:::

:::{{claim}} Other claim {_p(BREAKOUT, "t8")}
:id: evil-claim-2
:contradicts: evil-claim
:::

:::{{paradox}} Paradox {_p(SCRIPT, "t9")}
:id: evil-paradox
:claims: evil-claim, evil-claim-2

Why {_p(BREAKOUT, "b5")}.
:::

Roles: {{actor}}`{_p(ATTR, "l1")} <evil-actor>`, {{event}}`label {_p(ATTR, "l2")} <evil-event>`,
{{claim}}`evil-claim`.
"""

MYST_VIEWS = """\
# Views

:::{timeline}
:::

:::{claim-index}
:group-by: actor
:::

:::{key-judgments}
:scope: project
:::

:::{actor-index}
:::

:::{paradox-index}
:::
"""

RST_OBJECTS = f"""\
Objects in reStructuredText
===========================

.. actor:: Actor {_p(SCRIPT, "t1")} {_p(BREAKOUT, "t2")} {CONTROL}end
   :id: evil-actor
   :role: Role {_p(CLOSE, "r1")}
   :aliases: Alias {_p(SCRIPT, "a1")}, {_p(JS_URL, "a2")}
   :tags: {_p(ATTR, "g2")}

   Body {_p(SCRIPT, "b1")} and {_p(BREAKOUT, "b2")}.

.. timeline-event:: Event {_p(CLOSE, "t3")}
   :id: evil-event
   :date: 2019-12
   :date-label: {_p(SCRIPT, "d1")}
   :source: Source {_p(BREAKOUT, "o1")} `link <{_p(JS_URL, "o2")}>`__
   :actors: evil-actor

   Summary {_p(SCRIPT, "b4")}.

.. timeline::

.. actor-index::

Roles: :actor:`{_p(ATTR, "l1")} <evil-actor>`.
"""

RAW_HTML_BODIES = f"""\
# Raw HTML in bodies

:::{{claim}} A claim
:id: html-body

Body {_p(SCRIPT, "h1")} and <img src=x onerror="alert('h2')">.

<div onclick="alert('h3')">{_p(SCRIPT, "h4")}</div>
:::

:::{{timeline}}
:::

:::{{timeline-event}} An event
:id: html-summary
:date: 2019

Summary {_p(SCRIPT, "h5")}.
:::
"""

_CONF = 'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\nproject = "Safety"\n'
_MYST = 'myst_enable_extensions = ["colon_fence"]\n'


def _write(src: Path, files: dict[str, str]) -> Path:
    src.mkdir(parents=True)
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf8")
    return src


@pytest.fixture(scope="module")
def myst_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("myst")
    src = _write(
        tmp / "src",
        {
            "conf.py": _CONF + _MYST,
            "index.md": "# Safety\n\n```{toctree}\nobjects\nviews\n```\n",
            "objects.md": MYST_OBJECTS,
            "views.md": MYST_VIEWS,
        },
    )
    app, warnings = build(src, tmp / "build", fresh=True)
    assert "Traceback" not in warnings and "Exception" not in warnings, warnings
    return Path(app.outdir)


@pytest.fixture(scope="module")
def rst_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("rst")
    src = _write(
        tmp / "src",
        {
            "conf.py": _CONF,
            "index.rst": "Safety\n======\n\n.. toctree::\n\n   objects\n",
            "objects.rst": RST_OBJECTS,
        },
    )
    app, warnings = build(src, tmp / "build", fresh=True)
    assert "Traceback" not in warnings, warnings
    return Path(app.outdir)


# -- what "no live markup" means ----------------------------------------------------------


class _Audit(HTMLParser):
    """Collects every element, attribute and script body that a payload could have made."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script = self._data_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "xlink:href", "action") and re.match(
                r"\s*(javascript|vbscript|data):", value or "", re.I
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.problems.append("<img src=x>")
        self._script = tag == "script"
        self._data_script = self._script and str(dict(attrs).get("type")).endswith("json")

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and self._data_script:
            # Data, never run: but it must all be there (a "</script>" inside it would have
            # ended the element early, leaving broken JSON and live markup after it).
            try:
                json.loads(data)
            except ValueError:
                self.problems.append(f"<script type=json>{data[:200]}</script>")
        elif self._script and "alert(" in data:
            self.problems.append(f"<script>{data}</script>")
        self.text.append(data)


def audit(html: str) -> tuple[list[str], str]:
    """(live markup a payload made, the page's text with entities and smart quotes undone)."""
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser.problems, _plain("".join(parser.text))


def _plain(text: str) -> str:
    return text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values += [(tag, name, value or "") for name, value in attrs]


def attributes(html: str) -> list[tuple[str, str, str]]:
    """Every (tag, attribute, decoded value) of a page."""
    parser = _Attributes()
    parser.feed(html)
    parser.close()
    return parser.values


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _pages(outdir: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(outdir.rglob("*.html")):
        yield str(path.relative_to(outdir)), path.read_text(encoding="utf8")


# -- HTML pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", ["myst", "rst"])
def test_no_live_markup_in_any_page(
    flavour: str, request: pytest.FixtureRequest, myst_out: Path, rst_out: Path
) -> None:
    outdir = myst_out if flavour == "myst" else rst_out
    pages = dict(_pages(outdir))
    assert "objects.html" in pages
    for name, html in pages.items():
        problems, _ = audit(html)
        assert problems == [], f"{name}: {problems}"
        found = _CONTROL_CHARS.findall(html)
        assert found == [], f"{name}: control characters {found!r}"


def test_payload_text_survives_as_text(myst_out: Path) -> None:
    """Escaped, not dropped: each payload reads as the author typed it."""
    _, objects = audit((myst_out / "objects.html").read_text(encoding="utf8"))
    _, views = audit((myst_out / "views.html").read_text(encoding="utf8"))
    # Tags are not among them: they are stored id-like (see test_tags_become_plain_classes).
    for marker in ("t1", "t2", "r1", "r2", "a1", "a3", "d1", "d2", "o1", "t3", "t4"):
        assert f"alert('{marker}')" in objects, marker
    # The titles and the first paragraph of the bodies, shown again in the views.
    for marker in ("t1", "t3", "t4", "t5", "t7", "t8", "t9", "b3", "b5", "d1", "d3", "a1"):
        assert f"alert('{marker}')" in views, marker
    assert "Actor <script>alert('t1')</script>" in objects
    assert "Role </script><script>alert('r1')</script>" in objects


def test_attributes_are_escaped(myst_out: Path) -> None:
    """Titles become link titles and tags become classes: a quote cannot close them.

    Read back by an HTML parser, each attribute holds the whole payload, quote and all.
    """
    event = "Event </script><script>alert('t3')</script> x\"><img src=x onerror=alert('t4')>"
    for name in ("objects.html", "views.html"):
        values = attributes((myst_out / name).read_text(encoding="utf8"))
        titles = {_plain(v) for tag, attr, v in values if tag == "a" and attr == "title"}
        assert f"Timeline event: {event}" in titles, name
        assert any("alert('t1')" in t and "alert('t2')" in t for t in titles), name
    views = attributes((myst_out / "views.html").read_text(encoding="utf8"))
    classes = " ".join(v for _, attr, v in views if attr == "class")
    # A tag becomes a class with nothing but letters, digits, '-', '_' and '.' in it.
    assert "pb-t-x-onmouseover-alert-g3" in classes.split()  # the event's tag, in the timeline


def test_tags_become_plain_classes(myst_out: Path) -> None:
    for name in ("objects.html", "views.html"):
        html = (myst_out / name).read_text(encoding="utf8")
        for value in re.findall(r'class="([^"]*)"', html):
            for cls in value.split():
                assert re.fullmatch(r"[\w.-]+", cls), (name, cls)


def test_javascript_links_are_not_links(myst_out: Path, rst_out: Path) -> None:
    for outdir in (myst_out, rst_out):
        for name, html in _pages(outdir):
            assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript:", html, re.I), name


def test_labels_of_roles_are_text(myst_out: Path, rst_out: Path) -> None:
    for outdir, markers in ((myst_out, ("l1", "l2")), (rst_out, ("l1",))):
        _, text = audit((outdir / "objects.html").read_text(encoding="utf8"))
        for marker in markers:
            assert f"x\" onmouseover=\"alert('{marker}')" in text, marker


# -- the SVG timeline -----------------------------------------------------------------------

# No <a>: the drawing is a picture; the list below it holds the links.
_SVG_ELEMENTS = {
    "svg",
    "title",
    "desc",
    "g",
    "line",
    "polyline",
    "polygon",
    "text",
    "rect",
    "circle",
}


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, re.S)


def test_svg_timeline_is_well_formed_and_inert(myst_out: Path, rst_out: Path) -> None:
    for outdir, page in ((myst_out, "views.html"), (rst_out, "objects.html")):
        svgs = _svgs((outdir / page).read_text(encoding="utf8"))
        assert svgs, f"no timeline overview in {page}"
        for svg in svgs:
            root = ElementTree.fromstring(svg)  # raises on broken-out or invalid markup
            titles = []
            for element in root.iter():
                tag = element.tag.rpartition("}")[2]
                assert tag in _SVG_ELEMENTS, tag
                for name in element.attrib:
                    assert not name.rpartition("}")[2].startswith("on"), name
                    assert not name.endswith("href"), name
                if tag == "title":
                    titles.append(element.text or "")
            text = "\n".join(titles)
            assert "alert('t3')" in text and "alert('d1')" in text
            assert not _CONTROL_CHARS.search(svg)


# -- data: the search index, the inventory, inline JSON, exported files ---------------------------


def test_search_index_is_data(myst_out: Path) -> None:
    text = (myst_out / "searchindex.js").read_text(encoding="utf8")
    start, end = text.index("(") + 1, text.rindex(")")
    index = json.loads(text[start:end])  # the payloads did not break out of the JSON
    assert "objects" in index
    assert not _CONTROL_CHARS.search(text)


def test_inventory_lines_stay_whole(myst_out: Path) -> None:
    raw = (myst_out / "objects.inv").read_bytes()
    body = zlib.decompress(raw.split(b"\n", 4)[4]).decode()
    ours = [line for line in body.splitlines() if " pb:" in line]
    assert len(ours) == 6
    for line in ours:
        _name, role, prio, uri, dispname = line.split(" ", 4)
        assert role.startswith("pb:") and prio == "1" and "#" in uri, line
        assert not _CONTROL_CHARS.search(dispname), line


def _inline_json(html: str) -> list[str]:
    return re.findall(
        r"<script[^>]*type=[\"']application/(?:ld\+)?json[\"'][^>]*>(.*?)</script>", html, re.S
    )


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_inline_json_cannot_close_its_script(myst_out: Path) -> None:
    blocks = [(name, block) for name, html in _pages(myst_out) for block in _inline_json(html)]
    if not blocks:
        pytest.skip("no inline JSON (JSON-LD) in the pages yet")
    seen = ""
    for name, block in blocks:
        assert "</" not in block and "<!--" not in block, f"{name}: {block[:200]}"
        seen += "\n".join(_strings(json.loads(block)))
    assert "alert('t1')" in seen or "alert('t7')" in seen


def _exported(outdir: Path, suffix: str) -> list[Path]:
    return [
        p
        for p in sorted(outdir.rglob(f"*{suffix}"))
        if "_static" not in p.parts and ".doctrees" not in p.parts
    ]


def _is_timelinejs(data: object) -> bool:
    return isinstance(data, dict) and isinstance(data.get("events"), list) and "scale" in data


def test_exported_json_round_trips(myst_out: Path, rst_out: Path) -> None:
    files = _exported(myst_out, ".json") + _exported(rst_out, ".json")
    if not files:
        pytest.skip("no JSON export (policybrief.json) is written yet")
    assert any(p.name == "policybrief.json" for p in files)
    for path in files:
        text = path.read_text(encoding="utf8")
        assert not _CONTROL_CHARS.search(text), path.name
        data = json.loads(text)  # the payloads did not break the JSON
        strings = list(_strings(data))
        if _is_timelinejs(data):
            # TimelineJS shows its strings as HTML: there they must be escaped HTML.
            for value in strings:
                problems, _ = audit(value)
                assert problems == [], f"{path.name}: {problems}"
            _, shown = audit("\n".join(strings))
            assert "Event </script><script>alert('t3')</script>" in shown, path.name
        else:
            # Plain data: the author's text, exactly, escaped only as JSON escapes it.
            assert "Actor <script>alert('t1')</script> x\"><img" in "\n".join(strings)


def test_exported_csv_is_inert(myst_out: Path) -> None:
    files = _exported(myst_out, ".csv")
    if not files:
        pytest.skip("no CSV export is written yet")
    every: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        assert not _CONTROL_CHARS.search(text), path.name
        rows = list(csv.reader(io.StringIO(text)))
        assert len({len(row) for row in rows}) == 1, f"{path.name}: ragged rows"
        cells = [cell for row in rows for cell in row]
        # A spreadsheet runs a cell that starts with = + or @ as a formula.
        formulas = [c for c in cells if c[:1] in ("=", "+", "@")]
        assert formulas == [], f"{path.name}: {formulas}"
        every += cells
    assert any("Actor <script>alert('t1')</script> x\"><img" in cell for cell in every)
    assert any("HYPERLINK" in cell and "alert('t7')" in cell for cell in every)


# -- bodies -----------------------------------------------------------------------------------


def _build_raw_html_bodies(tmp: Path, conf: str) -> Path:
    src = _write(
        tmp / "src",
        {
            "conf.py": _CONF + _MYST + conf,
            "index.md": RAW_HTML_BODIES,
        },
    )
    app, warnings = build(src, tmp / "build", fresh=True)
    assert "Traceback" not in warnings, warnings
    return Path(app.outdir) / "index.html"


def test_rst_bodies_are_text(rst_out: Path) -> None:
    _, text = audit((rst_out / "objects.html").read_text(encoding="utf8"))
    assert "Body <script>alert('b1')</script>" in text


def test_bodies_are_text_when_the_project_disables_raw_html(tmp_path: Path) -> None:
    page = _build_raw_html_bodies(tmp_path, 'myst_disable_syntax = ["html_inline", "html_block"]\n')
    problems, text = audit(page.read_text(encoding="utf8"))
    assert problems == []
    assert "Body <script>alert('h1')</script>" in text


def test_summaries_drawn_elsewhere_are_text_even_from_raw_html(tmp_path: Path) -> None:
    """The first paragraph reused in a timeline is text, whatever the body allowed."""
    html = _build_raw_html_bodies(tmp_path, "").read_text(encoding="utf8")
    timeline = html[html.index('class="pb-view') :]
    summary = re.search(r'<p class="pb-tl-summary">(.*?)</p>', timeline, re.S)
    assert summary is not None
    problems, text = audit(summary.group(1))
    assert problems == [] and "alert('h5')" in text


@pytest.mark.xfail(
    strict=True,
    reason="docutils keeps javascript: links written in rST bodies, as anywhere on a page; "
    "dropping them inside objects only would be a design change",
)
def test_rst_body_javascript_link_is_dropped(tmp_path: Path) -> None:
    src = _write(
        tmp_path / "src",
        {
            "conf.py": _CONF,
            "index.rst": "Links\n=====\n\n.. claim:: A claim\n   :id: c\n\n"
            f"   `a link <{_p(JS_URL, 'j1')}>`__\n",
        },
    )
    app, _ = build(src, tmp_path / "build", fresh=True)
    problems, _ = audit((Path(app.outdir) / "index.html").read_text(encoding="utf8"))
    assert problems == []


@pytest.mark.xfail(
    strict=True,
    reason="MyST passes raw HTML in a body through, as it does anywhere on a page; escaping "
    "it inside objects only would be a design change (projects can disable it with "
    "myst_disable_syntax)",
)
def test_myst_body_raw_html_is_escaped_by_default(tmp_path: Path) -> None:
    problems, _ = audit(_build_raw_html_bodies(tmp_path, "").read_text(encoding="utf8"))
    assert problems == []


# -- LaTeX and plain text -----------------------------------------------------------------------

# What LaTeX would run or choke on: a command, a definition, math, and every special character.
TEX = r"\input{/etc/passwd} \def\x{y}\x $m^2_1$ 50% & #1 ~ {braces} \\ end"
# As MyST reads it: "\\" is an escaped backslash. (In an option, " #" starts a comment.)
TEX_READ = TEX.replace("\\\\", "\\")

TEX_OBJECTS = f"""\
# Objects in print

:::{{actor}} Actor {TEX} {CONTROL}end
:id: tex-actor
:role: Role {TEX}
:aliases: Alias {TEX}
:tags: tex{CONTROL}tag

Body of the actor.
:::

:::{{timeline-event}} Event {TEX}
:id: tex-event
:date: 2019-12
:date-label: {TEX}
:source: Source {TEX}
:actors: tex-actor

Summary {TEX}.
:::

:::{{claim}} Claim {TEX}
:id: tex-claim
:kind: key-judgment
:likelihood: likely
:confidence: high
:evidence: tex-event
:actors: tex-actor
:::

:::{{paradox}} Paradox {TEX}
:id: tex-paradox
:claims: tex-claim, tex-claim-2
:::

:::{{claim}} Second claim {_p(SCRIPT, "x1")}
:id: tex-claim-2
:contradicts: tex-claim
:::

Roles: {{actor}}`label {TEX} <tex-actor>`.
"""


@pytest.fixture(scope="module")
def print_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(
        tmp_path_factory.mktemp("print") / "src",
        {
            "conf.py": _CONF + _MYST,
            "index.md": "# Print\n\n```{toctree}\nobjects\nviews\n```\n",
            "objects.md": TEX_OBJECTS,
            "views.md": MYST_VIEWS,
        },
    )


def _tex_output(src: Path, tmp: Path) -> Path:
    app, warnings = build(src, tmp, builder="latex", fresh=True)
    assert "Traceback" not in warnings, warnings
    return Path(app.outdir)


def test_latex_escapes_every_payload(print_src: Path, tmp_path: Path) -> None:
    tex = next(_tex_output(print_src, tmp_path).glob("*.tex")).read_text(encoding="utf8")
    body = tex[tex.index("\\begin{document}") :]
    # Nothing the author typed becomes a command, math, an alignment tab or a parameter.
    assert "\\input{/etc/passwd}" not in body and "\\def\\x" not in body
    assert "$m^2_1$" not in body and "50%" not in body and " & #1" not in body
    escaped = body.count("\\textbackslash{}input\\{/etc/passwd\\}")
    # Title, role, alias, date label, source and summary of the objects, and again in the
    # views (timeline table, indexes, key judgments), the role's label, the indexes.
    assert escaped >= 12, escaped
    assert "\\$m\\textasciicircum{}2\\_1\\$ 50\\% \\& \\#1" in body
    assert not _CONTROL_CHARS.search(body)


def test_text_shows_every_payload_as_typed(print_src: Path, tmp_path: Path) -> None:
    app, warnings = build(print_src, tmp_path, builder="text", fresh=True)
    assert "Traceback" not in warnings, warnings
    objects = (Path(app.outdir) / "objects.txt").read_text(encoding="utf8")
    views = (Path(app.outdir) / "views.txt").read_text(encoding="utf8")
    for text in (objects, views):
        assert not _CONTROL_CHARS.search(text)
        assert "\\input{/etc/passwd}" in " ".join(text.split())
    assert f"Claim {TEX_READ}" in " ".join(views.split())
    assert "Second claim <script>alert('x1')</script>" in " ".join(objects.split())


def _pdf_tools() -> bool:
    return all(shutil.which(tool) for tool in ("latexmk", "pdflatex", "pdftotext"))


@pytest.mark.skipif(not _pdf_tools(), reason="needs latexmk, pdflatex and pdftotext")
def test_pdf_prints_every_payload_as_typed(print_src: Path, tmp_path: Path) -> None:
    outdir = _tex_output(print_src, tmp_path)
    tex = next(outdir.glob("*.tex"))
    done = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=outdir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    shown = subprocess.run(
        ["pdftotext", "-layout", tex.with_suffix(".pdf").name, "-"],
        cwd=outdir,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "/etc/passwd" in shown
    flat = " ".join(shown.split())
    assert "\\input{/etc/passwd}" in flat and "50% & #1" in flat
