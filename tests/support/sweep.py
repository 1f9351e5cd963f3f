"""One browser sweep of every built page per viewport: each page is loaded ONCE and asked
everything a page load can tell, then the thin tests of test_accessibility.py assert on the
record (instead of loading every page again for every check: ~600 page loads before).

Per page and viewport, in this order, each step leaving the page as a fresh load would be:
1. axe-core, light scheme, all WCAG A/AA rules; dark scheme, the colour rules;
   the body's luminance in both schemes (dark mode follows the device);
2. light scheme again, nothing focused: the first Tab stops (skip link, quick exit, focus seen);
3. desktop window only: the page at 320 px and at 200 % zoom (640 × 450 CSS px): no
   horizontal scroll, quick exit fully on screen (a mobile window would widen its layout to
   fit wide content and hide the overflow);
4. phone only: the language list and the menu opened: nothing moves; on the pages named in
   OPEN_CONTROLS_AXE, axe (all rules, light and dark) with the menu open, then (the page loaded
   again) with the language list open: they are hidden until opened;
and throughout: Content-Security-Policy violations (the test server sends the shipped
policy), uncaught script errors and console errors.

Every page is swept with the device asking for reduced motion: the colour transitions that a
change of scheme starts then end at once instead of after ~0.3 s per page and scheme (axe reads
colours only once they have ended, either way), and step 4 checks that nothing moves.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.support import a11y
from tests.support.browser import own_browser

VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 900)}
# 320 CSS px is WCAG 1.4.10's width; 200 % zoom of a 1280 × 900 window lays the page out in
# 640 × 450 CSS px (at 2 device pixels per CSS pixel, as a zoomed browser does).
REFLOW = {"320 px": (320, 640), "200 % zoom": (640, 450)}
REFLOW_VIEWPORT = "desktop"  # a window that does not widen its layout to fit the content
MOTION_VIEWPORT = "phone"  # the menu button exists at phone width
# Each language's home and a long page, checked with the menu and the language list open.
OPEN_CONTROLS_PAGES = ("index.html", "plan-nacional.html")
QUICK_EXIT_WITHIN = 8  # Tab stops: skip link, help bar (3), menu or logo, language, search, exit

LUMINANCE = """() => { const c = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
                       return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255; }"""
RECORD_CSP = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));"""
NOTHING_FOCUSED = "() => { document.activeElement && document.activeElement.blur(); window.__a11yStops = []; }"


@dataclass
class PageRecord:
    """What one load of one page at one viewport told."""

    name: str
    viewport: str
    axe: dict[str, list[dict]] = field(default_factory=dict)  # scheme → violations
    luminance: dict[str, float] = field(default_factory=dict)  # scheme → body background
    stops: list[dict] = field(default_factory=list)  # first QUICK_EXIT_WITHIN Tab stops
    reflow: dict[str, dict] = field(default_factory=dict)  # mode → scroll widths, exit box
    motion: dict | None = None
    open_axe: dict[str, list[dict]] = field(default_factory=dict)  # "menu dark" → violations
    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # uncaught exceptions, console errors
    failure: str | None = None  # the sweep itself failed on this page


def outside(site_url: str) -> re.Pattern[str]:
    """Every address but the site's origin, for context.route(): Playwright matches a regular
    expression in its driver, so the site's own requests load without a round trip to this
    process (a glob of everything sent each of the ~6 requests of a page load through Python)."""
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(site_url))
    return re.compile(f"^(?!{re.escape(origin)})")


def exit_url_guard(site_url: str, exit_url: str):  # noqa: ANN201 - Playwright route handler
    """Nothing may leave 127.0.0.1; the quick exit's neutral page is answered locally."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))

    def guard(route: object) -> None:
        url = route.request.url
        if url.startswith(exit_url):
            route.fulfill(status=200, content_type="text/html", body="<title>neutral</title><p>neutral")
        elif url.startswith(origin) or url.startswith("data:"):
            route.continue_()
        else:
            route.abort()

    return guard


def open_controls_pages(locales: list[str]) -> frozenset[str]:
    """OPEN_CONTROLS_PAGES in every language (the first one is the site's root)."""
    return frozenset(("" if k == 0 else f"{code}/") + name
                     for k, code in enumerate(locales) for name in OPEN_CONTROLS_PAGES)


def context_options(viewport: str) -> dict[str, object]:
    width, height = VIEWPORTS[viewport]
    options: dict[str, object] = {"viewport": {"width": width, "height": height}}
    if viewport == "phone":
        options |= {"device_scale_factor": 2, "is_mobile": True, "has_touch": True}
    return options


def sweep(browser: object, site_url: str, names: list[str], viewport: str, exit_url: str,
          axe: str | None = None, open_controls: frozenset[str] = frozenset()) -> dict[str, PageRecord]:
    """Load each page once at the viewport and record everything (see the module's doc)."""
    context = browser.new_context(**context_options(viewport), reduced_motion="reduce")
    context.route(outside(site_url), exit_url_guard(site_url, exit_url))
    context.add_init_script(a11y.RECORD_FOCUS)
    context.add_init_script(RECORD_CSP)
    current: list[PageRecord] = []

    def new_page() -> object:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("pageerror", lambda error: current[-1].errors.append(f"pageerror: {error}") if current else None)
        page.on("console", lambda message: current[-1].errors.append(f"console.{message.type}: {message.text}")
                if current and message.type == "error" else None)
        return page

    page = new_page()
    records: dict[str, PageRecord] = {}
    try:
        for name in names:
            record = PageRecord(name, viewport)
            current.append(record)
            records[name] = record
            try:
                _sweep_page(page, site_url + name, record, viewport, _axe_address(site_url, axe),
                            name in open_controls)
            except Exception as error:  # noqa: BLE001 - recorded, reported by every thin test
                record.failure = f"{type(error).__name__}: {error}"
            try:
                record.csp = page.evaluate("() => window.__cspViolations || []")
            except Exception as error:  # noqa: BLE001
                record.failure = record.failure or f"{type(error).__name__}: {error}"
            if record.failure:
                page.close()
                page = new_page()
    finally:
        context.close()
    return records


def _axe_address(site_url: str, axe: str | None) -> str | None:
    return None if axe is None else "{0.scheme}://{0.netloc}".format(urlsplit(site_url)) + axe


def _sweep_page(page: object, url: str, record: PageRecord, viewport: str, axe: str | None = None,
                open_controls: bool = False) -> None:
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(color_scheme="light", reduced_motion="reduce")
    page.goto(url)
    # 1. axe, light then dark; the body's colour in each scheme.
    for scheme, only in (("light", None), ("dark", a11y.AXE_COLOUR_RULES)):
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function(a11y.SETTLED)  # colour transitions have ended
        record.axe[scheme] = a11y.run_axe(page, only, axe)
        record.luminance[scheme] = page.evaluate(LUMINANCE)
    # 2. Back to light, nothing focused: the first Tab stops.
    page.emulate_media(color_scheme="light")
    page.wait_for_function(a11y.SETTLED)
    page.evaluate(NOTHING_FOCUSED)
    for _ in range(QUICK_EXIT_WITHIN):
        page.keyboard.press("Tab")
    record.stops = [stop or {} for stop in page.evaluate("() => window.__a11yStops")]
    page.evaluate(NOTHING_FOCUSED)
    if viewport == REFLOW_VIEWPORT:
        # 3. Reflow at 320 px and 200 % zoom, in the desktop (not mobile) window: a mobile
        # browser widens its layout to fit wide content, and would hide the overflow.
        for mode, (mode_width, mode_height) in REFLOW.items():
            page.set_viewport_size({"width": mode_width, "height": mode_height})
            result = page.evaluate(a11y.HORIZONTAL_SCROLL)
            result["exit_box"] = page.locator("a[data-portal-exit]").bounding_box()
            record.reflow[mode] = result
        page.set_viewport_size({"width": width, "height": height})
    if viewport == MOTION_VIEWPORT:
        # 4. Reduced motion (as throughout), with the language list and the menu open.
        page.click(".md-select > button")
        page.click(".portal-menu-button")
        record.motion = page.evaluate(a11y.MOTION)
        if open_controls:
            _axe_both_schemes(page, "menu", record, axe)
            page.goto(url)
            page.click(".md-select > button")
            _axe_both_schemes(page, "languages", record, axe)


def _axe_both_schemes(page: object, state: str, record: PageRecord, axe: str | None) -> None:
    """Every rule, light then dark, on the page as it is (a control open); back to light."""
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function(a11y.SETTLED)  # fully open, colours changed
        record.open_axe[f"{state} {scheme}"] = a11y.run_axe(page, None, axe)
    page.emulate_media(color_scheme="light")


def _worker(site_url: str, names: list[str], exit_url: str, axe: str | None,
            open_controls: frozenset[str]) -> dict[str, dict[str, PageRecord]]:
    """One thread: its own Playwright and Chromium (the sync API is per thread)."""
    with own_browser() as browser:
        return {viewport: sweep(browser, site_url, names, viewport, exit_url, axe,
                                open_controls if viewport == MOTION_VIEWPORT else frozenset())
                for viewport in VIEWPORTS}


def sweep_all(site_url: str, names: list[str], exit_url: str, workers: int | None = None, axe: str | None = None,
              open_controls: frozenset[str] = frozenset()) -> dict[str, dict[str, PageRecord]]:
    """Every page at every viewport, the pages shared among ``workers`` browsers in parallel
    (default: one per CPU, at most 4; PORTAL_TEST_BROWSERS overrides). ``axe``: where the
    server serves axe-core (a11y.serve_axe); ``open_controls``: the pages also checked with the
    menu and the language list open. viewport → name → record."""
    workers = workers or int(os.environ.get("PORTAL_TEST_BROWSERS") or min(4, os.cpu_count() or 1))
    shares = [names[k::workers] for k in range(workers) if names[k::workers]]
    with ThreadPoolExecutor(max_workers=len(shares)) as pool:
        results = list(pool.map(lambda share: _worker(site_url, share, exit_url, axe, open_controls), shares))
    merged: dict[str, dict[str, PageRecord]] = {viewport: {} for viewport in VIEWPORTS}
    for result in results:
        for viewport, records in result.items():
            merged[viewport].update(records)
    return {viewport: dict(sorted(records.items())) for viewport, records in merged.items()}
