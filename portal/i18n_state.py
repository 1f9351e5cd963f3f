"""The MkDocs side of the settings: which language is being built, and the typed settings.

Not a hook. mkdocs-static-i18n runs one nested build per extra language inside the default
build's ``on_post_build`` (ARCHITECTURE.md, "How mkdocs-static-i18n builds"), so the one hook
that must act once per site (``hooks/publish.py``) asks whether it is in that outer build.
Everything MkDocs-specific about reading the configuration is here; the rest of the portal
receives a :class:`portal.settings.Settings`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from portal.build_cache import project_folder
from portal.settings import Languages, Settings, read_extra

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def _plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("i18n")


def i18n_entries(config: MkDocsConfig) -> list[dict[str, Any]]:
    """mkdocs-static-i18n's ``languages:`` as plain dictionaries."""
    plugin = _plugin(config)
    if plugin is None:
        return [{"locale": config.theme["language"], "default": True, "build": True}]
    return [dict(lang) for lang in plugin.config.languages]


def read_settings(config: MkDocsConfig, data: dict[str, Any]) -> Settings:
    """The typed settings for this build (raises portal.settings.SettingsError)."""
    extra = read_extra(config.extra)
    site_url = (config.site_url or "/").rstrip("/") + "/"
    return Settings(
        root=project_folder(config.config_file_path),
        docs=Path(config.docs_dir),
        site_url=site_url,
        site_name=config.site_name,
        extra=extra,
        languages=Languages.from_i18n(i18n_entries(config), extra.languages, config.site_name),
        data=data,
    )


def settings(config: MkDocsConfig) -> Settings:
    """The settings stored by ``hooks/content.py`` (on_config)."""
    value = config.extra["settings"]
    assert isinstance(value, Settings)
    return value


def languages(config: MkDocsConfig) -> list[str]:
    """Locales configured for the site, default language first."""
    return settings(config).languages.codes


def default_language(config: MkDocsConfig) -> str:
    return languages(config)[0]


def is_nested_build(config: MkDocsConfig) -> bool:
    """True inside one of i18n's per-language builds (not the outer, default one)."""
    plugin = _plugin(config)
    return bool(plugin is not None and getattr(plugin, "building", False))


def current_language(config: MkDocsConfig) -> str:
    """Language of the build in progress (valid in page events)."""
    return str(config.theme["language"])
