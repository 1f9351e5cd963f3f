"""Two builds of the same commit give byte-identical output (issue 13 item 10): the site/
folder, PDFs included, and the offline zip. Built in separate temporary folders (so no build
path may end up in a file) with different PYTHONHASHSEEDs (so no set or dict order may
either). Dates that files need come from the last commit (portal/publish/build_date.py). "Today"
(which events are upcoming) is the one input that changes by design, daily: it is pinned to
the same day for both builds (PORTAL_TODAY), so the test does not depend on midnight."""

from __future__ import annotations

import datetime as dt
import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.browser import ensure_chromium
from tests.support.site import build_site, free_port


def digests(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_two_builds_give_identical_sites(tmp_path: Path) -> None:
    ensure_chromium()
    port = free_port()  # the same site_url for both: it is written into the pages
    same = {"PORTAL_PDF": "1", "PORTAL_TODAY": dt.date.today().isoformat()}
    # Both at once, in separate processes (the project's caches are written atomically).
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(
            lambda run: build_site(tmp_path / run, port, extra_env={**same, "PYTHONHASHSEED": str(len(run))}),
            ("one", "three"))
    one, two = digests(first), digests(second)
    assert one.keys() == two.keys()
    assert any(name.endswith(".pdf") for name in one) and any(name.endswith(".br") for name in one)
    differing = sorted(name for name in one if one[name] != two[name])
    assert differing == [], f"{len(differing)} files differ between two builds: {differing[:20]}"


def test_two_offline_copies_are_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scripts.offline import build_offline

    monkeypatch.setenv("PORTAL_TODAY", dt.date.today().isoformat())
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = (zip_file.read_bytes() for zip_file in
                         pool.map(lambda run: build_offline(tmp_path / run / "portal.zip"), ("one", "two")))
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
