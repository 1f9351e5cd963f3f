"""Awareness events (issue #6): schema, listings, dates per language, iCalendar, feeds, pages.

Unit tests call the pure helpers in portal/events/event_*.py with a frozen "today". Build tests make a
mini-site with the portal's config (the real event pages plus the annotated examples of
tests/fixtures/events/ejemplos/) under the sub-path /trata/, with PORTAL_TODAY frozen.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from icalendar import Calendar
from pydantic import ValidationError

from portal.content.checks import split_front_matter
from portal.content.schema import ECUADOR_PROVINCES, Event, InterfaceText, PartialDate, is_event_page
from portal.events.event_data import (
    EventEntry,
    Listed,
    date_style,
    event_uid,
    format_when,
    json_ld,
    next_occurrence,
    split_events,
    today,
)
from portal.events.event_feed import FeedEntry, FeedInfo, atom_feed
from portal.events.event_ical import CalendarTexts, calendar_ics, event_ics
from tests.support.data import data_file
from tests.support.html import soup
from tests.support.site import REPO, build_scenario, language_tag, locales

EXAMPLES = Path(__file__).parent / "fixtures" / "events" / "ejemplos"
DOCS = REPO / "docs"
ATOM = "{http://www.w3.org/2005/Atom}"
FROZEN = "2026-11-24"
PORT = 8000
BASE = f"http://127.0.0.1:{PORT}/trata/"
ZONE = "America/Guayaquil"
SITE_URL = "https://example.gob.ec/trata/"


def ui() -> InterfaceText:
    return InterfaceText.model_validate(data_file("ui"))


def front_matter(path: Path) -> dict:
    meta, _, _, _, errors = split_front_matter(str(path), path.read_text(encoding="utf-8"))
    assert not errors, errors
    return meta


def event(**fields: object) -> Event:
    base: dict[str, object] = {
        "title": "Evento de prueba",
        "description": "Un evento de prueba para las pruebas automáticas.",
        "type": "taller",
        "organiser": "OIM",
        "audience": "Público general",
        "last_verified": dt.date(2026, 11, 24),
        "sources": [{"title": "Fuente de prueba"}],
    }
    return Event.model_validate(base | fields)


def entry(slug: str, lang: str = "es", locale: str | None = None, **fields: object) -> EventEntry:
    prefix = "" if lang == "es" else f"{lang}/"
    return EventEntry(slug, event(**fields), f"{prefix}eventos/{slug}.html", locale or lang, ZONE)


def texts(lang: str = "es") -> CalendarTexts:
    strings = ui()
    return CalendarTexts(
        name=strings.text("events_calendar_name", lang),
        description=strings.text("events_calendar_description", lang),
        language_tag=lang,
        more_info=strings.text("events_more_info", lang),
        online=strings.text("events_online", lang),
        type_labels={k.removeprefix("events_type_"): strings.text(k, lang)
                     for k in strings.root if k.startswith("events_type_")},
        time_zone=ZONE,
    )


# --- Schema --------------------------------------------------------------------------------


EXAMPLE_EVENTS = sorted(p for p in EXAMPLES.glob("*.md") if p.name != "README.md")


def test_there_are_annotated_examples() -> None:
    """Without examples the parametrized test below would check nothing."""
    assert EXAMPLE_EVENTS


@pytest.mark.parametrize("example", EXAMPLE_EVENTS, ids=lambda p: p.name)
def test_annotated_examples_validate_and_are_upcoming(example: Path) -> None:
    parsed = Event.model_validate(front_matter(example))
    assert parsed.start is not None and parsed.precise
    assert isinstance(parsed.start, dt.datetime) and parsed.start.date() > dt.date.fromisoformat(FROZEN)


def test_examples_are_not_published_as_real_events() -> None:
    published = {p.name for p in DOCS.rglob("eventos/*.md")}
    assert not published & {p.name for p in EXAMPLES.glob("*.md")}


def test_editors_guide_example_validates() -> None:
    guide = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    block = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    Event.model_validate(yaml.safe_load(block.strip().strip("-")))


def test_every_published_event_validates() -> None:
    pages = [p for p in DOCS.rglob("*.md") if is_event_page(p.relative_to(DOCS).as_posix().split("/", 1)[1])]
    assert pages, "no published event found"
    for page in pages:
        parsed = Event.model_validate(front_matter(page))
        assert parsed.sources and parsed.last_verified


def test_seed_events_state_only_what_the_sources_support() -> None:
    lilya = Event.model_validate(front_matter(DOCS / "es/eventos/estreno-lilya-4-ever.md"))
    assert lilya.start is None and lilya.held is True and lilya.place is None
    assert any("Fecha" in item for item in lilya.pending_verification)
    for city in ("quito", "guayaquil"):
        k11 = Event.model_validate(front_matter(DOCS / f"es/eventos/proyecto-k-11-{city}.md"))
        assert (k11.start, k11.end) == (PartialDate(2007, 5), PartialDate(2007, 6))
        assert not k11.precise
    llama = Event.model_validate(front_matter(DOCS / "es/eventos/campana-llama-y-vive.md"))
    assert llama.start == dt.date(2006, 5, 10)
    days = {"dia-mundial-contra-la-trata": (7, 30), "dia-contra-la-explotacion-sexual-y-la-trata": (9, 23),
            "dia-internacional-del-migrante": (12, 18)}
    for slug, (month, day) in days.items():
        yearly = Event.model_validate(front_matter(DOCS / f"es/eventos/{slug}.md"))
        assert yearly.recurrence == "yearly" and type(yearly.start) is dt.date
        assert (yearly.start.month, yearly.start.day) == (month, day)


def test_the_23_september_page_says_it_is_not_a_un_day() -> None:
    page = DOCS / "es/eventos/dia-contra-la-explotacion-sexual-y-la-trata.md"
    assert "no es de la ONU" in page.read_text(encoding="utf-8")
    assert "Naciones Unidas" not in front_matter(page)["organiser"]


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-07-30", dt.date(2026, 7, 30)),
    (dt.date(2026, 7, 30), dt.date(2026, 7, 30)),
    ("2026-07-30 10:00-05:00", dt.datetime(2026, 7, 30, 10, tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
    ("2007-06", PartialDate(2007, 6)),
    (2007, PartialDate(2007)),
])
def test_event_dates_are_typed(value: object, expected: object) -> None:
    assert event(start=value).start == expected


@pytest.mark.parametrize("value", ["2026-07-30 10:00", dt.datetime(2026, 7, 30, 10)])
def test_a_time_without_time_zone_is_refused(value: object) -> None:
    with pytest.raises(ValidationError, match="no dice la zona horaria"):
        event(start=value)


@pytest.mark.parametrize("written", ["pichincha", "GALAPAGOS", " Santo Domingo de los Tsachilas "])
def test_provinces_are_normalised_to_their_official_name(written: str) -> None:
    place = event(start="2027-01-01", place={"city": "X", "province": written}).place
    assert place is not None and place.province in ECUADOR_PROVINCES


def test_there_are_24_provinces() -> None:
    assert len(set(ECUADOR_PROVINCES)) == 24


@pytest.mark.parametrize(("fields", "message"), [
    ({"place": {"city": "Quito", "province": "Pichinca"}}, "¿Quiso decir 'Pichincha'?"),
    ({"place": "Quito"}, "Escriba 'en línea'"),
    ({"end": "2026-07-29"}, "anterior a la de inicio"),
    ({"end": "2026-07-30 12:00:00-05:00"}, "del mismo tipo"),
    ({"recurrence": "monthly"}, "recurrence"),
    ({"held": True}, "'held' solo se usa"),
    ({"registration": "www.example.org"}, "registration"),
])
def test_event_rules(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        event(start="2026-07-30", **fields)


def test_an_unknown_date_needs_held_and_an_explanation() -> None:
    with pytest.raises(ValidationError, match="held: true"):
        event()
    assert event(held=True, pending_verification=["Fecha del evento"]).start is None


def test_event_pages_are_recognised_by_path() -> None:
    assert is_event_page("eventos/taller.md")
    assert not is_event_page("eventos/index.md")
    assert not is_event_page("eventos/sub/taller.md")
    assert not is_event_page("sensibilizacion.md")


# --- Today, upcoming and past --------------------------------------------------------------


def test_today_is_frozen_by_the_environment_variable() -> None:
    assert today(ZONE, {"PORTAL_TODAY": FROZEN}) == dt.date(2026, 11, 24)
    with pytest.raises(ValueError, match="AAAA-MM-DD"):
        today(ZONE, {"PORTAL_TODAY": "24/11/2026"})
    real = today(ZONE, {})
    assert abs((real - dt.date.today()).days) <= 1


def test_listing_is_split_by_the_frozen_date_and_sorted() -> None:
    on = dt.date(2026, 11, 24)
    entries = [
        entry("hoy", start="2026-11-24 18:00:00-05:00"),
        entry("ayer", start="2026-11-23"),
        entry("manana-todo-el-dia", start="2026-11-25"),
        entry("manana-por-la-manana", start="2026-11-25 09:00:00-05:00"),
        entry("varios-dias", start="2026-11-20", end="2026-11-24"),
        entry("dia-mundial", start="2014-07-30", recurrence="yearly"),
        entry("antiguo", start="2007-05", end="2007-06"),
        entry("otro-2007", start="2007-09-01"),
        entry("sin-fecha-pasado", held=True, pending_verification=["Fecha"]),
        entry("sin-fecha-futuro", held=False, pending_verification=["Fecha"]),
    ]
    listing = split_events(entries, on)
    assert [i.entry.slug for i in listing.upcoming] == [
        "varios-dias", "hoy", "manana-todo-el-dia", "manana-por-la-manana", "dia-mundial",
        "sin-fecha-futuro",
    ]
    assert [(year, [i.entry.slug for i in items]) for year, items in listing.past_by_year] == [
        (2026, ["ayer"]), (2007, ["otro-2007", "antiguo"]),
    ]
    assert [i.entry.slug for i in listing.past_undated] == ["sin-fecha-pasado"]


def test_an_event_moves_to_past_the_day_after_it_ends() -> None:
    taller = entry("taller", start="2027-02-10 09:00:00-05:00", end="2027-02-10 11:00:00-05:00")
    assert split_events([taller], dt.date(2027, 2, 10)).upcoming
    assert not split_events([taller], dt.date(2027, 2, 11)).upcoming


def test_ecuador_day_decides_not_utc() -> None:
    # 20:00 in Quito is 01:00 UTC the next day: the event is still "on 10 February".
    late = entry("tarde", start="2027-02-10 20:00:00-05:00")
    assert split_events([late], dt.date(2027, 2, 11)).past_by_year


def test_yearly_days_show_their_next_occurrence() -> None:
    day = entry("dia", start="2014-07-30", recurrence="yearly")
    assert next_occurrence(day, dt.date(2026, 11, 24)).start == dt.date(2027, 7, 30)
    assert next_occurrence(day, dt.date(2027, 7, 30)).start == dt.date(2027, 7, 30)
    assert next_occurrence(day, dt.date(2027, 7, 31)).start == dt.date(2028, 7, 30)
    leap = entry("bisiesto", start="2024-02-29", recurrence="yearly")
    assert next_occurrence(leap, dt.date(2025, 1, 1)).start == dt.date(2028, 2, 29)


# --- Dates in the reader's language --------------------------------------------------------


def listed(e: EventEntry) -> Listed:
    return next_occurrence(e, dt.date(2026, 11, 24))


def dates(code: str) -> Any:
    """How the site writes dates for a language, from mkdocs.yml (extra.languages)."""
    from scripts.project import Project

    return date_style(Project.load().language_model, code)


def test_dates_are_written_in_the_readers_language() -> None:
    taller = entry("taller", start="2027-02-10 09:00:00-05:00", end="2027-02-10 11:00:00-05:00")
    es = format_when(listed(taller), ui(), dates("es"))
    en = format_when(listed(taller), ui(), dates("en"))
    assert es.lang == "es" and es.text.startswith("miércoles, 10 de febrero de 2027, 9:00")
    assert es.text.endswith("(hora de Ecuador)")
    assert en.lang == "en" and en.text.startswith("Wednesday, February 10, 2027, 9:00")
    assert en.text.endswith("(Ecuador time)")


def test_kichwa_pages_get_spanish_dates_marked_as_spanish() -> None:
    day = entry("dia", start="2027-07-30")
    label = format_when(listed(day), ui(), dates("qu"))
    assert label == format_when(listed(day), ui(), dates("es"))
    assert label.lang == "es" and "julio" in label.text


def test_imprecise_and_unknown_dates_are_shown_as_such() -> None:
    k11 = entry("k11", start="2007-05", end="2007-06")
    assert format_when(listed(k11), ui(), dates("es")).text == "mayo–junio de 2007"
    assert "May" in format_when(listed(k11), ui(), dates("en")).text
    lilya = entry("lilya", held=True, pending_verification=["Fecha"])
    assert format_when(listed(lilya), ui(), dates("es")).text == "Fecha por confirmar"
    assert format_when(listed(lilya), ui(), dates("en")).text == "Date to be confirmed"


def test_times_are_shown_in_the_events_own_time_zone() -> None:
    # Written with -05:00 but held in Galápagos (-06:00): shown in Galápagos time.
    from portal.events.event_data import event_time_zone

    fields = {"start": "2027-03-01 10:00:00-05:00", "place": {"city": "Puerto Ayora", "province": "Galápagos"}}
    parsed = event(**fields)
    galapagos = EventEntry("g", parsed, "eventos/g.html", "es", event_time_zone(parsed, ZONE))
    assert galapagos.time_zone == "Pacific/Galapagos"
    text = format_when(listed(galapagos), ui(), dates("es")).text
    assert "9:00" in text and text.endswith("(hora de Galápagos)")


# --- iCalendar -----------------------------------------------------------------------------


def parse(ics: bytes) -> Calendar:
    text = ics.decode("utf-8")
    lines = text.split("\r\n")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")  # CRLF only
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)  # folded (RFC 5545 §3.1)
    calendar = Calendar.from_ical(ics)
    calendar.validate()  # PRODID, VERSION and at least one component
    for vevent in calendar.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART"} <= set(vevent)  # required (RFC 5545 §3.6.1)
    return calendar


def test_a_timed_event_has_tzid_uid_and_dtstamp() -> None:
    taller = entry("taller", start="2027-02-10 09:00:00-05:00", end="2027-02-10 11:00:00-05:00",
                   place={"venue": "Colegio", "city": "Riobamba", "province": "Chimborazo"})
    calendar = parse(event_ics(taller, SITE_URL, texts(), {"es": "es"}))
    [vevent] = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == ZONE
    assert vevent.decoded("DTSTART") == dt.datetime(2027, 2, 10, 9, tzinfo=taller.zone)
    assert vevent["DTEND"].params["TZID"] == ZONE
    assert str(vevent["UID"]) == event_uid("taller")
    assert vevent.decoded("DTSTAMP") == dt.datetime(2026, 11, 24, 5, tzinfo=dt.UTC)
    assert str(vevent["URL"]) == "https://example.gob.ec/trata/eventos/taller.html"
    assert "Riobamba" in str(vevent["LOCATION"])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [ZONE]
    assert "RRULE" not in vevent


def test_an_all_day_yearly_day_is_a_recurring_date_event() -> None:
    day = entry("dia-mundial", start="2014-07-30", recurrence="yearly")
    [vevent] = parse(event_ics(day, SITE_URL, texts(), {"es": "es"})).walk("VEVENT")
    assert vevent["DTSTART"].params.get("VALUE") == "DATE"
    assert vevent.decoded("DTSTART") == dt.date(2014, 7, 30)
    assert vevent.decoded("DTEND") == dt.date(2014, 7, 31)  # exclusive end
    assert vevent["RRULE"]["FREQ"] == ["YEARLY"]
    assert vevent["TRANSP"] == "TRANSPARENT"


def test_the_uid_is_the_same_in_every_language_and_address() -> None:
    es = entry("taller", start="2027-02-10")
    en = entry("taller", lang="en", start="2027-02-10")
    first = parse(event_ics(es, SITE_URL, texts(), {"es": "es"})).walk("VEVENT")[0]["UID"]
    second = parse(event_ics(en, "http://localhost/", texts("en"), {"en": "en"})).walk("VEVENT")[0]["UID"]
    assert first == second == event_uid("taller")


def test_the_language_calendar_leaves_out_events_without_a_known_day() -> None:
    entries = [entry("dia", start="2014-07-30", recurrence="yearly"),
               entry("k11", start="2007-05", end="2007-06"),
               entry("lilya", held=True, pending_verification=["Fecha"])]
    assert entries[1].calendar_url is None and entries[2].calendar_url is None
    calendar = parse(calendar_ics(entries, SITE_URL, texts(), {"es": "es"}))
    assert [str(v["UID"]) for v in calendar.walk("VEVENT")] == [event_uid("dia")]
    assert str(calendar["X-WR-TIMEZONE"]) == ZONE


CALENDAR_SCRIPT = """
import sys
sys.path[:0] = [sys.argv[1]]
from tests.test_events import SITE_URL, entry, texts
from portal.events.event_ical import calendar_ics
entries = [entry("dia", start="2014-07-30", recurrence="yearly"),
           entry("taller", start="2027-02-10 09:00:00-05:00", end="2027-02-10 11:00:00-05:00",
                 place={"venue": "Colegio", "city": "Riobamba", "province": "Chimborazo"}),
           entry("charla", start="2027-09-23 19:00:00-05:00", place="en línea",
                 registration="https://inscripciones.example.org/charla")]
sys.stdout.buffer.write(calendar_ics(entries, SITE_URL, texts(), {"es": "es"}))
"""


@pytest.mark.slow
def test_same_content_gives_the_same_calendar_in_another_process() -> None:
    """Two separate runs (different hash seeds, different clock) write the same bytes: a
    calendar app sees no change when nothing changed. Within one process, set and dict
    order or a cached timestamp would hide the difference."""
    import os
    import subprocess
    import sys

    from tests.support.site import COMMAND_TIMEOUT

    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", CALENDAR_SCRIPT, str(REPO)],
                                cwd=REPO, env=env, capture_output=True, check=False, timeout=COMMAND_TIMEOUT)
        assert result.returncode == 0, result.stderr.decode()
        outputs.append(result.stdout)
    assert outputs[0] and outputs[0] == outputs[1]
    parse(outputs[0])


# --- Feed and structured data --------------------------------------------------------------


def test_atom_feed_is_valid_xml_with_absolute_links() -> None:
    info = FeedInfo("urn:uuid:1", "Eventos", "Sub", SITE_URL + "eventos/feed.xml",
                    SITE_URL + "eventos/index.html", "Portal", "es")
    item = FeedEntry("urn:uuid:2", "Taller <1> & más", SITE_URL + "eventos/taller.html",
                     dt.datetime(2026, 11, 24, tzinfo=dt.UTC), "Resumen", "es")
    root = ET.fromstring(atom_feed(info, [item]))
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}entry/{ATOM}title").text == "Taller <1> & más"
    assert root.find(f"{ATOM}updated").text == "2026-11-24T00:00:00+00:00"
    for link in root.iter(f"{ATOM}link"):
        assert link.get("href").startswith(SITE_URL)


def test_online_event_json_ld_has_a_virtual_location() -> None:
    online = entry("charla", start="2027-09-23 19:00:00-05:00", place="en línea",
                   registration="https://inscripciones.example.org/charla")
    data = json_ld(listed(online), SITE_URL + "eventos/charla.html", "es")
    assert data["@type"] == "Event" and data["startDate"] == "2027-09-23T19:00:00-05:00"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://inscripciones.example.org/charla"}
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


# --- A built mini-site ---------------------------------------------------------------------

LOCALES = locales()


def _stub(title: str) -> str:
    return (f"---\ntitle: {title}\ndescription: Página de prueba para el escenario de eventos.\n---\n\n"
            f"# {title}\n\nTexto.\n")


@pytest.fixture(scope="module")
def events_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real event pages and the examples, built under /trata/ on a frozen day."""
    pages: dict[str, str] = {}
    for code in LOCALES:
        for name in ("index", "404", "pide-ayuda", "sensibilizacion", "migra-seguro"):
            pages[f"{code}/{name}.md"] = _stub(f"{name} {code}")
    for path in DOCS.glob("*/eventos/*.md"):
        pages[path.relative_to(DOCS).as_posix()] = path.read_text(encoding="utf-8")
    for path in EXAMPLE_EVENTS:
        pages[f"es/eventos/ejemplo-{path.name}"] = path.read_text(encoding="utf-8")
    return build_scenario(tmp_path_factory.mktemp("events"), pages, PORT,
                          extra_env={"PORTAL_TODAY": FROZEN, "SITE_URL": BASE})


def localized(site: Path, locale: str, name: str) -> Path:
    return site / name if locale == LOCALES[0] else site / locale / name


def plain_meta(path: Path) -> dict:
    """Front matter read with plain YAML, not with the hooks' reader."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


def spanish_events(with_examples: bool) -> dict[str, dict]:
    """slug → front matter of the Spanish event pages (and the examples, as the mini-site has them)."""
    events = {p.stem: plain_meta(p) for p in (DOCS / "es" / "eventos").glob("*.md") if p.name != "index.md"}
    if with_examples:
        events |= {f"ejemplo-{p.stem}": plain_meta(p) for p in EXAMPLE_EVENTS}
    return events


def expected_listing(events: dict[str, dict], on: dt.date) -> tuple[list[str], dict[int | None, set[str]]]:
    """What the index must show on day ``on``, worked out from the front matter alone:
    upcoming titles, soonest first (a whole day before a timed event of the same day), and
    past titles by year (None: date unknown)."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(ZONE)
    upcoming: list[tuple[tuple, str]] = []
    past: dict[int | None, set[str]] = {}
    for meta in events.values():
        start, end, title = meta.get("start"), meta.get("end"), meta["title"]
        if start is None:
            if meta.get("held"):
                past.setdefault(None, set()).add(title)
            else:
                upcoming.append(((dt.date.max, 0, dt.time()), title))
            continue
        if isinstance(start, (str, int)):  # a month or a year only: long past
            past.setdefault(int(str(start)[:4]), set()).add(title)
            continue
        timed = isinstance(start, dt.datetime)
        day = start.astimezone(zone).date() if timed else start
        moment = start.astimezone(zone).time() if timed else dt.time()
        if meta.get("recurrence") == "yearly":
            day = day.replace(year=on.year)
            if day < on:
                day = day.replace(year=on.year + 1)
            last = day
        else:
            finish = end or start
            last = finish.astimezone(zone).date() if isinstance(finish, dt.datetime) else finish
        if last >= on:
            upcoming.append(((day, int(timed), moment), title))
        else:
            past.setdefault(day.year, set()).add(title)
    return [title for _, title in sorted(upcoming, key=lambda item: item[0])], past


def slug(name: str) -> str:
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(ascii_name.lower().split())


def titles(section: object) -> list[str]:
    return [a.get_text(strip=True) for a in section.select(".portal-event__title a")]


@pytest.mark.slow
def test_index_lists_upcoming_soonest_first_and_past_by_year(events_site: Path) -> None:
    page = soup(events_site / "eventos" / "index.html")
    upcoming, past = expected_listing(spanish_events(with_examples=True), dt.date.fromisoformat(FROZEN))
    assert upcoming and past, "the fixture has upcoming and past events"
    assert titles(page.select_one(".portal-events--upcoming")) == upcoming
    years = page.select(".portal-events-year")
    undated = ui().text("events_date_pending", "es")
    expected_years = [str(year) for year in sorted((y for y in past if y is not None), reverse=True)]
    expected_years += [undated] if None in past else []
    assert [y.h3.get_text(strip=True) for y in years] == expected_years
    for heading, year in zip(years, sorted((y for y in past if y is not None), reverse=True)):
        assert set(titles(heading)) == past[year], year
    if None in past:
        assert set(titles(years[-1])) == past[None]
        assert undated in years[-1].select_one(".portal-event__when").get_text()


@pytest.mark.slow
def test_index_links_resolve_and_carry_filter_data(events_site: Path) -> None:
    index = events_site / "eventos" / "index.html"
    page = soup(index)
    for item in page.select(".portal-event"):
        assert (index.parent / item.select_one("a")["href"]).exists()
        assert item["data-type"]
    events = spanish_events(with_examples=True)
    by_title = {item.select_one(".portal-event__title a").get_text(strip=True): item for item in page.select(".portal-event")}
    provinces: set[str] = set()
    online = False
    for meta in events.values():
        place = meta.get("place")
        if isinstance(place, dict) and place.get("province"):
            provinces.add(slug(place["province"]))
            assert by_title[meta["title"]]["data-province"] == slug(place["province"]), meta["title"]
        elif place == "en línea":
            online = True
            assert by_title[meta["title"]]["data-province"] == "en-linea", meta["title"]
    assert provinces and online, "the fixture has events in provinces and one online"
    form = page.select_one("form[data-portal-events-filter]")
    assert form.has_attr("hidden")  # shown by events-filter.js only
    options = [o["value"] for o in form.select("#portal-events-province option")]
    assert options == ["", *sorted(provinces), "en-linea"]
    assert page.select_one('script[src*="events-filter"]') is not None
    inline = [s for s in page.select("script:not([src])") if "json" not in s.get("type", "")]
    assert not inline  # no inline code (Content-Security-Policy); JSON data blocks are fine


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["es", "en"])
def test_index_links_the_calendar_feeds_with_absolute_addresses(events_site: Path, locale: str) -> None:
    page = soup(localized(events_site, locale, "eventos/index.html"))
    prefix = "" if locale == LOCALES[0] else f"{locale}/"
    hrefs = [a["href"] for a in page.select(".portal-events-subscribe a")]
    assert f"webcal://127.0.0.1:{PORT}/trata/{prefix}eventos/calendario.ics" in hrefs
    assert f"{BASE}{prefix}eventos/calendario.ics" in hrefs
    assert "feed.xml" in hrefs and "calendario.ics" in hrefs
    feed = page.select_one('head link[rel="alternate"][type="application/atom+xml"]')
    assert feed["href"] == "feed.xml"


@pytest.mark.slow
def test_english_index_writes_dates_in_english(events_site: Path) -> None:
    page = soup(events_site / "en" / "eventos" / "index.html")
    upcoming = page.select_one(".portal-events--upcoming")
    assert "Every year on December 18" in upcoming.get_text()
    assert "Friday, December 18, 2026" in upcoming.get_text()
    # An example exists only in Spanish: its title is marked as Spanish.
    taller = next(a for a in upcoming.select(".portal-event__title a") if "Taller" in a.get_text())
    assert taller["lang"] == "es"


@pytest.mark.slow
def test_kichwa_index_marks_spanish_dates_and_labels(events_site: Path) -> None:
    page = soup(events_site / "qu" / "eventos" / "index.html")
    assert page.html["lang"] == language_tag("qu")
    when = page.select_one(".portal-events--upcoming time")
    assert when.find("span", lang="es") is not None
    assert "diciembre" in when.get_text()
    # A label with no Kichwa text yet is Spanish, marked so; a translated one is not.
    kind = page.select_one(".portal-events--upcoming .portal-event__meta span[lang='es']")
    assert kind is not None and kind.get_text() == "Día conmemorativo"
    assert page.select_one("h2#shamuk-ruraykuna").find("span", lang="es") is None
    option = page.select_one("#portal-events-type option[value='dia-conmemorativo']")
    assert option["lang"] == "es"  # an <option> cannot hold a <span>: the option is marked


@pytest.mark.slow
def test_kichwa_event_pages_are_events_in_kichwa(events_site: Path) -> None:
    """docs/qu/eventos/ are Kichwa pages (drafts), listed, in the calendar and in the feed."""
    slugs = sorted(p.stem for p in (DOCS / "qu" / "eventos").glob("*.md") if p.stem != "index")
    assert slugs == sorted(p.stem for p in (DOCS / "es" / "eventos").glob("*.md") if p.stem != "index")
    index = soup(events_site / "qu" / "eventos" / "index.html")
    for link in index.select(".portal-event__title a"):
        if not link["href"].startswith("ejemplo-"):  # the examples exist only in Spanish
            assert not link.has_attr("lang"), link  # written in Kichwa: no Spanish marking
    page = soup(events_site / "qu" / "eventos" / "dia-mundial-contra-la-trata.html")
    assert page.select_one(".portal-notice.admonition.warning") is not None  # the draft notice
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["inLanguage"] == language_tag("qu") and data["startDate"] == "2027-07-30"
    assert (events_site / "qu" / "eventos" / "dia-mundial-contra-la-trata.ics").exists()
    calendar = parse((events_site / "qu" / "eventos" / "calendario.ics").read_bytes())
    urls = {str(v["URL"]) for v in calendar.walk("VEVENT")}
    assert f"{BASE}qu/eventos/dia-internacional-del-migrante.html" in urls
    root = ET.parse(events_site / "qu" / "eventos" / "feed.xml").getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language_tag("qu")
    # Kichwa entries inherit the feed's language; only the Spanish-only examples say "es".
    langs = {e.find(f"{ATOM}link").get("href").rsplit("/", 1)[1]: e.get("{http://www.w3.org/XML/1998/namespace}lang")
             for e in root.findall(f"{ATOM}entry")}
    assert langs["dia-internacional-del-migrante.html"] is None
    assert langs["ejemplo-taller-en-colegio.html"] == "es"


@pytest.mark.slow
def test_event_page_shows_date_place_and_calendar_link(events_site: Path) -> None:
    page_path = events_site / "eventos" / "ejemplo-taller-en-colegio.html"
    page = soup(page_path)
    details = page.select_one(".portal-event-details")
    text = details.get_text(" ", strip=True)
    assert "miércoles, 10 de febrero de 2027" in text and "(hora de Ecuador)" in text
    assert "Riobamba (Chimborazo)" in text
    assert details.select_one("time")["datetime"] == "2027-02-10T09:00:00-05:00"
    add = next(a for a in details.select("a") if a.get_text(strip=True) == "Añadir a mi calendario")
    assert add["href"] == "ejemplo-taller-en-colegio.ics"
    assert (page_path.parent / add["href"]).exists()
    assert page.select_one("h1").find_next_sibling() is details  # right under the title


@pytest.mark.slow
def test_event_page_has_json_ld_and_open_graph(events_site: Path) -> None:
    page = soup(events_site / "en" / "eventos" / "dia-mundial-contra-la-trata.html")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Event" and data["name"] == "World Day against Trafficking in Persons"
    assert data["startDate"] == "2027-07-30"
    assert data["eventSchedule"]["repeatFrequency"] == "P1Y"
    assert data["url"] == f"{BASE}en/eventos/dia-mundial-contra-la-trata.html"
    og = {m["property"]: m["content"] for m in page.select('meta[property^="og:"]')}
    assert og["og:title"] == "World Day against Trafficking in Persons · Friday, July 30, 2027"
    assert "Friday, July 30, 2027" in og["og:description"]
    assert og["og:url"] == data["url"]


@pytest.mark.slow
def test_past_event_without_a_known_day_has_no_calendar_link(events_site: Path) -> None:
    for slug in ("estreno-lilya-4-ever", "proyecto-k-11-quito"):
        page = soup(events_site / "eventos" / f"{slug}.html")
        assert not page.select('.portal-event-details a[href$=".ics"]')
        assert page.select_one(".portal-event-details__past") is not None
        assert not (events_site / "eventos" / f"{slug}.ics").exists()
    assert "Fecha por confirmar" in soup(events_site / "eventos" / "estreno-lilya-4-ever.html").get_text()


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_language_calendar_parses_with_tzid_rrule_and_stable_uids(events_site: Path, locale: str) -> None:
    calendar = parse(localized(events_site, locale, "eventos/calendario.ics").read_bytes())
    events = {str(v["URL"]).rsplit("/", 1)[1]: v for v in calendar.walk("VEVENT")}
    prefix = "" if locale == LOCALES[0] else f"{locale}/"
    for name, vevent in events.items():
        assert str(vevent["URL"]) == f"{BASE}{prefix}eventos/{name}"
        assert str(vevent["UID"]) == event_uid(name.removesuffix(".html"))
        assert "DTSTAMP" in vevent
    for day in ("dia-mundial-contra-la-trata", "dia-contra-la-explotacion-sexual-y-la-trata",
                "dia-internacional-del-migrante"):
        vevent = events[f"{day}.html"]
        assert vevent["RRULE"]["FREQ"] == ["YEARLY"]
        assert vevent["DTSTART"].params["VALUE"] == "DATE"
    taller = events["ejemplo-taller-en-colegio.html"]
    assert taller["DTSTART"].params["TZID"] == ZONE
    assert taller.decoded("DTSTART").isoformat() == "2027-02-10T09:00:00-05:00"
    assert ZONE in [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert "proyecto-k-11-quito.html" not in events and "estreno-lilya-4-ever.html" not in events
    # One .ics per event, next to its page, with the same UID.
    single = parse(localized(events_site, locale, "eventos/ejemplo-taller-en-colegio.ics").read_bytes())
    assert str(single.walk("VEVENT")[0]["UID"]) == str(taller["UID"])


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_atom_feed_per_language_has_absolute_links_under_the_sub_path(events_site: Path, locale: str) -> None:
    root = ET.parse(localized(events_site, locale, "eventos/feed.xml")).getroot()
    assert root.tag == f"{ATOM}feed"
    prefix = "" if locale == LOCALES[0] else f"{locale}/"
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert f"{BASE}{prefix}eventos/feed.xml" in links
    assert all(href.startswith(f"{BASE}{prefix}eventos/") for href in links)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(spanish_events(with_examples=True))  # every event, examples included
    for item in entries:
        assert item.find(f"{ATOM}id").text.startswith("urn:uuid:")
        assert dt.datetime.fromisoformat(item.find(f"{ATOM}updated").text).tzinfo is not None


# --- The real site (session build): the filter in a browser ---------------------------------


@pytest.mark.browser
def test_filter_hides_events_of_other_provinces(phone: object, site_url: str) -> None:
    """Expectations from the real events' front matter: whatever the events are, choosing a
    province shows exactly its events, and the status counts them in the interface's words."""
    events = spanish_events(with_examples=False)
    in_province: dict[str, set[str]] = {}
    for meta in events.values():
        place = meta.get("place")
        if isinstance(place, dict) and place.get("province"):
            in_province.setdefault(slug(place["province"]), set()).add(meta["title"])
    of_type: dict[str, int] = {}
    for meta in events.values():
        of_type[meta["type"]] = of_type.get(meta["type"], 0) + 1
    assert in_province and of_type, "no event with a province or type to filter"
    phone.goto(f"{site_url}eventos/index.html")
    form = phone.locator("form[data-portal-events-filter]")
    assert form.is_visible()
    status = phone.locator("[data-portal-events-status]")
    for province, expected in in_province.items():
        phone.select_option("#portal-events-province", province)
        visible = phone.locator(".portal-event:visible .portal-event__title a").all_inner_texts()
        assert set(visible) == expected and len(visible) == len(expected), province
        key = "events_filter_one" if len(expected) == 1 else "events_filter_many"
        assert status.inner_text() == ui().text(key, "es").replace("[COUNT]", str(len(expected)))
    phone.select_option("#portal-events-province", "")
    kind, count = max(of_type.items(), key=lambda item: item[1])
    phone.select_option("#portal-events-type", kind)
    assert phone.locator(".portal-event:visible").count() == count
    # A year of past events stays visible only if it has an event of that type.
    _, past = expected_listing(events, today(ZONE, {}))
    type_of = {meta["title"]: meta["type"] for meta in events.values()}
    years = sum(1 for titles_of_year in past.values() if any(type_of[t] == kind for t in titles_of_year))
    assert phone.locator(".portal-events-year:visible").count() == years


def test_event_pages_of_the_real_site_link_their_calendar(site: Path) -> None:
    for locale in LOCALES:
        page = soup(localized(site, locale, "eventos/dia-mundial-contra-la-trata.html"))
        link = page.select_one('.portal-event-details a[href$=".ics"]')
        assert link is not None and (localized(site, locale, "eventos") / link["href"]).exists()
