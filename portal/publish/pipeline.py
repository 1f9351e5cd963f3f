"""The publishing pipeline: everything done to ``site/`` once every language is built.

Called once by ``hooks/publish.py`` (MkDocs ``on_post_build``, outer build only), with the
site folder and the typed :class:`~portal.settings.Settings`. It does not import MkDocs: any
engine that writes the pages of every language into one folder can run it
(``python -c "from portal.publish import pipeline; pipeline.run(site, settings)"``).

The order is the contract (each step says why it sits where it does):

1. ``offline zip``     copy ``make offline``'s zip into descargas/ (online only).
   ``trim theme css``  Material's stylesheets cut to the rules the pages use (slot A).
   ``minify assets``   our scripts and stylesheets minified (rjsmin, rcssmin) (slot A).
   ``bundle assets``   each page loads one stylesheet and one common script (slot A).
2. ``fingerprint``     rename our CSS/JS to content-hashed names and rewrite the references.
                       Before minify: it matches ``href="..."``, which minify may unquote.
   >>> SLOT A: steps that CHANGE a stylesheet's or script's content (e.g. a CSS trimmer)
       go BEFORE fingerprint, or the hashed name no longer matches the content.
3. ``minify``          minify every HTML page.
4. ``social images``   draw assets/images/social-<lang>.png.
5. ``sitemap/robots``  sitemap.xml (+ .gz) and robots.txt (online); removed offline.
6. ``server files``    .htaccess for Apache (online).
7. ``pdfs``            print the marked pages with Chromium, from the final HTML and CSS.
   >>> SLOT B: steps that write or rewrite other files (e.g. an image optimiser) go here,
       after every file they might touch exists and BEFORE precompress.
   ``editor``          the browser editor in admin/ (when extra.editor.enabled; online only):
                       after fingerprint, whose stylesheet names its preview pane uses.
8. ``precompress``     .br and .gz next to every text file (online). Always last: it copies
                       the final bytes of every file.

To add a step: write ``def my_step(site: Path, settings: Settings) -> None`` in its own module
under ``portal/publish/``, and add ``Step("name", my_step, online_only=...)`` to ``STEPS`` at
slot A or B. Raise :class:`~portal.publish.PublishError` with a Spanish message to stop the
build. ``tests/test_pipeline.py`` checks the order.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from portal.build_cache import cache_folder
from portal.content.download_links import publish_zip
from portal.publish import PublishError
from portal.publish.bundle_assets import bundle_assets
from portal.publish.editor_files import write_editor
from portal.publish.fingerprint_assets import fingerprint
from portal.publish.minify_assets import minify_assets
from portal.publish.minify_pages import minify_site
from portal.publish.optimise_images import optimise_images
from portal.publish.precompress import precompress
from portal.publish.print_pdfs import print_pages
from portal.publish.seo_files import remove_seo_files, write_seo_files
from portal.publish.server_files import write_htaccess
from portal.publish.social_image import write_images
from portal.publish.trim_theme_css import trim_theme_css
from portal.settings import Settings

__all__ = ["STEPS", "PublishError", "Step", "run"]

log = logging.getLogger("mkdocs.portal.pipeline")


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Path, Settings], object]
    online_only: bool = False  # skipped in the offline copy (opened from disk, no server)
    offline_run: Callable[[Path, Settings], object] | None = None  # what to do instead offline


STEPS: tuple[Step, ...] = (
    Step("offline zip", publish_zip, online_only=True),
    # --- SLOT A: steps that change CSS/JS content go here (before fingerprint) -------------
    # Trims Material's CSS to what the pages use; it names the result by its own hash.
    Step("trim theme css", trim_theme_css),
    # Our JS/CSS minified, then the common ones joined into one file per kind (fewer
    # requests): after the trimmer (it reads the separate files), before fingerprint.
    Step(
        "minify assets",
        lambda site, settings: (
            settings.extra.bundle_assets and minify_assets(site, cache_folder(settings.root, "minify-assets"))
        ),
    ),
    Step("bundle assets", lambda site, settings: settings.extra.bundle_assets and bundle_assets(site)),
    Step("fingerprint", lambda site, settings: fingerprint(site)),
    Step("minify", lambda site, settings: minify_site(site)),
    Step("social images", write_images),
    # After the social images, before the PDFs (which embed the images).
    Step("image budget", optimise_images),
    Step("sitemap/robots", write_seo_files, online_only=True, offline_run=remove_seo_files),
    Step("server files", write_htaccess, online_only=True),
    Step("pdfs", print_pages),
    # --- SLOT B: steps that write or rewrite other files go here (before precompress) ------
    # The editor (admin/): after fingerprint (it names the site's stylesheets for its preview).
    Step("editor", write_editor, online_only=True),
    Step(
        "precompress",
        lambda site, settings: precompress(site, cache_folder(settings.root, "precompress")),
        online_only=True,
    ),
)


def run(site: Path, settings: Settings, steps: tuple[Step, ...] = STEPS) -> list[str]:
    """Run every step in order; return the names of the steps that ran."""
    ran = []
    for step in steps:
        action = step.offline_run if settings.offline and step.online_only else step.run
        if action is None:
            continue
        start = time.perf_counter()
        action(site, settings)
        log.debug("pipeline: %s in %.2f s", step.name, time.perf_counter() - start)
        ran.append(step.name)
    return ran
