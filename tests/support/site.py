"""Build the portal once into a folder served under a sub-path, and serve it on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import errno
import functools
import http.server
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from scripts.project import REPO, Project

SUB_PATH = "trata"
# Every subprocess a test starts has a time limit (seconds): a hung build fails, it never hangs CI.
BUILD_TIMEOUT = 600
COMMAND_TIMEOUT = 120
# Inherited from the developer's shell, these would change what a test build produces
# (PORTAL_TODAY, PORTAL_OFFLINE, PORTAL_PDF, SITE_URL...): builds get only what they need.
KEPT_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "USER", "LOGNAME", "SYSTEMROOT")
# "Today" of every test build (which events are upcoming): the day the run started, set once
# by the controlling process (its test workers inherit it), so that two builds of one run never
# see two different days, even across midnight. A test may still ask for another day.
RUN_DAY_VARIABLE = "PORTAL_TEST_RUN_DAY"
# How the session's site is built (tests/conftest.py): as deployed, PDFs and editor included.
SESSION_BUILD_ENV = {"PORTAL_PDF": "1", "PORTAL_EDITOR": "1"}
# One temporary folder per test run for the hooks' caches (template_cache.py, precompress.py
# keep them under tempfile.gettempdir()): nothing carries over from an earlier run.
_RUN_TMP: Path | None = None
T = TypeVar("T")


def mkdocs_config() -> dict:
    return Project.load().config


def locales() -> list[str]:
    """Configured locales, default first (the one list of languages, in mkdocs.yml)."""
    return Project.load().languages


def language_tag(locale: str) -> str:
    return Project.load().language_tag(locale)


def run_tmp() -> Path:
    """This test run's own temporary folder (TMPDIR of every build it starts)."""
    global _RUN_TMP
    if _RUN_TMP is None:
        _RUN_TMP = Path(tempfile.mkdtemp(prefix="portal-tests-"))
    return _RUN_TMP


def remove_run_tmp() -> None:
    """Delete this run's temporary folder (end of the test session)."""
    global _RUN_TMP
    if _RUN_TMP is not None:
        import shutil

        shutil.rmtree(_RUN_TMP, ignore_errors=True)
        _RUN_TMP = None


def run_day() -> str:
    """The run's "today" (ISO date), the same in every test process of the run."""
    return os.environ.setdefault(RUN_DAY_VARIABLE, dt.date.today().isoformat())


def clean_env(site_url: str, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a test build: the basics of the shell (PATH, HOME, locale), a
    per-run TMPDIR, the site's address, the run's day (:func:`run_day`), and only the PORTAL_*
    variables the test asks for."""
    env = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
    env |= {"TMPDIR": str(run_tmp()), "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1",
            "PYTHONDONTWRITEBYTECODE": "1", "PORTAL_TODAY": run_day()}
    return env | (extra_env or {})


def free_port() -> int:
    """A port free now. Prefer :func:`bound_server` (no gap between choosing and binding) or
    :func:`retry_on_port_clash` around a server that binds the port itself."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PortInUse(RuntimeError):
    """The server could not bind its port (another process took it since it was chosen)."""


def retry_on_port_clash(start: Callable[[int], T], attempts: int = 5) -> T:
    """Call ``start(port)`` with a fresh free port until it does not fail with
    :class:`PortInUse` or EADDRINUSE (a port chosen, then taken by someone else)."""
    for attempt in range(attempts):
        try:
            return start(free_port())
        except PortInUse:
            if attempt == attempts - 1:
                raise
        except OSError as error:
            if error.errno != errno.EADDRINUSE or attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


# What a checkout needs to build the site and run the editors' tool.
PROJECT_FILES = ("mkdocs.yml", "pyproject.toml", "Makefile", "requirements.txt", "docs", "data", "hooks", "portal",
                 "overrides", "scripts", "tools")


def copy_project(target: Path, names: tuple[str, ...] = PROJECT_FILES) -> Path:
    """A copy of the repository's project files in target (no .git, no dist/, no caches)."""
    import shutil

    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def make_offline_zip(project: Path, extra_env: dict[str, str] | None = None) -> Path:
    """`make offline` in project: python -m scripts sin-conexion (clean environment)."""
    result = subprocess.run([sys.executable, "-m", "scripts", "sin-conexion"], cwd=project,
                            env=clean_env("http://127.0.0.1:8000/", extra_env), capture_output=True, text=True,
                            check=False, timeout=BUILD_TIMEOUT)
    if result.returncode != 0:
        raise AssertionError(f"python -m scripts sin-conexion failed:\n{result.stdout}\n{result.stderr}")
    return project / mkdocs_config()["extra"]["offline_zip"]


def build_site(serve_root: Path, port: int, extra_env: dict[str, str] | None = None,
               project: Path = REPO) -> Path:
    """Build project (default: the repository) with `mkdocs build --strict` into
    serve_root/<SUB_PATH>/ and return that folder, in a clean environment (:func:`clean_env`)
    plus ``extra_env``."""
    site = serve_root / SUB_PATH
    env = clean_env(f"http://127.0.0.1:{port}/{SUB_PATH}/", extra_env)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, check=False, timeout=BUILD_TIMEOUT,
    )
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}
    # Paths (after the site's folder, e.g. "admin/") served with other headers, as the shipped
    # nginx/Apache/Caddy configurations do for the browser editor.
    path_headers: dict[str, dict[str, str]] = {}
    # File endings answered late (ending → seconds), each request in its own thread: a slow
    # network for scripts and images without holding up the browser's other requests.
    delays: dict[str, float] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("?")[0]
        for ending, seconds in self.delays.items():
            if path.endswith(ending):
                time.sleep(seconds)
                break
        super().do_GET()

    # Files that are never documents (stylesheets, scripts, images: a regex on the path) get
    # these headers instead, as nginx/Apache/Caddy send them; error responses get them all.
    resource_headers: dict[str, str] | None = None
    resource_pattern: str = ""
    status: int = 200

    def send_response(self, code: int, message: str | None = None) -> None:
        self.status = code
        super().send_response(code, message)

    def end_headers(self) -> None:
        headers = self.extra_headers
        path = self.path.split("?")[0]
        if (self.resource_headers is not None and self.status < 400
                and self.resource_pattern and re.search(self.resource_pattern, path)):
            headers = self.resource_headers
        for folder, own in self.path_headers.items():
            if f"/{folder}" in path:
                headers = own
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    """A static server for ``root`` on 127.0.0.1, its port bound and listening as soon as it
    is created (port 0: the system picks a free one). Requests wait until :meth:`start`."""

    def __init__(self, root: Path, port: int = 0, headers: dict[str, str] | None = None,
                 path_headers: dict[str, dict[str, str]] | None = None,
                 resource_headers: dict[str, str] | None = None, resource_pattern: str = "",
                 delays: dict[str, float] | None = None) -> None:
        self.root = root
        self.started = False
        handler = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {}),
                                                     "path_headers": dict(path_headers or {}),
                                                     "resource_headers": resource_headers,
                                                     "resource_pattern": resource_pattern,
                                                     "delays": dict(delays or {})})
        super().__init__(("127.0.0.1", port), functools.partial(handler, directory=str(root)))

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def start(self) -> SiteServer:
        if not self.started:
            threading.Thread(target=self.serve_forever, daemon=True).start()
            self.started = True
        return self

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that stops waiting for a file (it left the page) is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]

    def stop(self) -> None:
        if self.started:
            self.shutdown()
        self.server_close()


def serve(root: Path, port: int) -> SiteServer:
    return SiteServer(root, port).start()


def build_scenario(root: Path, pages: dict[str, str], port: int = 8000,
                   extra_env: dict[str, str] | None = None,
                   edit_config: Callable[[str], str] | None = None,
                   files: dict[str, str] | None = None,
                   docs_files: dict[str, bytes] | None = None,
                   build_args: tuple[str, ...] = ()) -> Path:
    """Build a mini-site: the portal's config, theme and hooks with the given docs pages
    (path under docs/ → Markdown). The nav is generated from the pages. ``edit_config``
    changes mkdocs.yml's text; ``files`` replaces copied files (path under the root → text);
    ``docs_files`` adds other files under docs/ (path under docs/ → bytes, e.g. images);
    ``build_args`` are added to ``mkdocs build``."""
    import shutil

    for name in ("hooks", "portal", "overrides", "data"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    _share_build_caches(root)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + config[config.index("\nmarkdown_extensions:"):]
    if edit_config is not None:
        config = edit_config(config)
    for relative, text in (files or {}).items():
        (root / relative).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for relative, text in pages.items():
        path = root / "docs" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for relative, data in (docs_files or {}).items():
        path = root / "docs" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    site = root / "site"
    env = clean_env(f"http://127.0.0.1:{port}/", extra_env)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *build_args, "--site-dir", str(site)],
        cwd=root, env=env, capture_output=True, text=True, check=False, timeout=BUILD_TIMEOUT,
    )
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return site


def _share_build_caches(root: Path) -> None:
    """The mini-sites of a test process share one set of build caches (.cache/portal/ linked to
    a folder of the process's own run_tmp()): measured on a 4-language mini-site, 11.3 s with
    empty caches against 3.4 s with warm ones (the trimmed theme CSS alone, 6.5 s). The
    entries are keyed by their content (tests/test_build_caches.py, test_theme_css.py), so a
    mini-site gets what its own build would write. The session build, the reproducibility and
    the whole-CSS builds keep caches of their own and start empty, as in a fresh clone."""
    from portal.build_cache import FOLDER

    shared = run_tmp() / "scenario-build-caches"
    shared.mkdir(exist_ok=True)
    (root / FOLDER).parent.mkdir(parents=True, exist_ok=True)
    (root / FOLDER).symlink_to(shared, target_is_directory=True)


def page_text(title: str, body: str = "Texto de prueba.") -> str:
    return (f"---\ntitle: {title}\ndescription: Página de prueba para un escenario de construcción.\n"
            f"---\n\n# {title}\n\n{body}\n")
