"""Shared fixtures: the site is built once per session and served under /trata/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

from tests.support.browser import LAUNCH_ARGS, ensure_chromium  # noqa: E402
from tests.support.site import SUB_PATH, build_site, free_port, serve  # noqa: E402


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The built site (mkdocs build --strict), for assertions on its files; built like
    `make build`, PDFs and the editor (admin/, Sveltia CMS from npm) included."""
    from tests.support.editor import ensure_cms

    ensure_chromium()
    ensure_cms()
    return build_site(tmp_path_factory.mktemp("serve"), site_port,
                      extra_env={"PORTAL_PDF": "1", "PORTAL_EDITOR": "1"})


@pytest.fixture(scope="session")
def site_url(site: Path, site_port: int) -> Iterator[str]:
    """Base URL of the built site served on 127.0.0.1 under a sub-path."""
    server = serve(site.parent, site_port)
    yield f"http://127.0.0.1:{site_port}/{SUB_PATH}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


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


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = _A11Y_REPORT.lines()
    if not lines:
        return
    terminalreporter.section("accessibility report")
    for line in lines:
        terminalreporter.write_line(line)
    _A11Y_REPORT.save(REPO / "tests" / ".artifacts" / "accessibility-report.txt")
