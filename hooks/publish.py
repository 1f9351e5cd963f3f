"""MkDocs entry point 5/5: the publishing pipeline, once, after every language is built.

mkdocs-static-i18n builds the other languages inside the default build's ``on_post_build``
(priority -100) and each of those builds fires ``on_post_build`` too. This hook runs at -200,
so in the outer build every language folder is complete; in the nested builds it does
nothing. Everything else is ``portal.publish.pipeline``, which does not import MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from portal.i18n_state import is_nested_build
from portal.publish import pipeline


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if is_nested_build(config):
        return
    try:
        pipeline.run(Path(config.site_dir), config.extra["settings"])
    except pipeline.PublishError as error:
        raise PluginError(str(error)) from error
