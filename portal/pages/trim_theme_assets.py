"""Leave out of the site the theme files the portal never loads.

Events:
- ``on_files`` (default priority, in every language build): removes Material's JavaScript
  bundle, its search worker and lunr language files (the portal uses its own small scripts
  and search) and every source map. 2.3 MB less in ``site/`` and in the offline copy, and
  no source maps published.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

UNUSED = re.compile(
    r"^assets/javascripts/(bundle\.[0-9a-f]+\.min\.js|workers/|lunr/)|\.map$"
)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for file in [f for f in files if UNUSED.search(f.src_uri)]:
        files.remove(file)
    return files
