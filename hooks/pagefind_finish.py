"""Wait for the Pagefind index started by ``pagefind_search.py``.

Events:
- ``on_post_build`` at priority -290, outer build only: Pagefind runs as a separate process
  from -175 while other steps work; this waits for it (and fails the build if it failed) before
  ``precompress.py`` (-300) compresses the files Pagefind wrote. A hook module can hold one
  function per event, hence this companion module.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from pagefind_search import finish


@event_priority(-290)
def on_post_build(config: MkDocsConfig) -> None:
    finish(config)
