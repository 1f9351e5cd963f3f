"""Where build caches live: a git-ignored folder of the project, never the shared temp folder.

Not a hook. A cache in ``/tmp`` (``tempfile.gettempdir()``) can be written by any user of a
shared build host: compiled templates or compressed files planted there would be published
with the site. The project's own folder is writable only by whoever checked it out.
``.cache/`` is in ``.gitignore``; ``make clean`` removes it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

FOLDER = Path(".cache") / "portal"


def cache_folder(project: Path, name: str) -> Path:
    """``<project>/.cache/portal/<name>``, created if missing (``project``: the folder of
    mkdocs.yml)."""
    folder = project / FOLDER / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def project_folder(config_file_path: str | None) -> Path:
    """The project's folder: where mkdocs.yml is (the working directory if it is unknown)."""
    return Path(config_file_path).resolve().parent if config_file_path else Path.cwd()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that no reader ever sees part of it: into a temporary file
    of the same folder, then renamed over ``path``. A build stopped half-way, or two builds of
    one project at once, would otherwise leave a cut-off cache entry that later builds publish."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def content_key(parts: Iterable[str | bytes]) -> str:
    """sha256 of ``parts`` (text or bytes), each ended by a NUL so that ("ab", "c") and
    ("a", "bc") differ: a cache entry's name from everything its content depends on."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part.encode("utf-8") if isinstance(part, str) else part) + b"\0")
    return digest.hexdigest()


def cached_bytes(folder: Path | None, key: str, make: Callable[[], bytes]) -> bytes:
    """The entry ``key`` of ``folder``, made by ``make()`` and stored (whole: :func:`write_atomic`)
    the first time; with no folder, ``make()`` every time. The key must name everything the
    bytes depend on, the code and library versions that make them included."""
    if folder is None:
        return make()
    entry = folder / key
    if entry.is_file():
        return entry.read_bytes()
    data = make()
    write_atomic(entry, data)
    return data
