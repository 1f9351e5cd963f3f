"""Site search: a small index per language, downloaded in parts, and only when the reader searches.

Events:
- ``on_env`` (default priority): by now every page of the language being built has its HTML
  (``page.content``, the article only: no header, notices or sources) and none has been
  written. mkdocs-static-i18n replays this event once per language (ARCHITECTURE.md, "How
  mkdocs-static-i18n builds"), with that language's pages and its Spanish fallbacks, so each
  language gets its own index. Pages keep the language they are written in: a Spanish
  fallback is marked as Spanish, and Kichwa's Spanish glosses keep their ``lang``. How words
  are compared comes from ``extra.search`` (typed in ``portal.settings.SearchSettings``):
  Snowball ``stemmers``, Kichwa ``endings`` (``data/kichwa-sufijos.yml``), the languages
  compared as said (``phonetic``) and ``plural_suffixes`` (issue #20). Writes it
  (``search_index.py``) to ``<language folder>/search-index/<hash>/`` and gives the search
  page, ``overrides/buscar.html``, its address and parts as the Jinja global ``search_index``.
  Pages with ``search_exclude: true`` (the search page, 404) are left out.

Why our own index (issue #2, measured with ``make bench``): Material's search puts every
language in one index that every page loads, and does not fold accents. Pagefind 1.5 does all
that is asked except the size: its runtime (pagefind.js, 12 KB, and a WebAssembly module,
62-72 KB, fetched on the first search) plus its index part (25-44 KB a language for 17 pages)
made a reader's first search cost 111-129 KB against a target of 100 KB. This index is plain
data and the engine (``search-engine.js`` + ``search-page.js``) is 5-9 KB compressed: a first
search, search page included, costs 14-28 KB pasted or typed (``make bench``; each result
fetches one excerpt block of its page, not the page: ``search_index.blocks_of``). The same
files work in the offline copy (file://), where Pagefind could not fetch its index, and the CSP needs no 'wasm-unsafe-eval'.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import jinja2
import snowballstemmer
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from portal.content.schema import SearchEndings
from portal.content.site_data import load_data_file
from portal.i18n_state import current_language, settings
from portal.pages.ui_context import portal_ui
from portal.search import search_index

FOLDER = "search-index"


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    language = current_language(config)
    ui = portal_ui(config, language)
    prefix = ui.prefix  # the language's folder: "" or "en/"
    documents = []
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.content is None or page.meta.get("search_exclude"):
            continue
        written_in = getattr(file, "locale", None) or language  # i18n: a fallback's is "es"
        documents.append(search_index.document(
            page.url.removeprefix(prefix),
            ui.title_of(page, page.title or ""),  # HTML: Kichwa titles' Spanish glosses keep lang
            page.content,
            lang=ui.tag(written_in) if written_in != language else "",
        ))
    endings = word_endings(config, language)
    stem = search_index.kichwa_stemmer(endings) if endings else stemmer(config, language)
    key = search_index.phonetic if language in settings(config).extra.search.phonetic else None
    index = search_index.build(documents, stem, key)
    folder = Path(config.site_dir) / prefix / FOLDER
    shutil.rmtree(folder, ignore_errors=True)  # an earlier build's version (mkdocs serve)
    write(index, folder / index.version)
    env.globals["search_index"] = page_settings(index, config, language)
    return env


def stemmer(config: MkDocsConfig, language: str) -> search_index.Stemmer | None:
    """The Snowball stemmer named for this language in ``extra.search.stemmers``, if any."""
    name = settings(config).stemmer_name(language)
    return snowballstemmer.stemmer(name).stemWord if name else None


def word_endings(config: MkDocsConfig, language: str) -> list[str]:
    """The endings taken off words in this language (``extra.search.endings``: a data file)."""
    own = settings(config)
    relative = own.extra.search.endings.get(language)
    if not relative:
        return []
    data = load_data_file(own.root / relative, SearchEndings, relative)
    assert isinstance(data, SearchEndings)
    return [entry.ending for entry in data.endings]


def write(index: search_index.Index, folder: Path) -> None:
    folder.mkdir(parents=True)
    for name, text in index.files.items():
        (folder / name).write_text(text, encoding="utf-8")


def page_settings(index: search_index.Index, config: MkDocsConfig, language: str) -> dict[str, Any]:
    """What buscar.html passes to search-engine.js (data-* attributes: no inline script)."""
    suffixes = settings(config).plural_suffixes(language)
    return {
        "folder": f"{FOLDER}/{index.version}/",  # relative to the language's root, like buscar.html
        "parts": " ".join(index.keys),
        "documents": index.documents,
        "suffixes": " ".join(suffixes),
        "vocabulary": " ".join(str(n) for n in index.lengths),
        "titles": " ".join(str(n) for n in index.titles),
        "phonetic": "1" if language in settings(config).extra.search.phonetic else "",
        "endings": " ".join(search_index.fold(e) for e in word_endings(config, language)),
    }
