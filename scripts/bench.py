"""Benchmarks: build time, and bytes a reader downloads (first visit, one search), per language.

Prints figures beside their targets; it asserts nothing (timings are not tests). Bytes are
measured in Debian's Chromium against the built site served under /trata/ on 127.0.0.1, each
response counted as it would travel compressed with brotli (as nginx serves the precompressed
files) — binary files that are already compressed (Pagefind's index, wasm) count as they are.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import brotli

REPO = Path(__file__).resolve().parents[1]
TARGET_PAGE_KB = 60
TARGET_SEARCH_KB = 100
SEARCH_TERMS = {"es": "migracion", "qu": "trata", "en": "trafficking"}
CONTENT_PAGE = "que-es-la-trata.html"


@dataclass
class Transfer:
    raw: int = 0
    compressed: int = 0
    requests: int = 0

    def add(self, body: bytes, content_type: str) -> None:
        self.raw += len(body)
        self.requests += 1
        already_compressed = body[:2] == b"\x1f\x8b" or "wasm" in content_type
        self.compressed += len(body) if already_compressed else len(brotli.compress(body, quality=11))

    def kb(self) -> str:
        return f"{self.compressed / 1024:6.1f} KB br ({self.raw / 1024:6.1f} KB raw, {self.requests} req)"


def build(site_dir: Path, site_url: str) -> float:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q",
                    "--site-dir", str(site_dir)], cwd=REPO, env=env, check=True)
    return time.perf_counter() - start


def measure(site_url: str, locales: list[str]) -> list[tuple[str, str, Transfer]]:
    from playwright.sync_api import sync_playwright

    from tests.support.browser import LAUNCH_ARGS, ensure_chromium

    rows: list[tuple[str, str, Transfer]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(ensure_chromium()), args=LAUNCH_ARGS)
        for index, locale in enumerate(locales):
            prefix = "" if index == 0 else f"{locale}/"
            for name in ("index.html", CONTENT_PAGE):
                context = browser.new_context(viewport={"width": 360, "height": 740})
                page = context.new_page()
                transfer = Transfer()
                page.on("response", lambda r, t=transfer: t.add(_body(r), r.headers.get("content-type", "")))
                page.goto(site_url + prefix + name)
                page.wait_for_load_state("networkidle")
                rows.append((locale, f"first visit {name}", transfer))
                context.close()
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            page.goto(site_url + prefix + "buscar.html")
            page.wait_for_load_state("networkidle")
            cold = Transfer()
            page.on("response", lambda r, t=cold: t.add(_body(r), r.headers.get("content-type", "")))
            page.fill("#portal-search-input", SEARCH_TERMS[locale])
            page.wait_for_selector("#portal-search-results a")
            page.wait_for_load_state("networkidle")
            rows.append((locale, f"one search «{SEARCH_TERMS[locale]}» (cold)", cold))
            context.close()
        browser.close()
    return rows


def _body(response: object) -> bytes:
    try:
        return response.body()
    except Exception:  # redirects and aborted requests have no body
        return b""


def run() -> int:
    sys.path[:0] = [str(REPO / "hooks"), str(REPO)]
    from tests.support.site import SUB_PATH, free_port, locales, serve

    port = free_port()
    site_url = f"http://127.0.0.1:{port}/{SUB_PATH}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / SUB_PATH
        seconds = build(site, site_url)
        pages = sum(1 for p in site.rglob("*.html") if "pagefind" not in p.parts)
        print(f"Build (3 languages, {pages} HTML pages): {seconds:.2f} s")
        html = sorted(site.rglob("*.html"))
        biggest = max(html, key=lambda p: len(gzip.compress(p.read_bytes())))
        print(f"Largest HTML page: {biggest.relative_to(site)} "
              f"{len(brotli.compress(biggest.read_bytes())) / 1024:.1f} KB br")
        server = serve(site.parent, port)
        try:
            rows = measure(site_url, locales())
        finally:
            server.shutdown()
    print()
    print(f"{'lang':4}  {'what':38}  transferred")
    for locale, what, transfer in rows:
        target = TARGET_SEARCH_KB if "search" in what else TARGET_PAGE_KB
        verdict = "ok" if transfer.compressed <= target * 1024 else "OVER"
        print(f"{locale:4}  {what:38}  {transfer.kb()}  target ≤ {target} KB: {verdict}")
    return 0
