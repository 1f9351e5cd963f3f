"""Relevance set of the site's search (issue #20), in Chromium against the built site: each
query, as readers write it (spelt as spoken, with a typo, Kichwa forms, mixed languages),
must have its page among the first three results. A query that fails here is a regression in
search-engine.js or search_index.py, or a page that changed: check which before editing."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support.search import search
from tests.support.site import locales

pytestmark = pytest.mark.browser
LOCALES = locales()
SOURCE = LOCALES[0]

# (query, page expected in the first three results, what the query tests)
RELEVANCE: dict[str, list[tuple[str, str, str]]] = {
    "es": [
        ("explotación", "que-es-la-trata.html", "spelt right"),
        ("explotacion", "que-es-la-trata.html", "no accent"),
        ("ecsplotasion", "que-es-la-trata.html", "x as cs, c as s"),
        ("esplotasion", "que-es-la-trata.html", "x as s: one edit"),
        ("rxplotacion", "que-es-la-trata.html", "typo in the first letter"),
        ("denunsia", "pide-ayuda.html", "c as s"),
        ("fiskalia", "pide-ayuda.html", "c as k"),
        ("biktima", "que-es-la-trata.html", "v as b, c as k"),
        ("vicitma", "que-es-la-trata.html", "two letters swapped"),
        ("pasaprote", "cartilla-migracion.html", "two letters swapped"),
        ("migrasion", "cartilla-migracion.html", "c as s"),
        ("emerjensia", "tarjeta-de-ayuda.html", "g as j, c as s"),
        ("explotasion laboral", "que-es-la-trata.html", "two words"),
    ],
    "en": [
        ("exploitation", "que-es-la-trata.html", "spelt right"),
        ("exploitaton", "que-es-la-trata.html", "a letter left out"),
        ("xploitation", "que-es-la-trata.html", "first letter left out"),
        ("smugling", "que-es-la-trata.html", "a doubled letter single"),
        ("victm", "pide-ayuda.html", "a letter left out"),
        ("pasport", "cartilla-migracion.html", "a doubled letter single"),
        ("reprot", "pide-ayuda.html", "two letters swapped"),
        ("halp childrn", "migra-seguro.html", "two words, one with a typo"),
    ],
    "qu": [
        ("wawakuna", "pide-ayuda.html", "as written"),
        ("wawakunapak", "pide-ayuda.html", "-pak"),
        ("wawata", "pide-ayuda.html", "-ta, without -kuna"),
        ("maltakunapak", "pide-ayuda.html", "-kuna-pak"),
        ("hayñikunamanta", "capacitacion.html", "-kuna-manta"),
        ("mamallaktapak", "que-es-la-trata.html", "-pak"),
        ("kamachiykunapi", "que-es-la-trata.html", "-kuna-pi"),
        ("yanapakkunaman", "sensibilizacion.html", "-kuna-man"),
        ("wawakunata denunsia", "pide-ayuda.html", "Kichwa and Spanish spelt as spoken"),
        ("trata wawakuna", "pide-ayuda.html", "Spanish and Kichwa"),
        ("ecsplotasion", "que-es-la-trata.html", "Spanish spelt as spoken on a Kichwa page"),
        ("lilya", "eventos/estreno-lilya-4-ever.html", "a Spanish fallback page"),
    ],
}


def root(site_url: str, locale: str) -> str:
    return site_url if locale == SOURCE else f"{site_url}{locale}/"


def first_three(page: object) -> list[str]:
    links = page.query_selector_all("#portal-search-results > li > a")[:3]
    return [urlsplit(a.evaluate("a => a.href")).path for a in links]


@pytest.mark.parametrize("locale", sorted(RELEVANCE))
def test_each_query_has_its_page_in_the_first_three(phone: object, site_url: str, locale: str) -> None:
    failed = []
    for query, expected, what in RELEVANCE[locale]:
        search(phone, root(site_url, locale), query)
        found = first_three(phone)
        wanted = urlsplit(root(site_url, locale) + expected).path
        if wanted not in found:
            failed.append(f"«{query}» ({what}): {expected} not in {found}")
    assert not failed, "\n".join(failed)


def test_a_word_spelt_right_ranks_its_page_first(phone: object, site_url: str) -> None:
    search(phone, site_url, "explotación")
    assert first_three(phone)[0].endswith("/que-es-la-trata.html")
