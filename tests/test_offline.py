"""The offline copy (make offline): a zip that works opened from disk, search included."""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.support.html import soup
from tests.support.search import search
from tests.support.site import REPO, locales

LOCALES = locales()
DOCS = REPO / "docs"


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory, offline_zip: Path) -> Path:
    """The zip of `make offline` (conftest.py: offline_zip), unpacked."""
    from scripts.offline import FOLDER

    root = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(offline_zip) as opened:
        names = opened.namelist()
        assert all(name.startswith(f"{FOLDER}/") for name in names)
        opened.extractall(root)
    return root / FOLDER


def test_zip_has_the_site_and_how_to_use_it(offline_site: Path) -> None:
    assert (offline_site / "como-usar.html").exists()
    assert (offline_site / "index.html").exists()
    for locale in LOCALES:  # the same search index as online, loaded as scripts from disk
        prefix = offline_site if locale == LOCALES[0] else offline_site / locale
        folder = prefix / soup(prefix / "buscar.html").select_one("#portal-search")["data-index"]
        pages = " ".join(p.read_text(encoding="utf-8") for p in folder.glob("d*.js"))
        assert '"u":"que-es-la-trata.html"' in pages
    # Nothing a server would need, nothing that cannot work from disk.
    assert not list(offline_site.rglob("*.br")) and not list(offline_site.rglob("*.gz"))
    assert not (offline_site / ".htaccess").exists()


def test_offline_copy_says_so_instead_of_offering_itself(offline_site: Path) -> None:
    text = (offline_site / "acerca-de.html").read_text(encoding="utf-8")
    assert "Usted está usando la copia sin conexión" in text


@pytest.mark.browser
def test_offline_copy_works_from_disk(browser: object, offline_site: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    base = offline_site.as_uri() + "/"
    page.goto(base + "que-es-la-trata.html")
    # Language switching lands on the same page, on disk.
    page.click(".md-select > button")
    with page.expect_navigation(url=base + "en/que-es-la-trata.html"):
        page.click('.md-select__link[hreflang="en"]')
    # Search, without accents, in the reader's language only.
    search(page, base, "pasaporte")
    page.wait_for_selector("#portal-search-results a")
    hrefs = [a.get_attribute("href").split("#")[0] for a in page.query_selector_all("#portal-search-results > li > a")]
    assert "migra-seguro.html" in hrefs
    search(page, base, "explotacion")  # typed without its accent
    page.wait_for_selector("#portal-search-results mark")
    marked = {m.inner_text().lower() for m in page.query_selector_all("#portal-search-results mark")}
    assert any(word.startswith("explotación") for word in marked), marked
    assert not any(href.startswith(("en/", "qu/")) for href in hrefs)
    first = page.locator("#portal-search-results > li > a").first
    target = first.evaluate("a => a.href")
    assert target.startswith(base) and target.split("#")[0].endswith(".html"), target
    with page.expect_navigation(url=lambda url: url == target):
        first.click()
    search(page, base + "qu/", "trata")
    page.wait_for_selector("#portal-search-results a")
    search(page, base, "rxplotasion")  # spelt as said, a typo in the first letter: word lists too
    page.wait_for_selector("#portal-search-results a")
    assert page.query_selector("#portal-search-results mark") is not None
    context.close()
    assert errors == []
    assert all(url.startswith("file://") for url in requests), [u for u in requests if not u.startswith("file://")]


def test_download_link_shows_the_size_in_the_readers_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from portal.content import download_links
    from portal.content.schema import InterfaceText
    from tests.support.data import data_file

    archive = tmp_path / "dist" / "portal.zip"
    archive.parent.mkdir()
    archive.write_bytes(b"x" * 3 * 1024 * 1024)

    class Config(dict):
        config_file_path = str(tmp_path / "mkdocs.yml")
        theme = {"language": "en"}
        extra = {"ui": InterfaceText.model_validate(data_file("ui")), "offline_zip": "dist/portal.zip"}

        def __getitem__(self, key: str) -> object:
            return getattr(self, key)

    class Page:
        url = "en/acerca-de.html"

    settings = SimpleNamespace(offline=False, offline_zip=archive)  # portal.settings.Settings' fields used
    monkeypatch.setattr(download_links, "settings_of", lambda config: settings)

    out = download_links.on_page_markdown(f"x\n{download_links.MARKER}\n", Page(), Config(), None)
    assert '<a href="../descargas/portal-sin-conexion.zip" download>Download the portal to use offline</a> (3.0 MB, ZIP)' in out
    archive.unlink()
    out = download_links.on_page_markdown(download_links.MARKER, Page(), Config(), None)
    assert "not available" in out


def test_the_real_build_links_the_offline_zip_with_its_size(site: Path, offline_zip: Path) -> None:
    """`make offline` then `make build`: the site publishes the zip and links it, with its size."""
    from portal.content import download_links

    published = site / "descargas" / offline_zip.name
    assert published.read_bytes() == offline_zip.read_bytes()
    size = offline_zip.stat().st_size
    shown = f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"
    linked = 0
    for page in site.rglob("*.html"):
        for link in soup(page).select("a[download][href$=\".zip\"]"):
            target = (page.parent / link["href"]).resolve()
            assert target == published.resolve(), f"{page}: {link['href']}"
            assert f"({shown}, ZIP)" in link.parent.get_text(), f"{page}: {link.parent}"
            linked += 1
    asking = [p for p in DOCS.rglob("*.md") if download_links.MARKER in p.read_text(encoding="utf-8")]
    assert asking and linked >= len(asking), (linked, asking)
