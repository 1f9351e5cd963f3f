"""Write the Apache configuration (``.htaccess``) into the built site.

Events:
- pipeline step (``portal.publish.pipeline``), once every language folder exists: renders ``server_config.apache``
  with the sub-path of ``site_url`` (its per-language 404 pages and cache rules need
  root-relative paths), so an Apache host only has to copy ``site/``. nginx and Caddy
  configurations are printed by ``python -m scripts servidor`` from the same definitions.
"""

from __future__ import annotations

from pathlib import Path

from portal.publish.server_config import apache
from portal.settings import Settings


def write_htaccess(site: Path, settings: Settings) -> None:
    """Not in the offline copy: it is opened from disk, with no server."""
    htaccess = site / ".htaccess"
    htaccess.write_text(apache(settings.site_path, settings.languages.codes), encoding="utf-8")
