"""Reading back one file of the search index (hooks/search_index.py writes ``portalSearch.<name>=<json>;``)."""

from __future__ import annotations

import json
from typing import Any

from portal.search import search_index


def index_file_value(text: str, name: str) -> Any:
    """The JSON value of index file ``<name>.js``; fails if the file is not that script."""
    head = f"{search_index.STORE}.{name}="
    assert text.startswith(head) and text.rstrip().endswith(";"), text[:60]
    return json.loads(text[len(head):].rstrip().removesuffix(";"))
