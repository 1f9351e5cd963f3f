"""The shipped server configurations, served for real: nginx, Apache and Caddy serve the
built site under /trata/ over HTTPS (a self-signed certificate made for the run) with the
configuration the portal generates, redirect plain HTTP to HTTPS, never serve hidden files,
send precompressed files to browsers that ask for them, and every page satisfies the
Content-Security-Policy in Chromium.

The security and cache expectations are written HERE, not read from
``portal/publish/server_config.py``: a policy weakened there (``'unsafe-inline'``, a missing
``frame-ancestors``, a short HSTS) makes these tests fail
(``test_the_expectations_reject_weakened_headers`` shows each case).
"""

from __future__ import annotations

import gzip
import re
import shutil
import ssl
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest

from portal.publish import server_config
from tests.support.html import pages
from tests.support.nginx import ensure_brotli, start_nginx_on_free_ports
from tests.support.search import search
from tests.support.servers import (
    Certificate,
    Ports,
    ServerDidNotStart,
    make_certificate,
    public_copy,
    start_apache,
    start_caddy,
    start_on_free_ports,
    stop,
    wait_until_up,
)
from tests.support.site import REPO, SUB_PATH, locales

pytestmark = pytest.mark.slow  # builds, servers or generated cases of its own: not in make test-rapido

LOCALES = locales()
PREFIX = f"/{SUB_PATH}/"
ONE_YEAR = 365 * 24 * 3600

# --- What the headers must say (independent of server_config) -------------------------------


def csp_directives(policy: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])  # the first one counts (CSP 3)
    return directives


UNSAFE_SOURCES = (
    "'unsafe-inline'",
    "'unsafe-eval'",
    "'unsafe-hashes'",
    "'wasm-unsafe-eval'",
    "data:",
    "blob:",
    "http:",
    "https:",
    "*",
    "filesystem:",
)


def csp_problems(policy: str | None) -> list[str]:
    """What a reader's safety needs from the Content-Security-Policy: nothing loaded from other
    sites, no inline or eval'd script, no plugins, no <base> or form hijack, never framed."""
    if not policy:
        return ["no Content-Security-Policy"]
    csp = csp_directives(policy)
    problems = []
    default = csp.get("default-src")
    if default not in (["'none'"], ["'self'"]):
        problems.append(f"default-src must be 'none' or 'self', not {default}")
    scripts = csp.get("script-src", default or [])
    if scripts != ["'self'"]:
        problems.append(f"script-src must be exactly 'self', not {scripts}")
    for name, sources in csp.items():
        for source in sources:
            if source.lower() in UNSAFE_SOURCES and not (name == "img-src" and source == "data:"):
                problems.append(f"{name} allows {source}")
            elif not source.startswith("'") and source not in ("data:",):
                problems.append(f"{name} allows another site: {source}")
    if csp.get("object-src", default) != ["'none'"]:
        problems.append("object-src must be 'none' (directly or through default-src)")
    for name in ("base-uri", "form-action"):
        if csp.get(name) not in (["'none'"], ["'self'"]):
            problems.append(f"{name} must be 'self' or 'none' (default-src does not cover it)")
    if csp.get("frame-ancestors") != ["'none'"]:
        problems.append("frame-ancestors must be 'none'")
    return problems


def header_problems(headers: dict[str, str], https: bool = True) -> list[str]:
    lower = {name.lower(): value for name, value in headers.items()}
    problems = csp_problems(lower.get("content-security-policy"))
    expected = {
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "x-frame-options": "DENY",
        "cross-origin-opener-policy": "same-origin",
    }
    problems += [
        f"{name}: {lower.get(name)!r}, expected {value!r}"
        for name, value in expected.items()
        if (lower.get(name) or "").lower() != value.lower()
    ]
    permissions = {p.strip() for p in (lower.get("permissions-policy") or "").split(",")}
    problems += [
        f"Permissions-Policy does not deny {feature}"
        for feature in ("camera=()", "microphone=()", "geolocation=()", "interest-cohort=()", "browsing-topics=()")
        if feature not in permissions
    ]
    if https:
        problems += hsts_problems(lower.get("strict-transport-security"))
    return problems


def hsts_problems(value: str | None) -> list[str]:
    hsts = re.fullmatch(r"\s*max-age=(\d+)\s*(;.*)?", value or "")
    if hsts is None or int(hsts.group(1)) < ONE_YEAR:
        return [f"Strict-Transport-Security must keep HTTPS for a year or more, not {value!r}"]
    return []


def cache_directives(headers: dict[str, str]) -> set[str]:
    value = {k.lower(): v for k, v in headers.items()}.get("cache-control", "")
    return {part.strip().lower() for part in value.split(",") if part.strip()}


def max_age(directives: set[str]) -> int:
    ages = [int(d.split("=", 1)[1]) for d in directives if d.startswith("max-age=")]
    return ages[0] if ages else 0


WEAKENED = {
    "'unsafe-inline' scripts": (
        "Content-Security-Policy",
        lambda v: v.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
    ),
    "eval": ("Content-Security-Policy", lambda v: v.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'")),
    "scripts from data:": (
        "Content-Security-Policy",
        lambda v: v.replace("script-src 'self'", "script-src 'self' data:"),
    ),
    "scripts over http:": (
        "Content-Security-Policy",
        lambda v: v.replace("script-src 'self'", "script-src 'self' http:"),
    ),
    "another site's styles": (
        "Content-Security-Policy",
        lambda v: v.replace("style-src 'self'", "style-src 'self' https://cdn.example"),
    ),
    "no default-src": ("Content-Security-Policy", lambda v: v.replace("default-src 'none'; ", "")),
    "no frame-ancestors": ("Content-Security-Policy", lambda v: v.replace("; frame-ancestors 'none'", "")),
    "no base-uri": ("Content-Security-Policy", lambda v: v.replace("; base-uri 'self'", "")),
    "no form-action": ("Content-Security-Policy", lambda v: v.replace("; form-action 'self'", "")),
    "plugins": (
        "Content-Security-Policy",
        lambda v: v.replace("default-src 'none'", "default-src 'self'") + "; object-src *",
    ),
    "referrer sent": ("Referrer-Policy", lambda v: "strict-origin-when-cross-origin"),
    "sniffing": ("X-Content-Type-Options", lambda v: ""),
    "camera allowed": ("Permissions-Policy", lambda v: v.replace("camera=(), ", "")),
    "short HSTS": ("Strict-Transport-Security", lambda v: "max-age=300"),
    "no HSTS": ("Strict-Transport-Security", lambda v: ""),
}


def test_the_portal_headers_meet_the_expectations() -> None:
    headers = {**server_config.SECURITY_HEADERS, "Strict-Transport-Security": server_config.STRICT_TRANSPORT_SECURITY}
    assert header_problems(headers) == []


@pytest.mark.parametrize("weakening", WEAKENED)
def test_the_expectations_reject_weakened_headers(weakening: str) -> None:
    """Each weakening of the definition, applied to it, is caught by the expectations."""
    name, weaken = WEAKENED[weakening]
    headers = {**server_config.SECURITY_HEADERS, "Strict-Transport-Security": server_config.STRICT_TRANSPORT_SECURITY}
    headers[name] = weaken(headers[name])
    assert headers[name] != {**server_config.SECURITY_HEADERS}.get(name), "the weakening changed nothing"
    assert header_problems(headers) != []


# --- Starting servers ----------------------------------------------------------------------


def test_an_http_error_is_not_up(tmp_path: Path) -> None:
    """A server answering 404 (wrong folder, another program on the port) is not "up"."""
    from tests.support.site import serve

    server = serve(tmp_path, 0)
    try:
        with pytest.raises(AssertionError, match="HTTP 404"):
            wait_until_up(f"http://127.0.0.1:{server.server_address[1]}{PREFIX}", timeout=1)
    finally:
        server.shutdown()


def test_a_server_that_exits_did_not_start() -> None:
    process = subprocess.Popen(["sh", "-c", "exit 1"])
    with pytest.raises(ServerDidNotStart):
        wait_until_up("http://127.0.0.1:9/", process, timeout=10)


def test_ports_are_picked_again_when_taken() -> None:
    tried: list[Ports] = []

    def start(ports: Ports) -> subprocess.Popen[bytes]:
        tried.append(ports)
        if len(tried) == 1:
            raise ServerDidNotStart("bind() failed (98: Address already in use)")
        return subprocess.Popen(["true"])

    process, ports = start_on_free_ports(start)
    process.wait(timeout=10)
    assert len(tried) == 2 and ports == tried[1] and ports.http != ports.https


# --- Serving --------------------------------------------------------------------------------

HIDDEN = {
    ".git/config": "[core]\n\trepositoryformatversion = 0 # secreto\n",
    ".env": "TOKEN=secreto\n",
    "en/.git/HEAD": "ref: refs/heads/secreto\n",
    "assets/.secreto": "secreto\n",
    ".well-known/acme-challenge/token-de-prueba": "token-de-prueba.clave\n",
}


@dataclass(frozen=True)
class Server:
    name: str
    url: str  # https://127.0.0.1:<port>/trata/
    http_url: str  # http://127.0.0.1:<port>/trata/ (redirects)
    context: ssl.SSLContext

    def get(self, path: str, base: str | None = None, **headers: str) -> tuple[int, dict[str, str], bytes]:
        """One request, redirects not followed."""
        return fetch((self.url if base is None else base) + path, self.context, headers)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(
    url: str, context: ssl.SSLContext | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener(_NoRedirect(), urllib.request.HTTPSHandler(context=context))
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity", **(headers or {})})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """Read by the servers' main processes (root), not by their workers."""
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="session")
def served_site(site: Path) -> Iterator[Path]:
    """A world-readable copy of the built site (Apache's workers run as www-data), with hidden
    files as a careless deployment leaves them (a .git folder, an .env) and an ACME token."""
    copy = public_copy(site)
    for relative, text in HIDDEN.items():
        path = copy / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        for item in (path, *path.parents):
            if item == copy.parent:
                break
            item.chmod(0o755 if item.is_dir() else 0o644)
    yield copy
    shutil.rmtree(copy.parent)


@pytest.fixture(scope="session")
def nginx_server(
    served_site: Path, certificate: Certificate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """nginx with brotli_static when Debian has the module (it does in bookworm)."""
    brotli_static = ensure_brotli()

    def config(ports: Ports) -> str:
        return server_config.nginx(
            PREFIX, str(served_site), LOCALES, brotli=brotli_static, https=certificate.https(ports)
        )

    process, ports = start_nginx_on_free_ports(
        config, tmp_path_factory.mktemp("nginx"), PREFIX, certificate, modules=brotli_static
    )
    yield Server(
        "nginx",
        f"https://127.0.0.1:{ports.https}{PREFIX}",
        f"http://127.0.0.1:{ports.http}{PREFIX}",
        certificate.context(),
    )
    stop(process)


@pytest.fixture(scope="session")
def nginx_url(nginx_server: Server) -> str:
    return nginx_server.url


@pytest.fixture(scope="session", params=["nginx", "apache", "caddy"])
def served(
    request: pytest.FixtureRequest,
    served_site: Path,
    certificate: Certificate,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Server]:
    """The built site behind each server, configured by the portal's generated configuration."""
    if request.param == "nginx":
        yield request.getfixturevalue("nginx_server")
        return
    run = tmp_path_factory.mktemp(request.param)
    if request.param == "apache":
        process, ports = start_apache(served_site, run, PREFIX, certificate)  # + the build's .htaccess
    else:
        process, ports = start_caddy(
            lambda ports: server_config.caddy(PREFIX, str(served_site), LOCALES, https=certificate.https(ports)),
            run,
            PREFIX,
            certificate,
        )
    yield Server(
        request.param,
        f"https://127.0.0.1:{ports.https}{PREFIX}",
        f"http://127.0.0.1:{ports.http}{PREFIX}",
        certificate.context(),
    )
    stop(process)


DOCUMENT_ONLY = ("content-security-policy", "x-frame-options", "permissions-policy", "cross-origin-opener-policy")


def test_security_headers_on_pages_documents_and_errors(served: Server, site: Path) -> None:
    # SVG is a document when opened directly (it may hold script): it keeps every header, as
    # do errors at a stylesheet's or image's address (the 404 page is served there).
    documents = (
        "index.html",
        "",
        "en/que-es-la-trata.html",
        "eventos/calendario.ics",
        "assets/images/logo.svg",
        "no-existe.html",
        "assets/no-existe.png",
        "assets/javascripts/no-existe.js",
    )
    for path in documents:
        status, headers, _ = served.get(path)
        assert status == (404 if "no-existe" in path else 200), path
        assert header_problems(headers) == [], f"{served.name} {path}"


def test_resources_carry_only_the_headers_that_concern_them(served: Server, site: Path) -> None:
    """Stylesheets, scripts and raster images are never shown as documents: no CSP, framing,
    permissions or opener headers (bytes on every request of a first visit), but nosniff,
    the referrer policy, the resource policy and HSTS stay."""
    resources = [
        next((site / "assets" / "javascripts").glob("site.*.js")),  # hashed: cached for a year
        next((site / "assets" / "stylesheets").glob("site.*.css")),
        next((site / "search-index").rglob("*.js")),
        next((site / "assets" / "images").glob("*.png")),  # not hashed
    ]
    for file in resources:
        path = file.relative_to(site).as_posix()
        status, headers, _ = served.get(path, **{"Accept-Encoding": "br, gzip"})
        assert status == 200, path
        assert resource_header_problems(headers) == [], f"{served.name} {path}"


def resource_header_problems(headers: dict[str, str]) -> list[str]:
    lower = {name.lower(): value for name, value in headers.items()}
    problems = [f"{name} sent on a resource" for name in DOCUMENT_ONLY if name in lower]
    expected = {
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "cross-origin-resource-policy": "same-origin",
    }
    problems += [f"{name}: {lower.get(name)!r}" for name, value in expected.items() if lower.get(name) != value]
    return problems + hsts_problems(lower.get("strict-transport-security"))


def test_plain_http_redirects_to_https(served: Server) -> None:
    for path in ("", "pide-ayuda.html", "en/index.html?x=1"):
        status, headers, _ = served.get(path, base=served.http_url)
        assert status in (301, 308), f"{served.name} http {path}: {status}"
        assert headers["Location"] == served.url + path


def test_hidden_files_are_not_served(served: Server) -> None:
    for path in [*(p for p in HIDDEN if ".well-known" not in p), ".htaccess"]:
        status, headers, body = served.get(path)
        assert status == 404, f"{served.name} serves {path} ({status})"
        assert b"secreto" not in body and b"RewriteEngine" not in body
        assert header_problems(headers) == [], f"{served.name} {path}"
    # ...but Let's Encrypt's challenges are (.well-known/), under the site and at the root on HTTP
    status, _, body = served.get(".well-known/acme-challenge/token-de-prueba")
    assert (status, body) == (200, b"token-de-prueba.clave\n")


def test_acme_challenges_answered_on_plain_http(served: Server) -> None:
    """nginx and Apache serve certbot's webroot challenges (the site folder) on port 80
    instead of redirecting them; Caddy answers its own."""
    if served.name == "caddy":
        pytest.skip("Caddy obtains its certificates itself")
    root = served.http_url.removesuffix(PREFIX) + "/"
    status, _, body = served.get(".well-known/acme-challenge/token-de-prueba", base=root)
    assert (status, body) == (200, b"token-de-prueba.clave\n")


def test_cache_rules(served: Server, site: Path) -> None:
    hashed = [
        next((site / "assets" / "stylesheets").glob("main.*.min.css")),
        next((site / "assets" / "stylesheets").glob("portal.*.css")),
        next((site / "assets" / "javascripts").glob("quick-exit.*.js")),
        next(site.glob("search-index/*/t0.js")),
    ]  # folder named after its content
    for path in hashed:
        directives = cache_directives(served.get(path.relative_to(site).as_posix())[1])
        assert "immutable" in directives and max_age(directives) >= ONE_YEAR, f"{served.name} {path.name}"
    for page in ("pide-ayuda.html", "", "sitemap.xml", "eventos/feed.xml", "eventos/calendario.ics"):
        directives = cache_directives(served.get(page)[1])
        assert "no-cache" in directives or max_age(directives) == 0, f"{served.name} {page}: {directives}"
    directives = cache_directives(served.get("assets/images/favicon.png")[1])
    assert "immutable" not in directives and 0 < max_age(directives) <= 24 * 3600, directives


# A page, a stylesheet, a script (hashed: a year of cache) and a feed (its own media type).
PRECOMPRESSED = {
    "pide-ayuda.html": ("text/html", "revalidate"),
    "assets/stylesheets/site.*.css": ("text/css", "immutable"),
    "assets/javascripts/site.*.js": ("javascript", "immutable"),
    "eventos/feed.xml": ("application/atom+xml", "revalidate"),
}


@pytest.mark.parametrize("encoding", ["br", "gzip", "identity"])
def test_precompressed_files_are_served_to_browsers_that_ask(served: Server, site: Path, encoding: str) -> None:
    """The .br/.gz written by the build are sent as they are (byte for byte) to a browser that
    accepts them, with Content-Encoding and Vary; the plain file to one that does not."""
    if served.name == "nginx" and encoding == "br" and not ensure_brotli():
        pytest.skip("Debian's libnginx-mod-http-brotli-static is not available")
    accept = {"br": "br, gzip", "gzip": "gzip, deflate", "identity": "identity"}[encoding]
    suffix = {"br": ".br", "gzip": ".gz", "identity": ""}[encoding]
    for pattern, (media_type, cache) in PRECOMPRESSED.items():
        plain = next(site.glob(pattern))
        compressed = plain.with_name(plain.name + suffix)
        assert compressed.exists(), f"the build did not write {compressed.name}"
        status, headers, body = served.get(plain.relative_to(site).as_posix(), **{"Accept-Encoding": accept})
        where = f"{served.name} {plain.name} ({accept})"
        assert status == 200, where
        assert media_type in headers.get("Content-Type", ""), f"{where}: {headers.get('Content-Type')}"
        assert body == compressed.read_bytes(), f"{where}: not the precompressed file"
        if encoding == "identity":
            assert headers.get("Content-Encoding") in (None, "identity"), where
        else:
            assert headers.get("Content-Encoding") == encoding, where
            assert "accept-encoding" in headers.get("Vary", "").lower(), f"{where}: Vary {headers.get('Vary')}"
            decoded = brotli.decompress(body) if encoding == "br" else gzip.decompress(body)
            assert decoded == plain.read_bytes(), where
        directives = cache_directives(headers)
        assert ("immutable" in directives) == (cache == "immutable"), f"{where}: {directives}"
        problems = resource_header_problems if media_type in ("text/css", "javascript") else header_problems
        assert problems(headers) == [], where


@pytest.mark.parametrize("locale", LOCALES)
def test_missing_page_gets_the_404_of_its_language(served: Server, locale: str) -> None:
    prefix = "" if locale == LOCALES[0] else f"{locale}/"
    status, headers, body = served.get(prefix + "no-existe.html")
    assert status == 404
    assert csp_problems(headers.get("Content-Security-Policy")) == []
    from bs4 import BeautifulSoup

    from tests.support.site import language_tag

    assert BeautifulSoup(body, "html.parser").html["lang"] == language_tag(locale)


def test_sub_path_without_slash_redirects(nginx_server: Server) -> None:
    status, headers, _ = nginx_server.get("", base=nginx_server.url.rstrip("/"))
    assert status == 301
    assert headers["Location"].endswith(PREFIX)


@pytest.mark.browser
def test_no_csp_violation_behind_nginx(browser: object, nginx_url: str, site: Path) -> None:
    """The pages, and a search (it loads its index parts as scripts), behind nginx with the
    shipped configuration. Every page is also swept under the same policy by the session
    server (tests/support/sweep.py): here one page of each kind per language is enough."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, ignore_https_errors=True)
    context.add_init_script("""
        window.__csp = [];
        document.addEventListener('securitypolicyviolation',
          e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
    """)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    violations: list[str] = []
    kinds = ("index.html", "pide-ayuda.html", "eventos/index.html", "tarjeta-de-ayuda.html", "404.html")
    chosen = [path for path in pages(site) if any(path.relative_to(site).as_posix().endswith(k) for k in kinds)]
    assert chosen, "no page of the kinds checked"
    for path in chosen:
        url = nginx_url + path.relative_to(site).as_posix()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        violations += [f"{url}: {v}" for v in page.evaluate("window.__csp")]
    for locale in LOCALES:  # the search loads its index parts as scripts
        prefix = "" if locale == LOCALES[0] else f"{locale}/"
        search(page, nginx_url + prefix, "trata")
        violations += [f"{locale} search: {v}" for v in page.evaluate("window.__csp")]
    context.close()
    assert violations == [] and console == []


EXAMPLE_DOMAIN = "www.ejemplo.gob.ec"


def test_shipped_example_configs_are_up_to_date() -> None:
    """server/ holds generated examples (root deployment, HTTPS with Let's Encrypt's
    certificates); regenerate with the CLI."""
    https = server_config.Https.letsencrypt(EXAMPLE_DOMAIN)
    expected = {
        "nginx.conf": server_config.nginx("/", "/var/www/portal", LOCALES, https=https),
        "htaccess": server_config.apache("/", LOCALES),
        "apache-site.conf": server_config.apache_site("/", "/var/www/portal", https),
        "Caddyfile": server_config.caddy("/", "/var/www/portal", LOCALES, https=server_config.Https(EXAMPLE_DOMAIN)),
    }
    for name, text in expected.items():
        assert (REPO / "server" / name).read_text(encoding="utf-8") == text, (
            f"server/{name} is stale: run python -m scripts servidor …"
        )


def test_shipped_configs_are_https_with_hsts() -> None:
    nginx = (REPO / "server" / "nginx.conf").read_text(encoding="utf-8")
    assert re.search(r"listen 443 ssl", nginx) and "return 301 https://" in nginx
    caddy = (REPO / "server" / "Caddyfile").read_text(encoding="utf-8")
    assert f"https://{EXAMPLE_DOMAIN} {{" in caddy and "redir https://" in caddy
    apache = (REPO / "server" / "apache-site.conf").read_text(encoding="utf-8")
    assert "SSLEngine on" in apache and "R=301" in apache
    for text in (nginx, caddy, apache):
        value = re.search(r"Strict-Transport-Security\"? \"([^\"]+)\"", text)
        assert value is not None and hsts_problems(value.group(1)) == []


def test_built_site_has_htaccess_for_its_sub_path(site: Path) -> None:
    htaccess = (site / ".htaccess").read_text(encoding="utf-8")
    assert f"ErrorDocument 404 /{SUB_PATH}/404.html" in htaccess
    assert f"ErrorDocument 404 /{SUB_PATH}/en/404.html" in htaccess


def test_crawl_under_the_sub_path_finds_no_broken_link(nginx_server: Server) -> None:
    """Follow every same-site link and asset from the home page of each language, over HTTPS."""
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
                self.ids.add(values["id"] or "")
            for name in ("href", "src"):
                if values.get(name) and tag != "base":
                    self.found.append(values[name] or "")

    base = nginx_server.url
    queue = [base + ("" if code == LOCALES[0] else f"{code}/") + "index.html" for code in LOCALES]
    seen: set[str] = set()
    anchors: list[tuple[str, str, str]] = []
    ids: dict[str, set[str]] = {}
    broken: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, headers, body = fetch(url, nginx_server.context)
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
            if not target.startswith(base):
                continue  # tel:, mailto:, webcal: and other sites are not crawled
            if fragment:
                anchors.append((url, target, fragment))
            queue.append(target)
    missing_anchors = [
        f"{page} -> {target}#{fragment}"
        for page, target, fragment in anchors
        if target in ids and fragment not in ids[target]
    ]
    assert len(seen) > 50
    assert broken == [] and missing_anchors == []


@pytest.mark.parametrize("locale", LOCALES[:1] + LOCALES[2:])
def test_calendars_and_feeds_have_their_media_types(served: Server, site: Path, locale: str) -> None:
    prefix = "" if locale == LOCALES[0] else f"{locale}/"
    status, headers, body = served.get(prefix + "eventos/calendario.ics")
    assert status == 200 and headers["Content-Type"].startswith("text/calendar")
    assert body.startswith(b"BEGIN:VCALENDAR")
    status, headers, body = served.get(prefix + "eventos/feed.xml")
    assert status == 200 and headers["Content-Type"].startswith("application/atom+xml")


def test_cli_prints_https_configurations_and_hsts_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    from scripts.__main__ import main

    assert main(["servidor", "nginx", "--dominio", "portal.example.gob.ec"]) == 0
    nginx = capsys.readouterr().out
    assert "/etc/letsencrypt/live/portal.example.gob.ec/fullchain.pem" in nginx
    assert "listen 443 ssl" in nginx and "Strict-Transport-Security" in nginx
    assert main(["servidor", "caddy", "--dominio", "portal.example.gob.ec", "--sin-hsts"]) == 0
    caddy = capsys.readouterr().out
    assert "https://portal.example.gob.ec {" in caddy and "Strict-Transport-Security" not in caddy
    assert "tls " not in caddy  # Caddy obtains the certificate itself
    assert main(["servidor", "apache-sitio", "--sin-hsts"]) == 0
    apache = capsys.readouterr().out
    assert "SSLEngine on" in apache and "Strict-Transport-Security" not in apache


def test_cli_explains_a_certificate_without_its_key(capsys: pytest.CaptureFixture[str]) -> None:
    from scripts.__main__ import main

    assert main(["servidor", "nginx", "--certificado", "/etc/ssl/portal.pem"]) == 2
    assert "Indique --certificado y --clave juntos" in capsys.readouterr().err
    assert main(["servidor", "apache-sitio", "--sin-https"]) == 2
    assert "quite --sin-https" in capsys.readouterr().err


def test_editor_has_its_own_policy_and_is_not_indexed(served: Server, site: Path) -> None:
    """admin/ gets the editor's headers (forge API, avatars); the public pages keep theirs."""
    for path in ("admin/", "admin/index.html", "admin/sveltia-cms.js", "admin/config.yml"):
        status, headers, _ = fetch(served.url + path, served.context)
        assert status == 200, path
        for name, value in server_config.ADMIN_HEADERS.items():
            assert headers.get(name) == value, f"{path}: {name}"
    status, headers, _ = fetch(served.url + "index.html", served.context)
    assert headers.get("Content-Security-Policy") == server_config.CONTENT_SECURITY_POLICY
    assert "X-Robots-Tag" not in headers


@pytest.mark.browser
def test_editor_loads_under_the_served_policy(browser: object, nginx_url: str) -> None:
    """The header policy and the <meta> one both apply: no violation while the editor starts."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, ignore_https_errors=True)
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


def test_the_test_server_sends_headers_as_the_shipped_servers(tmp_path: Path) -> None:
    """tests/support/site.py SiteServer (every browser test): documents and errors get every
    header, stylesheets/scripts/images only the resource headers, as nginx/Apache/Caddy do."""
    from tests.support.site import SiteServer

    (tmp_path / "a.html").write_text("<p>a</p>", encoding="utf-8")
    (tmp_path / "a.css").write_text("p{}", encoding="utf-8")
    (tmp_path / "a.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    server = SiteServer(
        tmp_path,
        headers=server_config.SECURITY_HEADERS,
        resource_headers=server_config.RESOURCE_HEADERS,
        resource_pattern=server_config.RESOURCE_FILE_REGEX,
    ).start()
    try:
        base = f"http://127.0.0.1:{server.port}/"
        for path in ("a.html", "a.svg", "missing.css"):
            _, headers, _ = fetch(base + path)
            assert header_problems(headers, https=False) == [], path
        _, headers, _ = fetch(base + "a.css")
        lower = {name.lower() for name in headers}
        assert not lower & set(DOCUMENT_ONLY) and "x-content-type-options" in lower, headers
    finally:
        server.stop()
