"""The session's test server as a process of its own, shared by every test worker of a run
(tests/support/once.py): ``python -m tests.support.serve SETTINGS.json``.

It binds a free port on 127.0.0.1 at once, writes it to ``port_file`` (whole, by renaming), serves
``root`` with the given headers (:class:`tests.support.site.SiteServer`) and stops when the
process it watches (the test run's controlling pytest) has ended, so that no server outlives
its run even when pytest is killed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SharedServer:
    """The session's test server (tests/support/serve.py): one process for every test worker
    of the run, serving from the moment it exists; it ends with the run."""

    root: Path
    port: int
    pid: int

    def start(self) -> SharedServer:
        return self


def start_shared_server(folder: Path) -> SharedServer:
    """Start the server process for the files of ``folder/serve`` and wait for its port."""
    from portal.publish import server_config
    from tests.support.once import is_worker
    from tests.support.site import REPO

    root, port_file, settings = folder / "serve", folder / "port", folder / "server.json"
    root.mkdir(exist_ok=True)
    settings.write_text(json.dumps({
        "root": str(root), "port_file": str(port_file),
        "headers": server_config.SECURITY_HEADERS,
        "path_headers": {server_config.ADMIN_PATH: server_config.ADMIN_HEADERS},
        "resource_headers": server_config.RESOURCE_HEADERS,
        "resource_pattern": server_config.RESOURCE_FILE_REGEX,
        # The run's controlling pytest: the parent of a worker, or this process.
        "watch": os.getppid() if is_worker() else os.getpid(),
    }), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "tests.support.serve", str(settings)], cwd=REPO)
    SERVERS.append(process)
    deadline = time.monotonic() + 30
    while not port_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the test server did not start (exit code {process.poll()})")
        time.sleep(0.05)
    return SharedServer(root, int(port_file.read_text(encoding="utf-8")), process.pid)


SERVERS: list[subprocess.Popen[bytes]] = []


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def main(settings_file: str) -> int:
    from tests.support.site import SiteServer

    settings = json.loads(Path(settings_file).read_text(encoding="utf-8"))
    server = SiteServer(Path(settings["root"]), headers=settings["headers"],
                        path_headers=settings["path_headers"], resource_headers=settings["resource_headers"],
                        resource_pattern=settings["resource_pattern"]).start()
    port_file = Path(settings["port_file"])
    partial = port_file.with_suffix(".partial")
    partial.write_text(str(server.port), encoding="utf-8")
    partial.replace(port_file)
    try:
        while alive(settings["watch"]):
            time.sleep(0.5)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
