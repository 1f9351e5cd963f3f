"""The portal's content model: one closed, typed schema per kind of content.

Not a hook (mkdocs.yml does not list it): the hooks, the editors' command-line tool and the
tests import it, so the build, ``revisar`` and the scaffolders agree on one definition.

Every model forbids unknown keys, so a typo such as ``descripton:`` is reported instead of
being silently ignored. Error messages are written for ministry staff, in Spanish.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Annotated, Literal

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    RootModel,
    model_validator,
)

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=90)]
Description = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=20, max_length=200)
]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(_Closed):
    """A source cited in the page's "Fuentes" section."""

    title: NonEmpty
    publisher: NonEmpty | None = None
    url: AnyHttpUrl | None = None
    date: NonEmpty | None = None


class NativeReview(_Closed):
    """Who reviewed a translation as a native speaker, and when."""

    reviewer: NonEmpty
    date: dt.date


class PageMeta(_Closed):
    """Front matter of an ordinary page, in any language."""

    title: ShortText
    description: Description
    # Required on pages that state facts (pages with sources): when someone last checked them.
    last_verified: dt.date | None = None
    sources: list[Source] = Field(default_factory=list)
    # Facts on the page that still need checking; the page says so to readers.
    pending_verification: list[NonEmpty] = Field(default_factory=list)
    # Translations only: set once a native speaker has reviewed the page.
    native_review: NativeReview | None = None
    # Material for MkDocs keys that editors may use.
    template: NonEmpty | None = None
    hide: list[Literal["navigation", "toc", "footer", "path"]] = Field(default_factory=list)
    # Keep a page out of the site search (search page itself, 404).
    search_exclude: bool = False

    @model_validator(mode="after")
    def _facts_need_a_verification_date(self) -> PageMeta:
        if self.sources and self.last_verified is None:
            raise ValueError(
                "la página cita fuentes pero no tiene 'last_verified'. "
                "Añada la fecha en que revisó los datos, por ejemplo: last_verified: 2026-11-24"
            )
        return self


class LocalizedText(_Closed):
    """A text in each configured language. Spanish is required; others fall back to it."""

    es: NonEmpty
    qu: NonEmpty | None = None
    en: NonEmpty | None = None

    def get(self, lang: str) -> str:
        return getattr(self, lang, None) or self.es

    def has(self, lang: str) -> bool:
        return getattr(self, lang, None) is not None

    def markdown(self, lang: str) -> str:
        """The text for Markdown output: a Spanish fallback is marked lang="es" (WCAG 3.1.2)."""
        return self.get(lang) if self.has(lang) else f'<span lang="es">{self.es}</span>'


class HelpLine(_Closed):
    """One phone line in data/contactos.yml."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]
    number: NonEmpty  # as written for people, e.g. "1800 DELITO (1800 335486)"
    short: NonEmpty  # as shown in the help bar, e.g. "1800 DELITO"
    tel: Annotated[str, StringConstraints(pattern=r"^\+?[0-9]{3,15}$")]  # dialable digits
    name: LocalizedText
    when: LocalizedText  # when to use it
    # None = not verified: nothing is claimed on the page.
    free: bool | None = None
    hours_24: bool | None = None
    confidential: bool | None = None
    # The help bar on every page shows only the emergency and reporting lines.
    in_help_bar: bool = True
    last_verified: dt.date
    sources: list[NonEmpty] = Field(min_length=1)


class Contacts(_Closed):
    """data/contactos.yml: the help numbers used by the help bar and the help page."""

    lines: list[HelpLine] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Contacts:
        ids = [line.id for line in self.lines]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        if duplicated:
            raise ValueError(f"hay líneas repetidas con el mismo id: {', '.join(duplicated)}")
        return self


class InterfaceText(RootModel[dict[str, LocalizedText]]):
    """data/interfaz.yml: the portal's own interface strings (help bar, quick exit, notices)."""

    def text(self, key: str, lang: str) -> str:
        return self.root[key].get(lang)

    def markdown(self, key: str, lang: str) -> str:
        return self.root[key].markdown(lang)

    def is_translated(self, key: str, lang: str) -> bool:
        return self.root[key].has(lang)


# --- Turning pydantic's errors into messages an editor can act on -------------------------

_FIX_BY_ERROR_TYPE = {
    "missing": "Añada este campo al encabezado (front matter) de la página.",
    "extra_forbidden": (
        "Este campo no existe. Revise que esté bien escrito o bórrelo. "
        "Los campos permitidos están en CONTRIBUTING.md."
    ),
    "date_from_datetime_parsing": "Escriba la fecha como AAAA-MM-DD, por ejemplo 2026-11-24.",
    "date_parsing": "Escriba la fecha como AAAA-MM-DD, por ejemplo 2026-11-24.",
    "date_type": "Escriba la fecha como AAAA-MM-DD, por ejemplo 2026-11-24.",
    "string_too_short": "El texto es demasiado corto.",
    "string_too_long": "El texto es demasiado largo; resúmalo.",
    "string_type": "Aquí va un texto. Si es un número o contiene dos puntos (:), póngalo entre comillas.",
    "list_type": "Aquí va una lista: cada elemento en una línea que empieza con '- '.",
    "bool_type": "Escriba true (sí) o false (no).",
    "bool_parsing": "Escriba true (sí) o false (no).",
    "url_parsing": "Escriba una dirección web completa, que empiece por https://",
    "url_scheme": "Escriba una dirección web completa, que empiece por https://",
    "literal_error": "Use uno de los valores permitidos.",
    "string_pattern_mismatch": "El valor no tiene el formato esperado.",
    "model_type": "Aquí van varios campos con sangría (espacios al inicio de la línea).",
    "value_error": "",
}


class ContentError(Exception):
    """A content problem, with everything an editor needs to fix it."""

    def __init__(self, path: str, line: int | None, field: str | None, problem: str, fix: str):
        self.path, self.line, self.field, self.problem, self.fix = path, line, field, problem, fix
        super().__init__(self.message())

    def message(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" — campo '{self.field}'" if self.field else ""
        fix = f"\n    Cómo corregirlo: {self.fix}" if self.fix else ""
        return f"{where}{field}: {self.problem}{fix}"


def field_line(front_matter_lines: list[str], field: str, first_line: int) -> int | None:
    """Line number (1-based, in the file) where a top-level front matter key starts."""
    top = field.split(".")[0]
    for offset, text in enumerate(front_matter_lines):
        if text.startswith(f"{top}:"):
            return first_line + offset
    return None


def explain(
    error: ValidationError,
    path: str,
    front_matter_lines: list[str],
    first_line: int,
    model: type[BaseModel] | None = None,
) -> list[ContentError]:
    """Translate a pydantic ValidationError into editor-facing ContentErrors, in file order."""
    known = sorted(model.model_fields) if model else []
    problems: list[ContentError] = []
    for item in error.errors(include_url=False):
        field = ".".join(str(part) for part in item["loc"]) or None
        # A rule about the whole page (no single field) points at the start of the header.
        line = field_line(front_matter_lines, field, first_line) if field else first_line
        kind = item["type"]
        if kind == "missing":
            problem = "falta este campo obligatorio."
            line = line or first_line
        elif kind == "extra_forbidden":
            guess = difflib.get_close_matches(field.split(".")[-1], known, n=1) if field else []
            problem = f"campo desconocido. ¿Quiso decir '{guess[0]}'?" if guess else "campo desconocido."
        elif kind == "value_error":
            problem = str(item["msg"]).removeprefix("Value error, ")
        else:
            problem = f"valor no válido ({item['input']!r})." if "input" in item else "no válido."
        problems.append(ContentError(path, line, field, problem, _FIX_BY_ERROR_TYPE.get(kind, "")))
    return sorted(problems, key=lambda p: p.line or 0)
