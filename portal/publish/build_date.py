"""The build's date: the same for every build of one commit (reproducible builds).

Not a hook. ``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/)
when it is set, else the time of the last git commit, else 1 January 2026 (a folder that is
not a git checkout, such as an unpacked archive). Files that carry a date they were made
(PDF metadata, feeds, calendars, zip entries) use it instead of the clock.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

FALLBACK = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def build_date(project: Path, environ: dict[str, str] | None = None) -> dt.datetime:
    environ = dict(os.environ) if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, check=False, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return FALLBACK
    stamp = result.stdout.strip()
    return dt.datetime.fromtimestamp(int(stamp), dt.UTC) if stamp.isdigit() else FALLBACK
