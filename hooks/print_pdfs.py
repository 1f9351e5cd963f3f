"""Print chosen pages to PDF at build time with Debian's Chromium (headless).

Events:
- ``on_page_markdown`` (default priority): where a page has ``<!-- portal:pdf -->``, writes a
  link to its PDF (the label in the reader's language, the PDF in the language the page is
  written in), when PDFs are being made for this build.
- ``on_post_build`` at priority -250, in the outer build only (after every page is final,
  before files are precompressed): opens each of those pages in one Chromium and
  prints it, with the site's print stylesheet, to ``descargas/<page>-<locale>.pdf``.
PDFs are made when ``extra.pdfs`` is true (PORTAL_PDF=1, set by ``make build``);
``mkdocs serve`` skips them to stay fast. Asked for without Chromium, the build stops with a
message that says how to install it (``pdf_output.py``). Each page is opened at its public
address (``site_url``), served from the site folder by Playwright, so the PDF's links work and
name no build folder; the PDF's dates are the build's date (``build_date.py``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from build_cache import project_folder
from build_date import build_date
from i18n_state import current_language, is_nested_build, languages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from pdf_output import (
    chromium_path,
    content_type,
    fixed_pdf_dates,
    local_file,
    missing_chromium_message,
    public_url,
)

log = logging.getLogger("mkdocs.hooks.print_pdfs")
MARKER = "<!-- portal:pdf -->"


def enabled(config: MkDocsConfig) -> bool:
    wanted = str(config.extra.get("pdfs", "")).lower() in {"1", "true", "yes"}
    if not wanted or config.extra.get("offline"):
        return False
    if not chromium_path().exists():
        raise PluginError(missing_chromium_message(chromium_path()))
    return True


def pdf_name(page_url: str, locale: str) -> str:
    stem = Path(page_url).stem
    return f"descargas/{stem}-{locale}.pdf"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    if not enabled(config):
        return markdown.replace(MARKER, "")
    lang = current_language(config)
    # A page shown in the Spanish fallback links the Spanish PDF: only translations are printed.
    written_in = getattr(page.file, "locale", None) or lang
    href = "../" * page.url.count("/") + pdf_name(page.url, written_in)
    label = config.extra["ui"].markdown("pdf_download", lang)
    return markdown.replace(MARKER, f'<a href="{href}" download class="portal-pdf-link">{label}</a>')


@event_priority(-250)
def on_post_build(config: MkDocsConfig) -> None:
    if is_nested_build(config) or not enabled(config):
        return
    site = Path(config.site_dir)
    docs = Path(config.docs_dir)
    locales = languages(config)
    jobs = []
    for index, locale in enumerate(locales):
        for markdown in sorted((docs / locale).rglob("*.md")):
            if MARKER in markdown.read_text(encoding="utf-8"):
                url = markdown.relative_to(docs / locale).with_suffix(".html").as_posix()
                html = site / ("" if index == 0 else locale) / url
                jobs.append((html, site / pdf_name(url, locale)))
    if jobs:
        print_to_pdf(jobs, site, config.site_url or "http://127.0.0.1:8000/")
        when = build_date(project_folder(config.config_file_path))
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
        raise PluginError(f"No se pudieron imprimir los PDF con Chromium: {error}") from error
