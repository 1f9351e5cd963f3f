"""The browser editor (Sveltia CMS) at admin/ of the built site (issue #18).

Build tests read the session-built site (PORTAL_EDITOR=1, like make build); browser tests run
Debian's Chromium against it, served on 127.0.0.1 under /trata/. The editor's local-repository
mode uses the File System Access API: the folder picker is answered with the browser's
origin-private file system (OPFS), filled with a copy of docs/ and data/; the edit and the
save go through the editor's own form and button; the file it wrote is read back out of OPFS
and checked with ``python -m scripts revisar`` in a copy of the repository."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from portal.content.checks import read_meta
from portal.publish import server_config
from tests.support.editor import FILL_OPFS, PICKER_SCRIPT, READ_OPFS, content_files
from tests.support.site import REPO, copy_project, locales

LANGUAGES = locales()
# The public pages' policy, written out here: the editor's own policy must not leak into it.
PUBLIC_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def test_public_policy_is_unchanged() -> None:
    assert server_config.CONTENT_SECURITY_POLICY == PUBLIC_POLICY
    assert server_config.SECURITY_HEADERS["Content-Security-Policy"] == PUBLIC_POLICY
    assert server_config.ADMIN_CONTENT_SECURITY_POLICY != PUBLIC_POLICY


def test_admin_page_is_noindex_with_its_own_policy(site: Path) -> None:
    soup = BeautifulSoup((site / "admin" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert policy == server_config.ADMIN_META_CONTENT_SECURITY_POLICY
    assert "frame-ancestors" not in policy  # a <meta> cannot carry it (the servers send it)
    assert "https://api.github.com" in policy
    assert not any("cdn" in (s.get("src") or "") or "//" in (s.get("src") or "") for s in soup.find_all("script"))
    # The preview pane gets the site's fingerprinted stylesheets, which exist.
    styles = soup.find("script", attrs={"data-styles": True})["data-styles"].split()
    assert any("/portal." in s for s in styles) and any("/main." in s for s in styles)
    for href in styles:
        assert (site / "admin" / href).resolve().is_file(), href


def test_editor_files_are_self_hosted(site: Path) -> None:
    admin = site / "admin"
    bundle = (admin / "sveltia-cms.js").read_text(encoding="utf-8")
    for address in ("cdn.jsdelivr.net/fontsource", "https://unpkg.com/@sveltia/cms", "githubstatus.com/api"):
        assert address not in bundle
    assert "sourceMappingURL" not in bundle and not list(admin.rglob("*.map"))
    for name in ("source-sans-3", "noto-mono", "material-symbols-outlined"):
        assert (admin / "fonts" / f"{name}.woff2").stat().st_size > 10_000
    assert list(admin.glob("cms@*/locales/es-CO.json"))


def test_generated_config_is_the_one_from_the_schema(site: Path) -> None:
    """admin/config.yml is generated at build time from the schema, with the site's languages."""
    text = (site / "admin" / "config.yml").read_text(encoding="utf-8")
    assert text.startswith("# Generado por portal/editor/cms_config.py")
    config = yaml.safe_load(text)
    assert config["i18n"]["locales"] == LANGUAGES
    assert [c["name"] for c in config["collections"]] == ["paginas", "eventos", "datos"]


def test_admin_is_out_of_sitemap_search_and_robots(site: Path) -> None:
    assert "admin" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /trata/admin/" in robots
    for index in site.glob("**/search-index/*/*.js"):
        assert "admin/" not in index.read_text(encoding="utf-8"), index


def test_offline_copy_has_no_editor() -> None:
    from portal.publish import pipeline

    step = next(s for s in pipeline.STEPS if s.name == "editor")
    assert step.online_only and step.offline_run is None


def test_make_editar_explains_a_site_built_without_the_editor(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scripts", "editar", "--sitio", str(tmp_path)],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "se construyó sin el editor" in result.stderr and "make build" in result.stderr


# --- In Chromium ------------------------------------------------------------------------------


@pytest.fixture
def editor(browser: Any, site_url: str) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A desktop page on admin/ whose folder picker answers with OPFS; collects requests to
    other origins and console errors."""
    origin = site_url.split("/trata/")[0]
    # Tall enough for every page of the list at once (the list renders what it shows).
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="es-EC")
    context.add_init_script(PICKER_SCRIPT)
    page = context.new_page()
    elsewhere: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith((origin, "blob:", "data:")) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(site_url + "admin/")
    yield page, elsewhere, errors
    context.close()


def _open_local_repository(page: Any) -> None:
    count = page.evaluate(FILL_OPFS, content_files())
    assert count > 0
    page.get_by_role("button", name="Trabajar con un repositorio local").click()
    page.get_by_text("Colecciones", exact=True).wait_for()


@pytest.mark.browser
def test_editor_loads_in_spanish_with_nothing_from_elsewhere(editor: tuple[Any, list[str], list[str]]) -> None:
    page, elsewhere, errors = editor
    page.get_by_role("button", name="Trabajar con un repositorio local").wait_for()
    assert page.get_by_text("Iniciar sesión con un token de acceso").is_visible()  # Spanish
    _open_local_repository(page)
    page.wait_for_load_state("networkidle")
    assert elsewhere == []
    assert errors == []


@pytest.mark.browser
def test_editor_lists_the_pages_of_each_language(editor: tuple[Any, list[str], list[str]]) -> None:
    page, _, errors = editor
    _open_local_repository(page)
    source = REPO / "docs" / LANGUAGES[0]
    for markdown in sorted(source.glob("*.md")):
        title = str(read_meta(markdown)["title"])
        expect(page.get_by_text(title, exact=True).first).to_be_visible()
    # Opening a page: the preview pane loads the site's own (fingerprinted) stylesheet.
    with page.expect_response(lambda r: "/assets/stylesheets/portal." in r.url and r.ok):
        page.get_by_text(str(read_meta(source / "pide-ayuda.md")["title"]), exact=True).first.click()
    page.get_by_role("textbox", name="Título").first.wait_for()
    # The language switch above the form (radio buttons named by the browser in Spanish).
    names = page.evaluate(
        "codes => codes.map(c => new Intl.DisplayNames(['es-CO'], {type: 'language'}).of(c))", LANGUAGES
    )
    for lang, name in zip(LANGUAGES, names, strict=True):
        expected = str(read_meta(REPO / "docs" / lang / "pide-ayuda.md")["title"])
        page.get_by_role("radio", name=name[:1].upper() + name[1:], exact=True).first.click()
        expect(page.get_by_role("textbox", name="Título").first).to_have_value(expected)
    page.get_by_role("button", name="Cancelar la edición").click()
    page.get_by_text("Eventos", exact=True).first.click()
    folder = REPO / "docs" / LANGUAGES[0] / "eventos"
    for markdown in sorted(folder.glob("*.md")):
        title = str(read_meta(markdown)["title"])
        if markdown.name == "index.md":  # the listing page is not an event
            expect(page.get_by_text(title, exact=True)).to_have_count(0)
        else:
            expect(page.get_by_text(title, exact=True).first).to_be_visible()
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("collection", "path"),
    [
        ("Páginas", f"docs/{LANGUAGES[0]}/pide-ayuda.md"),
        ("Eventos", f"docs/{LANGUAGES[-1]}/eventos/dia-mundial-contra-la-trata.md"),
    ],
    ids=["page-default-language", "event-translation"],
)
def test_description_changed_in_the_editor_passes_revisar(
    editor: tuple[Any, list[str], list[str]], tmp_path: Path, collection: str, path: str
) -> None:
    page, _, errors = editor
    lang = path.split("/")[1]
    _open_local_repository(page)
    page.get_by_text(collection, exact=True).first.click()
    source = REPO / path.replace(f"docs/{lang}/", f"docs/{LANGUAGES[0]}/")
    page.get_by_text(str(read_meta(source)["title"]), exact=True).first.click()
    page.get_by_role("textbox", name="Título").first.wait_for()
    if lang != LANGUAGES[0]:
        name = page.evaluate("c => new Intl.DisplayNames(['es-CO'], {type: 'language'}).of(c)", lang)
        page.get_by_role("radio", name=name[:1].upper() + name[1:], exact=True).first.click()
        expect(page.get_by_role("textbox", name="Título").first).to_have_value(str(read_meta(REPO / path)["title"]))
    new = f"Texto cambiado desde el editor del navegador ({lang}), para la prueba automática."
    page.get_by_role("textbox", name="Descripción").first.fill(new)
    page.get_by_role("button", name="Guardar").click()
    written = ""
    for _ in range(50):  # the editor writes the file through the File System Access API
        written = page.evaluate(READ_OPFS, path)
        if new in written:
            break
        page.wait_for_timeout(200)
    assert errors == []
    # The file the editor wrote, in a copy of the repository, checked by the editors' command.
    copy_project(tmp_path, ("mkdocs.yml", "docs", "data", "hooks", "portal", "overrides", "scripts"))
    (tmp_path / path).write_text(written, encoding="utf-8")
    assert read_meta(tmp_path / path)["description"] == new
    body_before = (REPO / path).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert written.split("\n---\n", 1)[1] == body_before  # the Markdown body is untouched
    result = subprocess.run([sys.executable, "-m", "scripts", "revisar"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.browser
def test_help_numbers_saved_by_the_editor_keep_their_meaning(editor: tuple[Any, list[str], list[str]]) -> None:
    """Saving data/contactos.yml through its form: still valid, and every line keeps its flags
    (a checkbox once wrote in_help_bar: false for lines that leave it out, default true)."""
    from portal.content.schema import Contacts

    page, _, errors = editor
    _open_local_repository(page)
    page.get_by_text("Datos compartidos", exact=True).first.click()
    page.get_by_text("Números de ayuda", exact=True).first.click()
    first_name = page.get_by_role("textbox", name=LANGUAGES[0], exact=True).first  # lines[0].name.es
    before = first_name.input_value()
    first_name.fill(before + " (prueba)")
    page.get_by_role("button", name="Guardar").click()
    written = ""
    for _ in range(50):
        written = page.evaluate(READ_OPFS, "data/contactos.yml")
        if "(prueba)" in written:
            break
        page.wait_for_timeout(200)
    assert errors == []
    context = {"languages": LANGUAGES}
    saved = Contacts.model_validate(yaml.safe_load(written), context=context)
    original = Contacts.model_validate(
        yaml.safe_load((REPO / "data" / "contactos.yml").read_text(encoding="utf-8")), context=context
    )
    flags = ("free", "hours_24", "confidential", "in_help_bar", "tel", "number", "last_verified")
    assert [[getattr(line, f) for f in flags] for line in saved.lines] == [
        [getattr(line, f) for f in flags] for line in original.lines
    ]
    assert saved.lines[0].name.get(LANGUAGES[0]) == before + " (prueba)"
