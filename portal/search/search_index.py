"""The site's search index: what a page contributes, how words are folded, how the index is
split into small files. Not a hook (``site_search.py`` is); the browser half is
``overrides/assets/javascripts/search-engine.js``, which must fold and split words the same way.

Shape of one language's index (every file is a small script, so it loads from file:// too):

- ``d<n>_<b>.js``: block ``b`` of page ``n`` (``blocks_of``): its address, title, and some of
  its sections (heading, anchor, text; about ``BLOCK_CHARS`` characters, a long section cut
  into pieces) and, for a page in another language (a Spanish fallback), that language; for
  the result's link and excerpt. Only one block per result on screen is fetched, the one the
  query's words point to: a result costs about 0.4 KB compressed, not its whole page (up to
  5.7 KB; issue #20, ``make bench``).
- ``p<n>.js``: the address and title (and language, for a Spanish fallback) of pages
  ``titles[n]`` and on, ``[[url, title], [url, title, lang], ...]``, as many pages as fit in
  ``TITLE_BYTES``: what a result shows at once, while the reader is typing. Its excerpt
  block (``d…``) is fetched only once typing pauses, for the results then on screen
  (search-page.js): a query typed letter by letter changes its top five at each letter, and
  fetching every excerpt of every letter cost 46-49 KB for «persona puede pedir ayuda».
  ``p0.js`` is fetched with the first letter typed, beside that letter's parts, so that a
  typo's results (found one fetch later: its near words' parts) need no other.
- ``t<n>.js``: part ``n`` of the word list,
  ``{"word": [stem, page, weight, block, page, weight, block, ...]}``, each ``page`` stored as
  its difference from the previous one (``pages_of``); ``block`` is the page's excerpt block
  where the word counts most.
  A part holds the words whose key (the word, or as said: ``phonetic``) starts with ``keys[n]``
  (one letter, or more where one letter would make a part bigger than ``PART_BYTES``); a
  search fetches only the parts its words need. Weights are BM25 term weights (title and headings count more), times 10.
  ``stem`` is how many first letters of the word are its Snowball stem, for the languages
  that have a stemmer (``extra.search.stemmers``): "denuncia" and "denunciar" share
  "denunci", so a search for one finds the other. Without a stemmer it is the word's length.

Forgiving search (issue #20):

- ``phonetic()``: for the languages in ``extra.search.phonetic`` (Spanish, and Kichwa, whose
  pages gloss in Spanish), words are also compared as they sound in Ecuadorian Spanish:
  "serbidumbre" and "servidumbre", "ecsplotasion" and "explotación" have one key. Parts are
  split by the first letters of that key, so a word and the ways it is misspelt share a part.
- ``v<n>.js``: the indexed words whose key has ``n`` letters, most frequent first, without
  their pages; a word whose key is not itself is stored as ``[word, key]`` (the browser need
  not work the key out for thousands of words, at each typo). Fetched only when a word of the query matches nothing in its parts: a typo in
  its first letter ("rxplotacion") or a word to suggest ("¿Quiso decir …?").
- ``kichwa_stem()``: for Kichwa, the stem is the word without its case, number and focus
  endings (``data/kichwa-sufijos.yml``): "wawakunapak" and "wawata" share "wawa".

What is indexed is the article (``page.content``); headings' permalink signs, scripts and any
element marked ``data-search-ignore`` are left out.

Every file is ``portalSearch.<name>=<JSON>;`` with U+2028 and U+2029 escaped (issue #16).
All files of one build live in a folder named after their content's hash, so servers may let
browsers keep them for a year (``server_config.HASHED_FILE_REGEX``).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

Stemmer = Callable[[str], str]
KeyFunction = Callable[[str], str]

# Parts are split until they are under this size before compression (~4 KB over the network),
# unless one word alone is bigger. Smaller parts mean more requests for a long query and more
# files; bigger ones, more bytes for a short query.
PART_BYTES = 16_000
FIRST_KEY_LENGTH = 1
TITLE_WEIGHT = 5  # a word in the page title counts as five in the text
HEADING_WEIGHT = 2
BM25_K1 = 1.2
BM25_B = 0.75
STORE = "portalSearch"  # the browser object every index file adds itself to

_WORD = re.compile(r"[^\W_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACES = re.compile(r"\s+")
_BLOCK_TAGS = {"p", "li", "dt", "dd", "td", "th", "tr", "br", "div", "section", "figcaption",
               "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "details"}
_SKIPPED_TAGS = {"script", "style", "template"}
_SECTION_TAGS = {"h2", "h3"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def fold(text: str) -> str:
    """Lower case without accents: "Migración" -> "migracion" (JavaScript: fold())."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(_drop_mark, unicodedata.normalize("NFD", lowered))


def _drop_mark(match: re.Match[str]) -> str:
    # Only non-ASCII characters get here: most text is folded without a call per character.
    return "" if unicodedata.category(match.group())[0] == "M" else match.group()


# Spanish spelt as spoken (search-engine.js phonetic() does the same; tests/data/
# search-keys.json checks both give the same keys). One pass over the word, the first
# alternative that matches at each letter winning, then "y" as a vowel, then doubled letters.
# x -> ks: "explotación" is said "eksplotasion" in Ecuador, and readers who write it as heard
# write "ecs-" or "eks-" ("es-" stays apart: "esplotar" is one edit away, which the typo rule
# covers for words of five letters or more).
_SOUNDS = re.compile(r"ch|sh|gu(?=[ei])|qu|ll|g(?=[ei])|[hxqzvc]")
_SOUND_OF = {
    "ch": "ch", "sh": "sh",  # kept: their h is not the silent one
    "gu": "g",   # "guerra" keeps its hard g
    "qu": "k", "q": "k",  # "que" = "ke"
    "ll": "y",   # "llamar" = "yamar"
    "g": "j",    # before e, i: "gente" = "jente"
    "h": "",     # silent h: "ay" = "hay"
    "x": "ks",   # "explotacion" = "ecsplotacion" = "eksplotasion"
    "z": "s", "v": "b",
}
_Y_VOWEL = re.compile(r"y(?![aeiou])")  # "ley" = "lei", "muy" = "mui"
_DOUBLED = re.compile(r"(.)\1+")  # "perro" = "pero", "acceso" = "akseso"


def _sound(match: re.Match[str]) -> str:
    letters = match.group()
    if letters == "c":  # "acción" = "aksion", "casa" = "kasa"
        return "s" if match.string[match.end():match.end() + 1] in ("e", "i") else "k"
    return _SOUND_OF[letters]


def phonetic(word: str) -> str:
    """The key of a folded word as it is said (JavaScript: phonetic())."""
    return _DOUBLED.sub(r"\1", _Y_VOWEL.sub("i", _SOUNDS.sub(_sound, word)))


def words(text: str) -> list[str]:
    """The folded words of a text: runs of letters and digits (JavaScript: words())."""
    return _WORD.findall(fold(text))


# A text as stored: a string, or when parts of it are marked in another language (Kichwa pages
# gloss in Spanish), a list of runs, each a string or [lang, string]. The browser puts those
# runs in <span lang> (WCAG 3.1.2) in result titles and excerpts.
Text = str | list[str | list[str]]


def plain(text: Text) -> str:
    return text if isinstance(text, str) else "".join(r if isinstance(r, str) else r[1] for r in text)


@dataclass
class Section:
    heading: Text
    anchor: str
    text: Text


@dataclass
class Document:
    url: str  # relative to the language's root, as the search page is
    title: Text
    sections: list[Section] = field(default_factory=list)
    lang: str = ""  # the page's language when it is not the index's (a Spanish fallback)


Runs = list[tuple[str | None, str]]


class _Article(HTMLParser):
    """Splits a page's article HTML into sections at each <h2>/<h3> that has an id, keeping
    which runs of text are marked in another language (``lang``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = []
        self.anchor = ""
        self.runs: Runs = []
        self.heading: Runs | None = None
        self.title_runs: Runs = []
        self.skipping: list[str] = []  # stack of open tags whose text is left out
        self.open: list[tuple[str, str | None]] = []  # open elements and their lang attribute

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag in _SKIPPED_TAGS or "headerlink" in classes or "data-search-ignore" in values:
            if tag not in _VOID:
                self.skipping.append(tag)
            return
        if tag in _SECTION_TAGS and values.get("id"):
            self._close_section()
            self.anchor = values["id"] or ""
            self.heading = []
        elif tag == "h1":
            self.heading = []  # the page title is indexed from page.title, not repeated
        if tag in _BLOCK_TAGS:
            self._add(" ")
        if tag not in _VOID:
            self.open.append((tag, values.get("lang")))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping.pop()
            return
        if any(open_tag == tag for open_tag, _ in self.open):
            while self.open and self.open.pop()[0] != tag:
                pass
        if tag in _SECTION_TAGS and self.heading is not None:
            self.title_runs, self.heading = self.heading, None
        elif tag == "h1" and self.heading is not None:
            self.heading = None
        if tag in _BLOCK_TAGS:
            self._add(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._add(data)

    def _add(self, text: str) -> None:
        lang = next((lang for _, lang in reversed(self.open) if lang), None)
        (self.heading if self.heading is not None else self.runs).append((lang, text))

    def _close_section(self) -> None:
        heading, text = runs_to_text(self.title_runs), runs_to_text(self.runs)
        if plain(heading) or plain(text):
            self.sections.append(Section(heading, self.anchor, text))
        self.runs, self.title_runs = [], []

    def result(self) -> list[Section]:
        self._close_section()
        return self.sections


def runs_to_text(runs: Runs) -> Text:
    """Runs of (lang, text) as stored: white space squashed, neighbours in one language joined."""
    merged: list[list[Any]] = []  # [lang or None, text]
    for lang, piece in runs:
        piece = _SPACES.sub(" ", piece)
        if piece.startswith(" ") and (not merged or merged[-1][1].endswith(" ")):
            piece = piece[1:]
        if not piece:
            continue
        if merged and merged[-1][0] == lang:
            merged[-1][1] += piece
        else:
            merged.append([lang, piece])
    while merged and not merged[-1][1].rstrip():
        merged.pop()
    if merged:
        merged[-1][1] = merged[-1][1].rstrip()
    if all(lang is None for lang, _ in merged):
        return "".join(piece for _, piece in merged)
    return [piece if lang is None else [lang, piece] for lang, piece in merged]


def document(url: str, title_html: str, article_html: str, lang: str = "") -> Document:
    """One page, from its title (HTML, so that glosses keep their lang) and article."""
    article = _Article()
    article.feed(article_html)
    article.close()
    heading = _Article()
    heading.feed(title_html)
    heading.close()
    return Document(url, runs_to_text(heading.runs), article.result(), lang)


@dataclass
class Index:
    files: dict[str, str]  # file name -> contents
    keys: list[str]  # keys[n] is the first letters of every word's key in t<n>.js
    documents: int
    version: str
    lengths: list[int] = field(default_factory=list)  # v<n>.js exists for each n
    titles: list[int] = field(default_factory=list)  # p<n>.js has the pages from titles[n] on


def build(documents: list[Document], stem: Stemmer | None = None, key: KeyFunction | None = None) -> Index:
    """The index files; ``key`` is how words are compared (``phonetic``), if not as written."""
    key_of = key or _same
    postings = _weights(documents)
    for term, entry in postings.items():
        entry.insert(0, stem_length(term, stem))
    keys_of_terms = {term: key_of(term) for term in postings}
    groups = _split(postings, keys_of_terms)
    keys = sorted(groups)
    files: dict[str, str] = {}
    for number, part_key in enumerate(keys):
        part = {term: postings[term] for term in sorted(groups[part_key])}
        files[f"t{number}.js"] = _script(f"t{number}", part)
    vocabulary = _vocabulary(postings, keys_of_terms)
    for length, terms in vocabulary.items():
        stored = [term if keys_of_terms[term] == term else [term, keys_of_terms[term]] for term in terms]
        files[f"v{length}.js"] = _script(f"v{length}", stored)
    titles = title_files(documents)
    for number, (_, records) in enumerate(titles):
        files[f"p{number}.js"] = _script(f"p{number}", records)
    for number, doc in enumerate(documents):
        for block_number, block in enumerate(blocks_of(doc)):
            record: dict[str, Any] = {"u": doc.url, "t": doc.title, "s": [[s.heading, s.anchor, s.text] for s in block]}
            if doc.lang:
                record["l"] = doc.lang
            name = block_name(number, block_number)
            files[f"{name}.js"] = _script(name, record)
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode())
    return Index(files, keys, len(documents), digest.hexdigest()[:10], sorted(vocabulary),
                 [first for first, _ in titles])


# A title file of ~3,000 characters is ~0.9 KB over the network (headers included): 40-60
# pages. Smaller, and the five results of a query spread over more files; bigger, and each
# costs more.
TITLE_BYTES = 3_000


def title_files(documents: list[Document]) -> list[tuple[int, list[list[Any]]]]:
    """The pages' [url, title(, lang)] in files of about TITLE_BYTES, as (first page, records)."""
    files: list[tuple[int, list[list[Any]]]] = []
    size = TITLE_BYTES
    for number, doc in enumerate(documents):
        record: list[Any] = [doc.url, doc.title] + ([doc.lang] if doc.lang else [])
        length = len(json.dumps(record, ensure_ascii=False, separators=(",", ":"))) + 1
        if size + length > TITLE_BYTES:
            files.append((number, []))
            size = 0
        files[-1][1].append(record)
        size += length
    return files


def _same(word: str) -> str:
    return word


# Words whose key is shorter are left out of v<n>.js: a typo is looked for only in words of
# five letters or more, and a suggestion ("¿Quiso decir …?") in words of three or more, one edit
# away at most (search-engine.js, maxEdits and suggestEdits).
VOCABULARY_MIN_LENGTH = 2
_DIGIT = re.compile(r"\d")


def _vocabulary(postings: dict[str, list[int]], keys: dict[str, str]) -> dict[int, list[str]]:
    """The words, by the length of their key, those on most pages first (a suggestion prefers
    them); numbers are left out (a phone number is typed exactly or not at all)."""
    by_length: dict[int, list[str]] = defaultdict(list)
    for term in postings:
        if len(keys[term]) >= VOCABULARY_MIN_LENGTH and not _DIGIT.search(term):
            by_length[len(keys[term])].append(term)
    return {length: sorted(terms, key=lambda t: (-(len(postings[t]) - 1), t))
            for length, terms in sorted(by_length.items())}


def stem_length(term: str, stem: Stemmer | None) -> int:
    """Length of the word's stem when the stem is the start of the word, else the word's."""
    if stem is None:
        return len(term)
    root = stem(term)
    return len(root) if root and term.startswith(root) else len(term)


def _weights(documents: list[Document]) -> dict[str, list[int]]:
    """{word: [gap, weight, block, gap, weight, block, ...]} (``pages_of``): ``block`` is the excerpt file
    of that page (``blocks_of``) where the word counts most, the first on a tie (0 when the
    word is only in the title)."""
    counts: list[Counter[str]] = []
    best_blocks: list[dict[str, int]] = []
    for doc in documents:
        count: Counter[str] = Counter()
        for word in words(plain(doc.title)):
            count[word] += TITLE_WEIGHT
        for section in doc.sections:
            for word in words(plain(section.heading)):
                count[word] += HEADING_WEIGHT
            count.update(words(plain(section.text)))
        counts.append(count)
        best_blocks.append(_best_blocks(blocks_of(doc)))
    lengths = [sum(c.values()) for c in counts]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    postings: dict[str, list[int]] = defaultdict(list)
    previous: dict[str, int] = {}
    for number, count in enumerate(counts):
        norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths[number] / average)
        for term, frequency in count.items():
            weight = frequency * (BM25_K1 + 1) / (frequency + norm)
            gap = number - previous.get(term, 0)
            previous[term] = number
            postings[term] += [gap, max(1, math.floor(weight * 10 + 0.5)), best_blocks[number].get(term, 0)]
    return dict(postings)


def pages_of(entry: list[int]) -> list[int]:
    """The page numbers of an entry, whose pages are stored as gaps: [stem, gap, weight,
    block, ...] (a word on pages 40, 41 and 42 is stored 40, 1, 1: shorter, and alike
    across words, so it compresses better; search-engine.js adds them up)."""
    pages, page = [], 0
    for gap in entry[1::3]:
        page += gap
        pages.append(page)
    return pages


def _best_blocks(blocks: list[list[Section]]) -> dict[str, int]:
    """{word: the block where it counts most (headings as in _weights), the first on a tie}."""
    best: dict[str, tuple[int, int]] = {}  # word -> (count, block)
    for number, block in enumerate(blocks):
        count: Counter[str] = Counter()
        for section in block:
            for word in words(plain(section.heading)):
                count[word] += HEADING_WEIGHT
            count.update(words(plain(section.text)))
        for word, frequency in count.items():
            if word not in best or frequency > best[word][0]:
                best[word] = (frequency, number)
    return {word: block for word, (_, block) in best.items()}


# --- excerpt files: a page's sections in blocks of about BLOCK_CHARS ------------------------
#
# A result shows one excerpt: the browser fetches only the block that has it, not the whole
# page (a long page is 5.7 KB compressed; a block, about 0.4 KB). Consecutive sections share a
# block up to BLOCK_CHARS characters; a longer section is cut, at a sentence's end if there is
# one, into pieces that keep its heading and anchor.

# 600 rather than 1,200: measured on this site, a first search pasted costs 0.3-0.8 KB less
# and typed letter by letter about the same or less (more, smaller blocks; an excerpt is
# 200 characters). A block's body is then ~0.4 KB compressed: the rest of its ~1.3 KB is
# the server's response headers.
BLOCK_CHARS = 600
_SENTENCE_END = re.compile(r"[.!?:;»)] ")


def block_name(page: int, block: int) -> str:
    """The file (and browser value) name of a page's excerpt block: "d3_0" (search-engine.js)."""
    return f"d{page}_{block}"


def blocks_of(doc: Document) -> list[list[Section]]:
    """The page's sections in blocks (one block, maybe empty, at least)."""
    result: list[list[Section]] = [[]]
    size = 0
    for section in doc.sections:
        for piece in _pieces(section):
            length = len(plain(piece.heading)) + len(plain(piece.text))
            if result[-1] and size + length > BLOCK_CHARS:
                result.append([])
                size = 0
            result[-1].append(piece)
            size += length
    return result


def _pieces(section: Section) -> list[Section]:
    whole = plain(section.text)
    room = max(200, BLOCK_CHARS - len(plain(section.heading)))
    if len(whole) <= room:
        return [section]
    pieces = []
    start = 0
    while len(whole) - start > room:
        window = whole[start:start + room]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = start + (ends[-1] if ends and ends[-1] > room // 2 else (window.rfind(" ") + 1 or room))
        pieces.append(Section(section.heading, section.anchor, slice_text(section.text, start, cut)))
        start = cut
    pieces.append(Section(section.heading, section.anchor, slice_text(section.text, start, len(whole))))
    return pieces


def slice_text(text: Text, start: int, end: int) -> Text:
    """The stored text between two positions of its plain text, runs' languages kept; white
    space at the cut ends is trimmed."""
    if isinstance(text, str):
        return text[start:end].strip()
    runs: list[list[Any]] = []
    at = 0
    for run in text:
        lang, piece = (None, run) if isinstance(run, str) else (run[0], run[1])
        low, high = max(start, at), min(end, at + len(piece))
        if low < high:
            runs.append([lang, piece[low - at:high - at]])
        at += len(piece)
    if runs:
        runs[0][1] = runs[0][1].lstrip()
        runs[-1][1] = runs[-1][1].rstrip()
    runs = [run for run in runs if run[1]]
    if all(lang is None for lang, _ in runs):
        return "".join(piece for _, piece in runs)
    return [piece if lang is None else [lang, piece] for lang, piece in runs]


def _split(postings: dict[str, list[int]], keys: dict[str, str]) -> dict[str, list[str]]:
    """Group words by the first letters of their key; a group too big is split by one more letter."""
    sizes: dict[str, int] = defaultdict(int)
    members_of: dict[str, list[str]] = defaultdict(list)
    for term, entry in postings.items():
        sizes[keys[term]] += len(term) + len(json.dumps(entry, separators=(",", ":"))) + 4
        members_of[keys[term]].append(term)
    groups: dict[str, list[str]] = {}

    def place(word_keys: list[str], length: int) -> None:
        buckets: dict[str, list[str]] = defaultdict(list)
        for word_key in word_keys:
            buckets[word_key[:length]].append(word_key)
        for prefix, members in buckets.items():
            longer = [k for k in members if len(k) > length]
            if sum(sizes[k] for k in members) > PART_BYTES and longer:
                # The key that is exactly the prefix stays; the rest go one letter deeper.
                exact = [k for k in members if len(k) <= length]
                if exact:
                    groups[prefix] = [t for k in exact for t in members_of[k]]
                place(longer, length + 1)
            else:
                groups[prefix] = [t for k in members for t in members_of[k]]

    place(list(members_of), FIRST_KEY_LENGTH)
    return groups


def _script(name: str, value: object) -> str:
    # U+2028 and U+2029 are valid in JSON but end a line in older JavaScript engines (before
    # ES2019: Android 9's WebView, iOS 11): escaped, the file parses everywhere.
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"{STORE}.{name}={payload};\n"


# --- Kichwa endings (data/kichwa-sufijos.yml) ----------------------------------------------

MIN_KICHWA_ROOT = 4  # an ending is not taken off when fewer letters would be left ("warmi" stays)


def kichwa_stemmer(endings: list[str]) -> Stemmer:
    """A stemmer that takes the listed endings off a folded word, the longest first, again
    and again while a root of four letters or more is left: "wawakunapak" -> "wawakuna" ->
    "wawa". Endings stack in Kichwa (root, plural, case, focus), and a root that happens to
    end like an ending loses it in every form ("mamallakta" -> "mamallak"), so every form
    still finds the others (JavaScript: kichwaStem())."""
    ordered = sorted({fold(e) for e in endings}, key=lambda e: (-len(e), e))

    def stem(word: str) -> str:
        changed = True
        while changed:
            changed = False
            for ending in ordered:
                if word.endswith(ending) and len(word) - len(ending) >= MIN_KICHWA_ROOT:
                    word = word[: -len(ending)]
                    changed = True
                    break
        return word

    return stem
