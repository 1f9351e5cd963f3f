"""The portal's content model: one closed, typed schema per kind of content.

Not a hook (mkdocs.yml does not list it): the hooks, the editors' command-line tool and the
tests import it, so the build, ``revisar`` and the scaffolders agree on one definition.

Every model forbids unknown keys, so a typo such as ``descripton:`` is reported instead of
being silently ignored. Error messages are written for ministry staff, in Spanish.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    RootModel,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from portal.content.html_policy import check_text_field


def _plain_text(text: str) -> str:
    """Front matter and data texts are plain text: templates and Material print some of them
    without escaping (<title>, <meta name="description">), so markup never gets in."""
    if "<" in text or ">" in text:
        raise ValueError(
            "este campo es texto simple y no puede llevar < ni > (se leerían como HTML). "
            "Quítelos; para comparar escriba «más de» o «menos de»"
        )
    return text


def _attribute_text(text: str) -> str:
    """The description also goes inside an attribute (<meta content="...">): no double quotes."""
    if '"' in text:
        raise ValueError(
            "la descripción no puede llevar comillas dobles (\"). Use comillas latinas "
            "«así» o simples 'así'"
        )
    return text


ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3, max_length=90), AfterValidator(_plain_text)
]
Description = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=20, max_length=200),
    AfterValidator(_plain_text), AfterValidator(_attribute_text),
]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_plain_text)]


def _allowed_markdown(text: str) -> str:
    """Data texts written into a page's Markdown (help lines): the same allowlist as pages."""
    problem = check_text_field(text)
    if problem:
        raise ValueError(f"{problem.problem}. {problem.fix}")
    return text


MarkdownText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1),
                         AfterValidator(_plain_text), AfterValidator(_allowed_markdown)]


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(_Closed):
    """A source cited in the page's "Fuentes" section."""

    title: NonEmpty
    publisher: NonEmpty | None = None
    url: AnyHttpUrl | None = None
    date: NonEmpty | None = None


# The theme's page templates (mkdocs.yml: theme.custom_dir), found from the project's root
# (the folder with mkdocs.yml) wherever this module lives.
THEME_DIR = next((folder / "overrides" for folder in Path(__file__).resolve().parents
                  if (folder / "mkdocs.yml").exists()), Path("overrides"))


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

    @field_validator("template")
    @classmethod
    def _known_template(cls, template: str | None) -> str | None:
        """Only the portal's own page templates (overrides/*.html): any other name would end
        the build in a Jinja traceback, or reach outside the theme."""
        known = sorted(p.name for p in THEME_DIR.glob("*.html"))
        if template is not None and template not in known:
            raise ValueError(
                f"la plantilla '{template}' no existe. Use una de estas: {', '.join(known)}, "
                "o borre el campo template"
            )
        return template

    @model_validator(mode="after")
    def _facts_need_a_verification_date(self) -> PageMeta:
        if self.sources and self.last_verified is None:
            raise ValueError(
                "la página cita fuentes pero no tiene 'last_verified'. "
                "Añada la fecha en que revisó los datos, por ejemplo: last_verified: 2026-11-24"
            )
        return self


# Interface strings (data/interfaz.yml) may contain HTML's special characters: templates escape
# them (ui_context.PortalUI) and LocalizedText.markdown escapes them for Markdown output.
InterfaceString = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class LocalizedText(RootModel[dict[str, InterfaceString]]):
    """A text per language code ({es: ..., en: ...}). The default (source) language is
    required; others fall back to it. Validated with ``context={"languages": [codes]}``
    (default first, from mkdocs.yml), a code that is not a site language is an error;
    without a context the first code written is taken as the default."""

    _default: str = PrivateAttr("")

    @model_validator(mode="after")
    def _site_languages(self, info: ValidationInfo) -> LocalizedText:
        codes = list((info.context or {}).get("languages") or [])
        if not codes:
            self._default = next(iter(self.root), "")
            return self
        unknown = [code for code in self.root if code not in codes]
        if unknown:
            raise ValueError(
                f"'{unknown[0]}' no es un idioma del sitio. Use uno de: {', '.join(codes)} "
                "(la lista está en mkdocs.yml, plugins > i18n > languages)"
            )
        if codes[0] not in self.root:
            raise ValueError(f"falta el texto en '{codes[0]}', el idioma principal del sitio")
        self._default = codes[0]
        return self

    @property
    def default(self) -> str:
        return self.root[self._default]

    def get(self, lang: str) -> str:
        return self.root.get(lang) or self.default

    def has(self, lang: str) -> bool:
        return lang in self.root

    def markdown(self, lang: str) -> str:
        """The text for Markdown output: a fallback is marked with the default language (WCAG 3.1.2).
        HTML's special characters are escaped: the text is data, never markup (issue #13)."""
        from html import escape

        text = escape(self.get(lang), quote=False)
        return text if self.has(lang) else f'<span lang="{self._default}">{text}</span>'


class MarkdownLocalizedText(LocalizedText):
    """A text in each language that is written into a page's Markdown (help lines): plain
    text that passes the pages' HTML allowlist (no raw HTML, no images from other sites)."""

    root: dict[str, MarkdownText]


class HelpLine(_Closed):
    """One phone line in data/contactos.yml."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")]
    number: MarkdownText  # as written for people, e.g. "1800 DELITO (1800 335486)"
    short: MarkdownText  # as shown in the help bar, e.g. "1800 DELITO"
    tel: Annotated[str, StringConstraints(pattern=r"^\+?[0-9]{3,15}$")]  # dialable digits
    name: MarkdownLocalizedText
    when: MarkdownLocalizedText  # when to use it
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

    def default_language(self) -> str:
        """The language every string falls back to (the site's default)."""
        return next(iter(self.root.values()))._default if self.root else ""

    def languages(self) -> set[str]:
        """Every language code that has at least one string."""
        return {code for text in self.root.values() for code in text.root}

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


def _node_line(text: str, path: list[str]) -> int | None:
    """0-based line of the key (or list item) at path in a YAML text, read with yaml.compose
    (nodes keep their position). None when the path is not in the text."""
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return None
    line = None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    line, node = key.start_mark.line, value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            node = node.value[int(part)]
            line = node.start_mark.line
        else:
            return line
    return line


def field_line(front_matter_lines: list[str], field: str, first_line: int) -> int | None:
    """Line number (1-based, in the file) where a field starts: the exact key or list item
    of a nested field ("lines.1.last_verified"), else the top-level key."""
    exact = _node_line("\n".join(front_matter_lines), field.split("."))
    if exact is not None:
        return first_line + exact
    top = field.split(".")[0]
    for offset, text in enumerate(front_matter_lines):
        if text.startswith(f"{top}:"):
            return first_line + offset
    return None


_WRITTEN_AS_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[ Tt]\d{1,2}:\d{2}|$)")


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
        elif isinstance(item.get("input"), str) and _WRITTEN_AS_DATE.match(item["input"]):
            # Written the right way but not a real day or time (PyYAML leaves it as text).
            problem = (f"la fecha u hora '{item['input']}' no existe (revise el día del mes, "
                       "el mes de 01 a 12 y la hora de 00:00 a 23:59).")
        else:
            problem = f"valor no válido ({item['input']!r})." if "input" in item else "no válido."
        problems.append(ContentError(path, line, field, problem, _FIX_BY_ERROR_TYPE.get(kind, "")))
    return sorted(problems, key=lambda p: p.line or 0)


# =========================================================================================
# Events (issue #6): one Markdown page per awareness event, docs/<lang>/eventos/<slug>.md.
# portal/events/events.py builds the listings, the event pages' details, the .ics files and the
# feeds from this model; content_checks validates event pages against it.
# =========================================================================================

import re  # noqa: E402
import unicodedata  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from pydantic import PlainValidator  # noqa: E402
from pydantic_core import PydanticCustomError  # noqa: E402

# Ecuador's 24 provinces, as written on official maps.
ECUADOR_PROVINCES: tuple[str, ...] = (
    "Azuay", "Bolívar", "Cañar", "Carchi", "Chimborazo", "Cotopaxi", "El Oro", "Esmeraldas",
    "Galápagos", "Guayas", "Imbabura", "Loja", "Los Ríos", "Manabí", "Morona Santiago", "Napo",
    "Orellana", "Pastaza", "Pichincha", "Santa Elena", "Santo Domingo de los Tsáchilas",
    "Sucumbíos", "Tungurahua", "Zamora Chinchipe",
)
ONLINE_PLACE = "en línea"
EVENTS_FOLDER = "eventos"


def is_event_page(slug: str) -> bool:
    """True for 'eventos/<slug>.md' (path inside a language folder), not for its index."""
    folder, _, name = slug.partition("/")
    return folder == EVENTS_FOLDER and name.endswith(".md") and "/" not in name and name != "index.md"

# Kinds of event, for the listing filter. The labels in each language are the interface
# strings "events_type_<kind>" in data/interfaz.yml.
EventType = Literal[
    "proyeccion", "actividad-escolar", "dia-conmemorativo", "campana", "taller", "foro", "otro"
]


def fold(text: str) -> str:
    """Lower case without accents, so 'galapagos' and 'Galápagos' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_PROVINCE_BY_FOLDED = {fold(name): name for name in ECUADOR_PROVINCES}


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known only to the month ("2007-06") or the year ("2007"): shown as such."""

    year: int
    month: int | None = None

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, 1)

    def last_day(self) -> dt.date:
        if self.month is None:
            return dt.date(self.year, 12, 31)
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def isoformat(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"


# When an event starts or ends: an aware date-time (with its UTC offset, e.g. -05:00), a
# whole day (all-day event), or a month or year when the exact day is not known.
EventWhenValue = dt.datetime | dt.date | PartialDate

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def _parse_when(value: object) -> EventWhenValue:
    """YAML gives dates and date-times already parsed; quoted or partial values come as text."""
    bad_date = PydanticCustomError("event_when", "fecha no válida")
    if isinstance(value, dt.datetime):
        return _aware(value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100:
        return PartialDate(value)
    if not isinstance(value, str):
        raise bad_date
    text = value.strip()
    if month := _MONTH.match(text):
        if not 1 <= int(month.group(2)) <= 12:
            raise bad_date
        return PartialDate(int(month.group(1)), int(month.group(2)))
    if year_only := _YEAR.match(text):
        return PartialDate(int(year_only.group(1)))
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise bad_date from None
    return parsed.date() if len(text) == 10 else _aware(parsed)  # "2026-07-30": a whole day


def _aware(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"la hora {moment:%Y-%m-%d %H:%M} no dice la zona horaria. Añada -05:00 (hora de "
            "Ecuador continental) o -06:00 (Galápagos) al final, por ejemplo: "
            "2026-07-30 10:00:00-05:00"
        )
    return moment


EventWhen = Annotated[EventWhenValue, PlainValidator(_parse_when)]


def when_first_day(value: EventWhenValue, time_zone: dt.tzinfo) -> dt.date:
    """The first calendar day an event value covers, in the event's time zone."""
    if isinstance(value, PartialDate):
        return value.first_day()
    if isinstance(value, dt.datetime):
        return value.astimezone(time_zone).date()
    return value


def when_last_day(value: EventWhenValue, time_zone: dt.tzinfo) -> dt.date:
    """The last calendar day an event value covers, in the event's time zone."""
    if isinstance(value, PartialDate):
        return value.last_day()
    return when_first_day(value, time_zone)


class Place(_Closed):
    """Where an event happens: venue, city and province, or "en línea" (online)."""

    venue: NonEmpty | None = None
    city: NonEmpty | None = None
    province: NonEmpty | None = None
    # Set by writing `place: en línea`; also true for an event that is both in person and online.
    online: bool = False

    @model_validator(mode="before")
    @classmethod
    def _online_shorthand(cls, data: object) -> object:
        if isinstance(data, str):
            if fold(data) in {fold(ONLINE_PLACE), "online", "virtual"}:
                return {"online": True}
            raise ValueError(
                f"lugar no válido ('{data}'). Escriba 'en línea', o los campos venue (local), "
                "city (ciudad) y province (provincia) con sangría debajo de 'place:'"
            )
        return data

    @field_validator("province", mode="before")
    @classmethod
    def _known_province(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        name = _PROVINCE_BY_FOLDED.get(fold(value))
        if name:
            return name
        guess = difflib.get_close_matches(fold(value), list(_PROVINCE_BY_FOLDED), n=1, cutoff=0.6)
        hint = f" ¿Quiso decir '{_PROVINCE_BY_FOLDED[guess[0]]}'?" if guess else ""
        raise ValueError(
            f"provincia desconocida ('{value}').{hint} Escriba una de las 24 provincias del "
            "Ecuador, por ejemplo: Pichincha, Guayas, Santo Domingo de los Tsáchilas"
        )

    @model_validator(mode="after")
    def _city_and_province_together(self) -> Place:
        if not self.online and (self.city is None or self.province is None):
            raise ValueError(
                "el lugar necesita city (ciudad) y province (provincia), o escriba "
                "place: en línea"
            )
        return self


class Event(_Closed):
    """Front matter of an event page, docs/<lang>/eventos/<slug>.md."""

    title: ShortText
    # One or two sentences (the event's summary): shown in the listing, in search results, in
    # link previews and in the calendar. Named like every other page's 'description'.
    description: Description
    type: EventType
    # Missing only when the date is not known yet: then `held` and `pending_verification`
    # say whether it already happened and what is being checked.
    start: EventWhen | None = None
    end: EventWhen | None = None
    held: bool | None = None
    # Only "yearly", for the awareness days (30 July, 23 September, 18 December).
    recurrence: Literal["yearly"] | None = None
    place: Place | None = None
    organiser: list[NonEmpty] = Field(min_length=1)
    audience: NonEmpty
    registration: AnyHttpUrl | None = None
    last_verified: dt.date
    sources: list[Source] = Field(min_length=1)
    pending_verification: list[NonEmpty] = Field(default_factory=list)
    native_review: NativeReview | None = None

    @field_validator("organiser", mode="before")
    @classmethod
    def _one_organiser_is_a_list(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: EventWhenValue, info: ValidationInfo) -> EventWhenValue:
        if "start" not in info.data:  # 'start' itself is wrong: reported on its own
            return end
        start = info.data["start"]
        if start is None:
            raise ValueError("hay 'end' pero falta 'start'. Escriba también la fecha de inicio")
        if isinstance(end, dt.datetime) != isinstance(start, dt.datetime):
            raise ValueError(
                "'start' y 'end' deben ser del mismo tipo: las dos con hora, o las dos sin hora"
            )
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            backwards = end < start
        else:
            backwards = when_last_day(end, dt.UTC) < when_first_day(start, dt.UTC)
        if backwards:
            raise ValueError("la fecha de fin es anterior a la de inicio ('start'). Revise las dos")
        return end

    @field_validator("held")
    @classmethod
    def _held_only_without_start(cls, held: bool | None, info: ValidationInfo) -> bool | None:
        if info.data.get("start") is not None:
            raise ValueError("'held' solo se usa cuando falta 'start' (fecha por confirmar). Bórrelo")
        return held

    @field_validator("recurrence")
    @classmethod
    def _yearly_needs_a_day(cls, recurrence: str | None, info: ValidationInfo) -> str | None:
        start = info.data.get("start")
        if "start" in info.data and (start is None or isinstance(start, PartialDate)):
            raise ValueError(
                "un evento que se repite cada año necesita el día exacto en 'start', por "
                "ejemplo 2014-07-30"
            )
        return recurrence

    @model_validator(mode="after")
    def _unknown_date_is_explained(self) -> Event:
        if self.start is None and (self.held is None or not self.pending_verification):
            raise ValueError(
                "falta 'start' (la fecha). Si todavía no se conoce, escriba held: true si el "
                "evento ya se realizó o held: false si no, y explique en pending_verification "
                "qué dato se está verificando"
            )
        return self

    @property
    def precise(self) -> bool:
        """True when the day is known, so the event can go into a calendar (.ics)."""
        return self.start is not None and not isinstance(self.start, PartialDate) and not (
            isinstance(self.end, PartialDate)
        )

    @property
    def timed(self) -> bool:
        return isinstance(self.start, dt.datetime)


_FIX_BY_ERROR_TYPE["event_when"] = (
    "Escriba la fecha como AAAA-MM-DD (evento de todo el día), o la fecha con la hora y la "
    "zona horaria de Ecuador, por ejemplo 2026-07-30 10:00:00-05:00. Si solo conoce el mes, "
    "escriba AAAA-MM, por ejemplo 2007-06."
)


# =========================================================================================
# Search: the Kichwa endings the search takes off words (data/kichwa-sufijos.yml, issue #20).
# =========================================================================================


class SearchEnding(_Closed):
    """One ending of ``data/kichwa-sufijos.yml``, with what it does and where it is documented."""

    ending: Annotated[str, StringConstraints(pattern=r"^[a-zñ]+$")]  # lower case, no hyphen
    function: NonEmpty
    example: NonEmpty
    source: NonEmpty
    verified: bool = True


class SearchEndings(_Closed):
    endings: list[SearchEnding]
