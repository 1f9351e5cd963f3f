"""Write a ``.gz`` and a ``.br`` copy next to every text file of the site (of 1 KB or more).

The last pipeline step (``portal.publish.pipeline``), after every other step has written its
files; not in the offline copy (opened from disk: no server). nginx ``gzip_static`` /
``brotli_static``, Apache (the shipped .htaccess) and Caddy (``precompressed``) then send the
compressed copy without compressing on each request. Compressed copies are cached by content
(sha256) in the project's ``.cache/portal/precompress`` (``portal/build_cache.py``: never the
shared /tmp), so Material's stylesheets and unchanged pages are not compressed again.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import brotli

from portal.build_cache import write_atomic

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics"}
# Measured on the portal's pages (make bench): qualities 5-8 give the same size as 9 at a
# twentieth of the time; 11 saves 10 % more but costs ~50 ms a page. Assets are few and
# shared by every page, so they get 10 (11 would triple the time for 2 % less).
BROTLI_QUALITY_PAGES = 6
BROTLI_QUALITY_ASSETS = 10
# Below this size compression saves less than a request's own headers (small search index
# parts); servers send those files as they are, or compress them on the fly.
MIN_BYTES = 1024


def precompress(site: Path, cache: Path) -> int:
    cache.mkdir(parents=True, exist_ok=True)
    files = [p for p in site.rglob("*")
             if p.suffix in TEXT_SUFFIXES and p.is_file() and p.stat().st_size >= MIN_BYTES]
    for path in files:
        _compress(path, cache)
    return len(files)


def _compress(path: Path, cache: Path) -> None:
    data = path.read_bytes()
    quality = BROTLI_QUALITY_PAGES if path.suffix == ".html" else BROTLI_QUALITY_ASSETS
    key = cache / f"{hashlib.sha256(data).hexdigest()}-{quality}"
    for suffix, compress in ((".br", lambda: brotli.compress(data, quality=quality)),
                             (".gz", lambda: gzip.compress(data, compresslevel=9, mtime=0))):
        cached = key.with_name(key.name + suffix)
        if not cached.exists():
            write_atomic(cached, compress())
        path.with_name(path.name + suffix).write_bytes(cached.read_bytes())
