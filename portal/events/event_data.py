"""Awareness events: the pure, typed helpers behind ``portal/events/events.py``.

Not a hook (mkdocs.yml does not list it). Everything here works without MkDocs, so the tests
call it directly: which events are upcoming on a given day, how a date reads in each language,
and the structured data (schema.org JSON-LD, Open Graph) of an event page.

"Today" is read in one place, :func:`today`: the environment variable ``PORTAL_TODAY``
(``AAAA-MM-DD``) when set (tests, or to preview the site as it will look on another day),
otherwise the current date in Ecuador. The deploy workflow rebuilds the site every day, so an
event moves from "upcoming" to "past" without any change to its page.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_interval, format_skeleton, format_time

from portal.content.schema import (
    Event,
    EventWhenValue,
    InterfaceText,
    PartialDate,
    fold,
    when_first_day,
    when_last_day,
)
from portal.settings import Languages

TODAY_VARIABLE = "PORTAL_TODAY"



@dataclass(frozen=True)
class DateStyle:
    """How a language's pages write dates: in which language (for lang=) and Babel locale.
    From mkdocs.yml extra.languages (date_locale, dates_in): Kichwa pages show Spanish dates,
    marked lang="es", because CLDR's "qu" is Southern (Peruvian) Quechua ("30 Julio")."""

    lang: str
    locale: str


def date_style(languages: Languages, code: str) -> DateStyle:
    shown = languages.get(languages.get(code).dates_in)
    return DateStyle(shown.code, shown.date_locale)

# Time zone of events held in a province with its own time (the rest use extra.events.time_zone).
PROVINCE_TIME_ZONES: Mapping[str, str] = {"Galápagos": "Pacific/Galapagos"}

# Stable identifiers (calendar UID, feed ids) derive from the page's file name only, so they do
# not change when the site moves to another address or when the page is translated.
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:portal-trata-ecuador:eventos")


# --- Today ---------------------------------------------------------------------------------


def today(time_zone: str, environ: Mapping[str, str] = os.environ) -> dt.date:
    """The build's "today": ``PORTAL_TODAY`` if set, else the current date in ``time_zone``."""
    frozen = environ.get(TODAY_VARIABLE, "").strip()
    if frozen:
        try:
            return dt.date.fromisoformat(frozen)
        except ValueError:
            raise ValueError(
                f"{TODAY_VARIABLE}={frozen!r} no es una fecha. Use AAAA-MM-DD, por ejemplo 2026-11-24."
            ) from None
    return dt.datetime.now(ZoneInfo(time_zone)).date()


# --- Events of one language build ----------------------------------------------------------


@dataclass(frozen=True)
class EventEntry:
    """One event page as built in one language."""

    slug: str  # file name without .md, the same in every language: "dia-mundial-contra-la-trata"
    event: Event
    url: str  # the page's URL inside the site, e.g. "en/eventos/dia-mundial-contra-la-trata.html"
    locale: str  # language the page is written in ("es" for an untranslated copy)
    time_zone: str  # IANA zone the event's times are shown in

    @property
    def uid(self) -> str:
        return event_uid(self.slug)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def calendar_url(self) -> str | None:
        """The event's own .ics, next to its page; None when its day is not known."""
        return re.sub(r"\.html$", ".ics", self.url) if self.event.precise else None


def event_uid(slug: str) -> str:
    """RFC 5545 UID (RFC 7986 recommends a UUID): the same in every build and language."""
    return str(uuid.uuid5(_UID_NAMESPACE, slug))


def feed_id(name: str, lang: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, f'{name}/{lang}')}"


def event_time_zone(event: Event, default: str) -> str:
    province = event.place.province if event.place else None
    return PROVINCE_TIME_ZONES.get(province or "", default)


# --- Upcoming and past ---------------------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """An event placed in the listing: for a yearly day, its next occurrence."""

    entry: EventEntry
    start: EventWhenValue | None
    end: EventWhenValue | None

    @property
    def first_day(self) -> dt.date | None:
        return when_first_day(self.start, self.entry.zone) if self.start is not None else None

    @property
    def last_day(self) -> dt.date | None:
        if self.end is not None:
            return when_last_day(self.end, self.entry.zone)
        return when_last_day(self.start, self.entry.zone) if self.start is not None else None


@dataclass(frozen=True)
class Listing:
    upcoming: list[Listed] = field(default_factory=list)
    past_by_year: list[tuple[int, list[Listed]]] = field(default_factory=list)
    past_undated: list[Listed] = field(default_factory=list)  # held, date being verified


def _shift_year(value: EventWhenValue, years: int) -> EventWhenValue:
    assert not isinstance(value, PartialDate)
    return value.replace(year=value.year + years)


def next_occurrence(entry: EventEntry, on: dt.date) -> Listed:
    """The occurrence of a yearly event that is on or after ``on`` (itself if not yearly)."""
    event = entry.event
    if event.recurrence != "yearly" or event.start is None:
        return Listed(entry, event.start, event.end)
    first = Listed(entry, event.start, event.end)
    if first.last_day is not None and first.last_day >= on:
        return first
    for year in range(on.year - 1, on.year + 9):  # 9 years: covers 29 February
        try:
            shifted = Listed(entry, _shift_year(event.start, year - event.start.year),
                             _shift_year(event.end, year - event.start.year) if event.end else None)
        except ValueError:  # 29 February in a common year: no occurrence (as RFC 5545)
            continue
        if shifted.last_day is not None and shifted.last_day >= on:
            return shifted
    raise AssertionError("a yearly event always has a next occurrence")


def _sort_instant(item: Listed) -> tuple[dt.date, dt.datetime]:
    """Day first, then time: an all-day event sorts before the timed events of its day."""
    assert item.start is not None and item.first_day is not None
    if isinstance(item.start, dt.datetime):
        moment = item.start.astimezone(dt.UTC)
    else:
        moment = dt.datetime.combine(item.first_day, dt.time.min, dt.UTC)
    return item.first_day, moment


def _by_title(item: Listed) -> str:
    return item.entry.event.title


def split_events(entries: Iterable[EventEntry], on: dt.date) -> Listing:
    """Upcoming events soonest first (undated ones last), past events by year, newest first.

    An event is upcoming until its last day has passed (in its own time zone), so an event
    stays listed as upcoming on the day it happens. Yearly days are always upcoming, at their
    next occurrence.
    """
    upcoming: list[Listed] = []
    upcoming_undated: list[Listed] = []
    past: list[Listed] = []
    past_undated: list[Listed] = []
    for entry in entries:
        item = next_occurrence(entry, on)
        if item.start is None:
            (past_undated if entry.event.held else upcoming_undated).append(item)
        elif item.last_day is not None and item.last_day >= on:
            upcoming.append(item)
        else:
            past.append(item)
    upcoming.sort(key=lambda i: (*_sort_instant(i), i.entry.event.title))
    past.sort(key=_by_title)  # same day: alphabetical (the next sort is stable)
    past.sort(key=_sort_instant, reverse=True)
    by_year: dict[int, list[Listed]] = {}
    for item in past:
        assert item.first_day is not None
        by_year.setdefault(item.first_day.year, []).append(item)
    return Listing(
        upcoming=upcoming + sorted(upcoming_undated, key=_by_title),
        past_by_year=sorted(by_year.items(), reverse=True),
        past_undated=sorted(past_undated, key=_by_title),
    )


def is_past(item: Listed, on: dt.date) -> bool:
    if item.start is None:
        return bool(item.entry.event.held)
    return item.last_day is not None and item.last_day < on


# --- Dates in the reader's language --------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """A text and the language it is written in (a Kichwa page may show Spanish text)."""

    text: str
    lang: str


def ui_label(ui: InterfaceText, key: str, lang: str) -> Label:
    """An interface string in ``lang``, or in the default language (and marked so) when not translated."""
    return Label(ui.text(key, lang), lang if ui.is_translated(key, lang) else ui.default_language())


def _time_zone_text(entry: EventEntry, ui: InterfaceText, lang: str) -> str:
    key = "events_time_zone_galapagos" if entry.time_zone == "Pacific/Galapagos" else "events_time_zone"
    return ui.text(key, lang)


def format_when(item: Listed, ui: InterfaceText, style: DateStyle) -> Label:
    """When an event happens, written for a reader of ``lang``.

    Examples (es): "jueves, 30 de julio de 2026, 10:00 a. m. – 12:00 p. m. (hora de Ecuador)";
    "mayo–junio de 2007"; "Fecha por confirmar".
    """
    text_lang, locale = style.lang, style.locale
    start, end, zone = item.start, item.end, item.entry.zone
    if start is None:
        return ui_label(ui, "events_date_pending", text_lang)
    if isinstance(start, PartialDate) or isinstance(end, PartialDate):
        first = start if isinstance(start, PartialDate) else PartialDate(start.year, start.month)
        last = end if isinstance(end, PartialDate) else (
            PartialDate(end.year, end.month) if end is not None else first)
        skeleton = "yMMMM" if first.month is not None and last.month is not None else "y"
        if (first.year, first.month) == (last.year, last.month) or skeleton == "y" and first.year == last.year:
            text = format_skeleton(skeleton, first.first_day(), locale=locale)
        else:
            text = format_interval(first.first_day(), last.first_day(), skeleton, locale=locale)
        return Label(text, text_lang)
    if isinstance(start, dt.datetime):
        local_start = start.astimezone(zone)
        local_end = end.astimezone(zone) if isinstance(end, dt.datetime) else None
        day = format_date(local_start.date(), "full", locale=locale)
        begins = format_time(local_start, "short", locale=locale, tzinfo=zone)
        if local_end is None:
            text = f"{day}, {begins}"
        elif local_end.date() == local_start.date():
            text = f"{day}, {begins} – {format_time(local_end, 'short', locale=locale, tzinfo=zone)}"
        else:
            last_day = format_date(local_end.date(), "full", locale=locale)
            text = f"{day}, {begins} – {last_day}, {format_time(local_end, 'short', locale=locale, tzinfo=zone)}"
        return Label(f"{text} ({_time_zone_text(item.entry, ui, text_lang)})", text_lang)
    assert isinstance(start, dt.date)
    if end is None or end == start:
        return Label(format_date(start, "full", locale=locale), text_lang)
    assert isinstance(end, dt.date)
    return Label(format_interval(start, end, "yMMMMEEEEd", locale=locale), text_lang)


def format_yearly(item: Listed, ui: InterfaceText, style: DateStyle) -> Label | None:
    """ "Cada año, el 30 de julio" for a yearly event; None for the others."""
    start = item.entry.event.start
    if item.entry.event.recurrence != "yearly" or start is None or isinstance(start, PartialDate):
        return None
    text_lang = style.lang
    day = format_skeleton("MMMMd", start, locale=style.locale)
    return Label(ui.text("events_every_year", text_lang).format(day=day), text_lang)


def iso_when(value: EventWhenValue | None, zone: ZoneInfo) -> str | None:
    """Machine-readable date for <time datetime> and schema.org (ISO 8601)."""
    if value is None:
        return None
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, dt.datetime):
        return value.astimezone(zone).isoformat()
    return value.isoformat()


def place_text(entry: EventEntry, ui: InterfaceText, lang: str) -> Label | None:
    """ "Cine Ocho y Medio, Quito (Pichincha)" or "En línea"; None when no place is given."""
    place = entry.event.place
    if place is None:
        return None
    parts: list[str] = []
    if place.city and place.province:
        where = f"{place.city} ({place.province})"
        parts.append(f"{place.venue}, {where}" if place.venue else where)
    if place.online:
        online = ui_label(ui, "events_online", lang)
        if not parts:
            return online
        parts.append(online.text)  # in person and online
    return Label(" · ".join(parts), entry.locale)


def province_keys(entry: EventEntry) -> list[str]:
    """Filter values of an event's place: slugs of its province and "en-linea"."""
    place = entry.event.place
    if place is None:
        return []
    keys = [slugify(place.province)] if place.province else []
    return keys + (["en-linea"] if place.online else [])


def slugify(text: str) -> str:
    """'Santo Domingo de los Tsáchilas' → 'santo-domingo-de-los-tsachilas'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# --- Structured data -----------------------------------------------------------------------


def absolute_url(site_url: str, url: str) -> str:
    """A site URL made absolute under site_url, keeping its sub-path ("/trata/")."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + url.lstrip("/")


def json_ld(item: Listed, page_url: str, language_tag: str) -> dict[str, object]:
    """schema.org Event for the event page (https://schema.org/Event)."""
    entry, event = item.entry, item.entry.event
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description,
        "url": page_url,
        "inLanguage": language_tag,
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": [{"@type": "Organization", "name": name} for name in event.organiser],
        "audience": {"@type": "Audience", "audienceType": event.audience},
    }
    if item.start is not None:
        data["startDate"] = iso_when(item.start, entry.zone)
    if item.end is not None:
        data["endDate"] = iso_when(item.end, entry.zone)
    place = event.place
    locations: list[dict[str, object]] = []
    if place and place.city:
        address = {"@type": "PostalAddress", "addressLocality": place.city,
                   "addressRegion": place.province, "addressCountry": "EC"}
        locations.append({"@type": "Place", "name": place.venue or place.city, "address": address})
    if place and place.online:
        locations.append({"@type": "VirtualLocation", "url": str(event.registration or page_url)})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
        mode = "Mixed" if len(locations) > 1 else ("Online" if place and not place.city else "Offline")
        data["eventAttendanceMode"] = f"https://schema.org/{mode}EventAttendanceMode"
    if event.recurrence == "yearly" and isinstance(event.start, dt.date):
        data["eventSchedule"] = {
            "@type": "Schedule",
            "repeatFrequency": "P1Y",
            "byMonth": event.start.month,
            "byMonthDay": event.start.day,
            "startDate": iso_when(event.start, entry.zone),
            "scheduleTimezone": entry.time_zone,
        }
    if event.registration:
        data["offers"] = {"@type": "Offer", "url": str(event.registration)}
    return data
