"""Translation status: for every Spanish page and every other language, is the translation
missing, outdated (the Spanish page changed after it, by git history) or up to date?

Git history is the record: a translation is outdated when the last commit that touched the
Spanish page is newer than the last commit that touched the translation. Uncommitted edits
count as "now". CI must fetch the full history (actions/checkout with fetch-depth: 0).

Without that history (a downloaded zip, a shallow clone) nothing can be compared: existing
translations are then "unknown" (no se sabe), never reported as up to date.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path


class Status(str, Enum):
    MISSING = "falta"
    OUTDATED = "desactualizada"
    UP_TO_DATE = "al día"
    UNKNOWN = "no se sabe"


NO_HISTORY = (
    "No se puede saber si las traducciones están al día: {why}. Use una copia con "
    "todo el historial de git (git clone sin --depth; en CI, actions/checkout con "
    "fetch-depth: 0)."
)


@dataclass(frozen=True)
class Entry:
    page: str  # path inside the language folder, e.g. "pide-ayuda.md"
    language: str
    status: Status
    source_changed: int | None  # unix time of the Spanish page's last change
    translation_changed: int | None
    native_review: bool  # a native speaker reviewed it (front matter native_review)

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["status"] = self.status.name.lower()
        return data


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else ""


def history_problem(repo: Path) -> str | None:
    """Why git history cannot date the pages here, or None when it can."""
    if _git(repo, "rev-parse", "--is-inside-work-tree") != "true":
        return "esta carpeta no es un repositorio git (no tiene historial)"
    if _git(repo, "rev-parse", "--is-shallow-repository") == "true":
        return "esta copia de git está recortada (clonada con --depth) y le falta historial"
    if not _git(repo, "rev-parse", "--verify", "-q", "HEAD"):
        return "el repositorio git todavía no tiene ningún commit"
    return None


def last_change(repo: Path, path: Path) -> int:
    """Unix time of the last change to path: now if it has uncommitted edits."""
    relative = str(path.relative_to(repo))
    if _git(repo, "status", "--porcelain", "--", relative):
        return int(time.time())
    committed = _git(repo, "log", "-1", "--format=%ct", "--", relative)
    return int(committed) if committed else int(time.time())


def _reviewed(path: Path) -> bool:
    from portal.content.checks import read_meta

    return bool(read_meta(path).get("native_review"))


def translation_status(repo: Path, docs: Path, languages: list[str]) -> list[Entry]:
    source, others = languages[0], languages[1:]
    dated = history_problem(repo) is None
    entries: list[Entry] = []
    for original in sorted((docs / source).rglob("*.md")):
        page = original.relative_to(docs / source).as_posix()
        source_changed = last_change(repo, original) if dated else None
        for language in others:
            translation = docs / language / page
            if not translation.exists():
                entries.append(Entry(page, language, Status.MISSING, source_changed, None, False))
                continue
            if source_changed is None:
                entries.append(Entry(page, language, Status.UNKNOWN, None, None, _reviewed(translation)))
                continue
            changed = last_change(repo, translation)
            status = Status.OUTDATED if source_changed > changed else Status.UP_TO_DATE
            entries.append(Entry(page, language, status, source_changed, changed, _reviewed(translation)))
    return entries


def table(
    entries: list[Entry], languages: list[str], drafts: frozenset[str] = frozenset(), repo: Path | None = None
) -> str:
    """A plain-text table: one row per page, one column per translated language; ``drafts``
    are the languages whose pages await native review (mkdocs.yml extra.languages); with
    ``repo``, why the status is unknown when git history is missing."""
    others = languages[1:]
    pages = sorted({e.page for e in entries})
    by_key = {(e.page, e.language): e for e in entries}
    width = max([len("Página"), *map(len, pages)])
    lines = [f"{'Página':<{width}}  " + "  ".join(f"{lang:<22}" for lang in others)]
    lines.append("-" * len(lines[0]))
    for page in pages:
        cells = []
        for lang in others:
            entry = by_key[(page, lang)]
            cell = entry.status.value
            if entry.status in (Status.UP_TO_DATE, Status.OUTDATED) and lang in drafts and not entry.native_review:
                cell += " (borrador)"
            cells.append(f"{cell:<22}")
        lines.append(f"{page:<{width}}  " + "  ".join(cells))
    counts = {s: sum(1 for e in entries if e.status is s) for s in Status}
    lines.append("")
    lines.append(
        f"Total: {counts[Status.UP_TO_DATE]} al día, {counts[Status.OUTDATED]} "
        f"desactualizadas, {counts[Status.MISSING]} faltan."
    )
    if counts[Status.UNKNOWN]:
        why = history_problem(repo) if repo is not None else None
        lines.append(f"{counts[Status.UNKNOWN]} sin saber. " + NO_HISTORY.format(why=why or "no hay historial de git"))
    return "\n".join(lines)
