"""Draw the image shown when a page is shared (WhatsApp, Facebook...), one per language.

Events:
- pipeline step (``portal.publish.pipeline``): writes
  ``assets/images/social-<locale>.png`` (1200×630) with the site name in that language and the
  help numbers from ``data/contactos.yml``. Drawn with Pillow's bundled font: no font is
  downloaded and nothing depends on the fonts installed on the build machine.

Each image is cached in the project's ``.cache/portal/social-images`` by what it shows (site
name, label, numbers), this code and Pillow's version: drawing and encoding the three took
50 ms of every build. This module imports Pillow only to draw (the image steps import it anyway).
"""

from __future__ import annotations

import importlib.metadata
import io
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from portal.build_cache import cache_folder, cached_bytes, content_key
from portal.settings import Settings

if TYPE_CHECKING:
    from PIL import Image, ImageFont

SIZE = (1200, 630)
NAVY, WHITE, YELLOW = "#123a63", "#ffffff", "#fff4cc"


def write_images(site: Path, settings: Settings) -> None:
    folder = site / "assets" / "images"
    folder.mkdir(parents=True, exist_ok=True)
    cache = cache_folder(settings.root, "social-images")
    numbers = "   ·   ".join(line.short for line in settings.data["contacts"].lines if line.in_help_bar)
    code = content_key([Path(__file__).read_text(encoding="utf-8"), importlib.metadata.version("pillow")])
    for lang in settings.languages:
        label = settings.data["ui"].text("help_bar_label", lang.code).rstrip(":")
        key = content_key([code, lang.site_name, label, numbers]) + ".png"
        png = cached_bytes(cache, key, partial(_png, lang.site_name, label, numbers))
        (folder / f"social-{lang.code}.png").write_bytes(png)


def _png(site_name: str, label: str, numbers: str) -> bytes:
    buffer = io.BytesIO()
    draw(site_name, label, numbers).save(buffer, format="PNG")  # optimize=True: 4x the time for 5 %
    return buffer.getvalue()


def _wrap(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def draw(site_name: str, label: str, numbers: str) -> Image.Image:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", SIZE, NAVY)
    pen = ImageDraw.Draw(image)
    title, small, big = (ImageFont.load_default(size=s) for s in (68, 40, 84))
    y = 70
    for line in _wrap(site_name, title, SIZE[0] - 140):
        pen.text((70, y), line, font=title, fill=WHITE)
        y += 84
    y += 40
    for line in _wrap(label, small, SIZE[0] - 140):
        pen.text((70, y), line, font=small, fill=YELLOW)
        y += 52
    pen.text((70, y + 20), numbers, font=big, fill=WHITE)
    pen.rectangle((0, SIZE[1] - 24, SIZE[0], SIZE[1]), fill=YELLOW)
    return image
