"""The troubleshooting page's list of warnings, drawn from the warning reference.

``{common-warnings}`` takes one subtype per line of content and shows, for each, the
first sample message and the **Fix:** paragraph of its section in
``reference/warnings.md``. The reference is the one source: the troubleshooting page
cannot disagree with it, and the docs build fails (with ``-W``) when a listed subtype
has no section, no sample or no fix there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

REFERENCE = "reference/warnings.md"
_SECTION = re.compile(
    r"^\(warnings-(?P<subtype>[\w-]+)\)=\n## .*?\n(?P<body>.*?)(?=^\(warnings-|^## )", re.M | re.S
)
_SAMPLE = re.compile(r"^```text\n(?P<line>[^\n]*)\n", re.M)
# The Fix paragraph, and a code block that follows it, up to the next paragraph or section.
_FIX_BLOCK = re.compile(
    r"^\*\*Fix:\*\* .*?(?=\n\n[^`\n][^\n]*\n|\n\(warnings-|\n## |\Z)", re.M | re.S
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WarningEntry:
    subtype: str
    sample: str
    fix: str  # Markdown, the Fix paragraph and any code block that belongs to it


def read_reference(path: Path) -> dict[str, WarningEntry]:
    text = path.read_text(encoding="utf8") + "\n## end\n"
    entries = {}
    for match in _SECTION.finditer(text):
        body = match["body"]
        sample = _SAMPLE.search(body)
        fix = _FIX_BLOCK.search(body)
        entries[match["subtype"]] = WarningEntry(
            match["subtype"],
            sample["line"] if sample else "",
            fix.group(0).strip() if fix else "",
        )
    return entries


class CommonWarnings(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        path = Path(self.env.srcdir, REFERENCE)
        self.env.note_dependency(str(path))
        entries = read_reference(path)
        out: list[nodes.Node] = []
        for subtype in (line.strip() for line in self.content if line.strip()):
            entry = entries.get(subtype)
            if entry is None or not entry.sample or not entry.fix:
                logger.warning(
                    "%s: %r has no section with a sample and a **Fix:** paragraph",
                    REFERENCE,
                    subtype,
                    location=(self.env.docname, self.lineno),
                )
                continue
            section = nodes.section(ids=[f"common-{subtype}"])
            section += nodes.title("", "", nodes.literal(subtype, subtype))
            section += nodes.literal_block(entry.sample, entry.sample, language="text")
            section += self.parse_text_to_nodes(
                f"{entry.fix}\n\nMore in [the warning reference](#warnings-{subtype}).\n"
            )
            out.append(section)
        return out


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("common-warnings", CommonWarnings)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
