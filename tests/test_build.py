"""The built site: languages, alternates, notices, privacy (assertions on real HTML)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.support.html import page_locale, pages, soup
from tests.support.search import index_file_value
from tests.support.site import build_scenario, language_tag, locales, page_text

LOCALES = locales()
SOURCE = LOCALES[0]


def localized(site: Path, locale: str, name: str) -> Path:
    return site / name if locale == SOURCE else site / locale / name


def source_slugs(repo_docs: Path) -> list[str]:
    return sorted(p.relative_to(repo_docs / SOURCE).with_suffix(".html").as_posix()
                  for p in (repo_docs / SOURCE).rglob("*.md"))


DOCS = Path(__file__).resolve().parents[1] / "docs"
SLUGS = source_slugs(DOCS)


def front_matter(path: Path) -> dict:
    """A page's front matter read with plain YAML (not the hooks' reader)."""
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1]) if text.startswith("---\n") else {}


def test_every_page_exists_in_every_language(site: Path) -> None:
    for locale in LOCALES:
        for slug in SLUGS:
            assert localized(site, locale, slug).exists(), f"{locale}: falta {slug}"


@pytest.mark.parametrize("locale", LOCALES)
def test_html_lang_is_the_bcp47_tag_of_the_language(site: Path, locale: str) -> None:
    expected = language_tag(locale)
    for slug in SLUGS:
        html = soup(localized(site, locale, slug)).html
        assert html["lang"] == expected, f"{locale}/{slug}"


def test_kichwa_uses_a_valid_ecuadorian_tag_not_cusco_quechua() -> None:
    tag = language_tag("qu")
    assert tag in {"qu", "qu-EC"}
    assert not tag.startswith("quz")


def test_hreflang_alternates_point_to_the_same_page_in_each_language(site: Path, site_url: str) -> None:
    for page in pages(site):
        if page.name == "404.html":
            continue
        locale = page_locale(site, page, LOCALES)
        links = {link["hreflang"]: link["href"] for link in soup(page).select('head link[rel="alternate"][hreflang]')}
        assert set(links) == {language_tag(code) for code in LOCALES} | {"x-default"}, page
        relative = page.relative_to(site if locale == SOURCE else site / locale).as_posix()
        for code in LOCALES:
            href = links[language_tag(code)]
            assert href.startswith(site_url), f"{page}: {href} is not absolute"
            assert site / href.removeprefix(site_url) == localized(site, code, relative), f"{page} -> {code}"
        assert links["x-default"] == links[language_tag(SOURCE)]


def test_language_switcher_names_carry_their_own_lang(site: Path) -> None:
    for locale in LOCALES:
        switcher = soup(localized(site, locale, "index.html")).select(".md-select__link")
        assert [a["lang"] for a in switcher] == [language_tag(code) for code in LOCALES]
        assert [a["hreflang"] for a in switcher] == [language_tag(code) for code in LOCALES]


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A mini-site where one page exists only in Spanish."""
    pages = {f"{code}/index.md": page_text(f"Inicio {code}") for code in LOCALES}
    pages["es/solo-espanol.md"] = page_text("Solo en español", "Esta página no tiene traducción.")
    pages |= {f"{code}/404.md": page_text("Página no encontrada") for code in LOCALES}
    pages |= {f"{code}/pide-ayuda.md": page_text("Ayuda") for code in LOCALES}
    # A page whose Kichwa translation a native speaker signed off (front matter native_review).
    pages |= {f"{code}/revisada.md": page_text(f"Revisada {code}") for code in LOCALES}
    pages["qu/revisada.md"] = page_text("Revisada qu").replace(
        "\n---\n\n#", "\nnative_review:\n  reviewer: Persona revisora\n  date: 2026-11-01\n---\n\n#", 1)
    return build_scenario(tmp_path_factory.mktemp("fallback"), pages)


@pytest.mark.slow
def test_kichwa_draft_notice_only_until_a_native_speaker_reviews_the_page(fallback_site: Path) -> None:
    draft = soup(fallback_site / "qu" / "index.html").select(".portal-notice.warning")
    assert draft, "a Kichwa page without native_review says it is a draft"
    reviewed = soup(fallback_site / "qu" / "revisada.html")
    assert reviewed.select_one("h1").get_text(strip=True).startswith("Revisada qu")
    assert reviewed.select(".portal-notice") == [], "native_review: no draft notice"


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES[1:])
def test_untranslated_page_shows_a_notice_in_the_readers_language(fallback_site: Path, locale: str) -> None:
    page = soup(fallback_site / locale / "solo-espanol.html")
    notice = page.select_one(".portal-notice")
    assert notice is not None
    from tests.support.data import data_file

    expected = data_file("ui")["fallback_notice"][locale]  # the interface text, glosses included
    assert " ".join(expected.split()) == " ".join(notice.get_text().split())
    assert page.select_one(".portal-article")["lang"] == language_tag(SOURCE)
    assert page.html["lang"] == language_tag(locale)
    # The switcher still offers this same page in every language.
    links = {a["hreflang"]: a["href"] for a in page.select(".md-select__link")}
    assert links[language_tag(SOURCE)] == "../solo-espanol.html"


@pytest.mark.slow
def test_translated_pages_have_no_fallback_notice(fallback_site: Path) -> None:
    for locale in LOCALES[1:]:
        page = soup(fallback_site / locale / "index.html")
        assert page.select_one(".portal-notice.note") is None
        assert page.select_one(".portal-article").get("lang") is None


@pytest.mark.slow
def test_no_notice_on_spanish_pages(fallback_site: Path) -> None:
    assert soup(fallback_site / "solo-espanol.html").select_one(".portal-notice") is None


def test_kichwa_pages_say_they_are_a_draft_until_reviewed(site: Path) -> None:
    """Every Kichwa page says it is a draft, except those a native speaker signed off."""
    checked = 0
    for slug in SLUGS:
        source = DOCS / "qu" / slug.replace(".html", ".md")
        if not source.exists():
            continue
        checked += 1
        notices = soup(site / "qu" / slug).select(".portal-notice.warning")
        if front_matter(source).get("native_review"):
            assert not notices, f"qu/{slug}: revisada (native_review) pero sigue el aviso de borrador"
        else:
            assert notices, f"qu/{slug}: falta el aviso de borrador"
    assert checked, "no Kichwa page found"


ASSET_ATTRS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
               "video": "src", "audio": "src", "embed": "src", "object": "data"}


def test_no_asset_is_loaded_from_another_origin(site: Path) -> None:
    offenders = []
    for page in pages(site):
        for tag, attr in ASSET_ATTRS.items():
            for element in soup(page).find_all(tag):
                value = element.get(attr) or ""
                if tag == "link" and set(element.get("rel", [])) & {"alternate", "canonical"}:
                    continue
                if re.match(r"^(https?:)?//", value):
                    offenders.append(f"{page}: <{tag} {attr}={value}>")
    assert not offenders, "\n".join(offenders)


def test_no_web_fonts_and_no_analytics(site: Path) -> None:
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        for forbidden in ("fonts.googleapis", "fonts.gstatic", "googletagmanager", "google-analytics", "unpkg.com", "jsdelivr"):
            assert forbidden not in text, f"{page}: {forbidden}"


def test_referrer_policy_and_external_links(site: Path) -> None:
    for page in pages(site):
        document = soup(page)
        assert document.select_one('meta[name="referrer"][content="no-referrer"]'), page
        for link in document.select('a[href^="http"]'):
            rel = set(link.get("rel", []))
            assert {"noopener", "noreferrer"} <= rel, f"{page}: {link}"


def test_help_bar_with_tel_links_on_every_page(site: Path) -> None:
    from tests.support.data import contacts

    numbers = {line["tel"] for line in contacts()["lines"] if line.get("in_help_bar", True)}
    for page in pages(site):
        bar = soup(page).select_one(".portal-help")
        assert bar is not None, page
        assert {a["href"].removeprefix("tel:") for a in bar.select('a[href^="tel:"]')} == numbers, page


def test_quick_exit_is_a_real_link_on_every_page(site: Path) -> None:
    from tests.support.site import mkdocs_config

    target = mkdocs_config()["extra"]["quick_exit_url"]
    for page in pages(site):
        link = soup(page).select_one("a[data-portal-exit]")
        assert link is not None and link["href"] == target, page


def test_each_language_has_its_own_404_page_with_root_relative_base(site: Path) -> None:
    for locale in LOCALES:
        page = soup(localized(site, locale, "404.html"))
        assert page.html["lang"] == language_tag(locale)
        base = page.select_one("head base")["href"]
        assert base == ("/trata/" if locale == SOURCE else f"/trata/{locale}/")
        # Against that base "#…" would open the home page (portal/pages/not_found_page.py).
        assert page.select_one("a.md-skip")["href"].startswith("404.html#")
        assert not page.select('a[href^="#"]')


def indexed_pages(site: Path, locale: str) -> list[dict]:
    """The page records of one language's search index, read back from its files."""
    form = soup(localized(site, locale, "buscar.html")).select_one("#portal-search")
    folder = localized(site, locale, form["data-index"])
    records = []
    for number in range(int(form["data-documents"])):
        # A page is written as excerpt blocks d<n>_<b>.js (portal/search/search_index.py):
        # read back every block, in order, as one record.
        blocks = sorted(folder.glob(f"d{number}_*.js"), key=lambda path: int(path.stem.split("_")[1]))
        assert blocks and [int(path.stem.split("_")[1]) for path in blocks] == list(range(len(blocks))), number
        values = [index_file_value(path.read_text(encoding="utf-8"), path.stem) for path in blocks]
        assert all(value["u"] == values[0]["u"] for value in values), number
        records.append({**values[0], "s": [section for value in values for section in value["s"]]})
    parts = form["data-keys"].split()
    assert parts and all((folder / f"t{n}.js").exists() for n in range(len(parts)))
    assert not (folder / f"t{len(parts)}.js").exists()
    return records


@pytest.mark.parametrize("locale", LOCALES)
def test_each_language_indexes_its_own_pages_and_nothing_else(site: Path, locale: str) -> None:
    root = localized(site, locale, "")
    records = indexed_pages(site, locale)
    urls = {record["u"] for record in records}
    for record in records:
        page = soup(root / record["u"])
        assert page.html["lang"] == language_tag(locale), record["u"]  # incl. Spanish fallbacks
        assert record["t"] and record["s"]
        for heading, anchor, _ in record["s"]:
            assert not anchor or page.find(id=anchor) is not None, (record["u"], anchor)
            assert "¶" not in heading
    assert {"index.html", "que-es-la-trata.html", "pide-ayuda.html", "eventos/index.html"} <= urls
    assert "buscar.html" not in urls and "404.html" not in urls  # search_exclude: true


def test_event_page_buttons_are_not_indexed(site: Path) -> None:
    """'Add to my calendar' and 'See all events' would fill every event's excerpt."""
    [record] = [r for r in indexed_pages(site, "en") if r["u"] == "eventos/dia-internacional-del-migrante.html"]
    text = json.dumps(record, ensure_ascii=False)
    assert "December" in text and "See all events" not in text


def test_search_code_and_index_only_on_the_search_pages(site: Path) -> None:
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        if page.name != "buscar.html":
            assert "search-index" not in text and "search-engine" not in text, page
    assert not (site / "search" / "search_index.json").exists(), "Material's all-language index is back"


def test_search_page_is_not_wrapped_as_an_article(site: Path) -> None:
    for locale in LOCALES:
        assert soup(localized(site, locale, "buscar.html")).select_one(".portal-article") is None
        assert soup(localized(site, locale, "index.html")).select_one(".portal-article") is not None


@pytest.mark.slow
def test_make_build_fails_on_bad_content_and_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    """`make build` builds into site.tmp/ and swaps it in only on success: a page with a
    broken front matter fails the build, in Spanish, naming the file, and site/ is untouched."""
    import os
    import subprocess
    import sys

    from tests.support.site import BUILD_TIMEOUT, clean_env, copy_project

    copy_project(tmp_path)
    published = tmp_path / "site" / "index.html"
    published.parent.mkdir()
    published.write_text("<p>the site as it was</p>", encoding="utf-8")
    page = tmp_path / "docs" / "es" / "pide-ayuda.md"
    page.write_text(page.read_text(encoding="utf-8").replace("description:", "descripton:", 1), encoding="utf-8")
    env = clean_env("http://127.0.0.1:8000/")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    # This test's Python stands in for the copy's .venv (STAMP= skips `make setup`).
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(["make", "--no-print-directory", "build", f"VENV={venv}", "STAMP="],
                            cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
                            timeout=BUILD_TIMEOUT)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "docs/es/pide-ayuda.md" in output and "descripton" in output, output
    assert "Traceback" not in output, output
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["index.html"]
    assert published.read_text(encoding="utf-8") == "<p>the site as it was</p>"


@pytest.mark.slow
def test_build_with_a_relative_config_path(tmp_path: Path) -> None:
    """`mkdocs build -f mkdocs.yml` (the path as typed, relative) builds like `mkdocs build`:
    the content checks once failed with "…/docs/en/404.md is not in the subpath of ''"."""
    pages = {f"{code}/{name}.md": page_text(f"{name} {code}") for code in LOCALES for name in ("index", "404", "pide-ayuda")}
    site = build_scenario(tmp_path, pages, build_args=("-f", "mkdocs.yml"))
    assert (site / "index.html").is_file() and all((site / code / "index.html").is_file() for code in LOCALES[1:])


# --- Icons drawn by the stylesheet (overrides/partials/portal/icon.html, issue 19) ---------

ICON_RULE = re.compile(
    r"\.portal-icon--(?P<name>[a-z0-9-]+)\s*\{\s*--portal-icon:\s*url\(\"data:image/svg\+xml,"
    r"%3Csvg xmlns='http://www\.w3\.org/2000/svg' viewBox='0 0 24 24'%3E%3Cpath d='(?P<path>[^']+)'/%3E%3C/svg%3E\"\);?\s*\}"
)


def icon_rules(css: str) -> dict[str, str]:
    return {match["name"]: match["path"] for match in ICON_RULE.finditer(css)}


def test_icons_are_material_s_own_paths() -> None:
    """Each icon rule of portal.css draws the path of Material's icon of that name (the logo:
    of assets/images/logo.svg): an icon copied wrong, or changed in a new Material, fails
    here with its name."""
    import material

    css = (DOCS.parent / "overrides" / "assets" / "stylesheets" / "portal.css").read_text(encoding="utf-8")
    rules = icon_rules(css)
    assert len(rules) == len(re.findall(r"\.portal-icon--[a-z0-9-]+\s*\{\s*--portal-icon:", css)) >= 13
    icons = Path(material.__file__).parent / "templates" / ".icons" / "material"
    for name, path in rules.items():
        source = DOCS.parent / "overrides" / "assets" / "images" / "logo.svg" if name == "logo" else icons / f"{name}.svg"
        svg = source.read_text(encoding="utf-8")
        assert 'viewBox="0 0 24 24"' in svg and f' d="{path}"/>' in svg, name


def test_pages_carry_no_inline_svg_and_every_icon_has_its_rule(site: Path) -> None:
    """The pages name their icons (a short empty span each) instead of carrying their SVG
    markup; every name a page uses is drawn by the stylesheet the page loads."""
    css = "".join(p.read_text(encoding="utf-8") for p in (site / "assets" / "stylesheets").glob("site.*.css"))
    rules = icon_rules(css)
    used: set[str] = set()
    for page in pages(site):
        document = soup(page)
        assert not document.select("body svg"), f"{page.relative_to(site)}: inline SVG"
        for element in document.select(".portal-icon"):
            names = [c.removeprefix("portal-icon--") for c in element["class"] if c.startswith("portal-icon--")]
            assert len(names) == 1 and not element.contents, f"{page.relative_to(site)}: {element}"
            used.update(names)
    assert used and used <= set(rules), sorted(used - set(rules))


# --- The page's own bytes (issue 19: the next page, assets cached, <= 8 KB) ----------------

# Brotli bytes of each kind of page's HTML (the precompressed .br nginx sends), per language,
# as reached in issue 19 (2026-12-02, the bench's build and this test's) plus ~3 %: a
# template or a hook that makes every page bigger fails here with the page and its size.
# Lower these when pages shrink; raising one needs a reason: the Kichwa content page is at
# the 8 KB target with its headers (test_budgets_keep_the_next_page_within_8_kb).
PAGE_BUDGETS: dict[str, tuple[str, dict[str, int]]] = {
    "home": ("index.html", {"es": 3650, "qu": 4200, "en": 3300}),
    "content": ("que-es-la-trata.html", {"es": 5650, "qu": 7380, "en": 5600}),
    "events index": ("eventos/index.html", {"es": 4350, "qu": 5050, "en": 4250}),
    "event": ("eventos/dia-mundial-contra-la-trata.html", {"es": 3600, "qu": 4400, "en": 3450}),
    "search": ("buscar.html", {"es": 3200, "qu": 3650, "en": 3000}),
    "help card": ("tarjeta-de-ayuda.html", {"es": 3350, "qu": 4300, "en": 3250}),
    "404": ("404.html", {"es": 2400, "qu": 2900, "en": 2350}),
}
NEXT_PAGE_BYTES = 8 * 1024  # issue 19: the HTML and its response headers, assets cached


def document_header_bytes() -> int:
    """The response headers of a page as nginx sends them with the shipped configuration
    (portal/publish/server_config.py), plus nginx's own: status line, Server, Date,
    Content-Type, Content-Length, Last-Modified, ETag, Vary, Content-Encoding, Connection
    (271 bytes measured in Chromium, make bench)."""
    from portal.publish import server_config

    ours = {**server_config.SECURITY_HEADERS, "Cache-Control": server_config.CACHE_HTML}
    return 271 + sum(len(f"{name}: {value}\r\n") for name, value in ours.items())


@pytest.mark.parametrize("kind", PAGE_BUDGETS)
def test_each_kind_of_page_stays_within_its_bytes(site: Path, kind: str) -> None:
    path, budgets = PAGE_BUDGETS[kind]
    over = []
    for locale in LOCALES:
        page = localized(site, locale, path)
        size = len(page.with_name(page.name + ".br").read_bytes())
        if size > budgets[locale]:
            over.append(f"{page.relative_to(site)}: {size} bytes brotli > {budgets[locale]}")
    assert over == []


def test_budgets_keep_the_next_page_within_8_kb() -> None:
    headers = document_header_bytes()
    assert 700 < headers < 1000  # the shipped headers are counted
    for kind, (_path, budgets) in PAGE_BUDGETS.items():
        for locale, budget in budgets.items():
            assert budget + headers <= NEXT_PAGE_BYTES, (kind, locale, budget + headers)


def test_script_strings_carry_what_the_pages_no_longer_do(site: Path) -> None:
    """The quick exit's announcements and the listen controls are in the cached bundle
    (portal/pages/script_strings.py), for every language, and no longer in each page."""
    bundle = next((site / "assets" / "javascripts").glob("site.*.js")).read_text(encoding="utf-8")
    assert bundle.index("data-portal-exit") < bundle.index("window.portalStrings")  # quick exit first
    data = json.loads(re.search(r"window\.portalStrings=(\{.*?\});", bundle, re.S)[1])
    assert set(data) == {language_tag(locale) for locale in LOCALES}
    for tag, entry in data.items():
        assert all(entry[key] for key in ("exitOnce", "exitTwice", "exitLeaving")), tag
        controls = soup_of(entry["listen"])
        assert controls.select_one("button[data-portal-listen-play] .portal-icon--volume-high"), tag
        assert set(entry["messages"]) == {"playing", "paused", "stopped", "ended"}, tag
    assert data["qu-EC"]["voices"] and soup_of(data["qu-EC"]["listen"]).select_one("[data-portal-listen-default]")
    for locale in LOCALES:
        page = soup(localized(site, locale, "que-es-la-trata.html"))
        assert not page.select("[data-once], [data-twice], [data-leaving], [data-portal-listen] *")
        assert page.select_one("[data-portal-listen]") is not None


def soup_of(html: str) -> object:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")
