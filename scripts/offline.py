"""Build the offline copy of the portal and pack it as a zip (make offline).

The copy is the same site built with PORTAL_OFFLINE=1: every link is relative, each language
has its own search index that works from disk, and there is nothing to install. The zip's
top folder holds ``como-usar.html`` (how to open it) next to the site.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from scripts.project import REPO

FOLDER = "portal-sin-conexion"
HOW_TO = """<!doctype html>
<html lang="es">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="[CSP]"><meta name="referrer" content="[REFERRER]">
<title>Cómo usar el portal sin conexión</title></head>
<body>
<h1>Cómo usar el portal sin conexión</h1>
<ol>
<li>Descomprima el archivo ZIP (en el teléfono: «Extraer» o «Descomprimir»).</li>
<li>Abra <a href="index.html">index.html</a> con el navegador.</li>
<li>Todo funciona sin internet: las páginas, los tres idiomas y el buscador.</li>
</ol>
<p>Si está en peligro, llame al <strong>911</strong>. Para denunciar la trata de personas,
llame gratis al <strong>1800 DELITO (1800 335486)</strong>.</p>
<p>Esta copia tiene la fecha en que se descargó. La información más reciente está en el portal en línea.</p>
<h2 lang="en">How to use the portal offline</h2>
<p lang="en">Unzip the file and open <a href="index.html">index.html</a> in your browser.
Pages, the three languages and search all work without internet. In danger, call 911.</p>
<h2>Runa shimipi <span lang="es">(kichwa)</span></h2>
<p><span lang="qu-EC">Kay ZIP pankata paskay, index.html pankata paskay.</span>
<span lang="es">(Descomprima el archivo y abra index.html. Borrador pendiente de revisión.)</span></p>
</body>
</html>
"""


def how_to() -> str:
    """The how-to page, with the site's policy in <meta> like every page (no inline style:
    the policy forbids it)."""
    from portal.pages.meta_policy import meta_content_security_policy, referrer_policy

    return HOW_TO.replace("[CSP]", meta_content_security_policy()).replace("[REFERRER]", referrer_policy())


def build_offline(output: Path) -> Path:
    """Build the offline site and write it to ``output`` (a .zip); return the zip's path."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / FOLDER
        env = {**os.environ, "PORTAL_OFFLINE": "1", "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
            cwd=REPO,
            env=env,
            check=True,
        )
        (site / "como-usar.html").write_text(how_to(), encoding="utf-8")
        partial = output.with_suffix(".zip.tmp")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(p for p in site.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", (2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
        partial.replace(output)
    return output
