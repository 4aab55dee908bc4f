"""Deterministic synthetic corpus of policy briefs, in three flavours from one seed.

The corpus has N briefs of about 840 words, each holding K objects (claims, timeline
events, actors, paradoxes), every object carrying two links to objects in *other*
briefs, plus a claim index page and a timeline page that list every claim and every
event. The same model is rendered three ways so that only the markup differs:

``plain``
    MyST without any extension beyond myst-parser: objects are admonitions preceded by
    an explicit ``(id)=`` label, links are ``{ref}`` roles, and the index and timeline
    pages are static MyST tables written by the generator.
``needs``
    sphinx-needs: every object is a ``{need}`` with an ``:id:`` and ``:links:``; the
    index and timeline pages are ``needtable`` directives.
``ours``
    sphinxcontrib-policybrief: ``claim``, ``timeline-event``, ``actor`` and ``paradox``
    directives related across documents with ``:supports:``, ``:evidence:``,
    ``:actors:`` and ``:claims:``; ``claim-index`` and ``timeline`` pages.

Everything is drawn from ``random.Random(seed)``: the same arguments always give the
same bytes. The *edited* variant changes one claim's title (the edit the benchmark's
incremental build measures; ``edited(corpus, event=True)`` also moves one event's date);
in ``plain`` the static tables carry the new values too, since that is the edit an author
of such a project would make.

Usage::

    python bench/generate.py --briefs 50 --objects 10 --seed 1 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import random
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

FLAVOURS: tuple[str, ...] = ("plain", "needs", "ours")
#: Flavours made only on request: ``bare`` is plain without the claims and timeline
#: tables (the pages keep their headings), the floor under every listing page's cost.
EXTRA_FLAVOURS: tuple[str, ...] = ("bare",)
WORDS_PER_BRIEF = 840
LINKS_PER_OBJECT = 2
#: Name of the file that marks a directory as written by this generator, so that
#: stale files may be removed from it without risk to anything else.
MARKER = ".bench-corpus"

# The kind of the i-th object of the whole corpus. Cycling over the corpus rather than
# over each brief keeps every kind present even with very few objects per brief, and
# with K = 10 or 20 each brief gets exactly this mix (half claims, as in real briefs).
KIND_CYCLE: tuple[str, ...] = (
    "actor",
    "claim",
    "event",
    "claim",
    "paradox",
    "claim",
    "event",
    "claim",
    "event",
    "claim",
)
ID_PREFIX = {"claim": "c", "event": "e", "actor": "a", "paradox": "p"}
ID_WIDTH = {"claim": 4, "event": 4, "actor": 3, "paradox": 3}

CLAIM_KINDS = ("key-judgment", "assessment", "finding", "assumption", "forecast")
LIKELIHOODS = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
)
CONFIDENCES = ("low", "moderate", "high")
ACTOR_KINDS = ("person", "state", "organization", "group")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_VOCABULARY = _words("""
agreement alliance analysis assessment authority balance border budget cabinet capacity
ceasefire central coalition commitment compliance conflict consensus constitution
cooperation corridor council credibility crisis customs debt decision defence delegation
deterrence diplomacy dispute economy election elite embargo energy escalation evidence
exports federal finance foreign framework gas government grain influence integration
intelligence investment judgment labour leadership legitimacy loans market migration
military minister ministry mandate negotiation neighbour network oil opposition outcome
parliament partnership pipeline policy pressure priority protest reform region regime
resilience sanction security sovereignty stability strategy subsidy summit supply tariff
territory trade transit treaty union veto vote war welfare
""")
_VERBS = _words("""
affects allows blocks builds challenges constrains delays drives enables erodes expands
favours follows limits raises reduces reflects reinforces replaces shapes signals
strengthens sustains tests undermines weakens
""")
_ADJECTIVES = _words("""
bilateral careful central contested costly credible cautious domestic durable economic
fragile gradual hidden informal limited military narrow official partial political
rapid regional strategic sudden uneven unilateral
""")
_GLUE = _words("the the the a of of in on with for and but while because after before")
_FIRST = _words("""
Alexander Maria Viktor Elena Pavel Olga Andrei Irina Sergei Natalia Dmitri Anna Mikhail
Svetlana Igor Tatiana Boris Katarina Jan Agnieszka Tomas Ruta Lars Ingrid
""")
_LAST = _words("""
Ivanov Petrova Sokolov Kovalenko Novak Horvath Lind Berg Kowalski Varga Popescu Marin
Nielsen Dvorak Kuznetsov Smirnova Orlov Volkova Zielinski Baltic Morozov Lebedeva
""")
_TITLE_WORDS = _VOCABULARY + _ADJECTIVES


@dataclass(slots=True)
class Obj:
    """One object of the corpus, independent of any markup."""

    oid: str
    kind: str  # "claim" | "event" | "actor" | "paradox"
    title: str
    doc: int
    fields: dict[str, str] = field(default_factory=dict)
    # (relation, target id); the relation names our option, or "mentions" for an
    # inline reference written in the body.
    links: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""


@dataclass(slots=True)
class Brief:
    """One brief: a title and blocks that are ("h", text), ("p", text) or ("obj", id)."""

    docname: str
    title: str
    blocks: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Corpus:
    """The whole corpus, plus the ids the edit touches."""

    briefs: list[Brief]
    objects: dict[str, Obj]
    edit_event: str | None
    edit_claim: str | None

    def of_kind(self, kind: str) -> list[Obj]:
        return [o for o in self.objects.values() if o.kind == kind]


# --------------------------------------------------------------------------- model


class _Text:
    """Pseudo-prose from a seeded generator: realistic word and sentence lengths."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def word(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.rng.choice(_GLUE)
        if r < 0.75:
            return self.rng.choice(_VOCABULARY)
        if r < 0.88:
            return self.rng.choice(_ADJECTIVES)
        return self.rng.choice(_VERBS)

    def sentence(self, lo: int = 9, hi: int = 22) -> str:
        words = [self.word() for _ in range(self.rng.randint(lo, hi))]
        # Some inline markup, so that the parser does the work real prose gives it.
        if len(words) > 4 and self.rng.random() < 0.2:
            i = self.rng.randrange(len(words))
            words[i] = f"*{words[i]}*"
        return " ".join(words).capitalize() + "."

    def title(self) -> str:
        words = [self.rng.choice(_TITLE_WORDS) for _ in range(self.rng.randint(5, 9))]
        words.insert(self.rng.randint(1, len(words) - 1), self.rng.choice(_VERBS))
        return " ".join(words).capitalize()

    def paragraph(self, n_words: int) -> str:
        out: list[str] = []
        count = 0
        while count < n_words:
            s = self.sentence()
            out.append(s)
            count += len(s.split())
        return " ".join(out)


def _date(rng: random.Random) -> str:
    year = rng.randint(1991, 2024)
    month = rng.randint(1, 12)
    r = rng.random()
    # Mostly days, with some months and years: all valid EDTF, and all sort as text.
    if r < 0.8:
        return f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}"
    if r < 0.9:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def build_corpus(briefs: int, objects: int, seed: int) -> Corpus:
    """The corpus for *briefs* × *objects*, entirely determined by *seed*."""
    if briefs < 1 or objects < 1:
        raise ValueError("need at least one brief and one object per brief")
    rng = random.Random(seed)
    text = _Text(rng)
    counters = dict.fromkeys(ID_PREFIX, 0)
    objs: dict[str, Obj] = {}
    by_doc: list[list[Obj]] = []
    g = 0
    for d in range(briefs):
        here: list[Obj] = []
        for _ in range(objects):
            kind = KIND_CYCLE[g % len(KIND_CYCLE)]
            g += 1
            counters[kind] += 1
            oid = f"{ID_PREFIX[kind]}-{counters[kind]:0{ID_WIDTH[kind]}d}"
            if kind == "actor":
                title = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
                fields = {"kind": rng.choice(ACTOR_KINDS)}
            elif kind == "event":
                title = text.title()
                fields = {"date": _date(rng)}
            elif kind == "claim":
                title = text.title()
                fields = {
                    "kind": rng.choice(CLAIM_KINDS),
                    "likelihood": rng.choice(LIKELIHOODS),
                    "confidence": rng.choice(CONFIDENCES),
                }
            else:
                title = text.title()
                fields = {}
            obj = Obj(oid, kind, title, d, fields, [], text.sentence(12, 24))
            objs[oid] = obj
            here.append(obj)
        by_doc.append(here)

    by_kind: dict[str, list[Obj]] = {k: [] for k in ID_PREFIX}
    for o in objs.values():
        by_kind[o.kind].append(o)
    docs_of = {k: [o.doc for o in v] for k, v in by_kind.items()}

    def pick(kind: str, doc: int, taken: list[str], earlier: bool = False) -> str | None:
        # Links go to other briefs: that is what makes them cross-document. "earlier"
        # keeps support relations a DAG (no cycle warnings), as real arguments are.
        pool = by_kind[kind]
        if earlier:
            # Objects are in document order, so the earlier briefs' ones are a prefix.
            pool = pool[: bisect.bisect_left(docs_of[kind], doc)]
        # Rejection sampling: O(1) per link where a scan of the pool would make the
        # generator quadratic in the corpus size.
        for _ in range(64):
            if not pool:
                return None
            o = rng.choice(pool)
            if o.doc != doc and o.oid not in taken:
                taken.append(o.oid)
                return o.oid
        rest = [o for o in pool if o.doc != doc and o.oid not in taken]
        if not rest:
            return None
        chosen = rng.choice(rest).oid
        taken.append(chosen)
        return chosen

    for obj in objs.values():
        taken: list[str] = []
        wanted: list[tuple[str, str, bool]]
        if obj.kind == "claim":
            wanted = [("supports", "claim", True), ("evidence", "event", False)]
        elif obj.kind == "event":
            wanted = [("actors", "actor", False)] * LINKS_PER_OBJECT
        elif obj.kind == "actor":
            wanted = [("mentions", "claim", False), ("mentions", "event", False)]
        else:
            wanted = [("claims", "claim", False)] * LINKS_PER_OBJECT
        for rel, kind, earlier in wanted:
            target = pick(kind, obj.doc, taken, earlier)
            if target is not None:
                obj.links.append((rel, target))
        if obj.kind == "claim" and len(obj.links) < LINKS_PER_OBJECT:
            # The first brief's claims have nothing earlier to support: a second piece
            # of evidence keeps every object at two links.
            target = pick("event", obj.doc, taken)
            if target is not None:
                obj.links.append(("evidence", target))

    out: list[Brief] = []
    for d, here in enumerate(by_doc):
        out.append(_layout(text, rng, d, here))

    middle = briefs // 2
    edit_event = _first_from(by_doc, middle, "event")
    edit_claim = _first_from(by_doc, middle, "claim")
    return Corpus(out, objs, edit_event, edit_claim)


def _first_from(by_doc: Sequence[Sequence[Obj]], start: int, kind: str) -> str | None:
    """The first object of *kind* in brief *start* or, failing that, the next briefs."""
    n = len(by_doc)
    for i in range(n):
        for o in by_doc[(start + i) % n]:
            if o.kind == kind:
                return o.oid
    return None


def _layout(text: _Text, rng: random.Random, d: int, here: Sequence[Obj]) -> Brief:
    """Prose, headings and objects interleaved, about WORDS_PER_BRIEF words in all."""
    brief = Brief(f"briefs/b-{d + 1:04d}", f"Brief {d + 1}: {text.title()}")
    object_words = sum(len(o.title.split()) + len(o.body.split()) for o in here)
    prose_words = max(WORDS_PER_BRIEF - object_words, 200)
    n_paras = max(4, round(prose_words / 70))
    para_words = [prose_words // n_paras] * n_paras
    sections = min(4, n_paras)
    # Objects are spread evenly after paragraphs, as analysts place them in the text.
    slots: list[list[Obj]] = [[] for _ in range(n_paras)]
    for i, o in enumerate(here):
        slots[(i * n_paras) // len(here)].append(o)
    per_section = -(-n_paras // sections)
    for i in range(n_paras):
        if i and i % per_section == 0:
            brief.blocks.append(("h", text.title()))
        brief.blocks.append(("p", text.paragraph(para_words[i])))
        for o in slots[i]:
            brief.blocks.append(("obj", o.oid))
    return brief


#: What the edited title starts with: the pages that show the claim after the edit do.
EDIT_MARK = "Revised: "


def edited(corpus: Corpus, *, event: bool = False) -> Corpus:
    """The corpus after the benchmark's edit: one claim's title (and one event's date)."""
    objs = {k: dataclasses.replace(v) for k, v in corpus.objects.items()}
    if event and corpus.edit_event:
        ev = objs[corpus.edit_event]
        date = ev.fields["date"]
        # A different year, same precision: the event moves in every sorted view.
        year = int(date[:4])
        new_year = year - 7 if year > 1998 else year + 7
        ev.fields = {**ev.fields, "date": f"{new_year:04d}{date[4:]}"}
    if corpus.edit_claim:
        cl = objs[corpus.edit_claim]
        cl.title = EDIT_MARK + cl.title[0].lower() + cl.title[1:]
    return Corpus(corpus.briefs, objs, corpus.edit_event, corpus.edit_claim)


# --------------------------------------------------------------------------- render

_CONF_COMMON = """\
# Generated by bench/generate.py: do not edit.
project = "Synthetic policy briefs"
author = "bench"
copyright = "bench"
exclude_patterns = ["_build"]
"""
#: The themes the benchmark knows, each with its own default sidebars.
THEMES: tuple[str, ...] = ("alabaster", "furo")
_NO_SIDEBARS = """
# No sidebars: the theme's navigation sidebar renders the whole toctree on every page,
# a cost that grows with the square of the number of pages whatever the extension.
html_sidebars = {"**": []}
"""


def _conf(flavour: str, sidebars: bool, theme: str = "alabaster") -> str:
    if flavour in ("plain", "bare"):
        extra = 'extensions = ["myst_parser"]\nmyst_enable_extensions = ["colon_fence"]\n'
    elif flavour == "needs":
        extra = (
            'extensions = ["myst_parser", "sphinx_needs"]\n'
            'myst_enable_extensions = ["colon_fence"]\n'
            "# The corpus' ids are lower-case with a dash, as in the other flavours.\n"
            'needs_id_regex = r"^[a-z]-[0-9]+$"\n'
            "needs_fields = {\n"
            '    "kind": {"description": "claim or actor kind", "nullable": True},\n'
            '    "likelihood": {"description": "likelihood term", "nullable": True},\n'
            '    "confidence": {"description": "confidence level", "nullable": True},\n'
            '    "date": {"description": "event date", "nullable": True},\n'
            "}\n"
        )
    else:
        extra = (
            'extensions = ["myst_parser", "sphinxcontrib_policybrief"]\n'
            'myst_enable_extensions = ["colon_fence"]\n'
        )
    theme_line = f"html_theme = {theme!r}\n"
    return _CONF_COMMON + theme_line + extra + ("" if sidebars else _NO_SIDEBARS)


def _root(corpus: Corpus) -> str:
    entries = "\n".join(["claims", "timeline", *(b.docname for b in corpus.briefs)])
    return (
        "# Synthetic policy briefs\n\n"
        f"{len(corpus.briefs)} briefs, {len(corpus.objects)} objects.\n\n"
        f":::{{toctree}}\n:maxdepth: 1\n\n{entries}\n:::\n"
    )


def _ref(oid: str) -> str:
    # An explicit title: Sphinx cannot take one from a label that is not on a section.
    return f"{{ref}}`{oid} <{oid}>`"


def _links_of(obj: Obj, rel: str) -> list[str]:
    return [t for r, t in obj.links if r == rel]


_LABEL = {"claim": "Claim", "event": "Event", "actor": "Actor", "paradox": "Paradox"}
_ROLE = {"claim": "claim", "event": "event", "actor": "actor", "paradox": "paradox"}
_DIRECTIVE = {
    "claim": "claim",
    "event": "timeline-event",
    "actor": "actor",
    "paradox": "paradox",
}


def _plain_object(corpus: Corpus, obj: Obj) -> str:
    meta: list[str] = []
    for key in ("kind", "date", "likelihood", "confidence"):
        if key in obj.fields:
            meta.append(f"**{key.capitalize()}:** {obj.fields[key]}")
    rels: list[str] = []
    for rel in ("supports", "evidence", "actors", "claims"):
        targets = _links_of(obj, rel)
        if targets:
            rels.append(f"**{rel.capitalize()}:** " + ", ".join(_ref(t) for t in targets))
    body = obj.body
    mentions = _links_of(obj, "mentions")
    if mentions:
        body += " See " + " and ".join(_ref(t) for t in mentions) + "."
    parts = [" · ".join(meta)] if meta else []
    if rels:
        parts.append(" · ".join(rels))
    parts.append(body)
    inner = "\n\n".join(parts)
    return (
        f"({obj.oid})=\n"
        f":::{{admonition}} {_LABEL[obj.kind]} {obj.oid}: {obj.title}\n"
        f":class: {obj.kind}\n\n{inner}\n:::\n"
    )


def _needs_object(corpus: Corpus, obj: Obj) -> str:
    lines = [f":::{{need}} {obj.title}", f":id: {obj.oid}", f":tags: {obj.kind}"]
    for key in ("kind", "date", "likelihood", "confidence"):
        if key in obj.fields:
            lines.append(f":{key}: {obj.fields[key]}")
    if obj.links:
        lines.append(":links: " + ", ".join(t for _, t in obj.links))
    return "\n".join(lines) + f"\n\n{obj.body}\n:::\n"


def _ours_object(corpus: Corpus, obj: Obj) -> str:
    lines = [f":::{{{_DIRECTIVE[obj.kind]}}} {obj.title}", f":id: {obj.oid}"]
    for key in ("kind", "date", "likelihood", "confidence"):
        if key in obj.fields:
            lines.append(f":{key}: {obj.fields[key]}")
    for rel in ("supports", "evidence", "actors", "claims"):
        targets = _links_of(obj, rel)
        if targets:
            lines.append(f":{rel}: " + ", ".join(targets))
    body = obj.body
    mentions = _links_of(obj, "mentions")
    if mentions:
        refs = [f"{{{_ROLE[corpus.objects[t].kind]}}}`{t}`" for t in mentions]
        body += " See " + " and ".join(refs) + "."
    return "\n".join(lines) + f"\n\n{body}\n:::\n"


def _brief(corpus: Corpus, brief: Brief, render: Callable[[Corpus, Obj], str]) -> str:
    out = [f"# {brief.title}\n"]
    for what, value in brief.blocks:
        if what == "h":
            out.append(f"## {value}\n")
        elif what == "p":
            out.append(value + "\n")
        else:
            out.append(render(corpus, corpus.objects[value]))
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _event_order(o: Obj) -> tuple[str, str]:
    return (o.fields["date"], o.oid)


def _plain_claims(corpus: Corpus) -> str:
    rows = [
        "| Claim | Kind | Likelihood | Confidence | Supports | Evidence |",
        "|---|---|---|---|---|---|",
    ]
    for c in corpus.of_kind("claim"):
        sup = ", ".join(_ref(t) for t in _links_of(c, "supports"))
        ev = ", ".join(_ref(t) for t in _links_of(c, "evidence"))
        title = f"{{ref}}`{_cell(c.title)} <{c.oid}>`"
        f = c.fields
        rows.append(
            f"| {title} | {f['kind']} | {f['likelihood']} | {f['confidence']} | {sup} | {ev} |"
        )
    return "# Claims\n\n" + "\n".join(rows) + "\n"


def _plain_timeline(corpus: Corpus) -> str:
    rows = ["| Date | Event | Actors |", "|---|---|---|"]
    for e in sorted(corpus.of_kind("event"), key=_event_order):
        actors = ", ".join(_ref(t) for t in _links_of(e, "actors"))
        rows.append(f"| {e.fields['date']} | {{ref}}`{_cell(e.title)} <{e.oid}>` | {actors} |")
    return "# Timeline\n\n" + "\n".join(rows) + "\n"


def _needs_claims(corpus: Corpus) -> str:
    return (
        "# Claims\n\n"
        ":::{needtable}\n"
        ":tags: claim\n"
        ":columns: id;title;kind;likelihood;confidence;links\n"
        # A plain HTML table, as the other flavours write: the interactive style only
        # adds JavaScript that runs in the reader's browser, not in the build.
        ":style: table\n"
        ":sort: id\n"
        ":::\n"
    )


def _needs_timeline(corpus: Corpus) -> str:
    return (
        "# Timeline\n\n"
        ":::{needtable}\n"
        ":tags: event\n"
        ":columns: date;title;id;links\n"
        ":style: table\n"
        ":sort: date\n"
        ":::\n"
    )


def render(
    corpus: Corpus, flavour: str, sidebars: bool = True, theme: str = "alabaster"
) -> dict[str, str]:
    """Every file of one flavour's project: relative path -> text."""
    if flavour not in FLAVOURS + EXTRA_FLAVOURS:
        raise ValueError(f"unknown flavour {flavour!r}; expected one of {FLAVOURS}")
    renderer = {
        "plain": _plain_object,
        "bare": _plain_object,
        "needs": _needs_object,
        "ours": _ours_object,
    }[flavour]
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; expected one of {THEMES}")
    files = {"conf.py": _conf(flavour, sidebars, theme), "index.md": _root(corpus)}
    for b in corpus.briefs:
        files[b.docname + ".md"] = _brief(corpus, b, renderer)
    if flavour == "plain":
        files["claims.md"] = _plain_claims(corpus)
        files["timeline.md"] = _plain_timeline(corpus)
    elif flavour == "bare":
        files["claims.md"] = "# Claims\n"
        files["timeline.md"] = "# Timeline\n"
    elif flavour == "needs":
        files["claims.md"] = _needs_claims(corpus)
        files["timeline.md"] = _needs_timeline(corpus)
    else:
        files["claims.md"] = "# Claims\n\n:::{claim-index}\n:::\n"
        files["timeline.md"] = "# Timeline\n\n:::{timeline}\n:::\n"
    return files


def write_tree(root: Path, files: Mapping[str, str]) -> list[str]:
    """Write *files* under *root*, touching only those whose content changes.

    Unchanged files keep their mtime, so an incremental build sees exactly the edit.
    Files left from an earlier, different corpus are removed, but only from a directory
    this generator made. Returns the relative paths written.
    """
    marker = root / MARKER
    if root.exists() and any(root.iterdir()) and not marker.exists():
        raise SystemExit(f"{root} is not empty and was not made by this generator")
    root.mkdir(parents=True, exist_ok=True)
    marker.write_text("written by bench/generate.py\n", encoding="utf-8")
    written: list[str] = []
    for rel, text in sorted(files.items()):
        path = root / rel
        data = text.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(rel)
    wanted = {root / rel for rel in files} | {marker}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path not in wanted and "_build" not in path.parts:
            path.unlink()
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)
    return written


def generate(
    out: Path,
    briefs: int,
    objects: int,
    seed: int = 1,
    flavours: Sequence[str] = FLAVOURS,
    *,
    edit: bool = False,
    sidebars: bool = True,
    theme: str = "alabaster",
) -> dict[str, list[str]]:
    """Write each flavour under ``out/<flavour>``; returns the files written per flavour."""
    corpus = build_corpus(briefs, objects, seed)
    if edit:
        corpus = edited(corpus)
    return {f: write_tree(out / f, render(corpus, f, sidebars, theme)) for f in flavours}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", "-n", type=int, default=50)
    parser.add_argument("--objects", "-k", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--flavours",
        default=",".join(FLAVOURS),
        help=f"comma-separated, of {', '.join(FLAVOURS + EXTRA_FLAVOURS)}",
    )
    parser.add_argument("--edit", action="store_true", help="apply the benchmark's edit")
    parser.add_argument("--no-sidebars", action="store_true")
    parser.add_argument("--theme", choices=THEMES, default="alabaster")
    args = parser.parse_args(argv)
    flavours = [f.strip() for f in args.flavours.split(",") if f.strip()]
    written = generate(
        args.out,
        args.briefs,
        args.objects,
        args.seed,
        flavours,
        edit=args.edit,
        sidebars=not args.no_sidebars,
        theme=args.theme,
    )
    for flavour, files in written.items():
        print(f"{flavour}: {len(files)} file(s) written under {args.out / flavour}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
