"""Awareness events section (issue #6): listings, event pages, calendars and feeds.

Material's blog plugin does not work with mkdocs-static-i18n (plugin issue #283; ARCHITECTURE.md), so each event
is an ordinary page, ``docs/<lang>/eventos/<slug>.md``, with the front matter of
``content_schema.Event``; i18n gives it translations, the Spanish fallback and the language
switcher, and this hook builds the rest. mkdocs-static-i18n replays every event below once per
language, on the same config (ARCHITECTURE.md, "How mkdocs-static-i18n builds").

Events:
- ``on_files`` at priority -110, just after i18n (-100) has chosen, for the language being
  built, each page's translation or its Spanish fallback: reads and validates the front
  matter of the event pages and notes the index page. This replaces the previous language's
  state, so ``mkdocs serve`` rebuilds and nested builds never mix languages.
- ``on_page_markdown`` (default priority): on ``eventos/index.md`` replaces the marker
  ``<!-- portal:eventos -->`` with the upcoming events (soonest first), the past ones (by
  year) and the calendar links (``partials/portal/event-list.html``); on an event page puts
  the date, place and "Añadir a mi calendario" under the title
  (``partials/portal/event-details.html``). Both pages get the template ``evento.html``.
- ``on_page_context`` (default priority): gives ``evento.html`` the schema.org JSON-LD and the
  Open Graph tags of the page.
- ``on_post_build`` (default priority): writes ``eventos/<slug>.ics``,
  ``eventos/calendario.ics`` and ``eventos/feed.xml`` (Atom) in the language's folder. At the
  default priority it runs before i18n's ``on_post_build`` (-100) starts the other languages,
  so even in the outer build the language is still the one just built.

"Upcoming" is decided at build time with ``event_data.today`` (``PORTAL_TODAY`` or the date in
Ecuador): the site is rebuilt daily, so events move to "past" by themselves.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from pydantic import ValidationError

from portal.content.checks import split_front_matter
from portal.content.schema import ECUADOR_PROVINCES, Event, InterfaceText, explain, is_event_page
from portal.events.event_data import (
    DateStyle,
    EventEntry,
    Label,
    Listed,
    absolute_url,
    date_style,
    event_time_zone,
    feed_id,
    format_when,
    format_yearly,
    is_past,
    iso_when,
    json_ld,
    next_occurrence,
    place_text,
    province_keys,
    slugify,
    split_events,
    today,
    ui_label,
)
from portal.events.event_feed import FeedEntry, FeedInfo, atom_feed
from portal.events.event_ical import CalendarTexts, calendar_ics, event_ics
from portal.i18n_state import current_language, default_language, settings

log = logging.getLogger("mkdocs.hooks.events")

MARKER = "<!-- portal:eventos -->"
INDEX = "eventos/index.md"
TEMPLATE = "evento.html"
CALENDAR_FILE = "calendario.ics"
FEED_FILE = "feed.xml"
DEFAULT_TIME_ZONE = "America/Guayaquil"
_FIRST_HEADING = re.compile(r"^# .*$", re.MULTILINE)


@dataclass
class _Build:
    """What one language build knows about its events (replaced by each on_files)."""

    lang: str
    default_lang: str
    today: dt.date
    time_zone: str
    dates: DateStyle
    entries: dict[str, EventEntry] = field(default_factory=dict)  # by path in the language folder
    index_url: str | None = None
    env: jinja2.Environment | None = None  # the theme's templates, loaded once per build


_build: _Build | None = None


# --- Hooks ---------------------------------------------------------------------------------


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _build
    time_zone = settings(config).extra.events.time_zone
    try:
        build_day = today(time_zone)
    except ValueError as bad_date:
        raise PluginError(str(bad_date)) from bad_date
    lang = current_language(config)
    dates = date_style(settings(config).languages, lang)
    build = _Build(lang, default_language(config), build_day, time_zone, dates)
    docs_root = Path(config.docs_dir).parent
    for file in files.documentation_pages():
        path = _language_path(file)
        if path == INDEX:
            build.index_url = file.url
        elif is_event_page(path):
            build.entries[path] = _read_entry(file, path, time_zone, build.lang, docs_root)
    _build = build
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _build
    if build is None:
        return markdown
    path = _language_path(page.file)
    if path == INDEX:
        page.meta["template"] = TEMPLATE
        if MARKER in markdown:
            markdown = markdown.replace(MARKER, _listing_markdown(build, page, config))
    elif path in build.entries:
        entry = build.entries[path]
        page.meta["template"] = TEMPLATE
        markdown = _insert_under_title(markdown, entry.event.title, _details_html(build, entry, page, config))
    return markdown


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    build = _build
    if build is None:
        return context
    path = _language_path(page.file)
    if path in build.entries:
        context["portal_event"] = _event_head(build, build.entries[path], page, config)
    elif path == INDEX:
        context["portal_events_index"] = _index_head(build, page, config)
    return context


def on_post_build(config: MkDocsConfig) -> None:
    build = _build
    if build is None or (build.index_url is None and not build.entries):
        return
    site_dir = Path(config.site_dir)
    site_url = config.site_url or "/"
    ui: InterfaceText = config.extra["ui"]
    tags = {locale: _tag(config, locale) for locale in {build.lang, *(e.locale for e in build.entries.values())}}
    texts = _calendar_texts(ui, build, config)
    entries = list(build.entries.values())
    for entry in entries:
        if entry.calendar_url:
            _write(site_dir / entry.calendar_url, event_ics(entry, site_url, texts, tags))
    folder = _events_folder(build)
    _write(site_dir / folder / CALENDAR_FILE, calendar_ics(entries, site_url, texts, tags))
    feed = atom_feed(_feed_info(ui, build, config, folder), _feed_entries(entries, build, ui, site_url, tags))
    _write(site_dir / folder / FEED_FILE, feed)
    log.info("Eventos (%s): %d páginas, calendario y feed en %s", build.lang, len(entries), folder or "/")


# --- Helpers -------------------------------------------------------------------------------


def _language_path(file: File) -> str:
    """The file's path inside its language folder ('eventos/x.md'), as i18n normalises it."""
    return str(getattr(file, "norm_src_uri", file.src_uri))


def _tag(config: MkDocsConfig, locale: str) -> str:
    return settings(config).languages.tag(locale)


def _read_entry(file: File, path: str, time_zone: str, lang: str, docs_root: Path) -> EventEntry:
    """Validate an event page's front matter (content_checks already reported any problem
    in the outer build; this stops a nested build that somehow meets a broken page)."""
    assert file.abs_src_path is not None
    source = Path(file.abs_src_path)
    shown = source.relative_to(docs_root).as_posix() if source.is_relative_to(docs_root) else str(source)
    meta, lines, _, _, errors = split_front_matter(shown, source.read_text(encoding="utf-8"))
    if errors:
        raise PluginError("\n".join(e.message() for e in errors))
    try:
        event = Event.model_validate(meta)
    except ValidationError as invalid:
        raise PluginError("\n".join(p.message() for p in explain(invalid, shown, lines, 2, Event))) from invalid
    return EventEntry(
        slug=Path(path).stem,
        event=event,
        url=file.url,
        locale=str(getattr(file, "locale", lang)),
        time_zone=event_time_zone(event, time_zone),
    )


def _events_folder(build: _Build) -> str:
    """'eventos/' for the default language, '<lang>/eventos/' for the others."""
    prefix = "" if build.lang == build.default_lang else f"{build.lang}/"
    return f"{prefix}eventos/"


def _labels(ui: InterfaceText, lang: str) -> dict[str, Label]:
    """Every 'events_*' interface string, without the prefix: labels.upcoming_heading, ..."""
    return {key.removeprefix("events_"): ui_label(ui, key, lang) for key in ui.root if key.startswith("events_")}


def _env(build: _Build, config: MkDocsConfig) -> jinja2.Environment:
    if build.env is None:
        build.env = config.theme.get_env()
    return build.env


def _render(build: _Build, config: MkDocsConfig, template: str, page: Page, **values: Any) -> str:
    context = {
        "config": config,
        "content_lang": str(getattr(page.file, "locale", build.lang)),
        "labels": _labels(config.extra["ui"], build.lang),
        **values,
    }
    html = _env(build, config).get_template(template).render(context)
    return re.sub(r"\n{3,}", "\n\n", html).strip() + "\n"


def _view(item: Listed, build: _Build, ui: InterfaceText, href: str) -> dict[str, Any]:
    """What the partials show about one event, every text with its language."""
    entry, event = item.entry, item.entry.event
    return {
        "href": href,
        "title": event.title,
        "summary": event.description,
        "locale": entry.locale,
        "type": event.type,
        "type_label": ui_label(ui, f"events_type_{event.type}", build.lang),
        "when": format_when(item, ui, build.dates),
        "when_iso": iso_when(item.start, entry.zone),
        "yearly": format_yearly(item, ui, build.dates),
        "place": place_text(entry, ui, build.lang),
        "provinces": province_keys(entry),
        "organiser": event.organiser,
        "audience": event.audience,
        "registration": str(event.registration) if event.registration else None,
        "past": is_past(item, build.today),
    }


def _listing_markdown(build: _Build, page: Page, config: MkDocsConfig) -> str:
    ui: InterfaceText = config.extra["ui"]
    listing = split_events(build.entries.values(), build.today)

    def view(item: Listed) -> dict[str, Any]:
        return _view(item, build, ui, get_relative_url(item.entry.url, page.file.url))

    entries = list(build.entries.values())
    provinces = {key for e in entries for key in province_keys(e)}
    province_names = {slugify(name): Label(name, build.lang) for name in ECUADOR_PROVINCES}
    province_names["en-linea"] = ui_label(ui, "events_online", build.lang)
    types = sorted({e.event.type for e in entries})
    folder = _events_folder(build)
    https = absolute_url(config.site_url or "/", folder + CALENDAR_FILE)
    return _render(
        build, config, "partials/portal/event-list.html", page,
        listing={
            "upcoming": [view(i) for i in listing.upcoming],
            "past_by_year": [(year, [view(i) for i in items]) for year, items in listing.past_by_year],
            "past_undated": [view(i) for i in listing.past_undated],
        },
        filters={
            "provinces": sorted(((k, province_names[k]) for k in provinces), key=lambda p: (p[0] == "en-linea", p[0])),
            "types": [(t, ui_label(ui, f"events_type_{t}", build.lang)) for t in types],
        },
        calendar={
            "webcal": re.sub(r"^https?://", "webcal://", https),
            "https": https,
            "download": CALENDAR_FILE,
            "feed": FEED_FILE,
        },
    )


def _details_html(build: _Build, entry: EventEntry, page: Page, config: MkDocsConfig) -> str:
    ui: InterfaceText = config.extra["ui"]
    item = next_occurrence(entry, build.today)
    view = _view(item, build, ui, page.file.url)
    view["calendar_href"] = get_relative_url(entry.calendar_url, page.file.url) if entry.calendar_url else None
    index = build.index_url or entry.url
    view["index_href"] = get_relative_url(index, page.file.url)
    return _render(build, config, "partials/portal/event-details.html", page, view=view)


def _insert_under_title(markdown: str, title: str, html: str) -> str:
    """Put the details right after the page's '# Title' (adding it if the page has none)."""
    heading = _FIRST_HEADING.search(markdown)
    if heading is None:
        return f"# {title}\n\n{html}\n{markdown}"
    end = heading.end()
    return f"{markdown[:end]}\n\n{html}\n{markdown[end:]}"


def _when_and_place(build: _Build, item: Listed, ui: InterfaceText) -> str:
    """ "jueves, 30 de julio de 2026 · Quito (Pichincha)": for previews and the feed."""
    place = place_text(item.entry, ui, build.lang)
    return " · ".join([format_when(item, ui, build.dates).text, *([place.text] if place else [])])


def _event_head(build: _Build, entry: EventEntry, page: Page, config: MkDocsConfig) -> dict[str, Any]:
    """JSON-LD and Open Graph of an event page: a shared link shows the title and the date."""
    ui: InterfaceText = config.extra["ui"]
    item = next_occurrence(entry, build.today)
    page_url = absolute_url(config.site_url or "/", page.url)
    when = format_when(item, ui, build.dates).text
    return {
        "json_ld": json_ld(item, page_url, _tag(config, entry.locale)),
        "og": {
            "title": f"{entry.event.title} · {when}",
            "description": f"{_when_and_place(build, item, ui)}. {entry.event.description}",
            "url": page_url,
        },
    }


def _index_head(build: _Build, page: Page, config: MkDocsConfig) -> dict[str, Any]:
    ui: InterfaceText = config.extra["ui"]
    return {
        "feed": FEED_FILE,
        "feed_title": ui.text("events_feed_title", build.lang),
        "og": {
            "title": page.title or "",
            "description": page.meta.get("description", ""),
            "url": absolute_url(config.site_url or "/", page.url),
        },
    }


def _calendar_texts(ui: InterfaceText, build: _Build, config: MkDocsConfig) -> CalendarTexts:
    lang = build.lang
    return CalendarTexts(
        name=ui.text("events_calendar_name", lang),
        description=ui.text("events_calendar_description", lang),
        language_tag=_tag(config, lang if ui.is_translated("events_calendar_name", lang) else ui.default_language()),
        more_info=ui.text("events_more_info", lang),
        online=ui.text("events_online", lang),
        type_labels={key.removeprefix("events_type_"): ui.text(key, lang)
                     for key in ui.root if key.startswith("events_type_")},
        time_zone=build.time_zone,
    )


def _feed_info(ui: InterfaceText, build: _Build, config: MkDocsConfig, folder: str) -> FeedInfo:
    site_url = config.site_url or "/"
    lang = build.lang
    return FeedInfo(
        id=feed_id(FEED_FILE, lang),
        title=ui.text("events_feed_title", lang),
        subtitle=ui.text("events_calendar_description", lang),
        self_url=absolute_url(site_url, folder + FEED_FILE),
        page_url=absolute_url(site_url, build.index_url or folder + "index.html"),
        author=config.site_name,
        language_tag=_tag(config, lang if ui.is_translated("events_feed_title", lang) else ui.default_language()),
    )


def _feed_entries(entries: list[EventEntry], build: _Build, ui: InterfaceText, site_url: str,
                  tags: dict[str, str]) -> list[FeedEntry]:
    result = []
    for entry in entries:
        item = next_occurrence(entry, build.today)
        summary = f"{_when_and_place(build, item, ui)}. {entry.event.description}"
        result.append(FeedEntry(
            id=f"urn:uuid:{entry.uid}",
            title=entry.event.title,
            url=absolute_url(site_url, entry.url),
            updated=dt.datetime.combine(entry.event.last_verified, dt.time.min, entry.zone),
            summary=summary,
            language_tag=tags.get(entry.locale, entry.locale),
            categories=(ui.text(f"events_type_{entry.event.type}", build.lang),),
        ))
    return result


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
