"""Search that forgives (issue #20): Spanish spelt as spoken, typos, Kichwa endings and the
suggestion when nothing matches, on small made-up indexes; Python and the browser's engine
must give the same keys (tests/data/search-keys.json). The built site: test_search_relevance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import snowballstemmer
import yaml

from portal.search import search_index
from portal.search.search_index import Document, Section
from tests.support.search import index_file_value
from tests.test_search import engine, run, urls  # noqa: F401  (engine is a fixture)

ROOT = Path(__file__).resolve().parents[1]
KEYS = json.loads((ROOT / "tests" / "data" / "search-keys.json").read_text(encoding="utf-8"))
ENDINGS_FILE = ROOT / "data" / "kichwa-sufijos.yml"
SPANISH = snowballstemmer.stemmer("spanish").stemWord
ENGLISH = snowballstemmer.stemmer("english").stemWord


def doc(url: str, title: str, text: str) -> Document:
    return Document(url, title, [Section("", "", text)])


SPANISH_PAGES = [
    doc("trata.html", "¿Qué es la trata?", "La explotación laboral y la servidumbre son trata."),
    doc("vaca.html", "La vaca", "Una vaca en el campo."),
    doc("baca.html", "La baca del coche", "Una baca lleva maletas. La ley lo permite."),
    doc("hijos.html", "Sus hijos", "Llame si sus hijos corren peligro. Le ayudamos."),
]
ENGLISH_PAGES = [
    doc("trafficking.html", "What is trafficking?", "Trafficking is exploitation: forced labour. Ask for help."),
    doc("help.html", "Get help", "Call 911 for help. A lawyer can help you."),
]
KICHWA_PAGES = [
    doc("wawa.html", "Wawakunapak hayñikuna", 'Wawakunata kamana. <span lang="es">(Proteger a los niños.)</span>'),
    doc("denuncia.html", "Denuncia", "Fiscaliapi denuncia churana. Mamallaktapi kamachiy."),
    doc("wasi.html", "Wasi", "Wasimanta llukshina."),
]


# --- the same keys in Python and JavaScript -------------------------------------------------

def test_words_said_alike_have_one_key_in_python() -> None:
    for word, key in KEYS["phonetic"].items():
        assert search_index.phonetic(search_index.fold(word)) == key, word
    assert KEYS["phonetic"]["ecsplotasion"] == KEYS["phonetic"]["explotación"]
    assert KEYS["phonetic"]["serbidumbre"] == KEYS["phonetic"]["servidumbre"]
    assert KEYS["phonetic"]["ombre"] == KEYS["phonetic"]["hombre"]
    assert KEYS["phonetic"]["guerra"] != KEYS["phonetic"]["gente"][:1] + "erra"  # hard g kept


def test_kichwa_endings_come_off_every_form_in_python() -> None:
    stem = search_index.kichwa_stemmer(KEYS["endings"])
    for word, root in KEYS["kichwa"].items():
        assert stem(search_index.fold(word)) == root, word
    assert {stem(w) for w in ("wawakuna", "wawata", "wawakunapak", "wawakunamantaka")} == {"wawa"}
    assert stem("warmichu") == "warmi"  # "-mi" is not taken off a root of three letters


def test_the_shared_list_uses_the_endings_file() -> None:
    data = yaml.safe_load(ENDINGS_FILE.read_text(encoding="utf-8"))
    assert [e["ending"] for e in data["endings"]] == KEYS["endings"]
    for entry in data["endings"]:
        assert entry["function"] and entry["source"] and entry["example"], entry


@pytest.mark.browser
def test_javascript_gives_the_same_keys_as_python(engine: object) -> None:  # noqa: F811
    got = engine.evaluate(
        """(keys) => {
          const E = PortalSearchEngine, stem = E.stripper(keys.endings);
          const phonetic = {}, kichwa = {};
          for (const word of Object.keys(keys.phonetic)) phonetic[word] = E.phonetic(E.fold(word));
          for (const word of Object.keys(keys.kichwa)) kichwa[word] = stem(E.fold(word));
          return {phonetic, kichwa};
        }""", KEYS)
    assert got == {"phonetic": KEYS["phonetic"], "kichwa": KEYS["kichwa"]}


@pytest.mark.browser
def test_edit_distance_counts_added_dropped_changed_and_swapped_letters(engine: object) -> None:  # noqa: F811
    pairs = [("exploitaton", "exploitation", 1), ("tarta", "trata", 1), ("trata", "trata", 0),
             ("denuncia", "denunica", 1), ("abc", "xyz", 3), ("migracion", "migrasion", 1)]
    got = engine.evaluate("pairs => pairs.map(([a, b]) => PortalSearchEngine.distance(a, b, 5))", pairs)
    assert got == [d for _, _, d in pairs]
    assert engine.evaluate("PortalSearchEngine.distance('abcdef', 'uvwxyz', 2)") == 3  # stops past the limit


# --- index files ------------------------------------------------------------------------------

def test_parts_are_split_by_the_spoken_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "PART_BYTES", 60)
    index = search_index.build(SPANISH_PAGES, SPANISH, search_index.phonetic)
    for number, key in enumerate(index.keys):
        for term in index_file_value(index.files[f"t{number}.js"], f"t{number}"):
            spoken = search_index.phonetic(term)
            assert spoken.startswith(key) or key.startswith(spoken), (term, key)
    part_of = {term: n for n in range(len(index.keys))
               for term in index_file_value(index.files[f"t{n}.js"], f"t{n}")}
    assert part_of["vaca"] == part_of["baca"]  # said alike: one part


def test_the_word_list_by_key_length_leaves_out_numbers() -> None:
    index = search_index.build(ENGLISH_PAGES, ENGLISH)
    lists = {n: index_file_value(index.files[f"v{n}.js"], f"v{n}") for n in index.lengths}
    assert "trafficking" in lists[len("trafficking")]
    assert all("911" not in words for words in lists.values())
    assert lists[len("help")].index("help") < lists[len("help")].index("call")  # on more pages first


def test_line_and_paragraph_separators_are_escaped_in_index_files() -> None:
    page = doc("a.html", "Título\u2028roto", "Texto\u2029con separadores.")
    index = search_index.build([page])
    for name, text in index.files.items():
        assert "\u2028" not in text and "\u2029" not in text, name
    record = index_file_value(index.files["d0_0.js"], "d0_0")
    assert record["t"] == "Título\u2028roto"  # the same text once parsed


# --- the engine ----------------------------------------------------------------------------------

@pytest.mark.browser
def test_spanish_spelt_as_spoken_finds_the_page_and_exact_spelling_ranks_first(engine: object) -> None:  # noqa: F811
    index = search_index.build(SPANISH_PAGES, SPANISH, search_index.phonetic)
    assert urls(run(engine, index, "serbidumbre", phonetic=True)) == ["trata.html"]
    assert urls(run(engine, index, "ecsplotasion", phonetic=True)) == ["trata.html"]
    assert urls(run(engine, index, "ijos", phonetic=True)) == ["hijos.html"]
    assert urls(run(engine, index, "yame", phonetic=True)) == ["hijos.html"]  # "llame"
    assert urls(run(engine, index, "vaca", phonetic=True)) == ["vaca.html", "baca.html"]
    assert urls(run(engine, index, "baca", phonetic=True)) == ["baca.html", "vaca.html"]
    plain = search_index.build(SPANISH_PAGES, SPANISH)
    assert urls(run(engine, plain, "ecsplotasion")) == []  # without the spoken key: three edits


@pytest.mark.browser
def test_typos_match_long_words_below_exact_ones_and_short_words_never(engine: object) -> None:  # noqa: F811
    english = search_index.build(ENGLISH_PAGES, ENGLISH)
    assert urls(run(engine, english, "exploitaton")) == ["trafficking.html"]
    assert urls(run(engine, english, "trafickng")) == ["trafficking.html"]  # two edits at 9 letters
    assert urls(run(engine, english, "lawyr")) == ["help.html"]  # one edit at 5 letters
    assert urls(run(engine, english, "halp")) == []  # four letters: exact only
    spanish = search_index.build(SPANISH_PAGES, SPANISH, search_index.phonetic)
    assert "vaca.html" not in urls(run(engine, spanish, "le", phonetic=True))  # "la" is not "le"
    assert "hijos.html" not in urls(run(engine, spanish, "la", phonetic=True))
    assert urls(run(engine, spanish, "zzzqqq", phonetic=True)) == []  # six letters, said "sk": exact only
    found = run(engine, spanish, "peligo", phonetic=True)  # "peligro"
    assert urls(found) == ["hijos.html"]
    assert "<mark>peligro</mark>" in found["results"][0]["excerpt"]


@pytest.mark.browser
def test_a_typo_in_the_first_letter_is_found_through_the_word_list(engine: object) -> None:  # noqa: F811
    index = search_index.build(ENGLISH_PAGES, ENGLISH)
    found = run(engine, index, "rxploitation")
    assert urls(found) == ["trafficking.html"]
    assert any(name.startswith("v") for name in found["loaded"])
    plain = run(engine, index, "exploitation")
    assert not any(name.startswith("v") for name in plain["loaded"])  # only when needed


@pytest.mark.browser
def test_any_kichwa_form_finds_the_others_and_mixed_queries_need_both(engine: object) -> None:  # noqa: F811
    endings = tuple(KEYS["endings"])
    stem = search_index.kichwa_stemmer(list(endings))
    index = search_index.build(KICHWA_PAGES, stem, search_index.phonetic)

    def find(query: str) -> list[str]:
        return urls(run(engine, index, query, phonetic=True, endings=endings))

    for form in ("wawa", "wawakuna", "wawata", "wawakunapak", "wawakunamantaka"):
        assert find(form) == ["wawa.html"], form
    assert find("wasipi") == ["wasi.html"]
    assert find("mamallakta") == ["denuncia.html"]
    both = run(engine, index, "wawakunata denuncia", phonetic=True, endings=endings)
    assert both["partial"] is True  # no page has both: each is offered as having one
    assert find("wawakuna niños") == ["wawa.html"]  # Kichwa and its Spanish gloss
    assert find("denunsia mamallaktapak") == ["denuncia.html"]  # spoken Spanish + a Kichwa form
    assert urls(run(engine, index, "wawakunapak", phonetic=True)) == ["wawa.html"]  # title word as written


@pytest.mark.browser
def test_when_nothing_matches_the_nearest_word_is_suggested(engine: object) -> None:  # noqa: F811
    index = search_index.build(ENGLISH_PAGES, ENGLISH)
    found = run(engine, index, "xplotaton hlp")  # three edits, and a word of three letters
    assert found["results"] == []
    assert found["suggestion"] == "exploitation help"
    assert run(engine, index, "xyzzy")["suggestion"] == ""  # nothing near
    assert run(engine, index, "help")["suggestion"] == ""  # results: no suggestion


@pytest.mark.browser
def test_a_typed_query_gets_its_suggestion_only_when_asked(engine: object) -> None:  # noqa: F811
    index = search_index.build(ENGLISH_PAGES, ENGLISH)
    found = engine.evaluate(
        """async ([files, keys, documents, vocabulary]) => {
          const {engine, loaded} = portalTestEngine(files, {keys, documents, vocabulary});
          const found = await engine.search("hlp", null, true);  // too short for a typo: no word list
          const before = loaded.slice();
          const suggestion = await found.suggest();
          return {suggestion: found.suggestion, pages: found.pages, before, later: suggestion, loaded};
        }""", [index.files, index.keys, index.documents, index.lengths])
    assert found["pages"] == [] and found["suggestion"] == ""
    assert not any(name.startswith("v") for name in found["before"])  # no word list yet
    assert found["later"] == "help"
    assert any(name.startswith("v") for name in found["loaded"])


def test_word_lists_give_the_key_of_a_word_not_said_as_written() -> None:
    index = search_index.build(SPANISH_PAGES, SPANISH, search_index.phonetic)
    stored = [entry for n in index.lengths for entry in index_file_value(index.files[f"v{n}.js"], f"v{n}")]
    assert ["servidumbre", "serbidumbre"] in stored  # v, as b
    assert "trata" in stored  # said as written: the word alone
    for entry in stored:
        if isinstance(entry, list):
            word, key = entry
            assert key == search_index.phonetic(word) != word


def typed(engine: object, index: search_index.Index, query: str) -> list[str]:  # noqa: F811
    """The files a search loads for a query being typed (no suggestion yet: search-page.js)."""
    return engine.evaluate(
        """async ([files, keys, documents, vocabulary, query]) => {
          const {engine, loaded} = portalTestEngine(files, {keys, documents, vocabulary, phonetic: true});
          await engine.search(query, null, true);
          return loaded;
        }""", [index.files, index.keys, index.documents, index.lengths, query])


@pytest.mark.browser
def test_a_word_that_matches_nothing_fetches_the_word_lists_of_its_next_letter(engine: object) -> None:  # noqa: F811
    index = search_index.build(SPANISH_PAGES, SPANISH, search_index.phonetic)
    lists = {name for name in typed(engine, index, "rtat") if name.startswith("v")}  # nothing: a typo, likely
    assert lists and lists == {f"v{n}" for n in index.lengths if 4 <= n <= 6}, lists  # what «rtata» needs
    assert not [n for n in typed(engine, index, "trat") if n.startswith("v")]  # "trata" starts so
    assert not [n for n in typed(engine, index, "rta") if n.startswith("v")]  # too short for a typo
    long = {n for n in typed(engine, index, "rserbidumb") if n.startswith("v")}  # 10 letters: two edits
    assert {f"v{n}" for n in index.lengths if 9 <= n <= 13} <= long, long
