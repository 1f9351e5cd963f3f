"""Search leaves nothing in the address, the title or the history (issue #16.1), and without
JavaScript says it needs it and points to the home page, in Chromium against the built site."""

from __future__ import annotations

import pytest

from tests.support.search import search, wait_for_results

pytestmark = pytest.mark.browser
WORDS = ("explotacion", "denuncia", "xplotaton")


def test_searching_changes_neither_the_address_nor_the_title_nor_the_history(phone: object, site_url: str) -> None:
    phone.goto(site_url + "buscar.html")
    before = phone.evaluate("[location.href, document.title, history.length]")
    search(phone, site_url, WORDS[0])  # typing
    assert phone.query_selector("#portal-search-results a")
    phone.fill("#portal-search-input", WORDS[1])
    phone.press("#portal-search-input", "Enter")  # submitting
    wait_for_results(phone, WORDS[1])
    phone.fill("#portal-search-input", WORDS[2])  # nothing found: a suggestion
    phone.wait_for_selector("#portal-search-suggestion button", state="visible")
    phone.click("#portal-search-suggestion button")  # running the suggestion
    phone.wait_for_selector("#portal-search-results a")
    after = phone.evaluate("[location.href, document.title, history.length]")
    assert after == [before[0], before[1], before[2]], after
    for word in WORDS:
        assert word not in after[0] and word not in after[1]
    assert phone.evaluate("location.search") == ""


def test_the_search_field_has_no_name_and_the_form_does_not_navigate(phone: object, site_url: str) -> None:
    phone.goto(site_url + "buscar.html")
    assert phone.get_attribute("#portal-search-input", "name") is None  # never ?q= in an address
    assert phone.get_attribute("#portal-search", "method") is None
    assert phone.is_hidden("#portal-search-needs-js")


def test_the_suggestion_runs_the_search_it_names(phone: object, site_url: str) -> None:
    search(phone, site_url + "en/", "xplotaton")
    button = phone.wait_for_selector("#portal-search-suggestion button", state="visible")
    suggested = button.text_content()
    assert suggested == "exploitation"
    assert phone.text_content("#portal-search-suggestion").strip().startswith("Did you mean")
    button.click()
    wait_for_results(phone, suggested)
    assert phone.input_value("#portal-search-input") == suggested
    assert phone.query_selector("#portal-search-results a")
    assert phone.is_hidden("#portal-search-suggestion")


@pytest.mark.parametrize("prefix", ["", "en/", "qu/"])
def test_without_javascript_search_says_it_needs_it_and_links_the_home_page(browser: object, site_url: str,
                                                                           prefix: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + prefix + "buscar.html")
        assert page.is_hidden("#portal-search"), "a form that cannot search must not be offered"
        notice = page.locator("#portal-search-needs-js")
        assert notice.is_visible()
        assert "JavaScript" in notice.inner_text()
        link = notice.locator("a")
        assert link.evaluate("a => a.href") == site_url + prefix + "index.html"
    finally:
        context.close()
