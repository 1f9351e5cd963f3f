"""Rules for the public content (issue #3): sources, verification dates, one source of numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.data import contacts
from tests.support.html import soup
from tests.support.site import locales

DOCS = Path(__file__).resolve().parents[1] / "docs"
LOCALES = locales()
SOURCE = LOCALES[0]
# Pages that state no facts from outside the portal: they describe the portal itself
# (privacy, accessibility, safe browsing advice) or are service pages.
SELF_DESCRIBING = {"404.md", "buscar.md", "privacidad.md", "accesibilidad.md", "navegar-seguro.md"}
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def meta(path: Path) -> dict:
    import yaml

    return yaml.safe_load(FRONT_MATTER.match(path.read_text(encoding="utf-8")).group(1))


def spanish_pages() -> list[Path]:
    return sorted((DOCS / SOURCE).rglob("*.md"))


@pytest.mark.parametrize("page", spanish_pages(), ids=lambda p: p.relative_to(DOCS / SOURCE).as_posix())
def test_fact_pages_cite_sources_and_verification_date(page: Path) -> None:
    relative = page.relative_to(DOCS / SOURCE).as_posix()
    data = meta(page)
    assert data["title"] and data["description"]
    if relative in SELF_DESCRIBING or relative.endswith("index.md") and relative != "index.md":
        return
    assert data.get("sources"), f"{relative}: sin fuentes"
    assert data.get("last_verified"), f"{relative}: sin last_verified"


def test_translations_cite_the_same_number_of_sources() -> None:
    for page in spanish_pages():
        relative = page.relative_to(DOCS / SOURCE)
        for locale in LOCALES[1:]:
            translation = DOCS / locale / relative
            if translation.exists():
                assert len(meta(translation).get("sources", [])) == len(meta(page).get("sources", [])), translation


def test_every_phone_link_in_the_content_is_in_the_data_file() -> None:
    known = {line["tel"] for line in contacts()["lines"]}
    for page in DOCS.rglob("*.md"):
        for number in re.findall(r"tel:([+0-9]+)", page.read_text(encoding="utf-8")):
            assert number in known, f"{page.relative_to(DOCS)}: tel:{number} no está en data/contactos.yml"


def test_old_iom_contacts_from_the_seeds_are_never_published() -> None:
    for page in DOCS.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        for old in ("4449", "225.3948", "2253948", "aguzman", "Guzmán"):
            assert old not in text, f"{page.relative_to(DOCS)} contiene {old}"


@pytest.mark.parametrize("locale", LOCALES)
def test_help_page_lists_the_lines_of_the_data_file(site: Path, locale: str) -> None:
    page = soup(site / ("" if locale == SOURCE else locale) / "pide-ayuda.html")
    article = page.select_one(".portal-article")
    tel = {a["href"].removeprefix("tel:") for a in article.select('a[href^="tel:"]')}
    help_bar_lines = {line["tel"] for line in contacts()["lines"] if line.get("in_help_bar", True)}
    assert help_bar_lines <= tel


def test_fact_pages_show_sources_and_date(site: Path) -> None:
    from tests.support.data import data_file

    heading = data_file("ui")["sources_heading"]
    page = soup(site / "que-es-la-trata.html")
    assert page.select_one(".portal-sources h2").get_text(strip=True) == heading[SOURCE]
    assert page.select_one(".portal-verified time")["datetime"]
    english = soup(site / "en" / "que-es-la-trata.html")
    assert english.select_one(".portal-sources h2").get_text(strip=True) == heading["en"]
