"""Write the Apache configuration (``.htaccess``) into the built site.

Events:
- ``on_post_build`` at priority -185, in the outer build only (after mkdocs-static-i18n's
  nested builds at -100, so every language folder exists): renders ``server_config.apache``
  with the sub-path of ``site_url`` (its per-language 404 pages and cache rules need
  root-relative paths), so an Apache host only has to copy ``site/``. nginx and Caddy
  configurations are printed by ``python -m scripts servidor`` from the same definitions.
"""

from __future__ import annotations

from pathlib import Path

from portal.i18n_state import is_nested_build, languages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from portal.publish.server_config import apache
from portal.content.site_data import site_path


@event_priority(-185)
def on_post_build(config: MkDocsConfig) -> None:
    if is_nested_build(config) or config.extra.get("offline"):
        return  # the offline copy is opened from disk: no server, no search engines
    htaccess = Path(config.site_dir) / ".htaccess"
    htaccess.write_text(apache(site_path(config.site_url), languages(config)), encoding="utf-8")
