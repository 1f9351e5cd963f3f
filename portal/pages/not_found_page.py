"""Same-page links on the 404 page, which is served at any address.

Events:
- ``on_post_page`` (default priority): the 404 page opens its head with ``<base href>`` (the
  language's root, ``overrides/main.html``) so that its links and assets work at whatever
  address was not found. Against that base, a same-page link such as the skip link
  (``#no-encontramos-esta-pagina``) would open the home page; here it becomes
  ``404.html#…``, which is this page at its own address, and works without JavaScript.
  ``controls.js`` then keeps the reader at the address they asked for.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

PAGE = "404.html"


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not page.file.src_uri.endswith("404.md"):
        return output
    return output.replace('href="#', f'href="{PAGE}#')
