"""MkDocs entry point 3/5: the site search index, one per language (``portal.search``)."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from portal.search import site_search


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    return site_search.on_env(env, config, files)
