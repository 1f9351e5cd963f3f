"""Content problems editors make, each with the exact message they will read.

Each case is a tiny docs/ tree under tests/fixtures/content/<case>/ (bad input shipped as a
fixture) and the message expected from `check_docs` (the build and `revisar` share it).
"""

from __future__ import annotations

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
    "html-prohibido": [
        "docs/es/pagina.md:8: HTML no permitido (<script>). Los scripts no están permitidos en el contenido.\n"
        "    Cómo corregirlo: Bórrelo y use Markdown. Si necesita un vídeo o un formulario, enlácelo.",
        "docs/es/pagina.md:9: HTML no permitido (<iframe>). Los iframes cargan contenido de otros sitios.\n"
        "    Cómo corregirlo: Bórrelo y use Markdown. Si necesita un vídeo o un formulario, enlácelo.",
        "docs/es/pagina.md:10: HTML no permitido (on...=). No se permiten atributos de evento (onclick, onload...).\n"
        "    Cómo corregirlo: Bórrelo y use Markdown. Si necesita un vídeo o un formulario, enlácelo.",
        "docs/es/pagina.md:11: HTML no permitido (javascript:). No se permiten enlaces javascript:.\n"
        "    Cómo corregirlo: Bórrelo y use Markdown. Si necesita un vídeo o un formulario, enlácelo.",
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
        "docs/es/eventos/evento.md:6 — campo 'place.province': provincia desconocida ('Quito'). "
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
