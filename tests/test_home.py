"""The home page of each language (overrides/home.html, issue 14 item 6): task first.

On a 360×640 phone the first screen shows the help numbers (the help bar, from
data/contactos.yml) and the four main tasks, large, labelled, with inline icons from Material's
bundled set; the rest of the page follows. Build checks on the session-built site; browser
checks in Debian's Chromium (light and dark, with and without JavaScript)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from tests.support import a11y
from tests.support.html import soup
from tests.support.site import REPO, language_tag, locales

LOCALES = locales()
TASKS = ["pide-ayuda.html", "que-es-la-trata.html", "migra-seguro.html", "eventos/index.html"]
HELP_BAR_TELS = [f"tel:{line['tel']}" for line in
                 yaml.safe_load((REPO / "data" / "contactos.yml").read_text(encoding="utf-8"))["lines"]
                 if line.get("in_help_bar", True)]


def prefix(locale: str) -> str:
    return "" if locale == LOCALES[0] else f"{locale}/"


# --- Build checks ---------------------------------------------------------------------------

@pytest.mark.parametrize("locale", LOCALES)
def test_home_leads_with_four_labelled_tasks_with_icons(site: Path, locale: str) -> None:
    home = soup(site / prefix(locale) / "index.html")
    article = home.select_one(".portal-article--home")
    assert article is not None, "the home must use overrides/home.html (template: home.html)"
    # The title first, then the tasks (headings in order: the tasks have none of their own).
    assert article.find(True).name == "h1"
    nav = article.select_one("nav.portal-tasks")
    assert nav is not None and nav.find_previous(["h1", "h2"]) == article.h1
    assert nav.get("aria-label")
    links = nav.select("a.portal-tasks__link")
    page_url = f"http://x/{prefix(locale)}index.html"
    assert [urljoin(page_url, a["href"]) for a in links] == [f"http://x/{prefix(locale)}{t}" for t in TASKS]
    for link in links:
        assert (site / prefix(locale) / link["href"]).exists(), link["href"]
        assert link.select_one(".portal-tasks__title").get_text(strip=True)
        icon = link.select_one(".portal-tasks__icon")
        # Drawn by the stylesheet (partials/portal/icon.html), hidden from screen readers.
        assert icon["aria-hidden"] == "true" and icon.select_one(".portal-icon[class*=portal-icon--]") is not None
        assert not link.find("img")
    # The page's own Markdown follows the tasks.
    assert nav.find_next("h2") is not None and nav.find_next("h2").find_parent(class_="portal-article--home")


@pytest.mark.parametrize("locale", LOCALES)
def test_help_numbers_come_from_the_data_file_never_typed(site: Path, locale: str) -> None:
    source = (REPO / "docs" / locale / "index.md").read_text(encoding="utf-8")
    assert "tel:" not in source and "911" not in source.split("---", 2)[2], (
        f"docs/{locale}/index.md: los números de ayuda salen de data/contactos.yml "
        "(barra de ayuda y <!-- portal:lineas-de-ayuda -->); no los escriba en la página.")
    home = soup(site / prefix(locale) / "index.html")
    bar = [a["href"] for a in home.select(".portal-help a[href^='tel:']")]
    assert bar == HELP_BAR_TELS
    listed = [a["href"] for a in home.select(".portal-article a[href^='tel:']")]
    assert listed == HELP_BAR_TELS  # the <!-- portal:lineas-de-ayuda --> list, from the same file


def test_spanish_home_says_usted() -> None:
    source = (REPO / "docs" / "es" / "index.md").read_text(encoding="utf-8")
    assert "Pide " not in source and "Pida ayuda" in source


def test_kichwa_home_keeps_the_draft_notice_and_marks_its_spanish(site: Path) -> None:
    home = soup(site / "qu" / "index.html")
    assert home.html["lang"] == language_tag("qu")
    notice = home.select_one(".portal-article--home .portal-notice")
    assert notice is not None and "manarak" in notice.get_text()
    for link in home.select(".portal-tasks__link"):
        title = link.select_one(".portal-tasks__title")
        glosses = title.select("[lang]")
        # "Kichwa words (Spanish gloss)": the gloss is marked as Spanish.
        assert glosses and all(g["lang"] == language_tag("es") for g in glosses), title
    # A hint without a Kichwa text falls back to Spanish, marked.
    hint = home.select(".portal-tasks__hint")[1]
    assert hint.select_one("[lang='es']") is not None


# --- Browser checks -------------------------------------------------------------------------

def _context(browser: object, scheme: str, javascript: bool = True) -> object:
    return browser.new_context(viewport={"width": 360, "height": 640}, device_scale_factor=2,
                               is_mobile=True, has_touch=True, color_scheme=scheme,
                               java_script_enabled=javascript)


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("locale", LOCALES)
def test_first_phone_screen_shows_help_numbers_and_every_task(browser: object, site_url: str, locale: str,
                                                              scheme: str, javascript: bool) -> None:
    context = _context(browser, scheme, javascript)
    page = context.new_page()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    elsewhere: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith((origin, "data:")) else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + prefix(locale) + "index.html")
    page.wait_for_load_state("networkidle")
    targets = [f".portal-help a[href='{tel}']" for tel in HELP_BAR_TELS] + [
        f".portal-tasks__link >> nth={n}" for n in range(len(TASKS))]
    for selector in targets:
        box = page.locator(selector).bounding_box()
        assert box is not None, selector
        assert box["y"] >= 0 and box["y"] + box["height"] <= 640, f"{selector} is not on the first screen: {box}"
        assert box["height"] >= 24 and box["width"] >= 24, f"{selector} is smaller than 24 px: {box}"
    for n in range(len(TASKS)):  # large: the whole width, about two lines of text
        box = page.locator(".portal-tasks__link").nth(n).bounding_box()
        assert box["width"] >= 300 and box["height"] >= 44
    assert elsewhere == [] and errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("locale", LOCALES)
def test_task_links_pass_axe_and_show_focus(browser: object, site_url: str, a11y_tools: None, locale: str) -> None:
    problems: list[str] = []
    for scheme in ("light", "dark"):
        context = _context(browser, scheme)
        page = context.new_page()
        page.goto(site_url + prefix(locale) + "index.html")
        page.wait_for_function(a11y.SETTLED)
        problems += a11y.describe_axe(f"{locale} home ({scheme})", a11y.run_axe(page))
        link = page.locator(".portal-tasks__link").first
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus: :focus-visible applies
        outline = link.evaluate("a => getComputedStyle(a).outlineStyle + ' ' + getComputedStyle(a).outlineWidth")
        assert outline == "solid 3px", outline
        context.close()
    assert problems == []


@pytest.fixture(scope="session")
def a11y_tools() -> None:
    a11y.ensure_node_tools()
