"""Every kind of page the portal has, as paths relative to a language's root.

Used by the browser tests that must visit one page of each kind in each language (layout
shift, screenshots before/after the CSS trimmer). ``scripts/bench.py`` has the same list for
Lighthouse (scripts do not import tests).
"""

from __future__ import annotations

from pathlib import Path

# Words found in every language's search index (tests/test_browser.py SEARCHES).
SEARCH_TERMS = {"es": "explotacion", "en": "trafficking", "qu": "trata"}


def first_event(language_root: Path) -> str:
    """The first event page (by name) of a language's built folder."""
    events = sorted(p.name for p in (language_root / "eventos").glob("*.html") if p.name != "index.html")
    return f"eventos/{events[0]}"


def page_kinds(language_root: Path, locale: str) -> dict[str, str]:
    """{kind: path relative to the language's root} for one language of a built site."""
    return {
        "home": "index.html",
        "content": "que-es-la-trata.html",
        "events": "eventos/index.html",
        "event": first_event(language_root),
        "search": "buscar.html",  # the query is typed into the page: never in the address
        "help card": "tarjeta-de-ayuda.html",
        "404": "404.html",
    }


def search_term(url: str, locales: list[str]) -> str:
    """The word a test types on a search page, in the language of ``url`` (its first folder)."""
    for locale in locales[1:]:
        if f"/{locale}/" in url:
            return SEARCH_TERMS.get(locale, "trata")
    return SEARCH_TERMS.get(locales[0], "trata")
