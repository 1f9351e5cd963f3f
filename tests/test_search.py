"""The search index (portal/search/search_index.py) and the engine that reads it
(search-engine.js), on small made-up indexes; the built site's search is in test_build,
test_browser and test_offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import snowballstemmer
from hypothesis import given
from hypothesis import strategies as st

from portal.search import search_index
from portal.search.search_index import Document, Section
from tests.support.search import index_file_value

ENGINE = Path(__file__).resolve().parents[1] / "overrides" / "assets" / "javascripts" / "search-engine.js"
# The engine over an index built in the test: its files (name → the text of the .js file the
# site would serve) are run as the browser would run each fetched script, and every name
# loaded is listed, in order. portalTestEngine(files, options) → {engine, loaded}.
ENGINE_HARNESS = """window.portalTestEngine = function (files, options) {
  const loaded = [], store = {};
  const engine = PortalSearchEngine.create(Object.assign({}, options, {load: async function (name) {
    loaded.push(name);
    new Function("portalSearch", files[name + ".js"])(store);
    return store[name];
  }}));
  return {engine: engine, loaded: loaded};
};"""
SPANISH = snowballstemmer.stemmer("spanish").stemWord


def doc(url: str, title: str, *sections: tuple[str, str, str]) -> Document:
    return Document(url, title, [Section(*s) for s in sections])


CORPUS = [
    doc("migrar.html", "¿Cómo migrar de forma segura?",
        ("", "", "Antes de viajar, revise su pasaporte. La migración riesgosa es un peligro."),
        ("Si algo sale mal", "si-algo-sale-mal", "Llame al 911. Puede denunciar la trata en la Fiscalía.")),
    doc("trata.html", "¿Qué es la trata de personas?",
        ("", "", "La trata es un delito. Las víctimas sufren explotación laboral o sexual."),
        ("Mitos", "mitos", "Mito: si la víctima aceptó, no es trata. <b>No</b> es verdad.")),
    doc("ayuda.html", "Pida ayuda",
        ("", "", "Una denuncia es contarle a la autoridad que pasó un delito. Niños y niñas tienen derechos.")),
]


# --- Python: words, pages, parts ------------------------------------------------------------

def test_words_are_folded_like_the_browser_does() -> None:
    assert search_index.fold("MIGRACIÓN Niñas Ünico") == "migracion ninas unico"
    assert search_index.words("¿Qué es la «trata»? 1800-335486, 24/7") == [
        "que", "es", "la", "trata", "1800", "335486", "24", "7"]


def test_a_page_is_split_into_sections_at_headings_with_an_id() -> None:
    html = (
        '<h1 id="titulo">Título<a class="headerlink" href="#titulo">¶</a></h1>'
        "<p>Intro <strong>importante</strong>.</p><script>no()</script>"
        '<h2 id="uno">Uno<a class="headerlink" href="#uno">¶</a></h2><ul><li>a</li><li>b</li></ul>'
        '<div data-search-ignore><p>oculto</p></div>'
        "<h3>Sin id</h3><p>sigue en uno</p>"
        '<h2 id="dos">Dos &amp; tres</h2><p>fin<br>línea</p>'
    )
    page = search_index.document("p.html", "Título", html)
    assert [(s.heading, s.anchor, s.text) for s in page.sections] == [
        ("", "", "Intro importante."),
        ("Uno", "uno", "a b Sin id sigue en uno"),
        ("Dos & tres", "dos", "fin línea"),
    ]


def test_runs_in_another_language_are_kept() -> None:
    html = ('<h2 id="pita">Pitatak kayana?</h2><p>Kayapay. <span lang="es">(Llame al\n 911.)</span> '
            'Kaypi.</p><p lang="es">Todo en <em>español</em>.</p>')
    page = search_index.document("a.html", 'Alli ruraykuna <span lang="es">(buenas prácticas)</span>', html)
    assert page.title == ["Alli ruraykuna ", ["es", "(buenas prácticas)"]]
    [section] = page.sections
    assert section.heading == "Pitatak kayana?"
    assert section.text == ["Kayapay. ", ["es", "(Llame al 911.)"], " Kaypi. ", ["es", "Todo en español."]]
    assert search_index.plain(section.text) == "Kayapay. (Llame al 911.) Kaypi. Todo en español."
    fallback = search_index.build([search_index.document("b.html", "Título", "<p>Texto</p>", lang="es")])
    assert '"l":"es"' in fallback.files["d0_0.js"]
    assert '"l"' not in search_index.build(CORPUS).files["d0_0.js"]


def test_entries_carry_the_stem_length_then_page_weight_block_triples() -> None:
    index = search_index.build(CORPUS, SPANISH)
    parts = load_parts(index)
    denuncia = parts["denuncia"]
    assert denuncia[0] == len("denunci")  # Snowball: denuncia, denunciar -> denunci
    assert search_index.pages_of(denuncia) == [2]  # only ayuda.html (page 2) has "denuncia"
    assert denuncia[3::3] == [0]  # in its first (only) excerpt block
    assert parts["denunciar"][0] == len("denunci")
    assert search_index.build(CORPUS).files != index.files  # no stemmer: stem = whole word
    assert load_parts(search_index.build(CORPUS))["denuncia"][0] == len("denuncia")


def test_pages_are_stored_as_gaps() -> None:
    pages = [doc(f"p{n}.html", "Otra", ("", "", "nada")) for n in range(5)]
    for n in (1, 2, 4):
        pages[n] = doc(f"p{n}.html", "Refugio", ("", "", "texto"))
    entry = load_parts(search_index.build(pages))["refugio"]
    assert entry[1::3] == [1, 1, 2]
    assert search_index.pages_of(entry) == [1, 2, 4]


def test_a_word_in_the_title_weighs_more_than_in_the_text() -> None:
    parts = load_parts(search_index.build(CORPUS))
    trata = dict(zip(search_index.pages_of(parts["trata"]), parts["trata"][2::3], strict=True))
    assert trata[1] > trata[0]  # title + text on trata.html, text only on migrar.html


def test_every_word_is_in_exactly_one_part_named_by_its_first_letters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "PART_BYTES", 60)  # force parts to split
    index = search_index.build(CORPUS)
    assert any(len(key) > 1 for key in index.keys)
    seen: dict[str, str] = {}
    for number, key in enumerate(index.keys):
        for term in part_of(index, number):
            assert term.startswith(key) or key.startswith(term), (term, key)
            assert term not in seen
            seen[term] = key
    assert set(seen) == {w for d in CORPUS for w in search_index.words(
        d.title + " " + " ".join(s.heading + " " + s.text for s in d.sections))}


LONG = " ".join(f"Frase número {n} del texto largo." for n in range(120))  # ~3,800 characters


def long_page() -> Document:
    return doc("largo.html", "Página larga",
               ("", "", "Introducción corta."),
               ("Uno", "uno", "Texto breve de la sección uno."),
               ("Dos", "dos", LONG + " Al final dice fiscalía."),
               ("Tres", "tres", "Cierre con la palabra refugio."))


def test_a_page_is_cut_into_excerpt_blocks_that_keep_headings_and_text() -> None:
    page = long_page()
    blocks = search_index.blocks_of(page)
    assert len(blocks) > 2  # the long section alone needs several blocks
    for block in blocks:
        assert sum(len(s.heading) + len(search_index.plain(s.text)) for s in block) <= search_index.BLOCK_CHARS \
            or len(block) == 1
    assert [s.anchor for s in blocks[0]] == ["", "uno"]  # short sections share a block
    pieces = [s for block in blocks for s in block if s.anchor == "dos"]
    assert len(pieces) > 1 and all(s.heading == "Dos" for s in pieces)  # every piece links to "dos"
    assert " ".join(search_index.plain(s.text) for s in pieces) == LONG + " Al final dice fiscalía."
    assert all(search_index.plain(s.text).endswith(".") for s in pieces)  # cut after a sentence
    index = search_index.build([page])
    assert sorted(n for n in index.files if n.startswith("d")) == sorted(
        f"d0_{n}.js" for n in range(len(blocks)))


# Texts long enough to be cut (a hundred words and more), with sentence ends, commas, and
# words run together (no space: a cut in the middle of a word).
# (Hypothesis draws short lists: a run of words is repeated to reach a few thousand letters.)
_SECTION_TEXT = st.tuples(
    st.lists(
        st.tuples(st.text(alphabet="abcñé", min_size=1, max_size=12), st.sampled_from([" ", ". ", "! ", ", ", ""])),
        max_size=12,
    ),
    st.integers(min_value=1, max_value=120),
).map(lambda drawn: "".join(word + end for word, end in drawn[0]) * drawn[1])


@given(st.lists(st.tuples(st.text(alphabet="abc ", max_size=40), _SECTION_TEXT), min_size=1, max_size=4))
def test_blocks_keep_every_letter_in_order_and_stay_small(sections: list[tuple[str, str]]) -> None:
    page = doc("p.html", "T", *((heading, f"a{n}", text) for n, (heading, text) in enumerate(sections)))
    blocks = search_index.blocks_of(page)
    pieces = [piece for block in blocks for piece in block]
    for n, (heading, text) in enumerate(sections):
        mine = [p for p in pieces if p.anchor == f"a{n}"]
        assert all(p.heading == heading for p in mine)
        assert "".join("".join(search_index.plain(p.text).split()) for p in mine) == "".join(text.split())
    for piece in pieces:
        assert len(search_index.plain(piece.text)) <= max(200, search_index.BLOCK_CHARS - len(piece.heading))


def test_a_cut_keeps_the_language_of_each_run() -> None:
    text = ["Kichwapi. ", ["es", "En español, una frase. Otra frase."], " Kichwa."]
    assert search_index.slice_text(text, 0, 10) == "Kichwapi."
    assert search_index.slice_text(text, 6, 32) == ["pi. ", ["es", "En español, una frase."]]
    assert search_index.slice_text("uno dos", 3, 7) == "dos"


def test_each_entry_points_to_the_block_where_the_word_counts_most() -> None:
    page = long_page()
    blocks = search_index.blocks_of(page)
    parts = load_parts(search_index.build([page]))
    where = {word: parts[word][3] for word in ("fiscalia", "refugio", "introduccion", "pagina")}
    assert any("fiscalía" in search_index.plain(s.text) for s in blocks[where["fiscalia"]])
    assert where["fiscalia"] > 0
    assert any("refugio" in search_index.plain(s.text) for s in blocks[where["refugio"]])
    assert where["introduccion"] == 0
    assert where["pagina"] == 0  # in the title only


def test_the_folder_name_changes_with_the_content() -> None:
    first = search_index.build(CORPUS)
    assert first.version == search_index.build(CORPUS).version
    changed = search_index.build([*CORPUS[:2], doc("ayuda.html", "Pida ayuda", ("", "", "Otro texto."))])
    assert changed.version != first.version


def load_parts(index: search_index.Index) -> dict[str, list[int]]:
    merged: dict[str, list[int]] = {}
    for number in range(len(index.keys)):
        merged.update(part_of(index, number))
    return merged


def part_of(index: search_index.Index, number: int) -> dict[str, list[int]]:
    return index_file_value(index.files[f"t{number}.js"], f"t{number}")


# --- JavaScript: the engine on those indexes, in Chromium -----------------------------------

@pytest.fixture
def engine(browser: object) -> Iterator[object]:
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>engine</title>")
    page.add_script_tag(path=str(ENGINE))
    page.add_script_tag(content=ENGINE_HARNESS)
    yield page
    context.close()


def run(engine: object, index: search_index.Index, query: str, suffixes: tuple[str, ...] = ("s", "es"),
        phonetic: bool = False, endings: tuple[str, ...] = ()) -> dict:
    """Search, then describe every result; also lists the files the search loaded."""
    return engine.evaluate(
        """async ([files, keys, documents, suffixes, vocabulary, phonetic, endings, query]) => {
          const {engine, loaded} = portalTestEngine(files, {keys, documents, suffixes, vocabulary, phonetic, endings});
          const found = await engine.search(query);
          const results = [];
          for (const page of found.pages) results.push(await engine.describe(page, found.terms));
          return {results, loaded, partial: found.partial, suggestion: found.suggestion};
        }""",
        [index.files, index.keys, index.documents, list(suffixes), index.lengths, phonetic, list(endings), query])


def urls(found: dict) -> list[str]:
    return [r["url"].split("#")[0] for r in found["results"]]


@pytest.mark.browser
def test_accents_and_capitals_do_not_matter(engine: object) -> None:
    index = search_index.build(CORPUS, SPANISH)
    assert urls(run(engine, index, "MIGRACION")) == ["migrar.html"]
    assert urls(run(engine, index, "explotacion")) == urls(run(engine, index, "explotación")) == ["trata.html"]
    assert urls(run(engine, index, "ninas")) == ["ayuda.html"]


@pytest.mark.browser
def test_same_stem_plural_and_prefix_match(engine: object) -> None:
    stemmed = search_index.build(CORPUS, SPANISH)
    assert sorted(urls(run(engine, stemmed, "denunciar"))) == ["ayuda.html", "migrar.html"]  # + denuncia
    assert urls(run(engine, search_index.build(CORPUS), "denunciar")) == ["migrar.html"]  # no stemmer
    assert urls(run(engine, stemmed, "pasaportes")) == ["migrar.html"]  # plural of a word on the page
    assert urls(run(engine, stemmed, "verdades")) == ["trata.html"]  # "verdad" + "es"
    assert urls(run(engine, stemmed, "verdades", suffixes=())) == []  # two edits: not a typo at 8 letters
    assert urls(run(engine, stemmed, "explot")) == ["trata.html"]  # a word being typed
    assert urls(run(engine, stemmed, "e")) == []  # one letter matches only the word "e"


@pytest.mark.browser
def test_every_word_must_match_and_titles_rank_first(engine: object) -> None:
    index = search_index.build(CORPUS, SPANISH)
    assert urls(run(engine, index, "trata")) == ["trata.html", "migrar.html"]
    assert urls(run(engine, index, "trata fiscalía")) == ["migrar.html"]
    assert run(engine, index, "trata fiscalía")["partial"] is False
    assert run(engine, index, "   ¿? ") == {"results": [], "loaded": [], "partial": False, "suggestion": ""}


@pytest.mark.browser
def test_without_a_page_that_has_every_word_pages_with_most_words_come_first(engine: object) -> None:
    index = search_index.build(CORPUS, SPANISH)
    found = run(engine, index, "dónde denuncio la trata en quito")  # no page says "quito"
    assert found["partial"] is True
    assert urls(found)[0] == "migrar.html"  # has "la", "trata" and "en"; the others, fewer
    assert set(urls(found)) == {"migrar.html", "trata.html", "ayuda.html"}
    assert run(engine, index, "xyz")["partial"] is False  # one word: nothing to relax
    assert run(engine, index, "xyz qwerty") == {"results": [], "loaded": run(engine, index, "xyz qwerty")["loaded"],
                                                "partial": False, "suggestion": ""}


@pytest.mark.browser
def test_a_search_loads_only_the_parts_and_pages_it_needs(engine: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "PART_BYTES", 60)
    index = search_index.build(CORPUS, SPANISH)
    found = run(engine, index, "fiscalia")
    parts = [name for name in found["loaded"] if name.startswith("t")]
    keys = [index.keys[int(name[1:])] for name in parts]
    assert keys and all("fiscalia".startswith(key) for key in keys), keys
    assert [name for name in found["loaded"] if name.startswith("d")] == ["d0_0"]
    assert urls(found) == ["migrar.html"]


@pytest.mark.browser
def test_words_of_one_or_two_letters_match_only_themselves(engine: object) -> None:
    index = search_index.build(CORPUS, SPANISH)
    assert urls(run(engine, index, "ex")) == []  # not "explotación": a word being typed
    assert urls(run(engine, index, "exp")) == ["trata.html"]  # from three letters
    assert sorted(urls(run(engine, index, "la"))) == ["ayuda.html", "migrar.html", "trata.html"]


@pytest.mark.browser
def test_a_block_fetched_for_an_earlier_query_is_used_when_it_has_the_words(engine: object) -> None:
    filler = " ".join(f"Frase número {n} sin nada." for n in range(60))
    page = doc("largo.html", "Página larga",
               ("Uno", "uno", "Aquí dice beta y también alfa."),
               ("Dos", "dos", filler),
               ("Tres", "tres", "Alfa, alfa y alfa: aquí más alfa."))
    index = search_index.build([page, *CORPUS])
    blocks = search_index.blocks_of(page)
    assert len(blocks) > 2
    alone = run(engine, index, "alfa")["loaded"]
    assert [n for n in alone if n.startswith("d")] == [f"d0_{len(blocks) - 1}"]  # the block with most
    loaded = engine.evaluate(
        """async ([files, keys, documents]) => {
          const {engine, loaded} = portalTestEngine(files, {keys, documents});
          for (const query of ["beta", "alfa"]) {
            const found = await engine.search(query);
            await engine.describe(found.pages[0], found.terms);
          }
          return loaded;
        }""", [index.files, index.keys, index.documents])
    assert [n for n in loaded if n.startswith("d")] == ["d0_0"]  # "alfa" is in it too: no second fetch


@pytest.mark.browser
def test_the_engine_adds_up_the_page_gaps(engine: object) -> None:
    pages = [doc(f"p{n}.html", "Otra", ("", "", "nada")) for n in range(5)]
    for n in (1, 2, 4):
        pages[n] = doc(f"p{n}.html", "Refugio", ("", "", "texto"))
    assert sorted(urls(run(engine, search_index.build(pages), "refugio"))) == ["p1.html", "p2.html", "p4.html"]


@pytest.mark.browser
def test_a_result_fetches_only_the_excerpt_block_with_the_words(engine: object) -> None:
    page = long_page()
    index = search_index.build([page, *CORPUS], SPANISH)
    blocks = search_index.blocks_of(page)
    found = run(engine, index, "fiscalía")
    last = next(n for n, b in enumerate(blocks) if any("fiscalía" in search_index.plain(s.text) for s in b))
    assert sorted(name for name in found["loaded"] if name.startswith("d")) == [f"d0_{last}", "d1_0"]
    [long_result] = [r for r in found["results"] if r["url"].startswith("largo.html")]
    assert long_result["url"] == "largo.html#dos"
    assert "<mark>fiscalía</mark>" in long_result["excerpt"]
    both = run(engine, index, "refugio fiscalía")  # two blocks: the one of the best-scoring word
    assert urls(both) == ["largo.html"]
    assert both["results"][0]["url"] in ("largo.html#dos", "largo.html#tres")
    assert len([name for name in both["loaded"] if name.startswith("d")]) == 1


@pytest.mark.browser
def test_words_on_most_pages_are_not_marked_when_the_query_has_rarer_ones(engine: object) -> None:
    index = search_index.build(CORPUS, SPANISH)
    [result] = run(engine, index, "la fiscalía")["results"]
    assert result["excerpt"] == "Llame al 911. Puede denunciar la trata en la <mark>Fiscalía</mark>."
    only_common = run(engine, index, "la")["results"]  # then it is all there is to mark
    assert all("<mark>La</mark>" in r["excerpt"] or "<mark>la</mark>" in r["excerpt"] for r in only_common)


@pytest.mark.browser
def test_results_mark_what_is_in_another_language(engine: object) -> None:
    kichwa = search_index.document(
        "a.html", 'Alli ruraykuna <span lang="es">(buenas prácticas)</span>',
        '<p>Kayapay 911 yupayman. <span lang="es">(Llame al 911 <b>ahora</b>.)</span></p>')
    spanish = search_index.document("b.html", "Solo en español", "<p>Llame al 911.</p>", lang="es")
    found = run(engine, search_index.build([kichwa, spanish]), "911")["results"]
    assert found[0] == {
        "url": "a.html", "title": 'Alli ruraykuna <span lang="es">(buenas prácticas)</span>', "section": "",
        "excerpt": 'Kayapay <mark>911</mark> yupayman. <span lang="es">(Llame al <mark>911</mark> ahora.)</span>',
        "lang": "",
    }
    assert found[1]["lang"] == "es" and found[1]["url"] == "b.html"


@pytest.mark.browser
def test_result_links_to_the_section_and_marks_the_words_safely(engine: object) -> None:
    index = search_index.build(CORPUS, SPANISH)
    [result] = run(engine, index, "fiscalia")["results"]
    assert result == {
        "url": "migrar.html#si-algo-sale-mal",
        "title": "¿Cómo migrar de forma segura?",
        "section": "Si algo sale mal",
        "excerpt": "Llame al 911. Puede denunciar la trata en la <mark>Fiscalía</mark>.",
        "lang": "",
    }
    [mitos] = [r for r in run(engine, index, "verdad")["results"]]
    assert mitos["url"] == "trata.html#mitos"
    assert "&lt;b&gt;No&lt;/b&gt;" in mitos["excerpt"] and "<b>" not in mitos["excerpt"]
    assert "<mark>verdad</mark>" in mitos["excerpt"]


# --- titles first: what a result shows while the reader is typing ---------------------------

def test_title_files_keep_every_page_in_order_and_stay_small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "TITLE_BYTES", 90)
    pages = [doc(f"p{n}.html", f"Página número {n}", ("", "", "texto")) for n in range(7)]
    pages.append(Document("es.html", "Solo en español", [Section("", "", "texto")], lang="es"))
    index = search_index.build(pages)
    assert index.titles[0] == 0 and len(index.titles) > 2
    records = []
    for number, first in enumerate(index.titles):
        part = index_file_value(index.files[f"p{number}.js"], f"p{number}")
        assert first == len(records), "each file starts where the one before ended"
        assert len(index.files[f"p{number}.js"]) < 90 + 60 or len(part) == 1
        records += part
    assert records == [[f"p{n}.html", f"Página número {n}"] for n in range(7)] + [["es.html", "Solo en español", "es"]]


@pytest.mark.browser
def test_results_show_their_titles_from_the_title_files_without_their_excerpts(
        engine: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "TITLE_BYTES", 90)
    pages = [doc(f"p{n}.html", f"Otra {n}", ("", "", "nada")) for n in range(8)]
    pages[6] = doc("p6.html", "Refugio <seguro>", ("", "", "texto"))
    pages.append(Document("es.html", "Refugio en español", [Section("", "", "texto")], lang="es"))
    index = search_index.build(pages)
    shown = engine.evaluate(
        """async ([files, keys, documents, titles]) => {
          const {engine, loaded} = portalTestEngine(files, {keys, documents, titles});
          const found = await engine.search("refugio");
          return {results: await engine.titles(found.pages), loaded};
        }""", [index.files, index.keys, index.documents, index.titles])
    assert sorted((r["url"], r["title"], r["lang"]) for r in shown["results"]) == [
        ("es.html", "Refugio en español", "es"), ("p6.html", "Refugio &lt;seguro&gt;", "")]
    assert not [name for name in shown["loaded"] if name.startswith("d")], "no excerpt fetched"
    wanted = {f"p{max(n for n, first in enumerate(index.titles) if first <= page)}" for page in (6, 8)}
    assert {name for name in shown["loaded"] if name.startswith("p")} == wanted
