"""What sphinxcontrib-bibtex knows about the project's citations, when it is loaded."""

from __future__ import annotations

from sphinx.environment import BuildEnvironment


def bibtex_labels(env: BuildEnvironment) -> dict[str, str]:
    """Key -> the label bibtex gave the entry (e.g. "Afa19"), for every entry in a
    citation bibliography; empty without sphinxcontrib-bibtex or before its labels are
    formatted (``env-updated``)."""
    if "cite" not in env.domains:
        return {}
    domain = env.domains["cite"]
    labels: dict[str, str] = {}
    try:
        bibliographies = domain.bibliographies  # type: ignore[attr-defined]
        for citation in domain.citations:  # type: ignore[attr-defined]
            if bibliographies[citation.bibliography_key].list_ != "citation":
                continue
            labels.setdefault(str(citation.key), str(citation.formatted_entry.label))
    except (AttributeError, KeyError, TypeError):  # another version's data: keys alone
        return {}
    return labels


def bibtex_references(env: BuildEnvironment) -> dict[str, str]:
    """Key -> the entry's formatted reference as plain text, as bibtex lists it in the
    bibliography; empty without sphinxcontrib-bibtex."""
    if "cite" not in env.domains:
        return {}
    domain = env.domains["cite"]
    references: dict[str, str] = {}
    try:
        import pybtex.plugin  # type: ignore[import-untyped]

        plaintext = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")()
        for citation in domain.citations:  # type: ignore[attr-defined]
            text = citation.formatted_entry.text.render(plaintext).replace("\\url ", "")
            references.setdefault(str(citation.key), " ".join(str(text).split()))
    except (AttributeError, ImportError, KeyError, TypeError):
        return {}
    return references
