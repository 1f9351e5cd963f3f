"""Image budget (issue 13 item 3): no published JPEG, PNG or WebP over 200 KB or wider than
1600 px. An image over it is optimised at build time (the original stays in the repository;
the output is deterministic and carries no metadata) or refused with its file, size and how
to fix it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from portal.publish.image_budget import MAX_BYTES, MAX_WIDTH, optimised
from tests.support.images import pixels, small_photo
from tests.support.site import build_scenario, locales, page_text

LOCALES = locales()
GPS_TAG = 0x8825


def photo(width: int = 2400, height: int = 1800, kind: str = "JPEG", quality: int = 95) -> bytes:
    """A phone-like photo: smooth colour with grain, EXIF with a GPS position, rotated."""
    base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    grain = Image.effect_noise((width, height), 40).convert("RGB")
    image = Image.blend(base, grain, 0.12)
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show upright
    exif[GPS_TAG] = {1: "S", 2: (0.0, 13.0, 5.0)}
    out = io.BytesIO()
    image.save(out, kind, quality=quality, exif=exif.tobytes())
    return out.getvalue()


def screenshot(width: int = 2400, height: int = 1600) -> bytes:
    """A wide screenshot or drawing as PNG: flat colours and small text."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 40):
        for y in range(0, height, 40):
            draw.rectangle([x, y, x + 30, y + 30], fill=((x * 7) % 256, (y * 5) % 256, ((x + y) * 3) % 256))
            draw.text((x + 2, y + 10), "ab", fill="black")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def noise_png(size: int = 1600) -> bytes:
    """Pure noise in colour: no encoding brings it under the budget without ruining it."""
    image = Image.merge("RGB", [Image.effect_noise((size, size), 128) for _ in range(3)])
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["JPEG", "WEBP", "PNG"])
def test_a_big_photo_is_brought_within_the_budget_without_metadata(kind: str) -> None:
    data = photo(kind=kind) if kind != "PNG" else screenshot()
    assert len(data) > MAX_BYTES
    out = optimised(data, kind)
    assert out is not None and len(out) <= MAX_BYTES
    with Image.open(io.BytesIO(out)) as image:
        assert image.format == kind
        assert image.width <= MAX_WIDTH
        if kind != "PNG":
            assert image.height > image.width  # turned upright from the EXIF orientation
        assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info
    assert optimised(data, kind) == out  # deterministic


@pytest.mark.slow
def test_an_image_that_cannot_fit_is_refused() -> None:
    assert optimised(noise_png(), "PNG") is None


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    root = tmp_path_factory.mktemp("images")
    pages = {f"{code}/index.md": page_text("Inicio", "![Una persona lee un folleto](foto.jpg)") for code in LOCALES}
    original = photo()
    site = build_scenario(root, pages, docs_files={"es/foto.jpg": original, "es/pequena.jpg": small_photo("JPEG"),
                                                   "es/logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"})
    return site, original


@pytest.mark.slow
def test_a_big_photo_in_a_page_is_published_within_the_budget(photo_site: tuple[Path, bytes]) -> None:
    site, original = photo_site
    published = site / "foto.jpg"
    assert published.exists() and len(original) > MAX_BYTES
    assert len(published.read_bytes()) <= MAX_BYTES
    with Image.open(published) as image:
        assert image.width <= MAX_WIDTH and GPS_TAG not in image.getexif()
    assert (site.parent / "docs" / "es" / "foto.jpg").read_bytes() == original  # the original stays
    assert (site / "logo.svg").read_bytes() == b"<svg xmlns='http://www.w3.org/2000/svg'/>"  # SVG untouched


@pytest.mark.slow
def test_a_small_photo_is_published_without_its_gps_position(photo_site: tuple[Path, bytes]) -> None:
    site, _ = photo_site
    original = small_photo("JPEG")
    assert (site.parent / "docs" / "es" / "pequena.jpg").read_bytes() == original  # the original stays
    published = (site / "pequena.jpg").read_bytes()
    with Image.open(io.BytesIO(published)) as image:
        assert GPS_TAG not in image.getexif() and "exif" not in image.info
    assert pixels(published) == pixels(original)


@pytest.mark.slow
def test_no_published_image_is_over_the_budget(site: Path, photo_site: tuple[Path, bytes]) -> None:
    for folder in (site, photo_site[0]):
        for path in folder.rglob("*"):
            if path.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp"}:
                assert path.stat().st_size <= MAX_BYTES, path
                with Image.open(path) as image:
                    assert image.width <= MAX_WIDTH, path


@pytest.mark.slow
def test_an_image_that_cannot_fit_stops_the_build_with_how_to_fix_it(tmp_path: Path) -> None:
    pages = {f"{code}/index.md": page_text("Inicio", "![Un dibujo](ruido.png)") for code in LOCALES}
    with pytest.raises(AssertionError) as failed:
        build_scenario(tmp_path, pages, docs_files={"es/ruido.png": noise_png()})
    message = str(failed.value)
    assert re.search(r"docs/es/ruido\.png: la imagen pesa \d+\.\d MB y mide 1600 px de ancho; el límite es "
                     r"200 KB y 1600 px", message), message[-1500:]
    assert "Cómo corregirlo" in message and "Traceback" not in message
