"""Quick exit (issue 16 item 2): to a neutral page with no query string, set in one place;
navigation comes first and nothing else it does can stop it; Shift×3; no-JavaScript link.

The destination is another site: every test answers it locally with Playwright routing, and
any other request that would leave 127.0.0.1 is refused (no real network)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support.site import mkdocs_config

pytestmark = pytest.mark.browser

EXIT_URL = mkdocs_config()["extra"]["quick_exit_url"]
NEUTRAL = "<!doctype html><title>neutral</title><p>neutral"


def route_outside(page: object, exit_answer: str = "fulfill") -> list[str]:
    """Answer the neutral page locally, or with "204 No Content", after which the browser
    stays on the page (to look at it while it leaves); refuse anything else outside
    127.0.0.1. Returns the requests for the neutral page."""
    exits: list[str] = []

    def guard(route: object) -> None:
        url = route.request.url
        if url == EXIT_URL:
            exits.append(url)
            if exit_answer == "fulfill":
                route.fulfill(status=200, content_type="text/html", body=NEUTRAL)
            else:
                route.fulfill(status=204)
        elif urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    page.context.route("**/*", guard)
    return exits


def test_destination_is_neutral_and_set_once() -> None:
    parts = urlsplit(EXIT_URL)
    assert parts.scheme == "https" and parts.netloc
    assert not parts.query and not parts.fragment, "a query string is a marker in history"
    assert "google." not in parts.netloc and "search" not in parts.path


def test_every_page_links_the_one_destination(site: object) -> None:
    from tests.support.html import soup

    for page in site.rglob("*.html"):
        link = soup(page).select_one("a[data-portal-exit]")
        if link is not None:
            assert link["href"] == EXIT_URL, page


@pytest.mark.parametrize("how", ["click", "shift"])
def test_reader_leaves_even_when_the_cosmetic_steps_throw(browser: object, site_url: str, how: str) -> None:
    """Hiding the page, blanking the title and announcing all throw: the reader still leaves."""
    context = browser.new_context()
    context.add_init_script("""
        DOMTokenList.prototype.add = function () { throw new Error("classList.add broken"); };
        Object.defineProperty(Document.prototype, "title", {
          configurable: true, get: function () { return ""; },
          set: function () { throw new Error("title broken"); } });
        Object.defineProperty(Node.prototype, "textContent", {
          configurable: true, get: function () { return ""; },
          set: function () { throw new Error("textContent broken"); } });
    """)
    page = context.new_page()
    route_outside(page)
    page.goto(site_url + "pide-ayuda.html")
    if how == "click":
        page.click("a[data-portal-exit]")
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL, timeout=5000)
    context.close()


def test_page_is_hidden_at_once(phone: object, site_url: str) -> None:
    """While the neutral page loads (here: never), nothing of the portal shows, not even the tab title."""
    exits = route_outside(phone, exit_answer="stay")
    phone.goto(site_url + "pide-ayuda.html")
    phone.click("a[data-portal-exit]")
    phone.wait_for_function("document.documentElement.classList.contains('portal-exiting')")
    assert exits == [EXIT_URL]
    assert phone.evaluate("getComputedStyle(document.body).display") == "none"
    assert phone.title().strip() == ""
    assert not phone.locator("h1").is_visible()


def test_back_does_not_return_to_the_page(phone: object, site_url: str) -> None:
    route_outside(phone)
    phone.goto(site_url + "index.html")
    phone.goto(site_url + "pide-ayuda.html")
    phone.click("a[data-portal-exit]")
    phone.wait_for_url(EXIT_URL)
    phone.go_back()
    assert not phone.url.endswith("pide-ayuda.html"), "Back returned to the page being read"
    assert phone.url.endswith("index.html"), "the exit added an entry instead of replacing the page"


def test_a_page_restored_while_leaving_stays_hidden_and_leaves_again(phone: object, site_url: str) -> None:
    """pageshow from the back/forward cache (persisted) must not show a page that was leaving."""
    exits = route_outside(phone, exit_answer="stay")
    phone.goto(site_url + "que-es-la-trata.html")
    phone.click("a[data-portal-exit]")
    phone.wait_for_function("document.documentElement.classList.contains('portal-exiting')")
    phone.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))")
    assert phone.evaluate("getComputedStyle(document.body).display") == "none"
    phone.wait_for_timeout(300)
    assert exits == [EXIT_URL, EXIT_URL], "the restored page did not leave again"


def test_a_normal_page_show_does_not_hide_or_leave(phone: object, site_url: str) -> None:
    exits = route_outside(phone)
    phone.goto(site_url + "index.html")
    phone.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))")
    phone.wait_for_timeout(300)
    assert exits == [] and phone.locator("h1").is_visible()


def test_another_key_resets_the_shift_count(phone: object, site_url: str) -> None:
    exits = route_outside(phone)
    phone.goto(site_url + "index.html")
    phone.keyboard.press("Shift")
    phone.keyboard.press("Shift")
    phone.keyboard.press("a")
    phone.keyboard.press("Shift")
    phone.wait_for_timeout(300)
    assert exits == [] and phone.url.endswith("index.html")
    assert "1" in phone.text_content("#portal-exit-status")  # "pressed once" again
    phone.keyboard.press("Shift")
    phone.keyboard.press("Shift")
    phone.wait_for_url(EXIT_URL)


def test_the_shift_count_resets_after_five_seconds(phone: object, site_url: str) -> None:
    exits = route_outside(phone)
    phone.clock.install()
    phone.goto(site_url + "en/index.html")
    phone.keyboard.press("Shift")
    phone.keyboard.press("Shift")
    phone.clock.fast_forward(5100)
    assert phone.text_content("#portal-exit-status") == ""
    phone.keyboard.press("Shift")
    phone.wait_for_timeout(300)
    assert exits == [] and phone.url.endswith("en/index.html")


def test_no_javascript_link_leaves(browser: object, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    route_outside(page)
    page.goto(site_url + "qu/index.html")
    page.click("a[data-portal-exit]")
    page.wait_for_url(EXIT_URL)
    context.close()
