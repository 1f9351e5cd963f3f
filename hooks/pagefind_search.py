"""Build the site search with Pagefind, one index per language, fetched only when used.

Events:
- ``on_page_content`` (default priority): marks the headings' permalink signs (¶)
  ``data-pagefind-ignore`` so result titles and excerpts do not end with them.
- ``on_post_build`` at priority -175, in the outer build only: mkdocs-static-i18n builds the
  other languages inside its own ``on_post_build`` (priority -100), so the whole trilingual
  ``site/`` exists, and pages are final (minified at -170). Pagefind starts here as a separate
  process and runs while the steps that do not change pages (social images, sitemap, server
  files, PDFs) work; ``pagefind_finish.py`` waits for it at -290, before precompression. Pagefind reads ``<html lang>`` and writes a separate, chunked
  index per language into ``site/pagefind/``; the search page of each language loads only
  its own. Only the element marked ``data-pagefind-body`` (the article) is indexed.

Why Pagefind and not Material's search: measured in issue #2 (search in the reader's language
only, "migracion" finds "migración", no index bytes until the reader searches).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from i18n_state import is_nested_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.pagefind_search")

# Pagefind writes several ready-made UIs; the search page uses only pagefind.js (its API) with
# noWorker, so the rest would just make the site folder and the offline copy bigger.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-highlight.js", "pagefind-worker.js",
)


def on_page_content(html: str, page: object, config: MkDocsConfig, files: object) -> str:
    return html.replace('<a class="headerlink"', '<a data-pagefind-ignore class="headerlink"')


RUNNING = "_pagefind_process"  # key in config.extra, for the duration of one build


@event_priority(-175)
def on_post_build(config: MkDocsConfig) -> None:
    if is_nested_build(config) or config.extra.get("offline"):
        return  # the offline copy has its own index (offline_search.py)
    command = [
        sys.executable, "-m", "pagefind",
        "--site", config.site_dir,
        "--output-subdir", "pagefind",
        "--keep-index-url",  # pages are *.html files (use_directory_urls: false)
        "--silent",
    ]
    config.extra[RUNNING] = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(config: MkDocsConfig) -> None:
    """Wait for the Pagefind process started by on_post_build (called by pagefind_finish.py)."""
    process = config.extra.pop(RUNNING, None)
    if process is None:
        return
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise PluginError(f"Pagefind no pudo crear el índice de búsqueda:\n{stderr}{stdout}")
    remove_unused_bundle_files(Path(config.site_dir) / "pagefind")
    log.info("Índice de búsqueda creado con Pagefind en %s/pagefind", config.site_dir)


def remove_unused_bundle_files(bundle: Path) -> None:
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
