"""The 404 page is served at any address (issue 16 item 6): an address that starts with `//`
(http://host//evil.example/x) must not turn its skip link or contents links into links to
another site."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.site import SUB_PATH, free_port, locales

pytestmark = pytest.mark.browser
LOCALES = locales()


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Like a real host: an unknown path gets the 404 page of its language (status 404)."""

    site: Path

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        language = next((lang for lang in LOCALES[1:] if f"/{SUB_PATH}/{lang}/" in self.path), "")
        body = (self.site / language / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def host(site: Path) -> Iterator[str]:
    port = free_port()
    handler = type("Handler", (_NotFoundHandler,), {"site": site})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(handler, directory=str(site.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


ADDRESSES = ["//evil.example/x", "//evil.example", f"/{SUB_PATH}//evil.example/x",
             f"/{SUB_PATH}/en//evil.example/x", "///evil.example/x", "/%2F%2Fevil.example/x"]


@pytest.mark.parametrize("address", ADDRESSES)
def test_404_links_stay_on_the_site(phone: object, host: str, address: str) -> None:
    outside: list[str] = []

    def guard(route: object) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    phone.context.route("**/*", guard)
    response = phone.goto(host + address)
    assert response is not None and response.status == 404
    assert phone.locator("a.md-skip").count() == 1, "not the portal's 404 page"
    links = phone.eval_on_selector_all("a[href]", "links => links.map(a => [a.getAttribute('href'), a.href])")
    same_page = phone.eval_on_selector_all(
        "a.md-skip, .md-nav--secondary a[href], a.headerlink", "links => links.map(a => a.href)")
    assert len(same_page) >= 2, "no skip link or contents links found"
    for resolved in same_page:  # this page, at the address that was asked for
        assert resolved.split("#")[0] == phone.url.split("#")[0], resolved
    for raw, resolved in links:
        assert "evil.example" not in urlsplit(resolved).netloc, (raw, resolved)
    phone.click("a.md-skip", force=True)
    assert urlsplit(phone.url).hostname == "127.0.0.1", phone.url
    assert outside == []
