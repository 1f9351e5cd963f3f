"""Nothing moves after the first paint (issue 19): cumulative layout shift 0 on every kind of
page in every language, at phone and desktop widths.

Scripts and images are answered late (``SCRIPT_DELAY``, by a second server on the same site
folder, each request in its own thread) so the browser paints the page before they run, as on
a slow phone network: a script that shows, hides or fills something above other content then
shifts it, and the shift is recorded. Layout-shift entries are collected with a buffered
PerformanceObserver from before the page starts loading; shifts right after an input
(``hadRecentInput``) do not count, as in the CLS metric. A page is done when its load event
has fired (every late script has run) and two more frames have been drawn.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.browser import own_browser
from tests.support.page_kinds import page_kinds, search_term
from tests.support.site import SUB_PATH, SiteServer, locales

pytestmark = pytest.mark.browser

LOCALES = locales()
SCRIPT_DELAY = 0.4  # seconds: first paint happens before the page's scripts and images arrive
LATE = {ending: SCRIPT_DELAY for ending in (".js", ".svg", ".png")}
VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}

OBSERVE = """
window.__portalShifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (!entry.hadRecentInput) {
      // What moved, and from where to where: a text node by its parent element (a CI run once
      // reported only "#text" on the events index, and it could not be reproduced).
      window.__portalShifts.push({value: entry.value, at: Math.round(entry.startTime),
        sources: (entry.sources || []).map(function (s) {
          var n = s.node, el = n && n.nodeType === 3 ? n.parentElement : n;
          var name = el && el.nodeType === 1 ? el.tagName + "." + el.className : String(n && n.nodeName);
          var box = function (r) { return [r.x, r.y, r.width, r.height].map(Math.round).join(","); };
          return (n && n.nodeType === 3 ? "text in " : "") + name + " " + box(s.previousRect) + " -> " + box(s.currentRect);
        })});
    }
  });
}).observe({type: "layout-shift", buffered: true});
"""
# Two frames after the load event: what the last script changed has been laid out, painted
# and reported to the observer.
SHIFTS_AFTER_TWO_FRAMES = """() => new Promise(function (done) {
  requestAnimationFrame(function () { requestAnimationFrame(function () { done(window.__portalShifts); }); });
})"""

# Scripts and images of this page that took the delay (the test would see nothing otherwise).
COUNT_LATE = """() => performance.getEntriesByType("resource")
  .filter((e) => /[.](js|svg|png)$/.test(e.name) && e.duration >= 300).length"""


@pytest.fixture(scope="module")
def shifts(site: Path) -> dict[tuple[str, str], dict[str, object]]:
    """(locale, viewport) → what loading every kind of page told: the session's site served
    again with scripts and images answered late, the combinations shared among two browsers
    (the loads mostly wait for the late files)."""
    # no-store: every page waits for its scripts again (a cached script would run at once).
    server = SiteServer(site.parent, headers={"Cache-Control": "no-store"}, delays=LATE).start()
    base = f"http://127.0.0.1:{server.port}/{SUB_PATH}/"
    cases = [(locale, viewport) for locale in LOCALES for viewport in VIEWPORTS]
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            shares = list(pool.map(lambda share: _load_all(site, base, share), (cases[0::2], cases[1::2])))
    finally:
        server.stop()
    return {case: result for share in shares for case, result in share.items()}


def _load_all(site: Path, base: str, cases: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, object]]:
    """One thread: its own Playwright and Chromium (the sync API is per thread)."""
    with own_browser() as browser:
        return {(locale, viewport): _load_kinds(browser, site, base, locale, viewport) for locale, viewport in cases}


def _load_kinds(browser: object, site: Path, base: str, locale: str, viewport: str) -> dict[str, object]:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(OBSERVE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    prefix = "" if locale == LOCALES[0] else f"{locale}/"
    shifted: dict[str, object] = {}
    not_late = []
    try:
        for kind, path in page_kinds(site / prefix, locale).items():
            page.goto(base + prefix + path, wait_until="load")
            if kind == "search":
                page.fill("#portal-search-input", search_term(page.url, LOCALES))
                page.wait_for_selector("#portal-search-results[aria-busy=false] li a")
            found = page.evaluate(SHIFTS_AFTER_TWO_FRAMES)
            if not page.evaluate(COUNT_LATE):
                not_late.append(path)
            if sum(s["value"] for s in found) > 0:
                shifted[f"{kind} ({path})"] = found
    finally:
        context.close()
    return {"shifted": shifted, "not_late": not_late}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("locale", LOCALES)
def test_no_layout_shift(shifts: dict[tuple[str, str], dict[str, object]], locale: str, viewport: str) -> None:
    result = shifts[(locale, viewport)]
    assert not result["not_late"], f"no script or image was answered late, the test would not see a shift: {result}"
    assert not result["shifted"], f"layout shift after first paint, {locale} {viewport}: {result['shifted']}"
