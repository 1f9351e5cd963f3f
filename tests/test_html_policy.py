"""The allowlist for raw HTML, images and SVG (portal/content/html_policy.py), and front matter printed
into pages (issue #13, items 1 and 11).

The fixture cases in test_content_checks.py show the exact messages; these tests pin the
rules themselves, case by case, and one build shows that a hostile source URL reaches the page
escaped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pydantic import ValidationError

from portal.content.html_policy import check_markdown, check_svg, is_same_site, url_scheme
from tests.support.site import build_scenario, page_text


def problems(markdown: str) -> list[str]:
    return [p.problem for p in check_markdown(markdown)[0]]


@pytest.mark.parametrize("markdown", [
    '<span lang="qu-EC">Kichwa</span>',
    '<div class="portal-route" markdown>\n\n- paso\n\n</div>',
    '<a href="https://www.fiscalia.gob.ec/">Fiscalía</a>',
    '<a href="tel:911">911</a> y <a href="mailto:a@b.ec">correo</a>',
    '![Mapa](../assets/images/mapa.png)',
    '<img src="mapa.png" alt="Mapa" srcset="mapa.png 1x, mapa@2x.png 2x">',
    "Use `<script>` solo en código, y <https://www.gob.ec>, y <nombre@gob.ec>.",
    "```html\n<iframe src=\"https://example.org\"></iframe>\n```",
    "a < b y c > d",
    "<!-- un comentario -->",
    "[Ayuda](pide-ayuda.md){ .portal-route #ayuda }",
    "[Llame al 911](tel:911){ .md-button .md-button--primary }",
])
def test_what_editors_need_is_allowed(markdown: str) -> None:
    assert problems(markdown) == []


@pytest.mark.parametrize(("markdown", "expected"), [
    ('<img src="https://example.org/x.png" alt="x">', "la imagen se carga desde otro sitio"),
    ("![x](https://example.org/x.png)", "la imagen se carga desde otro sitio"),
    ("![x](//example.org/x.png)", "la imagen se carga desde otro sitio"),
    ("![x](/\\example.org/x.png)", "la imagen se carga desde otro sitio"),
    ('![x][r]\n\n[r]: http://example.org/x.png', "la imagen se carga desde otro sitio"),
    ('<picture><source srcset="https://e.org/a.webp"><img src="a.png" alt="a"></picture>', "la imagen se carga"),
    ('<img src="data:image/png;base64,AAAA" alt="x">', "la imagen se carga desde otro sitio"),
    ('<p style="display:none">x</p>', "el atributo style="),
    ("<style>body{display:none}</style>", "HTML no permitido (<style>)"),
    ('<form action="https://e.org"></form>', "HTML no permitido (<form>)"),
    ('<meta http-equiv="refresh" content="0;url=https://e.org">', "HTML no permitido (<meta>)"),
    ('<base href="https://e.org/">', "HTML no permitido (<base>)"),
    ('<link rel="stylesheet" href="https://e.org/a.css">', "HTML no permitido (<link>)"),
    ('<object data="x.swf"></object>', "HTML no permitido (<object>)"),
    ('<embed src="x.swf">', "HTML no permitido (<embed>)"),
    ('<iframe src="https://e.org"></iframe>', "HTML no permitido (<iframe>)"),
    ('<svg><script>alert(1)</script></svg>', "HTML no permitido (<svg>)"),
    ('<span onmouseover="alert(1)">x</span>', "el atributo onmouseover="),
    ('<SPAN ONCLICK="alert(1)">x</SPAN>', "el atributo onclick="),
    ('<a href="javascript:alert(1)">x</a>', "el enlace usa 'javascript:'"),
    ('<a href=" JaVa\tScRiPt:alert(1)">x</a>', "el enlace usa 'javascript:'"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "el enlace usa 'javascript:'"),
    ("[x](data:text/html,hola)", "el enlace usa 'data:'"),
    ("[x](vbscript:msgbox)", "el enlace usa 'vbscript:'"),
    ('<span class="md-header">x</span>', "la clase 'md-header'"),
    ('<marquee>x</marquee>', "HTML no permitido (<marquee>)"),
    ('<span data-x="1">x</span>', "el atributo data-x= no está permitido"),
    ('[x](a.md){ onclick="alert(1)" }', "el atributo onclick="),
    ('Texto\n{: style="display:none" }', "el atributo style="),
])
def test_anything_outside_the_allowlist_is_refused(markdown: str, expected: str) -> None:
    found = problems(markdown)
    assert found and found[0].startswith(expected), found


def test_problems_carry_their_line() -> None:
    found, _ = check_markdown("# T\n\nTexto.\n\n<p\n  style='x'>a</p>\n\n```\n<script>\n```\n<form></form>\n")
    assert [(p.line, p.problem[:14]) for p in found] == [(5, "el atributo st"), (11, "HTML no permit")]


def test_urls_are_read_as_browsers_read_them() -> None:
    assert url_scheme("\x01 JAVA\nSCRIPT:x") == "javascript"
    assert is_same_site("../assets/a.png") and is_same_site("/trata/a.png")
    assert not is_same_site("//e.org/a.png") and not is_same_site("\\\\e.org/a.png")
    assert not is_same_site("https://e.org/a.png")


def test_real_svgs_pass_and_hostile_ones_do_not() -> None:
    root = Path(__file__).resolve().parents[1]
    for svg in (root / "overrides").rglob("*.svg"):
        assert check_svg(svg.read_bytes()) == [], svg
    assert check_svg(b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>')
    assert check_svg(b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://e.org/a.css);</style></svg>')
    assert check_svg(b"<svg") != []  # not XML: refused, no exception


@pytest.mark.parametrize(("field", "value"), [
    ("title", "Ayuda <img src=x onerror=alert(1)>"),
    ("description", 'Una descripción con "comillas" que rompería el atributo meta.'),
    ("pending_verification", ["La fecha </title><script>"]),
    ("sources", [{"title": "<b>Fuente</b>"}]),
])
def test_front_matter_texts_printed_into_pages_are_plain_text(field: str, value: object) -> None:
    from portal.content.schema import PageMeta

    meta = {"title": "Una página", "description": "Una descripción suficientemente larga.",
            "last_verified": "2026-11-24", field: value}
    with pytest.raises(ValidationError, match="no puede llevar"):
        PageMeta.model_validate(meta)


def test_help_line_texts_obey_the_allowlist() -> None:
    from portal.content.schema import MarkdownLocalizedText

    with pytest.raises(ValidationError, match="la imagen se carga desde otro sitio"):
        MarkdownLocalizedText.model_validate({"es": "Llame ![x](https://e.org/p.png)"})
    with pytest.raises(ValidationError, match="javascript"):
        MarkdownLocalizedText.model_validate({"es": "[Llame](javascript:alert(1))"})


HOSTILE_URL = 'https://example.org/informe"><img src=x onerror=alert(1)>'


@pytest.mark.slow
def test_a_hostile_source_url_reaches_the_page_escaped(tmp_path: Path) -> None:
    """The schema accepts the URL (pydantic's URL parser takes it); the page must show it as
    an address, never as an <img> with an event handler."""
    front = (f"---\ntitle: Fuentes\ndescription: Página de prueba para un escenario de construcción.\n"
             f"last_verified: 2026-11-24\nsources:\n  - title: Informe\n    publisher: Ministerio & Cía\n"
             f"    url: '{HOSTILE_URL}'\n---\n\n# Fuentes\n\nTexto.\n")
    site = build_scenario(tmp_path, {"es/index.md": page_text("Inicio"), "es/fuentes.md": front})
    soup = BeautifulSoup((site / "fuentes.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find(attrs={"onerror": True}) is None
    assert [img.get("src") for img in soup.find_all("img") if img.get("src") == "x"] == []
    link = soup.select_one(".portal-sources a")
    # The validated value (portal/content/validated_meta.py): the URL as pydantic normalised it.
    assert link is not None and link.get_text() == "Informe"
    assert link["href"] == "https://example.org/informe%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E"
    assert "Ministerio & Cía" in soup.select_one(".portal-sources li").get_text()


def test_markup_that_html_parser_gives_up_on_is_a_problem_not_a_traceback() -> None:
    """Found by tests/test_content_properties.py: html.parser raises AssertionError on '<![a'."""
    assert problems("Texto <![a](b.png)") == ["hay HTML mal escrito ('<!' o '<![' sin cerrar)"]


@pytest.mark.slow
def test_the_build_stops_on_an_image_from_another_site_and_a_misspelt_marker(tmp_path: Path) -> None:
    """The same checks run in `mkdocs build` (portal/content/page_schema.py), before site/ is written."""
    body = "![Mapa](https://example.org/mapa.png)\n\n<!-- portal:lineas-de-ayda -->"
    with pytest.raises(AssertionError) as failed:
        build_scenario(tmp_path, {"es/index.md": page_text("Inicio", body)})
    output = str(failed.value)
    assert "docs/es/index.md:8: la imagen se carga desde otro sitio ('https://example.org/mapa.png')" in output
    assert "docs/es/index.md:10: la marca <!-- portal:lineas-de-ayda --> no es una marca conocida" in output
    assert "¿Quiso decir <!-- portal:lineas-de-ayuda -->?" in output
    assert "Traceback" not in output


@pytest.mark.slow
def test_a_page_saved_with_bom_and_windows_line_endings_builds(tmp_path: Path) -> None:
    """What Notepad and many Windows editors write: builds like any page (issue #13, item 5)."""
    page = "\ufeff" + page_text("Página de Windows", "Texto con tildes: información.").replace("\n", "\r\n")
    site = build_scenario(tmp_path, {"es/index.md": page_text("Inicio"), "es/windows.md": page})
    soup = BeautifulSoup((site / "windows.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("h1").get_text(strip=True).removesuffix("¶") == "Página de Windows"
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith("Página de prueba")
    assert "---" not in soup.select_one("article").get_text()


def test_interface_strings_written_into_markdown_are_escaped() -> None:
    """data/interfaz.yml texts go into pages' Markdown (help lines, PDF and offline links):
    as text, never as markup."""
    import yaml

    from portal.content.contacts_shortcode import help_lines_markdown
    from portal.content.schema import Contacts, InterfaceText

    root = Path(__file__).resolve().parents[1] / "data"
    strings = yaml.safe_load((root / "interfaz.yml").read_text(encoding="utf-8"))
    strings["help_free_24h"] = {"es": "Gratis <img src=x onerror=alert(1)>"}
    ui = InterfaceText.model_validate(strings)
    contacts = Contacts.model_validate(yaml.safe_load((root / "contactos.yml").read_text(encoding="utf-8")))
    for lang in ("es", "qu"):
        written = help_lines_markdown(contacts, ui, lang)
        assert "<img" not in written and "&lt;img src=x onerror=alert(1)&gt;" in written


def test_only_the_portals_own_templates_may_be_named() -> None:
    from portal.content.schema import PageMeta

    meta = {"title": "Una página", "description": "Una descripción suficientemente larga."}
    assert PageMeta.model_validate({**meta, "template": "buscar.html"}).template == "buscar.html"
    for wrong in ("../../mkdocs.yml", "no-existe.html", "partials/portal/help-bar.html"):
        with pytest.raises(ValidationError, match="no existe"):
            PageMeta.model_validate({**meta, "template": wrong})
