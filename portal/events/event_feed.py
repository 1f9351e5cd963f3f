"""Atom feed (RFC 4287) of the awareness events, one per language, with the standard library.

Not a hook (mkdocs.yml does not list it): ``portal/events/events.py`` calls it after each language
build. Feed readers and messaging bots need absolute links, so every link is made from
``site_url`` (keeping its sub-path, e.g. ``https://example.gob.ec/trata/``).

Entry ids are ``urn:uuid:`` values derived from the page's file name (the same as the
calendar UID): they survive a change of site address. An entry's ``updated`` is the event's
``last_verified`` day, so a corrected event shows again in readers and two builds of the same
content write the same file. A news section can add its entries to the same feed later.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    url: str  # absolute
    updated: dt.datetime  # aware
    summary: str
    language_tag: str
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedInfo:
    id: str
    title: str
    subtitle: str
    self_url: str  # absolute URL of the feed file itself
    page_url: str  # absolute URL of the events page
    author: str
    language_tag: str


def atom_feed(info: FeedInfo, entries: Sequence[FeedEntry]) -> bytes:
    """The feed as UTF-8 XML, newest first."""
    ET.register_namespace("", ATOM)
    ordered = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: info.language_tag})
    _text(feed, "id", info.id)
    _text(feed, "title", info.title)
    _text(feed, "subtitle", info.subtitle)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=info.self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=info.page_url)
    # RFC 4287 §4.2.15: the latest change to any entry (fixed when there are none yet).
    newest = ordered[0].updated if ordered else dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    _text(feed, "updated", _rfc3339(newest))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", info.author)
    _text(feed, "generator", "Portal contra la Trata de Personas (portal/events/events.py)")
    for item in ordered:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        if item.language_tag != info.language_tag:
            entry.set(XML_LANG, item.language_tag)
        _text(entry, "id", item.id)
        _text(entry, "title", item.title)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=item.url)
        _text(entry, "updated", _rfc3339(item.updated))
        for category in item.categories:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=category)
        _text(entry, "summary", item.summary)
    ET.indent(feed)
    xml: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


def _text(parent: ET.Element, name: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = value
    return element


def _rfc3339(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")
