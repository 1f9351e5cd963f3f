"""A query typed letter by letter (issue #20, budgets): each letter shows its results' titles
at once; excerpt blocks (d<page>_<block>.js) are fetched only for the results on screen once
the reader pauses, and the count is announced once, then; a word that matches nothing fetches
the word lists its typo will need before the next letter. In Chromium against the built site,
with the page's clock under the test's control (no pause happens unless the test makes one)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from tests.support.search import wait_for_results

pytestmark = pytest.mark.browser

LETTER_MS = 200  # between two letters: more than search-page.js's WAIT (20), less than its PAUSE (250)
PAUSE_MS = 1_000  # more than PAUSE and SUGGEST_WAIT
START = datetime(2026, 1, 1, tzinfo=UTC)
QUERY = "persona puede pedir ayuda"  # four words: the top five changes many times on the way

# Every announcement of the status region, kept by the page (MutationObserver).
_RECORD_ANNOUNCEMENTS = """() => {
  window.__heard = [];
  // (or, before it had one of its own, the live region that showed the count)
  const region = document.querySelector('#portal-search-announce, #portal-search-status[role=status]');
  new MutationObserver(() => window.__heard.push(region.textContent))
    .observe(region, {childList: true, characterData: true, subtree: true});
}"""


def index_files(requests: list[str], kind: str) -> list[str]:
    """Names ("d3_0") of the index files of one kind ("d", "p", "t", "v") requested, in order."""
    names = [urlsplit(url).path.rsplit("/", 1)[-1].removesuffix(".js") for url in requests if "/search-index/" in url]
    return [name for name in names if name.startswith(kind)]


def open_search(phone: object, site_url: str) -> list[str]:
    """The search page with a fake clock; returns the list that will get every request's URL."""
    requests: list[str] = []
    phone.clock.install(time=START)
    phone.goto(site_url + "buscar.html")
    phone.clock.pause_at(START + timedelta(seconds=10))  # from now on, time passes when the test says
    phone.on("request", lambda request: requests.append(request.url))
    phone.evaluate(_RECORD_ANNOUNCEMENTS)
    phone.click("#portal-search-input")
    return requests


def type_without_pausing(phone: object, query: str) -> None:
    """One letter at a time, each one's results on screen before the next (a typist slower
    than the search, who never pauses)."""
    for end in range(1, len(query) + 1):
        phone.keyboard.type(query[end - 1])
        phone.clock.run_for(LETTER_MS)
        wait_for_results(phone, query[:end])


def shown_excerpts(phone: object) -> list[str]:
    return [p.inner_text() for p in phone.query_selector_all("#portal-search-results > li > p")]


def test_typing_fetches_the_excerpts_of_the_last_screen_only(phone: object, site_url: str) -> None:
    requests = open_search(phone, site_url)
    type_without_pausing(phone, QUERY)
    assert index_files(requests, "d") == [], "an excerpt fetched before the reader paused"
    titles = [a.inner_text() for a in phone.query_selector_all("#portal-search-results > li > a")]
    assert len(titles) == 5 and all(titles), titles  # the results are there, titles first
    assert not any(shown_excerpts(phone)), "excerpts before the pause"
    phone.clock.run_for(PAUSE_MS)
    phone.wait_for_function("() => !document.querySelector('#portal-search-results li[data-pending]')")
    fetched = index_files(requests, "d")
    assert 0 < len(fetched) <= 5 and len(set(fetched)) == len(fetched), fetched
    assert all(shown_excerpts(phone)), "a result without its excerpt after the pause"
    # The same blocks as the query pasted at once: nothing fetched for letters typed on the way.
    pasted: list[str] = []
    phone.goto(site_url + "buscar.html")  # a new page: nothing of the index in memory
    phone.on("request", lambda request: pasted.append(request.url))
    phone.fill("#portal-search-input", QUERY)
    phone.clock.run_for(LETTER_MS)
    wait_for_results(phone, QUERY)
    assert sorted(index_files(pasted, "d")) == sorted(fetched)
    assert all(shown_excerpts(phone)), "a pasted query shows its excerpts with its results"


def test_the_count_is_announced_once_when_the_reader_pauses(phone: object, site_url: str) -> None:
    open_search(phone, site_url)
    type_without_pausing(phone, "trata")
    assert phone.evaluate("window.__heard") == [], "announced while the reader was typing"
    assert "«trata»" in phone.text_content("#portal-search-status")  # seen at once
    phone.clock.run_for(PAUSE_MS)
    phone.wait_for_function("() => window.__heard.length > 0")
    heard = phone.evaluate("window.__heard")
    assert len(heard) == 1 and "«trata»" in heard[0], heard
    assert heard[0] == phone.text_content("#portal-search-status")
    assert phone.get_attribute("#portal-search-announce", "role") == "status"
    assert phone.get_attribute("#portal-search-status", "aria-hidden") == "true"  # not read twice


def test_a_word_that_matches_nothing_fetches_the_word_lists_before_its_typo_needs_them(
        phone: object, site_url: str) -> None:
    requests = open_search(phone, site_url)
    type_without_pausing(phone, "rtat")  # nothing starts with it: "trata" mistyped, likely
    before = set(index_files(requests, "v"))
    assert {"v4", "v5", "v6"} <= before, before  # what «rtata» (one edit allowed) needs
    phone.keyboard.type("a")
    phone.clock.run_for(LETTER_MS)
    wait_for_results(phone, "rtata")
    assert set(index_files(requests, "v")) - before <= {"v7"}  # at most the next letter's
    assert phone.query_selector_all("#portal-search-results > li > a")


def test_an_excerpt_fills_the_room_kept_for_it(phone: object, site_url: str) -> None:
    open_search(phone, site_url)
    type_without_pausing(phone, "migrar")
    heights = "() => [...document.querySelectorAll('#portal-search-results > li > p')].map(p => p.offsetHeight)"
    before = phone.evaluate(heights)
    phone.clock.run_for(PAUSE_MS)
    phone.wait_for_function("() => !document.querySelector('#portal-search-results li[data-pending]')")
    assert all(shown_excerpts(phone))
    after = phone.evaluate(heights)
    assert len(before) > 1 and before == after, (before, after)  # portal.css: min-height
