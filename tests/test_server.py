"""The shipped server configurations: nginx serving the built site under /trata/, with the
security headers and a Content-Security-Policy that every page satisfies in Chromium."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from portal.publish import server_config
from tests.support.html import pages
from tests.support.nginx import start_nginx
from tests.support.site import REPO, SUB_PATH, free_port, locales

LOCALES = locales()


@pytest.fixture(scope="session")
def nginx_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    config = server_config.nginx(f"/{SUB_PATH}/", str(site), LOCALES, listen=f"127.0.0.1:{port}")
    process = start_nginx(config, tmp_path_factory.mktemp("nginx"), port)
    yield f"http://127.0.0.1:{port}/{SUB_PATH}/"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session", params=["nginx", "apache", "caddy"])
def served(request: pytest.FixtureRequest, site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site behind each server, configured by the portal's generated configuration."""
    if request.param == "nginx":
        yield request.getfixturevalue("nginx_url")
        return
    from tests.support.servers import start_apache, start_caddy

    port, prefix = free_port(), f"/{SUB_PATH}/"
    run = tmp_path_factory.mktemp(request.param)
    if request.param == "apache":
        process = start_apache(site, run, prefix, port)  # uses the .htaccess written by the build
    else:
        config = server_config.caddy(prefix, str(site), LOCALES, address=f"http://127.0.0.1:{port}")
        process = start_caddy(config, run, prefix, port)
    yield f"http://127.0.0.1:{port}{prefix}"
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_security_headers_on_pages_and_assets(served: str, site: Path) -> None:
    nginx_url = served
    script = next((site / "assets" / "javascripts").glob("quick-exit.*.js")).relative_to(site).as_posix()
    for path in ("index.html", "en/que-es-la-trata.html", script):
        status, headers, _ = fetch(nginx_url + path)
        assert status == 200, path
        for name, value in server_config.SECURITY_HEADERS.items():
            assert headers.get(name) == value, f"{path}: {name}"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_cache_rules(served: str, site: Path) -> None:
    nginx_url = served
    hashed_css = next((site / "assets" / "stylesheets").glob("main.*.min.css")).name
    assert fetch(nginx_url + f"assets/stylesheets/{hashed_css}")[1]["Cache-Control"] == server_config.CACHE_HASHED
    assert fetch(nginx_url + "pide-ayuda.html")[1]["Cache-Control"] == server_config.CACHE_HTML
    own_css = next((site / "assets" / "stylesheets").glob("portal.*.css")).name
    assert fetch(nginx_url + f"assets/stylesheets/{own_css}")[1]["Cache-Control"] == server_config.CACHE_HASHED
    # The search index's folder is named after its content: it never changes either.
    part = next(site.glob("search-index/*/t0.js")).relative_to(site).as_posix()
    assert fetch(nginx_url + part)[1]["Cache-Control"] == server_config.CACHE_HASHED


@pytest.mark.parametrize("locale", LOCALES)
def test_missing_page_gets_the_404_of_its_language(served: str, locale: str) -> None:
    nginx_url = served
    prefix = "" if locale == LOCALES[0] else f"{locale}/"
    status, headers, body = fetch(nginx_url + prefix + "no-existe.html")
    assert status == 404
    assert headers.get("Content-Security-Policy") == server_config.CONTENT_SECURITY_POLICY
    from bs4 import BeautifulSoup

    from tests.support.site import language_tag

    assert BeautifulSoup(body, "html.parser").html["lang"] == language_tag(locale)


def test_sub_path_without_slash_redirects(nginx_url: str) -> None:
    request = urllib.request.Request(nginx_url.rstrip("/"), method="HEAD")
    opener = urllib.request.build_opener(type("NoRedirect", (urllib.request.HTTPRedirectHandler,),
                                              {"redirect_request": lambda *a, **k: None}))
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=5)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"].endswith(f"/{SUB_PATH}/")


@pytest.mark.browser
def test_no_csp_violation_on_any_page(browser: object, nginx_url: str, site: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.add_init_script("""
        window.__csp = [];
        document.addEventListener('securitypolicyviolation',
          e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
    """)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    violations: list[str] = []
    for path in pages(site):
        url = nginx_url + path.relative_to(site).as_posix()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        violations += [f"{url}: {v}" for v in page.evaluate("window.__csp")]
    for locale in LOCALES:  # the search loads its index parts as scripts
        prefix = "" if locale == LOCALES[0] else f"{locale}/"
        page.goto(nginx_url + prefix + "buscar.html?q=trata")
        page.wait_for_selector("#portal-search-results a")
        violations += [f"{locale} search: {v}" for v in page.evaluate("window.__csp")]
    context.close()
    assert violations == [] and console == []


def test_shipped_example_configs_are_up_to_date() -> None:
    """server/ holds generated examples (root deployment); regenerate with the CLI."""
    expected = {
        "nginx.conf": server_config.nginx("/", "/var/www/portal", LOCALES),
        "htaccess": server_config.apache("/", LOCALES),
        "Caddyfile": server_config.caddy("/", "/var/www/portal", LOCALES),
    }
    for name, text in expected.items():
        assert (REPO / "server" / name).read_text(encoding="utf-8") == text, (
            f"server/{name} is stale: run python -m scripts servidor …")


def test_built_site_has_htaccess_for_its_sub_path(site: Path) -> None:
    htaccess = (site / ".htaccess").read_text(encoding="utf-8")
    assert f"ErrorDocument 404 /{SUB_PATH}/404.html" in htaccess
    assert f"ErrorDocument 404 /{SUB_PATH}/en/404.html" in htaccess


def test_crawl_under_the_sub_path_finds_no_broken_link(nginx_url: str) -> None:
    """Follow every same-site link and asset from the home page of each language, over HTTP."""
    from html.parser import HTMLParser
    from urllib.parse import urldefrag, urljoin

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []
            self.ids: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if values.get("id"):
                self.ids.add(values["id"])
            for name in ("href", "src"):
                if values.get(name) and tag != "base":
                    self.found.append(values[name])

    queue = [nginx_url + ("" if code == LOCALES[0] else f"{code}/") + "index.html" for code in LOCALES]
    seen: set[str] = set()
    anchors: list[tuple[str, str, str]] = []
    ids: dict[str, set[str]] = {}
    broken: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, headers, body = fetch(url)
        if status != 200:
            broken.append(f"{status} {url}")
            continue
        if "text/html" not in headers.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(body.decode("utf-8"))
        ids[url] = parser.ids
        for link in parser.found:
            target, fragment = urldefrag(urljoin(url, link))
            if not target.startswith(nginx_url):
                continue  # tel:, mailto:, webcal: and other sites are not crawled
            if fragment:
                anchors.append((url, target, fragment))
            queue.append(target)
    missing_anchors = [f"{page} -> {target}#{fragment}" for page, target, fragment in anchors
                       if target in ids and fragment not in ids[target]]
    assert len(seen) > 50
    assert broken == [] and missing_anchors == []


@pytest.mark.parametrize("locale", LOCALES[:1] + LOCALES[2:])
def test_calendars_and_feeds_have_their_media_types(served: str, site: Path, locale: str) -> None:
    prefix = "" if locale == LOCALES[0] else f"{locale}/"
    status, headers, body = fetch(served + prefix + "eventos/calendario.ics")
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    assert body.startswith(b"BEGIN:VCALENDAR")
    status, headers, body = fetch(served + prefix + "eventos/feed.xml")
    assert status == 200 and headers["Content-Type"].startswith("application/atom+xml")


def test_editor_has_its_own_policy_and_is_not_indexed(served: str, site: Path) -> None:
    """admin/ gets the editor's headers (forge API, avatars); the public pages keep theirs."""
    for path in ("admin/", "admin/index.html", "admin/sveltia-cms.js", "admin/config.yml"):
        status, headers, _ = fetch(served + path)
        assert status == 200, path
        for name, value in server_config.ADMIN_HEADERS.items():
            assert headers.get(name) == value, f"{path}: {name}"
    status, headers, _ = fetch(served + "index.html")
    assert headers.get("Content-Security-Policy") == server_config.CONTENT_SECURITY_POLICY
    assert "X-Robots-Tag" not in headers


@pytest.mark.browser
def test_editor_loads_under_the_served_policy(browser: object, nginx_url: str) -> None:
    """The header policy and the <meta> one both apply: no violation while the editor starts."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("""
        window.__csp = [];
        document.addEventListener('securitypolicyviolation',
          e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
    """)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.goto(nginx_url + "admin/")
    page.get_by_text("Iniciar sesión con un token de acceso").wait_for()
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__csp")
    context.close()
    assert violations == [] and console == []
