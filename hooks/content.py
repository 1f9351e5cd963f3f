"""MkDocs entry point 1/5: settings, data files, content checks, Markdown markers.

Thin: each event delegates to ``portal`` (see ARCHITECTURE.md for the whole build).
- ``on_config``: typed settings and languages (``portal.settings``), data files
  (``portal.content.site_data``).
- ``on_pre_build``: checks every page's front matter once (``portal.content.page_schema``).
- ``on_page_markdown``: gives templates the validated sources (``validated_meta``), then
  replaces the ``<!-- portal:... -->`` markers (help lines, offline download, PDF link).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from portal.content import contacts_shortcode, download_links, page_schema, site_data, validated_meta
from portal.i18n_state import is_nested_build, settings
from portal.publish import PublishError, print_pdfs


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return site_data.on_config(config)


def on_pre_build(config: MkDocsConfig) -> None:
    if not is_nested_build(config):  # the nested language builds: content already checked
        page_schema.on_pre_build(config)
        try:  # PDFs asked for without Chromium: stop now, before any page is written
            print_pdfs.enabled(settings(config))
        except PublishError as error:
            raise PluginError(str(error)) from None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    validated_meta.use_validated_sources(page)  # templates print the checked values (issue 13)
    markdown = contacts_shortcode.on_page_markdown(markdown, page, config, files)
    markdown = download_links.on_page_markdown(markdown, page, config, files)
    return print_pdfs.on_page_markdown(markdown, page, config, files)
