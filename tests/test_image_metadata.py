"""Published images carry no metadata (portal/publish/image_metadata.py): a phone photo within
the image budget loses its EXIF (GPS position, date, camera), XMP and comments without being
encoded again, so its pixels and its image data are exactly as they were."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from portal.publish.image_budget import MAX_BYTES, enforce
from portal.publish.image_metadata import UnreadableImage, needs_turning, without_metadata
from tests.support.images import GPS_TAG, pixels, small_photo


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_metadata_is_removed_and_the_picture_kept(kind: str) -> None:
    original = small_photo(kind)
    assert b"GPS" in original or GPS_TAG in Image.open(io.BytesIO(original)).getexif()
    stripped = without_metadata(original, kind)
    assert len(stripped) < len(original) <= MAX_BYTES
    with Image.open(io.BytesIO(stripped)) as image:
        image.load()
        assert image.format == kind
        assert not image.getexif(), image.getexif()
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "Location", "Comment"} & set(image.info), image.info
    for secret in (b"Calle de prueba", b"casa de acogida", b"GPSLatitude", "Teléfono".encode()):
        assert secret not in stripped
    assert pixels(stripped) == pixels(original)  # not encoded again
    assert without_metadata(stripped, kind) == stripped  # nothing left to remove


def test_an_image_without_metadata_is_left_as_it_is() -> None:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, "PNG")
    assert without_metadata(out.getvalue(), "PNG") == out.getvalue()


def test_a_file_that_is_not_what_its_name_says_is_refused() -> None:
    with pytest.raises(UnreadableImage):
        without_metadata(b"<svg/>", "JPEG")


def test_a_turned_photo_is_re_encoded_upright() -> None:
    assert needs_turning(small_photo("JPEG", orientation=6)) and not needs_turning(small_photo("JPEG"))


def test_the_published_site_has_no_image_with_metadata(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "img").mkdir(parents=True)
    for kind, suffix in (("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")):
        (site / "img" / f"foto.{suffix}").write_bytes(small_photo(kind))
    (site / "img" / "girada.jpg").write_bytes(small_photo("JPEG", orientation=6))
    outcomes = {outcome.path.name: outcome for outcome in enforce(site)}
    assert {name: outcome.reason for name, outcome in outcomes.items()} == {
        "foto.jpg": "metadata", "foto.png": "metadata", "foto.webp": "metadata", "girada.jpg": "turned"}
    for path in (site / "img").iterdir():
        with Image.open(path) as image:
            assert not image.getexif() and "exif" not in image.info, path
    with Image.open(site / "img" / "girada.jpg") as image:
        assert image.height > image.width  # shown upright without its EXIF
    assert enforce(site) == []  # a second pass finds nothing to do


def test_an_image_that_is_not_what_its_name_says_stops_the_build(tmp_path: Path) -> None:
    from portal.publish.image_budget import refusal

    site = tmp_path / "site"
    site.mkdir()
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, "PNG")
    (site / "foto.jpg").write_bytes(out.getvalue())  # a PNG named .jpg
    (outcome,) = enforce(site)
    assert outcome.after is None and outcome.reason == "unreadable"
    message = refusal(Path("docs/es/foto.jpg"), outcome)
    assert message.startswith("docs/es/foto.jpg: el archivo no es la imagen que dice su nombre (.jpg)")
    assert "Cómo corregirlo" in message


def test_no_published_image_carries_metadata(site: Path) -> None:
    for path in site.rglob("*"):
        if path.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp"}:
            assert without_metadata(path.read_bytes(), Image.open(path).format) == path.read_bytes(), path
