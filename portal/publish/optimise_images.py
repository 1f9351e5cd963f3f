"""Keep every published image within the budget (``image_budget.py``).

A step of ``portal.publish.pipeline``, once every language and the social images are written
and before the PDFs are printed (they embed the images): each JPEG, PNG or WebP of the site
over 200 KB or 1600 px wide is optimised in the site folder (the repository keeps the
original); one that cannot be brought under the budget stops the build, naming the file, its
size and how to fix it. Every other image is published without its metadata (a GPS
position in a phone photo could point at a place or a person; ``image_metadata.py``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from portal.publish import PublishError
from portal.publish.image_budget import enforce, kb, refusal, source_of
from portal.settings import Settings

log = logging.getLogger("mkdocs.portal.optimise_images")


def optimise_images(site: Path, settings: Settings) -> None:
    project = settings.root
    sources = [settings.docs, project / "overrides"]
    refused = []
    for outcome in enforce(site):
        source = source_of(outcome.path, site, sources, settings.languages.codes)
        shown = source.relative_to(project) if source.is_relative_to(project) else source
        if outcome.after is None:
            refused.append(refusal(shown, outcome))
        elif outcome.reason == "metadata":
            log.info(
                "Imagen publicada sin sus metadatos (ubicación, fecha, cámara): %s (el original queda "
                "en el repositorio)",
                shown,
            )
        else:
            log.info(
                "Imagen optimizada: %s, %s → %s, %d → %d px de ancho (el original queda en el repositorio)",
                shown,
                kb(outcome.before),
                kb(outcome.after),
                outcome.width_before,
                outcome.width_after,
            )
    if refused:
        raise PublishError("Imágenes que no se pueden publicar:\n" + "\n".join(refused))
