"""Helpers for the PDFs that ``print_pdfs.py`` prints with Chromium (no MkDocs here).

Not a hook.
- Which Chromium, and the editor's message when ``PORTAL_PDF=1`` asks for PDFs and there is
  none: a site published without its PDFs would link files that do not exist.
- The public address of each built file (from ``site_url``): pages are opened at that address
  (Playwright serves them from the site folder, nothing leaves the machine), so every link
  printed in a PDF is a working link to the public site, never ``file:///…/site.tmp/…``.
- Fixed dates in the PDF's metadata (the build's date, ``build_date.py``), so that two builds of
  the same commit give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Tests (and hosts with Chromium elsewhere) name the browser here.
CHROMIUM_VARIABLE = "PORTAL_CHROMIUM"


def chromium_path(environ: dict[str, str] | None = None) -> Path:
    environ = dict(os.environ) if environ is None else environ
    return Path(environ.get(CHROMIUM_VARIABLE) or DEFAULT_CHROMIUM)


def missing_chromium_message(path: Path) -> str:
    return (
        f"PORTAL_PDF=1 pide imprimir los PDF (cartilla y tarjeta de ayuda), pero Chromium no está "
        f"instalado en {path}. Sin él, el sitio se publicaría con enlaces a PDF que no existen.\n"
        "Cómo corregirlo: instale Chromium con «sudo apt-get install chromium» (Debian o Ubuntu) "
        f"y vuelva a construir; si está en otra carpeta, indíquela con {CHROMIUM_VARIABLE}=/ruta/chromium. "
        "Para una vista previa sin PDF, construya con PORTAL_PDF=0 (no publique ese sitio)."
    )


def public_url(site_url: str, relative: str) -> str:
    """The public address of the built file at ``relative`` (a path inside the site folder)."""
    return site_url.rstrip("/") + "/" + relative.lstrip("/")


def local_file(site: Path, site_url: str, url: str) -> Path | None:
    """The file of the site folder that the public ``url`` names, or None if ``url`` is not
    an address of the site or names no file there (nothing outside ``site`` is ever served)."""
    base = urlsplit(site_url.rstrip("/") + "/")
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(base.path):
        return None
    relative = unquote(parts.path[len(base.path) :]) or "index.html"
    root = site.resolve()
    path = (root / relative).resolve()
    if path != root and root not in path.parents:
        return None
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def content_type(path: Path) -> str:
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return (
        guessed + "; charset=utf-8"
        if guessed.startswith("text/") or guessed.endswith(("javascript", "json", "svg+xml"))
        else guessed
    )


# Skia writes /CreationDate and /ModDate as (D:YYYYMMDDHHmmSS+HH'mm'); the replacement has the
# same length, so the file's cross-reference offsets stay right.
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[+-]\d{2}'\d{2}'\)")


def fixed_pdf_dates(data: bytes, when: dt.datetime) -> bytes:
    stamp = when.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'").encode()
    return _PDF_DATE.sub(lambda match: b"/" + match.group(1) + b" (" + stamp + b")", data)
