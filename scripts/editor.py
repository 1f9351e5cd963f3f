"""``python -m scripts editar`` (``make editar``): the browser editor on the working copy.

Serves the built site (with ``admin/``) on 127.0.0.1 and says how to open it. The editor's
"local repository" mode (Sveltia CMS, File System Access API: Chrome or Edge, on localhost or
127.0.0.1 only) reads and writes the folder the person picks: no sign-in, no forge, no pull
request; the changes are ordinary changes in the working copy, to review with ``git diff``
and ``make check`` before committing.
"""

from __future__ import annotations

import functools
import http.server
from pathlib import Path

INSTRUCTIONS = """\
El editor está en: {url}

  1. Ábralo en Chrome o Edge (Firefox y Safari no pueden abrir carpetas del disco).
  2. Pulse «Trabajar con un repositorio local» y elija esta carpeta:
       {root}
     El navegador pide permiso para ver y guardar archivos: acéptelo.
  3. Edite y guarde. Los cambios quedan en esta carpeta (no se publica nada).
     Revíselos con: git diff   y   make check

Para terminar, pulse Ctrl+C.
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "application/yaml"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def missing_editor(site: Path) -> str | None:
    """A Spanish message when the site was built without the editor, else None."""
    if (site / "admin" / "index.html").is_file():
        return None
    return (
        f"{site}/admin/index.html no existe: el sitio se construyó sin el editor. "
        "Constrúyalo con: make build (instala el editor con npm la primera vez)."
    )


def serve_editor(root: Path, site: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    handler = functools.partial(_Handler, directory=str(site))
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        print(INSTRUCTIONS.format(url=f"http://{host}:{port}/admin/", root=root), flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\nEditor cerrado.")
