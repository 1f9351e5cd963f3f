"""Load the site's shared data files into ``config.extra``.

Events:
- ``on_config`` (default priority, before mkdocs-static-i18n): reads every file named in
  ``extra.data_files`` (e.g. ``data/contactos.yml``), validates it against its schema in
  ``content_schema`` and stores the typed result as ``extra.<name>``, so templates (help bar)
  and hooks (help-page shortcode) read the same numbers. It also stores ``extra.site_path``,
  the path part of ``site_url`` ("/trata/"), for pages that must use root-relative links
  (the 404 page is served at any URL).

Runs again for each language build; it only reads files, so repeating it is harmless.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from pydantic import BaseModel, ValidationError

from portal.build_cache import project_folder
from portal.content.checks import decode_source, load_yaml
from portal.content.schema import Contacts, ContentError, InterfaceText, explain
from portal.i18n_state import i18n_entries, read_settings
from portal.settings import Languages, SettingsError, read_extra

SCHEMAS: dict[str, type[BaseModel]] = {"contacts": Contacts, "ui": InterfaceText}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if "settings" in config.extra:
        return config  # a nested language build re-runs on_config on the same config
    try:
        extra = read_extra(config.extra)
    except SettingsError as error:
        raise PluginError(str(error)) from None
    codes = Languages.from_i18n(i18n_entries(config), extra.languages, config.site_name).codes
    root = project_folder(config.config_file_path)
    data: dict[str, BaseModel] = {}
    for name, relative in extra.data_files.items():
        if name not in SCHEMAS:
            raise PluginError(f"mkdocs.yml, extra.data_files.{name}: archivo de datos desconocido. "
                              f"Use uno de: {', '.join(SCHEMAS)}.")
        data[name] = load_data_file(root / relative, SCHEMAS[name], relative, codes)
    ui = data.get("ui")
    if isinstance(ui, InterfaceText):
        missing = [code for code in codes if code not in ui.languages()]
        if missing:
            raise PluginError(
                f"{extra.data_files['ui']}: no hay ningún texto de la interfaz en '{missing[0]}'.\n"
                f"    Cómo corregirlo: complete {extra.data_files['ui']} con una línea "
                f"'{missing[0]}: ...' en cada texto (copie la línea '{codes[0]}' y tradúzcala)."
            )
    config.extra.update(data)
    try:
        config.extra["settings"] = read_settings(config, data)
    except SettingsError as error:
        raise PluginError(str(error)) from None
    config.extra["site_path"] = config.extra["settings"].site_path
    # PORTAL_OFFLINE arrives as text through !ENV: the typed value ("1", "true", "yes" = on).
    config.extra["offline"] = extra.offline
    return config


def site_path(site_url: str | None) -> str:
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def load_data_file(path: Path, schema: type[BaseModel], shown_as: str,
                   languages: list[str] | None = None) -> BaseModel:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as missing:
        raise PluginError(f"{shown_as}: no existe el archivo de datos.") from missing
    model, problems = parse_data_file(raw, schema, shown_as, languages)
    if model is None:
        raise PluginError("\n".join(p.message() for p in problems))
    return model


def parse_data_file(
    raw: bytes, schema: type[BaseModel], shown_as: str, languages: list[str] | None = None
) -> tuple[BaseModel | None, list[ContentError]]:
    """A data file read and validated, or the content errors (file, line, field, fix) that
    say why not. Never raises for what an editor may write (tests/test_content_properties.py)."""
    text, problems = decode_source(shown_as, raw)
    if problems:
        return None, problems
    data, problems = load_yaml(shown_as, text, 1)
    if problems:
        first = problems[0]
        return None, [ContentError(shown_as, first.line, None,
                                   f"el archivo YAML está mal escrito: {first.problem.rstrip('.')}.",
                                   first.fix)]
    try:
        return schema.model_validate(data, context={"languages": languages or []}), []
    except ValidationError as invalid:
        return None, explain(invalid, shown_as, text.splitlines(), 1, schema)
