"""Debian's Chromium for Playwright: installed with apt-get when missing, never downloaded."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def ensure_chromium() -> Path:
    from tests.support.debian import apt_install
    from tests.support.once import exclusive

    if not CHROMIUM.exists():
        with exclusive("chromium"):  # another worker may be installing it: wait, then look again
            if not CHROMIUM.exists():
                apt_install("chromium")
    return CHROMIUM


@contextmanager
def own_browser(extra_args: Sequence[str] = ()) -> Iterator[object]:
    """Debian's Chromium under a Playwright of this thread's own (the sync API is per thread):
    for the tests that load pages in several threads at once."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(ensure_chromium()), args=[*LAUNCH_ARGS, *extra_args])
        try:
            yield browser
        finally:
            browser.close()
