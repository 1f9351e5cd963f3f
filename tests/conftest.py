"""Shared fixtures: the site is built once per session and served under /trata/."""

from __future__ import annotations

import json
import os
import pickle
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

from portal.build_cache import write_atomic  # noqa: E402
from tests.support.browser import LAUNCH_ARGS, ensure_chromium  # noqa: E402
from tests.support.debian import install_ahead, wanted  # noqa: E402
from tests.support.once import is_worker, once, shared_root  # noqa: E402
from tests.support.serve import SERVERS, SharedServer, start_shared_server  # noqa: E402
from tests.support.site import (  # noqa: E402
    SESSION_BUILD_ENV,
    SUB_PATH,
    build_site,
    copy_project,
    make_offline_zip,
    run_day,
)


def pytest_configure(config: pytest.Config) -> None:
    run_day()  # in the controlling process, before it starts the test workers (they inherit it)
    if not is_worker() and config.args_source == pytest.Config.ArgsSource.TESTPATHS:
        # The whole suite (make test, make test-rapido): the Debian packages its selected tests
        # use are installed in the background, the apt-get lock taken before the workers start.
        install_ahead(wanted(lambda marker: selects(config, marker)))


def selects(config: pytest.Config, marker: str) -> bool:
    """Whether the run's -m expression selects a test that carries ``marker`` (only)."""
    from _pytest.mark.expression import Expression

    expression = config.getoption("markexpr")
    return not expression or Expression.compile(expression).evaluate(lambda name, **_: name == marker)


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> SharedServer:
    """The test server, its port bound before the build writes the port into the site
    (SITE_URL): no other process can take the port in between. It sends the portal's security
    headers, so every browser test runs under the shipped Content-Security-Policy (the editor in
    admin/ under its own, as on nginx, Apache and Caddy)."""
    return once(tmp_path_factory.getbasetemp(), "site-server", start_shared_server)


@pytest.fixture(scope="session")
def site_port(site_server: SharedServer) -> int:
    return site_server.port


@pytest.fixture(scope="session")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's project files, as a fresh clone has them after `make setup`
    (no dist/; the editor's npm packages installed first, since the build copies its bundle)."""
    from tests.support.editor import ensure_cms

    def copy(folder: Path) -> Path:
        ensure_cms()
        return copy_project(folder)

    return once(tmp_path_factory.getbasetemp(), "checkout", copy)


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory: pytest.TempPathFactory, checkout: Path) -> Path:
    """The offline copy made as `make offline` makes it, in the checkout's dist/."""
    return once(tmp_path_factory.getbasetemp(), "offline-zip", lambda folder: make_offline_zip(checkout))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, site_server: SharedServer, site_port: int, checkout: Path,
         offline_zip: Path) -> Path:
    """The built site (mkdocs build --strict), for assertions on its files; built as it is
    deployed: `make offline` then `make build` (so it links the zip), PDFs included (printed
    with Debian's Chromium, installed if missing) and the editor (admin/, Sveltia CMS from npm),
    in a clean environment (clean_env). Built once for every test worker of the run."""

    def build(folder: Path) -> Path:
        ensure_chromium()
        return build_site(site_server.root, site_port, extra_env=SESSION_BUILD_ENV, project=checkout)

    return once(tmp_path_factory.getbasetemp(), "site", build)


@pytest.fixture(scope="session")
def site_url(site: Path, site_port: int, site_server: SharedServer) -> str:
    """Base URL of the built site served on 127.0.0.1 under a sub-path."""
    site_server.start()
    return f"http://127.0.0.1:{site_port}/{SUB_PATH}/"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def page_sweep(tmp_path_factory: pytest.TempPathFactory, site: Path, site_url: str,
               site_server: SharedServer) -> dict[str, dict[str, object]]:
    """Every built page loaded once per viewport (phone, desktop) and asked everything a load
    can tell: axe light and dark, first Tab stops, reflow, reduced motion, axe with the menu
    and the language list open (a few pages), CSP violations, script errors
    (tests/support/sweep.py), in parallel browsers (one per CPU).
    viewport → page name → PageRecord."""
    from tests.support import a11y, sweep
    from tests.support.html import pages
    from tests.support.site import locales, mkdocs_config

    def run(folder: Path) -> dict[str, dict[str, object]]:
        a11y.ensure_node_tools()
        names = [page.relative_to(site).as_posix() for page in pages(site)]
        exit_url = mkdocs_config()["extra"]["quick_exit_url"]
        return sweep.sweep_all(site_url, names, exit_url, axe=a11y.serve_axe(site_server.root),
                               open_controls=sweep.open_controls_pages(locales()))

    return once(tmp_path_factory.getbasetemp(), "sweep", run)


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    """A fresh phone-sized page (no shared cookies or cache between tests)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


# --- Accessibility report (issue #7) ---------------------------------------------------------
# Tests add what they checked (pages, runs, violations per rule); the summary is printed at the
# end of the run and kept in tests/.artifacts/accessibility-report.txt.
from tests.support.a11y import A11yReport  # noqa: E402

_A11Y_REPORT = A11yReport()


@pytest.fixture(scope="session")
def a11y_report() -> A11yReport:
    return _A11Y_REPORT


BROWSER_FIXTURES = {"browser", "phone", "page_sweep"}
SWEEP_TIMEOUT = 1500
SWEEP_GROUP = "sweep"


# tryfirst: pytest-xdist reads the xdist_group markers in its own hook of the same name.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the browser is a browser test even if its author forgot the marker:
    `make test-rapido` (-m "not browser") leaves it out.

    For the workers of `make test` (pytest-xdist, --dist loadgroup): the tests on the page
    sweep run in one worker (the sweep is made once, the others would wait for it), and so do
    the tests of a module sharing a module- or class-wide fixture (made once per worker). The
    sweep's tests come first and the tests that need no built site next, so that one worker
    builds the site and sweeps it while the other runs those."""
    rank: dict[str, int] = {}
    first: dict[str, int] = {}
    size: dict[str, int] = {}
    for index, item in enumerate(items):
        fixtures = set(getattr(item, "fixturenames", ()))
        if BROWSER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.browser)
        group = None
        if "page_sweep" in fixtures:
            group = SWEEP_GROUP
            if item.get_closest_marker("timeout") is None:
                # The first of these tests pays for the sweep of every page (minutes on a busy
                # machine): a longer limit than pytest.ini's, still far from CI's.
                item.add_marker(pytest.mark.timeout(SWEEP_TIMEOUT))
        elif _has_shared_fixture(item):
            group = item.nodeid.split("::")[0]
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
        key = group or item.nodeid
        item.stash[_SCOPE] = key
        first.setdefault(key, index)
        own = 0 if group == SWEEP_GROUP else (1 if "site" not in fixtures else 2)
        rank[key] = max(rank.get(key, 0), own)
        size[key] = size.get(key, 0) + 1
    order = {id(item): index for index, item in enumerate(items)}
    # Within a rank, the groups first (a module sharing a server or a build: the longest units),
    # the single tests after them: they fill the end of the run on whichever worker is free.
    items.sort(key=lambda item: (rank[item.stash[_SCOPE]], size[item.stash[_SCOPE]] == 1,
                                 first[item.stash[_SCOPE]], order[id(item)]))
    if is_worker():
        # For the controlling process's scheduler (pytest_xdist_make_scheduler): pytest-xdist
        # 3.8 marks groups by renaming node ids, which pytest 9 no longer allows.
        groups = {item.nodeid: item.stash[_SCOPE] for item in items}
        root = shared_root(items[0].config._tmp_path_factory.getbasetemp()) if items else None  # type: ignore[attr-defined]
        if root is not None:
            write_atomic(root / GROUPS_FILE, json.dumps(groups).encode("utf-8"))


_SCOPE = pytest.StashKey[str]()
GROUPS_FILE = "xdist-groups.json"


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """Tests of one group (see pytest_collection_modifyitems) go to one worker, the others
    one by one to whichever worker is free, in the order of the collection."""
    from xdist.scheduler import LoadScopeScheduling

    root = shared_root(config._tmp_path_factory.getbasetemp())  # type: ignore[attr-defined]
    # In the order of the collection (pytest_collection_modifyitems): pytest-xdist would sort
    # the groups by their number of tests, which sent a worker to wait ~25 s for the site build
    # at the start of a run while there were tests needing none.
    config.option.loadscopereorder = False

    class GroupScheduling(LoadScopeScheduling):  # type: ignore[misc]
        groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groups is None:  # the workers wrote it before they reported their collection
                self.groups = json.loads((root / GROUPS_FILE).read_text(encoding="utf-8"))
            return self.groups.get(nodeid, nodeid)

    return GroupScheduling(config, log)


def _has_shared_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(definition.scope in ("module", "class", "package")
               for definitions in info.name2fixturedefs.values() for definition in definitions)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    from tests.support.site import remove_run_tmp

    remove_run_tmp()
    root = shared_root(session.config._tmp_path_factory.getbasetemp())  # type: ignore[attr-defined]
    if is_worker():
        # The controlling process prints the report of every worker.
        worker = os.environ["PYTEST_XDIST_WORKER"]
        (root / f"a11y-{worker}.pickle").write_bytes(pickle.dumps(_A11Y_REPORT))
    else:
        for process in SERVERS:
            process.terminate()
        server = root / "site-server.pickle"
        if server.exists():
            status, shared = pickle.loads(server.read_bytes())  # noqa: S301 - written by this run
            if status == "ok":
                try:
                    os.kill(shared.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    report = _A11Y_REPORT
    root = shared_root(terminalreporter.config._tmp_path_factory.getbasetemp())  # type: ignore[attr-defined]
    for part in sorted(root.glob("a11y-*.pickle")):
        report.merge(pickle.loads(part.read_bytes()))  # noqa: S301 - written by this run
    lines = report.lines()
    if not lines:
        return
    terminalreporter.section("accessibility report")
    for line in lines:
        terminalreporter.write_line(line)
    report.save(REPO / "tests" / ".artifacts" / "accessibility-report.txt")
