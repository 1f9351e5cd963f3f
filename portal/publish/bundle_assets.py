"""One stylesheet and one common script per page instead of four and three (fewer requests).

Events:
- pipeline step (``portal.publish.pipeline``, slot A): after the theme's CSS is trimmed and
  our assets minified, before fingerprint. In every page, a run of consecutive
  ``<link rel="stylesheet">`` (or ``<script src>``) elements that name files of
  ``assets/stylesheets/`` (or ``assets/javascripts/``) listed in :data:`BUNDLED` is replaced
  by ONE element naming a bundle: the files joined in the page's order, named by their
  content's hash (``site.<hash>.css``, ``site.<hash>.js``; servers cache it for a year).

Why: on a phone on slow mobile data each request costs a round trip and ~0.4-0.7 KB of
response headers. A content page loaded Material's main and palette CSS, portal.css,
print.css, quick-exit.js, controls.js and listen.js: seven requests, now two.

- Same cascade: the stylesheets are joined in the order the page names them (print.css
  carries its own ``@media print``). Only the first file's ``@charset`` is kept.
- Same scripts, same moment: the bundle stands where the first script stood (end of the
  body); the quick exit comes first in it, as before. Each part runs in its own
  ``try``: an error in one (say, the listen button on an old browser) does not stop the
  next, as separate files did; the error is still reported (thrown again on a timer).
- Page-specific scripts (search, events filter) are not in the common bundle, which is the
  same on every page that loads the same common files (cached once): overrides/main.html
  loads listen.js on every page (it stops at once where there is no listen button) so that
  the bundle is one. The search page's two scripts, the engine and the page, are joined into
  a bundle of their own (``search.<hash>.js``, :data:`BUNDLED`'s second group): one request
  and ~0.5 KB of headers fewer on the search page (issue 19), nothing on the other pages.
- The separate files stay in ``site/`` (the editor's preview names them; maintainers read
  them) and the sources stay separate in ``overrides/assets/``.
- Relative addresses: the bundle sits in the same folder as its parts, so ``url()`` in the
  CSS and the pages' relative prefixes (``../``) stay valid, from a server or from disk.

The tags are found with one exact pattern: MkDocs and Material write them as
``<link rel="stylesheet" href="...">`` and ``<script src="..."></script>`` (before minify,
which may unquote attributes). A page may name its parts with ``../`` or not (404's
``<base>``): the prefix of the run is kept.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from portal.publish import PublishError

# The files bundled, as the pages name them (before fingerprint; the theme's trimmed
# stylesheets already carry their hash: matched by their stem), by bundle: {kind: {bundle's
# stem: parts}}. Consecutive tags of one group become that group's bundle.
BUNDLED: dict[str, dict[str, tuple[str, ...]]] = {
    "css": {"site": ("main", "palette", "portal", "print")},
    "js": {"site": ("quick-exit", "strings", "controls", "listen"), "search": ("search-engine", "search-page")},
}
FOLDERS = {"css": "assets/stylesheets", "js": "assets/javascripts"}

_HREF = r"(?P<prefix>(?:\.\./)*){folder}/(?P<name>[A-Za-z0-9_.-]+\.{ext})"
TAGS = {
    "css": '<link rel="stylesheet" href="' + _HREF.format(folder=FOLDERS["css"], ext="css") + '">',
    "js": '<script src="' + _HREF.format(folder=FOLDERS["js"], ext="js") + '"></script>',
}


@dataclass(frozen=True)
class Tag:
    start: int
    end: int
    prefix: str
    name: str


def stem(name: str) -> str:
    """``main.36602b4512.min.css`` → ``main``; ``quick-exit.js`` → ``quick-exit``."""
    return name.split(".", 1)[0]


def group(kind: str, name: str) -> str | None:
    """The bundle a file of ``kind`` goes into (its stem), or None."""
    return next((bundle for bundle, parts in BUNDLED[kind].items() if stem(name) in parts), None)


def runs(html: str, kind: str) -> list[list[Tag]]:
    """Runs of consecutive tags of ``kind`` (only whitespace between), each with the same
    prefix, whose names are all in one bundle's group; a run of one is left alone."""
    found: list[list[Tag]] = []
    current: list[Tag] = []
    for match in re.finditer(TAGS[kind], html):
        tag = Tag(match.start(), match.end(), match["prefix"], match["name"])
        joined = (
            bool(current)
            and html[current[-1].end : tag.start].strip() == ""
            and tag.prefix == current[-1].prefix
            and group(kind, tag.name) == group(kind, current[-1].name)
        )
        if group(kind, tag.name) is None:
            if len(current) > 1:
                found.append(current)
            current = []
            continue
        if not joined:
            if len(current) > 1:
                found.append(current)
            current = []
        current.append(tag)
    if len(current) > 1:
        found.append(current)
    return found


def join_css(parts: list[str]) -> str:
    """The stylesheets in order; ``@charset`` only where it is allowed (first)."""
    joined = []
    for index, text in enumerate(parts):
        if index:
            text = re.sub(r'^\s*@charset\s+"[^"]*";', "", text)
        joined.append(text.rstrip())
    return "\n".join(joined) + "\n"


def join_js(parts: list[str]) -> str:
    """Each script in its own ``try``; an error is thrown again later so it is still seen."""
    wrapped = [f"try{{{text.strip()}\n}}catch(e){{setTimeout(function(){{throw e}})}}" for text in parts]
    return "\n".join(wrapped) + "\n"


JOIN: dict[str, Callable[[list[str]], str]] = {"css": join_css, "js": join_js}


def bundle_assets(site: Path) -> dict[tuple[str, ...], str]:
    """Write the bundles and point every page at them; return {parts: bundle's relative path}."""
    bundles: dict[tuple[str, ...], str] = {}
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        updated = text
        for kind in ("js", "css"):  # later in the page first: offsets stay valid
            for run in reversed(runs(updated, kind)):
                names = tuple(tag.name for tag in run)
                if names not in bundles:
                    bundles[names] = _write_bundle(site, kind, names, page)
                first = updated[run[0].start : run[0].end]
                replacement = first.replace(f"{FOLDERS[kind]}/{run[0].name}", bundles[names])
                updated = updated[: run[0].start] + replacement + updated[run[-1].end :]
        if updated != text:
            page.write_text(updated, encoding="utf-8")
    return bundles


def _write_bundle(site: Path, kind: str, names: tuple[str, ...], page: Path) -> str:
    folder = site / FOLDERS[kind]
    parts = []
    for name in names:
        source = folder / name
        if not source.is_file():
            raise PublishError(
                f"{page.relative_to(site).as_posix()}: la página enlaza {FOLDERS[kind]}/{name}, que no "
                f"existe en el sitio. Revise el nombre en mkdocs.yml (extra_css) o en overrides/main.html "
                f"(bloque scripts), o quite '{stem(name)}' de BUNDLED en portal/publish/bundle_assets.py."
            )
        parts.append(source.read_text(encoding="utf-8"))
    content = JOIN[kind](parts)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    target = folder / f"{group(kind, names[0])}.{digest}.{kind}"
    target.write_text(content, encoding="utf-8")
    return f"{FOLDERS[kind]}/{target.name}"
