"""Which Kichwa words on the built site are justified, and which are not (issue 14, item 4).

Every Kichwa word must come from the glossary (data/glosario-kichwa.yml, attested sources) or
from the list of words a native speaker must review (data/kichwa-revision.yml, which
KICHWA-REVISION.md explains). Kichwa builds words from a root and endings (wasi-kuna-pi, "en
las casas"), so both files list roots and the revision list also lists the endings. A word is
justified when it is:

1. a root (or a Spanish loan, ``loans``) followed by zero or more listed endings;
2. part of a Spanish expression kept as it is (``spanish_terms``: "trata de personas"),
   possibly with Kichwa endings on its last word ("trata de personasman");
3. a proper name or an acronym: a stem with a capital letter (OIM, Ecuador, Cancillería,
   iPhone) with listed endings, when the Spanish pages of the site write the same word with a
   capital letter, where it can be read and checked; and the small Spanish words inside such
   a name (Ministerio de la Mujer y Derechos Humanos). A Spanish sentence left unmarked
   still fails: its first word may pass as capitalised, the following ones do not;
4. a number, a URL, an e-mail address.

What counts as Kichwa text: text whose nearest ``lang`` is ``qu`` or ``qu-EC``. Text inside an
element marked with another language (``lang="es"``) is left out. Attributes (aria-label,
title, alt, placeholder) and ``<title>`` cannot carry markup, so there the convention of the
interface strings applies (portal/pages/ui_context.py): the Spanish gloss goes in parentheses, and
parentheses are left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, ProcessingInstruction

REPO = Path(__file__).resolve().parents[2]
GLOSSARY = REPO / "data" / "glosario-kichwa.yml"
REVISION = REPO / "data" / "kichwa-revision.yml"

SKIPPED_ELEMENTS = {"script", "style", "template", "code", "pre", "svg", "math"}
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_URLISH = re.compile(r"\S+@\S+\.\w+|https?://\S+|www\.\S+|\b[\w.-]+\.(?:gob\.ec|org|com|int|ec)\b\S*")
_PARENTHESES = re.compile(r"\([^()]*\)")
SPANISH_TERM = "Xspanishtermx"  # stands for a kept Spanish expression (capitalised: may end a name)


def fold(text: str) -> str:
    """Lower case, accents kept (Spanish loans keep their tildes: cédula)."""
    return unicodedata.normalize("NFC", text).lower()


def is_kichwa(lang: str | None) -> bool:
    return lang is not None and (lang.lower() == "qu" or lang.lower().startswith("qu-"))


# --- The word lists ------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    roots: frozenset[str]
    suffixes: tuple[str, ...]  # longest first
    loans: frozenset[str]
    spanish_terms: tuple[str, ...]

    @classmethod
    def load(cls, glossary: Path = GLOSSARY, revision: Path = REVISION) -> Lexicon:
        attested = yaml.safe_load(glossary.read_text(encoding="utf-8"))
        review = yaml.safe_load(revision.read_text(encoding="utf-8"))
        roots = {fold(s) for term in attested["terms"] for s in term["roots"]}
        roots |= {fold(r["root"]) for group in review["roots"].values() for r in group}
        return cls(
            roots=frozenset(r.rstrip("-") for r in roots),
            suffixes=_longest_first(fold(s["suffix"]).lstrip("-") for s in review["suffixes"]),
            loans=frozenset(fold(w["word"]).rstrip("-") for w in review["loans"]),
            spanish_terms=_longest_first(fold(t["term"]) for t in review["spanish_terms"]),
        )

    def endings_only(self, text: str) -> bool:
        """True when ``text`` is a chain of listed endings (or empty)."""
        return self._chain(text, 0)

    def _chain(self, text: str, start: int) -> bool:
        if start == len(text):
            return True
        return any(text.startswith(s, start) and self._chain(text, start + len(s)) for s in self.suffixes)

    def stems(self, word: str) -> Iterator[str]:
        """Every prefix of ``word`` after which only listed endings follow (longest first)."""
        for end in range(len(word), 0, -1):
            if self.endings_only(word[end:]):
                yield word[:end]

    def justified(self, word: str, proper_names: frozenset[str] = frozenset()) -> bool:
        folded = fold(word)
        # Endings alone follow a number, a quote or a link: «coyote»kunawan, 911man.
        if word == SPANISH_TERM or self.endings_only(folded):
            return True
        for stem in self.stems(folded):
            if stem in self.roots or stem in self.loans:
                return True
            if not word.islower() and stem in proper_names:
                return True
        return False

    @cached_property
    def _terms_pattern(self) -> re.Pattern[str] | None:
        if not self.spanish_terms:
            return None
        endings = "|".join(re.escape(s) for s in self.suffixes)
        terms = "|".join(re.escape(t) for t in self.spanish_terms)
        return re.compile(rf"(?<!\w)(?:{terms})(?:{endings})*(?!\w)", re.IGNORECASE)

    def without_spanish_terms(self, text: str) -> str:
        """The text with each kept Spanish expression replaced by a placeholder word."""
        pattern = self._terms_pattern
        return pattern.sub(f" {SPANISH_TERM} ", text) if pattern else text


def _longest_first(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(items), key=len, reverse=True))


# --- Kichwa text of a page -----------------------------------------------------------------


def _own_lang(node: Tag) -> str | None:
    for element in [node, *node.parents]:
        if isinstance(element, Tag) and element.get("lang"):
            return str(element["lang"])
    return None


def kichwa_texts(html: str) -> list[str]:
    """The Kichwa text of a page: text nodes and attributes whose language is Kichwa."""
    page = BeautifulSoup(html, "html.parser")
    texts: list[str] = []
    for node in page.find_all(string=True):
        if isinstance(node, (Comment, Doctype, ProcessingInstruction)) or not isinstance(node, NavigableString):
            continue
        parent = node.parent
        if parent is None or any(isinstance(p, Tag) and p.name in SKIPPED_ELEMENTS for p in [parent, *parent.parents]):
            continue
        if not is_kichwa(_own_lang(parent)):
            continue
        text = str(node)
        texts.append(_PARENTHESES.sub(" ", text) if parent.name == "title" else text)
    for element in page.find_all(True):
        if element.name in SKIPPED_ELEMENTS or not is_kichwa(_own_lang(element)):
            continue
        values = [str(element[a]) for a in ATTRIBUTES if element.get(a)]
        if element.name == "meta" and element.get("name") == "description" and element.get("content"):
            values.append(str(element["content"]))
        texts.extend(_PARENTHESES.sub(" ", v) for v in values)
    return texts


def words(text: str, lexicon: Lexicon) -> list[str]:
    text = _URLISH.sub(" ", text)
    text = lexicon.without_spanish_terms(text)
    return _WORD.findall(text)


def capitalised_words(html: str) -> frozenset[str]:
    """The words of a page written with a capital letter, folded (proper names, acronyms)."""
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    return frozenset(fold(w) for w in _WORD.findall(_URLISH.sub(" ", text)) if not w.islower())


# Small words inside a proper name: Ministerio de la Mujer y Derechos Humanos, Coalition
# Against Trafficking in Women.
NAME_CONNECTORS = frozenset({"de", "del", "la", "las", "los", "el", "y", "e", "contra", "para", "en", "a",
                             "sobre", "in", "of", "and", "the"})


def _joins_a_name(found: list[str], i: int, lexicon: Lexicon, names: frozenset[str]) -> bool:
    """A connector between two capitalised words of a name that the Spanish page also has."""
    if fold(found[i]) not in NAME_CONNECTORS:
        return False
    before = next((w for w in reversed(found[:i]) if fold(w) not in NAME_CONNECTORS), "")
    after = next((w for w in found[i + 1:] if fold(w) not in NAME_CONNECTORS), "")
    return all(w and not w.islower() and lexicon.justified(w, names) for w in (before, after))


# --- The whole site ------------------------------------------------------------------------


@dataclass
class Report:
    unknown: dict[str, set[str]] = field(default_factory=dict)  # word -> pages
    words_checked: int = 0
    pages_checked: int = 0

    def lines(self) -> list[str]:
        return [f"{word}: {', '.join(sorted(pages))}" for word, pages in sorted(self.unknown.items())]


def spanish_names(site: Path, locales: Iterable[str]) -> frozenset[str]:
    """Words written with a capital letter on the Spanish pages (site root, not qu/ or en/)."""
    others = set(locales)
    names: set[str] = set()
    for page in site.rglob("*.html"):
        if page.relative_to(site).parts[0] not in others:
            names |= capitalised_words(page.read_text(encoding="utf-8"))
    return frozenset(names)


def check_site(site: Path, lexicon: Lexicon, locales: Iterable[str]) -> Report:
    """``locales``: the language folders of the site other than Spanish (qu, en)."""
    report = Report()
    names = spanish_names(site, locales)
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if not re.search(r"lang=\"?qu", html):
            continue
        texts = kichwa_texts(html)
        if not texts:
            continue
        report.pages_checked += 1
        shown = page.relative_to(site).as_posix()
        for text in texts:
            found = words(text, lexicon)
            for i, word in enumerate(found):
                report.words_checked += 1
                if lexicon.justified(word, names) or _joins_a_name(found, i, lexicon, names):
                    continue
                report.unknown.setdefault(fold(word), set()).add(shown)
    return report
