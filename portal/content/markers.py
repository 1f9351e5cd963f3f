"""The one table of ``<!-- portal:… -->`` markers that pages may contain.

Not a hook. Like Material's ``shortcodes.py`` dispatcher, every marker the hooks replace is
listed here once; ``content_checks`` refuses any other ``<!-- portal…`` comment (a misspelt
marker is otherwise left as an invisible comment, and the page silently loses, for example, its
help numbers). ``tests/test_content_checks.py`` checks that each hook's ``MARKER`` is listed.
"""

from __future__ import annotations

import difflib
import re

# name → which hook replaces it, and with what (for the error message and for reviewers).
KNOWN_MARKERS: dict[str, str] = {
    "lineas-de-ayuda": "contacts_shortcode.py: la lista de líneas de ayuda (data/contactos.yml)",
    "eventos": "events.py: la lista de eventos (solo en eventos/index.md)",
    "pdf": "print_pdfs.py: la versión en PDF de la página",
    "descarga-sin-conexion": "download_links.py: el enlace a la copia sin conexión",
}
# Any comment that looks like it was meant to be a marker ("portal", "Portal :", "portal-…").
_LOOKS_LIKE_MARKER = re.compile(r"^\s*portal\b", re.IGNORECASE)
_EXACT = re.compile(r"^ portal:([a-z0-9-]+) $")


def marker(name: str) -> str:
    return f"<!-- portal:{name} -->"


def marker_problem(comment: str) -> tuple[str, str] | None:
    """None for a known marker or an ordinary comment; else (what is wrong, how to fix it).

    ``comment`` is the text between ``<!--`` and ``-->``. The hooks replace the exact text, so
    spaces and case count."""
    if not _LOOKS_LIKE_MARKER.match(comment):
        return None
    exact = _EXACT.match(comment)
    if exact and exact.group(1) in KNOWN_MARKERS:
        return None
    written = comment.strip()
    name = re.sub(r"^portal\s*[:\-]?\s*", "", written, flags=re.IGNORECASE).strip().lower()
    guess = difflib.get_close_matches(name, list(KNOWN_MARKERS), n=1, cutoff=0.0)
    closest = marker(guess[0]) if guess else marker(next(iter(KNOWN_MARKERS)))
    known = ", ".join(marker(n) for n in KNOWN_MARKERS)
    return (f"la marca <!--{comment}--> no es una marca conocida del portal, así que la página "
            "se publicaría sin ese contenido",
            f"¿Quiso decir {closest}? Cópiela tal cual (con un espacio después de <!-- y antes "
            f"de -->). Las marcas conocidas son: {known}.")
