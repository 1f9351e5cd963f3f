"""Sveltia CMS configuration (``admin/config.yml``), generated from the content schema.

Pure: no MkDocs, no files. Every field of the editor's forms comes from a pydantic model of
``portal/content/schema.py`` — the same models that check the build and ``revisar`` — so the
editor cannot offer a field the build would refuse, nor forget one it requires:

- required/optional  ← ``FieldInfo.is_required()``;
- text lengths and patterns ← the ``StringConstraints`` of the field (``minlength``,
  ``maxlength``, ``pattern``);
- a ``Literal`` ← a select with exactly its values; a list of ``Literal`` ← a multiple select;
- ``date`` ← the date picker, written as ``AAAA-MM-DD``;
- a model (``Source``, ``Place``, ``NativeReview``) ← an object, a list of models ← a list of
  objects; a list of texts ← a list of one text field;
- ``LocalizedText`` (data files) ← one text per site language, the default one required.

Two schema types have no exact widget and say why where they are mapped: an event's
``start``/``end`` (a moment with its UTC offset, a whole day, a month or a year: a date-time
picker can hold only the first and would rewrite the others), and the tri-state booleans of a
help line (``None`` = not verified: a checkbox cannot say "unknown").

Only labels and hints (Spanish, for ministry staff) are written here; ``tests/test_editor_config.py``
fails when a schema field is missing from the generated forms or disagrees with them.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from annotated_types import MinLen
from pydantic import AnyHttpUrl, BaseModel, RootModel, StringConstraints
from pydantic.fields import FieldInfo

from portal.content.schema import (
    ECUADOR_PROVINCES,
    EVENTS_FOLDER,
    Contacts,
    Event,
    EventWhen,
    LocalizedText,
    PageMeta,
    Place,
)

# The image budget (another step of the build optimises or refuses bigger images): the editor
# converts uploads to WebP, at most 1600 px on the long side, and refuses files over 200 KB.
IMAGE_MAX_BYTES = 200 * 1024
IMAGE_MAX_PIXELS = 1600
IMAGE_QUALITY = 80
# Images live next to the Spanish pages; translations find them there (the content checks
# and mkdocs-static-i18n both fall back to the Spanish folder).
IMAGES_FOLDER = "imagenes"

# What an event's start/end accept (portal.content.schema._parse_when): a date and time with
# its UTC offset, a whole day, a month or a year.
EVENT_WHEN_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2}([ T]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?)?)?$"

GENERATED = "Generado por portal/editor/cms_config.py a partir de portal/content/schema.py: no lo edite."


@dataclass(frozen=True)
class EditorTarget:
    """Where the editor reads and writes: forge, repository and branch."""

    backend: Literal["github", "gitlab"] = "github"
    repo: str = ""  # owner/name
    branch: str = "main"
    base_url: str | None = None  # OAuth client (e.g. Sveltia CMS Authenticator); None: token sign-in
    app_id: str | None = None  # GitLab OAuth application (PKCE)


# Spanish labels and hints, per field name (shared by every model that has the field).
LABELS: dict[str, tuple[str, str]] = {
    "title": ("Título", "Corto y claro: lo que la persona busca. Entre 3 y 90 caracteres."),
    "description": (
        "Descripción",
        "Una o dos frases (20 a 200 caracteres). Aparece en buscadores, en el buscador del "
        "sitio y al compartir el enlace.",
    ),
    "last_verified": ("Fecha de la última verificación", "Cuándo revisó por última vez los datos de la página."),
    "sources": ("Fuentes", "De dónde sale cada dato de la página."),
    "pending_verification": (
        "Datos por verificar",
        "Cada dato que todavía no está confirmado. La página avisa a los lectores.",
    ),
    "native_review": (
        "Revisión por hablante nativo",
        "Solo en traducciones, cuando una persona hablante nativa la revisó.",
    ),
    "template": ("Plantilla", "Solo para el equipo técnico. Déjelo vacío."),
    "hide": ("Ocultar partes de la página", "Solo para el equipo técnico."),
    "search_exclude": ("Fuera del buscador del sitio", "Solo para páginas como la del buscador o la de error."),
    "publisher": ("Institución que publica", ""),
    "url": ("Dirección web", "Completa, empieza por https://"),
    "date": ("Fecha", ""),
    "reviewer": ("Nombre de quien revisó", ""),
    "type": ("Tipo de evento", ""),
    "start": (
        "Inicio",
        "AAAA-MM-DD (todo el día), o con hora y zona horaria: 2026-07-30 10:00:00-05:00. "
        "Si solo conoce el mes: AAAA-MM. Vacío si la fecha no se conoce.",
    ),
    "end": ("Fin", "Igual que el inicio, del mismo tipo (las dos con hora o las dos sin hora)."),
    "held": (
        "¿Ya se realizó?",
        "Solo si falta la fecha de inicio. Explique en «Datos por verificar» qué se está verificando.",
    ),
    "recurrence": ("Se repite", "«yearly»: cada año el mismo día (días conmemorativos)."),
    "place": ("Lugar", "Local, ciudad y provincia; o marque «En línea»."),
    "venue": ("Local", "Nunca la dirección de una casa de acogida."),
    "city": ("Ciudad", ""),
    "province": ("Provincia", ""),
    "online": ("En línea", ""),
    "organiser": ("Organiza", "Una institución por elemento."),
    "audience": ("Para quién es", ""),
    "registration": ("Inscripción", "Dirección web para inscribirse, si la hay."),
    "body": ("Contenido", "El texto de la página, en Markdown."),
    "lines": (
        "Líneas de ayuda",
        "La única lista de números del portal: la barra de ayuda de cada página y la página «Pida "
        "ayuda» la usan, y todo enlace tel: de las páginas debe estar aquí (una prueba lo "
        "comprueba). Antes de cambiar un número, verifíquelo en la fuente oficial y actualice su "
        "fecha de la última verificación.",
    ),
    "id": ("Identificador", "Minúsculas, números y guiones. No lo cambie: las páginas lo usan."),
    "number": ("Número, como se escribe", "Por ejemplo: 1800 DELITO (1800 335486)"),
    "short": ("Número corto (barra de ayuda)", ""),
    "tel": ("Número para marcar", "Solo dígitos, sin espacios."),
    "name": ("Nombre de la línea", ""),
    "when": ("Cuándo llamar", ""),
    "free": ("¿Es gratuita?", "Vacío si no está verificado."),
    "hours_24": ("¿Atiende las 24 horas?", "Vacío si no está verificado."),
    "confidential": ("¿Es confidencial?", "Vacío si no está verificado."),
    "in_help_bar": ("En la barra de ayuda de cada página", ""),
}

_YES_NO = [{"label": "Sí", "value": True}, {"label": "No", "value": False}]


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type without ``| None`` and ``Annotated[...]``, and the metadata found on the way."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata.extend(extra)
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation, metadata
            annotation = members[0]
        else:
            return annotation, metadata


def _constraints(metadata: Sequence[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, StringConstraints):
            if item.min_length is not None:
                out["minlength"] = item.min_length
            if item.max_length is not None:
                out["maxlength"] = item.max_length
            if item.pattern is not None:
                out["pattern"] = [item.pattern, f"Formato no válido (debe cumplir {item.pattern})."]
        elif isinstance(item, MinLen):
            out["min"] = item.min_length
    return out


# Where a shared field name means something else in one model ("title" of a source).
MODEL_LABELS: dict[tuple[str, str], tuple[str, str]] = {
    ("Source", "title"): ("Título de la fuente", "Como lo publica la institución."),
    ("Source", "date"): ("Fecha de la fuente", "Como aparece, por ejemplo: 2024 o 30 de julio de 2016."),
    ("NativeReview", "date"): ("Fecha de la revisión", ""),
    ("HelpLine", "name"): ("Nombre de la línea", "En cada idioma; el español es obligatorio."),
    ("HelpLine", "sources"): ("Fuentes", "De dónde sale el número."),
    ("HelpLine", "last_verified"): (
        "Fecha de la última verificación",
        "Cuándo verificó este número en la fuente oficial.",
    ),
}

# The guidance that used to be # comments in the data files (the editor deletes comments when
# it saves): shown as hints in the form, written out in CONTRIBUTING.md («Datos compartidos»).
# The hint of each language's text in the data files (default language: none).
LANGUAGE_HINTS: dict[str, str] = {
    "qu": "Kichwa: BORRADOR hasta que lo revise un hablante nativo. Solo kichwa unificado del "
    "Ecuador, con palabras del glosario (data/glosario-kichwa.yml) o de data/kichwa-revision.yml "
    "(KICHWA-REVISION.md); donde no hay término comprobado, deje el español entre paréntesis.",
}
TRANSLATION_HINT = "Si lo deja vacío, la página muestra el texto del idioma principal, marcado como tal."
# Interface strings: (the keys, or the prefix of the keys, of one part of the page) → hint.
INTERFACE_HINTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("help_bar_",),
        "Barra de ayuda de cada página (overrides/partials/portal/help-bar.html). Muestra "
        "help_bar_label solo si todas sus líneas (Números de ayuda) son gratuitas y de 24 horas; "
        "si no, help_bar_label_plain. «Confidencial» va junto a cada línea marcada confidencial.",
    ),
    (
        ("search_page_list", "search_did_you_mean"),
        "Búsqueda que perdona (overrides/buscar.html). Kichwa: solo kay, mashkana, kallari, panka "
        "(KICHWA-REVISION.md), con el español entre paréntesis.",
    ),
    (
        ("events_",),
        "Eventos (portal/events/events.py, partials/portal/event-*.html). Kichwa solo en los "
        "títulos y etiquetas cortas (palabras de data/kichwa-revision.yml); los demás textos se "
        "muestran en español, marcados.",
    ),
    (
        ("home_",),
        "Portada: tareas principales (overrides/home.html, partials/portal/home-tasks.html). "
        "Kichwa: solo palabras del glosario o de data/kichwa-revision.yml.",
    ),
    (
        ("listen_",),
        "«Escuchar esta página» (partials/portal/listen.html, assets/javascripts/listen.js). "
        "Kichwa: solo palabras del glosario o de data/kichwa-revision.yml.",
    ),
)


def interface_hint(key: str) -> str:
    """Where an interface string is shown and what its translations may use ("" if nothing)."""
    return next((hint for keys, hint in INTERFACE_HINTS if any(key.startswith(k) for k in keys)), "")


def field(name: str, info: FieldInfo, i18n: bool, languages: Sequence[str], model: str = "") -> dict[str, Any]:
    """One Sveltia field for one pydantic field."""
    label, hint = MODEL_LABELS.get((model, name)) or LABELS.get(name, (name, ""))
    out: dict[str, Any] = {"name": name, "label": label}
    if hint:
        out["hint"] = hint
    out["required"] = info.is_required()
    if i18n:
        out["i18n"] = True
    out.update(widget_for(name, info.annotation, list(info.metadata), languages))
    if out["widget"] == "boolean" and not info.is_required():
        # A checkbox writes false when the file leaves the field out: for a field whose
        # default is true (in_help_bar) that would silently change the page, and for one whose
        # default is false (search_exclude) every save of a page would add a line to it.
        # Yes / no / empty (empty = the schema's default, nothing written) instead.
        out.update({"widget": "select", "options": _YES_NO})
        out["hint"] = (out.get("hint", "") + f" Vacío: {'sí' if info.default else 'no'}.").strip()
    return out


def widget_for(name: str, annotation: Any, metadata: list[Any], languages: Sequence[str]) -> dict[str, Any]:
    """The widget and its options for a field's type."""
    raw = annotation
    annotation, inner = _unwrap(annotation)
    metadata = [*metadata, *inner]
    origin = typing.get_origin(annotation)
    if raw is EventWhen or _unwrap_is_when(raw):
        # A date-time picker holds only a moment; the schema also accepts a whole day, a month
        # and a year, and a picker would rewrite those on save. A text with the schema's pattern.
        return {"widget": "string", "pattern": [EVENT_WHEN_PATTERN, LABELS["start"][1]]}
    if origin is Literal:
        return {"widget": "select", "options": list(typing.get_args(annotation))}
    if origin is list:
        (item,) = typing.get_args(annotation)
        item_type, item_meta = _unwrap(item)
        limits = {k: v for k, v in _constraints(metadata).items() if k == "min"}
        if typing.get_origin(item_type) is Literal:
            return {"widget": "select", "multiple": True, "options": list(typing.get_args(item_type)), **limits}
        if isinstance(item_type, type) and issubclass(item_type, BaseModel):
            return {"widget": "list", "fields": fields_of(item_type, False, languages), **limits}
        sub = {"name": "item", "label": LABELS.get(name, (name, ""))[0], "widget": "string", **_constraints(item_meta)}
        return {"widget": "list", "field": sub, **limits}
    if annotation is dt.date:
        return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
    if annotation is bool:
        if _unwrap_is_optional(raw):
            # None means "not verified": a checkbox would turn it into false (a claim).
            return {"widget": "select", "options": _YES_NO}
        return {"widget": "boolean"}
    if annotation is AnyHttpUrl:
        return {"widget": "string", "type": "url", "pattern": [r"^https?://", LABELS["url"][1]]}
    if isinstance(annotation, type) and issubclass(annotation, LocalizedText):
        return {"widget": "object", "fields": localized_fields(languages)}
    if annotation is Place:
        return {"widget": "object", "fields": fields_of(Place, False, languages)}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and not issubclass(annotation, RootModel):
        return {"widget": "object", "fields": fields_of(annotation, False, languages)}
    if annotation is str:
        constraints = _constraints(metadata)
        if name == "province":
            return {"widget": "select", "options": list(ECUADOR_PROVINCES)}
        long_text = constraints.get("maxlength", 0) > 90
        return {"widget": "text" if long_text else "string", **constraints}
    raise TypeError(f"portal/editor/cms_config.py no sabe qué control usar para '{name}' ({annotation!r})")


def _unwrap_is_when(annotation: Any) -> bool:
    if annotation is EventWhen:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(member is EventWhen for member in typing.get_args(annotation))
    return False


def _unwrap_is_optional(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in typing.get_args(
        annotation
    )


def localized_fields(languages: Sequence[str]) -> list[dict[str, Any]]:
    """One text per site language; the default (first) one is required (LocalizedText)."""
    fields: list[dict[str, Any]] = []
    for index, code in enumerate(languages):
        spec: dict[str, Any] = {"name": code, "label": code, "widget": "string", "required": index == 0}
        if index:
            spec["hint"] = " ".join(h for h in (LANGUAGE_HINTS.get(code, ""), TRANSLATION_HINT) if h)
        fields.append(spec)
    return fields


def fields_of(model: type[BaseModel], i18n: bool, languages: Sequence[str]) -> list[dict[str, Any]]:
    return [field(name, info, i18n, languages, model.__name__) for name, info in model.model_fields.items()]


def schema_type_literal() -> Any:
    """The event types (``EventType``), as the schema declares them."""
    return Event.model_fields["type"].annotation


def _labelled(spec: dict[str, Any], labels: Mapping[str, str]) -> dict[str, Any]:
    """The event type select with each kind's name (the value written stays the code)."""
    if spec["name"] != "type" or not labels:
        return spec
    options = [{"label": labels.get(str(value)) or str(value), "value": value} for value in spec["options"]]
    return {**spec, "options": options}


def _body() -> dict[str, Any]:
    label, hint = LABELS["body"]
    # Raw Markdown first: the rich-text mode would rewrite the portal's markers
    # (<!-- portal:... -->) and attribute lists on save.
    return {
        "name": "body",
        "label": label,
        "hint": hint,
        "widget": "markdown",
        "modes": ["raw", "rich_text"],
        "required": True,
        "i18n": True,
    }


def site_config(
    languages: Sequence[str],
    target: EditorTarget,
    site_url: str,
    interface_keys: Sequence[str],
    docs_folder: str = "docs",
    data_files: Mapping[str, str] | None = None,
    type_labels: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The whole Sveltia CMS configuration, as a dict ready for ``yaml.safe_dump``.

    ``languages``: site language codes, default first (``Settings.languages.codes``);
    ``interface_keys``: the keys of ``data/interfaz.yml`` (data, not schema: one field each);
    ``type_labels``: the event types' names in the default language (interface strings
    ``events_type_<kind>``), shown in the select instead of the codes."""
    default = languages[0]
    files = {"contacts": "data/contactos.yml", "ui": "data/interfaz.yml", **(data_files or {})}
    backend: dict[str, Any] = {"name": target.backend, "repo": target.repo, "branch": target.branch}
    if target.base_url:
        backend["base_url"] = target.base_url
    if target.app_id:
        backend["app_id"] = target.app_id
        backend["auth_type"] = "pkce"
    if target.backend == "github":
        # The per-PR preview workflow (.github/workflows/preview.yml) reports its URL as a
        # deployment named "vista-previa": the editor links it from each pull request.
        backend["preview_context"] = "vista-previa"

    def media(folder: str) -> dict[str, str]:
        # Relative to the entry: docs/<lang>/[eventos/]imagenes/, next to the page in its own
        # language, linked as imagenes/<file>: the built page finds it in every language.
        return {"media_folder": IMAGES_FOLDER, "public_folder": IMAGES_FOLDER}

    def preview(path: str) -> str:
        # Sveltia joins preview paths to the site's origin only: the sub-path goes here.
        return (
            urlsplit(site_url).path.strip("/")
            + ("/" if urlsplit(site_url).path.strip("/") else "")
            + "{{locale}}/"
            + path
        )

    pages = {
        "name": "paginas",
        "label": "Páginas",
        "label_singular": "Página",
        "description": "Las páginas del portal, en cada idioma.",
        "folder": f"{docs_folder}/{{{{locale}}}}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "delete": False,
        "slug": "{{title}}",
        "summary": "{{title}}",
        "i18n": True,
        "preview_path": preview("{{slug}}.html"),
        **media(""),
        "fields": [*fields_of(PageMeta, True, languages), _body()],
    }
    events = {
        "name": "eventos",
        "label": "Eventos",
        "label_singular": "Evento",
        "description": "Eventos de sensibilización: fechas, lugares y fuentes.",
        "folder": f"{docs_folder}/{{{{locale}}}}/{EVENTS_FOLDER}",
        "extension": "md",
        "format": "yaml-frontmatter",
        # eventos/index.md is the listing page (no 'type'): not an event.
        "filter": {"field": "type", "value": list(typing.get_args(schema_type_literal()))},
        "create": True,
        "delete": False,
        "slug": "{{title}}",
        "summary": "{{title}}",
        "i18n": True,
        "preview_path": preview(f"{EVENTS_FOLDER}/{{{{slug}}}}.html"),
        **media(f"{EVENTS_FOLDER}/"),
        "fields": [_labelled(f, type_labels or {}) for f in fields_of(Event, True, languages)] + [_body()],
    }
    data = {
        "name": "datos",
        "label": "Datos compartidos",
        # Sveltia rewrites the YAML on save and deletes # comments: the files have none; their
        # guidance is in the hints (LABELS, LANGUAGE_HINTS, INTERFACE_HINTS) and CONTRIBUTING.md.
        "description": "Números de ayuda y textos de la interfaz, usados en todas las páginas. "
        "Cada campo explica dónde se muestra; la guía completa está en CONTRIBUTING.md, "
        "«Datos compartidos».",
        "editor": {"preview": False},
        "files": [
            {
                "name": "contactos",
                "label": "Números de ayuda",
                "file": files["contacts"],
                "format": "yaml",
                "fields": fields_of(Contacts, False, languages),
            },
            {
                "name": "interfaz",
                "label": "Textos de la interfaz",
                "file": files["ui"],
                "format": "yaml",
                "fields": [
                    {
                        "name": key,
                        "label": key,
                        **({"hint": interface_hint(key)} if interface_hint(key) else {}),
                        "widget": "object",
                        "required": True,
                        "fields": localized_fields(languages),
                    }
                    for key in interface_keys
                ],
            },
        ],
    }
    return {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "app_title": "Editor del portal contra la trata",
        # The portal's own logo (the default is a data: address the editor fetches).
        "logo_url": urlsplit(site_url).path.rstrip("/") + "/assets/images/logo.svg",
        "site_url": site_url.rstrip("/"),
        "display_url": site_url,
        "show_preview_links": True,
        "media_folder": f"{docs_folder}/{default}/{IMAGES_FOLDER}",
        "public_folder": f"/{IMAGES_FOLDER}",
        "media_libraries": {
            "default": {
                "config": {
                    "max_file_size": IMAGE_MAX_BYTES,
                    "slugify_filename": True,
                    "transformations": {
                        "raster_image": {
                            "format": "webp",
                            "quality": IMAGE_QUALITY,
                            "width": IMAGE_MAX_PIXELS,
                            "height": IMAGE_MAX_PIXELS,
                        }
                    },
                }
            },
            # Stock photo services would be requests to other sites.
            "stock_assets": False,
        },
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {
            "structure": "multiple_folders",
            "locales": list(languages),
            "default_locale": default,
            "omit_default_locale_from_preview_path": True,
        },
        "output": {"omit_empty_optional_fields": True},
        "collections": [pages, events, data],
    }
