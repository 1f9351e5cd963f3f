"""Minify the site's own scripts and stylesheets (calmjs.parse, rjsmin, rcssmin).

Events:
- pipeline step (``portal.publish.pipeline``, slot A): after the theme's CSS is trimmed and
  before the assets are bundled and fingerprinted (the hashed names must match the minified
  bytes). Every ``assets/javascripts/*.js`` (ours: quick exit, controls, listen, events
  filter, search engine and page) and our ``assets/stylesheets/*.css`` (portal, print) lose
  their comments and spaces; the sources in ``overrides/assets/`` stay commented for
  maintainers. Material's stylesheets are already minified and carry their own hash (the
  trimmer names them by their content): they are left alone.

Why these: pure Python (or C), no Node.js needed. Scripts go through calmjs.parse (an ES5
parser and printer, MIT): besides comments and spaces it renames each function's local
names (``obfuscate``; never globals or properties, so ``window.PortalSearchEngine.create``,
``portalSearch.t3`` and the DOM names stay), which rjsmin cannot: 0.8 KB less of the search
engine and 0.4 KB less of the common bundle over the network (brotli; issue 19: a first
visit <= 25 KB). Our scripts are ES5 (``var``, no arrow functions): a script it cannot parse
(newer syntax) falls back to rjsmin, whitespace and comments only, and the build goes on.
rcssmin for the stylesheets (the same author as rjsmin since 2011). The screenshot and
browser tests run on the minified files.

Results are cached by content in the project's ``.cache/portal/minify-assets``
(``portal/build_cache.py``): parsing and printing the scripts is pure Python and took 0.25 s
of every build (ES5 parser tables included) although the scripts rarely change. The key holds
the source, this module's code and the three libraries' versions; calmjs.parse is imported
only on a miss.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]

from portal.build_cache import cached_bytes, content_key
from portal.publish.fingerprint_assets import ALREADY_HASHED

SCRIPTS = "assets/javascripts/*.js"
STYLESHEETS = "assets/stylesheets/*.css"


def minify_js(text: str) -> str:
    """The script with its local names shortened; whitespace and comments only if it is not ES5."""
    from calmjs.parse import es5  # type: ignore[import-untyped]  # on a cache miss only (50 ms)
    from calmjs.parse.exceptions import ECMASyntaxError  # type: ignore[import-untyped]
    from calmjs.parse.unparsers.es5 import minify_print  # type: ignore[import-untyped]

    try:
        small = str(minify_print(es5(text), obfuscate=True, obfuscate_globals=False))
    except ECMASyntaxError:
        small = str(rjsmin.jsmin(text, keep_bang_comments=False))
    return small.strip() + "\n"


def minify_css(text: str) -> str:
    return str(rcssmin.cssmin(text, keep_bang_comments=False)).strip() + "\n"


@cache
def _code_version() -> str:
    """What a cached result depends on besides its source: this code and the minifiers."""
    versions = (importlib.metadata.version(name) for name in ("calmjs.parse", "rjsmin", "rcssmin"))
    return content_key([Path(__file__).read_text(encoding="utf-8"), *versions])


def _minified(minify: Callable[[str], str], text: str) -> bytes:
    return minify(text).encode("utf-8")


def minify_assets(site: Path, cache: Path | None = None) -> dict[str, tuple[int, int]]:
    """Minify our scripts and stylesheets in place; return {relative path: (before, after)}.
    With ``cache`` (a folder), each result is kept by its source's content."""
    sizes: dict[str, tuple[int, int]] = {}
    kinds: tuple[tuple[str, Callable[[str], str]], ...] = ((SCRIPTS, minify_js), (STYLESHEETS, minify_css))
    for pattern, minify in kinds:
        for asset in sorted(site.glob(pattern)):
            if ALREADY_HASHED.search(asset.name):
                continue
            text = asset.read_text(encoding="utf-8")
            key = content_key([_code_version(), pattern, text])
            small = cached_bytes(cache, key, partial(_minified, minify, text)).decode("utf-8")
            asset.write_text(small, encoding="utf-8")
            sizes[asset.relative_to(site).as_posix()] = (len(text.encode()), len(small.encode()))
    return sizes
