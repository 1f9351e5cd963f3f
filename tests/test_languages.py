"""Adding a language changes only mkdocs.yml, docs/ and the interface strings (issue 15).

A fixture site gets a fourth language, Portuguese (``pt``), as a copy of the English pages:
mkdocs.yml gains one entry under plugins > i18n > languages, data/interfaz.yml a ``pt:`` line
next to each ``en:`` line. No Python, template or script changes. The built site must have
the language's pages with their lang, hreflang alternates, a switcher entry and a search
index; without its interface strings the build must stop with one message naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.site import REPO, build_scenario

pytestmark = pytest.mark.slow  # builds, servers or generated cases of its own: not in make test-rapido

NEW = "pt"
I18N_ENTRY = """        - locale: pt
          name: Português
          build: true
          site_name: Portal contra o Tráfico de Pessoas
"""


def _add_language(config: str) -> str:
    marker = "\n# Page titles come from"
    assert marker in config
    return config.replace(marker, "\n" + I18N_ENTRY.rstrip("\n") + "\n" + marker, 1)


def _pages() -> dict[str, str]:
    docs = REPO / "docs"
    pages = {md.relative_to(docs).as_posix(): md.read_text(encoding="utf-8") for md in docs.rglob("*.md")}
    for md in (docs / "en").rglob("*.md"):
        pages[f"{NEW}/{md.relative_to(docs / 'en').as_posix()}"] = md.read_text(encoding="utf-8")
    return pages


def _strings_with_new_language() -> str:
    text = (REPO / "data" / "interfaz.yml").read_text(encoding="utf-8")
    return re.sub(r"^(\s+)en: (.*)$", lambda m: f"{m.group(0)}\n{m.group(1)}{NEW}: {m.group(2)}", text, flags=re.M)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fourth-language")
    return build_scenario(root, _pages(), edit_config=_add_language,
                          files={"data/interfaz.yml": _strings_with_new_language()})


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_fourth_language_pages_carry_its_lang_and_hreflang(site: Path) -> None:
    page = _soup(site / NEW / "pide-ayuda.html")
    assert page.html is not None and page.html["lang"] == NEW
    hreflangs = {link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert {"es", "qu-EC", "en", NEW, "x-default"} <= hreflangs
    # and the other languages point at it
    spanish = _soup(site / "pide-ayuda.html")
    assert NEW in {link["hreflang"] for link in spanish.select('link[rel="alternate"][hreflang]')}


def test_fourth_language_is_in_the_switcher(site: Path) -> None:
    page = _soup(site / "index.html")
    switcher = [a for a in page.select("a[hreflang]") if a.get("hreflang") == NEW]
    assert switcher, "no link to the new language in the language switcher"
    assert switcher[0]["href"].rstrip("/").endswith(f"{NEW}/index.html") or f"{NEW}/" in switcher[0]["href"]


def test_fourth_language_has_its_own_search_index(site: Path) -> None:
    search_page = _soup(site / NEW / "buscar.html")
    settings = search_page.select_one("[data-index]")
    assert settings is not None, "the search page has no index settings"
    folder = site / NEW / settings["data-index"]
    parts = list(folder.glob("*.js"))
    assert parts, "no search index written for the new language"
    assert any("Trafficking" in p.read_text(encoding="utf-8") or "trafficking" in p.read_text(encoding="utf-8")
               for p in parts)


def test_fourth_language_in_sitemap(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'hreflang="{NEW}"' in sitemap and f"/{NEW}/pide-ayuda.html" in sitemap


def test_without_its_interface_strings_the_build_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(AssertionError) as failure:
        build_scenario(tmp_path, _pages(), edit_config=_add_language)
    output = str(failure.value)
    assert "data/interfaz.yml: no hay ningún texto de la interfaz en 'pt'" in output
    assert "complete data/interfaz.yml" in output
