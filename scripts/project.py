"""Read the project's settings from mkdocs.yml without running MkDocs (for tools and tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from portal.settings import Languages, LanguageSettings

REPO = Path(__file__).resolve().parents[1]


class _Loader(yaml.SafeLoader):
    """mkdocs.yml uses !ENV tags; tools only need the plain structure."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


@dataclass(frozen=True)
class Project:
    root: Path
    config: dict[str, Any]

    @classmethod
    def load(cls, root: Path = REPO) -> Project:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        return cls(root, yaml.load(text, Loader=_Loader))

    @property
    def docs(self) -> Path:
        return self.root / str(self.config.get("docs_dir", "docs"))

    @property
    def i18n_languages(self) -> list[dict[str, Any]]:
        for plugin in self.config["plugins"]:
            if isinstance(plugin, dict) and "i18n" in plugin:
                return list(plugin["i18n"]["languages"])
        raise ValueError("mkdocs.yml no tiene el plugin i18n")

    @property
    def languages(self) -> list[str]:
        """Configured locales, default (source) language first."""
        ordered = sorted(self.i18n_languages, key=lambda lang: not lang.get("default", False))
        return [lang["locale"] for lang in ordered]

    @property
    def extra(self) -> dict[str, Any]:
        return dict(self.config.get("extra", {}))

    @property
    def language_model(self) -> Languages:
        """The site's languages, through the same model the build uses (portal.settings)."""
        extra = self.extra.get("languages") or {}
        settings = {code: LanguageSettings.model_validate(value or {}) for code, value in extra.items()}
        return Languages.from_i18n(self.i18n_languages, settings, str(self.config.get("site_name", "")))

    def language_tag(self, locale: str) -> str:
        return self.language_model.tag(locale)

    def is_draft(self, locale: str) -> bool:
        """Its pages are drafts awaiting native review (extra.languages.<locale>.draft)."""
        return self.language_model.get(locale).draft
