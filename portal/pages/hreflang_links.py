"""Make the ``<link rel="alternate" hreflang>`` tags in each page's head absolute.

Events:
- ``on_post_page`` (default priority, every language build): Material writes one alternate
  link per language with a relative address (use_directory_urls: false keeps links portable).
  Search engines want absolute addresses there, the BCP 47 tag the page itself declares
  (``qu-EC``) and an ``x-default`` (Spanish), as in sitemap.xml. Links in the page body stay
  relative, so the site still works under any sub-path and from disk.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from portal.i18n_state import settings

ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not page.canonical_url:
        return output
    return absolute_alternates(output, page.canonical_url, settings(config).languages.tags)


def absolute_alternates(html: str, canonical: str, tags: dict[str, str]) -> str:
    links = ALTERNATE.findall(html)
    if not links:
        return html
    default = urljoin(canonical, links[0][0])  # the first language is the default one
    replacement = [f'<link rel="alternate" href="{urljoin(canonical, href)}" hreflang="{tags.get(lang, lang)}">'
                   for href, lang in links]
    replacement.append(f'<link rel="alternate" href="{default}" hreflang="x-default">')
    first = True

    def substitute(match: re.Match[str]) -> str:
        nonlocal first
        if first:
            first = False
            return "\n".join(replacement)
        return ""

    return ALTERNATE.sub(substitute, html)
