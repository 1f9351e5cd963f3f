"""Fix markup that Material writes outside any template block.

Events:
- ``on_post_page`` (default priority, every language build):

  - removes ``autocomplete="off"`` from Material's hidden toggle checkboxes
    (``input.md-toggle``). The attribute is not allowed on checkboxes (Nu Html Checker error on
    every page) and base.html has no block around them. It only stopped Firefox from restoring
    the menu's open state on Back; with the portal's own menu button (controls.js) that state
    is reset when the page is shown again.
  - removes what only Material's JavaScript bundle uses, which the portal does not load
    (``overrides/main.html``, block ``scripts``): the search overlay's checkbox (the portal's
    search is a page, ``buscar.html``, reached by a link) and the empty ``md-dialog`` its
    clipboard messages fill; the ``data-md-component``, ``data-md-type``,
    ``data-md-scrollfix`` and ``data-md-level`` attributes its components look for (no rule
    the trimmed stylesheets keep selects them; ``data-md-component="skip"`` stays, print.css
    uses it); the ``generator`` meta (the build's versions, for no reader); and the
    ``<link rel="prev|next">`` elements (no browser uses them; search engines stopped in 2019;
    the footer's links stay). Issue 19: nothing a reader sees or a script of the portal
    reads, in every page's bytes.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
# As Material 9.8.1 base.html writes them (after TOGGLE_AUTOCOMPLETE). A later Material that
# writes them otherwise leaves them in place: a few bytes more, nothing broken. Each
# alternative starts with its literal text (no leading [ \t]*, which made the search try
# every position: 8 times slower); the indentation left behind goes with minify_pages.
SCRIPT_ONLY = re.compile(
    r'<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">\n?'
    r'|<div class="md-dialog" data-md-component="dialog">\s*<div class="md-dialog__inner md-typeset"></div>\s*</div>\n?'
    r'|<meta name="generator" content="mkdocs-[^"]*">\n?'
    r'|<link rel="(?:prev|next)" href="[^"]*">\n?'
    r'| data-md-(?:component="(?!skip")[\w-]+"|type="[\w-]+"|scrollfix(?=[\s>])|level="\d+")'
)


def without_script_only_markup(html: str) -> str:
    """The page without the toggles' invalid attribute and Material's script-only elements."""
    return SCRIPT_ONLY.sub("", TOGGLE_AUTOCOMPLETE.sub(r"\1", html))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return without_script_only_markup(output)
