"""Search index for the offline copy (``make offline``), which readers open from disk.

Events:
- ``on_post_build`` at priority -200, in the outer build only and only when
  ``extra.offline`` is true (PORTAL_OFFLINE=1): browsers do not let pages opened from disk
  fetch files, so Pagefind cannot work there. For each language this writes
  ``buscar-indice.js`` (a script, which file:// may load) with the title, address and text of
  every page of that language; ``search-offline.js`` searches it with the same page and
  results as online. The text comes from the same element Pagefind indexes online.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from i18n_state import is_nested_build, languages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if is_nested_build(config) or not config.extra.get("offline"):
        return
    write_indexes(Path(config.site_dir), languages(config))


def write_indexes(site: Path, locales: list[str]) -> None:
    for index, locale in enumerate(locales):
        root = site if index == 0 else site / locale
        skip = {site / other for other in locales[1:]} if index == 0 else set()
        entries = []
        for page in sorted(root.rglob("*.html")):
            if any(folder in page.parents for folder in skip):
                continue
            extracted = extract(page.read_text(encoding="utf-8"))
            if extracted:
                title, text = extracted
                entries.append({"u": page.relative_to(root).as_posix(), "t": title, "x": text})
        payload = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
        (root / "buscar-indice.js").write_text(f"window.PORTAL_SEARCH_INDEX={payload};\n", encoding="utf-8")


class _Indexable(HTMLParser):
    """Collects the first <h1> and the text inside [data-pagefind-body], minus ignored parts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # nesting depth inside the indexed element (0 = outside)
        self.ignored = 0
        self.in_h1 = False
        self.title = ""
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if self.depth:
            self.depth += 1
            if self.ignored or "data-pagefind-ignore" in names or tag in {"script", "style"}:
                self.ignored += 1
            if tag == "h1" and not self.title:
                self.in_h1 = True
        elif "data-pagefind-body" in names:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if self.ignored:
                self.ignored -= 1
            if tag == "h1":
                self.in_h1 = False

    def handle_data(self, data: str) -> None:
        if self.depth and not self.ignored:
            if self.in_h1:
                self.title += data
            self.text.append(data)


def extract(html: str) -> tuple[str, str] | None:
    parser = _Indexable()
    parser.feed(html)
    if not parser.text:
        return None
    text = " ".join(" ".join(parser.text).split())
    title = " ".join(parser.title.split()).rstrip("¶").strip()
    return title, text
