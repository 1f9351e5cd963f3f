"""Write a ``.gz`` and a ``.br`` copy next to every text file of the site (of 1 KB or more).

The last pipeline step (``portal.publish.pipeline``), after every other step has written its
files; not in the offline copy (opened from disk: no server). nginx ``gzip_static`` /
``brotli_static``, Apache (the shipped .htaccess) and Caddy (``precompressed``) then send the
compressed copy without compressing on each request.

Compressed copies are cached by content (sha256 of the file and the quality) in the project's
``.cache/portal/precompress`` (``portal/build_cache.py``: never the shared /tmp), so
Material's stylesheets and unchanged pages are not compressed again. A cached copy is
published as a **hard link** to the cache entry where both are on one file system (else
copied): creating ~400 files took 0.2-0.3 s of a 2 s build on the build machine's disk, a
link a tenth of that. Because the site's file and the entry are then one file:

- entries are read-only (0444), so writing into ``site/x.br`` in place fails instead of
  changing what later builds publish (tools that replace files, rsync and ``make build``'s
  rename included, never touch the entry);
- ``digests.json`` in the cache folder records the sha256 of each entry's bytes when it was
  made; an entry whose bytes no longer match (changed by root, or by a disk) is compressed
  again from the source, never published.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import json
import os
import shutil
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
DIGESTS = "digests.json"  # {entry name: sha256 of its bytes}


def precompress(site: Path, cache: Path) -> int:
    cache.mkdir(parents=True, exist_ok=True)
    files = [p for p in site.rglob("*")
             if p.suffix in TEXT_SUFFIXES and p.is_file() and p.stat().st_size >= MIN_BYTES]
    digests = _load_digests(cache)
    known = dict(digests)
    for path in files:
        _compress(path, cache, digests)
    if digests != known:
        # Whole or absent; two builds at once: the last one's record wins, and an entry
        # missing from it is only compressed again.
        write_atomic(cache / DIGESTS, json.dumps(digests, sort_keys=True).encode("utf-8"))
    return len(files)


def _load_digests(cache: Path) -> dict[str, str]:
    try:
        loaded = json.loads((cache / DIGESTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def _compress(path: Path, cache: Path, digests: dict[str, str]) -> None:
    data = path.read_bytes()
    quality = BROTLI_QUALITY_PAGES if path.suffix == ".html" else BROTLI_QUALITY_ASSETS
    key = f"{hashlib.sha256(data).hexdigest()}-{quality}"
    for suffix, compress in ((".br", lambda: brotli.compress(data, quality=quality)),
                             (".gz", lambda: gzip.compress(data, compresslevel=9, mtime=0))):
        entry = cache / (key + suffix)
        if not _intact(entry, digests.get(entry.name)):
            compressed = compress()
            write_atomic(entry, compressed)  # a new file: links to the old one keep theirs
            entry.chmod(0o444)
            digests[entry.name] = hashlib.sha256(compressed).hexdigest()
        _publish(entry, path.with_name(path.name + suffix))


def _intact(entry: Path, digest: str | None) -> bool:
    try:
        return digest is not None and hashlib.sha256(entry.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def _publish(entry: Path, target: Path) -> None:
    target.unlink(missing_ok=True)  # a copy left by an earlier build into the same folder
    try:
        os.link(entry, target)
    except OSError as error:
        if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copyfile(entry, target)  # another file system, or one without hard links
        target.chmod(0o644)
