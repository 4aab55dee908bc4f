"""The shipped message catalogs: complete, compiled, and in step with the source."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po

from sphinxcontrib_policybrief.core.messages import computed_messages
from sphinxcontrib_policybrief.core.model import BUILTIN_RELATIONS
from sphinxcontrib_policybrief.locale import LOCALE_DIR, MESSAGE_CATALOG

SCRIPT = Path(__file__).parent.parent / "scripts" / "catalogs.py"


@pytest.fixture(scope="module")
def catalogs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogs"] = module
    spec.loader.exec_module(module)
    return module


def test_catalogs_are_complete_and_compiled(catalogs: ModuleType) -> None:
    # Fails when a label is added without updating the catalogs: run scripts/catalogs.py.
    assert catalogs.problems() == []
    assert catalogs.languages() == ["de", "fr", "ru"]


def test_core_labels_are_in_the_template() -> None:
    with (LOCALE_DIR / f"{MESSAGE_CATALOG}.pot").open("rb") as handle:
        ids = {m.id for m in read_po(handle) if m.id}
    relation_labels = {label for r in BUILTIN_RELATIONS for label in (r.outgoing, r.incoming)}
    expected = relation_labels | set(computed_messages())
    assert expected <= ids, expected - ids
    assert {"Key judgment", "roughly even chance", "realistic possibility", "superseded"} <= ids


def test_plural_forms() -> None:
    forms = {}
    for lang in ("de", "fr", "ru"):
        with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.po").open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        forms[lang] = catalog.num_plurals
        for message in catalog:
            if isinstance(message.id, tuple):
                assert len(message.string) == catalog.num_plurals
    assert forms == {"de": 2, "fr": 2, "ru": 3}


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (('msgstr "Verbindungen"', 'msgstr ""'), "'Connections' is not translated"),
        (("%(start)s – heute", "%(begin)s – heute"), "unknown named placeholder 'begin'"),
        (('msgstr "Quelle"', 'msgstr "Herkunft"'), "policybrief.mo: not compiled"),
        (('msgid "Source"\nmsgstr "Quelle"', 'msgid "Origin"\nmsgstr "Quelle"'), "ids differ"),
    ],
)
def test_a_stale_or_incomplete_catalog_is_reported(
    catalogs: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: tuple[str, str],
    problem: str,
) -> None:
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy)
    po = copy / "de" / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.po"
    text = po.read_text(encoding="utf8")
    assert edit[0] in text
    po.write_text(text.replace(edit[0], edit[1]), encoding="utf8")
    monkeypatch.setattr(catalogs, "LOCALE", copy)
    monkeypatch.setattr(catalogs, "ROOT", tmp_path)
    found = catalogs.problems()
    assert any(problem in p for p in found), found
