"""Write ``sitemap.xml`` (with hreflang alternates) and ``robots.txt`` for the whole site.

Events:
- ``write_seo_files``, a step of ``portal.publish.pipeline`` (after every language is built;
  mkdocs-static-i18n's own sitemap lists only Spanish URLs, includes the search and 404 pages and has no
  ``x-default``). One ``<url>`` per page and language, each listing every real translation
  and ``x-default`` pointing at Spanish, as search engines ask. Untranslated pages (served
  from Spanish with a notice) are not announced as translations. Absolute URLs come from
  ``site_url``, so they respect its sub-path.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from portal.content.checks import read_meta
from portal.publish.server_config import ADMIN_PATH
from portal.publish.templating import render
from portal.settings import Settings


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class SitemapPage:
    locations: list[str]  # one <url> per language that really has the page
    alternates: list[Alternate]


def write_seo_files(site: Path, settings: Settings) -> None:
    base = settings.site_url
    codes = settings.languages.codes
    pages = public_pages(settings.docs, codes)
    xml = sitemap(base, codes, settings.languages.tags, pages)
    (site / "sitemap.xml").write_text(xml, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
    (site / "robots.txt").write_text(
        render("robots.txt.j2", base=base, admin=settings.site_path + ADMIN_PATH), encoding="utf-8"
    )


def remove_seo_files(site: Path, settings: Settings) -> None:
    """The offline copy is opened from disk: nothing for search engines."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)


def public_pages(docs: Path, locales: list[str]) -> dict[str, list[str]]:
    """Default-language page (html path) → languages that really translate it; search/404 excluded."""
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
    entries = []
    for html, translated in pages.items():
        alternates = [Alternate(tags.get(lang, lang), url_of(base, source, lang, html)) for lang in translated]
        alternates.append(Alternate("x-default", url_of(base, source, source, html)))
        entries.append(SitemapPage([url_of(base, source, lang, html) for lang in translated], alternates))
    return render("sitemap.xml.j2", pages=entries)
