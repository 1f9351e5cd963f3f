"""Build the portal once into a folder served under a sub-path, and serve it on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from scripts.project import REPO, Project

SUB_PATH = "trata"


def mkdocs_config() -> dict:
    return Project.load().config


def locales() -> list[str]:
    """Configured locales, default first (the one list of languages, in mkdocs.yml)."""
    return Project.load().languages


def language_tag(locale: str) -> str:
    return Project.load().language_tag(locale)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_site(serve_root: Path, port: int, extra_env: dict[str, str] | None = None) -> Path:
    """Build with `mkdocs build --strict` into serve_root/<SUB_PATH>/ and return that folder."""
    site = serve_root / SUB_PATH
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/{SUB_PATH}/",
           "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site)],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(root: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build_scenario(root: Path, pages: dict[str, str], port: int = 8000,
                   extra_env: dict[str, str] | None = None,
                   edit_config: Callable[[str], str] | None = None,
                   files: dict[str, str] | None = None,
                   docs_files: dict[str, bytes] | None = None) -> Path:
    """Build a mini-site: the portal's config, theme and hooks with the given docs pages
    (path under docs/ → Markdown). The nav is generated from the pages. ``edit_config``
    changes mkdocs.yml's text; ``files`` replaces copied files (path under the root → text);
    ``docs_files`` adds other files under docs/ (path under docs/ → bytes, e.g. images)."""
    import shutil

    for name in ("hooks", "portal", "overrides", "data"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
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
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1",
           **(extra_env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=root, env=env, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return site


def page_text(title: str, body: str = "Texto de prueba.") -> str:
    return (f"---\ntitle: {title}\ndescription: Página de prueba para un escenario de construcción.\n"
            f"---\n\n# {title}\n\n{body}\n")
