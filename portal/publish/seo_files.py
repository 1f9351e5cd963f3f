"""Write ``sitemap.xml`` (with hreflang alternates) and ``robots.txt`` for the whole site.

Events:
- ``on_post_build`` at priority -185, in the outer build only (after mkdocs-static-i18n, whose
  own sitemap lists only Spanish URLs, includes the search and 404 pages and has no
  ``x-default``). One ``<url>`` per page and language, each listing every real translation
  and ``x-default`` pointing at Spanish, as search engines ask. Untranslated pages (served
  from Spanish with a notice) are not announced as translations. Absolute URLs come from
  ``site_url``, so they respect its sub-path.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape

from portal.content.checks import read_meta
from portal.i18n_state import is_nested_build, languages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@event_priority(-185)
def on_post_build(config: MkDocsConfig) -> None:
    if is_nested_build(config):
        return
    site = Path(config.site_dir)
    if config.extra.get("offline"):  # opened from disk: nothing for search engines
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / name).unlink(missing_ok=True)
        return
    base = (config.site_url or "/").rstrip("/") + "/"
    tags = config.extra.get("language_tags", {})
    pages = public_pages(Path(config.docs_dir), languages(config))
    xml = sitemap(base, languages(config), tags, pages)
    (site / "sitemap.xml").write_text(xml, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")


def public_pages(docs: Path, locales: list[str]) -> dict[str, list[str]]:
    """Spanish page (html path) → languages that really translate it; search/404 excluded."""
    source = locales[0]
    pages: dict[str, list[str]] = {}
    for markdown in sorted((docs / source).rglob("*.md")):
        relative = markdown.relative_to(docs / source)
        if _excluded(markdown):
            continue
        html = relative.with_suffix(".html").as_posix()
        pages[html] = [lang for lang in locales if (docs / lang / relative).exists()]
    return pages


def _excluded(markdown: Path) -> bool:
    return bool(read_meta(markdown).get("search_exclude"))


def url_of(base: str, source: str, lang: str, html: str) -> str:
    return base + ("" if lang == source else f"{lang}/") + html


def sitemap(base: str, locales: list[str], tags: dict[str, str], pages: dict[str, list[str]]) -> str:
    source = locales[0]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    for html, translated in pages.items():
        alternates = [(tags.get(lang, lang), url_of(base, source, lang, html)) for lang in translated]
        alternates.append(("x-default", url_of(base, source, source, html)))
        for lang in translated:
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(url_of(base, source, lang, html))}</loc>")
            for hreflang, href in alternates:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href="{escape(href)}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
