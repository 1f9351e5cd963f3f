"""Give the portal's own CSS and JavaScript file names that change with their content.

Events:
- pipeline step (``portal.publish.pipeline``), after every language is written:
  renames ``portal.css`` to ``portal.<hash>.css`` (and likewise our other stylesheets and scripts) and
  rewrites the references in every HTML page. Servers may then cache them for a year
  (``immutable``; see server_config.py) and a reader's phone downloads them once. Material's
  own bundles already carry a hash.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

OWN_ASSETS = ("assets/stylesheets/*.css", "assets/javascripts/*.js")
ALREADY_HASHED = re.compile(r"\.[0-9a-f]{8,}\.(min\.)?(css|js)$")


def fingerprint(site: Path) -> dict[str, str]:
    """Rename our assets to hashed names; return {old relative path: new relative path}."""
    renamed: dict[str, str] = {}
    for pattern in OWN_ASSETS:
        for asset in sorted(site.glob(pattern)):
            if ALREADY_HASHED.search(asset.name):
                continue
            digest = hashlib.sha256(asset.read_bytes()).hexdigest()[:10]
            target = asset.with_name(f"{asset.stem}.{digest}{asset.suffix}")
            asset.replace(target)
            renamed[asset.relative_to(site).as_posix()] = target.relative_to(site).as_posix()
    if not renamed:
        return renamed
    reference = re.compile(r'((?:src|href)=")([^"]*?)(' + "|".join(map(re.escape, renamed)) + r')(")')
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        updated = reference.sub(lambda m: m.group(1) + m.group(2) + renamed[m.group(3)] + m.group(4), text)
        if updated != text:
            page.write_text(updated, encoding="utf-8")
    return renamed
