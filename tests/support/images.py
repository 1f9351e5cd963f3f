"""Test images as phones write them: small photos with a GPS position and other metadata."""

from __future__ import annotations

import io

from PIL import Image, PngImagePlugin

GPS_TAG = 0x8825
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><exif:GPSLatitude>0,13.5S</exif:GPSLatitude></rdf:RDF></x:xmpmeta>'


def small_photo(kind: str, orientation: int = 1) -> bytes:
    """A small photo (within the budget) with a GPS position, as a phone writes it."""
    image = Image.linear_gradient("L").resize((320, 200)).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Teléfono de prueba"  # camera maker
    exif[GPS_TAG] = {1: "S", 2: (0.0, 13.0, 5.0), 3: "W", 4: (78.0, 30.0, 0.0)}
    out = io.BytesIO()
    if kind == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Location", "Calle de prueba 123")
        text.add_itxt("Comment", "casa de acogida")
        image.save(out, "PNG", pnginfo=text, exif=exif.tobytes())
    elif kind == "JPEG":
        image.save(out, "JPEG", quality=90, exif=exif.tobytes(), comment=b"casa de acogida", xmp=XMP)
    else:
        image.save(out, "WEBP", quality=90, exif=exif.tobytes(), xmp=XMP)
    return out.getvalue()


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB").tobytes()
