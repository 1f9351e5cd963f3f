"""Printing: the print stylesheet and the PDFs made at build time with Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.support.debian import apt_install
from tests.support.html import soup
from tests.support.site import COMMAND_TIMEOUT, locales

LOCALES = locales()
PRINTED = ("cartilla-migracion", "tarjeta-de-ayuda")


@pytest.fixture(scope="session")
def poppler() -> None:
    if not shutil.which("pdftotext") or not shutil.which("pdftoppm"):
        apt_install("poppler-utils")


@pytest.fixture(scope="session")
def tesseract() -> str:
    if not shutil.which("tesseract"):
        apt_install("tesseract-ocr", "tesseract-ocr-eng")
    return shutil.which("tesseract") or "/usr/bin/tesseract"


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=COMMAND_TIMEOUT).stdout


def pages_in(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True,
                          timeout=COMMAND_TIMEOUT).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def help_bar_lines() -> list[dict]:
    from tests.support.data import contacts

    lines = [line for line in contacts()["lines"] if line.get("in_help_bar", True)]
    assert lines
    return lines


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", PRINTED)
def test_pdf_exists_is_linked_and_has_the_help_numbers(site: Path, poppler: None, name: str, locale: str) -> None:
    pdf = site / "descargas" / f"{name}-{locale}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    page = soup(site / ("" if locale == LOCALES[0] else locale) / f"{name}.html")
    link = page.select_one("a.portal-pdf-link")
    assert link is not None and (site / ("" if locale == LOCALES[0] else locale) / link["href"]).resolve() == pdf.resolve()
    text = pdf_text(pdf)
    for line in help_bar_lines():  # the help bar is kept on paper (numbers from data/contactos.yml)
        assert line["short"] in text, line["short"]
    assert "Salir rápido" not in text and "Exit this page" not in text  # no buttons on paper
    assert "/trata/" in text  # the page's address is printed


def test_cartilla_is_bilingual_and_fits_on_few_pages(site: Path, poppler: None) -> None:
    pdf = site / "descargas" / "cartilla-migracion-es.pdf"
    text = pdf_text(pdf)
    assert "Runa shimi" in text and "Mishu shimi" in text
    assert pages_in(pdf) <= 2


@pytest.mark.slow
def test_help_card_renders_to_an_image_with_the_numbers(site: Path, poppler: None, tesseract: str,
                                                        tmp_path: Path) -> None:
    """Render the printed card to a picture and read it back (OCR), as a person would see it."""
    pdf = site / "descargas" / "tarjeta-de-ayuda-es.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "card")],
                   check=True, timeout=COMMAND_TIMEOUT)
    image = next(tmp_path.glob("card*.png"))
    seen = subprocess.run([tesseract, str(image), "-", "--psm", "3"], capture_output=True, text=True,
                          check=True, timeout=COMMAND_TIMEOUT).stdout
    for line in help_bar_lines():  # each number as the help bar shows it, read back from the picture
        for word in line["short"].split():
            assert word.upper() in seen.upper(), (word, seen)


def test_print_stylesheet_hides_navigation_and_shows_link_addresses(site: Path) -> None:
    css = next((site / "assets" / "stylesheets").glob("print.*.css")).read_text(encoding="utf-8")
    assert "@media print" in css
    assert ".md-header" in css and ".portal-exit" in css
    # Minified (publish/minify_assets.py): spaces around the parts may go.
    assert re.search(r'content:\s*" \("\s*attr\(href\)\s*"\)"', css), css
    # The pages load it inside the one bundled stylesheet.
    bundle = next((site / "assets" / "stylesheets").glob("site.*.css")).read_text(encoding="utf-8")
    assert css.strip() in bundle


def test_a_fallback_page_links_the_pdf_that_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page not yet translated to Kichwa is not printed in Kichwa: link the Spanish PDF."""
    from portal.content.schema import InterfaceText
    from portal.publish import print_pdfs
    from tests.support.data import data_file

    monkeypatch.setattr(print_pdfs, "enabled", lambda settings: True)
    monkeypatch.setattr(print_pdfs, "settings_of", lambda config: None)
    config = SimpleNamespace(theme={"language": "qu"},
                             extra={"ui": InterfaceText.model_validate(data_file("ui"))})
    fallback = SimpleNamespace(url="qu/tarjeta-de-ayuda.html", file=SimpleNamespace(locale="es"))
    translated = SimpleNamespace(url="qu/tarjeta-de-ayuda.html", file=SimpleNamespace(locale="qu"))
    assert 'href="../descargas/tarjeta-de-ayuda-es.pdf"' in print_pdfs.on_page_markdown(
        print_pdfs.MARKER, fallback, config, None)
    assert 'href="../descargas/tarjeta-de-ayuda-qu.pdf"' in print_pdfs.on_page_markdown(
        print_pdfs.MARKER, translated, config, None)
