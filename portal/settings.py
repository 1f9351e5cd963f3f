"""The portal's settings: everything it reads from mkdocs.yml, typed and checked once.

Not a hook, and it does not import MkDocs: ``hooks/content.py`` builds a :class:`Settings`
from ``config.extra`` and the i18n plugin's language list in ``on_config`` and stores it as
``config.extra["settings"]``; every other module receives it (or the part it needs) as an
argument. A misspelt or unknown key under ``extra:`` stops the build with a Spanish message
that names the key ("¿Quiso decir ...?"), instead of silently switching a feature off.

To add a setting: add a typed field (with its default) to :class:`Settings` or to one of its
parts, write the key in mkdocs.yml ``extra:``, and read ``settings.<field>`` where needed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

# Keys under extra: that Material for MkDocs or mkdocs-static-i18n read or write themselves.
ENGINE_KEYS = frozenset(
    {"generator", "alternate", "homepage", "social", "analytics", "consent", "version", "status", "annotate", "tags"}
)
# Keys the portal itself adds to extra: while building (typed data for the templates).
DERIVED_KEYS = frozenset({"settings", "contacts", "ui", "site_path"})


class SettingsError(Exception):
    """mkdocs.yml has a setting the portal does not know or cannot use (message in Spanish)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SearchSettings(_Strict):
    """extra.search: per language code, the Snowball stemmer and the plural endings."""

    stemmers: dict[str, str] = {}
    plural_suffixes: dict[str, list[str]] = {}
    # Languages whose words are also compared as they sound in Spanish (b/v, s/c/z, ll/y...).
    phonetic: list[str] = []
    # Per language, a data file of endings taken off words (Kichwa: data/kichwa-sufijos.yml).
    endings: dict[str, str] = {}


class EventSettings(_Strict):
    time_zone: str = "America/Guayaquil"


class LanguageSettings(_Strict):
    """extra.languages.<code>: what the i18n plugin does not know about a language."""

    tag: str | None = None  # BCP 47 tag for <html lang> when it differs from the code (qu-EC)
    og_locale: str | None = None  # Open Graph locale, language_TERRITORY
    draft: bool = False  # pages are drafts awaiting review by native speakers
    glossed: bool = False  # interface texts gloss untranslated words as "Palabra (español)"
    # Speech voices that read this language ("Escuchar esta página"), as BCP 47 tags. Empty:
    # any voice of the same primary language. Listed: only these (a regional variant of the
    # code itself, such as qu-PE for Peruvian Quechua, does not count unless listed).
    voices: list[str] = []
    # Dates: the Babel (CLDR) locale that writes them (default: the code), or another language
    # whose dates this one shows, marked with that language (CLDR's "qu" is Southern Quechua,
    # not Ecuadorian Kichwa: Kichwa pages show Spanish dates).
    date_locale: str | None = None
    dates_in: str | None = None


class EditorSettings(_Strict):
    """extra.editor: the browser editor (Sveltia CMS) at admin/ (portal/editor/, DEPLOYMENT.md)."""

    enabled: bool = False  # PORTAL_EDITOR=1 (make build): admin/ is written into the site
    backend: Literal["github", "gitlab"] = "github"
    repo: str = ""  # owner/name of the repository the editor opens pull requests on
    branch: str = "main"
    base_url: str | None = None  # OAuth client for "Iniciar sesión con GitHub"; none: token sign-in
    app_id: str | None = None  # GitLab: OAuth application ID (PKCE sign-in)

    @field_validator("enabled", mode="before")
    @classmethod
    def _env_flag(cls, value: object) -> bool:
        return value if isinstance(value, bool) else _flag(value)

    @field_validator("repo", mode="before")
    @classmethod
    def _env_text(cls, value: object) -> object:
        return "" if value is None else value  # !ENV read without MkDocs (tools, tests)


def _flag(value: object) -> bool:
    """!ENV values arrive as text: "1", "true" or "yes" mean on."""
    return str(value if value is not None else "").lower() in {"1", "true", "yes"}


class Extra(_Strict):
    """Everything the portal reads from mkdocs.yml ``extra:`` (see the comments there)."""

    data_files: dict[str, str] = {}
    events: EventSettings = EventSettings()
    search: SearchSettings = SearchSettings()
    offline: bool = False
    offline_zip: str = "dist/portal-sin-conexion.zip"
    pdfs: bool = False
    trim_theme_css: bool = True  # portal/publish/trim_theme_css.py; PORTAL_TRIM_CSS=0 keeps Material's CSS whole
    bundle_assets: bool = True  # publish/minify_assets.py + bundle_assets.py; PORTAL_BUNDLE_ASSETS=0: files as written
    quick_exit_url: str
    languages: dict[str, LanguageSettings] = {}
    editor: EditorSettings = EditorSettings()

    @field_validator("offline", "pdfs", "trim_theme_css", "bundle_assets", mode="before")
    @classmethod
    def _env_flag(cls, value: object) -> bool:
        return value if isinstance(value, bool) else _flag(value)


@dataclass(frozen=True)
class Language:
    code: str  # the i18n locale and the language's folder in docs/ and site/
    name: str
    tag: str  # BCP 47, for lang and hreflang
    og_locale: str
    prefix: str  # the language's folder in site/: "" for the default language, else "en/"
    default: bool
    draft: bool
    glossed: bool
    site_name: str
    voices: tuple[str, ...] = ()
    date_locale: str = ""  # Babel locale for dates ("es_EC")
    dates_in: str = ""  # the language whose dates its pages show (itself, or e.g. "es")
    nav_translations: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Languages:
    """The languages built, default (source) language first."""

    all: tuple[Language, ...]

    def __iter__(self) -> Iterator[Language]:
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)

    @property
    def default(self) -> Language:
        return self.all[0]

    @property
    def codes(self) -> list[str]:
        return [language.code for language in self.all]

    def get(self, code: str) -> Language:
        for language in self.all:
            if language.code == code:
                return language
        raise KeyError(code)

    def tag(self, code: str) -> str:
        try:
            return self.get(code).tag
        except KeyError:
            return code

    @property
    def tags(self) -> dict[str, str]:
        return {language.code: language.tag for language in self.all}

    @classmethod
    def from_i18n(
        cls, entries: Sequence[Mapping[str, Any]], extra: Mapping[str, LanguageSettings], site_name: str
    ) -> Languages:
        """From mkdocs-static-i18n's ``languages:`` (locale, name, default, build, site_name,
        nav_translations) and ``extra.languages``."""
        built = sorted((e for e in entries if e.get("build", True)), key=lambda e: not e.get("default"))
        unknown = sorted(set(extra) - {str(e["locale"]) for e in built})
        if unknown:
            raise SettingsError(
                f"mkdocs.yml, extra.languages: '{unknown[0]}' no es un idioma del sitio "
                "(plugins > i18n > languages). Quítelo o añada ese idioma al plugin."
            )
        languages = []
        for entry in built:
            code = str(entry["locale"])
            own = extra.get(code, LanguageSettings())
            tag = own.tag or code
            languages.append(
                Language(
                    code=code,
                    name=str(entry.get("name") or code),
                    tag=tag,
                    og_locale=own.og_locale or tag.replace("-", "_"),
                    prefix="" if entry.get("default") else f"{code}/",
                    default=bool(entry.get("default")),
                    draft=own.draft,
                    glossed=own.glossed,
                    voices=tuple(own.voices),
                    date_locale=own.date_locale or code,
                    dates_in=own.dates_in or code,
                    site_name=str(entry.get("site_name") or site_name),
                    nav_translations=dict(entry.get("nav_translations") or {}),
                )
            )
        return cls(tuple(languages))


@dataclass(frozen=True)
class Settings:
    """What every part of the portal needs to know about this build."""

    root: Path  # the folder of mkdocs.yml
    docs: Path
    site_url: str  # absolute, ends with "/"
    site_name: str
    extra: Extra
    languages: Languages
    # The data files named in extra.data_files, validated ("contacts", "ui").
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def site_path(self) -> str:
        """The path part of site_url ("/trata/"), for root-relative links (404, servers)."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def offline(self) -> bool:
        return self.extra.offline

    @property
    def offline_zip(self) -> Path:
        return self.root / self.extra.offline_zip

    def stemmer_name(self, code: str) -> str | None:
        return self.extra.search.stemmers.get(code)

    def plural_suffixes(self, code: str) -> list[str]:
        return self.extra.search.plural_suffixes.get(code, [])


def read_extra(extra: Mapping[str, Any]) -> Extra:
    """Check mkdocs.yml ``extra:``; a misspelt key is an error naming it."""
    own = {k: v for k, v in extra.items() if k not in ENGINE_KEYS | DERIVED_KEYS}
    try:
        return Extra.model_validate(own)
    except ValidationError as invalid:
        raise SettingsError("\n".join(_explain(invalid))) from None


def _explain(invalid: ValidationError) -> list[str]:
    messages = []
    for item in invalid.errors():
        path = [str(part) for part in item["loc"]]
        key = "extra." + ".".join(path)
        if item["type"] == "extra_forbidden":
            known = _known_keys(path[:-1])
            guess = difflib.get_close_matches(path[-1], known, n=1)
            hint = f" ¿Quiso decir '{guess[0]}'?" if guess else f" Las claves válidas son: {', '.join(known)}."
            messages.append(f"mkdocs.yml, {key}: clave desconocida.{hint}")
        elif item["type"] == "missing":
            messages.append(f"mkdocs.yml, {key}: falta esta clave. Añádala (vea los comentarios de extra:).")
        else:
            messages.append(f"mkdocs.yml, {key}: valor no válido ({item.get('input')!r}): {item['msg']}.")
    return messages


def _known_keys(parents: list[str]) -> list[str]:
    model: type[BaseModel] = Extra
    for part in parents:
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        elif part in ("languages",) or model is Extra and part == "languages":
            model = LanguageSettings
        else:
            break
    keys = list(model.model_fields)
    return keys if model is not Extra else sorted(set(keys) | ENGINE_KEYS)
