"""The help bar says only what data/contactos.yml says of its lines (issue 14, item 2).

"Confidencial" appears next to a line marked ``confidential: true`` and nowhere else (911 is
not confidential); the label promises "free, 24 hours" only when every line in the bar is.
The expectations come from the data file, never from numbers written here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import pytest

from tests.support.data import contacts, data_file
from tests.support.html import pages, soup
from tests.support.site import REPO

CONFIDENTIAL = re.compile(r"confiden", re.IGNORECASE)  # confidencial, confidential
FREE = re.compile(r"gratuit|free", re.IGNORECASE)


def bar_lines(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [line for line in data["lines"] if line.get("in_help_bar", True)]


def all_free_24h(lines: list[dict[str, Any]]) -> bool:
    return all(line.get("free") is True and line.get("hours_24") is True for line in lines)


def check_bar(bar: Any, lines: list[dict[str, Any]], where: str) -> None:
    label = bar.select_one(".portal-help__label").get_text(" ", strip=True)
    assert not CONFIDENTIAL.search(label), f"{where}: la etiqueta «{label}» dice confidencial"
    assert CONFIDENTIAL.search(bar["aria-label"]) is None, f"{where}: aria-label {bar['aria-label']!r}"
    assert bool(FREE.search(label)) == all_free_24h(lines), f"{where}: etiqueta «{label}»"
    items = bar.select("ul.portal-help__lines > li")
    assert len(items) == len(lines), where
    for item, line in zip(items, lines, strict=True):
        assert item.select_one("a")["href"] == f"tel:{line['tel']}", where
        said = bool(CONFIDENTIAL.search(item.get_text(" ", strip=True)))
        assert said == (line.get("confidential") is True), (
            f"{where}: la línea {line['id']} {'dice' if said else 'no dice'} «confidencial», "
            f"pero data/contactos.yml tiene confidential: {line.get('confidential')}")


def test_built_help_bar_matches_the_data_file_on_every_page(site: Path) -> None:
    lines = bar_lines(contacts())
    assert any(line.get("confidential") is not True for line in lines), "la prueba necesita una línea no confidencial"
    for page in pages(site):
        bar = soup(page).select_one(".portal-help")
        assert bar is not None, page
        check_bar(bar, lines, str(page.relative_to(site)))


# --- The template on its own, with changed data: the label follows the data ----------------

def render_bar(lines: list[dict[str, Any]], lang: str = "es") -> Any:
    from bs4 import BeautifulSoup

    from portal.content.schema import Contacts, InterfaceText
    from portal.pages.ui_context import PortalUI
    from scripts.project import Project

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "overrides"), autoescape=True)
    env.filters["url"] = lambda value: value
    contacts_model = Contacts.model_validate({"lines": lines})
    languages = Project.load().language_model
    portal = PortalUI(InterfaceText.model_validate(data_file("ui")), lang, languages.default.code, languages)
    config = type("Config", (), {"extra": {"contacts": contacts_model}})()
    html = env.get_template("partials/portal/help-bar.html").render(config=config, portal=portal)
    return BeautifulSoup(html, "html.parser").select_one(".portal-help")


@pytest.mark.parametrize("lang", ["es", "en", "qu"])
def test_template_follows_the_data_file(lang: str) -> None:
    lines = bar_lines(contacts())
    check_bar(render_bar(lines, lang), lines, f"datos reales ({lang})")


@pytest.mark.parametrize("change", [
    {"confidential": True},  # every line confidential: each one says so
    {"confidential": False},  # none: the word disappears
    {"free": None},  # not verified as free: the label makes no promise
    {"hours_24": False},
])
def test_template_follows_changed_data(change: dict[str, Any]) -> None:
    lines = [{**line, **change} for line in bar_lines(contacts())]
    check_bar(render_bar(lines), lines, f"datos cambiados {change}")
