"""Reading the built site's HTML with a real parser."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup


@lru_cache(maxsize=512)
def _parse(path: str, mtime: float) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    return _parse(str(path), path.stat().st_mtime)


def pages(site: Path) -> list[Path]:
    """Every public HTML page of the site (not the browser editor in admin/: tests/test_editor.py)."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "admin")


def page_locale(site: Path, page: Path, locales: list[str]) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in locales[1:] else locales[0]
