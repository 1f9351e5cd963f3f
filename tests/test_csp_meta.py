"""Every page carries the site's Content-Security-Policy and referrer policy in a <meta>
(issue 13 item 7), for hosts that send no headers: GitHub Pages, buckets, the offline copy.

Checked in Chromium with the security headers taken off the response, and from file:// (the
offline copy): an external image injected into a built page is blocked (a
securitypolicyviolation event, and no request leaves); from file://, no page of any language
has a CSP violation. Served over HTTP, the page sweep (tests/support/sweep.py) loads every page
with the header policy AND the <meta> one: the browser enforces each and reports each one's
violations, so a page that broke the <meta> policy would fail there."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from portal.pages.meta_policy import (
    NOT_IN_META,
    directives,
    meta_content_security_policy,
    referrer_policy,
)
from portal.publish.server_config import SECURITY_HEADERS
from tests.support.html import pages as public_pages
from tests.support.html import soup
from tests.test_offline import offline_site  # noqa: F401 (fixture)

TRACKER = "https://tracker.example/pixel.gif"
INJECTED = f'<img src="{TRACKER}" alt="">'
# Every securitypolicyviolation of the page, kept where the test can read it.
RECORD_VIOLATIONS = """
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    window.__violations.push(e.violatedDirective + " " + e.blockedURI);
  });
"""


def test_the_meta_policy_is_the_header_less_what_a_meta_cannot_carry() -> None:
    header = directives(SECURITY_HEADERS["Content-Security-Policy"])
    meta = directives(meta_content_security_policy())
    assert meta == [d for d in header if d[0] not in NOT_IN_META]
    assert ("frame-ancestors", "'none'") in header and "frame-ancestors" not in dict(meta)
    assert meta_content_security_policy("default-src 'none'; sandbox; report-uri /r; img-src 'self'") == \
        "default-src 'none'; img-src 'self'"
    assert referrer_policy() == SECURITY_HEADERS["Referrer-Policy"]


def test_every_built_page_carries_the_policy_before_any_resource(site: Path) -> None:
    pages = public_pages(site)
    assert pages, "no built page"
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tree = soup(page)
        metas = tree.select('meta[http-equiv="Content-Security-Policy" i]')
        assert len(metas) == 1, page
        assert metas[0]["content"] == meta_content_security_policy(), page
        assert [m["content"] for m in tree.select('meta[name="referrer"]')] == [referrer_policy()], page
        assert metas[0].find_parent("head") is not None, page
        first_resource = re.search(r"<(link|script|style|img)\b", html)
        assert first_resource and html.index("Content-Security-Policy") < first_resource.start(), page
    names = {p.relative_to(site).as_posix() for p in pages}
    assert {"404.html", "en/404.html", "qu/404.html", "buscar.html", "en/buscar.html"} <= names
    assert any(name.startswith("eventos/") and name != "eventos/index.html" for name in names)


def _guarded(context: object) -> list[str]:
    outside: list[str] = []

    def guard(route: object) -> None:
        if route.request.url.startswith("file:") or urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return outside


def _requests(page: object) -> dict[str, list[str]]:
    """What became of each request: answered, or failed and why (Chromium reports a request
    that CSP blocked as failed with the reason "csp"; it never reaches the network,
    nor the routing guard)."""
    seen: dict[str, list[str]] = {"answered": [], "failed": []}
    page.on("response", lambda response: seen["answered"].append(response.url))
    page.on("requestfailed", lambda request: seen["failed"].append(f"{request.url} {request.failure}"))
    return seen


def _violations(page: object) -> list[str]:
    return page.evaluate("window.__violations || []")


def _inject(html: str) -> str:
    return html.replace("</h1>", "</h1>" + INJECTED, 1)


@pytest.mark.browser
def test_served_without_headers_an_injected_external_image_is_blocked(browser: object, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    outside = _guarded(context)
    page = context.new_page()
    requests = _requests(page)
    target = site_url + "que-es-la-trata.html"

    def injected(route: object) -> None:
        # As a host that can send no headers (GitHub Pages, a bucket): the page as built, with
        # the test server's security headers taken off, and an outside image slipped in.
        response = route.fetch()
        plain = {k: v for k, v in response.headers.items() if k.lower() in ("content-type", "content-length")}
        body = _inject(response.text())
        plain["content-length"] = str(len(body.encode("utf-8")))
        route.fulfill(status=response.status, headers=plain, body=body)

    page.route(target, injected)
    response = page.goto(target)
    headers = {name.lower() for name in response.headers}
    assert not headers & {"content-security-policy", "referrer-policy", "x-frame-options"}, headers
    page.wait_for_function("window.__violations.length > 0")
    assert any(TRACKER in v and v.startswith("img-src") for v in _violations(page)), _violations(page)
    assert page.locator(f'img[src="{TRACKER}"]').count() == 1  # it was there, and was blocked
    assert TRACKER not in requests["answered"] and outside == []
    assert f"{TRACKER} csp" in requests["failed"], requests["failed"]
    context.close()


@pytest.mark.browser
def test_from_disk_an_injected_external_image_is_blocked(browser: object, offline_site: Path) -> None:  # noqa: F811 (fixture)
    original = offline_site / "que-es-la-trata.html"
    copy = offline_site / "prueba-inyectada.html"
    copy.write_text(_inject(original.read_text(encoding="utf-8")), encoding="utf-8")
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    outside = _guarded(context)
    page = context.new_page()
    requests = _requests(page)
    try:
        page.goto(copy.as_uri())
        page.wait_for_function("window.__violations.length > 0")
        assert any(TRACKER in v for v in _violations(page)), _violations(page)
        assert TRACKER not in requests["answered"] and outside == []
        assert f"{TRACKER} csp" in requests["failed"], requests["failed"]
    finally:
        copy.unlink()
        context.close()


def _visit_all(browser: object, urls: list[str]) -> dict[str, list[str]]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.add_init_script(RECORD_VIOLATIONS)
    outside = _guarded(context)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text)
            if "Content Security Policy" in message.text else None)
    found: dict[str, list[str]] = {}
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        if "buscar.html" in url:  # the search page loads its index only when searching
            page.fill("#portal-search-input", "trata")
            page.wait_for_selector("#portal-search-results a")
        seen = _violations(page) + console
        console.clear()
        if seen:
            found[url] = seen
    context.close()
    assert outside == []
    return found


@pytest.mark.browser
def test_no_page_of_any_language_has_a_violation_from_disk(browser: object, offline_site: Path) -> None:  # noqa: F811 (fixture)
    urls = [p.as_uri() for p in sorted(offline_site.rglob("*.html"))]
    assert meta_content_security_policy() in (offline_site / "como-usar.html").read_text(encoding="utf-8")
    assert _visit_all(browser, urls) == {}
