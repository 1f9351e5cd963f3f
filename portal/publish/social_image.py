"""Draw the image shown when a page is shared (WhatsApp, Facebook...), one per language.

Events:
- pipeline step (``portal.publish.pipeline``): writes
  ``assets/images/social-<locale>.png`` (1200×630) with the site name in that language and the
  help numbers from ``data/contactos.yml``. Drawn with Pillow's bundled font: no font is
  downloaded and nothing depends on the fonts installed on the build machine.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from portal.content.schema import Contacts, InterfaceText
from portal.settings import Settings

SIZE = (1200, 630)
NAVY, WHITE, YELLOW = "#123a63", "#ffffff", "#fff4cc"


def write_images(site: Path, settings: Settings) -> None:
    names = {lang.code: lang.site_name for lang in settings.languages}
    folder = site / "assets" / "images"
    folder.mkdir(parents=True, exist_ok=True)
    for locale, site_name in names.items():
        image = draw(site_name, settings.data["ui"], settings.data["contacts"], locale)
        image.save(folder / f"social-{locale}.png")  # optimize=True costs 4x the time for 5 %


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


def draw(site_name: str, ui: InterfaceText, contacts: Contacts, locale: str) -> Image.Image:
    image = Image.new("RGB", SIZE, NAVY)
    pen = ImageDraw.Draw(image)
    title, small, big = (ImageFont.load_default(size=s) for s in (68, 40, 84))
    y = 70
    for line in _wrap(site_name, title, SIZE[0] - 140):
        pen.text((70, y), line, font=title, fill=WHITE)
        y += 84
    y += 40
    label = ui.text("help_bar_label", locale).rstrip(":")
    for line in _wrap(label, small, SIZE[0] - 140):
        pen.text((70, y), line, font=small, fill=YELLOW)
        y += 52
    numbers = "   ·   ".join(line.short for line in contacts.lines if line.in_help_bar)
    pen.text((70, y + 20), numbers, font=big, fill=WHITE)
    pen.rectangle((0, SIZE[1] - 24, SIZE[0], SIZE[1]), fill=YELLOW)
    return image
