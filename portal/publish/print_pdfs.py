"""Print chosen pages to PDF at build time with Debian's Chromium (headless).

Events:
- ``on_page_markdown`` (default priority): where a page has ``<!-- portal:pdf -->``, writes a
  link to its PDF (the label in the reader's language, the PDF in the language the page is
  written in), when PDFs are being made for this build.
- ``print_pages``, a step of ``portal.publish.pipeline`` (after every page is final,
  before files are precompressed): opens each of those pages from disk in one Chromium and
  prints it, with the site's print stylesheet, to ``descargas/<page>-<locale>.pdf``.
PDFs are made when ``extra.pdfs`` is true (PORTAL_PDF=1, set by ``make build``);
``mkdocs serve`` skips them to stay fast. Asked for without Chromium, the build stops with a
message that says how to install it (``portal/publish/pdf_output.py``). Each page is opened at its public
address (``site_url``), served from the site folder by Playwright, so the PDF's links work and
name no build folder; the PDF's dates are the build's date (``portal/publish/build_date.py``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from portal.i18n_state import current_language
from portal.i18n_state import settings as settings_of
from portal.publish import PublishError
from portal.publish.build_date import build_date
from portal.publish.pdf_output import (
    chromium_path,
    content_type,
    fixed_pdf_dates,
    local_file,
    missing_chromium_message,
    public_url,
)
from portal.settings import Settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.portal.print_pdfs")
MARKER = "<!-- portal:pdf -->"


def enabled(settings: Settings) -> bool:
    """PDFs are wanted (PORTAL_PDF=1) for an online build; asked for without Chromium, the
    build stops with how to install it (never a site published without its PDFs)."""
    if not settings.extra.pdfs or settings.offline:
        return False
    if not chromium_path().exists():
        raise PublishError(missing_chromium_message(chromium_path()))
    return True


def pdf_name(page_url: str, locale: str) -> str:
    stem = Path(page_url).stem
    return f"descargas/{stem}-{locale}.pdf"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    if not enabled(settings_of(config)):
        return markdown.replace(MARKER, "")
    lang = current_language(config)
    # A page shown in the Spanish fallback links the Spanish PDF: only translations are printed.
    written_in = getattr(page.file, "locale", None) or lang
    href = "../" * page.url.count("/") + pdf_name(page.url, written_in)
    label = config.extra["ui"].markdown("pdf_download", lang)
    return markdown.replace(MARKER, f'<a href="{href}" download class="portal-pdf-link">{label}</a>')


def print_pages(site: Path, settings: Settings) -> None:
    if not enabled(settings):
        return
    docs = settings.docs
    jobs = []
    for language in settings.languages:
        locale = language.code
        for markdown in sorted((docs / locale).rglob("*.md")):
            if MARKER in markdown.read_text(encoding="utf-8"):
                url = markdown.relative_to(docs / locale).with_suffix(".html").as_posix()
                html = site / language.prefix / url
                jobs.append((html, site / pdf_name(url, locale)))
    if jobs:
        print_to_pdf(jobs, site, settings.site_url)
        when = build_date(settings.root)
        for _, pdf in jobs:
            pdf.write_bytes(fixed_pdf_dates(pdf.read_bytes(), when))
        log.info("%d PDF impresos con Chromium", len(jobs))


def print_to_pdf(jobs: list[tuple[Path, Path]], site: Path, site_url: str) -> None:
    """Print each page (a file of ``site``) opened at its public address under ``site_url``:
    Playwright answers those requests from ``site`` and refuses any other."""
    from playwright.sync_api import Route, sync_playwright

    def answer(route: Route) -> None:
        path = local_file(site, site_url, route.request.url)
        if path is None:
            route.abort()
        else:
            route.fulfill(status=200, body=path.read_bytes(), content_type=content_type(path))

    args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
            "--disable-gpu", "--no-first-run"]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium_path()), args=args)
            page = browser.new_page()
            page.route("**/*", answer)
            for html, pdf in jobs:
                pdf.parent.mkdir(parents=True, exist_ok=True)
                page.goto(public_url(site_url, html.relative_to(site).as_posix()))
                page.emulate_media(media="print")
                page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True,
                         margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"})
            browser.close()
    except Exception as error:  # a missing PDF would leave a broken link: stop the build
        raise PublishError(f"No se pudieron imprimir los PDF con Chromium: {error}") from error
