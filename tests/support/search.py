"""Reading back one file of the search index (portal/search/search_index.py writes ``portalSearch.<name>=<json>;``)."""

from __future__ import annotations

import json
from typing import Any

from portal.search import search_index


def index_file_value(text: str, name: str) -> Any:
    """The JSON value of index file ``<name>.js``; fails if the file is not that script."""
    head = f"{search_index.STORE}.{name}="
    assert text.startswith(head) and text.rstrip().endswith(";"), text[:60]
    return json.loads(text[len(head):].rstrip().removesuffix(";"))


def search(page: Any, language_root: str, query: str) -> None:
    """Open the search page of a language (URL ending in "/") and type the query, as a reader
    does: the query is never in the address (issue #16). Returns once the results are shown."""
    page.goto(language_root + "buscar.html")
    page.fill("#portal-search-input", query)
    wait_for_results(page, query)


def wait_for_results(page: Any, query: str) -> None:
    """Until the status names the query and its first results are on the page."""
    page.wait_for_function(
        "q => document.getElementById('portal-search-status').textContent.includes(q)"
        " && document.getElementById('portal-search-results').getAttribute('aria-busy') === 'false'",
        arg=query.strip())
