"""Nothing moves after the first paint (issue 19): cumulative layout shift 0 on every kind of
page in every language, at phone and desktop widths.

Scripts and images are answered late (``SCRIPT_DELAY``) so the browser paints the page before they run,
as on a slow phone network: a script that shows, hides or fills something above other
content then shifts it, and the shift is recorded. Layout-shift entries are collected with a
buffered PerformanceObserver from before the page starts loading; shifts right after an
input (``hadRecentInput``) do not count, as in the CLS metric.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.support.page_kinds import page_kinds, search_term
from tests.support.site import locales

pytestmark = pytest.mark.browser

LOCALES = locales()
SCRIPT_DELAY = 0.4  # seconds: first paint happens before the page's scripts and images arrive
VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}

OBSERVE = """
window.__portalShifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (!entry.hadRecentInput) {
      window.__portalShifts.push({value: entry.value, sources: (entry.sources || []).map(function (s) {
        var n = s.node; return n && n.nodeType === 1 ? n.tagName + "." + n.className : String(n && n.nodeName);
      })});
    }
  });
}).observe({type: "layout-shift", buffered: true});
"""


def _late_scripts(route: object) -> None:
    time.sleep(SCRIPT_DELAY)
    route.continue_()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("locale", LOCALES)
def test_no_layout_shift(browser: object, site: Path, site_url: str, locale: str, viewport: str) -> None:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(OBSERVE)
    context.route("**/*.{js,svg,png}", _late_scripts)
    page = context.new_page()
    prefix = "" if locale == LOCALES[0] else f"{locale}/"
    shifted = {}
    try:
        for kind, path in page_kinds(site / prefix, locale).items():
            page.goto(site_url + prefix + path)
            page.wait_for_load_state("networkidle")
            if kind == "search":
                page.fill("#portal-search-input", search_term(page.url, LOCALES))
                page.wait_for_selector("#portal-search-results[aria-busy=false] li a")
            page.wait_for_timeout(300)
            shifts = page.evaluate("window.__portalShifts")
            if sum(s["value"] for s in shifts) > 0:
                shifted[f"{kind} ({path})"] = shifts
    finally:
        context.close()
    assert not shifted, f"layout shift after first paint, {locale} {viewport}: {shifted}"
