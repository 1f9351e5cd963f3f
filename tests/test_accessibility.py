"""WCAG 2.2 AA on every built page, in every language (issue #7).

- axe-core in Debian's Chromium on every page at phone and desktop widths, light and dark;
- the Nu Html Checker on every page (one Java run);
- every internal link and #anchor; headings, tables, images, link text and languages;
- the keyboard: Tab order (skip link first, quick exit early, nothing trapped, focus always
  visible), the menu button, language switcher, navigation, search and quick exit;
- 320 px wide and 200 % zoom without horizontal scrolling; reduced motion; dark mode.

Page-wide browser checks read one sweep of every page per viewport (tests/support/sweep.py,
fixture page_sweep): each page is loaded once and asked everything; the tests are thin.
Each test adds what it checked to the report printed at the end of the run (conftest.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support import a11y, sweep
from tests.support.html import page_locale, pages, soup
from tests.support.search import search
from tests.support.site import SUB_PATH, language_tag, locales, mkdocs_config

LOCALES = locales()
SOURCE = LOCALES[0]
TAGS = {language_tag(code) for code in LOCALES}
EXIT_URL = mkdocs_config()["extra"]["quick_exit_url"]
VIEWPORTS = sweep.VIEWPORTS
QUICK_EXIT_WITHIN = sweep.QUICK_EXIT_WITHIN
REFLOW = sweep.REFLOW
# Pages whose whole Tab order is walked (the others get the first stops only): each language's
# home, a page with tables, the bilingual cartilla and the search page.
WALKED = [f"{'' if code == SOURCE else code + '/'}{name}" for code in LOCALES
          for name in ("index.html", "que-es-la-trata.html", "cartilla-migracion.html", "buscar.html")]
MAX_LISTED = 40


def prefix(locale: str) -> str:
    return "" if locale == SOURCE else f"{locale}/"


# Walked back with Shift+Tab too: the source language's. What going backwards can break (the
# order reversed by a script, a stop hidden under the sticky header while scrolling up) comes
# from the templates, scripts and stylesheets every language shares; each language's own
# content is walked forwards. (Walking back every language was 1/12 of the suite's time.)
WALKED_BACK = [name for name in WALKED if not name.startswith(tuple(prefix(code) for code in LOCALES[1:]))]


def names(site: Path) -> list[str]:
    return [page.relative_to(site).as_posix() for page in pages(site)]


def fail_with(problems: list[str]) -> None:
    shown = problems[:MAX_LISTED] + ([f"… y {len(problems) - MAX_LISTED} más"] if len(problems) > MAX_LISTED else [])
    assert not problems, "\n".join(shown)


@pytest.fixture(scope="session")
def a11y_tools() -> None:
    """axe-core and vnu.jar from the npm lock file, Java from Debian (first run only)."""
    a11y.ensure_node_tools()


@contextmanager
def open_page(browser: object, site_url: str, viewport: str = "phone", **options: object) -> Iterator[object]:
    """A fresh browser tab at a viewport; nothing may leave 127.0.0.1 (the quick exit's neutral
    page is answered locally)."""
    width, height = VIEWPORTS.get(viewport, (0, 0)) if isinstance(viewport, str) else viewport
    if viewport == "phone":
        options = {"device_scale_factor": 2, "is_mobile": True, "has_touch": True, **options}
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    context.route(sweep.outside(site_url), sweep.exit_url_guard(site_url, EXIT_URL))
    try:
        yield context.new_page()
    finally:
        context.close()


# --- Automated checkers ---------------------------------------------------------------------

AXE = f"axe-core {a11y.tool_version('axe-core')} ({', '.join(a11y.AXE_TAGS)})"


def swept(page_sweep: dict, viewport: str, site: Path) -> list[object]:
    """The sweep's records for every page at the viewport; fails if a page was not swept."""
    records = page_sweep[viewport]
    assert sorted(records) == sorted(names(site)), "the sweep missed pages"
    failed = [f"{r.name} ({viewport}): {r.failure}" for r in records.values() if r.failure]
    fail_with(failed)
    return list(records.values())


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_axe_finds_no_wcag_a_or_aa_violation(page_sweep: dict, site: Path, a11y_report: a11y.A11yReport,
                                            viewport: str) -> None:
    """Every page, light scheme: all WCAG A/AA rules; then dark scheme: the colour rules."""
    problems: list[str] = []
    rules: Counter = Counter()
    records = swept(page_sweep, viewport, site)
    for record in records:
        assert set(record.axe) == {"light", "dark"}, record.name
        for scheme, violations in record.axe.items():
            rules.update({f"{v['id']} ({scheme})": len(v["nodes"]) for v in violations})
            problems += a11y.describe_axe(f"{record.name} ({viewport}, {scheme})", violations)
    a11y_report.add(AXE, names(site), runs=2 * len(records), problems=rules)
    a11y_report.note(AXE, "every page at 360 and 1280 px: all rules in light mode, colour rules in "
                          "dark mode; menu and language list open on 6 pages")
    fail_with(problems)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_csp_violation_and_no_script_error_on_any_page(page_sweep: dict, site: Path, viewport: str) -> None:
    """Under the shipped Content-Security-Policy (sent by the test server), no page breaks a
    rule, throws an uncaught error or logs a console error."""
    problems = []
    for record in swept(page_sweep, viewport, site):
        problems += [f"{record.name} ({viewport}): CSP {v}" for v in record.csp]
        problems += [f"{record.name} ({viewport}): {e}" for e in record.errors]
    fail_with(problems)


@pytest.mark.browser
def test_axe_with_the_menu_and_language_list_open(page_sweep: dict, site: Path, a11y_report: a11y.A11yReport) -> None:
    """The drawer and the language list are hidden until opened: the sweep checks them open
    too, on each language's home and a long page, every rule in light and dark."""
    problems: list[str] = []
    rules: Counter = Counter()
    sample = sorted(sweep.open_controls_pages(LOCALES))
    states = {f"{control} {scheme}" for control in ("menu", "languages") for scheme in ("light", "dark")}
    records = {record.name: record for record in swept(page_sweep, "phone", site)}
    for name in sample:
        assert set(records[name].open_axe) == states, f"{name}: {sorted(records[name].open_axe)}"
        for state, violations in records[name].open_axe.items():
            rules.update({f"{v['id']} ({state})": len(v["nodes"]) for v in violations})
            problems += a11y.describe_axe(f"{name} ({state} open)", violations)
    a11y_report.add(AXE, sample, runs=len(states) * len(sample), problems=rules)
    fail_with(problems)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_search_results(browser: object, site_url: str, a11y_tools: None,
                               a11y_report: a11y.A11yReport, scheme: str) -> None:
    """Results are written by the script: check them on screen (links, excerpts, <mark>)."""
    problems: list[str] = []
    rules: Counter = Counter()
    sample = [prefix(code) + "buscar.html" for code in LOCALES]
    with open_page(browser, site_url, "phone", color_scheme=scheme) as page:
        for name in sample:
            search(page, site_url + name.removesuffix("buscar.html"), "trata")
            page.wait_for_selector("#portal-search-results[aria-busy=false] mark")
            assert page.query_selector("#portal-search-more"), "a page of results and the button"
            violations = a11y.run_axe(page)
            rules.update({v["id"]: len(v["nodes"]) for v in violations})
            problems += a11y.describe_axe(f"{name} ({scheme})", violations)
    a11y_report.add(AXE, sample, runs=len(sample), problems=rules)
    fail_with(problems)


@pytest.mark.slow
def test_html_is_valid(site: Path, a11y_tools: None, a11y_report: a11y.A11yReport) -> None:
    messages = a11y.run_vnu(pages(site))
    errors = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    problems = []
    rules: Counter = Counter()
    for message in errors:
        where = Path(urlsplit(message.get("url", "")).path)
        shown = where.relative_to(site.resolve()) if where.is_relative_to(site.resolve()) else where
        rules[message.get("message", "?")[:90]] += 1
        problems.append(f"{shown}:{message.get('lastLine', '?')}: {message.get('message')}\n"
                        f"    {message.get('extract', '').strip()[:160]}")
    a11y_report.add(f"Nu Html Checker {a11y.tool_version('vnu-jar')} (errors)", names(site),
                    runs=1, problems=rules)
    fail_with(problems)


def test_html_check_fails_when_java_or_vnu_fails(tmp_path: Path) -> None:
    """A crash of Java or vnu.jar must not read as "the HTML is valid"."""
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><html lang=es><title>x</title><p>x", encoding="utf-8")
    broken = tmp_path / "vnu.jar"
    broken.write_text("not a jar", encoding="utf-8")
    with pytest.raises(RuntimeError, match="vnu.jar falló"):
        a11y.run_vnu([page], jar=broken)
    with pytest.raises(RuntimeError, match="vnu.jar falló"):
        a11y.run_vnu([page], jar=tmp_path / "missing.jar")


def test_internal_links_and_anchors_exist(site: Path, a11y_report: a11y.A11yReport) -> None:
    problems: list[str] = []
    checked = 0
    for page in pages(site):
        result = a11y.internal_link_problems(site, page, soup(page), SUB_PATH)
        checked += result.checked
        problems += result.problems
    a11y_report.add("Internal links and anchors", names(site), items=checked,
                    problems=Counter({"broken link or anchor": len(problems)}) if problems else None)
    a11y_report.note("Internal links and anchors:items", "links and anchors")
    assert checked > 20 * len(pages(site)), "too few links found: is the checker reading the pages?"
    fail_with(problems)


STRUCTURE_CHECKS = {
    "one h1, no skipped heading level": a11y.heading_problems,
    "tables with header cells": a11y.table_problems,
    "images, graphics and diagrams with text": a11y.image_problems,
    "link text that makes sense alone": a11y.link_text_problems,
}


@pytest.mark.parametrize("check", list(STRUCTURE_CHECKS))
def test_page_structure(site: Path, a11y_report: a11y.A11yReport, check: str) -> None:
    problems = [f"{name}: {problem}" for name, page in zip(names(site), pages(site))
                for problem in STRUCTURE_CHECKS[check](soup(page))]
    a11y_report.add(f"Structure: {check}", names(site),
                    problems=Counter({check: len(problems)}) if problems else None)
    fail_with(problems)


def test_language_of_every_page_and_passage(site: Path, a11y_report: a11y.A11yReport) -> None:
    """<html lang> is the page's language (Kichwa: qu-EC), inline lang uses the site's tags."""
    problems = []
    for name, page in zip(names(site), pages(site)):
        expected = language_tag(page_locale(site, page, LOCALES))
        problems += [f"{name}: {p}" for p in a11y.lang_problems(soup(page), expected, TAGS)]
    a11y_report.add("Language: html lang and inline lang", names(site),
                    problems=Counter({"wrong or unknown lang": len(problems)}) if problems else None)
    fail_with(problems)


def test_kichwa_interface_marks_its_spanish_glosses(site: Path) -> None:
    """Kichwa interface texts carry the Spanish in parentheses; it must be marked lang="es"."""
    source = language_tag(SOURCE)
    kichwa = [p for p in pages(site) if page_locale(site, p, LOCALES) == "qu"]
    assert kichwa
    problems = [f"{p.relative_to(site)}: {problem}" for p in kichwa
                for problem in a11y.unmarked_glosses(soup(p), source)]
    fail_with(problems)
    home = soup(site / "qu" / "index.html")
    assert home.select_one('.md-skip [lang="es"]'), "skip link's Spanish gloss not marked"
    assert home.select_one('a[data-portal-exit] [lang="es"]'), "quick exit's Spanish gloss not marked"


def test_bilingual_cartilla_marks_both_languages(site: Path) -> None:
    for locale in LOCALES:
        document = soup(site / prefix(locale) / "cartilla-migracion.html")
        table = document.select_one("article table")
        for header in table.select("thead th"):  # "Runa shimi (kichwa)": the Kichwa name is Kichwa
            marked = {tag["lang"] for tag in header.select("[lang]")}
            assert marked & {language_tag("qu"), language_tag(SOURCE)}, f"{locale}: {header}"
        for row in table.select("tbody tr"):
            kichwa, spanish = row.find_all("td")[:2]
            assert kichwa.select_one(f'[lang="{language_tag("qu")}"]'), f"{locale}: {kichwa}"
            assert spanish.select_one(f'[lang="{language_tag(SOURCE)}"]'), f"{locale}: {spanish}"


# --- Keyboard -------------------------------------------------------------------------------

def press_tab_to(page: object, selector: str, limit: int = 40) -> int:
    """Press Tab until the focused element matches selector; return how many presses."""
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return count
    raise AssertionError(f"{selector} not reached with {limit} Tab presses")


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_first_tab_stops_skip_link_then_quick_exit_early(page_sweep: dict, site: Path,
                                                        a11y_report: a11y.A11yReport, viewport: str) -> None:
    problems = []
    positions: Counter = Counter()
    for record in swept(page_sweep, viewport, site):
        name, stops = record.name, record.stops
        if len(stops) < QUICK_EXIT_WITHIN:
            problems.append(f"{name} ({viewport}): only {len(stops)} focus stops for {QUICK_EXIT_WITHIN} Tabs")
            continue
        if "md-skip" not in str(stops[0].get("cls")):
            problems.append(f"{name} ({viewport}): first Tab stop is {stops[0]}, not the skip link")
        exits = [i for i, stop in enumerate(stops, 1) if "portal-exit" in str(stop.get("cls"))]
        if not exits:
            problems.append(f"{name} ({viewport}): quick exit not among the first {QUICK_EXIT_WITHIN} stops: "
                            + ", ".join(str(s.get("name")) for s in stops))
        else:
            positions[exits[0]] += 1
        problems += [f"{name} ({viewport}): focus not visible on {s}" for s in stops
                     if s and not (s["seen"] and s["indicator"])]
    a11y_report.add("Keyboard: skip link first, quick exit early, focus visible", names(site),
                    runs=len(names(site)), problems=Counter({"first stops": len(problems)}) if problems else None)
    a11y_report.note(f"Keyboard: quick exit position ({viewport})",
                     ", ".join(f"Tab stop {k}: {v} pages" for k, v in sorted(positions.items())))
    fail_with(problems)


# Focus coming back from the browser's own interface reaches the page a moment after the key
# press is acknowledged (a loaded machine showed the last stop read as "outside the page" and
# skipped): before reading "outside", wait that moment for an element to get the focus.
BACK_FROM_INTERFACE_MS = 250


def _focused(page: object) -> dict | None:
    stop = page.evaluate(a11y.FOCUS_INFO)
    if stop is None:
        try:
            page.wait_for_function("() => document.activeElement && document.activeElement !== document.body",
                                   timeout=BACK_FROM_INTERFACE_MS)
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: the focus is outside the page
            return None
        stop = page.evaluate(a11y.FOCUS_INFO)
    return stop


STOPS = "() => { const stops = window.__a11yStops; window.__a11yStops = []; return stops; }"


def _press(page: object, key: str, times: int) -> list[dict]:
    """Presses the key ``times`` times and returns the elements focused on the way, in order
    (recorded by a11y.RECORD_FOCUS as each one gets the focus: one call for the lot instead of
    one per stop). Within a page the focus moves before the key press is acknowledged."""
    for _ in range(times):
        page.keyboard.press(key)
    return [stop or {} for stop in page.evaluate(STOPS)]


def _round_the_browser(page: object, key: str) -> dict | None:
    """From the first (or last) stop, the key takes the focus out to the browser's interface
    and back into the page: the stop it comes back to (None if it never does)."""
    for _ in range(4):
        page.keyboard.press(key)
        stop = _focused(page)
        if stop is not None:
            page.evaluate(STOPS)
            return stop
    return None


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", WALKED)
def test_tab_walks_the_whole_page_in_order_without_trap(browser: object, site_url: str, a11y_report: a11y.A11yReport,
                                                        viewport: str, name: str) -> None:
    with open_page(browser, site_url, viewport) as page:
        page.add_init_script(a11y.RECORD_FOCUS)
        page.goto(site_url + name)
        expected = page.evaluate(a11y.MARK_TABBABLES)
        assert all(item["tabindex"] <= 0 for item in expected), "a positive tabindex changes the order"
        page.evaluate(STOPS)
        stops = _press(page, "Tab", len(expected))

        def listing(items: list[dict]) -> str:
            return "\n".join(f"{s.get('index')} {s.get('tag')} {s.get('name')}" for s in items)

        assert [s.get("index") for s in stops] == [e["index"] for e in expected], (
            f"Tab order differs from the page order:\n{listing(stops)}\nexpected:\n{listing(expected)}")
        hidden = [s for s in stops if not (s["seen"] and s["indicator"] and s["focusVisible"])]
        assert not hidden, f"focus not visible (or covered) on: {hidden}"
        # No trap: one more Tab leaves the page, and the next comes back to the first stop.
        back_to_start = _round_the_browser(page, "Tab")
        assert back_to_start is not None and back_to_start["index"] == expected[0]["index"], (
            f"focus never came back to the start: trapped after {stops[-3:]}, then {back_to_start}")
        if name in WALKED_BACK:
            # Shift+Tab from the first stop goes back round to the last one, then the same way
            # backwards; scrolling up, no focused element may hide under the sticky header.
            last = _round_the_browser(page, "Shift+Tab")
            back = ([last] if last else []) + _press(page, "Shift+Tab", len(stops) - 1)
            assert [s.get("index") for s in back] == [s["index"] for s in reversed(stops)], back[:5]
            covered = [s for s in back if not s["seen"]]
            assert not covered, f"focus hidden (or covered) going backwards on: {covered}"
    a11y_report.add("Keyboard: whole Tab order, no trap (Shift+Tab back: source language)", [name], runs=1,
                    items=len(stops))
    a11y_report.note("Keyboard: whole Tab order, no trap (Shift+Tab back: source language):items", "Tab stops")


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_skip_link_moves_to_the_content(browser: object, site_url: str, viewport: str) -> None:
    with open_page(browser, site_url, viewport) as page:
        page.goto(site_url + "que-es-la-trata.html")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        # The heading is scrolled into view, below the sticky header, not under it.
        assert page.evaluate("""() => { const h = document.querySelector('h1').getBoundingClientRect();
            return h.top >= document.querySelector('.md-header').getBoundingClientRect().bottom - 1
                   && h.top < innerHeight; }""")
        page.keyboard.press("Tab")
        assert page.evaluate("() => !!document.activeElement.closest('article')"), page.evaluate(a11y.FOCUS_INFO)


@pytest.mark.browser
@pytest.mark.parametrize("locale", LOCALES)
def test_skip_link_stays_on_the_error_page(browser: object, site_url: str, locale: str) -> None:
    """The 404 page has <base href>: its in-page links must not lead to the home page."""
    with open_page(browser, site_url, "desktop") as page:
        page.goto(site_url + prefix(locale) + "404.html")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        # Wait for the skip link to have done its work (the address gets its #anchor), then
        # check it stayed on this page instead of following <base href> to the home page.
        page.wait_for_function("() => location.hash.length > 1 || !location.pathname.endsWith('404.html')")
        assert urlsplit(page.url).path.endswith(prefix(locale) + "404.html"), page.url
        assert urlsplit(page.url).fragment


@pytest.mark.browser
@pytest.mark.parametrize("locale", LOCALES)
def test_skip_link_of_the_error_page_works_without_javascript(browser: object, site_url: str,
                                                              locale: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + prefix(locale) + "404.html")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash.length > 1")
    url = urlsplit(page.url)
    assert url.path.endswith(prefix(locale) + "404.html") and url.fragment, page.url
    target = page.evaluate("id => !!document.getElementById(id)", url.fragment)
    context.close()
    assert target


@pytest.mark.browser
def test_menu_button_opens_the_drawer_with_the_keyboard(browser: object, site_url: str) -> None:
    with open_page(browser, site_url, "phone") as page:
        page.goto(site_url + "index.html")
        button = ".portal-menu-button"
        press_tab_to(page, button, limit=6)
        assert page.get_attribute(button, "aria-expanded") == "false"
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility") == "hidden"
        page.keyboard.press("Enter")
        assert page.get_attribute(button, "aria-expanded") == "true"
        assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
        page.wait_for_function(a11y.SETTLED)  # slid in
        for _ in range(3):
            page.keyboard.press("Tab")
            stop = page.evaluate(a11y.FOCUS_INFO)
            assert stop["seen"] and stop["indicator"], stop
        page.keyboard.press("Escape")
        assert page.get_attribute(button, "aria-expanded") == "false"
        assert page.evaluate("(s) => document.activeElement.matches(s)", button)
        page.keyboard.press("Space")
        assert page.get_attribute(button, "aria-expanded") == "true"
        # Follow a menu link with Enter.
        press_tab_to(page, '.md-sidebar--primary a[href="que-es-la-trata.html"]', limit=20)
        page.keyboard.press("Enter")
        page.wait_for_url(site_url + "que-es-la-trata.html")


@pytest.mark.browser
def test_without_javascript_the_menu_links_are_reachable_and_visible(browser: object, site_url: str) -> None:
    """No JavaScript: the menu button cannot work, but Tab reaches the drawer's links and the
    drawer slides in around the focused link (portal.css, :focus-within)."""
    # Reduced motion: the drawer is in place at once (wait_for_function needs page scripts).
    with open_page(browser, site_url, "phone", java_script_enabled=False, reduced_motion="reduce") as page:
        page.goto(site_url + "index.html")
        assert not page.is_visible(".portal-menu-button")
        assert page.is_visible(".portal-menu-label")
        press_tab_to(page, '.md-sidebar--primary a[href="que-es-la-trata.html"]', limit=20)
        stop = page.evaluate(a11y.FOCUS_INFO)
        assert stop["seen"] and stop["indicator"], stop
        page.keyboard.press("Enter")
        page.wait_for_url(site_url + "que-es-la-trata.html")


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_language_switcher_with_the_keyboard(browser: object, site_url: str, viewport: str) -> None:
    with open_page(browser, site_url, viewport) as page:
        page.goto(site_url + "que-es-la-trata.html")
        button = ".md-select > button"
        press_tab_to(page, button, limit=8)
        assert page.get_attribute(button, "aria-expanded") == "false"
        assert not page.is_visible(".md-select__link[hreflang='en']")
        page.keyboard.press("Enter")
        assert page.get_attribute(button, "aria-expanded") == "true"
        assert page.is_visible(".md-select__link[hreflang='en']")
        page.keyboard.press("Escape")
        assert page.get_attribute(button, "aria-expanded") == "false"
        assert page.evaluate("(s) => document.activeElement.matches(s)", button)
        page.keyboard.press("Space")
        # From the open button, each Tab moves one language down the list (in mkdocs.yml's
        # order): English is reached in exactly its position, no stop skipped or added.
        count = press_tab_to(page, ".md-select__link[hreflang='en']", limit=3 * len(LOCALES))
        assert count == LOCALES.index("en") + 1, count
        stop = page.evaluate(a11y.FOCUS_INFO)
        assert stop["seen"] and stop["indicator"], stop
        page.keyboard.press("Enter")
        page.wait_for_url(site_url + "en/que-es-la-trata.html")


@pytest.mark.browser
def test_navigation_links_with_the_keyboard(browser: object, site_url: str) -> None:
    with open_page(browser, site_url, "desktop") as page:
        page.goto(site_url + "index.html")
        press_tab_to(page, '.md-sidebar--primary a[href="accesibilidad.html"]', limit=40)
        page.keyboard.press("Enter")
        page.wait_for_url(site_url + "accesibilidad.html")
        # The page's own table of contents (right column) leads to its headings.
        press_tab_to(page, '.md-sidebar--secondary a[href^="#"]', limit=40)
        target = page.evaluate("() => document.activeElement.getAttribute('href')")
        page.keyboard.press("Enter")
        assert page.url.endswith(target)


@pytest.mark.browser
@pytest.mark.parametrize("locale", LOCALES)
def test_search_page_with_the_keyboard(browser: object, site_url: str, locale: str) -> None:
    term = {"es": "trata", "qu": "trata", "en": "trafficking"}.get(locale, "trata")
    with open_page(browser, site_url, "desktop") as page:
        page.goto(site_url + prefix(locale) + "buscar.html")
        page.keyboard.press("Tab")  # skip link
        page.keyboard.press("Enter")
        press_tab_to(page, "#portal-search-input", limit=5)
        page.keyboard.type(term)
        page.keyboard.press("Enter")
        page.wait_for_selector("#portal-search-results a")
        assert page.text_content("#portal-search-status").strip()
        press_tab_to(page, "#portal-search-results a", limit=3)
        # The term is in most pages: there is more than one page of results, and a button.
        assert page.query_selector("#portal-search-more"), f"{term}: no 'more results' button to test"
        count = len(page.query_selector_all("#portal-search-results > li"))
        press_tab_to(page, "#portal-search-more", limit=12)
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => document.querySelectorAll('#portal-search-results > li').length > {count}")
        # Focus moves to the first new result instead of being lost with the button.
        page.wait_for_function(
            f"() => document.activeElement === document.querySelectorAll('#portal-search-results > li > a')[{count}]")
        href = page.evaluate("() => document.activeElement.href")
        page.keyboard.press("Enter")
        page.wait_for_url(href)


@pytest.mark.browser
def test_quick_exit_with_the_keyboard(browser: object, site_url: str) -> None:
    with open_page(browser, site_url, "phone") as page:
        page.goto(site_url + "index.html")
        page.goto(site_url + "pide-ayuda.html")
        press_tab_to(page, "a[data-portal-exit]", limit=QUICK_EXIT_WITHIN)
        page.keyboard.press("Enter")
        page.wait_for_url(EXIT_URL)
        page.go_back()
        assert not page.url.endswith("pide-ayuda.html")


@pytest.mark.browser
def test_single_character_keys_do_not_change_the_page(browser: object, site_url: str) -> None:
    """No one-key shortcuts (WCAG 2.1.4): Material's bundle had n . p , for next/previous."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with open_page(browser, site_url, "desktop") as page:
        page.goto(site_url + "pide-ayuda.html")
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        # A shortcut would navigate (or change the #fragment) or move the focus: wait for any
        # navigation for up to 2 s after the keys; none may come.
        with pytest.raises(PlaywrightTimeout):
            with page.expect_event("framenavigated", timeout=2_000):
                for key in ("n", ".", "p", ",", "f", "s", "/"):
                    page.keyboard.press(key)
        assert page.url == site_url + "pide-ayuda.html"
        assert page.evaluate("() => document.activeElement === document.body"), page.evaluate(a11y.FOCUS_INFO)


# --- Zoom, reflow, motion, dark mode ----------------------------------------------------------

@pytest.mark.browser
def test_no_horizontal_scroll_at_320_px_or_200_percent_zoom(page_sweep: dict, site: Path,
                                                           a11y_report: a11y.A11yReport) -> None:
    problems = []
    for record in swept(page_sweep, sweep.REFLOW_VIEWPORT, site):
        assert set(record.reflow) == set(REFLOW), record.name
        for mode, result in record.reflow.items():
            if result["scrollWidth"] > result["innerWidth"]:
                problems.append(f"{record.name} ({mode}): {result['scrollWidth']} > {result['innerWidth']} px: "
                                f"{result['wide']}")
            box = result["exit_box"]
            if not box or box["x"] + box["width"] > result["innerWidth"]:
                problems.append(f"{record.name} ({mode}): quick exit not fully on screen: {box}")
    a11y_report.add("Reflow: 320 px and 200 % zoom, no horizontal scroll", names(site), runs=2 * len(names(site)),
                    problems=Counter({"horizontal scroll": len(problems)}) if problems else None)
    fail_with(problems)


@pytest.mark.browser
def test_reduced_motion_stops_every_animation(page_sweep: dict, site: Path, a11y_report: a11y.A11yReport) -> None:
    problems = []
    for record in swept(page_sweep, sweep.MOTION_VIEWPORT, site):
        result = record.motion
        if result is None or result["running"] or result["count"]:
            problems.append(f"{record.name}: {result}")
    a11y_report.add("Reduced motion: no animation or transition", names(site), runs=len(names(site)),
                    problems=Counter({"moving elements": len(problems)}) if problems else None)
    fail_with(problems)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_dark_mode_follows_the_device_setting(page_sweep: dict, site: Path, viewport: str) -> None:
    problems = [f"{r.name} ({viewport}): body luminance {r.luminance}"
                for r in swept(page_sweep, viewport, site)
                if not (r.luminance["light"] >= 0.2 and r.luminance["dark"] < 0.2)]
    fail_with(problems)
