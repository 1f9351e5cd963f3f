"""The printed PDFs: working links to the public site, no build paths (issue 16 item 5);
PORTAL_PDF=1 without Chromium stops the build (issue 13 item 9)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from tests.support.site import COMMAND_TIMEOUT, build_scenario, locales, page_text
from tests.test_print import PRINTED, pdf_text, poppler  # noqa: F401 (fixture)

LOCALES = locales()


def pdf_links(pdf: Path) -> list[str]:
    """Every link annotation of the PDF (poppler's pdfinfo -url)."""
    out = subprocess.run(["pdfinfo", "-url", str(pdf)], capture_output=True, text=True, check=True,
                         timeout=COMMAND_TIMEOUT).stdout
    return [line.split(None, 2)[2] for line in out.splitlines()[1:] if line.strip()]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", PRINTED)
def test_pdf_links_go_to_the_public_site(site: Path, site_url: str, poppler: None, name: str, locale: str) -> None:  # noqa: F811 (fixture)
    pdf = site / "descargas" / f"{name}-{locale}.pdf"
    links = pdf_links(pdf)
    raw = pdf.read_bytes()
    assert b"file:" not in raw and b"site.tmp" not in raw and str(site.parent).encode() not in raw
    assert "file:" not in pdf_text(pdf)
    own = [link for link in links if link.startswith(site_url)]
    assert own, f"{pdf.name}: no link to the portal itself ({links})"
    for link in links:
        assert urlsplit(link).scheme in {"https", "http", "tel", "mailto"}, link
        if link.startswith(site_url):  # a link to the site names a page that exists
            assert (site / urlsplit(link).path.removeprefix(urlsplit(site_url).path)).is_file(), link
        else:
            assert not urlsplit(link).netloc.startswith("127.0.0.1"), link


def test_pdf_dates_are_the_build_date(site: Path, checkout: Path) -> None:
    """Metadata dates come from the last commit (or SOURCE_DATE_EPOCH), not the clock: the
    session site is built from a copy of the project (``checkout``), so its date is that copy's."""
    from portal.publish.build_date import build_date
    from tests.support.site import clean_env

    stamp = build_date(checkout, clean_env("http://127.0.0.1/")).strftime("D:%Y%m%d%H%M%S").encode()
    for pdf in (site / "descargas").glob("*.pdf"):
        dates = re.findall(rb"/(?:CreationDate|ModDate) \((D:\d{14})", pdf.read_bytes())
        assert dates and set(dates) == {stamp}, (pdf.name, dates)


def test_fixed_pdf_dates_keep_the_length() -> None:
    from portal.publish.pdf_output import fixed_pdf_dates

    data = b"<</CreationDate (D:20261201220143+00'00')\n/ModDate (D:20261201220143-05'00')>>"
    out = fixed_pdf_dates(data, dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
    assert out == b"<</CreationDate (D:20260102030405+00'00')\n/ModDate (D:20260102030405+00'00')>>"
    assert len(out) == len(data)


def test_only_files_of_the_site_are_served_to_the_printer(tmp_path: Path) -> None:
    from portal.publish.pdf_output import local_file

    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("x", encoding="utf-8")
    (site / "en" / "a b.html").write_text("x", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    base = "https://example.gob.ec/trata/"
    assert local_file(site, base, base) == (site / "index.html").resolve()
    assert local_file(site, base, base + "en/a%20b.html?x=1#y") == (site / "en" / "a b.html").resolve()
    assert local_file(site, base, base + "../secret.txt") is None
    assert local_file(site, base, base + "%2e%2e/secret.txt") is None
    assert local_file(site, base, "https://example.gob.ec/secret.txt") is None
    assert local_file(site, base, "https://evil.example/trata/index.html") is None
    assert local_file(site, base, base + "missing.html") is None


def test_pdfs_asked_for_without_chromium_stop_with_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    from portal.publish import PublishError, print_pdfs

    def settings(pdfs: bool, offline: bool = False) -> SimpleNamespace:
        return SimpleNamespace(extra=SimpleNamespace(pdfs=pdfs), offline=offline)

    monkeypatch.setenv("PORTAL_CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(PublishError, match="apt-get install chromium"):
        print_pdfs.enabled(settings(True))
    assert print_pdfs.enabled(settings(False)) is False
    assert print_pdfs.enabled(settings(True, offline=True)) is False


@pytest.mark.slow
def test_build_with_pdfs_and_no_chromium_fails(tmp_path: Path) -> None:
    pages = {"es/index.md": page_text("Inicio"),
             "es/tarjeta.md": page_text("Tarjeta de ayuda", "<!-- portal:pdf -->\n\nTexto.")}
    with pytest.raises(AssertionError) as failed:
        build_scenario(tmp_path, pages, extra_env={"PORTAL_PDF": "1",
                                                   "PORTAL_CHROMIUM": str(tmp_path / "no-chromium")})
    message = str(failed.value)
    assert "Chromium no está instalado" in message and "apt-get install chromium" in message
    assert "Traceback" not in message
    assert not (tmp_path / "site" / "descargas").exists()
