"""Make links to other sites leak nothing about the reader.

Events:
- ``on_page_content`` (default priority): adds ``rel="noopener noreferrer"`` and the class
  ``external`` to every link whose address starts with ``http://`` or ``https://``, so the
  other site is not told which page of the portal the reader came from (a safety issue for
  people at risk), even in browsers that ignore ``<meta name="referrer">``.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

EXTERNAL_ANCHOR = re.compile(r"<a\s+([^>]*?)href=\"(https?://[^\"]+)\"([^>]*)>", re.I)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return protect_external_links(html)


def protect_external_links(html: str) -> str:
    def rewrite(match: re.Match[str]) -> str:
        before, url, after = match.groups()
        attributes = re.sub(r'\s*rel="[^"]*"', "", before + after)
        if 'class="' in attributes:
            attributes = attributes.replace('class="', 'class="external ', 1)
        else:
            attributes += ' class="external"'
        return f'<a href="{url}" rel="noopener noreferrer"{" " if attributes.strip() else ""}{attributes.strip()}>'

    return EXTERNAL_ANCHOR.sub(rewrite, html)
