"""The built site in Debian's Chromium, served under /trata/ on 127.0.0.1, phone-sized."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support.search import search
from tests.support.site import REPO, locales, mkdocs_config

pytestmark = pytest.mark.browser

LOCALES = locales()
SOURCE = LOCALES[0]
DOCS = REPO / "docs"
EXIT_URL = mkdocs_config()["extra"]["quick_exit_url"]
# A word that must be found in each language, and a page that must be among the results.
SEARCHES = {
    "es": ("explotacion", "que-es-la-trata.html"),  # typed without its accent
    "en": ("trafficking", "que-es-la-trata.html"),
    "qu": ("trata", "que-es-la-trata.html"),
}


def prefix(locale: str) -> str:
    return "" if locale == SOURCE else f"{locale}/"


def fake_neutral_page(page: object) -> None:
    """The neutral exit page lives on another origin: answer it locally, never go out."""
    page.context.route(EXIT_URL, lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>neutral</title><p>neutral"))


def test_language_switcher_lands_on_the_same_page(phone: object, site_url: str) -> None:
    phone.goto(site_url + "que-es-la-trata.html")
    for locale in LOCALES[1:] + [SOURCE]:
        phone.click(".md-select > button")  # opens the language list (hover/focus menu)
        # Waits for the new page's address (a load right after a click could be the old page's).
        with phone.expect_navigation(url=site_url + prefix(locale) + "que-es-la-trata.html"):
            phone.click(f'.md-select__link[hreflang^="{locale}"]')
        assert phone.url == site_url + prefix(locale) + "que-es-la-trata.html"


@pytest.mark.parametrize("locale", LOCALES)
def test_search_returns_only_the_readers_language(phone: object, site_url: str, locale: str) -> None:
    term, expected = SEARCHES[locale]
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    phone.goto(site_url + prefix(locale) + "buscar.html")
    phone.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/search-index/" in u], "search bytes before searching"
    phone.fill("#portal-search-input", term)
    phone.wait_for_selector("#portal-search-results a")
    hrefs = [urlsplit(a.evaluate("a => a.href")).path for a in phone.query_selector_all("#portal-search-results a")]
    assert hrefs, f"no results for {term!r}"
    root = urlsplit(site_url).path
    for href in hrefs:
        assert href.startswith(root), href
        rest = href[len(root):]
        if locale == SOURCE:
            assert not any(rest.startswith(f"{other}/") for other in LOCALES[1:]), href
        else:
            assert rest.startswith(f"{locale}/"), href
    assert any(href.endswith(prefix(locale) + expected) for href in hrefs), hrefs
    # Following a result opens that page (under the sub-path), not just any address.
    first = phone.locator("#portal-search-results a").first
    target = first.evaluate("a => a.href")
    assert target.startswith(site_url) and urlsplit(target).path != urlsplit(phone.url).path, target
    with phone.expect_navigation(url=lambda url: url == target):
        first.click()
    assert urlsplit(phone.url).path == urlsplit(target).path
    assert phone.evaluate("() => document.querySelector('h1') !== null")


def result_paths(page: object, language_root: str, query: str) -> set[str]:
    search(page, language_root, query)
    page.wait_for_selector("#portal-search-results a")
    while page.query_selector("#portal-search-more"):
        count = len(page.query_selector_all("#portal-search-results > li"))
        page.click("#portal-search-more")
        page.wait_for_function(f"() => document.querySelectorAll('#portal-search-results > li').length > {count}")
    return {urlsplit(a.evaluate("a => a.href")).path for a in page.query_selector_all("#portal-search-results > li > a")}


def test_search_without_accents_finds_the_same_pages(phone: object, site_url: str) -> None:
    plain = result_paths(phone, site_url, "migracion")
    accented = result_paths(phone, site_url, "migración")
    assert plain == accented
    assert any(path.endswith("/migra-seguro.html") for path in plain), plain


@pytest.mark.parametrize("locale", LOCALES)
def test_no_request_leaves_the_origin(phone: object, site_url: str, locale: str) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    outside: list[str] = []

    def guard(route: object) -> None:
        if route.request.url.startswith(origin) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    phone.context.route("**/*", guard)
    for name in ("index.html", "que-es-la-trata.html", "pide-ayuda.html", "404.html"):
        phone.goto(site_url + prefix(locale) + name)
        phone.wait_for_load_state("networkidle")
    search(phone, site_url + prefix(locale), SEARCHES[locale][0])
    phone.wait_for_selector("#portal-search-results a")
    phone.wait_for_load_state("networkidle")
    assert outside == []


def test_quick_exit_by_pressing_shift_three_times(phone: object, site_url: str) -> None:
    """(Clicking, Back, the no-JavaScript link and the key-count reset: tests/test_quick_exit.py.)"""
    fake_neutral_page(phone)
    phone.goto(site_url + "en/que-es-la-trata.html")
    assert phone.text_content("#portal-exit-status").strip() == ""
    phone.keyboard.press("Shift")
    first = phone.text_content("#portal-exit-status").strip()
    assert first, "the first Shift says nothing to the reader"
    phone.keyboard.press("Shift")
    second = phone.text_content("#portal-exit-status").strip()
    assert second and second != first, "the count does not move on the second Shift"
    phone.keyboard.press("Shift")
    phone.wait_for_url(EXIT_URL)
    phone.go_back()
    assert not phone.url.endswith("que-es-la-trata.html")


def test_search_result_titles_have_no_permalink_sign(phone: object, site_url: str) -> None:
    search(phone, site_url, "trata")
    phone.wait_for_selector("#portal-search-results a")
    titles = [a.inner_text() for a in phone.query_selector_all("#portal-search-results > li > a")]
    assert titles and not any("¶" in title for title in titles), titles


@pytest.mark.parametrize("locale", LOCALES)
def test_a_query_no_page_fully_matches_offers_partial_results(phone: object, site_url: str, locale: str) -> None:
    search(phone, site_url + prefix(locale), SEARCHES[locale][0] + " zzzqqq")
    phone.wait_for_selector("#portal-search-results[aria-busy=false] li")
    status = phone.text_content("#portal-search-status")
    expected = {"en": "No page has every word of"}.get(locale, "Ninguna página tiene todas las palabras de")
    assert status.startswith(expected) and "undefined" not in status, status


def test_kichwa_results_mark_spanish_as_spanish(phone: object, site_url: str) -> None:
    """WCAG 3.1.2: glosses and Spanish fallback pages are read with Spanish pronunciation."""
    search(phone, site_url + "qu/", "wawakuna")
    phone.wait_for_selector("#portal-search-results[aria-busy=false] li")
    assert phone.query_selector('#portal-search-results p span[lang="es"]'), "a gloss in an excerpt"
    search(phone, site_url + "qu/", "lilya")  # an event page
    phone.wait_for_selector("#portal-search-results[aria-busy=false] li")
    results = {urlsplit(li.query_selector("a").evaluate("a => a.href")).path: li.get_attribute("lang")
               for li in phone.query_selector_all("#portal-search-results > li")}
    assert results
    root = urlsplit(site_url).path + "qu/"
    for path, lang in results.items():
        # A result shown from the Spanish page (no Kichwa translation in docs/qu/) is marked
        # Spanish; a translated one is not. Worked out from docs/, not from today's list.
        source = DOCS / "qu" / path.removeprefix(root).replace(".html", ".md")
        assert lang == (None if source.exists() else "es"), path


def test_no_cookies_and_nothing_stored_on_the_device(phone: object, site_url: str) -> None:
    """A shared phone must keep no trace of the portal beyond the browser's history."""
    for locale in LOCALES:
        for name in ("index.html", "pide-ayuda.html"):
            phone.goto(site_url + prefix(locale) + name)
            phone.wait_for_load_state("networkidle")
        search(phone, site_url + prefix(locale), "ayuda")
        phone.wait_for_load_state("networkidle")
    assert phone.context.cookies() == []
    assert phone.evaluate("document.cookie") == ""
    assert phone.evaluate("window.localStorage.length") == 0
    assert phone.evaluate("window.sessionStorage.length") == 0


# The logo (partials/logo.html, a CSS mask in portal.css) against what is behind it: the navy
# header on wide screens, the navy menu title on phones. It was drawn black there (1.9:1).
_LOGO_CONTRAST = """sel => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const icon = document.querySelector(sel);
  let behind = icon.parentElement;
  while (rgb(getComputedStyle(behind).backgroundColor)[3] === 0 || getComputedStyle(behind).backgroundColor === "transparent")
    behind = behind.parentElement;
  const [a, b] = [lum(rgb(getComputedStyle(icon).backgroundColor)), lum(rgb(getComputedStyle(behind).backgroundColor))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_logo_stands_out_from_the_navy_header_and_menu(browser: object, site_url: str, scheme: str) -> None:
    for width, selector in ((360, ".md-nav__title .md-logo .portal-icon"), (1280, ".md-header .md-logo .portal-icon")):
        context = browser.new_context(viewport={"width": width, "height": 740}, color_scheme=scheme)
        page = context.new_page()
        page.goto(site_url + "que-es-la-trata.html")
        if width == 360:
            page.evaluate("document.getElementById('__drawer').checked = true")  # the menu open
        assert page.locator(selector).is_visible(), (width, selector)
        ratio = page.evaluate(_LOGO_CONTRAST, selector)
        context.close()
        assert ratio >= 3, f"logo contrast {ratio:.1f}:1 at {width} px ({scheme}); WCAG 1.4.11 asks 3:1"
