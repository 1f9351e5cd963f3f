"""Where build caches live: a git-ignored folder of the project, never the shared temp folder.

Not a hook. A cache in ``/tmp`` (``tempfile.gettempdir()``) can be written by any user of a
shared build host: compiled templates or compressed files planted there would be published
with the site. The project's own folder is writable only by whoever checked it out.
``.cache/`` is in ``.gitignore``; ``make clean`` removes it.
"""

from __future__ import annotations

import os
import tempfile
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
