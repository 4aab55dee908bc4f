"""The object directives: parse and validate options, record the object, leave an anchor.

Everything that depends on other documents (links, back-links, indexes) is drawn later by
the renderer, once the whole project has been read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.languages import en as language_en
from docutils.parsers.rst import directives, roles
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .config import settings_from
from .core.date_hints import nearest_date
from .core.dates import DateError, FuzzyDate, parse_date
from .core.forecast import FORECAST_OPTIONS, build_forecast
from .core.ids import derive_id, is_valid_id, normalise_id, split_list, tag_list
from .core.model import (
    Actor,
    Claim,
    Kind,
    Link,
    Paradox,
    PolicyObject,
    RelationType,
    Source,
    TimelineEvent,
)
from .core.options import COMMON_OPTIONS, GRADED_KINDS, OWN_OPTIONS, REPEAT_MARK, option_names
from .core.scales import GradeScale
from .core.settings import CLAIM_STATUSES, Settings
from .core.suggest import closest_words, with_suggestion
from .diagnostics import Subtype, location, warn
from .locale import _
from .render.nodes import pb_connections, pb_header, pb_object


class UnknownOption(str):
    """An option value whose name the directive does not know; reported, then ignored."""

    __slots__ = ()


# Control characters (C0 but whitespace, DEL, C1) have no business in a title or an option
# and make XHTML (epub) invalid; they become spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UNSAFE_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)


def _text(value: str | None) -> str:
    return " ".join(_CONTROL.sub(" ", value or "").split())


def _inert(found: list[nodes.Node]) -> list[nodes.Node]:
    # MyST passes inline HTML through as raw nodes, and docutils keeps any link scheme; in a
    # title or an option both are shown as the text they are, never run (the body stays the
    # author's markup, as anywhere else on the page).
    holder = nodes.inline("", "", *found)
    for raw in list(holder.findall(nodes.raw)):
        raw.replace_self(nodes.Text(raw.astext()))
    for ref in list(holder.findall(nodes.reference)):
        # Browsers ignore tabs, newlines and controls inside a scheme: so do we.
        if _UNSAFE_SCHEME.match(re.sub(r"[\x00-\x20]", "", str(ref.get("refuri", "")))):
            ref.replace_self(nodes.inline("", "", *ref.children))
    return list(holder.children)


def _unknown(value: str | None) -> str:
    return UnknownOption(value or "")


class LenientOptionSpec(dict[str, Callable[..., Any]]):
    """Accepts any option name so a typo costs a warning, not the whole object."""

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> Callable[..., Any]:
        return _unknown


def checked_options(
    directive: SphinxDirective,
    known: Iterable[str],
    report: Callable[[Subtype, str, str], None],
) -> dict[str, Any]:
    """*directive*'s options by lower-case name, as docutils reads rST (``:ID:`` is
    ``:id:``; of two spellings of one name the later value is kept, as MyST keeps the
    later of two equal names), with those given twice or not in *known* reported through
    *report* (with the option's name, for its line) and left out.

    A repeat reaches here renamed in rST (see :func:`mark_repeated_rst_options`) and as
    it is written in MyST, which keeps the later value without a word.
    """
    names = sorted(known)
    spec = directive.option_spec or {}
    folded: dict[str, Any] = {}
    for name, value in directive.options.items():
        key = name.lower()
        if key != name and isinstance(value, UnknownOption) and dict.__contains__(spec, key):
            value = spec[key](str(value))
        folded.pop(key, None)
        folded[key] = value
    options: dict[str, Any] = {}
    for name, value in folded.items():
        if name.startswith(REPEAT_MARK):
            repeated = name.removeprefix(REPEAT_MARK)
            report(
                Subtype.REPEATED_OPTION,
                f":{repeated}: is given twice; the last value is used",
                repeated,
            )
        elif isinstance(value, UnknownOption):
            message = f"unknown option :{name}: (known: {', '.join(names)})"
            report(
                Subtype.UNKNOWN_OPTION,
                with_suggestion(message, closest_words(name, names), _as_option),
                name,
            )
        else:
            options[name] = value
    for name in repeated_options(directive.block_text):
        report(Subtype.REPEATED_OPTION, f":{name}: is given twice; the last value is used", name)
    return options


_UNTITLED = {
    Kind.CLAIM: _("Untitled claim"),
    Kind.ACTOR: _("Untitled actor"),
    Kind.EVENT: _("Untitled timeline event"),
    Kind.PARADOX: _("Untitled paradox"),
    Kind.SOURCE: _("Untitled source"),
}
_OPTION_LINE = re.compile(r"^\s*:(?P<name>[^:\s][^:]*?):(?:\s|$)")
_YAML_KEY = re.compile(r"^(?P<name>[\w-]+)\s*:")
_NESTING_KEY = "pb_object_depth"
_DOCUMENT_PATH = "pb_document_path"


class PolicyObjectDirective(SphinxDirective):
    """What the object directives share: id, title, tags, body, placeholders."""

    kind: ClassVar[Kind]
    has_content = True
    required_arguments = 0  # a missing title is a located policybrief warning, not an error
    optional_arguments = 1
    final_argument_whitespace = True
    own_options: ClassVar[tuple[str, ...]] = ()
    #: Plain-text options offered to translators, like the title and ``:source:``.
    translatable_options: ClassVar[tuple[str, ...]] = ()
    relations: ClassVar[tuple[RelationType, ...]] = ()

    @property
    def settings(self) -> Settings:
        return settings_from(self.config)

    def warn(self, subtype: Subtype, message: str, option: str = "") -> None:
        warn(subtype, f"{self.name}: {message}", directive_location(self, option))

    def reviewed(self) -> FuzzyDate | None:
        """``:reviewed:``, the day the author last checked the object (an EDTF date)."""
        raw = self.options.get("reviewed")
        if not raw or isinstance(raw, UnknownOption):
            return None
        try:
            return parse_date(raw)
        except DateError as exc:
            self.warn(
                Subtype.INVALID_DATE,
                f"invalid :reviewed: {raw!r}: {exc}; write an EDTF date such as 2019-12-20; "
                "the object is kept without it",
                "reviewed",
            )
            return None

    def run(self) -> list[nodes.Node]:
        self.options = checked_options(self, {*COMMON_OPTIONS, *self.own_options}, self.warn)
        title = _text(self.arguments[0]) if self.arguments else ""
        ident = self._ident(title)
        if not title:
            what = "a title" if self.kind is not Kind.ACTOR else "a name"
            self.warn(Subtype.MISSING_ARGUMENT, f"needs {what} as its argument")
            title = ident or str(_UNTITLED[self.kind])
        container = pb_object(
            pb_kind=self.kind.value,
            classes=["pb-object", f"pb-{self.kind.value}", *self._classes()],
        )
        self.set_source_info(container)
        docname = self.env.docname
        header = pb_header(pb_id=ident or "", pb_kind=self.kind.value, pb_docname=docname)
        title_nodes, messages = self._parse_on_line(title, self.lineno)
        title_para = self._message(title, title_nodes, "pb-title")
        # A title is kept as typed, on the page and in the data (no curly quotes, no
        # dashes from "--"): it is a name, quoted and searched for as written.
        title_para["support_smartquotes"] = False
        header += title_para
        source = _text(self.options.get("source"))
        if source:
            source_nodes, more = self._parse_on_line(source, self._option_line("source"))
            header += self._message(source, source_nodes, "pb-source")
            messages += more
        for option in self.translatable_options:
            value = _text(self.options.get(option))
            if value:
                header += self._message(value, [nodes.Text(value)], f"pb-{option}")
        container += header
        container += messages
        body = self._parse_body()
        container += body
        if ident:
            container["ids"].append(ident)
            container["pb_id"] = ident
            container += pb_connections(pb_id=ident, pb_docname=docname)
            srcfile, line = source_position(self)
            record = self.make_record(
                id=ident,
                title="".join(n.astext() for n in title_nodes) or title,
                docname=self.env.docname,
                lineno=line,
                srcfile=srcfile,
                anchor=ident,
                tags=tag_list(self.options.get("tags")),
                links=self._links(line),
                source=source,
                short=_text(self.options.get("short")),
                reviewed=self.reviewed(),
                **self._graded(),
            )
            if record is not None:
                self.env.get_domain("pb").note_object(record)  # type: ignore[attr-defined]
        return [container]

    def _message(self, raw: str, children: list[nodes.Node], cls: str) -> nodes.paragraph:
        # A paragraph with a source, a line and its text as written is what the gettext
        # builder extracts and Sphinx's Locale transform translates (sphinx.util.nodes
        # .is_translatable); doctree-read then takes the text, translated or not, from here.
        para = nodes.paragraph(raw, "", *children, classes=[cls])
        self.set_source_info(para)
        return para

    def _parse_on_line(
        self, text: str, line: int
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """*text* as inert inline nodes, each on *line*, and the parser's messages.

        rST gives inline nodes no line and MyST counts from the next one; set here, a
        dangling role or a broken link (linkcheck) is reported where it is written.
        """
        found, messages = self.parse_inline(text, lineno=line)
        found = _inert(found)
        for node in found:
            if isinstance(node, nodes.Element):
                for element in node.findall(nodes.Element):
                    element.line = line
        return found, messages

    def _option_line(self, option: str) -> int:
        """The line of the document on which *option* is written (the directive's if unknown)."""
        for offset, line in enumerate(self.block_text.splitlines()[1:], start=1):
            match = _OPTION_LINE.match(line) or _YAML_KEY.match(line)
            if match is not None and match["name"].lower() == option:
                return self.lineno + offset
            if not line.strip():
                break
        return self.lineno

    def _classes(self) -> list[str]:
        # Checked as views check theirs (docutils' class_option): names that are no CSS
        # class would reach LaTeX verbatim, where "50%" ends the PDF build.
        raw = self.options.get("class")
        if not raw or isinstance(raw, UnknownOption):
            return []
        try:
            return list(directives.class_option(raw))
        except ValueError:
            self.warn(
                Subtype.OPTION_VALUE,
                f"invalid :class: {raw!r}: class names are letters, digits and '-', each "
                "starting with a letter; ignored",
                "class",
            )
            return []

    def _ident(self, title: str) -> str:
        given = self.options.get("id")
        if given:
            ident = normalise_id(given)
            if is_valid_id(ident):
                return ident
            self.warn(
                Subtype.INVALID_ID,
                f"invalid id {given!r}: use letters (with their marks), digits, '-', '_' and '.', "
                "starting with a letter or digit; an id derived from the title is used instead",
                "id",
            )
        elif given is not None:
            self.warn(Subtype.INVALID_ID, "empty :id:; an id derived from the title is used", "id")
        derived = derive_id(title)
        if not derived:
            if title or given:
                self.warn(Subtype.INVALID_ID, "no id can be made from this title; give an :id:")
            return ""
        return derived

    def _parse_body(self) -> list[nodes.Node]:
        depth = int(self.env.temp_data.get(_NESTING_KEY) or 0)
        if depth:
            self.warn(
                Subtype.NESTING,
                "objects should not be nested inside other objects; write them one after another",
            )
        self.env.temp_data[_NESTING_KEY] = depth + 1
        try:
            return list(self.parse_content_to_nodes())
        finally:
            self.env.temp_data[_NESTING_KEY] = depth

    def _links(self, line: int) -> tuple[Link, ...]:
        links: list[Link] = []
        for rel in self.relations:
            for raw in split_list(self.options.get(rel.name)):
                # An invalid id ("Donald Trump") is reported once every document is read,
                # so that the warning can name the object with that title.
                links.append(Link(rel.name, normalise_id(raw), line))
        return tuple(links)

    def choice(self, option: str, allowed: tuple[str, ...], default: str) -> str:
        raw = self.options.get(option)
        if raw is None or isinstance(raw, UnknownOption):
            return default
        value = " ".join(raw.lower().split())
        if value in allowed:
            return value
        message = (
            f"unknown :{option}: {raw!r} (allowed: {', '.join(allowed)}); using {default!r}"
            if default
            else f"unknown :{option}: {raw!r} (allowed: {', '.join(allowed)}); ignored"
        )
        suggested = with_suggestion(message, closest_words(value, allowed))
        self.warn(Subtype.OPTION_VALUE, suggested, option)
        return default

    def make_record(self, **common: Any) -> PolicyObject | None:
        raise NotImplementedError

    # -- sources and grades ---------------------------------------------------------

    def _graded(self) -> dict[str, str]:
        """``:credibility:`` of a claim or an event, checked against the scale."""
        if self.kind not in GRADED_KINDS:
            return {}
        return {"credibility": self.grade("credibility", self.settings.credibility)}

    def grade(self, option: str, scale: GradeScale) -> str:
        raw = self.options.get(option)
        if raw is None or isinstance(raw, UnknownOption) or not raw.strip():
            return ""
        grade = scale.lookup(raw)
        if grade is not None:
            return grade.code
        codes = ", ".join(scale.codes)
        self.warn(
            Subtype.GRADE,
            f"{raw.strip()!r} is not a grade of the {option} scale ({codes}); left ungraded",
            option,
        )
        return ""


class ClaimDirective(PolicyObjectDirective):
    kind = Kind.CLAIM
    own_options = OWN_OPTIONS[Kind.CLAIM]

    def make_record(self, **common: Any) -> PolicyObject | None:
        settings = self.settings
        likelihood = ""
        raw = self.options.get("likelihood")
        if raw:
            term = settings.likelihood.lookup(raw)
            if term is None:
                terms = [t.term for t in settings.likelihood.terms]
                words = [*terms, *(s for t in settings.likelihood.terms for s in t.synonyms)]
                message = (
                    f"{raw!r} is not a term of the {settings.likelihood.name} likelihood scale "
                    f"({', '.join(terms)})"
                )
                suggested = with_suggestion(message, closest_words(raw, words))
                self.warn(Subtype.SCALE_TERM, suggested, "likelihood")
            else:
                likelihood = term.term
        claim_kind = self.choice("kind", settings.claim_kinds, settings.default_claim_kind)
        written = {
            name: str(self.options[name])
            for name in FORECAST_OPTIONS
            if name in self.options and not isinstance(self.options[name], UnknownOption)
        }
        forecast, problems = build_forecast(
            written, claim_kind=claim_kind, likelihood=likelihood, scale=settings.likelihood
        )
        for problem in problems:
            self.warn(problem.subtype, problem.message, problem.option)
        return Claim(
            claim_kind=claim_kind,
            likelihood=likelihood,
            confidence=self.choice("confidence", settings.confidence_levels, ""),
            status=self.choice("status", CLAIM_STATUSES, "open"),
            forecast=forecast,
            **common,
        )


class ActorDirective(PolicyObjectDirective):
    kind = Kind.ACTOR
    own_options = OWN_OPTIONS[Kind.ACTOR]
    translatable_options = ("role",)

    def make_record(self, **common: Any) -> PolicyObject | None:
        kinds = self.settings.actor_kinds
        return Actor(
            actor_kind=self.choice("kind", kinds, kinds[0]),
            role=_text(self.options.get("role")),
            aliases=tuple(_text(a) for a in split_list(self.options.get("aliases"))),
            **common,
        )


class TimelineEventDirective(PolicyObjectDirective):
    kind = Kind.EVENT
    own_options = OWN_OPTIONS[Kind.EVENT]
    translatable_options = ("date-label",)

    def make_record(self, **common: Any) -> PolicyObject | None:
        raw = self.options.get("date")
        date = None
        if not raw or isinstance(raw, UnknownOption):
            needs = "needs a :date: (an EDTF date such as 2019-12)"
            self.warn(Subtype.MISSING_ARGUMENT, needs, "date")
        else:
            try:
                date = parse_date(raw)
            except DateError as exc:
                hint = nearest_date(raw)
                advice = (
                    hint.advice("date")
                    if hint is not None
                    else "write EDTF, e.g. 2019-12-13, 2019-12, 2019~, 2012/.., and put words "
                    "like 'late 2019' in :date-label:"
                )
                self.warn(Subtype.INVALID_DATE, f"invalid :date: {raw!r}: {exc}; {advice}", "date")
        return TimelineEvent(date=date, date_label=_text(self.options.get("date-label")), **common)


class ParadoxDirective(PolicyObjectDirective):
    kind = Kind.PARADOX
    own_options = OWN_OPTIONS[Kind.PARADOX]

    def make_record(self, **common: Any) -> PolicyObject | None:
        return Paradox(**common)


class SourceDirective(PolicyObjectDirective):
    kind = Kind.SOURCE
    own_options = OWN_OPTIONS[Kind.SOURCE]
    translatable_options = ("publisher",)
    _cite_nodes: list[nodes.Node]

    def run(self) -> list[nodes.Node]:
        self._cite_nodes = []
        out = super().run()
        if self._cite_nodes:
            header = next(out[0].findall(pb_header))
            header += nodes.paragraph("", "", *self._cite_nodes, classes=["pb-cite"])
        return out

    def _cite(self, key: str) -> None:
        """With sphinxcontrib-bibtex, a citation of *key*: bibtex formats it and lists the
        entry in ``bibliography``; without it, a warning."""
        if "sphinxcontrib.bibtex" not in self.config.extensions:
            self.warn(
                Subtype.CITE,
                f":cite: {key!r} needs sphinxcontrib-bibtex: add 'sphinxcontrib.bibtex' to "
                "extensions in conf.py (the key is shown as written meanwhile)",
                "cite",
            )
            return
        language = cast(Any, language_en)  # docutils types the module loosely
        role, _messages = roles.role("cite:p", language, self.lineno, self.state.reporter)
        if role is None:
            return
        found, messages = role(
            "cite:p", f":cite:p:`{key}`", key, self.lineno, self.state.inliner, {}, []
        )
        self._cite_nodes = [*found, *messages]

    def make_record(self, **common: Any) -> PolicyObject | None:
        settings = self.settings
        kinds = settings.source_kinds
        cite = _text(self.options.get("cite"))
        if cite:
            self._cite(cite)
        return Source(
            source_kind=self.choice("kind", kinds, kinds[0]),
            reliability=self.grade("reliability", settings.reliability),
            date=self._date("date"),
            publisher=_text(self.options.get("publisher")),
            url=self._url("url"),
            archived=self._url("archived"),
            accessed=self._date("accessed"),
            cite=cite,
            **common,
        )

    def _url(self, option: str) -> str:
        raw = _text(self.options.get(option))
        if not raw:
            return ""
        if _WEB_URL.match(raw):
            return raw
        self.warn(
            Subtype.SOURCE_URL,
            f":{option}: {raw!r} is not an http(s) address; left out",
            option,
        )
        return ""

    def _date(self, option: str) -> FuzzyDate | None:
        raw = self.options.get(option)
        if not raw or isinstance(raw, UnknownOption):
            return None
        try:
            return parse_date(raw)
        except DateError as exc:
            message = f"invalid :{option}: {raw!r}: {exc}; left out"
            self.warn(Subtype.INVALID_DATE, message, option)
            return None


_WEB_URL = re.compile(r"^https?://[^\s/?#]+\S*$", re.IGNORECASE)


_BASE: dict[Kind, type[PolicyObjectDirective]] = {
    Kind.CLAIM: ClaimDirective,
    Kind.ACTOR: ActorDirective,
    Kind.EVENT: TimelineEventDirective,
    Kind.PARADOX: ParadoxDirective,
    Kind.SOURCE: SourceDirective,
}

#: Directive name for each kind.
DIRECTIVE_NAMES: dict[Kind, str] = {
    Kind.CLAIM: "claim",
    Kind.ACTOR: "actor",
    Kind.EVENT: "timeline-event",
    Kind.PARADOX: "paradox",
    Kind.SOURCE: "source",
}


def directive_for(kind: Kind, settings: Settings) -> type[PolicyObjectDirective]:
    """The directive class for *kind*, knowing this project's relation options."""
    base = _BASE[kind]
    relations = settings.relations_from(kind)
    names = tuple(dict.fromkeys((*option_names(kind), *(r.name for r in relations))))
    spec = LenientOptionSpec(dict.fromkeys(names, _text_or_none))
    attrs = {"option_spec": spec, "relations": relations, "own_options": names}
    return cast(type[PolicyObjectDirective], type(base.__name__, (base,), attrs))


def _as_option(name: str) -> str:
    return f":{name}:"


def _text_or_none(value: str | None) -> str:
    return value if value is not None else ""


_RST_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\.[ \t]+(?:pb:)?(?P<name>[\w-]+)::")
_RST_FIELD = re.compile(r"^(?P<indent>[ \t]+):(?P<name>[^:\s][^:]*?):(?=\s|$)")


@functools.cache
def _our_directive_names() -> frozenset[str]:
    # Imported here: the view and analysis directives are built on this module.
    from .analysis_directives import ANALYSIS_DIRECTIVES
    from .view_directives import VIEW_DIRECTIVES

    return frozenset([*DIRECTIVE_NAMES.values(), *VIEW_DIRECTIVES, *ANALYSIS_DIRECTIVES])


def mark_repeated_rst_options(text: str) -> str:
    """*text* with every earlier copy of a repeated option of one of our directives renamed.

    docutils rejects a directive whose option is given twice (option names compared in
    lower case), losing the object; MyST keeps the last value. Renamed here, the earlier
    copies reach the directive, which reports them and keeps the last value, as in MyST.
    Lines are neither added nor removed, so every line number stays right.
    """
    if ".." not in text:
        return text
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        match = _RST_DIRECTIVE.match(lines[i])
        i += 1
        if match is None or match["name"] not in _our_directive_names():
            continue
        fields: list[tuple[int, str, str]] = []
        field_indent = ""
        while i < len(lines) and lines[i].strip():
            field = _RST_FIELD.match(lines[i])
            if field is not None and len(field["indent"]) > len(match["indent"]):
                field_indent = field_indent or field["indent"]
                if field["indent"] == field_indent:
                    fields.append((i, field["name"], field["name"].lower()))
            i += 1
        last = {folded: index for index, _, folded in fields}
        for index, written, folded in fields:
            if last[folded] != index:
                lines[index] = lines[index].replace(f":{written}:", f":{REPEAT_MARK}{folded}:", 1)
    return "".join(lines)


def _is_rst(env: BuildEnvironment, docname: str) -> bool:
    return str(env.doc2path(docname)).endswith(".rst")


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    """source-read: repeated options of rST object directives, renamed (see above)."""
    if _is_rst(app.env, docname):
        source[0] = mark_repeated_rst_options(source[0])


def on_include_read(
    app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]
) -> None:
    """include-read: the same for a file pulled into an rST document."""
    if _is_rst(app.env, parent_docname):
        content[0] = mark_repeated_rst_options(content[0])


def repeated_options(block_text: str) -> list[str]:
    """Option names written more than once in a directive's source.

    MyST keeps the last value without a word; docutils rejects the whole directive before it
    runs, so only MyST directives get here with a repeat.
    """
    lines = block_text.splitlines()[1:]
    yaml = bool(lines) and lines[0].strip() == "---"
    pattern = _YAML_KEY if yaml else _OPTION_LINE
    seen: set[str] = set()
    repeated: list[str] = []
    for line in lines[1:] if yaml else lines:
        if (line.strip() == "---") if yaml else not line.strip():
            break
        match = pattern.match(line)
        if match is None:
            continue  # the next line of a long value
        name = match["name"].lower()
        if name in seen and name not in repeated:
            repeated.append(name)
        seen.add(name)
    return repeated


def option_offset(block_text: str, option: str) -> int:
    """How many lines below the directive's first line *option* is written; 0 if not found."""
    lines = block_text.splitlines()
    yaml = len(lines) > 1 and lines[1].strip() == "---"
    pattern = _YAML_KEY if yaml else _OPTION_LINE
    for index, line in enumerate(lines[1:], start=1):
        if not yaml and not line.strip():
            break
        match = pattern.match(line)
        if match is not None and match["name"].lower() == option:
            return index
    return 0


def source_position(directive: SphinxDirective) -> tuple[str, int]:
    """The file holding *directive* ("" for its document's own) and its line in that file.

    ``directive.lineno`` counts lines of the document with its includes spliced in.
    """
    source, line = directive.get_source_info()  # typed as optional from Sphinx 9.2 on
    return included_file(directive.env, source or ""), line or directive.lineno


def directive_location(directive: SphinxDirective, option: str = "") -> tuple[str, int] | str:
    """Where a warning about *directive* points: its document, or the included file; with
    *option*, the line that option is written on (the directive's if it is not found)."""
    srcfile, line = source_position(directive)
    offset = option_offset(directive.block_text, option) if option else 0
    return location(directive.env.srcdir, directive.env.docname, line + offset, srcfile)


class ReportingDirective(SphinxDirective):
    """A directive whose warnings name it and point at it (views, maps, matrices)."""

    def _warn(self, subtype: Subtype, message: str, option: str = "") -> None:
        warn(subtype, f"{self.name}: {message}", directive_location(self, option))


def included_file(env: BuildEnvironment, source: str) -> str:
    """*source* relative to the source directory, or "" when it is the current document."""
    if not source:
        return ""
    # The document's own path, once per document (temp_data lasts while it is read).
    document = env.temp_data.get(_DOCUMENT_PATH)
    if document is None:
        document = env.temp_data[_DOCUMENT_PATH] = str(env.doc2path(env.docname))
    if source == document:  # the common case, without touching the disk
        return ""
    return _relative_source(str(env.srcdir), document, source, str(Path.cwd()))


@functools.lru_cache(maxsize=512)
def _relative_source(srcdir: str, document: str, source: str, cwd: str) -> str:
    # Resolving a path asks the file system about each of its parts: once per file is
    # enough (the profile of a 500-brief build showed 5 % of the build spent here).
    path = Path(source)
    if not path.is_absolute():
        # docutils' rST include records the file relative to the working directory;
        # other paths are taken as relative to the source directory.
        in_cwd = Path(cwd, path)
        path = in_cwd if in_cwd.is_file() else Path(srcdir, path)
    path = path.resolve()
    if path == Path(document).resolve():
        return ""
    try:
        return path.relative_to(Path(srcdir).resolve()).as_posix()
    except ValueError:  # included from outside the project
        return path.as_posix()
