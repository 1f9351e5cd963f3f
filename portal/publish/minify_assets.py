"""Minify the site's own scripts and stylesheets (rjsmin, rcssmin).

Events:
- pipeline step (``portal.publish.pipeline``, slot A): after the theme's CSS is trimmed and
  before the assets are bundled and fingerprinted (the hashed names must match the minified
  bytes). Every ``assets/javascripts/*.js`` (ours: quick exit, controls, listen, events
  filter, search engine and page) and our ``assets/stylesheets/*.css`` (portal, print) lose
  their comments and spaces; the sources in ``overrides/assets/`` stay commented for
  maintainers. Material's stylesheets are already minified and carry their own hash (the
  trimmer names them by their content): they are left alone.

Why these two: small, pure-Python/C, maintained (the same author since 2011), no Node.js
needed; their output is plain ES5/CSS with the same tokens, so nothing changes for readers
(the screenshot and browser tests run on the minified files).
"""

from __future__ import annotations

from pathlib import Path

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]

from portal.publish.fingerprint_assets import ALREADY_HASHED

SCRIPTS = "assets/javascripts/*.js"
STYLESHEETS = "assets/stylesheets/*.css"


def minify_js(text: str) -> str:
    return str(rjsmin.jsmin(text, keep_bang_comments=False)).strip() + "\n"


def minify_css(text: str) -> str:
    return str(rcssmin.cssmin(text, keep_bang_comments=False)).strip() + "\n"


def minify_assets(site: Path) -> dict[str, tuple[int, int]]:
    """Minify our scripts and stylesheets in place; return {relative path: (before, after)}."""
    sizes: dict[str, tuple[int, int]] = {}
    for pattern, minify in ((SCRIPTS, minify_js), (STYLESHEETS, minify_css)):
        for asset in sorted(site.glob(pattern)):
            if ALREADY_HASHED.search(asset.name):
                continue
            text = asset.read_text(encoding="utf-8")
            small = minify(text)
            asset.write_text(small, encoding="utf-8")
            sizes[asset.relative_to(site).as_posix()] = (len(text.encode()), len(small.encode()))
    return sizes
