"""MkDocs entry point 4/5: awareness events (``portal.events``): listing, event pages,
calendars and feeds, per language build.

``on_files`` runs at priority -110, just after mkdocs-static-i18n (-100) has chosen the
language's files; the other events at the default priority.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from portal.events import events


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return events.on_files(files, config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return events.on_page_markdown(markdown, page, config, files)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    return events.on_page_context(context, page, config, nav)


def on_post_build(config: MkDocsConfig) -> None:
    events.on_post_build(config)
