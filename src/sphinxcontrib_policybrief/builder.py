"""The ``policybrief`` builder: reads the project and writes only the data files."""

from __future__ import annotations

from collections.abc import Set

from docutils import nodes
from sphinx.builders import Builder
from sphinx.locale import __

from .export_hooks import export_formats, write_data_files


class PolicyBriefBuilder(Builder):
    """``sphinx-build -b policybrief``: ``policybrief.json``, the timeline and CSV files.

    URLs are those of the HTML builder (``docname.html#anchor``, or ``html_link_suffix``),
    so the files can be published beside an HTML build made separately.
    """

    name = "policybrief"
    format = "policybrief"
    epilog = __("The policy brief data files are in %(outdir)s.")
    allow_parallel = True
    link_suffix = ".html"

    def init(self) -> None:
        self.link_suffix = (
            self.config.html_link_suffix or self.config.html_file_suffix or self.link_suffix
        )

    def get_outdated_docs(self) -> list[str]:
        # No page is written; finish() makes the data files afresh on every run.
        return []

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return docname + self.link_suffix

    def write_documents(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        # Page JSON-LD needs pages; every other format is written, whatever
        # policybrief_export says: running this builder is asking for the data.
        formats = [f for f in export_formats(self) if f != "jsonld"]
        write_data_files(self, formats)
