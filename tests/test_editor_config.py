"""The editor's configuration (portal/editor/cms_config.py) agrees with the content schema.

Every field of every model the build checks appears in the editor's forms with the same
required/optional flag, lengths, pattern and allowed values; the event dates' pattern accepts
exactly what the schema accepts. A field added to the schema and not to the forms, or a
constraint changed on one side only, fails here. No browser, no build."""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from portal.content import schema
from portal.editor import cms_config
from portal.editor.cms_config import EVENT_WHEN_PATTERN, EditorTarget, site_config
from portal.publish import PublishError, editor_files
from tests.support.site import REPO, locales

LANGUAGES = locales()
UI_KEYS = list(yaml.safe_load((REPO / "data" / "interfaz.yml").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return site_config(LANGUAGES, EditorTarget(repo="dueno/portal"), "https://example.org/trata/", UI_KEYS)


def _collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def _file(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in _collection(config, "datos")["files"] if f["name"] == name)


def _by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def _literal_values(annotation: Any) -> list[Any] | None:
    annotation, _ = cms_config._unwrap(annotation)
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        return _literal_values(item)
    return None


def assert_form_matches(model: type[BaseModel], fields: list[dict[str, Any]], where: str) -> None:
    """Each schema field ↔ one form field: required, lengths, pattern, options, sub-fields."""
    forms = _by_name(fields)
    extra = set(forms) - set(model.model_fields) - {"body"}
    assert not extra, f"{where}: the form has fields the schema does not know: {extra}"
    for name, info in model.model_fields.items():
        assert name in forms, f"{where}: schema field '{name}' is not in the editor's form"
        form = forms[name]
        assert form["required"] is info.is_required(), f"{where}.{name}: required"
        metadata = list(info.metadata) + cms_config._unwrap(info.annotation)[1]
        constraints = [m for m in metadata if hasattr(m, "pattern") or hasattr(m, "max_length")]
        for item in constraints:
            if getattr(item, "pattern", None):
                assert form["pattern"][0] == item.pattern, f"{where}.{name}: pattern"
            if getattr(item, "max_length", None) and form["widget"] in ("string", "text"):
                assert form["maxlength"] == item.max_length, f"{where}.{name}: maxlength"
            if getattr(item, "min_length", None) and form["widget"] in ("string", "text"):
                assert form["minlength"] == item.min_length, f"{where}.{name}: minlength"
            if getattr(item, "min_length", None) and form["widget"] == "list":
                assert form["min"] == item.min_length, f"{where}.{name}: min items"
        values = _literal_values(info.annotation)
        if values is not None:
            assert form["widget"] == "select", f"{where}.{name}: a Literal is a select"
            options = [o["value"] if isinstance(o, dict) else o for o in form["options"]]
            assert options == values, f"{where}.{name}: options"
            assert form.get("multiple", False) is (typing.get_origin(cms_config._unwrap(info.annotation)[0]) is list)
        inner, _ = cms_config._unwrap(info.annotation)
        if typing.get_origin(inner) is list:
            (inner,) = typing.get_args(inner)
            inner, _ = cms_config._unwrap(inner)
        if isinstance(inner, type) and issubclass(inner, BaseModel) and not issubclass(inner, schema.RootModel):
            assert_form_matches(inner, form["fields"], f"{where}.{name}")
        if inner is dt.date:
            assert (form["widget"], form["type"], form["format"]) == ("datetime", "date", "YYYY-MM-DD"), name


def test_page_form_matches_the_page_schema(config: dict[str, Any]) -> None:
    assert_form_matches(schema.PageMeta, _collection(config, "paginas")["fields"], "paginas")


def test_event_form_matches_the_event_schema(config: dict[str, Any]) -> None:
    events = _collection(config, "eventos")
    assert_form_matches(schema.Event, events["fields"], "eventos")
    fields = _by_name(events["fields"])
    assert fields["sources"]["widget"] == "list" and "fields" in fields["sources"]  # a list of objects
    assert fields["place"]["widget"] == "object"
    assert _by_name(fields["place"]["fields"])["province"]["options"] == list(schema.ECUADOR_PROVINCES)


def test_help_numbers_form_matches_the_contacts_schema(config: dict[str, Any]) -> None:
    contacts = _file(config, "contactos")
    assert contacts["file"] == "data/contactos.yml"
    assert_form_matches(schema.Contacts, contacts["fields"], "contactos")
    line = _by_name(_by_name(contacts["fields"])["lines"]["fields"])
    # LocalizedText: one text per site language, the default one required.
    assert [(f["name"], f["required"]) for f in line["name"]["fields"]] == [
        (code, code == LANGUAGES[0]) for code in LANGUAGES
    ]
    # None = not verified: a select (yes / no / empty), never a checkbox that writes false.
    assert line["free"]["widget"] == "select" and line["free"]["required"] is False
    # Default true: left out of the file means "in the help bar"; a checkbox would write false.
    assert line["in_help_bar"]["widget"] == "select" and line["in_help_bar"]["required"] is False


def test_interface_strings_form_has_every_key(config: dict[str, Any]) -> None:
    ui = _file(config, "interfaz")
    assert ui["file"] == "data/interfaz.yml"
    assert [f["name"] for f in ui["fields"]] == UI_KEYS


def test_languages_come_from_the_one_list(config: dict[str, Any]) -> None:
    assert config["i18n"]["structure"] == "multiple_folders"
    assert config["i18n"]["locales"] == LANGUAGES
    assert config["i18n"]["default_locale"] == LANGUAGES[0]
    assert _collection(config, "paginas")["folder"] == "docs/{{locale}}"
    assert _collection(config, "eventos")["folder"] == f"docs/{{{{locale}}}}/{schema.EVENTS_FOLDER}"


def test_editorial_workflow_backend_and_image_budget(config: dict[str, Any]) -> None:
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": "github", "repo": "dueno/portal", "branch": "main",
                                 "preview_context": "vista-previa"}
    media = config["media_libraries"]["default"]["config"]
    assert media["max_file_size"] == 200 * 1024
    assert media["transformations"]["raster_image"]["width"] == 1600
    assert config["media_libraries"]["stock_assets"] is False
    # Images next to the page, in its own language folder, linked relative to it: a
    # translation's page under qu/ or en/ finds them (a link to the Spanish folder would not:
    # the build does not copy docs/es/imagenes/ into site/qu/).
    pages = _collection(config, "paginas")
    assert (pages["media_folder"], pages["public_folder"]) == ("imagenes", "imagenes")
    assert config["media_folder"] == "docs/es/imagenes"  # the editor's image library


EVENT_DATES = [
    "2026-07-30", "2026-07-30 10:00:00-05:00", "2026-07-30T10:00-05:00", "2026-07-30 10:00:00Z",
    "2007-06", "2007", "2026-13", "2026-07-30 10:00", "30/07/2026", "julio 2026", "2026-7-30",
]


@pytest.mark.parametrize("text", EVENT_DATES)
def test_event_date_pattern_accepts_what_the_schema_accepts(text: str) -> None:
    base = {"title": "Evento de prueba", "description": "Un evento de prueba para comparar fechas.",
            "type": "otro", "organiser": ["Ministerio"], "audience": "Todos",
            "last_verified": "2026-11-24", "sources": [{"title": "Fuente"}], "place": "en línea"}
    try:
        schema.Event.model_validate({**base, "start": text})
        accepted = True
    except ValidationError:
        accepted = False
    assert bool(re.match(EVENT_WHEN_PATTERN, text)) is accepted, text


def test_event_type_options_are_named_from_the_interface_strings() -> None:
    labels = {"taller": "Taller"}
    config = site_config(LANGUAGES, EditorTarget(repo="a/b"), "https://example.org/", UI_KEYS, type_labels=labels)
    options = _by_name(_collection(config, "eventos")["fields"])["type"]["options"]
    assert {"label": "Taller", "value": "taller"} in options


def test_bundle_without_the_expected_cdn_addresses_stops_the_build() -> None:
    bundle = " ".join(address for address, _, _ in editor_files.FONTS)
    bundle += editor_files.UNPKG_SELF + " ".join(editor_files.STATUS_CHECKS)
    bundle += " ".join(old for old, _ in editor_files.BUGFIXES)
    local = editor_files.local_bundle(bundle)
    assert "jsdelivr" not in local and "unpkg" not in local and "githubstatus" not in local
    with pytest.raises(PublishError, match="ya no contiene"):
        editor_files.local_bundle(bundle.replace("cdn.jsdelivr.net", "cdn.example.net"))


def test_real_bundle_has_the_addresses_it_rewrites() -> None:
    """The pinned version: every CDN address the copy replaces is there, and no other CDN
    address is loaded at start (fonts, strings, status, version check)."""
    from tests.support.editor import BUNDLE, ensure_cms

    ensure_cms()
    local = editor_files.local_bundle(BUNDLE.read_text(encoding="utf-8"))
    assert "cdn.jsdelivr.net/fontsource" not in local
    assert "https://unpkg.com/@sveltia/cms" not in local


def test_events_collection_lists_only_events(config: dict[str, Any]) -> None:
    """eventos/index.md (the listing, no 'type') is left out: the filter is the schema's types."""
    events = _collection(config, "eventos")
    assert events["filter"] == {"field": "type", "value": list(typing.get_args(schema.EventType))}


def test_preview_links_keep_the_sub_path() -> None:
    """Sveltia joins preview_path to the site's origin: the sub-path must be in the template."""
    config = site_config(LANGUAGES, EditorTarget(repo="a/b"), "https://example.org/trata/", UI_KEYS)
    assert _collection(config, "paginas")["preview_path"] == "trata/{{locale}}/{{slug}}.html"
    root = site_config(LANGUAGES, EditorTarget(repo="a/b"), "https://example.org/", UI_KEYS)
    assert _collection(root, "eventos")["preview_path"] == "{{locale}}/eventos/{{slug}}.html"


def _all_fields(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for item in fields:
        found.append(item)
        found += _all_fields(item.get("fields", []))
    return found


@pytest.mark.parametrize("model", [schema.PageMeta, schema.Event, schema.HelpLine, schema.Place])
def test_no_checkbox_for_a_field_the_file_may_leave_out(config: dict[str, Any], model: type[BaseModel]) -> None:
    """A checkbox writes true or false for a field the file leaves out. Saving a help line
    without 'in_help_bar' (default true) must not take it out of the help bar, and saving a
    page must not add 'search_exclude: false' to it (a line in every pull request)."""
    top: list[dict[str, Any]] = []
    for collection in config["collections"]:
        top += collection.get("fields", [])
        for file in collection.get("files", []):
            top += file["fields"]
    forms = {f["name"]: f for f in _all_fields(top)}
    for name, info in model.model_fields.items():
        if cms_config._unwrap(info.annotation)[0] is bool and name in forms:
            if not info.is_required():
                assert forms[name]["widget"] == "select", f"{model.__name__}.{name}: optional, behind a checkbox"
                assert [o["value"] for o in forms[name]["options"]] == [True, False]
                assert forms[name]["required"] is False  # empty: nothing written


def yaml_comments(text: str) -> list[int]:
    """Line numbers (1-based) of the # comments in a YAML text: a '#' outside every token the
    scanner returns (PyYAML drops comments; a '#' in a quoted or plain value is in a token)."""
    spans = [(t.start_mark.index, t.end_mark.index) for t in yaml.scan(text)]
    lines = []
    for index, char in enumerate(text):
        if char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            if not any(start <= index < end for start, end in spans):
                lines.append(text.count("\n", 0, index) + 1)
    return lines


def test_comment_finder_finds_comments() -> None:
    text = '# head\nkey: "a # not a comment"  # tail\nother: b#c\n  # indented\n'
    assert yaml_comments(text) == [1, 2, 4]


def test_data_files_the_editor_saves_have_no_comments(config: dict[str, Any]) -> None:
    """The editor deletes # comments when it saves a data file: the files must carry none, so a
    save loses nothing a reader needs (the guidance is in the form's hints and CONTRIBUTING.md)."""
    files = [f["file"] for f in _collection(config, "datos")["files"]]
    assert files == ["data/contactos.yml", "data/interfaz.yml"]
    for name in files:
        lines = yaml_comments((REPO / name).read_text(encoding="utf-8"))
        assert not lines, (
            f"{name}, líneas {lines}: el editor del navegador borra los comentarios (#) al guardar. "
            "Cómo corregirlo: escriba esa guía en CONTRIBUTING.md («Datos compartidos») o como "
            "ayuda del campo en portal/editor/cms_config.py (LABELS, LANGUAGE_HINTS, INTERFACE_HINTS), "
            "y quite el comentario."
        )


def test_guidance_of_the_data_files_is_in_the_form(config: dict[str, Any]) -> None:
    """What the files' comments said is shown next to the fields: where each interface string
    is used, the Kichwa draft rules, how to change a number."""
    ui = _by_name(_file(config, "interfaz")["fields"])
    for key, where in (("help_bar_label", "help-bar.html"), ("search_did_you_mean", "buscar.html"),
                       ("events_upcoming_heading", "event-"), ("home_tasks_label", "home-tasks.html"),
                       ("listen_button", "listen.html")):
        assert where in ui[key]["hint"], key
    kichwa = _by_name(ui["quick_exit"]["fields"])["qu"]
    assert "BORRADOR" in kichwa["hint"] and "kichwa-revision.yml" in kichwa["hint"]
    assert "hint" not in _by_name(ui["quick_exit"]["fields"])[LANGUAGES[0]]
    lines = _by_name(_file(config, "contactos")["fields"])["lines"]
    assert "fuente oficial" in lines["hint"] and "tel:" in lines["hint"]
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "### Datos compartidos" in contributing and "help_bar_label_plain" in contributing


def test_editor_links_the_preview_the_workflow_reports(config: dict[str, Any]) -> None:
    """The forge cannot be exercised here (no GitHub): what can be checked is that both sides
    agree. The editor shows, next to each change it proposes, the commit status named
    backend.preview_context; .github/workflows/preview.yml posts a status of that name with the
    preview's address, for the pull requests the editorial workflow opens (pull_request, never
    pull_request_target), and removes the preview when the pull request closes."""
    from tests.test_workflows import _load

    assert config["publish_mode"] == "editorial_workflow"
    workflow = _load(REPO / ".github" / "workflows" / "preview.yml")
    assert set(workflow["on"]) == {"pull_request"}
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    status = next(r for r in runs if "/statuses/" in r)
    assert f"context={config['backend']['preview_context']}" in status.split()
    assert "target_url=\"$PREVIEW_URL\"" in status
    assert workflow["env"]["PREVIEW_URL"].endswith("pr-preview/pr-${{ github.event.number }}/")
