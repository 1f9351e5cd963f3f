"""Spanish pages are written in plain language (Szigriszt-Pazos ≥ 65)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.readability import MINIMUM_SCORE, prose, szigriszt_pazos

SPANISH_DIR = Path(__file__).resolve().parents[1] / "docs" / "es"
SPANISH = sorted(SPANISH_DIR.rglob("*.md"))


@pytest.mark.parametrize("page", SPANISH, ids=lambda p: p.relative_to(SPANISH_DIR).as_posix())
def test_spanish_page_is_easy_to_read(page: Path) -> None:
    score = szigriszt_pazos(page.read_text(encoding="utf-8"))
    assert score >= MINIMUM_SCORE, f"{page.relative_to(SPANISH_DIR)}: {score:.1f} < {MINIMUM_SCORE}"


def test_the_score_tells_plain_from_dense_spanish() -> None:
    plain = "Usted puede pedir ayuda. La llamada es gratis. Nadie sabrá su nombre."
    dense = ("La implementación interinstitucional de mecanismos de coordinación "
             "intersectorial garantiza la operatividad administrativa correspondiente.")
    assert szigriszt_pazos(plain) >= MINIMUM_SCORE > szigriszt_pazos(dense)


def test_markup_is_not_scored() -> None:
    text = "---\ntitle: X\n---\n# Título\n\n[Pida ayuda](pide-ayuda.md)\n\n```\ncódigo\n```\n"
    assert prose(text) == "Título. Pida ayuda."
