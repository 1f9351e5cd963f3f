"""Fix invalid markup that Material writes outside any template block.

Events:
- ``on_post_page`` (default priority, every language build): removes ``autocomplete="off"``
  from Material's hidden toggle checkboxes (``input.md-toggle``). The attribute is not allowed
  on checkboxes (Nu Html Checker error on every page) and base.html has no block around them.
  It only stopped Firefox from restoring the menu's open state on Back; with the portal's own
  menu button (controls.js) that state is reset when the page is shown again.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return TOGGLE_AUTOCOMPLETE.sub(r"\1", output)
