"""Unit tests for the hooks' helpers (no MkDocs build)."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from portal.content.contacts_shortcode import MARKER, help_lines_markdown, on_page_markdown
from portal.content.schema import Contacts, InterfaceText
from portal.content.site_data import load_data_file, site_path
from portal.pages.external_links import protect_external_links
from portal.settings import Languages, LanguageSettings
from tests.support.data import data_file


def test_external_links_get_noopener_noreferrer_and_a_class() -> None:
    html = '<p><a href="https://example.org/x" title="t">x</a> <a href="pide-ayuda.html">y</a></p>'
    out = protect_external_links(html)
    assert '<a href="https://example.org/x" rel="noopener noreferrer" title="t" class="external">' in out
    assert '<a href="pide-ayuda.html">y</a>' in out


def test_external_links_replace_an_existing_rel_and_keep_classes() -> None:
    out = protect_external_links('<a class="btn" rel="me" href="http://a.example/">a</a>')
    assert 'rel="me"' not in out
    assert 'rel="noopener noreferrer"' in out
    assert 'class="external btn"' in out


@pytest.mark.parametrize(("url", "path"), [
    ("https://example.gob.ec/trata/", "/trata/"),
    ("https://example.gob.ec/trata", "/trata/"),
    ("https://example.gob.ec", "/"),
    (None, "/"),
])
def test_site_path(url: str | None, path: str) -> None:
    assert site_path(url) == path


def contacts() -> Contacts:
    return Contacts.model_validate(data_file("contacts"))


def ui() -> InterfaceText:
    return InterfaceText.model_validate(data_file("ui"))


def test_help_lines_come_from_the_data_file_in_the_readers_language() -> None:
    data = contacts()
    spanish = help_lines_markdown(data, ui(), "es")
    english = help_lines_markdown(data, ui(), "en")
    for line in (line for line in data.lines if line.in_help_bar):
        assert f"](tel:{line.tel})" in spanish
        assert line.name.get("es") in spanish and line.name.get("en") in english
    assert "Confidencial" in spanish and "Confidential" in english


def test_help_lines_in_a_language_without_translation_are_marked_spanish() -> None:
    kichwa = help_lines_markdown(contacts(), ui(), "qu")
    for line in (line for line in contacts().lines if line.in_help_bar):
        assert f'<span lang="es">{line.name.get("es")}</span>' in kichwa


def test_help_lines_marker_is_replaced_only_where_present() -> None:
    class Config(dict):
        theme = {"language": "en"}
        extra = {"contacts": contacts(), "ui": ui()}

        def __getitem__(self, key: str) -> object:
            return getattr(self, key)

    config = Config()
    assert on_page_markdown("# Hi", None, config, None) == "# Hi"
    replaced = on_page_markdown(f"# Help\n\n{MARKER}\n", None, config, None)
    assert MARKER not in replaced
    for line in (line for line in contacts().lines if line.in_help_bar):  # numbers from the data file
        assert f"tel:{line.tel}" in replaced


def test_data_file_errors_name_the_file_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "contactos.yml"
    bad.write_text("lines:\n  - id: x\n    numbr: '911'\n", encoding="utf-8")
    with pytest.raises(PluginError) as error:
        load_data_file(bad, Contacts, "data/contactos.yml")
    message = str(error.value)
    assert "data/contactos.yml" in message
    assert "lines.0.numbr" in message and "campo desconocido" in message
    assert "lines.0.number" in message and "falta este campo obligatorio" in message
    assert "Traceback" not in message


def test_data_file_with_broken_yaml(tmp_path: Path) -> None:
    bad = tmp_path / "contactos.yml"
    bad.write_text("lines:\n  - id: x\n   number: [\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"data/contactos.yml:\d+: el archivo YAML está mal escrito"):
        load_data_file(bad, Contacts, "data/contactos.yml")


def test_help_numbers_are_verified_and_sourced() -> None:
    for line in contacts().lines:
        assert line.sources and line.last_verified <= dt.date.today()


def test_every_interface_string_has_spanish_and_english() -> None:
    for key, text in ui().root.items():
        assert text.has("es") and text.has("en"), key


def test_hreflang_links_become_absolute_with_tags_and_x_default() -> None:
    from portal.pages.hreflang_links import absolute_alternates

    head = ('<link rel="alternate" href="../que.html" hreflang="es">'
            '<link rel="alternate" href="que.html" hreflang="qu">'
            '<link rel="alternate" href="../en/que.html" hreflang="en">')
    out = absolute_alternates(head, "https://x.gob.ec/trata/qu/que.html", {"qu": "qu-EC"})
    assert out.split("\n") == [
        '<link rel="alternate" href="https://x.gob.ec/trata/que.html" hreflang="es">',
        '<link rel="alternate" href="https://x.gob.ec/trata/qu/que.html" hreflang="qu-EC">',
        '<link rel="alternate" href="https://x.gob.ec/trata/en/que.html" hreflang="en">',
        '<link rel="alternate" href="https://x.gob.ec/trata/que.html" hreflang="x-default">',
    ]


def _languages() -> Languages:
    """es (default), qu (draft, glossed, tag qu-EC) and en, as in mkdocs.yml."""
    entries = [{"locale": "es", "default": True}, {"locale": "qu"}, {"locale": "en"}]
    return Languages.from_i18n(entries, {"qu": LanguageSettings(tag="qu-EC", draft=True, glossed=True)}, "Portal")


def test_portal_ui_object_marks_spanish_fallback_and_escapes() -> None:
    from portal.pages.ui_context import PortalUI

    kichwa = PortalUI(ui(), "qu", "es", _languages())
    assert kichwa.prefix == "qu/" and kichwa.tag() == "qu-EC" and kichwa.tag("en") == "en"
    assert str(kichwa.t("quick_exit")) == 'Llukshina <span lang="es">(Salir rápido)</span>'
    assert str(kichwa.title_of(object(), "Kallari (Inicio)")) == 'Kallari <span lang="es">(Inicio)</span>'
    # A text with no Kichwa yet is shown in Spanish, marked as Spanish (found in the data file).
    untranslated = next(key for key, text in ui().root.items() if not text.has("qu"))
    assert str(kichwa.t(untranslated)) == f'<span lang="es">{escape(ui().text(untranslated, "es"))}</span>'
    spanish = PortalUI(ui(), "es", "es", _languages())
    assert spanish.prefix == "" and spanish.plain("search_button") == "Buscar"
    assert "<" not in str(PortalUI(InterfaceText.model_validate({"x": {"es": "a < b"}}), "es", "es", _languages()).t("x")).replace("&lt;", "")


def test_interface_text_for_attributes_is_escaped() -> None:
    from portal.content.schema import InterfaceText
    from portal.pages.ui_context import PortalUI

    strings = InterfaceText.model_validate({"menu_button": {"es": 'Menú "principal" & <más>', "en": "Menu"}})
    ui = PortalUI(strings, "es", "es", _languages())
    assert str(ui.plain("menu_button")) == "Menú &#34;principal&#34; &amp; &lt;más&gt;"
