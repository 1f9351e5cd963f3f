"""Helpers to ask mkdocs-static-i18n which language is being built.

Not a hook. mkdocs-static-i18n runs one nested build per extra language inside the default
build's ``on_post_build`` (stack-notes §1), so a hook that must act once per site (validate
all content, index the whole ``site/``) has to know whether it is in that outer build.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig


def _plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("i18n")


def languages(config: MkDocsConfig) -> list[str]:
    """Locales configured for the site, default language first."""
    plugin = _plugin(config)
    if plugin is None:
        return [config.theme["language"]]
    entries = [lang for lang in plugin.config.languages if lang.build]
    entries.sort(key=lambda lang: not lang.default)
    return [lang.locale for lang in entries]


def default_language(config: MkDocsConfig) -> str:
    return languages(config)[0]


def is_nested_build(config: MkDocsConfig) -> bool:
    """True inside one of i18n's per-language builds (not the outer, default one)."""
    plugin = _plugin(config)
    return bool(plugin is not None and getattr(plugin, "building", False))


def current_language(config: MkDocsConfig) -> str:
    """Language of the build in progress (valid in page events)."""
    return str(config.theme["language"])
