"""The browser editor in tests: Sveltia CMS installed from tools/cms/package-lock.json, the
repository's content copied into the browser's origin-private file system (OPFS) so the
editor's local-repository mode (File System Access API) reads and writes it, and back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.support.browser import apt_install
from tests.support.site import REPO

CMS_DIR = REPO / "tools" / "cms"
BUNDLE = CMS_DIR / "node_modules" / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"


def ensure_cms() -> None:
    """``npm ci --prefix tools/cms`` when the bundle is missing (what ``make cms`` does)."""
    from tests.support.once import exclusive

    if BUNDLE.exists():
        return
    with exclusive("npm-tools-cms"):  # one npm ci at a time in the same folder
        if not BUNDLE.exists():
            _install_cms()


def _install_cms() -> None:
    if shutil.which("npm") is None:
        apt_install("npm")
    result = subprocess.run(
        ["npm", "ci", "--prefix", str(CMS_DIR), "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0 or not BUNDLE.exists():
        raise RuntimeError(f"npm ci --prefix tools/cms falló:\n{result.stdout}\n{result.stderr}")


def content_files(root: Path = REPO) -> dict[str, str]:
    """What the editor needs of a working copy: docs/ and data/ (path → text)."""
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for folder in ("docs", "data")
        for path in sorted((root / folder).rglob("*"))
        if path.is_file() and path.suffix in {".md", ".yml"}
    }


# The folder picker answers with the OPFS root: a real FileSystemDirectoryHandle, so the
# editor's own code reads, checks (.git) and writes it exactly as a folder on disk.
PICKER_SCRIPT = "window.showDirectoryPicker = async () => navigator.storage.getDirectory();"

FILL_OPFS = """async (files) => {
  const root = await navigator.storage.getDirectory();
  await root.getDirectoryHandle('.git', {create: true});
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, {create: true});
    const handle = await folder.getFileHandle(parts.at(-1), {create: true});
    const writable = await handle.createWritable();
    await writable.write(text);
    await writable.close();
  }
  return Object.keys(files).length;
}"""

READ_OPFS = """async (path) => {
  const parts = path.split('/');
  let folder = await navigator.storage.getDirectory();
  for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
  const file = await (await folder.getFileHandle(parts.at(-1))).getFile();
  return await file.text();
}"""
