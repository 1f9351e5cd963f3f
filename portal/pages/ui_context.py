"""Give templates the portal's interface strings as a ready object, ``portal``.

Events:
- ``on_page_context`` (default priority, after mkdocs-static-i18n's at 50, which sets the
  page's language): adds ``portal``, a :class:`PortalUI` for the page's language, to the
  template context. Jinja macros imported "with context" are re-run by every template that
  imports them; a Python object costs almost nothing per call, and page rendering was the
  largest part of the build (make bench, profile).

Templates use ``portal.t(key)`` (text; a Spanish fallback comes marked ``lang="es"``),
``portal.plain(key)`` (for attributes), ``portal.code``, ``portal.prefix`` (the language's
folder, "" or "en/"), ``portal.tag(locale)`` (BCP 47 tag, e.g. qu-EC), ``portal.glossed(text)``
and ``portal.title_of(nav_item, text)`` (menu titles in the language they are written in).

Kichwa interface strings follow one convention (data/interfaz.yml, languages/qu.html): where
no Kichwa word is attested, the Spanish follows in parentheses, "Llukshina (Salir rápido)". In
visible text each parenthesis is marked lang="es" (WCAG 3.1.2); attributes keep plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from portal.content.schema import InterfaceText
from portal.i18n_state import settings
from portal.settings import Language, Languages


@dataclass(frozen=True)
class PortalUI:
    strings: InterfaceText
    code: str
    default: str
    languages: Languages
    # Section names translated for this language (mkdocs-static-i18n nav_translations).
    translated_sections: frozenset[str] = frozenset()

    @property
    def prefix(self) -> str:
        return "" if self.code == self.default else f"{self.code}/"

    @property
    def language(self) -> Language:
        return self.languages.get(self.code)

    def tag(self, locale: str | None = None) -> str:
        return self.languages.tag(locale or self.code)

    def og_locale(self, locale: str) -> str:
        try:
            return self.languages.get(locale).og_locale
        except KeyError:
            return locale

    def plain(self, key: str) -> Markup:
        """The text for an attribute (no lang markup), escaped for it."""
        return escape(self.strings.text(key, self.code))

    def t(self, key: str) -> Markup:
        if self.strings.is_translated(key, self.code):
            return self.glossed(self.strings.text(key, self.code))
        return Markup('<span lang="{}">{}</span>').format(self.tag(self.default), self.strings.text(key, self.default))

    def glossed(self, text: str) -> Markup:
        """In a glossed language (extra.languages: glossed, Kichwa), the glosses in the default
        language, in parentheses, are marked with its lang."""
        if not self.language.glossed or " (" not in text:
            return escape(text)
        first, *rest = text.split(" (")
        out = escape(first)
        for part in rest:
            inner, _, after = part.partition(")")
            out += Markup(' <span lang="{}">({})</span>{}').format(self.tag(self.default), inner, after)
        return out

    def title_of(self, item: Any, text: str) -> Markup:
        """A page or section title in the language it is written in: an untranslated page
        (i18n fallback) or a section without a nav translation is marked as Spanish."""
        source = None
        file = getattr(item, "file", None)
        if file is not None and getattr(file, "locale", None):
            source = file.locale
        elif getattr(item, "children", None) and self.code != self.default and text not in self.translated_sections:
            source = self.default
        if source and source != self.code:
            return Markup('<span lang="{}">{}</span>').format(self.tag(source), text)
        return self.glossed(text)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    context["portal"] = portal_ui(config, context.get("i18n_page_locale") or config.theme["language"])
    return context


def portal_ui(config: MkDocsConfig, code: str) -> PortalUI:
    """The ``portal`` object for one language (also used by site_search.py for result titles)."""
    languages = settings(config).languages
    return PortalUI(config.extra["ui"], code, languages.default.code, languages,
                    frozenset(languages.get(code).nav_translations.values()))
