"""Give templates the validated front matter, not the raw text.

Called by ``hooks/content.py`` at ``on_page_markdown``, before anything reads ``page.meta``: replaces the
page's ``sources`` with the values the schema (``portal.content.schema.Source``) produced: text
stripped, and each ``url`` as pydantic normalised it (characters such as ``"`` ``<`` ``>``
percent-encoded). Templates escape every value too (``| e``); this makes what they print
the value ``page_schema`` checked (issue #13, item 11).

Stateless: it only rewrites the page's own ``meta`` for the build that renders it.
"""

from __future__ import annotations

from mkdocs.structure.pages import Page
from pydantic import ValidationError

from portal.content.schema import Source


def use_validated_sources(page: Page) -> None:
    sources = page.meta.get("sources")
    if isinstance(sources, list):
        page.meta["sources"] = validated_sources(sources)


def validated_sources(sources: list[object]) -> list[object]:
    """Each source as a plain dict of validated values; one that does not validate (never,
    after page_schema's check) is dropped rather than printed raw."""
    clean: list[object] = []
    for raw in sources:
        try:
            source = Source.model_validate(raw)
        except ValidationError:
            continue
        clean.append({"title": source.title, "publisher": source.publisher,
                      "url": str(source.url) if source.url else None, "date": source.date})
    return clean
