"""iCalendar (RFC 5545) files for the awareness events, written with the ``icalendar`` library.

Not a hook (mkdocs.yml does not list it): ``portal/events/events.py`` calls it after each language
build. One calendar per event (the "Añadir a mi calendario" link) and one per language with
every event (the subscribable feed, ``webcal://``).

Choices, with the RFC behind each:
- ``UID``: a UUID derived from the page's file name (RFC 7986 §5.3 recommends UUIDs), so a
  subscribed calendar updates the same entry when the page changes, in every language and at
  any site address.
- ``DTSTAMP``/``LAST-MODIFIED``: the event's ``last_verified`` day. The calendar has no
  ``METHOD`` (it is not an iTIP message), and then RFC 5545 §3.8.7.2 defines DTSTAMP as the
  time the information was last revised; it also keeps the files identical between two
  builds of the same content.
- Timed events carry ``TZID=America/Guayaquil`` (or Pacific/Galapagos) and the matching
  ``VTIMEZONE``; all-day events use ``VALUE=DATE`` with an exclusive ``DTEND`` (RFC 5545
  §3.6.1). Yearly days have ``RRULE:FREQ=YEARLY`` and are marked ``TRANSP:TRANSPARENT``
  (they do not make anyone "busy").
- Events whose day is not known (only the month, or "por confirmar") are left out: a calendar
  entry would state a day nobody verified.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event, vRecur, vText

from portal.events.event_data import EventEntry, absolute_url

PRODID = "-//Gobierno del Ecuador//Portal contra la Trata de Personas//ES"


@dataclass(frozen=True)
class CalendarTexts:
    """The words a calendar needs in the reader's language (from data/interfaz.yml)."""

    name: str
    description: str
    language_tag: str  # BCP 47 tag of the calendar's language
    more_info: str  # "Más información:"
    online: str  # "En línea"
    type_labels: dict[str, str]
    time_zone: str  # the portal's time zone (extra.events.time_zone), for clients' display


def _stamp(entry: EventEntry) -> dt.datetime:
    """Midnight (Ecuador) of the day the event's information was last verified, in UTC."""
    midnight = dt.datetime.combine(entry.event.last_verified, dt.time.min, entry.zone)
    return midnight.astimezone(dt.UTC)


def _location(entry: EventEntry, texts: CalendarTexts) -> str | None:
    place = entry.event.place
    if place is None:
        return None
    parts = [p for p in (place.venue, place.city, place.province) if p]
    if parts:
        parts.append("Ecuador")
    if place.online:
        parts.append(texts.online)
    return ", ".join(parts)


def event_component(entry: EventEntry, site_url: str, texts: CalendarTexts, language_tag: str) -> Event:
    """The VEVENT of one event; ``language_tag`` is the language its texts are written in."""
    event = entry.event
    assert event.precise and event.start is not None, "only events with a known day"
    page = absolute_url(site_url, entry.url)
    component = Event()
    component.add("uid", entry.uid)
    component.add("dtstamp", _stamp(entry))
    component.add("last-modified", _stamp(entry))
    component.add("summary", event.title, parameters={"LANGUAGE": language_tag})
    component.add("description", f"{event.description}\n\n{texts.more_info} {page}",
                  parameters={"LANGUAGE": language_tag})
    component.add("url", page, parameters={"VALUE": "URI"})
    component.add("categories", [texts.type_labels[event.type]])
    if location := _location(entry, texts):
        component.add("location", location, parameters={"LANGUAGE": language_tag})
    start, end = event.start, event.end
    if isinstance(start, dt.datetime):
        component.add("dtstart", start.astimezone(entry.zone))
        if isinstance(end, dt.datetime):
            component.add("dtend", end.astimezone(entry.zone))
    else:
        assert isinstance(start, dt.date)
        last = end if isinstance(end, dt.date) else start
        component.add("dtstart", start)
        component.add("dtend", last + dt.timedelta(days=1))  # exclusive end (RFC 5545 §3.6.1)
    if event.recurrence == "yearly":
        component.add("rrule", vRecur(freq="YEARLY"))
        component.add("transp", "TRANSPARENT")
    else:
        component.add("transp", "OPAQUE")
    component.add("status", "CONFIRMED")
    return component


def calendar_ics(
    entries: Iterable[EventEntry], site_url: str, texts: CalendarTexts, tags: dict[str, str]
) -> bytes:
    """An RFC 5545 calendar with every event whose day is known; ``tags`` maps locale → BCP 47."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # No METHOD: this is a published calendar, not an iTIP message (RFC 5546).
    calendar.add("name", texts.name, parameters={"LANGUAGE": texts.language_tag})
    calendar.add("x-wr-calname", vText(texts.name))  # X- properties: escape as TEXT
    calendar.add("description", texts.description)
    calendar.add("x-wr-caldesc", vText(texts.description))
    # Subscribed clients re-read the feed daily, as often as the site is rebuilt (RFC 7986).
    calendar.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    calendar.add("x-wr-timezone", texts.time_zone)
    for entry in sorted(entries, key=lambda e: e.slug):
        if entry.event.precise:
            language = tags.get(entry.locale, entry.locale)
            calendar.add_component(event_component(entry, site_url, texts, language))
    calendar.add_missing_timezones(first_date=dt.date(1990, 1, 1), last_date=dt.date(2040, 1, 1))
    ics: bytes = calendar.to_ical()
    return ics


def event_ics(entry: EventEntry, site_url: str, texts: CalendarTexts, tags: dict[str, str]) -> bytes:
    """The one-event calendar behind an event page's "Añadir a mi calendario" link."""
    single = dataclasses.replace(texts, name=entry.event.title, description=entry.event.description)
    return calendar_ics([entry], site_url, single, tags)

