"""Image budget of the published site: no JPEG, PNG or WebP over 200 KB or wider than 1600 px.

Not a hook (``optimise_images.py`` runs it on the built site). The site is read on slow phone
networks: a 3 MB photo straight from a phone costs a reader more than all the rest of a page.
An image over the budget is re-encoded in the built site (the original in the repository is
never touched): turned upright (EXIF orientation), scaled down to 1600 px wide, written
without metadata (no EXIF, no GPS position, no colour profile, no text chunks) at fixed
settings, so the same input always gives the same bytes. JPEG and WebP try a few fixed
qualities; PNG tries a 256-colour palette (good for drawings and screenshots). If nothing
brings it under the budget, the image is refused with its file, its size and how to fix it.
SVG is text and is not touched here.

An image within the budget is published as it is, less its metadata (``image_metadata.py``:
EXIF with a GPS position, XMP, comments... removed without re-encoding), or re-encoded upright
like the others when its EXIF says to show it turned.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from portal.publish.image_metadata import UnreadableImage, needs_turning, without_metadata

MAX_BYTES = 200 * 1024
MAX_WIDTH = 1600
SUFFIXES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
# Tried in order; the first that fits is kept. Fixed values: the output is deterministic.
QUALITIES = (82, 72, 62, 50)


@dataclass(frozen=True)
class Outcome:
    path: Path  # the published file
    before: int  # bytes
    after: int | None  # bytes once optimised, None if refused
    width_before: int
    width_after: int | None
    reason: str = "budget"  # "budget" (over it), "turned" (EXIF orientation), "metadata" (stripped)


def over_budget(size: int, width: int) -> bool:
    return size > MAX_BYTES or width > MAX_WIDTH


def kb(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _encodings(image: Image.Image, kind: str) -> Iterable[bytes]:
    if kind in {"JPEG", "WEBP"}:
        if kind == "JPEG" and image.mode not in {"RGB", "L"}:
            image = image.convert("RGB")
        for quality in QUALITIES:
            out = io.BytesIO()
            if kind == "JPEG":
                image.save(out, "JPEG", quality=quality, optimize=True, progressive=True, subsampling="4:2:0")
            else:
                image.save(out, "WEBP", quality=quality, method=6, exact=False)
            yield out.getvalue()
        return
    for candidate in (
        image,
        image.convert("RGBA").quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE),
    ):
        out = io.BytesIO()
        candidate.save(out, "PNG", optimize=True)
        yield out.getvalue()


def optimised(data: bytes, kind: str) -> bytes | None:
    """The image within the budget (scaled, stripped, re-encoded), or None if it cannot be."""
    with Image.open(io.BytesIO(data)) as opened:
        opened.load()
        image = ImageOps.exif_transpose(opened)
    if image.width > MAX_WIDTH:
        height = max(1, round(image.height * MAX_WIDTH / image.width))
        image = image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    image.info = {}
    for encoded in _encodings(image, kind):
        if len(encoded) <= MAX_BYTES:
            return encoded
    return None


def enforce(site: Path) -> list[Outcome]:
    """Optimise, in ``site``, every image over the budget and strip the metadata of the
    others; return what was done (refused images are left as they were, with ``after`` None:
    the caller stops the build)."""
    outcomes = []
    for path in sorted(p for p in site.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()):
        data = path.read_bytes()
        kind = SUFFIXES[path.suffix.lower()]
        with Image.open(io.BytesIO(data)) as image:
            width = image.width
        reason = "budget" if over_budget(len(data), width) else ("turned" if needs_turning(data) else "metadata")
        if reason == "metadata":
            try:
                stripped = without_metadata(data, kind)
            except UnreadableImage:
                outcomes.append(Outcome(path, len(data), None, width, None, "unreadable"))
                continue
            if stripped != data:
                path.write_bytes(stripped)
                outcomes.append(Outcome(path, len(data), len(stripped), width, width, reason))
            continue
        better = optimised(data, kind)
        if better is None:
            outcomes.append(Outcome(path, len(data), None, width, None, reason))
            continue
        path.write_bytes(better)
        with Image.open(io.BytesIO(better)) as image:
            outcomes.append(Outcome(path, len(data), len(better), width, image.width, reason))
    return outcomes


def source_of(published: Path, site: Path, sources: list[Path], languages: list[str]) -> Path:
    """The repository file a published image comes from (``sources``: docs/ and overrides/;
    the default language's pages are at the root of the site, the others under <lang>/)."""
    relative = published.relative_to(site)
    parts = relative.parts
    candidates = []
    for folder in sources:
        if parts and parts[0] in languages[1:]:
            rest = Path(*parts[1:])
            candidates += [folder / parts[0] / rest, folder / languages[0] / rest]
        candidates += [folder / languages[0] / relative, folder / relative]
    return next((c for c in candidates if c.is_file()), published)


def refusal(source: Path, outcome: Outcome) -> str:
    if outcome.reason == "unreadable":
        return (
            f"{source}: el archivo no es la imagen que dice su nombre ({source.suffix}), y no se "
            "pudo comprobar que no lleve datos ocultos (ubicación, fecha, cámara).\n"
            "  Cómo corregirlo: ábralo en un editor de imágenes y guárdelo otra vez como JPEG (una foto) "
            "o PNG (un dibujo o captura de pantalla). Reemplace el archivo y vuelva a proponer el cambio."
        )
    return (
        f"{source}: la imagen pesa {kb(outcome.before)} y mide {outcome.width_before} px de ancho; "
        f"el límite es {kb(MAX_BYTES)} y {MAX_WIDTH} px, y no se pudo reducir sin dañarla.\n"
        "  Cómo corregirlo: ábrala en un editor de imágenes (por ejemplo GIMP, o «Editar» en el "
        f"teléfono), redúzcala a {MAX_WIDTH} px de ancho o menos y guárdela como JPEG (una foto) "
        "o PNG (un dibujo o captura de pantalla) de menos de 200 KB. Reemplace el archivo y vuelva "
        "a proponer el cambio."
    )
