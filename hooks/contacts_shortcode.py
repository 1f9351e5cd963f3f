"""Write the help lines into pages from the one data file, ``data/contactos.yml``.

Events:
- ``on_page_markdown`` (default priority): replaces the marker ``<!-- portal:lineas-de-ayuda -->``
  with the list of help lines in the language being built. The help bar on every page
  (``overrides/partials/help-bar.html``) reads the same data, so a number is changed in one
  place only. The marker is an HTML comment so a page still reads well if the hook is absent.
"""

from __future__ import annotations

from content_schema import Contacts, HelpLine, InterfaceText
from i18n_state import current_language
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

MARKER = "<!-- portal:lineas-de-ayuda -->"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    lang = current_language(config)
    return markdown.replace(MARKER, help_lines_markdown(config.extra["contacts"], config.extra["ui"], lang))


def help_lines_markdown(contacts: Contacts, ui: InterfaceText, lang: str) -> str:
    return "\n".join(_line_item(line, ui, lang) for line in contacts.lines if line.in_help_bar) + "\n"


def _line_item(line: HelpLine, ui: InterfaceText, lang: str) -> str:
    traits = []
    if line.free and line.hours_24:
        traits.append(ui.markdown("help_free_24h", lang))
    if line.confidential:
        traits.append(ui.markdown("help_confidential", lang))
    extra = f" {'. '.join(traits)}." if traits else ""
    return (
        f"- **[{line.number}](tel:{line.tel})** — {line.name.markdown(lang)}. "
        f"{line.when.markdown(lang)}{extra}"
    )
