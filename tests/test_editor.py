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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from portal.content.checks import read_meta
from portal.publish import server_config
from tests.support.editor import (
    FILL_OPFS,
    OPFS_HAS,
    PICKER_SCRIPT,
    READ_ALL_OPFS,
    READ_OPFS,
    READ_OPFS_BYTES,
    content_files,
    drawing_png,
    language_name,
    photo_png,
)
from tests.support.site import COMMAND_TIMEOUT, REPO, build_scenario, copy_project, locales, page_text

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
                            cwd=REPO, capture_output=True, text=True, check=False, timeout=COMMAND_TIMEOUT)
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
def test_editor_in_spanish_lists_the_pages_of_each_language_with_nothing_from_elsewhere(
    editor: tuple[Any, list[str], list[str]],
) -> None:
    """One load: the interface is in Spanish; the lists, a page's form in each language and its
    preview ask no other site and log no error."""
    page, elsewhere, errors = editor
    page.get_by_role("button", name="Trabajar con un repositorio local").wait_for()
    assert page.get_by_text("Iniciar sesión con un token de acceso").is_visible()  # Spanish
    _open_local_repository(page)
    page.wait_for_load_state("networkidle")
    assert elsewhere == []
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
    page.wait_for_load_state("networkidle")
    assert elsewhere == []
    assert errors == []


def _wait_written(page: Any, path: str, text: str) -> str:
    """The file once the editor has written ``text`` into it (File System Access API)."""
    written = ""
    for _ in range(50):
        try:
            written = page.evaluate(READ_OPFS, path)
        except PlaywrightError:  # NotFoundError: caught while the editor replaces the file
            written = ""
        if text in written:
            break
        page.wait_for_timeout(200)
    return written


def _open_entry(page: Any, collection: str, slug: str, ready: Callable[[], None]) -> None:
    """Go to an entry's form (the address the editor's list links to) until ``ready()`` passes
    (a check of that form). The address is set again only if the editor has moved away from it:
    setting it again while a large form is still being drawn would start the drawing over.
    If the form never shows, the error says what the editor showed instead."""
    address = f"#/collections/{collection}/entries/{slug}"
    for attempt in range(3):
        here = page.evaluate("() => location.hash")
        if here == address and attempt == 2:
            # At the address with no form: the editor missed the change. The same address set
            # again is no change (no hashchange), so the list first, then the entry.
            page.evaluate("h => { location.hash = h; }", f"#/collections/{collection}")
            page.wait_for_function("h => location.hash === h", arg=f"#/collections/{collection}")
        if here != address or attempt == 2:
            page.evaluate("h => { location.hash = h; }", address)
        try:
            ready()
            return
        except (AssertionError, PlaywrightTimeoutError) as error:
            if attempt == 2:
                shown = page.evaluate("() => [location.hash, document.body.innerText.slice(0, 600)]")
                raise AssertionError(f"{address}: the form did not show; the editor showed {shown!r}") from error


def _save(page: Any) -> None:
    """Press the editor's save button and wait until the editor has closed the form: it goes
    back to the list after a save, and an address set before that would be undone by it."""
    page.get_by_role("button", name="Guardar").click()
    try:
        page.wait_for_function("() => !location.hash.includes('/entries/')", timeout=30_000)
    except PlaywrightTimeoutError as error:
        alerts = page.get_by_role("alert").all_inner_texts()
        raise AssertionError(f"the editor did not close the form after saving; its alerts: {alerts!r}") from error


def _change_in_form(page: Any, collection: str, slug: str, lang: str, label: str, value: str) -> None:
    """Open an entry, switch the form to ``lang``, type ``value`` into the field labelled
    ``label`` and press the editor's save button."""
    folder = "docs/{lang}/" + ("eventos/" if collection == "eventos" else "")
    default_title = str(read_meta(REPO / folder.format(lang=LANGUAGES[0]) / f"{slug}.md")["title"])
    own_title = str(read_meta(REPO / folder.format(lang=lang) / f"{slug}.md")["title"])
    title = page.get_by_role("textbox", name="Título").first

    def ready() -> None:
        # The form in the default language, then switched to ``lang``: tried again from the
        # entry's address if the editor was still leaving its previous screen (seen on a
        # loaded machine: the language switch never appeared).
        expect(title).to_have_value(default_title)
        if lang != LANGUAGES[0]:
            page.get_by_role("radio", name=language_name(page, lang), exact=True).first.click(timeout=10_000)
        expect(title).to_have_value(own_title)
        expect(field).to_be_editable()

    # The field is typed in once the form is ready; if the editor moved to another screen in
    # between (a loaded machine once showed the form gone 30 s after it was ready), the entry
    # is opened again.
    field = page.get_by_role("textbox", name=label).first
    for attempt in range(2):
        _open_entry(page, collection, slug, ready)
        try:
            field.fill(value, timeout=10_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 1:
                raise
    _save(page)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_and_event_changed_in_each_language_pass_revisar(
    editor: tuple[Any, list[str], list[str]], tmp_path: Path, lang: str
) -> None:
    """In one editor load per language: a page's description and an event's audience changed
    through the form and saved with the editor's button. The two files written pass
    ``python -m scripts revisar`` in a copy of the repository, their Markdown bodies and other
    fields are as they were, and no other file (the other languages' included) was rewritten."""
    page, _, errors = editor
    _open_local_repository(page)
    changes = {
        f"docs/{lang}/pide-ayuda.md": ("paginas", "pide-ayuda", "Descripción", "description",
                                       f"Texto cambiado desde el editor del navegador ({lang}), para la prueba."),
        f"docs/{lang}/eventos/dia-mundial-contra-la-trata.md": (
            "eventos", "dia-mundial-contra-la-trata", "Para quién es", "audience", f"Público de prueba ({lang})"),
    }
    written: dict[str, str] = {}
    for path, (collection, slug, label, _, value) in changes.items():
        _change_in_form(page, collection, slug, lang, label, value)
        written[path] = _wait_written(page, path, value)
    assert errors == []
    after = page.evaluate(READ_ALL_OPFS)
    before = content_files()
    rewritten = sorted(p for p in before if after.get(p) != before[p])
    assert rewritten == sorted(changes), "the save rewrote other files"
    # The files the editor wrote, in a copy of the repository, checked by the editors' command.
    copy_project(tmp_path, ("mkdocs.yml", "docs", "data", "hooks", "portal", "overrides", "scripts"))
    for path, (_, _, _, key, value) in changes.items():
        (tmp_path / path).write_text(written[path], encoding="utf-8")
        meta, original = read_meta(tmp_path / path), read_meta(REPO / path)
        assert meta[key] == value
        assert {k: v for k, v in meta.items() if k != key} == {k: v for k, v in original.items() if k != key}
        body_before = (REPO / path).read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert written[path].split("\n---\n", 1)[1] == body_before  # the Markdown body is untouched
    result = subprocess.run([sys.executable, "-m", "scripts", "revisar"], cwd=tmp_path,
                            capture_output=True, text=True, check=False, timeout=COMMAND_TIMEOUT)
    assert result.returncode == 0, result.stdout + result.stderr


def _to_rich_text(page: Any) -> None:
    """The text's mode switch, to rich text, where the «Imagen» button works. On a loaded
    machine a click that came before the editor was ready left it in Markdown, the button
    disabled for good: the switch is pressed again until the button is enabled."""
    image = page.get_by_role("button", name="Imagen")
    for _ in range(3):
        page.get_by_role("button", name="Editar en Markdown").click()
        try:
            expect(image).to_be_enabled(timeout=10_000)
            return
        except AssertionError:
            continue
    expect(image).to_be_enabled()


@pytest.mark.browser
def test_image_uploaded_in_the_editor_lands_where_the_build_finds_it(
    editor: tuple[Any, list[str], list[str]], tmp_path: Path
) -> None:
    """An image inserted through the text's «Imagen» button (the editor's own file input):
    a drawing that is over 200 KB once converted is refused with a message and writes nothing;
    a 2400 px, multi-MB photo is written as WebP within the image budget next to the page
    (the media_folder of the generated config), linked as imagenes/<file>, and the page with
    it builds (mkdocs build --strict) with the image where the link points."""
    import io

    from PIL import Image

    from portal.editor.cms_config import IMAGES_FOLDER
    from portal.publish import image_budget

    page, _, errors = editor
    lang, path = LANGUAGES[0], f"docs/{LANGUAGES[0]}/pide-ayuda.md"
    photo, drawing = photo_png(tmp_path / "foto.png"), drawing_png(tmp_path / "dibujo.png")
    assert image_budget.over_budget(photo.stat().st_size, 2400)
    _open_local_repository(page)
    title = page.get_by_role("textbox", name="Título").first
    _open_entry(page, "paginas", "pide-ayuda", lambda: expect(title).to_have_value(str(read_meta(REPO / path)["title"])))
    _to_rich_text(page)
    page.get_by_role("button", name="Imagen").click()
    upload = page.locator("input[type=file]").first
    upload.set_input_files(drawing)
    refusal = page.get_by_role("alertdialog").filter(has_text="Archivo grande")
    expect(refusal).to_contain_text("dibujo.webp")
    refusal.get_by_role("button", name="OK").click()
    upload.set_input_files(photo)
    # Converted (WebP, 1600 px) and shown in the text, from memory, before it is saved.
    page.locator("[contenteditable] img[src^='blob:']").first.wait_for()
    page.get_by_role("textbox", name="Texto alternativo").last.fill("Prueba de imagen")
    _save(page)
    image_path = f"docs/{lang}/{IMAGES_FOLDER}/foto.webp"
    link = f"![Prueba de imagen]({IMAGES_FOLDER}/foto.webp)"
    written = _wait_written(page, path, link)
    for _ in range(50):  # the image is written after the page
        if page.evaluate(OPFS_HAS, image_path):
            break
        page.wait_for_timeout(200)
    assert errors == []
    new_files = sorted(set(page.evaluate(READ_ALL_OPFS)) - set(content_files()))
    assert new_files == [image_path]  # the refused drawing wrote nothing
    data = bytes(page.evaluate(READ_OPFS_BYTES, image_path))
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "WEBP" and max(image.size) <= image_budget.MAX_WIDTH
        assert not image_budget.over_budget(len(data), image.width)
    # The body: the same lines, one of them with the image link added (rich text rewrote nothing).
    before = (REPO / path).read_text(encoding="utf-8").split("\n---\n", 1)[1].splitlines()
    after = written.split("\n---\n", 1)[1].splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert len(changed) == 1 and changed[0][1].replace(link, "") == changed[0][0], changed
    # The link as the editor wrote it, in a page of the same folder, built with the image where
    # the editor put it (a mini-site: the whole portal takes several times longer to build).
    site = build_scenario(tmp_path / "sitio", {f"{lang}/index.md": page_text("Inicio", link)},
                          docs_files={image_path.removeprefix("docs/"): data})
    built = site / "index.html"
    img = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").find("img", alt="Prueba de imagen")
    assert img is not None
    assert (built.parent / img["src"]).read_bytes() == data


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
    _save(page)
    written = _wait_written(page, "data/contactos.yml", "(prueba)")
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
    # The interface strings, in the same load: every string and language kept but the one changed
    # (the file has no # comments for the save to delete: test_editor_config.py).
    original_ui = yaml.safe_load((REPO / "data" / "interfaz.yml").read_text(encoding="utf-8"))
    key = next(iter(original_ui))
    first_text = page.get_by_role("textbox", name=LANGUAGES[0], exact=True).first  # the first key's

    def ready() -> None:
        # The interface form itself, with its first string. 15 s an attempt: 5 s timed out in a
        # clean-clone run with 3 test processes on 2 cores (a large form on a busy machine).
        page.get_by_text(key, exact=True).first.wait_for(timeout=15_000)
        expect(first_text).to_have_value(original_ui[key][LANGUAGES[0]])

    _open_entry(page, "datos", "interfaz", ready)
    first_text.fill(original_ui[key][LANGUAGES[0]] + " (prueba)")
    _save(page)
    written_ui = _wait_written(page, "data/interfaz.yml", "(prueba)")
    assert errors == []
    original_ui[key][LANGUAGES[0]] += " (prueba)"
    assert yaml.safe_load(written_ui) == original_ui
