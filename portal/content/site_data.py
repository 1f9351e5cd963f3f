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

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from pydantic import BaseModel, ValidationError

from portal.content.schema import Contacts, ContentError, InterfaceText, explain
from portal.i18n_state import i18n_entries, read_settings
from portal.settings import Languages, SettingsError, read_extra

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
SCHEMAS: dict[str, type[BaseModel]] = {"contacts": Contacts, "ui": InterfaceText}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if "settings" in config.extra:
        return config  # a nested language build re-runs on_config on the same config
    try:
        extra = read_extra(config.extra)
    except SettingsError as error:
        raise PluginError(str(error)) from None
    codes = Languages.from_i18n(i18n_entries(config), extra.languages, config.site_name).codes
    root = Path(config.config_file_path).parent
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
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as missing:
        raise PluginError(f"{shown_as}: no existe el archivo de datos.") from missing
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as bad_yaml:
        mark = getattr(bad_yaml, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise PluginError(
            f"{shown_as}{line}: el archivo YAML está mal escrito ({bad_yaml}).\n"
            "    Cómo corregirlo: revise la sangría y ponga entre comillas los textos con dos puntos."
        ) from bad_yaml
    try:
        return schema.model_validate(data, context={"languages": languages or []})
    except ValidationError as invalid:
        problems: list[ContentError] = explain(invalid, shown_as, text.splitlines(), 1, schema)
        raise PluginError("\n".join(p.message() for p in problems)) from invalid
