"""Offer the offline copy for download, with its size, where a page asks for it.

Events:
- ``on_page_markdown`` (default priority): replaces ``<!-- portal:descarga-sin-conexion -->``
  with a link to the zip and its size in the reader's language, or says that the copy is not
  available in this build (or that the reader is already using it, in the offline copy).
- ``publish_zip`` (a step of ``portal.publish.pipeline``), online build only: copies the zip
  built by ``make offline`` (``extra.offline_zip``) into ``site/descargas/``.
The zip is read from disk each time, so ``mkdocs serve`` picks up a new one.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from portal.i18n_state import current_language
from portal.i18n_state import settings as settings_of
from portal.settings import Settings

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

MARKER = "<!-- portal:descarga-sin-conexion -->"
PUBLISHED_AS = "descargas/portal-sin-conexion.zip"


def _zip(config: MkDocsConfig) -> Path:
    return settings_of(config).offline_zip


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    ui, lang = config.extra["ui"], current_language(config)
    archive = _zip(config)
    if settings_of(config).offline:
        text = ui.markdown("offline_already", lang)
    elif archive.exists():
        # Raw HTML: MkDocs would reject a Markdown link to a file outside docs/.
        href = "../" * page.url.count("/") + PUBLISHED_AS
        size = size_label(archive.stat().st_size)
        text = f'<a href="{href}" download>{ui.markdown("offline_download", lang)}</a> ({size}, ZIP)'

    else:
        text = ui.markdown("offline_unavailable", lang)
    return markdown.replace(MARKER, text)


def size_label(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def publish_zip(site: Path, settings: Settings) -> None:
    archive = settings.offline_zip
    if not archive.exists():
        return
    target = site / PUBLISHED_AS
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(archive, target)
