"""Web server configuration for the built site: ONE definition of the security headers and
cache rules, rendered for nginx, Apache and Caddy.

Not a hook. The markup is in ``templates/`` (nginx.conf.j2, htaccess.j2, Caddyfile.j2); the
values are here. Used by ``portal/publish/server_files.py`` (writes ``.htaccess`` into the site at build
time, with the sub-path from ``site_url``), by ``python -m scripts servidor`` (prints the nginx
or Caddy configuration for a given sub-path and folder) and by the tests, which start nginx with
exactly this configuration and check every page in Chromium for CSP violations.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.publish.templating import render

# The site loads nothing from other origins and runs no inline script, eval or WebAssembly.
# Its own scripts fetch nothing (search loads its index as scripts); connect-src 'self' is
# for audits that fetch from inside the page, such as Lighthouse's robots.txt check.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Every response: what a stylesheet, script or image needs as much as a page.
RESOURCE_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
}
# Only documents (pages, SVG opened directly, PDFs, feeds...): a browser applies these to the
# document it shows, never to a stylesheet, script or raster image it loads. Leaving them off
# those files saves ~0.5 KB of headers on each such request (issue 19: a first visit <= 25 KB).
DOCUMENT_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
SECURITY_HEADERS: dict[str, str] = {**DOCUMENT_HEADERS, **RESOURCE_HEADERS}
# Files that are never shown as a document: they get RESOURCE_HEADERS only. Everything else
# (HTML, SVG, XML, PDF, calendars, unknown types, error pages) gets SECURITY_HEADERS: a type
# not listed here is treated as a document, the safe side.
RESOURCE_FILE_REGEX = r"\.(css|js|png|jpe?g|webp|gif|ico|woff2?)$"

# The browser editor (Sveltia CMS) at admin/ only (portal/publish/editor_files.py): it talks to
# the forge's API (GitHub, GitLab), shows the signed-in person's avatar, and its interface
# (Svelte) sets inline styles. Its own files (fonts, strings) are served from admin/: nothing
# from a CDN. Sent by the three servers for admin/ and written as a <meta> in admin/index.html
# (without frame-ancestors, which a <meta> cannot carry). The public pages' policy above is
# unchanged.
ADMIN_PATH = "admin/"
_ADMIN_DIRECTIVES = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://avatars.githubusercontent.com https://gitlab.com https://secure.gravatar.com",
    "media-src 'self' blob:",
    "font-src 'self'",
    # data: the editor's built-in logo, read before its configuration is loaded; blob: an image
    # uploaded through the editor, read back from memory to show and save it.
    "connect-src 'self' data: blob: https://api.github.com https://gitlab.com",
    "worker-src 'self' blob:",
    "frame-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
]
ADMIN_META_CONTENT_SECURITY_POLICY = "; ".join(_ADMIN_DIRECTIVES)
ADMIN_CONTENT_SECURITY_POLICY = "; ".join([*_ADMIN_DIRECTIVES, "frame-ancestors 'none'"])
ADMIN_HEADERS: dict[str, str] = {
    **SECURITY_HEADERS,
    "Content-Security-Policy": ADMIN_CONTENT_SECURITY_POLICY,
    # Signing in with GitHub opens a pop-up that reports back to this window.
    "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
    "X-Robots-Tag": "noindex, nofollow",
}

# Cache: HTML and unhashed files are revalidated; files whose name carries a content hash
# never change, so browsers keep them for a year.
CACHE_HTML = "no-cache"
CACHE_HASHED = "public, max-age=31536000, immutable"
CACHE_OTHER = "public, max-age=3600"
# Material's bundles (main.<hash>.min.css), our fingerprinted assets (name.<hash>.css) and
# the search index, whose folder is named after its content (search-index/<hash>/t0.js).
HASHED_FILE_REGEX = r"(\.[0-9a-f]{8,}\.(min\.)?(css|js)|/search-index/[0-9a-f]{10}/[^/]+)$"

# Pages, sitemaps, feeds and calendars change with every build: always revalidate.
REVALIDATED_FILE_REGEX = r"\.(html|json|xml|ics)$"

# Calendars and feeds need their own media types (nginx's default list lacks .ics).
CALENDAR_TYPE = "text/calendar; charset=utf-8"
FEED_TYPE = "application/atom+xml; charset=utf-8"

# HTTPS. HSTS: a year, this host only. No includeSubDomains (the portal may sit on a ministry
# domain whose other hosts are not ours) and no preload (hard to undo). Turned on only once
# HTTPS works (DEPLOYMENT.md): a browser that saw it refuses plain HTTP for a year.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"
TLS_PROTOCOLS = "TLSv1.2 TLSv1.3"

# Hidden files and folders (.htaccess, .git/ when deployed by cloning, .env...) are never
# served: any path segment that starts with a dot, except .well-known/ (ACME challenges for
# Let's Encrypt). nginx and Apache take the lookahead form; Caddy (Go regexp, no lookahead)
# takes the two parts.
HIDDEN_PATH_REGEX = r"/\."
ALLOWED_HIDDEN_FOLDER = ".well-known"
HIDDEN_DENIED_REGEX = HIDDEN_PATH_REGEX + r"(?!" + ALLOWED_HIDDEN_FOLDER.removeprefix(".") + "/)"

GENERATED = "Generated by portal/publish/server_config.py (python -m scripts servidor) - do not edit."


@dataclass(frozen=True)
class Https:
    """An HTTPS server block and the plain-HTTP block that redirects to it.

    ``certificate``/``key``: PEM files (Let's Encrypt's by default, see ``letsencrypt``; for
    Caddy, empty means Caddy obtains and renews them itself). ``address``: the IP address to
    listen on ("" = all). ``hsts``: send Strict-Transport-Security (only once HTTPS works)."""

    domain: str
    certificate: str = ""
    key: str = ""
    http_port: int = 80
    https_port: int = 443
    address: str = ""
    hsts: bool = True

    @classmethod
    def letsencrypt(cls, domain: str, **options: object) -> Https:
        """Certificates where certbot writes them (/etc/letsencrypt/live/<domain>/)."""
        live = f"/etc/letsencrypt/live/{domain}"
        return cls(domain, f"{live}/fullchain.pem", f"{live}/privkey.pem", **options)  # type: ignore[arg-type]

    def listen(self, port: int) -> str:
        return f"{self.address}:{port}" if self.address else str(port)

    @property
    def port_suffix(self) -> str:
        """``:8443`` in redirects when HTTPS is not on the default port."""
        return "" if self.https_port == 443 else f":{self.https_port}"


def _prefix(prefix: str) -> str:
    prefix = "/" + prefix.strip("/") + "/"
    return "/" if prefix == "//" else prefix


def _context(prefix: str, languages: list[str], https: Https | None = None) -> dict[str, object]:
    headers = dict(SECURITY_HEADERS)
    resource_headers = dict(RESOURCE_HEADERS)
    admin_headers = dict(ADMIN_HEADERS)
    if https is not None and https.hsts:
        for each in (headers, resource_headers, admin_headers):
            each["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY
    return {
        "generated": GENERATED,
        "prefix": _prefix(prefix),
        "other_languages": languages[1:],  # the default language is served from the root
        "headers": headers,
        "resource_headers": resource_headers,
        "document_headers": dict(DOCUMENT_HEADERS),
        "resource_regex": RESOURCE_FILE_REGEX,
        "resource_regex_compressed": _compressed(RESOURCE_FILE_REGEX),
        "https": https,
        "hsts": STRICT_TRANSPORT_SECURITY if https is not None and https.hsts else "",
        "tls_protocols": TLS_PROTOCOLS,
        "hidden_denied_regex": HIDDEN_DENIED_REGEX,
        "hidden_path_regex": HIDDEN_PATH_REGEX,
        "allowed_hidden_folder": ALLOWED_HIDDEN_FOLDER,
        "admin_headers": admin_headers,
        "admin_path": ADMIN_PATH,
        "cache_html": CACHE_HTML,
        "cache_hashed": CACHE_HASHED,
        "cache_other": CACHE_OTHER,
        "hashed_regex": HASHED_FILE_REGEX,
        "revalidated_regex": REVALIDATED_FILE_REGEX,
        "hashed_regex_compressed": _compressed(HASHED_FILE_REGEX),
        "revalidated_regex_compressed": _compressed(REVALIDATED_FILE_REGEX),
        "calendar_type": CALENDAR_TYPE,
        "feed_type": FEED_TYPE,
    }


def nginx(
    prefix: str,
    root: str,
    languages: list[str],
    port: int = 80,
    listen: str = "",
    brotli: bool = False,
    https: Https | None = None,
) -> str:
    """A complete ``server { }`` block serving the site folder ``root`` at ``prefix``
    (templates/nginx.conf.j2). ``add_header`` in a location replaces the server's list, so
    each location repeats the headers; regex locations are tried in order, so the typed ones
    come before the generic .xml rule.

    ``brotli`` adds ``brotli_static on;`` (needs Debian's libnginx-mod-http-brotli-static).
    ``https``: the site on HTTPS (with HSTS) plus a plain-HTTP block that redirects to it;
    ``port``/``listen`` then are not used. Without it, plain HTTP (local tests, benchmarks)."""
    if https is not None:
        # "ssl http2" on the listen line: Debian 12's nginx 1.22 has no "http2 on;" (1.25+).
        listen = f"{https.listen(https.https_port)} ssl http2"
    return render(
        "nginx.conf.j2",
        **_context(prefix, languages, https),
        root=root.rstrip("/") + "/",
        listen=listen or port,
        brotli=brotli,
    )


def _compressed(regex: str) -> str:
    """The same file pattern, also matching its precompressed copies."""
    return regex.removesuffix("$") + r"(\.br|\.gz)?$"


def apache(prefix: str, languages: list[str]) -> str:
    """``.htaccess`` for the site's root folder (templates/htaccess.j2; needs mod_headers)."""
    return render("htaccess.j2", **_context(prefix, languages))


def caddy(prefix: str, root: str, languages: list[str], address: str = ":80", https: Https | None = None) -> str:
    """A Caddyfile serving ``root`` at ``prefix`` (templates/Caddyfile.j2; security headers
    also on error pages). ``https``: served at the domain over HTTPS (certificates obtained
    by Caddy unless ``https.certificate`` is given), with HSTS and an HTTP block that
    redirects; ``address`` is then not used."""
    if https is not None:
        host = https.address or https.domain
        address = f"https://{host}" + ("" if https.https_port == 443 else f":{https.https_port}")
    return render("Caddyfile.j2", **_context(prefix, languages, https), root=root, address=address)


def apache_site(prefix: str, root: str, https: Https) -> str:
    """The Apache virtual hosts (templates/apache-site.conf.j2): HTTPS serving ``root`` at
    ``prefix`` with HSTS, and HTTP redirecting to it. The headers, cache rules and hidden
    files rule are in the site's own ``.htaccess`` (``apache``), allowed here."""
    return render("apache-site.conf.j2", **_context(prefix, [], https), root=root.rstrip("/"))
