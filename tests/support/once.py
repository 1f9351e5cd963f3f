"""What the test processes of one run share: `make test` runs the suite in one worker per CPU
(pytest-xdist, ``-n auto``), and the session's build, sweep and test server are made once for
all of them, by whichever worker needs them first, behind a file lock.

- :class:`exclusive`: a lock held by one process of the machine at a time (installs with
  apt-get and npm: two at once would fail on dpkg's lock or write the same node_modules),
  in a ``with`` block or until released (tests/support/debian.py hands one to a thread).
- :func:`once`: ``produce(folder)`` runs in the first worker that asks; every worker gets its
  result (pickled in the run's shared folder). A failure is kept too: the other workers get
  the same error at once instead of trying again.
- :func:`shared_root`: the run's folder that every worker sees (pytest's base temporary folder
  of the controlling process; without xdist, the session's own).
"""

from __future__ import annotations

import fcntl
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

from tests.support.site import REPO

T = TypeVar("T")
LOCKS = REPO / ".cache" / "portal-tests"


class exclusive:  # noqa: N801 - used as a function: ``with exclusive("apt-get"):``
    """The lock ``folder/name.lock``, taken at once (waits for the process holding it) and
    held until the end of a ``with`` block or :meth:`release`, which may come in another thread."""

    def __init__(self, name: str, folder: Path = LOCKS) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._handle: IO[str] | None = (folder / f"{name}.lock").open("w", encoding="utf-8")
        fcntl.flock(self._handle, fcntl.LOCK_EX)

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None

    def __enter__(self) -> exclusive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def is_worker() -> bool:
    return "PYTEST_XDIST_WORKER" in os.environ


def shared_root(basetemp: Path) -> Path:
    """The run's shared folder, from this process's pytest base temporary folder (a worker's
    is ``<controller's>/popen-gwN``)."""
    folder = (basetemp.parent if is_worker() else basetemp) / "shared"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class SharedFailure(RuntimeError):
    """What the worker that tried to produce a shared value raised."""


def once(basetemp: Path, name: str, produce: Callable[[Path], T]) -> T:
    """``produce(<shared>/<name>/)``, run once per test run whatever the number of workers."""
    root = shared_root(basetemp)
    result = root / f"{name}.pickle"
    with exclusive(name, root):
        if not result.exists():
            folder = root / name
            folder.mkdir(exist_ok=True)
            try:
                value: object = ("ok", produce(folder))
            except Exception as error:  # noqa: BLE001 - kept for the other workers, then raised
                value = ("failed", f"{type(error).__name__}: {error}")
                result.write_bytes(pickle.dumps(value))
                raise
            result.write_bytes(pickle.dumps(value))
        status, payload = pickle.loads(result.read_bytes())  # noqa: S301 - written by this run
    if status == "failed":
        raise SharedFailure(f"{name}, in another test process: {payload}")
    return payload  # type: ignore[no-any-return]
