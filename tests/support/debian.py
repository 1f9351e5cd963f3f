"""The Debian packages the tests use: installed with apt-get when missing (the tests run as
root on the CI machine), never downloaded from elsewhere.

- :func:`apt_install`: what a test calls when its tool is missing; one apt-get at a time among
  the test processes (dpkg has one lock), and nothing is done for a package already installed.
- :func:`install_ahead`: what the controlling process of a run starts before its test workers:
  every missing package the selected tests will use, in the background, Chromium first (the
  session's build prints its PDFs with it). On a fresh machine each tool used to be installed
  by the first test that needed it, each with its own ``apt-get update``, one after another
  while the tests that needed nginx, Apache and Caddy waited near the end of the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.support.browser import CHROMIUM
from tests.support.once import LOCKS, exclusive

BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


@dataclass(frozen=True)
class Tool:
    """Debian packages, the file that shows they are installed, and the marker of the tests
    that use them (None: tests of any kind)."""

    packages: tuple[str, ...]
    installed: Path
    marker: str | None


# In the order they are installed ahead: Chromium first, then what the first tests need.
TOOLS = (
    Tool(("chromium",), CHROMIUM, None),  # the session's build prints PDFs
    Tool(("npm",), Path("/usr/bin/npm"), None),  # axe-core and vnu (tests/node), the editor
    Tool(("poppler-utils",), Path("/usr/bin/pdftotext"), None),  # the PDFs' text and links
    Tool(("default-jre-headless",), Path("/usr/bin/java"), "slow"),  # vnu
    Tool(("tesseract-ocr", "tesseract-ocr-eng"), Path("/usr/bin/tesseract"), "slow"),  # help card OCR
    Tool(("nginx-light", "libnginx-mod-http-brotli-static"), BROTLI_MODULE, "slow"),
    Tool(("apache2",), Path("/usr/sbin/apache2"), "slow"),
    Tool(("caddy",), Path("/usr/bin/caddy"), "slow"),
)
FIRST = 1  # TOOLS[:FIRST] are installed (and the lock let go) before the others


def _env() -> dict[str, str]:
    return {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}


def is_installed(package: str) -> bool:
    result = subprocess.run(["dpkg-query", "-W", "-f=${db:Status-Status}", package],
                            capture_output=True, text=True, check=False, timeout=60)
    return result.returncode == 0 and result.stdout.strip() == "installed"


def _install(packages: list[str]) -> list[str]:
    """apt-get install of the packages not installed yet (the caller holds the apt-get lock),
    the package lists updated first; returns the packages it installed."""
    missing = [p for p in packages if not is_installed(p)]
    if not missing:
        return []
    subprocess.run(["apt-get", "update", "-q"], check=True, env=_env(), capture_output=True, timeout=600)
    subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing],
                   check=True, env=_env(), capture_output=True, timeout=900)
    return missing


def apt_install(*packages: str) -> None:
    """Install Debian packages that are missing; waits for any other apt-get of the tests
    (among them the install ahead, which may be installing these very packages)."""
    if shutil.which("apt-get") is None:
        raise RuntimeError(f"apt-get no está disponible para instalar {packages}")
    with exclusive("apt-get"):
        try:
            _install(list(packages))
        except subprocess.CalledProcessError as failed:
            raise RuntimeError(f"apt-get install {' '.join(packages)} falló:\n{failed.stderr}") from failed


def wanted(selects: Callable[[str], bool]) -> list[Tool]:
    """The tools missing on this machine that the run's tests may use. ``selects(marker)``:
    whether the run selects tests with that marker (see install_ahead)."""
    return [tool for tool in TOOLS if not tool.installed.exists()
            and (tool.marker is None or selects(tool.marker))]


def install_ahead(tools: list[Tool], folder: Path = LOCKS) -> threading.Thread | None:
    """Start installing ``tools`` in the background: the apt-get lock is taken before this
    returns (so that a test worker started afterwards waits for it rather than installing the
    same package at once), given back once TOOLS[:FIRST] are in, taken again for the rest.
    Nothing is done where apt-get is missing or the run is not root. What was done, or what
    failed, is written to ``folder/apt-get.log``; the test that needs a tool that failed to
    install tries again itself and says what went wrong. ``folder``: where the locks are."""
    if not tools or shutil.which("apt-get") is None or os.geteuid() != 0:
        return None
    first = [t for t in tools if t in TOOLS[:FIRST]]
    rest = [t for t in tools if t not in first]
    held = exclusive("apt-get", folder)

    log: list[str] = []

    def install(group: list[Tool]) -> None:
        packages = [p for tool in group for p in tool.packages]
        if not packages:
            return
        try:
            log.append(f"instalado: {' '.join(_install(packages)) or '(nada, ya estaba)'}")
        except (subprocess.SubprocessError, OSError) as error:
            log.append(f"apt-get install {' '.join(packages)} falló: {error}\n{getattr(error, 'stderr', '')}")

    def run() -> None:
        try:
            with held:
                install(first)
            with exclusive("apt-get", folder):
                install(rest)
        finally:
            (folder / "apt-get.log").write_text("\n".join(log) + "\n", encoding="utf-8")

    thread = threading.Thread(target=run, name="apt-get ahead", daemon=True)
    thread.start()
    return thread
