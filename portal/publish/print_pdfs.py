"""Print chosen pages to PDF at build time with Debian's Chromium (headless).

Events:
- ``on_page_markdown`` (default priority): where a page has ``<!-- portal:pdf -->``, writes a
  link to its PDF (the label in the reader's language, the PDF in the language the page is
  written in), when PDFs are being made for this build.
- ``print_pages``, a step of ``portal.publish.pipeline`` (after every page is final,
  before files are precompressed): opens each of those pages from disk in one Chromium and
  prints it, with the site's print stylesheet, to ``descargas/<page>-<locale>.pdf``.
PDFs are made when ``extra.pdfs`` is true (PORTAL_PDF=1, set by ``make build``) and Chromium
is installed; ``mkdocs serve`` skips them to stay fast.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from portal.i18n_state import current_language
from portal.i18n_state import settings as settings_of
from portal.publish import PublishError
from portal.settings import Settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.portal.print_pdfs")
MARKER = "<!-- portal:pdf -->"
CHROMIUM = "/usr/bin/chromium"


def enabled(settings: Settings) -> bool:
    return settings.extra.pdfs and not settings.offline and Path(CHROMIUM).exists()


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
        print_to_pdf(jobs)
        log.info("%d PDF impresos con Chromium", len(jobs))


def print_to_pdf(jobs: list[tuple[Path, Path]]) -> None:
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
            "--disable-gpu", "--no-first-run"]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
            page = browser.new_page()
            for html, pdf in jobs:
                pdf.parent.mkdir(parents=True, exist_ok=True)
                page.goto(html.as_uri())
                page.emulate_media(media="print")
                page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True,
                         margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"})
            browser.close()
    except Exception as error:  # a missing PDF would leave a broken link: stop the build
        raise PublishError(f"No se pudieron imprimir los PDF con Chromium: {error}") from error
