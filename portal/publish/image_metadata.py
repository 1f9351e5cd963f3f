"""Published images carry no metadata: no EXIF (GPS position, date, camera, owner), no XMP,
no IPTC, no comments, no text chunks. A phone photo small enough for the image budget
(``image_budget.py``) would otherwise be published as it came, with the place where it was
taken: on this portal that could point at a shelter or a person.

Removed without re-encoding, so the picture stays exactly as it was (same pixels, same
bytes of image data): whole segments of a JPEG, chunks of a PNG or of a WebP's RIFF container.
Written here because Pillow only removes metadata by encoding the picture again (lossy for
JPEG and WebP), and piexif removes EXIF only. An image that EXIF says to show turned
(orientation other than 1) cannot lose its EXIF this way: ``needs_turning`` tells the caller to
re-encode it upright (``image_budget.optimised``).
"""

from __future__ import annotations

import io
import struct

from PIL import Image

ORIENTATION = 0x0112
# JPEG: the application segments kept are JFIF (APP0), the colour profile (APP2, ICC) and
# Adobe's (APP14: it says how to read the colours of CMYK images). Every other APPn segment
# (APP1 EXIF and XMP, APP13 IPTC, makers' own) and comments (COM) go.
_JPEG_KEPT_APP = {0xE0, 0xE2, 0xEE}
_JPEG_COMMENT = 0xFE
_JPEG_START_OF_SCAN = 0xDA
# PNG: text chunks (tEXt, zTXt, iTXt), EXIF (eXIf) and the time of the last change (tIME).
_PNG_DROPPED = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# WebP: the EXIF and XMP chunks, and their flags in the extended header (VP8X).
_WEBP_DROPPED = {b"EXIF", b"XMP "}
_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04


class UnreadableImage(ValueError):
    """The file is not the JPEG, PNG or WebP its name says."""


def needs_turning(data: bytes) -> bool:
    """True when the image's EXIF asks to show it turned or mirrored."""
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif().get(ORIENTATION, 1) not in (1, None)


def without_metadata(data: bytes, kind: str) -> bytes:
    """``data`` with its metadata removed (the same bytes if it had none). ``kind``: JPEG,
    PNG or WEBP, as Pillow names them."""
    if kind == "JPEG":
        return _jpeg(data)
    if kind == "PNG":
        return _png(data)
    if kind == "WEBP":
        return _webp(data)
    raise ValueError(f"formato desconocido: {kind}")


def _jpeg(data: bytes) -> bytes:
    if data[:2] != b"\xff\xd8":
        raise UnreadableImage("no empieza como un JPEG")
    out = bytearray(data[:2])
    position = 2
    while position < len(data):
        if data[position] != 0xFF:
            raise UnreadableImage(f"marcador JPEG esperado en el byte {position}")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker == _JPEG_START_OF_SCAN or 0xD0 <= marker <= 0xD9:
            out += data[position:]  # the image data, up to the end: copied as it is
            return bytes(out)
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if end > len(data):
            raise UnreadableImage("un segmento JPEG termina después del archivo")
        if not (0xE0 <= marker <= 0xEF and marker not in _JPEG_KEPT_APP) and marker != _JPEG_COMMENT:
            out += data[position:end]
        position = end
    return bytes(out)


def _png(data: bytes) -> bytes:
    if not data.startswith(_PNG_SIGNATURE):
        raise UnreadableImage("no empieza como un PNG")
    out = bytearray(_PNG_SIGNATURE)
    position = len(_PNG_SIGNATURE)
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise UnreadableImage("un bloque PNG termina después del archivo")
        if kind not in _PNG_DROPPED:
            out += data[position:end]
        position = end
        if kind == b"IEND":
            break
    return bytes(out)


def _webp(data: bytes) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise UnreadableImage("no empieza como un WebP")
    chunks = bytearray()
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack("<I", data[position + 4 : position + 8])
        end = position + 8 + length + (length & 1)  # chunks are padded to an even length
        if end > len(data) + 1:
            raise UnreadableImage("un bloque WebP termina después del archivo")
        chunk = bytearray(data[position : min(end, len(data))])
        if kind == b"VP8X":
            chunk[8] &= ~(_VP8X_EXIF | _VP8X_XMP) & 0xFF
        if kind not in _WEBP_DROPPED:
            chunks += chunk
        position = end
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WEBP" + bytes(chunks)
