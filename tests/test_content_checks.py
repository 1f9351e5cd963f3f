"""Content problems editors make, each with the exact message they will read.

Each case is a tiny docs/ tree under tests/fixtures/content/<case>/ (bad input shipped as a
fixture) and the message expected from `check_docs` (the build and `revisar` share it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.content.checks import check_docs

FIXTURES = Path(__file__).parent / "fixtures" / "content"
LANGS = ["es", "qu", "en"]

CASES = {
    "ok": [],
    "yaml-roto": [
        "docs/es/pagina.md:3: el encabezado (front matter) está mal escrito: "
        "hay dos puntos (:) donde no se esperaban.\n"
        "    Cómo corregirlo: Si un texto lleva dos puntos, póngalo entre comillas, por ejemplo: "
        "description: \"Trata: qué es y cómo pedir ayuda\". Revise también la línea anterior: "
        "cada campo empieza sin espacios y se escribe nombre: valor.",
    ],
    "yaml-tabulacion": [
        "docs/es/pagina.md:5: el encabezado (front matter) está mal escrito: "
        "hay un carácter que no puede empezar un valor (una tabulación, @ o `).\n"
        "    Cómo corregirlo: Use espacios en vez de la tecla Tab, y ponga entre comillas el "
        "texto que empieza con @ o `.",
    ],
    "falta-campo": [
        "docs/es/pagina.md:2 — campo 'description': falta este campo obligatorio.\n"
        "    Cómo corregirlo: Añada este campo al encabezado (front matter) de la página.",
    ],
    "campo-desconocido": [
        "docs/es/pagina.md:2 — campo 'description': falta este campo obligatorio.\n"
        "    Cómo corregirlo: Añada este campo al encabezado (front matter) de la página.",
        "docs/es/pagina.md:3 — campo 'descripton': campo desconocido. ¿Quiso decir 'description'?\n"
        "    Cómo corregirlo: Este campo no existe. Revise que esté bien escrito o bórrelo. "
        "Los campos permitidos están en CONTRIBUTING.md.",
    ],
    "fecha-mala": [
        "docs/es/pagina.md:4 — campo 'last_verified': valor no válido ('24/11/2026').\n"
        "    Cómo corregirlo: Escriba la fecha como AAAA-MM-DD, por ejemplo 2026-11-24.",
    ],
    "tipo-malo": [
        "docs/es/pagina.md:4 — campo 'pending_verification': valor no válido ('Una fecha').\n"
        "    Cómo corregirlo: Aquí va una lista: cada elemento en una línea que empieza con '- '.",
    ],
    "fuentes-sin-fecha": [
        "docs/es/pagina.md:2: la página cita fuentes pero no tiene 'last_verified'. Añada la "
        "fecha en que revisó los datos, por ejemplo: last_verified: 2026-11-24",
    ],
    "pagina-vacia": [
        "docs/es/pagina.md:5: la página está vacía.\n"
        "    Cómo corregirlo: Escriba el contenido debajo del encabezado, o borre el archivo.",
    ],
    "imagen-sin-alt": [
        "docs/es/pagina.md:8: la imagen no tiene texto alternativo.\n"
        "    Cómo corregirlo: Describa la imagen entre los corchetes: ![Descripción de la imagen](archivo.png)",
    ],
    "idioma-no-configurado": [
        "docs/fr/pagina.md: la página está en una carpeta de idioma no configurada ('fr').\n"
        "    Cómo corregirlo: Muévala a una de estas carpetas: docs/es, docs/qu, docs/en.",
    ],
    "traduccion-sin-original": [
        "docs/en/otra.md: es una traducción sin página original en español (docs/es/otra.md).\n"
        "    Cómo corregirlo: Cree primero la página en español con el mismo nombre de archivo, "
        "o corrija el nombre de este archivo.",
    ],
    "slug-duplicado": [
        "docs/es/pagina.md: produce la misma dirección web que docs/es/Pagina.md.\n"
        "    Cómo corregirlo: Cambie el nombre de uno de los dos archivos (use minúsculas y guiones).",
    ],
    "evento-fecha-mala": [
        "docs/es/eventos/evento.md:5 — campo 'start': valor no válido ('30/07/2026').\n"
        "    Cómo corregirlo: Escriba la fecha como AAAA-MM-DD (evento de todo el día), o la "
        "fecha con la hora y la zona horaria de Ecuador, por ejemplo 2026-07-30 10:00:00-05:00. "
        "Si solo conoce el mes, escriba AAAA-MM, por ejemplo 2007-06.",
    ],
    "evento-provincia-desconocida": [
        "docs/es/eventos/evento.md:9 — campo 'place.province': provincia desconocida ('Quito'). "
        "Escriba una de las 24 provincias del Ecuador, por ejemplo: Pichincha, Guayas, "
        "Santo Domingo de los Tsáchilas",
    ],
    "enlace-roto": [
        "docs/es/pagina.md:8: el enlace 'pide-ayda.md' apunta a una página que no existe.\n"
        "    Cómo corregirlo: Revise el nombre del archivo (en la misma carpeta de idioma) o quite el enlace.",
    ],
    "ancla-rota": [
        "docs/es/pagina.md:10: el enlace '#no-existe' apunta a una sección que no existe ('#no-existe').\n"
        "    Cómo corregirlo: Use el título de la sección en minúsculas, sin tildes y con guiones, "
        "por ejemplo #como-pedir-ayuda, o enlace solo a la página.",
    ],
    "imagen-no-existe": [
        "docs/es/pagina.md:8: la imagen 'mapa.png' no existe.\n"
        "    Cómo corregirlo: Suba el archivo a la carpeta de la página o corrija su nombre.",
    ],
    "html-prohibido": [
        'docs/es/pagina.md:8: HTML no permitido (<script>): los scripts no están permitidos en el contenido.\n    Cómo corregirlo: Bórrelo.',
        'docs/es/pagina.md:9: HTML no permitido (<iframe>): un <iframe> carga otra página dentro de esta (y la avisa de cada lector).\n    Cómo corregirlo: Bórrelo y ponga un enlace en su lugar, por ejemplo: [Ver el vídeo](https://www.youtube.com/…). El lector decide si lo abre.',
        'docs/es/pagina.md:10: el atributo onclick= ejecuta código en el navegador del lector.\n    Cómo corregirlo: Borre onclick="…"; el resto de la etiqueta puede quedarse.',
        "docs/es/pagina.md:11: el enlace usa 'javascript:', que no está permitido (puede ejecutar código o esconder contenido).\n    Cómo corregirlo: Use una dirección que empiece por https://, o un enlace a una página del portal, por ejemplo [Pida ayuda](pide-ayuda.md).",
    ],
    "imagen-externa": [
        "docs/es/pagina.md:8: la imagen se carga desde otro sitio ('https://example.org/mapa.png'): al abrir la página, el navegador del lector avisaría a ese sitio.\n    Cómo corregirlo: Las imágenes deben estar en el sitio: descárguela, guárdela en docs/assets/images/ (o en la carpeta de la página) y enlácela así: ![Descripción](../assets/images/archivo.png)",
        "docs/es/pagina.md:9: la imagen se carga desde otro sitio ('https://example.org/foto.jpg'): al abrir la página, el navegador del lector avisaría a ese sitio.\n    Cómo corregirlo: Las imágenes deben estar en el sitio: descárguela, guárdela en docs/assets/images/ (o en la carpeta de la página) y enlácela así: ![Descripción](../assets/images/archivo.png)",
        "docs/es/pagina.md:10: la imagen se carga desde otro sitio ('https://example.org/logo.png'): al abrir la página, el navegador del lector avisaría a ese sitio.\n    Cómo corregirlo: Las imágenes deben estar en el sitio: descárguela, guárdela en docs/assets/images/ (o en la carpeta de la página) y enlácela así: ![Descripción](../assets/images/archivo.png)",
        "docs/es/pagina.md:11: la imagen se carga desde otro sitio ('//cdn.example.org/foto.png'): al abrir la página, el navegador del lector avisaría a ese sitio.\n    Cómo corregirlo: Las imágenes deben estar en el sitio: descárguela, guárdela en docs/assets/images/ (o en la carpeta de la página) y enlácela así: ![Descripción](../assets/images/archivo.png)",
    ],
    "html-fuera-de-lista": [
        'docs/es/pagina.md:8: el atributo style= cambia el aspecto de la página (puede esconder la ayuda).\n    Cómo corregirlo: Bórrelo: el portal da el aspecto. Para resaltar un texto use **negrita**.',
        "docs/es/pagina.md:9: HTML no permitido (<style>): los estilos no están permitidos en el contenido: el portal da el aspecto de todas las páginas.\n    Cómo corregirlo: Bórrelo y escriba el texto con Markdown (por ejemplo **negrita**, listas con '- ').",
        'docs/es/pagina.md:10: HTML no permitido (<form>): los formularios envían datos a otro sitio.\n    Cómo corregirlo: Bórrelo y enlace al formulario oficial: [Formulario de denuncia](https://…).',
        'docs/es/pagina.md:10: HTML no permitido (<input>): los campos de formulario no están permitidos.\n    Cómo corregirlo: Bórrelo y enlace al formulario oficial: [Formulario de denuncia](https://…).',
        'docs/es/pagina.md:11: HTML no permitido (<meta>): <meta> cambia cómo se comporta la página (puede redirigir al lector a otro sitio).\n    Cómo corregirlo: Bórrelo: el título y la descripción van en el encabezado (title, description).',
        'docs/es/pagina.md:12: HTML no permitido (<base>): <base> cambia a dónde llevan todos los enlaces de la página.\n    Cómo corregirlo: Bórrelo.',
        'docs/es/pagina.md:13: HTML no permitido (<link>): <link> carga archivos de otro sitio o cambia el aspecto de la página.\n    Cómo corregirlo: Bórrelo. Para enlazar otra página use [texto](dirección).',
        'docs/es/pagina.md:14: HTML no permitido (<object>): un objeto incrustado (<object>) carga contenido de otro sitio.\n    Cómo corregirlo: Bórrelo y ponga un enlace en su lugar, por ejemplo: [Ver el vídeo](https://www.youtube.com/…). El lector decide si lo abre.',
        "docs/es/pagina.md:15: el enlace usa 'data:', que no está permitido (puede ejecutar código o esconder contenido).\n    Cómo corregirlo: Use una dirección que empiece por https://, o un enlace a una página del portal, por ejemplo [Pida ayuda](pide-ayuda.md).",
        "docs/es/pagina.md:16: el enlace usa 'vbscript:', que no está permitido (puede ejecutar código o esconder contenido).\n    Cómo corregirlo: Use una dirección que empiece por https://, o un enlace a una página del portal, por ejemplo [Pida ayuda](pide-ayuda.md).",
        "docs/es/pagina.md:17: el enlace usa 'javascript:', que no está permitido (puede ejecutar código o esconder contenido).\n    Cómo corregirlo: Use una dirección que empiece por https://, o un enlace a una página del portal, por ejemplo [Pida ayuda](pide-ayuda.md).",
        "docs/es/pagina.md:18: la clase 'md-header' no es del contenido del portal (cambia el aspecto de la página).\n    Cómo corregirlo: Bórrela. Se permiten las clases que empiezan por portal-, los tipos de aviso (note, info, warning, tip, danger) y md-button.",
        'docs/es/pagina.md:19: el atributo onclick= ejecuta código en el navegador del lector.\n    Cómo corregirlo: Borre onclick="…"; el resto de la etiqueta puede quedarse.',
    ],
    "marca-desconocida": [
        'docs/es/pagina.md:8: la marca <!-- portal:lineas-de-ayda --> no es una marca conocida del portal, así que la página se publicaría sin ese contenido.\n    Cómo corregirlo: ¿Quiso decir <!-- portal:lineas-de-ayuda -->? Cópiela tal cual (con un espacio después de <!-- y antes de -->). Las marcas conocidas son: <!-- portal:lineas-de-ayuda -->, <!-- portal:eventos -->, <!-- portal:pdf -->, <!-- portal:descarga-sin-conexion -->.',
        'docs/es/pagina.md:10: la marca <!--portal:pdf--> no es una marca conocida del portal, así que la página se publicaría sin ese contenido.\n    Cómo corregirlo: ¿Quiso decir <!-- portal:pdf -->? Cópiela tal cual (con un espacio después de <!-- y antes de -->). Las marcas conocidas son: <!-- portal:lineas-de-ayuda -->, <!-- portal:eventos -->, <!-- portal:pdf -->, <!-- portal:descarga-sin-conexion -->.',
        'docs/es/pagina.md:12: la marca <!-- Portal: eventos --> no es una marca conocida del portal, así que la página se publicaría sin ese contenido.\n    Cómo corregirlo: ¿Quiso decir <!-- portal:eventos -->? Cópiela tal cual (con un espacio después de <!-- y antes de -->). Las marcas conocidas son: <!-- portal:lineas-de-ayuda -->, <!-- portal:eventos -->, <!-- portal:pdf -->, <!-- portal:descarga-sin-conexion -->.',
    ],
    "svg-con-script": [
        'docs/assets/dibujo.svg:2: el SVG contiene <script>, que puede ejecutar código o cargar otra página.\n    Cómo corregirlo: Ábralo en Inkscape y guárdelo como «SVG optimizado» o «SVG simple», o pida a quien lo hizo una versión sin scripts ni enlaces a otros sitios.',
        'docs/assets/dibujo.svg:3: el SVG tiene el atributo onload= en <rect>, que ejecuta código.\n    Cómo corregirlo: Ábralo en Inkscape y guárdelo como «SVG optimizado» o «SVG simple», o pida a quien lo hizo una versión sin scripts ni enlaces a otros sitios.',
        'docs/assets/dibujo.svg:4: el SVG contiene <foreignobject>, que puede ejecutar código o cargar otra página.\n    Cómo corregirlo: Ábralo en Inkscape y guárdelo como «SVG optimizado» o «SVG simple», o pida a quien lo hizo una versión sin scripts ni enlaces a otros sitios.',
        "docs/assets/dibujo.svg:5: el SVG enlaza o carga 'https://example.org/foto.png' desde <image>: solo se permiten referencias dentro del mismo dibujo (#…) o archivos del sitio.\n    Cómo corregirlo: Ábralo en Inkscape y guárdelo como «SVG optimizado» o «SVG simple», o pida a quien lo hizo una versión sin scripts ni enlaces a otros sitios.",
        "docs/assets/dibujo.svg:6: el SVG carga 'https://example.org/a.svg#g' desde otro sitio (url(...) en <rect>).\n    Cómo corregirlo: Ábralo en Inkscape y guárdelo como «SVG optimizado» o «SVG simple», o pida a quien lo hizo una versión sin scripts ni enlaces a otros sitios.",
    ],
    "svg-con-entidades": [
        'docs/assets/bomba.svg:1: el archivo no es un SVG válido, o define entidades o un DOCTYPE (no se permiten).\n    Cómo corregirlo: Ábralo en Inkscape y guárdelo como «SVG optimizado» o «SVG simple», o pida a quien lo hizo una versión sin scripts ni enlaces a otros sitios.',
    ],
    "bom-crlf": [
    ],
    "codificacion-latin1": [
        'docs/es/pagina.md:2: el archivo no está guardado como UTF-8 (tiene letras como á, ñ o ü escritas en otra codificación, por ejemplo Windows 1252 o Latin-1).\n    Cómo corregirlo: Guárdelo otra vez como UTF-8. En VS Code: haga clic en la codificación, abajo a la derecha (por ejemplo «Windows 1252»), elija «Guardar con codificación» y luego «UTF-8». En el Bloc de notas: Archivo → Guardar como → Codificación: UTF-8.',
    ],
    "yaml-alias": [
        'docs/es/pagina.md:4: el encabezado (front matter) está mal escrito: un valor empieza con & (en YAML eso copia otro valor, y no se permite).\n    Cómo corregirlo: Ponga ese texto entre comillas, por ejemplo: title: "*Importante*"',
    ],
    "fecha-imposible": [
        "docs/es/pagina.md:4 — campo 'last_verified': la fecha u hora '2026-02-30' no existe (revise el día del mes, el mes de 01 a 12 y la hora de 00:00 a 23:59).\n    Cómo corregirlo: Escriba la fecha como AAAA-MM-DD, por ejemplo 2026-11-24.",
    ],
    "evento-hora-imposible": [
        "docs/es/eventos/evento.md:5 — campo 'start': la fecha u hora '2026-07-30 25:00:00-05:00' no existe (revise el día del mes, el mes de 01 a 12 y la hora de 00:00 a 23:59).\n    Cómo corregirlo: Escriba la fecha como AAAA-MM-DD (evento de todo el día), o la fecha con la hora y la zona horaria de Ecuador, por ejemplo 2026-07-30 10:00:00-05:00. Si solo conoce el mes, escriba AAAA-MM, por ejemplo 2007-06.",
    ],
    "evento-fin-antes": [
        "docs/es/eventos/evento.md:6 — campo 'end': la fecha de fin es anterior a la de inicio ('start'). Revise las dos",
    ],
    "sin-encabezado": [
        "docs/es/pagina.md:1: la página no tiene encabezado (front matter).\n"
        "    Cómo corregirlo: Empiece el archivo con una línea '---', los campos title y "
        "description, y otra '---'.",
    ],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_bad_input_gives_its_exact_message(case: str) -> None:
    root = FIXTURES / case
    problems = check_docs(root / "docs", LANGS, shown_root=root)
    assert [p.message() for p in problems] == CASES[case]


def test_unknown_yaml_problems_are_shown_as_yaml_said_them() -> None:
    from portal.content.checks import explain_yaml

    what, fix = explain_yaml("something new")
    assert what == "formato no válido (el lector YAML dice: «something new»)"
    assert "nombre: valor" in fix


def test_every_fixture_has_an_expected_message() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(CASES)


def test_the_real_content_has_no_problems() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs"
    assert [p.message() for p in check_docs(docs, LANGS)] == []


def test_every_marker_a_hook_replaces_is_in_the_one_table() -> None:
    """portal.content.markers.KNOWN_MARKERS lists exactly the markers the hooks replace."""
    import re

    from portal.content.markers import KNOWN_MARKERS, marker

    package = Path(__file__).resolve().parents[1] / "portal"
    replaced = set()
    for module in package.rglob("*.py"):
        replaced.update(re.findall(r'^MARKER = "<!-- portal:([a-z0-9-]+) -->"', module.read_text(encoding="utf-8"), re.M))
    assert replaced == set(KNOWN_MARKERS)
    assert all(marker(name) == f"<!-- portal:{name} -->" for name in KNOWN_MARKERS)


def test_a_symlink_out_of_the_repository_is_refused_by_name(tmp_path: Path) -> None:
    import shutil

    from portal.content.checks import check_symlinks

    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "ok", root)
    secret = tmp_path / "clave.txt"
    secret.write_text("secreto", encoding="utf-8")
    (root / "docs" / "es" / "clave.txt").symlink_to(secret)
    (root / "docs" / "es" / "dentro.md").symlink_to(root / "docs" / "es" / "pagina.md")  # inside: fine
    outside = tmp_path / "fuera"
    outside.mkdir()
    (outside / "otra.md").write_text("sin encabezado", encoding="utf-8")
    (root / "docs" / "es" / "carpeta").symlink_to(outside)
    (root / "data").mkdir()
    (root / "data" / "contactos.yml").symlink_to("/etc/hostname")
    problems = check_docs(root / "docs", LANGS, shown_root=root)
    assert [p.message() for p in problems if "simbólico" in p.message()] == [
        f"docs/es/carpeta: es un enlace simbólico a un archivo o carpeta fuera del repositorio ({outside.as_posix()}): "
        "lo que enlaza se publicaría en el sitio.\n"
        "    Cómo corregirlo: Bórrelo y copie en el repositorio el archivo que necesita, o corrija el enlace.",
        f"docs/es/clave.txt: es un enlace simbólico a un archivo o carpeta fuera del repositorio ({secret.as_posix()}): "
        "lo que enlaza se publicaría en el sitio.\n"
        "    Cómo corregirlo: Bórrelo y copie en el repositorio el archivo que necesita, o corrija el enlace.",
    ]
    assert [p.path for p in check_symlinks(root / "data", root, root)] == ["data/contactos.yml"]


def test_a_billion_laughs_front_matter_is_refused_at_once(tmp_path: Path) -> None:
    """Nine levels of aliases would expand to 10^9 items; the check reads only tokens."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    page = tmp_path / "docs" / "es" / "pagina.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: Risas\n" + "\n".join(lines) + "\n---\n\n# Risas\n\nTexto.\n", encoding="utf-8")
    problems = check_docs(tmp_path / "docs", LANGS, shown_root=tmp_path)
    assert [(p.line, "un valor empieza con &" in p.problem) for p in problems] == [(3, True)]


DATA = Path(__file__).resolve().parents[1] / "data"


# (what to change: a pattern of today's file, its replacement; lines after the change where
# YAML sees the problem; the message after "data/contactos.yml:<line>"). The line is found in
# the file, not copied from it: the file changes with its content.
@pytest.mark.parametrize(("pattern", "replacement", "after", "expected"), [
    (r"last_verified: \S+", "last_verified: 2026-02-30", 0,
     " — campo 'lines.0.last_verified': la fecha u hora '2026-02-30' no existe"),
    (r"  - id:", "  -id:", 1, ": el archivo YAML está mal escrito: hay dos puntos"),
    (r"lines:", "lines: &todas", 0, ": el archivo YAML está mal escrito: un valor empieza con &"),
])
def test_a_broken_data_file_names_file_line_and_field(pattern: str, replacement: str, after: int, expected: str) -> None:
    from portal.content.schema import Contacts
    from portal.content.site_data import parse_data_file

    original = (DATA / "contactos.yml").read_text(encoding="utf-8")
    found = re.search(pattern, original)
    assert found, pattern
    line = original[: found.start()].count("\n") + 1 + after
    text = original[: found.start()] + replacement + original[found.end():]
    model, problems = parse_data_file(text.encode("utf-8"), Contacts, "data/contactos.yml")
    assert model is None
    assert problems[0].message().startswith(f"data/contactos.yml:{line}{expected}"), problems[0].message()


def test_a_data_file_in_another_encoding_or_with_bom_and_crlf() -> None:
    from portal.content.schema import Contacts
    from portal.content.site_data import parse_data_file

    text = (DATA / "contactos.yml").read_text(encoding="utf-8")
    model, problems = parse_data_file(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
                                      Contacts, "data/contactos.yml")
    assert model is not None and problems == []
    model, problems = parse_data_file(text.encode("cp1252", errors="replace"), Contacts, "data/contactos.yml")
    assert model is None and "no está guardado como UTF-8" in problems[0].message()
