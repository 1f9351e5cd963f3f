"""The browser editor in tests: Sveltia CMS installed from tools/cms/package-lock.json, the
repository's content copied into the browser's origin-private file system (OPFS) so the
editor's local-repository mode (File System Access API) reads and writes it, and back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from tests.support.debian import apt_install
from tests.support.site import BUILD_TIMEOUT, REPO

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
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=BUILD_TIMEOUT,
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

# Every file in OPFS (path → text), to see which files a save wrote or rewrote.
READ_ALL_OPFS = """async () => {
  const out = {};
  async function walk(folder, prefix) {
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else out[prefix + name] = await (await handle.getFile()).text();
    }
  }
  await walk(await navigator.storage.getDirectory(), '');
  return out;
}"""


def language_name(page: Any, code: str) -> str:
    """The name the editor's language switch gives a language (es-CO, capitalised)."""
    name = str(page.evaluate("c => new Intl.DisplayNames(['es-CO'], {type: 'language'}).of(c)", code))
    return name[:1].upper() + name[1:]


# One file's bytes (an image the editor wrote), as a list of numbers.
READ_OPFS_BYTES = """async (path) => {
  const parts = path.split('/');
  let folder = await navigator.storage.getDirectory();
  for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
  const file = await (await folder.getFileHandle(parts.at(-1))).getFile();
  return Array.from(new Uint8Array(await file.arrayBuffer()));
}"""


def photo_png(path: Path, size: tuple[int, int] = (2400, 1400)) -> Path:
    """A photo-like PNG straight from a phone: wider than 1600 px and several MB (a gradient
    with grain: it compresses well once scaled down and converted to WebP)."""
    from PIL import Image

    gradient = Image.linear_gradient("L").resize(size)
    grain = Image.effect_noise(size, 8)
    image = Image.merge("RGB", (gradient, Image.blend(gradient, grain, 0.3), grain.point(lambda v: v // 2 + 60)))
    image.save(path, compress_level=1)  # quick to write; still several MB
    return path


def drawing_png(path: Path, size: tuple[int, int] = (2400, 1200)) -> Path:
    """A drawing of many thin lines: small as PNG, over 200 KB once the editor makes it WebP."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 40):
        draw.line([(x, 0), (size[0] - x, size[1])], fill=(x % 255, 80, 160), width=6)
    image.save(path)
    return path


# Whether a file exists in OPFS (no reading).
OPFS_HAS = """async (path) => {
  const parts = path.split('/');
  try {
    let folder = await navigator.storage.getDirectory();
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
    await folder.getFileHandle(parts.at(-1));
    return true;
  } catch (error) {
    return false;
  }
}"""
