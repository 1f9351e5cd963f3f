"""The tests' Debian packages installed ahead, in the background (tests/support/debian.py):
the apt-get lock is held before the test workers start, Chromium comes first, and a test that
asks for a package meanwhile waits instead of running a second apt-get."""

from __future__ import annotations

import fcntl
import threading
from pathlib import Path

import pytest

from tests.support import debian
from tests.support.once import exclusive


def _is_locked(folder: Path) -> bool:
    with (folder / "apt-get.lock").open("w", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


@pytest.fixture
def as_root_with_apt(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """apt-get present, the run root, and _install recorded instead of run."""
    monkeypatch.setattr(debian.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(debian.os, "geteuid", lambda: 0)
    calls: list[list[str]] = []
    return calls


def test_the_lock_is_held_before_install_ahead_returns_and_chromium_goes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_root_with_apt: list[list[str]]
) -> None:
    go_on = threading.Event()

    def install(packages: list[str]) -> list[str]:
        as_root_with_apt.append(packages)
        go_on.wait(10)
        return packages

    monkeypatch.setattr(debian, "_install", install)
    chromium, nginx, caddy = debian.TOOLS[0], debian.TOOLS[5], debian.TOOLS[7]
    thread = debian.install_ahead([caddy, chromium, nginx], tmp_path)
    assert thread is not None
    assert _is_locked(tmp_path), "a test worker started now would run its own apt-get at once"
    go_on.set()
    thread.join(10)
    assert as_root_with_apt == [["chromium"], ["caddy", "nginx-light", "libnginx-mod-http-brotli-static"]]
    assert not _is_locked(tmp_path), "the lock was never given back"
    assert "instalado: chromium" in (tmp_path / "apt-get.log").read_text(encoding="utf-8")


def test_a_failed_install_is_logged_and_lets_the_lock_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_root_with_apt: list[list[str]]
) -> None:
    def install(packages: list[str]) -> list[str]:
        raise debian.subprocess.CalledProcessError(100, ["apt-get"], stderr="E: Unable to locate package caddy")

    monkeypatch.setattr(debian, "_install", install)
    thread = debian.install_ahead([debian.TOOLS[7]], tmp_path)
    assert thread is not None
    thread.join(10)
    assert not _is_locked(tmp_path)
    assert "Unable to locate package caddy" in (tmp_path / "apt-get.log").read_text(encoding="utf-8")


def test_nothing_is_done_without_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(debian.os, "geteuid", lambda: 1000)
    assert debian.install_ahead([debian.TOOLS[0]], tmp_path) is None
    assert not _is_locked(tmp_path)


def test_only_missing_tools_of_the_selected_tests_are_wanted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(debian.Path, "exists", lambda path: path == debian.TOOLS[0].installed)
    quick = debian.wanted(lambda marker: marker != "slow")  # make test-rapido: -m "not slow ..."
    assert debian.TOOLS[0] not in quick  # Chromium is there
    assert quick and all(tool.marker is None for tool in quick)
    everything = debian.wanted(lambda marker: True)
    assert {tool.marker for tool in everything} == {None, "slow"} and debian.TOOLS[0] not in everything


def test_apt_install_waits_for_the_install_ahead_and_skips_what_it_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(debian, "exclusive", lambda name: exclusive(name, tmp_path))
    monkeypatch.setattr(debian.shutil, "which", lambda name: f"/usr/bin/{name}")
    installed: set[str] = set()
    ran: list[list[str]] = []
    monkeypatch.setattr(debian, "is_installed", lambda package: package in installed)
    monkeypatch.setattr(debian.subprocess, "run", lambda command, **_: ran.append(command))
    ahead = exclusive("apt-get", tmp_path)  # the install ahead, still at work
    asked = threading.Thread(target=debian.apt_install, args=("caddy",))
    asked.start()
    asked.join(0.5)
    assert asked.is_alive(), "apt_install did not wait for the apt-get lock"
    installed.add("caddy")  # what the install ahead did meanwhile
    ahead.release()
    asked.join(10)
    assert not asked.is_alive() and ran == [], "caddy was installed a second time"
