"""Kichwa that holds up (issue 14, item 4): every Kichwa word on the built site is in the
glossary (data/glosario-kichwa.yml) or in the revision list (data/kichwa-revision.yml), and no
southern Quechua form is used. The rules are in tests/support/kichwa.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.support.kichwa import GLOSSARY, REVISION, Lexicon, check_site, kichwa_texts, words
from tests.support.site import locales

REPO = Path(__file__).resolve().parents[1]
OTHER_LOCALES = locales()[1:]
# Pages another part of issue 14 is rewriting: their words are checked in a test of their own,
# which is expected to fail until that work lands (strict: it fails once they pass, so that
# the page goes back to the main test).
# Southern (Peruvian, Bolivian) Quechua spellings that Ecuadorian unified Kichwa does not use.
SOUTHERN = re.compile(r"q|sqa|(?<!\ba)chka|maska|llamk|wakichi|runasimi")  # achka (mucho) is Kichwa


def tiny() -> Lexicon:
    return Lexicon(roots=frozenset({"wasi", "rura", "kay", "mashka"}),
                   suffixes=("kuna", "pay", "pi", "ka", "n", "y", "pa"),
                   loans=frozenset({"documento"}), spanish_terms=("trata de personas",))


@pytest.mark.parametrize("word", ["wasi", "wasikunapi", "Ruray", "rurapay", "mashkapay", "documentokuna", "kay"])
def test_roots_with_listed_endings_are_justified(word: str) -> None:
    assert tiny().justified(word)


@pytest.mark.parametrize("word", ["maskapay", "llamkay", "wakichiy", "rurachkan", "qam", "wasisqa", "casa"])
def test_southern_forms_and_unlisted_words_are_not(word: str) -> None:
    assert not tiny().justified(word)


def test_proper_names_need_a_capital_and_the_spanish_pages() -> None:
    lexicon = tiny()
    assert lexicon.justified("OIMka", frozenset({"oim"}))
    assert lexicon.justified("Ecuadorpi", frozenset({"ecuador"}))
    assert not lexicon.justified("ecuadorpi", frozenset({"ecuador"}))  # lower case: not a name
    assert not lexicon.justified("Quitopi", frozenset({"ecuador"}))


def test_kept_spanish_expressions_may_take_kichwa_endings() -> None:
    found = words("Kay trata de personaska wasipi", tiny())
    assert all(tiny().justified(w) for w in found)
    assert "de" not in found


def test_spanish_marked_text_and_glosses_in_attributes_are_left_out() -> None:
    html = ('<html lang="qu-EC"><head><title>Mashkana (buscar)</title></head><body>'
            '<p>Wasikunapi <span lang="es">casa grande</span></p>'
            '<button aria-label="Mashkana (buscar)">1</button><p lang="es">otra</p></body></html>')
    found = [w for t in kichwa_texts(html) for w in words(t, tiny())]
    assert found == ["Mashkana", "Wasikunapi", "Mashkana"]


def test_the_word_lists_give_every_word_a_meaning_and_a_source() -> None:
    glossary = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    for term in glossary["terms"]:
        assert term["meaning"] and term["roots"], term
        assert term["source"] in glossary["sources"] or (term["source"] is None and term["evidence"]), term
    review = yaml.safe_load(REVISION.read_text(encoding="utf-8"))
    entries = [r for group in review["roots"].values() for r in group]
    assert all(e["meaning"] for e in entries + review["suffixes"] + review["loans"])
    for entry in entries:
        assert not SOUTHERN.search(entry["root"]), f"{REVISION.name}: «{entry['root']}» es del quechua del sur"
    roots = [e["root"] for e in entries]
    assert len(roots) == len(set(roots)), "raíz repetida en data/kichwa-revision.yml"


def test_the_kichwa_notes_do_not_point_outside_the_repository() -> None:
    for path in (REPO / "KICHWA-REVISION.md", GLOSSARY, REVISION, REPO / "overrides/partials/languages/qu.html"):
        assert "shared" not in path.read_text(encoding="utf-8"), f"{path.name} apunta fuera del repositorio"


def _message(lines: list[str]) -> str:
    return ("Palabras kichwa que no están en data/glosario-kichwa.yml ni en data/kichwa-revision.yml "
            "(palabra: páginas). Añada su raíz con su significado a data/kichwa-revision.yml, o "
            'marque el castellano con <span lang="es">:\n' + "\n".join(lines))


def test_every_kichwa_word_on_the_site_is_in_the_glossary_or_the_revision_list(site: Path) -> None:
    report = check_site(site, Lexicon.load(), OTHER_LOCALES)
    assert report.pages_checked >= 25 and report.words_checked > 5000  # it really read the pages
    lines = [f"{word}: {', '.join(sorted(pages))}" for word, pages in sorted(report.unknown.items())]
    assert not lines, _message(lines)


def test_no_southern_quechua_form_in_the_kichwa_pages(site: Path) -> None:
    lexicon = Lexicon.load()
    found = set()
    for page in sorted((site / "qu").rglob("*.html")):
        for text in kichwa_texts(page.read_text(encoding="utf-8")):
            found |= {f"{w} ({page.relative_to(site)})" for w in words(text, lexicon)
                      if SOUTHERN.search(w.lower()) and not w[:1].isupper()}
    assert not found, "Formas del quechua del sur en páginas kichwa: " + ", ".join(sorted(found))
