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

from content_checks import decode_source, load_yaml
from content_schema import Contacts, ContentError, InterfaceText, explain
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from pydantic import BaseModel, ValidationError

SCHEMAS: dict[str, type[BaseModel]] = {"contacts": Contacts, "ui": InterfaceText}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    for name, relative in config.extra.get("data_files", {}).items():
        config.extra[name] = load_data_file(root / relative, SCHEMAS[name], relative)
    config.extra["site_path"] = site_path(config.site_url)
    # PORTAL_OFFLINE arrives as text through !ENV: "1", "true" or "yes" mean on.
    config.extra["offline"] = str(config.extra.get("offline", "")).lower() in {"1", "true", "yes"}
    return config


def site_path(site_url: str | None) -> str:
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def load_data_file(path: Path, schema: type[BaseModel], shown_as: str) -> BaseModel:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as missing:
        raise PluginError(f"{shown_as}: no existe el archivo de datos.") from missing
    model, problems = parse_data_file(raw, schema, shown_as)
    if model is None:
        raise PluginError("\n".join(p.message() for p in problems))
    return model


def parse_data_file(raw: bytes, schema: type[BaseModel], shown_as: str) -> tuple[BaseModel | None, list[ContentError]]:
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
        return schema.model_validate(data), []
    except ValidationError as invalid:
        return None, explain(invalid, shown_as, text.splitlines(), 1, schema)
