"""Keep every published image within the budget (``image_budget.py``).

Events:
- ``on_post_build`` at priority -190, in the outer build only, once every language and the
  social images are written and before the PDFs are printed (they embed the images): each
  JPEG, PNG or WebP of the site over 200 KB or 1600 px wide is optimised in the site folder
  (the repository keeps the original); one that cannot be brought under the budget stops the
  build, naming the file, its size and how to fix it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from i18n_state import is_nested_build, languages
from image_budget import enforce, kb, refusal, source_of
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.optimise_images")


@event_priority(-190)
def on_post_build(config: MkDocsConfig) -> None:
    if is_nested_build(config):
        return
    site = Path(config.site_dir)
    project = Path(config.config_file_path).resolve().parent
    sources = [Path(config.docs_dir), Path(config.theme.custom_dir or project / "overrides")]
    refused = []
    for outcome in enforce(site):
        source = source_of(outcome.path, site, sources, languages(config))
        shown = source.relative_to(project) if source.is_relative_to(project) else source
        if outcome.after is None:
            refused.append(refusal(shown, outcome))
        else:
            log.info("Imagen optimizada: %s, %s → %s, %d → %d px de ancho (el original queda en el repositorio)",
                     shown, kb(outcome.before), kb(outcome.after), outcome.width_before, outcome.width_after)
    if refused:
        raise PluginError("Imágenes demasiado pesadas para publicar:\n" + "\n".join(refused))
