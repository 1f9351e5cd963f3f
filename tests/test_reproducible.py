"""Two builds of the same commit give byte-identical output (issue 13 item 10): the site/
folder, PDFs and editor included, and the offline zip. The session's site and offline copy
(tests/conftest.py: `make offline`, then `make build`) are compared with the same two steps run
again from another copy of the project, in other folders (so no build path may end up in a
file), with another PYTHONHASHSEED (so no set or dict order may either) and no cache of the
first. Dates that files need come from the last commit (portal/publish/build_date.py). "Today"
(which events are upcoming) is the one input that changes by design, daily: every build of a
test run gets the run's day (tests/support/site.run_day), so the test does not depend on
midnight."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.support.site import SESSION_BUILD_ENV, build_site, copy_project, make_offline_zip

pytestmark = pytest.mark.slow  # builds, servers or generated cases of its own: not in make test-rapido

OTHER_SEED = {"PYTHONHASHSEED": "0"}  # the session's builds run with a random seed


def digests(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory, site_port: int, checkout: Path) -> tuple[Path, Path]:
    """(offline zip, site) made again from a fresh copy of the project (the editor's npm
    packages installed first, by the checkout fixture), at the same address (it is written
    into the pages)."""
    project = copy_project(tmp_path_factory.mktemp("second") / "project")
    offline = make_offline_zip(project, OTHER_SEED)
    site = build_site(tmp_path_factory.mktemp("second-site"), site_port,
                      extra_env={**SESSION_BUILD_ENV, **OTHER_SEED}, project=project)
    return offline, site


def test_two_builds_give_identical_sites(site: Path, second: tuple[Path, Path]) -> None:
    one, two = digests(site), digests(second[1])
    assert one.keys() == two.keys(), sorted(one.keys() ^ two.keys())[:20]
    assert any(name.endswith(".pdf") for name in one) and any(name.endswith(".br") for name in one)
    assert any(name.startswith("admin/") for name in one)
    differing = sorted(name for name in one if one[name] != two[name])
    assert differing == [], f"{len(differing)} files differ between two builds: {differing[:20]}"


def test_two_offline_copies_are_identical(offline_zip: Path, second: tuple[Path, Path]) -> None:
    assert offline_zip != second[0]
    assert hashlib.sha256(offline_zip.read_bytes()).hexdigest() == hashlib.sha256(second[0].read_bytes()).hexdigest()
