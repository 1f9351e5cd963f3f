"""MkDocs entry point 2/5: each page's HTML and template context, every language build.

Thin: each event delegates to ``portal.pages`` (see ARCHITECTURE.md).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portal.pages import (
    external_links,
    hreflang_links,
    material_markup,
    meta_policy,
    not_found_page,
    script_strings,
    template_cache,
    trim_theme_assets,
    ui_context,
)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return trim_theme_assets.on_files(files, config)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # The CSP and referrer policy every page carries in <meta> (hosts that send no headers).
    env.globals["portal_meta_policy"] = meta_policy.template_globals()
    return template_cache.on_env(env, config, files)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return external_links.on_page_content(html, page, config, files)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    return ui_context.on_page_context(context, page, config, nav)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = hreflang_links.on_post_page(output, page, config)
    output = not_found_page.on_post_page(output, page, config)
    return material_markup.on_post_page(output, page, config)


def on_post_build(config: MkDocsConfig) -> None:
    # assets/javascripts/strings.js: what the scripts announce and the listen controls.
    script_strings.on_post_build(config)
