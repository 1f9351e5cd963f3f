"""Give templates the portal's interface strings as a ready object, ``portal``.

Events:
- ``on_page_context`` (default priority, after mkdocs-static-i18n's at 50, which sets the
  page's language): adds ``portal``, a :class:`PortalUI` for the page's language, to the
  template context. Jinja macros imported "with context" are re-run by every template that
  imports them; a Python object costs almost nothing per call, and page rendering was the
  largest part of the build (make bench, profile).

Templates use ``portal.t(key)`` (text; a Spanish fallback comes marked ``lang="es"``),
``portal.plain(key)`` (for attributes), ``portal.code``, ``portal.prefix`` (the language's
folder, "" or "en/") and ``portal.tag(locale)`` (BCP 47 tag, e.g. qu-EC).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from content_schema import InterfaceText
from i18n_state import default_language
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class PortalUI:
    strings: InterfaceText
    code: str
    default: str
    tags: dict[str, str]

    @property
    def prefix(self) -> str:
        return "" if self.code == self.default else f"{self.code}/"

    def tag(self, locale: str | None = None) -> str:
        locale = locale or self.code
        return self.tags.get(locale, locale)

    def plain(self, key: str) -> str:
        return self.strings.text(key, self.code)

    def t(self, key: str) -> Markup:
        if self.strings.is_translated(key, self.code):
            return escape(self.strings.text(key, self.code))
        return Markup('<span lang="{}">{}</span>').format(self.tag(self.default), self.strings.text(key, self.default))


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    code = context.get("i18n_page_locale") or config.theme["language"]
    context["portal"] = PortalUI(config.extra["ui"], code, default_language(config),
                                 dict(config.extra.get("language_tags", {})))
    return context
