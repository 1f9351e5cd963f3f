"""Draw the image shown when a page is shared (WhatsApp, Facebook...), one per language.

Events:
- ``on_post_build`` at priority -180, in the outer build only: writes
  ``assets/images/social-<locale>.png`` (1200×630) with the site name in that language and the
  help numbers from ``data/contactos.yml``. Drawn with Pillow's bundled font: no font is
  downloaded and nothing depends on the fonts installed on the build machine.
"""

from __future__ import annotations

from pathlib import Path

from portal.content.schema import Contacts, InterfaceText
from portal.i18n_state import is_nested_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
NAVY, WHITE, YELLOW = "#123a63", "#ffffff", "#fff4cc"


@event_priority(-180)
def on_post_build(config: MkDocsConfig) -> None:
    if is_nested_build(config):
        return
    plugin = config.plugins.get("i18n")
    names = {lang.locale: lang.site_name or config.site_name for lang in plugin.config.languages} if plugin else {}
    folder = Path(config.site_dir) / "assets" / "images"
    folder.mkdir(parents=True, exist_ok=True)
    for locale, site_name in names.items():
        image = draw(site_name, config.extra["ui"], config.extra["contacts"], locale)
        image.save(folder / f"social-{locale}.png")  # optimize=True costs 4x the time for 5 %


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
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
