"""Shared fixtures: the site is built once per session and served under /trata/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

from tests.support.browser import LAUNCH_ARGS, ensure_chromium  # noqa: E402
from tests.support.site import SUB_PATH, SiteServer, build_site, copy_project, make_offline_zip  # noqa: E402


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The test server, its port bound before the build writes the port into the site
    (SITE_URL): no other process can take the port in between. It sends the portal's security
    headers, so every browser test runs under the shipped Content-Security-Policy (the editor in
    admin/ under its own, as on nginx, Apache and Caddy)."""
    from portal.publish import server_config

    server = SiteServer(tmp_path_factory.mktemp("serve"), headers=server_config.SECURITY_HEADERS,
                        path_headers={server_config.ADMIN_PATH: server_config.ADMIN_HEADERS},
                        resource_headers=server_config.RESOURCE_HEADERS,
                        resource_pattern=server_config.RESOURCE_FILE_REGEX)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site_port(site_server: SiteServer) -> int:
    return site_server.port


@pytest.fixture(scope="session")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's project files, as a fresh clone has them after `make setup`
    (no dist/; the editor's npm packages installed first, since the build copies its bundle)."""
    from tests.support.editor import ensure_cms

    ensure_cms()
    return copy_project(tmp_path_factory.mktemp("checkout"))


@pytest.fixture(scope="session")
def offline_zip(checkout: Path) -> Path:
    """The offline copy made as `make offline` makes it, in the checkout's dist/."""
    return make_offline_zip(checkout)


@pytest.fixture(scope="session")
def site(site_server: SiteServer, site_port: int, checkout: Path, offline_zip: Path) -> Path:
    """The built site (mkdocs build --strict), for assertions on its files; built as it is
    deployed: `make offline` then `make build` (so it links the zip), PDFs included (printed
    with Debian's Chromium, installed if missing) and the editor (admin/, Sveltia CMS from npm),
    in a clean environment (clean_env)."""
    ensure_chromium()
    return build_site(site_server.root, site_port, extra_env={"PORTAL_PDF": "1", "PORTAL_EDITOR": "1"},
                      project=checkout)


@pytest.fixture(scope="session")
def site_url(site: Path, site_port: int, site_server: SiteServer) -> str:
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
def page_sweep(site: Path, site_url: str) -> dict[str, dict[str, object]]:
    """Every built page loaded once per viewport (phone, desktop) and asked everything a load
    can tell: axe light and dark, first Tab stops, reflow, reduced motion, CSP violations,
    script errors (tests/support/sweep.py), in parallel browsers (one per CPU).
    viewport → page name → PageRecord."""
    from tests.support import a11y, sweep
    from tests.support.html import pages
    from tests.support.site import mkdocs_config

    a11y.ensure_node_tools()
    names = [page.relative_to(site).as_posix() for page in pages(site)]
    exit_url = mkdocs_config()["extra"]["quick_exit_url"]
    return sweep.sweep_all(site_url, names, exit_url)


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the browser is a browser test even if its
    author forgot the marker: `make test-rapido` (-m "not browser") leaves it out."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BROWSER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.browser)
        if "page_sweep" in fixtures and item.get_closest_marker("timeout") is None:
            # The first of these tests pays for the sweep of every page (minutes on a busy
            # machine): a longer limit than pytest.ini's, still far from CI's.
            item.add_marker(pytest.mark.timeout(SWEEP_TIMEOUT))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    from tests.support.site import remove_run_tmp

    remove_run_tmp()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = _A11Y_REPORT.lines()
    if not lines:
        return
    terminalreporter.section("accessibility report")
    for line in lines:
        terminalreporter.write_line(line)
    _A11Y_REPORT.save(REPO / "tests" / ".artifacts" / "accessibility-report.txt")
